/*
 * check_central_head.c — the receiver's strict request-head parser and
 * chunked decoder (central_head.c, issue 14): what is accepted, and for
 * each refusal the status and JSON code the client gets.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_head.h"
#include "suites.h"
#include "util.h"

struct refused {
    const char *what;
    const char *text;
    size_t len;            /* 0: strlen */
    unsigned status;
    const char *code;
};

static enum pc_parse parse(const char *text, size_t len, struct pc_head *h,
                           struct pc_refusal *why)
{
    memset(why, 0, sizeof *why);
    return pc_head_parse(text, len ? len : strlen(text), h, why);
}

START_TEST(head_accepts_a_strict_request)
{
    static const char req[] = "\r\nPOST /v1/results?x=1 HTTP/1.1\r\nHost: x\r\n"
                              "Authorization:   Bearer abc  \r\nContent-Length: 2\r\n"
                              "Expect: 100-Continue\r\nConnection: keep-alive, close\r\n\r\n{}";
    struct pc_head h;
    struct pc_refusal why;
    size_t len = 0;
    ck_assert_int_eq(parse(req, 0, &h, &why), PC_PARSE_DONE);
    ck_assert_uint_eq(h.length, sizeof req - 1 - 2);
    ck_assert_int_eq(h.minor, 1);
    ck_assert_uint_eq(h.start, 2);
    ck_assert_int_eq((int)h.method_len, 4);
    ck_assert_int_eq(memcmp(req + h.method, "POST", 4), 0);
    ck_assert_int_eq(memcmp(req + h.target, "/v1/results?x=1", h.target_len), 0);
    ck_assert_uint_eq(h.nfields, 5);
    const char *auth = pc_head_field(req, &h, "authorization", &len);
    ck_assert_int_eq((int)len, 10);
    ck_assert_int_eq(memcmp(auth, "Bearer abc", 10), 0);
    ck_assert(h.has_length && h.content_length == 2 && !h.chunked);
    ck_assert(h.expect_continue && h.close);

    /* HTTP/1.0: no Host needed, closes unless keep-alive */
    ck_assert_int_eq(parse("GET /healthz HTTP/1.0\r\n\r\n", 0, &h, &why), PC_PARSE_DONE);
    ck_assert(h.close && h.minor == 0);
    ck_assert_int_eq(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", 0, &h, &why),
                     PC_PARSE_DONE);
    ck_assert(!h.close);
    ck_assert_int_eq(parse("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n",
                           0, &h, &why), PC_PARSE_DONE);
    ck_assert(h.chunked && !h.has_length && !h.close);
    /* not whole yet: more, not a refusal */
    ck_assert_int_eq(parse("GET / HTTP/1.1\r\nHo", 0, &h, &why), PC_PARSE_MORE);
    ck_assert_int_eq(parse("GET / HTTP/1.1\r\nHost: x\r\n\r", 0, &h, &why), PC_PARSE_MORE);
    ck_assert_int_eq(parse("", 0, &h, &why), PC_PARSE_MORE);
}
END_TEST

