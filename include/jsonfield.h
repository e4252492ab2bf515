/*
 * jsonfield.h — strict reading of our JSON formats.
 *
 * Each loader walks a cJSON tree with these helpers. They keep the JSON path
 * of what they read ("scores[17].level") so every refusal names the place,
 * refuse unknown and duplicate keys, and check types and ranges. Strings
 * returned are copies in the loader's arena. Errors are added to the context's
 * diagnostics and counted; loaders go on to find further problems.
 */
#ifndef PT_JSONFIELD_H
#define PT_JSONFIELD_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "arena.h"
#include "diag.h"

#define PT_JSON_MAX_FILE (16u * 1024u * 1024u)
#define PT_PATH_MAX 256

/* Where errors go when not into diags: called once per error with its path
 * ("" for the input as a whole) and message. */
typedef void (*pt_jsink)(void *cls, const char *path, const char *message);

struct pt_jctx {
    const char *file;
    struct pt_diags *diags;
    struct pt_arena *arena;
    size_t errors;
    pt_jsink sink;              /* NULL: errors go into diags (the loaders) */
    void *sink_cls;
    /* Quote in messages only keys that are a short word of letters, '_'
     * and '-' (no digits: never a BSN, a date or a phone number), as the
     * receiver answers strangers; default: a short token of
     * [A-Za-z0-9._/@-]. */
    bool strict_quotes;
};

/* Parses text[0..len) (text[len] must be '\0'). On a syntax error adds one
 * diagnostic with the line number and returns NULL. Caller frees the tree
 * with cJSON_Delete. */
cJSON *pt_json_parse(const char *text, size_t len, const char *file,
                     struct pt_diags *diags);

/* Reads and parses a JSON file (at most PT_JSON_MAX_FILE, valid UTF-8). */
cJSON *pt_json_load_file(const char *path, struct pt_diags *diags);

void pt_jpath_key(char *out, size_t size, const char *path, const char *key);
void pt_jpath_index(char *out, size_t size, const char *path, size_t i);

/* Adds an error at path (path "" means the file as a whole). */
void pt_jerr(struct pt_jctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Refuses keys of obj not in allowed (NULL-terminated) and repeated keys. */
void pt_jf_only(struct pt_jctx *c, const cJSON *obj, const char *path,
                const char *const *allowed);

/* Checks that root is an object whose "format" is expected. Returns true when
 * it is; otherwise adds an error (missing, unknown or another kind). */
bool pt_jf_format(struct pt_jctx *c, const cJSON *root, const char *expected);

/* The value of a key, or NULL when absent (an error when required). */
const cJSON *pt_jf_get(struct pt_jctx *c, const cJSON *obj, const char *path,
                       const char *key, bool required);

/* A non-empty string: its arena copy, or NULL when absent or wrong. */
const char *pt_jf_string(struct pt_jctx *c, const cJSON *obj, const char *path,
                         const char *key, bool required);
/* An identifier (1–64 of A-Z a-z 0-9 . _ -). */
const char *pt_jf_ident(struct pt_jctx *c, const cJSON *obj, const char *path,
                        const char *key, bool required);
/* An integer in [min, max]. Returns 1 read, 0 absent (def stored), -1 wrong. */
int pt_jf_int(struct pt_jctx *c, const cJSON *obj, const char *path,
              const char *key, bool required, long min, long max, long def,
              long *out);
/* A finite number. Returns 1 read, 0 absent (def stored), -1 wrong. */
int pt_jf_number(struct pt_jctx *c, const cJSON *obj, const char *path,
                 const char *key, bool required, double def, double *out);
/* The same three, allowing null: 1 a value read (*has true), 0 null or
 * absent (*has false; absent is an error when required), -1 wrong. */
int pt_jf_number_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                      const char *key, bool required, bool *has, double *out);
int pt_jf_int_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                   const char *key, bool required, long min, long max, bool *has,
                   long *out);
int pt_jf_bool_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                    const char *key, bool required, bool *has, bool *out);
/* One of values (NULL-terminated), or null when nullable. Returns 1 one of
 * them, 0 null or absent, -1 wrong. */
int pt_jf_enum(struct pt_jctx *c, const cJSON *obj, const char *path, const char *key,
               bool required, const char *const *values, bool nullable);
/* true/false. Returns 1 read, 0 absent (def stored), -1 wrong. */
int pt_jf_bool(struct pt_jctx *c, const cJSON *obj, const char *path,
               const char *key, bool required, bool def, bool *out);
/* An array (maybe empty) or object; NULL when absent or of another type. */
const cJSON *pt_jf_array(struct pt_jctx *c, const cJSON *obj, const char *path,
                         const char *key, bool required);
const cJSON *pt_jf_object(struct pt_jctx *c, const cJSON *obj, const char *path,
                          const char *key, bool required);

/* An SWV code ("PO 27-01", "PO2701", "PO-27-01"), normalised to "PO 27-01". */
const char *pt_jf_swv(struct pt_jctx *c, const cJSON *obj, const char *key);

/* Reads a value that must be an integer: true and *out set, or false. */
bool pt_json_integer(const cJSON *v, long min, long max, long *out);

/* Canonical text of a tree (compact), as an arena copy. */
const char *pt_json_canonical(struct pt_arena *arena, const cJSON *root);

#endif
