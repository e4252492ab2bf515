/*
 * util.c — allocation, string buffer, file reading, UTF-8 (see util.h).
 */
#include "util.h"
#include "status.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void pt_out_of_memory(void)
{
    fputs("praktijktoets: onvoldoende geheugen\n", stderr);
    exit(1);
}

void *pt_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        pt_out_of_memory();
    return p;
}

void *pt_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        pt_out_of_memory();
    return p;
}

void *pt_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        pt_out_of_memory();
    return q;
}

char *pt_xstrdup(const char *s)
{
    return pt_xstrndup(s, strlen(s));
}

char *pt_xstrndup(const char *s, size_t n)
{
    char *p = pt_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void pt_buf_reserve(struct pt_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = pt_xrealloc(b->data, cap);
    b->cap = cap;
}

void pt_buf_add(struct pt_buf *b, const char *s, size_t n)
{
    pt_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pt_buf_adds(struct pt_buf *b, const char *s)
{
    pt_buf_add(b, s, strlen(s));
}

void pt_buf_addc(struct pt_buf *b, char c)
{
    pt_buf_add(b, &c, 1);
}

void pt_buf_printf(struct pt_buf *b, const char *fmt, ...)
{
    va_list ap;
    /* Straight into the room there is; only when it does not fit, again. */
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        if (room)
            b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        pt_buf_reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

char *pt_buf_detach(struct pt_buf *b)
{
    char *s = b->data ? b->data : pt_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void pt_buf_free(struct pt_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int pt_read_file(const char *path, size_t max_size, char **data, size_t *len,
                 char *why, size_t why_size)
{
    int rc = -1;
    FILE *f = NULL;
    char *buf = NULL;
    struct stat st;

    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "kan niet worden geopend: %s", pt_errno_text(errno));
        goto cleanup;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "is geen gewoon bestand");
        goto cleanup;
    }
    if ((uintmax_t)st.st_size > max_size) {
        snprintf(why, why_size, "is te groot (meer dan %zu bytes)", max_size);
        goto cleanup;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    buf = pt_xmalloc(cap);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n < cap - 1)
            break;
        /* The file grew while reading: allow up to the limit. */
        int c = fgetc(f);
        if (c == EOF)
            break;
        if (n + 1 > max_size) {
            snprintf(why, why_size, "is te groot (meer dan %zu bytes)", max_size);
            goto cleanup;
        }
        cap *= 2;
        buf = pt_xrealloc(buf, cap);
        buf[n++] = (char)c;
    }
    if (ferror(f)) {
        snprintf(why, why_size, "kan niet worden gelezen: %s", pt_errno_text(errno));
        goto cleanup;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
    rc = 0;
cleanup:
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

bool pt_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII eight bytes at a time (memcpy: no alignment assumed). */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = p[i];
        size_t need;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            goto bad;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            goto bad;
        i += need + 1;
    }
    return true;
bad:
    if (bad_offset)
        *bad_offset = i;
    return false;
}

bool pt_is_identifier(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return n >= 1 && n <= 64;
}

size_t pt_format_long(char *buf, size_t size, long v)
{
    char tmp[24];
    size_t n = 0;
    /* Negative digits by hand: -LONG_MIN does not fit in a long. */
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[n++] = '-';
    if (size == 0)
        return n;
    size_t len = n < size ? n : size - 1;
    for (size_t i = 0; i < len; i++)
        buf[i] = tmp[n - 1 - i];
    buf[len] = '\0';
    return len;
}

int pt_name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

const char *pt_name_at(const char *const *names, size_t n, size_t i)
{
    return i < n ? names[i] : "?";
}

bool pt_percent_decode(const char *s, size_t n, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= n)
                return false;
            int hi = pt_hex_digit(s[i + 1]), lo = pt_hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0' || k + 1 >= size)
            return false;
        out[k++] = c;
    }
    out[k] = '\0';
    return true;
}

bool pt_parse_positive(const char *s, long max, long *out)
{
    long v = 0;
    if (!*s || *s == '0')
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}
