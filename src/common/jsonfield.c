/*
 * jsonfield.c — strict reading of our JSON formats (see jsonfield.h).
 */
#include "jsonfield.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "model.h"
#include "util.h"

static void range_text(char *out, size_t size, long min, long max);

cJSON *pt_json_parse(const char *text, size_t len, const char *file,
                     struct pt_diags *diags)
{
    const char *end = NULL;
    size_t bad;

    if (!pt_utf8_valid(text, len, &bad)) {
        size_t line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        char place[32];
        snprintf(place, sizeof place, "%zu", line);
        pt_diag_add(diags, file, place, "geen geldige UTF-8-tekst");
        return NULL;
    }
    if (memchr(text, '\0', len)) {
        pt_diag_add(diags, file, NULL, "bevat een NUL-teken; geen JSON-tekst");
        return NULL;
    }
    /* len + 1: cJSON wants the terminating NUL inside the length when it
     * must check that nothing follows the value (c-engineering.md F). */
    cJSON *root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!root) {
        size_t off = end && end >= text ? (size_t)(end - text) : 0;
        if (off > len)
            off = len;
        size_t line = 1, col = 1;
        for (size_t i = 0; i < off; i++) {
            if (text[i] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        char place[32];
        snprintf(place, sizeof place, "%zu", line);
        if (off >= len)
            pt_diag_add(diags, file, place, "ongeldige JSON: onverwacht einde van het bestand");
        else
            pt_diag_add(diags, file, place, "ongeldige JSON bij kolom %zu", col);
        return NULL;
    }
    return root;
}

cJSON *pt_json_load_file(const char *path, struct pt_diags *diags)
{
    char *text = NULL;
    size_t len = 0;
    char why[256];
    if (pt_read_file(path, PT_JSON_MAX_FILE, &text, &len, why, sizeof why) != 0) {
        pt_diag_add(diags, path, NULL, "%s", why);
        return NULL;
    }
    cJSON *root = pt_json_parse(text, len, path, diags);
    free(text);
    return root;
}

/* Paths are made for every score row (its place), so they are put together
 * with memcpy rather than snprintf (which was 6% of assessing a toetsmap of
 * 4200 scores, make bench); truncated to size like snprintf. */
static void path_put(char *out, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= size)
        return;
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

void pt_jpath_key(char *out, size_t size, const char *path, const char *key)
{
    size_t len = 0;
    if (!size)
        return;
    out[0] = '\0';
    if (path && *path) {
        path_put(out, size, &len, path, strlen(path));
        path_put(out, size, &len, ".", 1);
    }
    path_put(out, size, &len, key, strlen(key));
}

void pt_jpath_index(char *out, size_t size, const char *path, size_t i)
{
    char num[24];
    size_t n = sizeof num;
    num[--n] = ']';
    do {
        num[--n] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    num[--n] = '[';
    size_t len = 0;
    if (!size)
        return;
    out[0] = '\0';
    if (path)
        path_put(out, size, &len, path, strlen(path));
    path_put(out, size, &len, num + n, sizeof num - n);
}

void pt_jerr(struct pt_jctx *c, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->sink)
        c->sink(c->sink_cls, path ? path : "", msg);
    else
        pt_diag_add(c->diags, c->file, path && *path ? path : NULL, "%s", msg);
    c->errors++;
}

static bool letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* A key or format name for a message. Keys come from the file and could in
 * theory carry pupil data, so only a short token of [A-Za-z0-9._/@-] is ever
 * quoted; anything else is left out of the message. */
static bool safe_char(char ch)
{
    return letter(ch) || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-' ||
           ch == '/' || ch == '@';
}

/* A key for a message to a stranger: a short word of letters, '_' and '-'
 * only (strict_quotes). */
static bool word_char(char ch)
{
    return letter(ch) || ch == '_' || ch == '-';
}

/* s copied into out when it is 1..max characters that all pass ok; else
 * false and out empty. */
static bool token(char *out, size_t size, const char *s, size_t max, bool (*ok)(char))
{
    size_t n = strlen(s);
    out[0] = '\0';
    if (n == 0 || n > max || n + 1 > size)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!ok(s[i]))
            return false;
    memcpy(out, s, n + 1);
    return true;
}

static bool safe_token(char *out, size_t size, const char *s)
{
    return token(out, size, s, 40, safe_char);
}

static bool word_token(char *out, size_t size, const char *s)
{
    return token(out, size, s, 32, word_char);
}

void pt_jf_only(struct pt_jctx *c, const cJSON *obj, const char *path,
                const char *const *allowed)
{
    char p[PT_PATH_MAX], k[48];
    for (const cJSON *it = obj ? obj->child : NULL; it; it = it->next) {
        bool known = false;
        for (size_t i = 0; allowed[i] && !known; i++)
            known = strcmp(it->string, allowed[i]) == 0;
        const cJSON *dup = obj->child;
        while (dup != it && strcmp(dup->string, it->string) != 0)
            dup = dup->next;
        if (known && dup == it)
            continue; /* the usual case: no message, so no path (this runs per key
                       * of every score row; snprintf was 4% of an import) */
        bool quotable = c->strict_quotes ? word_token(k, sizeof k, it->string)
                                         : safe_token(k, sizeof k, it->string);
        pt_jpath_key(p, sizeof p, path, quotable ? k : "?");
        if (!known) {
            if (quotable)
                pt_jerr(c, p, "onbekend veld \"%s\" (niet in het formaat)", k);
            else
                pt_jerr(c, p, "onbekend veld (niet in het formaat)");
            continue;
        }
        if (quotable)
            pt_jerr(c, p, "veld \"%s\" komt meer dan eens voor", k);
        else
            pt_jerr(c, p, "veld komt meer dan eens voor");
    }
}

