/*
 * json_write.c — a cJSON tree as text, the same bytes as libcjson's own
 * printers (see json_write.h).
 */
#include "json_write.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cJSON's test whether a number read back is the same: equal within the
 * relative precision of a double. */
static bool same_double(double a, double b)
{
    double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= max * DBL_EPSILON;
}

/* A number the way cJSON 1.7 prints it: null for NaN and infinities, else
 * "%1.15g", or "%1.17g" when "%1.15g" does not read back as (nearly) the
 * same double. */
static void write_number(struct pt_buf *b, const cJSON *item)
{
    double d = item->valuedouble;
    char tmp[40];
    if (isnan(d) || isinf(d)) {
        pt_buf_add(b, "null", 4);
        return;
    }
    /* An integer, or a value with 1 to 3 decimals, of at most 15
     * significant digits: d is then the double nearest to the decimal
     * r / 10^k, "%1.15g" writes exactly that decimal (fixed notation,
     * trailing zeros dropped) and it reads back as d. */
    static const double scale[] = {1.0, 10.0, 100.0, 1000.0};
    for (int k = 0; k <= 3; k++) {
        double r = round(d * scale[k]);
        if (fabs(r) >= 1e15 || r / scale[k] != d)
            continue;
        unsigned long long u = (unsigned long long)fabs(r);
        unsigned long long p = (unsigned long long)scale[k];
        unsigned long long whole = u / p, frac = u % p;
        char *w = tmp;
        if (signbit(d))
            *w++ = '-'; /* -0 too, as printf writes it */
        w += pt_format_long(w, sizeof tmp - 2, (long)whole);
        if (frac) {
            int digits = k;
            while (frac % 10 == 0) { /* drop trailing zeros */
                frac /= 10;
                digits--;
            }
            *w++ = '.';
            for (int i = digits - 1; i >= 0; i--) {
                w[i] = (char)('0' + frac % 10);
                frac /= 10;
            }
            w += digits;
        }
        pt_buf_add(b, tmp, (size_t)(w - tmp));
        return;
    }
    double back = 0;
    int n = snprintf(tmp, sizeof tmp, "%1.15g", d);
    if (sscanf(tmp, "%lg", &back) != 1 || !same_double(back, d))
        n = snprintf(tmp, sizeof tmp, "%1.17g", d);
    if (n > 0)
        pt_buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A string with cJSON's escapes: \" \\ \b \f \n \r \t, other bytes below 32
 * as \u00xx; everything else (UTF-8 included) as it is. Room for the worst
 * case (6 bytes a byte) is made once, then the bytes go in directly. */
static void write_string(struct pt_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = s ? strlen(s) : 0;
    pt_buf_reserve(b, 6 * len + 2);
    char *w = b->data + b->len;
    *w++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c != '"' && c != '\\') {
            *w++ = (char)c;
            continue;
        }
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    *w++ = '"';
    *w = '\0';
    b->len = (size_t)(w - b->data);
}

/* A newline (formatted only) and depth tabs. */
static void newline_indent(struct pt_buf *b, size_t depth)
{
    pt_buf_reserve(b, depth + 1);
    char *w = b->data + b->len;
    *w++ = '\n';
    memset(w, '\t', depth);
    w += depth;
    *w = '\0';
    b->len = (size_t)(w - b->data);
}

static bool write_value(struct pt_buf *b, const cJSON *item, bool fmt, size_t depth)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL:
        pt_buf_add(b, "null", 4);
        return true;
    case cJSON_False:
        pt_buf_add(b, "false", 5);
        return true;
    case cJSON_True:
        pt_buf_add(b, "true", 4);
        return true;
    case cJSON_Number:
        write_number(b, item);
        return true;
    case cJSON_Raw:
        if (!item->valuestring)
            return false;
        pt_buf_adds(b, item->valuestring);
        return true;
    case cJSON_String:
        write_string(b, item->valuestring);
        return true;
    case cJSON_Array:
        pt_buf_addc(b, '[');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (!write_value(b, c, fmt, depth + 1))
                return false;
            if (c->next)
                pt_buf_add(b, ", ", fmt ? 2 : 1);
        }
        pt_buf_addc(b, ']');
        return true;
    case cJSON_Object:
        /* formatted: "{\n" then per member depth + 1 tabs, "key":<tab>value,
         * a comma between members, "\n" after each, depth tabs and "}" */
        pt_buf_addc(b, '{');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (fmt)
                newline_indent(b, depth + 1);
            write_string(b, c->string);
            pt_buf_add(b, ":\t", fmt ? 2 : 1);
            if (!write_value(b, c, fmt, depth + 1))
                return false;
            if (c->next)
                pt_buf_addc(b, ',');
        }
        if (fmt)
            newline_indent(b, depth);
        pt_buf_addc(b, '}');
        return true;
    default:
        return false;
    }
}

bool pt_json_write(struct pt_buf *b, const cJSON *item, bool formatted)
{
    size_t len = b->len;
    if (item && write_value(b, item, formatted, 0))
        return true;
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
    return false;
}

char *pt_json_print(const cJSON *item, bool formatted)
{
    struct pt_buf b = {0};
    if (!pt_json_write(&b, item, formatted)) {
        pt_buf_free(&b);
        return NULL;
    }
    return pt_buf_detach(&b);
}
