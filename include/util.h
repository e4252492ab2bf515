/*
 * util.h — small shared helpers: growable string buffer, whole-file reading,
 * UTF-8 validation, checked allocation.
 */
#ifndef PT_UTIL_H
#define PT_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Allocation that cannot fail from the caller's point of view: on out of
 * memory the program prints one line and exits with status 1. */
void *pt_xmalloc(size_t n);
/* Prints "onvoldoende geheugen" and ends the program with status 1: the
 * one way out of memory is handled (also for libcurl's allocations). */
_Noreturn void pt_out_of_memory(void);
void *pt_xcalloc(size_t n, size_t size);
void *pt_xrealloc(void *p, size_t n);
char *pt_xstrdup(const char *s);
char *pt_xstrndup(const char *s, size_t n);

/* Growable NUL-terminated buffer. Initialise with {0}; free with pt_buf_free. */
struct pt_buf {
    char *data;
    size_t len, cap;
};
void pt_buf_add(struct pt_buf *b, const char *s, size_t n);
/* Makes room for n more bytes (and the terminating NUL) after b->len, for
 * writing into b->data + b->len directly. */
void pt_buf_reserve(struct pt_buf *b, size_t n);
void pt_buf_adds(struct pt_buf *b, const char *s);
void pt_buf_addc(struct pt_buf *b, char c);
void pt_buf_printf(struct pt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (caller frees) and resets the buffer. */
char *pt_buf_detach(struct pt_buf *b);
void pt_buf_free(struct pt_buf *b);

/* Reads a whole regular file into *data (caller frees), NUL-terminated, at
 * most max_size bytes. Returns 0, or -1 with a Dutch reason in why. */
int pt_read_file(const char *path, size_t max_size, char **data, size_t *len,
                 char *why, size_t why_size);

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). On false,
 * *bad_offset is the offset of the first bad byte. */
bool pt_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* A positive decimal number up to max written without sign, blank or leading
 * zero ("1", "65535"): true with *out. */
bool pt_parse_positive(const char *s, long max, long *out);

/* The value of a hex digit (either case), or -1. Inline, so that the pure
 * parsers (the receiver's head parser) use it without linking util.c. */
static inline int pt_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) of a query string or form ('+' is a space, %XX a
 * byte) into out, NUL-terminated. False when a '%' is not followed by two
 * hex digits, when a byte decodes to NUL, or when out (size bytes; n + 1
 * always suffice) is too small. */
bool pt_percent_decode(const char *s, size_t n, char *out, size_t size);

/* True when s is an identifier: 1–64 of A-Z a-z 0-9 . _ - */
bool pt_is_identifier(const char *s);

/* Writes v in decimal into buf (at least 21 bytes for any long) and returns
 * the length; like snprintf "%ld" without its cost on hot paths. */
size_t pt_format_long(char *buf, size_t size, long v);

/* Tables of names indexed by an enum: the index of s in names[0..n), -1
 * when it is not there (or s is NULL); and names[i], "?" outside the table.
 * PT_NAMES(t) passes a static table and its length. */
#define PT_NAMES(t) (t), (sizeof (t) / sizeof (t)[0])
int pt_name_index(const char *const *names, size_t n, const char *s);
const char *pt_name_at(const char *const *names, size_t n, size_t i);
/* Defines int fn(const char *s, type *out), the parser of an enum named by
 * table: *out the index of s and 0, or -1 (out untouched) when s is not in it. */
#define PT_NAME_PARSER(fn, type, table)                \
    int fn(const char *s, type *out)                   \
    {                                                  \
        int i_ = pt_name_index(PT_NAMES(table), s);    \
        if (i_ >= 0)                                   \
            *out = (type)i_;                           \
        return i_ < 0 ? -1 : 0;                        \
    }

#endif
