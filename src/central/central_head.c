/*
 * central_head.c — the strict request-head and chunked-body parser (see
 * central_head.h). Every refusal names a JSON code and a Dutch reason.
 */
#include "central_head.h"
#include "util.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

static const struct pc_refusal R_LINE = {
    400, "request_line", "de aanvraagregel is onleesbaar (verwacht: METHODE /pad HTTP/1.1)"};
static const struct pc_refusal R_FIELD = {
    400, "header_syntax", "een headerregel is onleesbaar (verwacht: Naam: waarde)"};
static const struct pc_refusal R_SPACE = {
    400, "header_syntax", "witruimte tussen een headernaam en de dubbele punt"};
static const struct pc_refusal R_FOLD = {
    400, "header_syntax", "een headerregel die over meer regels doorloopt (obs-fold)"};
static const struct pc_refusal R_EOL = {
    400, "line_end", "een regel eindigt niet op CRLF"};
static const struct pc_refusal R_CTL = {
    400, "framing", "het verzoek is niet eenduidig: een NUL- of stuurteken in een header of het pad"};
static const struct pc_refusal R_VERSION = {
    505, "http_version", "alleen HTTP/1.0 en HTTP/1.1 worden ondersteund"};
static const struct pc_refusal R_TOO_LARGE = {
    431, "header_too_large", "de headers zijn samen groter dan 16384 bytes of meer dan 100"};
static const struct pc_refusal R_HOST = {
    400, "host", "een HTTP/1.1-verzoek hoort precies een Host-header te hebben"};
static const struct pc_refusal R_CL_TE = {
    400, "framing", "het verzoek is niet eenduidig: Content-Length samen met Transfer-Encoding"};
static const struct pc_refusal R_CL_TWICE = {
    400, "framing", "het verzoek is niet eenduidig: Content-Length meer dan eens"};
static const struct pc_refusal R_CL_BAD = {
    400, "framing", "het verzoek is niet eenduidig: Content-Length is geen getal"};
static const struct pc_refusal R_TE = {
    400, "framing",
    "het verzoek is niet eenduidig: een onbekende Transfer-Encoding (alleen chunked wordt "
    "aangenomen)"};
static const struct pc_refusal R_EXPECT = {
    417, "expectation", "alleen Expect: 100-continue wordt ondersteund"};

/* tchar of RFC 9110 5.6.2. */
static bool is_tchar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A byte that may stand in a field value: VCHAR, obs-text, SP, HTAB. */
static bool is_value_char(unsigned char c)
{
    return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7f);
}

/* The end of the line starting at at: the offset of its CR (the LF
 * follows), or len when the line is not whole. A bare LF or a CR not
 * followed by LF refuses. */
static bool line_end(const char *buf, size_t len, size_t at, size_t *end,
                     struct pc_refusal *why)
{
    for (size_t i = at; i < len; i++) {
        if (buf[i] == '\n') {
            *why = R_EOL;
            return false;
        }
        if (buf[i] == '\r') {
            if (i + 1 < len && buf[i + 1] != '\n') {
                *why = R_EOL;
                return false;
            }
            *end = i;
            return true;
        }
    }
    *end = len;
    return true;
}

/* method SP target SP HTTP/1.x, between at and the CR at end. */
static bool request_line(const char *buf, size_t at, size_t end, struct pc_head *h,
                         struct pc_refusal *why)
{
    size_t i = at;
    while (i < end && is_tchar((unsigned char)buf[i]))
        i++;
    if (i == at || i >= end || buf[i] != ' ')
        goto refused;
    h->method = at;
    h->method_len = i - at;
    size_t t = ++i;
    while (i < end && buf[i] != ' ') {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 || c == 0x7f) {
            *why = R_CTL;
            return false;
        }
        if (c > 0x7f)
            goto refused;
        i++;
    }
    if (i == t || i >= end || buf[t] != '/')
        goto refused;
    h->target = t;
    h->target_len = i - t;
    i++;
    if (end - i != 8 || memcmp(buf + i, "HTTP/", 5) != 0 || buf[i + 6] != '.' ||
        buf[i + 5] < '0' || buf[i + 5] > '9' || buf[i + 7] < '0' || buf[i + 7] > '9')
        goto refused;
    if (buf[i + 5] != '1' || (buf[i + 7] != '0' && buf[i + 7] != '1')) {
        *why = R_VERSION;
        return false;
    }
    h->minor = buf[i + 7] - '0';
    return true;
refused:
    /* a NUL or CTL anywhere in the line is the framing error it is */
    for (size_t k = at; k < end; k++)
        if ((unsigned char)buf[k] < 0x20 || buf[k] == 0x7f) {
            *why = R_CTL;
            return false;
        }
    *why = R_LINE;
    return false;
}