START_TEST(head_refusals_have_status_and_code)
{
    static const char nul_name[] = "GET / HTTP/1.1\r\nHost: x\r\nX-A\0b: c\r\n\r\n";
    static const char nul_value[] = "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\0c\r\n\r\n";
    static const char nul_path[] = "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n";
    static const struct refused cases[] = {
        {"no version", "GET /healthz\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"two spaces", "GET  /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"not origin-form", "GET healthz HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"lower-case version", "GET / http/1.1\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"space after version", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"garbage", "\x01\x02 nonsense \xff\r\n\r\n", 0, 400, "framing"},
        {"8-bit target", "GET /\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"no colon", "GET / HTTP/1.1\r\nHost: x\r\nX-A b\r\n\r\n", 0, 400, "header_syntax"},
        {"empty name", "GET / HTTP/1.1\r\nHost: x\r\n: b\r\n\r\n", 0, 400, "header_syntax"},
        {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 0, 400, "header_syntax"},
        {"obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n", 0, 400,
         "header_syntax"},
        {"NUL in a name", nul_name, sizeof nul_name - 1, 400, "framing"},
        {"NUL in a value", nul_value, sizeof nul_value - 1, 400, "framing"},
        {"NUL in the path", nul_path, sizeof nul_path - 1, 400, "framing"},
        {"CTL in a value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\x7f\r\n\r\n", 0, 400, "framing"},
        {"bare LF", "GET / HTTP/1.1\nHost: x\n\n", 0, 400, "line_end"},
        {"bare LF in a field", "GET / HTTP/1.1\r\nHost: x\n\r\n", 0, 400, "line_end"},
        {"bare CR", "GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", 0, 400, "line_end"},
        {"no Host", "GET / HTTP/1.1\r\n\r\n", 0, 400, "host"},
        {"two Hosts", "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 0, 400, "host"},
        {"HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 0, 505, "http_version"},
        {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", 0, 505, "http_version"},
        {"HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", 0, 505, "http_version"},
        {"CL and TE", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n", 0, 400, "framing"},
        {"CL twice", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                     "Content-Length: 2\r\n\r\n", 0, 400, "framing"},
        {"CL not a number", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2x\r\n\r\n", 0, 400,
         "framing"},
        {"CL signed", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n", 0, 400,
         "framing"},
        {"TE gzip", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 0, 400,
         "framing"},
        {"TE list", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 0,
         400, "framing"},
        {"TE twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n", 0, 400, "framing"},
        {"TE on 1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 400,
         "framing"},
        {"Expect other", "POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 0, 417,
         "expectation"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct pc_head h;
        struct pc_refusal why;
        enum pc_parse rc = parse(cases[i].text, cases[i].len, &h, &why);
        ck_assert_msg(rc == PC_PARSE_REFUSED, "%s: not refused (%d)", cases[i].what, (int)rc);
        ck_assert_msg(why.status == cases[i].status && strcmp(why.code, cases[i].code) == 0,
                      "%s: %u %s, want %u %s", cases[i].what, why.status, why.code,
                      cases[i].status, cases[i].code);
        ck_assert(why.message && why.message[0]);
    }
}
END_TEST

START_TEST(head_limits_are_431)
{
    struct pc_head h;
    struct pc_refusal why;
    size_t cap = PC_HEAD_MAX + 64;
    char *big = malloc(cap + 1);
    /* a head over the limit, whole */
    int n = snprintf(big, cap, "GET / HTTP/1.1\r\nHost: x\r\nX-Long: ");
    memset(big + n, 'a', PC_HEAD_MAX);
    memcpy(big + PC_HEAD_MAX, "\r\n\r\n", 4);
    ck_assert_int_eq(parse(big, PC_HEAD_MAX + 4, &h, &why), PC_PARSE_REFUSED);
    ck_assert_uint_eq(why.status, 431);
    ck_assert_str_eq(why.code, "header_too_large");
    /* and while it is still coming: refused once the limit is reached */
    ck_assert_int_eq(parse(big, PC_HEAD_MAX - 1, &h, &why), PC_PARSE_MORE);
    ck_assert_int_eq(parse(big, PC_HEAD_MAX, &h, &why), PC_PARSE_REFUSED);
    ck_assert_uint_eq(why.status, 431);
    /* too many fields */
    size_t len = (size_t)snprintf(big, cap, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (unsigned i = 0; i < PC_HEAD_MAX_FIELDS; i++)
        len += (size_t)snprintf(big + len, cap - len, "X-%u: y\r\n", i);
    len += (size_t)snprintf(big + len, cap - len, "\r\n");
    ck_assert_int_eq(parse(big, len, &h, &why), PC_PARSE_REFUSED);
    ck_assert_uint_eq(why.status, 431);
    /* exactly the maximum number is fine */
    len = (size_t)snprintf(big, cap, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (unsigned i = 1; i < PC_HEAD_MAX_FIELDS; i++)
        len += (size_t)snprintf(big + len, cap - len, "X-%u: y\r\n", i);
    len += (size_t)snprintf(big + len, cap - len, "\r\n");
    ck_assert_int_eq(parse(big, len, &h, &why), PC_PARSE_DONE);
    ck_assert_uint_eq(h.nfields, PC_HEAD_MAX_FIELDS);
    free(big);
}
END_TEST

/* Decodes text at once with limit; returns the result, out and *used. */
static enum pc_chunk decode(const char *text, size_t limit, char *out, size_t *out_len,
                            size_t *used)
{
    struct pc_chunked c;
    memset(&c, 0, sizeof c);
    *out_len = 0;
    enum pc_chunk rc = pc_chunked_feed(&c, text, strlen(text), used, out, out_len, limit);
    out[*out_len] = '\0';
    return rc;
}

START_TEST(chunked_bodies_strictly)
{
    char out[256];
    size_t len = 0, used = 0;
    static const char good[] = "5;name=\"v\"\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-T: 1\r\n\r\nGET";
    ck_assert_int_eq(decode(good, 100, out, &len, &used), PC_CHUNK_DONE);
    ck_assert_str_eq(out, "hello, world!!!");
    ck_assert_uint_eq(used, sizeof good - 1 - 3);   /* the next request is not the body's */

    /* byte by byte: the same */
    struct pc_chunked c;
    memset(&c, 0, sizeof c);
    len = 0;
    enum pc_chunk rc = PC_CHUNK_MORE;
    size_t i = 0;
    for (; i < sizeof good - 1 && rc == PC_CHUNK_MORE; i++)
        rc = pc_chunked_feed(&c, good + i, 1, &used, out, &len, 100);
    ck_assert_int_eq(rc, PC_CHUNK_DONE);
    ck_assert_uint_eq(i, sizeof good - 1 - 3);
    ck_assert_int_eq(memcmp(out, "hello, world!!!", 15), 0);

    ck_assert_int_eq(decode("5\r\nhel", 100, out, &len, &used), PC_CHUNK_MORE);
    ck_assert_int_eq(decode("5\r\nhelloX\r\n0\r\n\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("g\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode(" 5\r\nhello\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("5 \r\nhello\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("5\nhello\n0\n\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("-5\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("1000000000000000\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("0\r\nX T: 1\r\n\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("0\r\n: 1\r\n\r\n", 100, out, &len, &used), PC_CHUNK_BAD);
    ck_assert_int_eq(decode("0\r\n\r\r", 100, out, &len, &used), PC_CHUNK_BAD);
    /* over the limit: refused when announced, before the data */
    ck_assert_int_eq(decode("65\r\n", 100, out, &len, &used), PC_CHUNK_TOO_BIG);
    ck_assert_int_eq(decode("64\r\n", 100, out, &len, &used), PC_CHUNK_MORE);
    ck_assert_int_eq(decode("32\r\n", 100, out, &len, &used), PC_CHUNK_MORE);
    static char two[160];
    snprintf(two, sizeof two, "32\r\n%050d\r\n33\r\n", 0);
    ck_assert_int_eq(decode(two, 100, out, &len, &used), PC_CHUNK_TOO_BIG);
    ck_assert_uint_eq(len, 50);
}
END_TEST

/* Query values (GET /v1/benchmark?rubric=…) are decoded into a bounded
 * buffer: '+' and %XX decode, a NUL, a broken escape or a value longer
 * than the buffer is refused. The web app's forms use the same decoder. */
START_TEST(query_values_decode_strictly)
{
    char out[8];
    ck_assert(pt_percent_decode("po%2Dx+1", 8, out, sizeof out));
    ck_assert_str_eq(out, "po-x 1");
    ck_assert(pt_percent_decode("", 0, out, sizeof out));
    ck_assert_str_eq(out, "");
    ck_assert(!pt_percent_decode("a%00b", 5, out, sizeof out));
    ck_assert(!pt_percent_decode("a%0", 3, out, sizeof out));
    ck_assert(!pt_percent_decode("a%g1", 4, out, sizeof out));
    ck_assert(pt_percent_decode("1234567", 7, out, sizeof out));
    ck_assert(!pt_percent_decode("12345678", 8, out, sizeof out));
    ck_assert_int_eq(pt_hex_digit('F'), 15);
    ck_assert_int_eq(pt_hex_digit('g'), -1);
}
END_TEST

Suite *central_head_suite(void)
{
    Suite *s = suite_create("central_head");
    TCase *tc = tcase_create("parser");
    tcase_add_test(tc, head_accepts_a_strict_request);
    tcase_add_test(tc, head_refusals_have_status_and_code);
    tcase_add_test(tc, head_limits_are_431);
    tcase_add_test(tc, chunked_bodies_strictly);
    tcase_add_test(tc, query_values_decode_strictly);
    suite_add_tcase(s, tc);
    return s;
}
