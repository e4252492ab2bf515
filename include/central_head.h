/*
 * central_head.h — the strict parser of an HTTP/1.x request head and of a
 * chunked body, for the receiver's own server (central_server.c). Pure: no
 * I/O, no allocation; unit-tested and fuzzed (fuzz/fuzz_central.c).
 *
 * What is accepted (RFC 9112, strictly):
 *   request-line = method SP origin-form SP "HTTP/1." ("0" / "1") CRLF
 *   field-line   = token ":" OWS value OWS CRLF
 * Lines end in CRLF only: a bare LF or a bare CR is refused (RFC 9112 2.2
 * lets a server accept a bare LF; the receiver does not, so that it never
 * reads a head differently from a proxy in front of it). Empty lines
 * before the request line are skipped (RFC 9112 2.2). Refused: obs-fold,
 * white space before the colon, a CTL or NUL in the method, target, a name
 * or a value, a head over PC_HEAD_MAX bytes or PC_HEAD_MAX_FIELDS fields
 * (431), no Host (or two) on HTTP/1.1 (400), an HTTP version other than
 * 1.0 and 1.1 (505), and the framing rules of submission.md: Content-Length
 * with Transfer-Encoding, Content-Length twice, a Content-Length that is
 * not a number, a transfer coding other than exactly "chunked" (400).
 */
#ifndef PC_HEAD_H
#define PC_HEAD_H

#include <stdbool.h>
#include <stddef.h>

#define PC_HEAD_MAX 16384u          /* bytes of a head, the blank line included */
#define PC_HEAD_MAX_FIELDS 100u     /* header fields of a head */

/* One header field: offsets into the parsed buffer (the value without its
 * surrounding white space). */
struct pc_field {
    size_t name, name_len;
    size_t value, value_len;
};

/* Why a head (or a chunked body) was refused: the HTTP status, a JSON
 * error code and a Dutch message (static text). */
struct pc_refusal {
    unsigned status;
    const char *code;
    const char *message;
};

struct pc_head {
    size_t start;                 /* of the request line (after empty lines) */
    size_t method, method_len;
    size_t target, target_len;
    int minor;                    /* HTTP/1.minor: 0 or 1 */
    struct pc_field fields[PC_HEAD_MAX_FIELDS];
    size_t nfields;
    size_t length;                /* bytes of the head, from the buffer's start */
    bool has_length;              /* a Content-Length */
    size_t content_length;        /* its value (saturated at SIZE_MAX) */
    bool chunked;                 /* Transfer-Encoding: chunked */
    bool close;                   /* Connection: close, or HTTP/1.0 without keep-alive */
    bool expect_continue;         /* Expect: 100-continue */
};

enum pc_parse {
    PC_PARSE_DONE,     /* a whole head: h->length bytes */
    PC_PARSE_MORE,     /* no error so far, the head is not whole yet */
    PC_PARSE_REFUSED,  /* *why says why; answer and close */
};

/* Parses the head at the start of buf[0..len). Lines that are whole are
 * checked even while the head is not, so a bad request line is refused
 * before the rest arrives. */
enum pc_parse pc_head_parse(const char *buf, size_t len, struct pc_head *h,
                            struct pc_refusal *why);

/* The first field named name (any case) of a parsed head, or NULL; *len
 * is the value's length. */
const char *pc_head_field(const char *buf, const struct pc_head *h, const char *name,
                          size_t *len);

/* ---- chunked bodies (RFC 9112 7.1) ------------------------------------- */

#define PC_CHUNK_LINE_MAX 1024u      /* a chunk-size line with its extensions */
#define PC_CHUNK_TRAILER_MAX 8192u   /* all trailer lines together */

struct pc_chunked {
    int state;
    size_t remaining;     /* data bytes left in the current chunk */
    size_t line;          /* bytes of the current size or trailer line */
    size_t trailer;       /* bytes of trailer lines */
    size_t digits;        /* hex digits of the current size */
};

enum pc_chunk {
    PC_CHUNK_MORE,        /* all input used, the body is not whole yet */
    PC_CHUNK_DONE,        /* the body is whole; input beyond *used is not its */
    PC_CHUNK_BAD,         /* not chunked framing (400) */
    PC_CHUNK_TOO_BIG,     /* more data than out_cap (413) */
};

/* Decodes in[0..n) with state *c (zeroed for a new body), appending the
 * data to out (*out_len bytes so far; the body may not pass limit bytes,
 * and out must have room for min(limit, *out_len + n) of them: the data is
 * never longer than its framing). *used is what of the input was
 * consumed. A chunk announced beyond the limit is refused before its data
 * comes. Chunk extensions are skipped; trailer fields are checked for
 * their form and dropped. */
enum pc_chunk pc_chunked_feed(struct pc_chunked *c, const char *in, size_t n, size_t *used,
                              char *out, size_t *out_len, size_t limit);

#endif