bool pt_jf_format(struct pt_jctx *c, const cJSON *root, const char *expected)
{
    if (!cJSON_IsObject(root)) {
        pt_jerr(c, "", "moet een JSON-object zijn");
        return false;
    }
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!f) {
        pt_jerr(c, "format", "veld format ontbreekt (verwacht \"%s\")", expected);
        return false;
    }
    if (!cJSON_IsString(f)) {
        pt_jerr(c, "format", "format moet een tekst zijn (verwacht \"%s\")", expected);
        return false;
    }
    if (strcmp(f->valuestring, expected) != 0) {
        char k[48];
        if (safe_token(k, sizeof k, f->valuestring))
            pt_jerr(c, "format", "onbekend formaat \"%s\" (verwacht \"%s\")", k, expected);
        else
            pt_jerr(c, "format", "onbekend formaat (verwacht \"%s\")", expected);
        return false;
    }
    return true;
}

const cJSON *pt_jf_get(struct pt_jctx *c, const cJSON *obj, const char *path,
                       const char *key, bool required)
{
    const cJSON *v = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    if (!v && required && obj) {
        char p[PT_PATH_MAX];
        pt_jpath_key(p, sizeof p, path, key);
        pt_jerr(c, p, "verplicht veld ontbreekt");
    }
    return v;
}

/* The error of field key below path; -1, what a reader returns then. */
static int wrong(struct pt_jctx *c, const char *path, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int wrong(struct pt_jctx *c, const char *path, const char *key, const char *fmt, ...)
{
    char p[PT_PATH_MAX], msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pt_jpath_key(p, sizeof p, path, key);
    pt_jerr(c, p, "%s", msg);
    return -1;
}

/* A field of one JSON type (is), or NULL with "moet <want> zijn". */
static const cJSON *typed(struct pt_jctx *c, const cJSON *obj, const char *path,
                          const char *key, bool required, cJSON_bool (*is)(const cJSON *),
                          const char *want)
{
    const cJSON *v = pt_jf_get(c, obj, path, key, required);
    if (v && !is(v)) {
        wrong(c, path, key, "moet %s zijn", want);
        return NULL;
    }
    return v;
}

const char *pt_jf_string(struct pt_jctx *c, const cJSON *obj, const char *path,
                         const char *key, bool required)
{
    const cJSON *v = pt_jf_get(c, obj, path, key, required);
    if (!v)
        return NULL;
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        wrong(c, path, key, "%s", cJSON_IsString(v) ? "mag niet leeg zijn" : "moet een tekst zijn");
        return NULL;
    }
    return pt_arena_strdup(c->arena, v->valuestring);
}

const char *pt_jf_ident(struct pt_jctx *c, const cJSON *obj, const char *path,
                        const char *key, bool required)
{
    const char *s = pt_jf_string(c, obj, path, key, required);
    if (s && !pt_is_identifier(s)) {
        wrong(c, path, key, "geen geldige id (1–64 tekens A-Z a-z 0-9 . _ -)");
        return NULL;
    }
    return s;
}

bool pt_json_integer(const cJSON *v, long min, long max, long *out)
{
    if (!cJSON_IsNumber(v))
        return false;
    double d = v->valuedouble;
    if (!isfinite(d) || floor(d) != d || d < (double)min || d > (double)max)
        return false;
    *out = (long)d;
    return true;
}

/* An integer range for a message: "van A tot en met B", or "≥ A" when B is
 * the largest a count may be. */
static void range_text(char *out, size_t size, long min, long max)
{
    if (max >= 2147483647L)
        snprintf(out, size, "≥ %ld", min);
    else
        snprintf(out, size, "van %ld tot en met %ld", min, max);
}

static bool finite_number(const cJSON *v)
{
    return cJSON_IsNumber(v) && isfinite(v->valuedouble);
}

/* A scalar one of the readers below takes: an integer in [min, max] into
 * *i, a finite number into *d, or true/false into *b. */
struct scalar {
    enum { SC_INT, SC_NUMBER, SC_BOOL } kind;
    long min, max;
    long *i;
    double *d;
    bool *b;
};

static bool scalar_set(const cJSON *v, const struct scalar *x)
{
    switch (x->kind) {
    case SC_INT:
        return pt_json_integer(v, x->min, x->max, x->i);
    case SC_NUMBER:
        if (!finite_number(v))
            return false;
        *x->d = v->valuedouble;
        return true;
    case SC_BOOL:
        if (!cJSON_IsBool(v))
            return false;
        *x->b = cJSON_IsTrue(v);
        return true;
    }
    return false;
}

