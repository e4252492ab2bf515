/*
 * privacy_norm.c — the privacy guard's normalisation (privacy_scan.h):
 * what copy-paste, autocorrect and PDFs do to text is undone before any
 * matcher looks at it, so that "０６–1234\u200b5678" reads as 06-12345678.
 * Only ever shrinks the text: every folded character is at least as long
 * in UTF-8 as what replaces it. Invalid UTF-8 is copied byte by byte.
 */
#include "privacy_scan.h"

#include <stdint.h>

/* U+00C0–U+00FF and U+0100–U+017F to their base letter; '*' keeps the
 * character (×, ÷, Þ, þ). */
static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUY*saaaaaaaceeeeiiiidnooooo*ouuuuy*y";
static const char latin_a[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLl"
                              "LlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* Decodes one UTF-8 character at p into *cp; returns its length, or 0 when
 * p does not start a valid sequence of 2–4 bytes. A continuation byte is
 * only read after its predecessor was checked, so a NUL ends the walk. */
static size_t decode(const unsigned char *p, uint32_t *cp)
{
    size_t n;
    uint32_t v;
    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
        v = p[0] & 0x1Fu;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        v = p[0] & 0x0Fu;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        v = p[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[k] & 0x3Fu);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return n;
}

/* Digit value of a compatibility digit, or -1. */
static int compat_digit(uint32_t c)
{
    if (c >= 0xFF10 && c <= 0xFF19)
        return (int)(c - 0xFF10);
    if (c >= 0x1D7CE && c <= 0x1D7FF)
        return (int)((c - 0x1D7CE) % 10);
    if (c >= 0x0660 && c <= 0x0669)
        return (int)(c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9)
        return (int)(c - 0x06F0);
    if (c >= 0x0966 && c <= 0x096F)
        return (int)(c - 0x0966);
    if (c >= 0x2070 && c <= 0x2079 && c != 0x2071 && c != 0x2072 && c != 0x2073)
        return (int)(c - 0x2070);
    if (c >= 0x2080 && c <= 0x2089)
        return (int)(c - 0x2080);
    if (c == 0x00B9)
        return 1;
    if (c == 0x00B2 || c == 0x00B3)
        return (int)(c - 0x00B0);
    return -1;
}

/* The ASCII byte a code point folds to, 0 to drop it, or -1 to copy it. */
static int fold(uint32_t c)
{
    int d = compat_digit(c);
    if (d >= 0)
        return '0' + d;
    if (c >= 0xFF01 && c <= 0xFF5E) /* fullwidth ASCII */
        return (int)(c - 0xFEE0);
    if (c >= 0xC0 && c <= 0xFF)
        return latin1[c - 0xC0] == '*' ? -1 : latin1[c - 0xC0];
    if (c >= 0x100 && c <= 0x17F)
        return latin_a[c - 0x100];
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD)
        return 0;
    if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
        return ' ';
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63)
        return '-';
    if (c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x2032 || c == 0xB4)
        return '\'';
    if (c == 0x201C || c == 0x201D || c == 0x201E)
        return '"';
    if (c == 0x2044 || c == 0x2215)
        return '/';
    if (c == 0x2024)
        return '.';
    if (c == 0x2028 || c == 0x2029 || c == 0x85)
        return '\n';
    return -1;
}

size_t pt_priv_normalise(const char *in, unsigned char *out)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t o = 0;
    while (*p) {
        unsigned char c = *p;
        if (c < 0x80) {
            if (c == '\r') {
                out[o++] = '\n';
                p += p[1] == '\n' ? 2 : 1;
                continue;
            }
            out[o++] = c == '\t' ? ' ' : (c == '\v' || c == '\f') ? '\n' : c;
            p++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = decode(p, &cp);
        if (!n) {
            out[o++] = c;
            p++;
            continue;
        }
        int f = fold(cp);
        if (f > 0)
            out[o++] = (unsigned char)f;
        else if (f < 0)
            for (size_t k = 0; k < n; k++)
                out[o++] = p[k];
        p += n;
    }
    out[o] = '\0';
    return o;
}
