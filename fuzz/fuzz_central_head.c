/*
 * fuzz_central_head.c — libFuzzer target for the receiver's own HTTP
 * parsing (issue 14): the request-head parser and the chunked decoder of
 * central_head.c. Invariants that must hold for any input abort when
 * broken:
 *   - a whole head lies inside the input and inside PC_HEAD_MAX, its method
 *     is a token, its target has no CTL, space or NUL, its field names are
 *     tokens and its values hold no CR, LF or NUL; it is not framed by both
 *     Content-Length and chunked;
 *   - the parser is incremental: every prefix of a whole head is "more",
 *     never a refusal, and the head alone parses to the same length;
 *   - a refusal has a status of 400, 417, 431 or 505, a code and a message;
 *   - the chunked decoder gives the same result fed at once or in two
 *     pieces, and never writes past its limit.
 * Built and run by `make fuzz`; seeds in fuzz/corpus/central_head/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "central_head.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LIMIT 4096u

static bool tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static void check_head(const char *buf, size_t size, const struct pc_head *h)
{
    if (h->length > size || h->length > PC_HEAD_MAX || (h->minor != 0 && h->minor != 1) ||
        (h->has_length && h->chunked) || h->method_len == 0 || h->target_len == 0 ||
        h->nfields > PC_HEAD_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < h->method_len; i++)
        if (!tchar((unsigned char)buf[h->method + i]))
            abort();
    for (size_t i = 0; i < h->target_len; i++) {
        unsigned char c = (unsigned char)buf[h->target + i];
        if (c <= 0x20 || c >= 0x7f)
            abort();
    }
    for (size_t k = 0; k < h->nfields; k++) {
        const struct pc_field *f = &h->fields[k];
        if (f->name_len == 0 || f->value + f->value_len > h->length)
            abort();
        for (size_t i = 0; i < f->name_len; i++)
            if (!tchar((unsigned char)buf[f->name + i]))
                abort();
        for (size_t i = 0; i < f->value_len; i++) {
            char c = buf[f->value + i];
            if (c == '\r' || c == '\n' || c == '\0')
                abort();
        }
    }
}

static void check_refusal(const struct pc_refusal *why)
{
    if ((why->status != 400 && why->status != 417 && why->status != 431 &&
         why->status != 505) || !why->code || !why->code[0] || !why->message ||
        !why->message[0])
        abort();
}

static void check_chunked(const char *in, size_t n)
{
    static char one[LIMIT + 1], two[LIMIT + 1];
    struct pc_chunked a, b;
    size_t used_a = 0, used_b1 = 0, used_b2 = 0, len_a = 0, len_b = 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    enum pc_chunk ra = pc_chunked_feed(&a, in, n, &used_a, one, &len_a, LIMIT);
    size_t split = n ? (unsigned char)in[0] % (n + 1) : 0;
    enum pc_chunk rb = pc_chunked_feed(&b, in, split, &used_b1, two, &len_b, LIMIT);
    if (rb == PC_CHUNK_MORE) {
        if (used_b1 != split)
            abort();
        rb = pc_chunked_feed(&b, in + split, n - split, &used_b2, two, &len_b, LIMIT);
        used_b2 += split;
    } else {
        used_b2 = used_b1;
    }
    if (len_a > LIMIT || len_b > LIMIT || used_a > n)
        abort();
    if (ra != rb || (ra != PC_CHUNK_TOO_BIG && (used_a != used_b2 || len_a != len_b ||
                                                 memcmp(one, two, len_a) != 0)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct pc_head h;
    struct pc_refusal why;
    enum pc_parse rc = pc_head_parse(buf, size, &h, &why);
    if (rc == PC_PARSE_REFUSED)
        check_refusal(&why);
    if (rc == PC_PARSE_DONE) {
        check_head(buf, size, &h);
        size_t whole = h.length;
        struct pc_head again;
        if (pc_head_parse(buf, whole, &again, &why) != PC_PARSE_DONE || again.length != whole)
            abort();
        size_t cuts[3] = {whole - 1, whole / 2, whole > 3 ? whole - 3 : 0};
        for (size_t i = 0; i < 3; i++)
            if (pc_head_parse(buf, cuts[i], &again, &why) != PC_PARSE_MORE)
                abort();
        check_chunked(buf + whole, size - whole);
    } else {
        check_chunked(buf, size);
    }
    return 0;
}