/* The one reader of scalars: key read as x. has NULL: null is wrong and
 * absent returns 0; else null is allowed, absent is -1 when required, and
 * *has says whether a value was read. 1 read, 0 absent or null, -1 wrong
 * ("moet <what> [of null] zijn" added; out untouched). */
static int read_scalar(struct pt_jctx *c, const cJSON *obj, const char *path,
                       const char *key, bool required, bool *has, const struct scalar *x)
{
    const cJSON *v = pt_jf_get(c, obj, path, key, required);
    if (has)
        *has = false;
    if (!v)
        return has && required ? -1 : 0;
    if (has && cJSON_IsNull(v))
        return 0;
    if (scalar_set(v, x)) {
        if (has)
            *has = true;
        return 1;
    }
    char what[96] = "een getal";
    if (x->kind == SC_INT) {
        char range[64];
        range_text(range, sizeof range, x->min, x->max);
        snprintf(what, sizeof what, "een geheel getal %s", range);
    } else if (x->kind == SC_BOOL) {
        snprintf(what, sizeof what, "%s", has ? "true, false" : "true of false");
    }
    return wrong(c, path, key, "moet %s%s zijn", what, has ? " of null" : "");
}

int pt_jf_int(struct pt_jctx *c, const cJSON *obj, const char *path,
              const char *key, bool required, long min, long max, long def,
              long *out)
{
    *out = def;
    return read_scalar(c, obj, path, key, required, NULL,
                       &(struct scalar){.kind = SC_INT, .min = min, .max = max, .i = out});
}

int pt_jf_number(struct pt_jctx *c, const cJSON *obj, const char *path,
                 const char *key, bool required, double def, double *out)
{
    *out = def;
    return read_scalar(c, obj, path, key, required, NULL,
                       &(struct scalar){.kind = SC_NUMBER, .d = out});
}

int pt_jf_bool(struct pt_jctx *c, const cJSON *obj, const char *path,
               const char *key, bool required, bool def, bool *out)
{
    *out = def;
    return read_scalar(c, obj, path, key, required, NULL,
                       &(struct scalar){.kind = SC_BOOL, .b = out});
}

int pt_jf_number_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                      const char *key, bool required, bool *has, double *out)
{
    return read_scalar(c, obj, path, key, required, has,
                       &(struct scalar){.kind = SC_NUMBER, .d = out});
}

int pt_jf_int_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                   const char *key, bool required, long min, long max, bool *has,
                   long *out)
{
    return read_scalar(c, obj, path, key, required, has,
                       &(struct scalar){.kind = SC_INT, .min = min, .max = max, .i = out});
}

int pt_jf_bool_null(struct pt_jctx *c, const cJSON *obj, const char *path,
                    const char *key, bool required, bool *has, bool *out)
{
    return read_scalar(c, obj, path, key, required, has,
                       &(struct scalar){.kind = SC_BOOL, .b = out});
}

int pt_jf_enum(struct pt_jctx *c, const cJSON *obj, const char *path, const char *key,
               bool required, const char *const *values, bool nullable_)
{
    char words[200];
    const cJSON *v = pt_jf_get(c, obj, path, key, required);
    if (!v)
        return required ? -1 : 0;
    if (nullable_ && cJSON_IsNull(v))
        return 0;
    for (size_t i = 0; cJSON_IsString(v) && values[i]; i++)
        if (strcmp(v->valuestring, values[i]) == 0)
            return 1;
    size_t at = 0;
    words[0] = '\0';
    for (size_t i = 0; values[i] && at < sizeof words; i++) {
        int n = snprintf(words + at, sizeof words - at, "%s%s", i ? ", " : "", values[i]);
        if (n < 0)
            break;
        at += (size_t)n;
    }
    return wrong(c, path, key, "moet een van: %s%s zijn", words, nullable_ ? " of null" : "");
}

const cJSON *pt_jf_array(struct pt_jctx *c, const cJSON *obj, const char *path,
                         const char *key, bool required)
{
    return typed(c, obj, path, key, required, cJSON_IsArray, "een lijst");
}

const cJSON *pt_jf_object(struct pt_jctx *c, const cJSON *obj, const char *path,
                          const char *key, bool required)
{
    return typed(c, obj, path, key, required, cJSON_IsObject, "een object");
}

const char *pt_json_canonical(struct pt_arena *arena, const cJSON *root)
{
    struct pt_buf b = {0};
    if (!pt_json_write(&b, root, false))
        pt_out_of_memory();
    const char *copy = pt_arena_strdup(arena, b.data);
    pt_buf_free(&b);
    return copy;
}

const char *pt_jf_swv(struct pt_jctx *c, const cJSON *obj, const char *key)
{
    const char *s = pt_jf_string(c, obj, "", key, true);
    char norm[16];
    if (!s)
        return NULL;
    if (pt_swv_normalise(s, norm) != 0) {
        pt_jerr(c, key, "geen geldige SWV-code (zoals \"PO 27-01\")");
        return NULL;
    }
    return pt_arena_strdup(c->arena, norm);
}