/* name ":" OWS value OWS, between at and the CR at end. */
static bool field_line(const char *buf, size_t at, size_t end, struct pc_field *f,
                       struct pc_refusal *why)
{
    size_t i = at;
    if (buf[at] == ' ' || buf[at] == '\t') {
        *why = R_FOLD;
        return false;
    }
    while (i < end && is_tchar((unsigned char)buf[i]))
        i++;
    if (i < end && (buf[i] == ' ' || buf[i] == '\t') && i > at) {
        *why = R_SPACE;
        return false;
    }
    if (i < end && (buf[i] == '\0' || (unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)) {
        *why = R_CTL;
        return false;
    }
    if (i == at || i >= end || buf[i] != ':') {
        *why = R_FIELD;
        return false;
    }
    f->name = at;
    f->name_len = i - at;
    i++;
    while (i < end && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    size_t v = i, last = i;
    for (; i < end; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (!is_value_char(c)) {
            *why = R_CTL;
            return false;
        }
        if (c != ' ' && c != '\t')
            last = i + 1;
    }
    f->value = v;
    f->value_len = last - v;
    return true;
}

static bool name_is(const char *buf, const struct pc_field *f, const char *name)
{
    return f->name_len == strlen(name) && strncasecmp(buf + f->name, name, f->name_len) == 0;
}

static bool value_is(const char *buf, const struct pc_field *f, const char *v)
{
    return f->value_len == strlen(v) && strncasecmp(buf + f->value, v, f->value_len) == 0;
}

/* True when the comma-separated value of f holds the token tok. */
static bool value_has(const char *buf, const struct pc_field *f, const char *tok)
{
    size_t n = strlen(tok), i = 0;
    const char *v = buf + f->value;
    while (i < f->value_len) {
        while (i < f->value_len && (v[i] == ',' || v[i] == ' ' || v[i] == '\t'))
            i++;
        size_t s = i;
        while (i < f->value_len && v[i] != ',' && v[i] != ' ' && v[i] != '\t')
            i++;
        if (i - s == n && strncasecmp(v + s, tok, n) == 0)
            return true;
    }
    return false;
}

static bool decimal(const char *s, size_t n, size_t *out)
{
    size_t v = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        size_t d = (size_t)(s[i] - '0');
        v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
    }
    *out = v;
    return true;
}

/* The meaning of the fields for framing: lengths, codings, Host, Connection,
 * Expect. */
static bool framing(const char *buf, struct pc_head *h, struct pc_refusal *why)
{
    size_t hosts = 0, lengths = 0, codings = 0;
    bool keep_alive = false;
    for (size_t k = 0; k < h->nfields; k++) {
        const struct pc_field *f = &h->fields[k];
        if (name_is(buf, f, "Host")) {
            hosts++;
        } else if (name_is(buf, f, "Content-Length")) {
            if (lengths++ > 0) {
                *why = R_CL_TWICE;
                return false;
            }
            if (!decimal(buf + f->value, f->value_len, &h->content_length)) {
                *why = R_CL_BAD;
                return false;
            }
            h->has_length = true;
        } else if (name_is(buf, f, "Transfer-Encoding")) {
            if (codings++ > 0 || !value_is(buf, f, "chunked") || h->minor == 0) {
                *why = R_TE;
                return false;
            }
            h->chunked = true;
        } else if (name_is(buf, f, "Connection")) {
            h->close = h->close || value_has(buf, f, "close");
            keep_alive = keep_alive || value_has(buf, f, "keep-alive");
        } else if (name_is(buf, f, "Expect")) {
            if (!value_is(buf, f, "100-continue")) {
                *why = R_EXPECT;
                return false;
            }
            h->expect_continue = h->minor == 1;
        }
    }
    if (h->has_length && h->chunked) {
        *why = R_CL_TE;
        return false;
    }
    if (h->minor == 1 ? hosts != 1 : hosts > 1) {
        *why = R_HOST;
        return false;
    }
    if (h->minor == 0 && !keep_alive)
        h->close = true;
    return true;
}

enum pc_parse pc_head_parse(const char *buf, size_t len, struct pc_head *h,
                            struct pc_refusal *why)
{
    size_t at = 0, end = 0;
    memset(h, 0, sizeof *h);
    /* empty lines before the request line (a client's CRLF after a body) */
    while (at + 1 < len && at < 8 && buf[at] == '\r' && buf[at + 1] == '\n')
        at += 2;
    h->start = at;
    if (!line_end(buf, len, at, &end, why))
        return PC_PARSE_REFUSED;
    if (end + 1 >= len)
        goto more;
    if (!request_line(buf, at, end, h, why))
        return PC_PARSE_REFUSED;
    for (at = end + 2;; at = end + 2) {
        if (!line_end(buf, len, at, &end, why))
            return PC_PARSE_REFUSED;
        if (end == len || end + 1 >= len)
            goto more;
        if (end == at)
            break;   /* the blank line */
        if (h->nfields == PC_HEAD_MAX_FIELDS) {
            *why = R_TOO_LARGE;
            return PC_PARSE_REFUSED;
        }
        if (!field_line(buf, at, end, &h->fields[h->nfields++], why))
            return PC_PARSE_REFUSED;
    }
    h->length = end + 2;
    if (h->length > PC_HEAD_MAX) {
        *why = R_TOO_LARGE;
        return PC_PARSE_REFUSED;
    }
    return framing(buf, h, why) ? PC_PARSE_DONE : PC_PARSE_REFUSED;
more:
    if (len >= PC_HEAD_MAX) {
        *why = R_TOO_LARGE;
        return PC_PARSE_REFUSED;
    }
    return PC_PARSE_MORE;
}

const char *pc_head_field(const char *buf, const struct pc_head *h, const char *name,
                          size_t *len)
{
    for (size_t k = 0; k < h->nfields; k++)
        if (name_is(buf, &h->fields[k], name)) {
            *len = h->fields[k].value_len;
            return buf + h->fields[k].value;
        }
    *len = 0;
    return NULL;
}

/* ---- chunked ------------------------------------------------------------- */

enum {
    C_SIZE = 0,     /* hex digits of a chunk size */
    C_EXT,          /* a chunk extension, up to CR */
    C_SIZE_LF,      /* LF after the size line */
    C_DATA,
    C_DATA_CR,
    C_DATA_LF,
    C_TRAILER,      /* start of a trailer line, or CR of the last line */
    C_TRAILER_NAME, /* a trailer field's name, up to ':' */
    C_TRAILER_VALUE,
    C_TRAILER_LF,
    C_LAST_LF,
};

/* One byte of a size line, CRLF or a trailer: the next state, or -1. */
static int frame_byte(struct pc_chunked *c, char ch)
{
    unsigned char u = (unsigned char)ch;
    switch (c->state) {
    case C_SIZE:
        if (pt_hex_digit(ch) >= 0) {
            if (++c->digits > 15)
                return -1;
            c->remaining = c->remaining * 16 + (size_t)pt_hex_digit(ch);
            return C_SIZE;
        }
        if (c->digits == 0)
            return -1;
        return ch == ';' ? C_EXT : ch == '\r' ? C_SIZE_LF : -1;
    case C_EXT:
        if (++c->line > PC_CHUNK_LINE_MAX)
            return -1;
        return ch == '\r' ? C_SIZE_LF : is_value_char(u) ? C_EXT : -1;
    case C_SIZE_LF:
        if (ch != '\n')
            return -1;
        return c->remaining ? C_DATA : C_TRAILER;
    case C_DATA_CR:
        return ch == '\r' ? C_DATA_LF : -1;
    case C_DATA_LF:
        return ch == '\n' ? C_SIZE : -1;
    case C_TRAILER:
        if (ch == '\r')
            return C_LAST_LF;
        return is_tchar(u) ? C_TRAILER_NAME : -1;
    case C_TRAILER_NAME:
        return ch == ':' ? C_TRAILER_VALUE : is_tchar(u) ? C_TRAILER_NAME : -1;
    case C_TRAILER_VALUE:
        return ch == '\r' ? C_TRAILER_LF : is_value_char(u) ? C_TRAILER_VALUE : -1;
    case C_TRAILER_LF:
        return ch == '\n' ? C_TRAILER : -1;
    default:
        return -1;
    }
}

enum pc_chunk pc_chunked_feed(struct pc_chunked *c, const char *in, size_t n, size_t *used,
                              char *out, size_t *out_len, size_t limit)
{
    size_t i = 0;
    while (i < n) {
        if (c->state == C_DATA) {
            size_t take = n - i < c->remaining ? n - i : c->remaining;
            if (take > limit - *out_len) {
                *used = i;
                return PC_CHUNK_TOO_BIG;
            }
            memcpy(out + *out_len, in + i, take);
            *out_len += take;
            c->remaining -= take;
            i += take;
            if (c->remaining == 0)
                c->state = C_DATA_CR;
            continue;
        }
        if (c->state == C_LAST_LF) {
            *used = i + 1;
            return in[i] == '\n' ? PC_CHUNK_DONE : PC_CHUNK_BAD;
        }
        if (c->state >= C_TRAILER && ++c->trailer > PC_CHUNK_TRAILER_MAX) {
            *used = i;
            return PC_CHUNK_BAD;
        }
        int next = frame_byte(c, in[i]);
        if (next < 0) {
            *used = i;
            return PC_CHUNK_BAD;
        }
        if (next == C_SIZE && c->state == C_DATA_LF) {
            c->digits = 0;
            c->line = 0;
            c->remaining = 0;
        }
        if (next == C_DATA && c->remaining > limit - *out_len) {
            *used = i + 1;
            return PC_CHUNK_TOO_BIG;   /* announced: refused before it comes */
        }
        c->state = next;
        i++;
    }
    *used = n;
    return PC_CHUNK_MORE;
}
