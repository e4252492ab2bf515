/*
 * textenc.c — UTF-16 and Windows-1252 to UTF-8 (textenc.h).
 */
#include "textenc.h"

#include <stdio.h>
#include <string.h>

/* Windows-1252 0x80..0x9F; 0 where it defines nothing. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void put_utf8(struct pt_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    pt_buf_add(b, u, n);
}

/* Most of the first code units have a zero byte on one side: UTF-16 text
 * that is mostly ASCII, as score sheets are. */
static enum pt_textenc utf16_guess(const unsigned char *p, size_t len)
{
    size_t pairs = len / 2 < 256 ? len / 2 : 256, lo0 = 0, hi0 = 0;
    for (size_t i = 0; i < pairs; i++) {
        lo0 += p[2 * i] == 0 && p[2 * i + 1] != 0;
        hi0 += p[2 * i + 1] == 0 && p[2 * i] != 0;
    }
    if (pairs >= 4 && hi0 * 10 >= pairs * 7)
        return PT_ENC_UTF16LE;
    if (pairs >= 4 && lo0 * 10 >= pairs * 7)
        return PT_ENC_UTF16BE;
    return PT_ENC_UTF8;
}

enum pt_textenc pt_textenc_detect(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        return PT_ENC_UTF8;
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return PT_ENC_UTF16LE;
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return PT_ENC_UTF16BE;
    enum pt_textenc g = utf16_guess(p, len);
    if (g != PT_ENC_UTF8)
        return g;
    size_t bad = 0;
    if (memchr(p, 0, len) || pt_utf8_valid(data, len, &bad))
        return PT_ENC_UTF8;
    for (size_t i = 0; i < bad; i++)
        if (p[i] >= 0xC2)   /* a valid lead byte before: broken UTF-8 */
            return PT_ENC_UTF8;
    return PT_ENC_CP1252;
}

static int from_cp1252(const unsigned char *p, size_t len, struct pt_buf *out,
                       size_t *bad_line, char *why, size_t whysize)
{
    size_t line = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned long cp = p[i];
        line += p[i] == '\n';
        if (cp >= 0x80 && cp < 0xA0) {
            cp = cp1252_high[cp - 0x80];
            if (!cp) {
                *bad_line = line;
                snprintf(why, whysize, "byte 0x%02X is geen UTF-8 en geen Windows-1252", p[i]);
                return -1;
            }
        }
        put_utf8(out, cp);
    }
    return 0;
}

static int from_utf16(const unsigned char *p, size_t len, bool be, struct pt_buf *out,
                      size_t *bad_line, char *why, size_t whysize)
{
    size_t line = 1, i = 0;
    if (len >= 2 && ((be && p[0] == 0xFE && p[1] == 0xFF) || (!be && p[0] == 0xFF && p[1] == 0xFE)))
        i = 2;
    for (; i + 1 < len; i += 2) {
        unsigned long u = be ? (unsigned long)p[i] << 8 | p[i + 1]
                             : (unsigned long)p[i + 1] << 8 | p[i];
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < len) {
            unsigned long v = be ? (unsigned long)p[i + 2] << 8 | p[i + 3]
                                 : (unsigned long)p[i + 3] << 8 | p[i + 2];
            if (v >= 0xDC00 && v < 0xE000) {
                put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if ((u >= 0xD800 && u < 0xE000) || u == 0) {
            *bad_line = line;
            snprintf(why, whysize, "%s in UTF-16-tekst", u ? "half tekenpaar" : "NUL-teken");
            return -1;
        }
        line += u == '\n';
        put_utf8(out, u);
    }
    if (i < len) {
        *bad_line = line;
        snprintf(why, whysize, "UTF-16-tekst met een oneven aantal bytes");
        return -1;
    }
    return 0;
}

int pt_textenc_to_utf8(const char *data, size_t len, enum pt_textenc enc, struct pt_buf *out,
                       size_t *bad_line, char *why, size_t whysize)
{
    const unsigned char *p = (const unsigned char *)data;
    switch (enc) {
    case PT_ENC_CP1252:
        return from_cp1252(p, len, out, bad_line, why, whysize);
    case PT_ENC_UTF16LE:
    case PT_ENC_UTF16BE:
        return from_utf16(p, len, enc == PT_ENC_UTF16BE, out, bad_line, why, whysize);
    case PT_ENC_UTF8:
        break;
    }
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    pt_buf_add(out, (const char *)p, len);
    return 0;
}

const char *pt_textenc_name(enum pt_textenc enc)
{
    switch (enc) {
    case PT_ENC_UTF16LE: return "UTF-16LE";
    case PT_ENC_UTF16BE: return "UTF-16BE";
    case PT_ENC_CP1252: return "Windows-1252";
    case PT_ENC_UTF8: break;
    }
    return "UTF-8";
}
