/*
 * central_server.h — the receiver's own small HTTP/1.1 server (issue 14).
 * libmicrohttpd answered malformed requests itself, in HTML; this server
 * answers every error in JSON.
 *
 * A thread per connection, at most max_connections at once and
 * per_address per client address (beyond either: a JSON 503 and close).
 * Each request has `timeout` seconds to arrive whole (its head and body,
 * counted from the end of the previous answer or the connection's start,
 * a TLS handshake included); an idle keep-alive connection is closed after
 * the same time. Requests are answered in order (pipelining); HTTP/1.0 and
 * `Connection: close` close after the answer; `Expect: 100-continue` is
 * answered with 100 only after the handler accepted the head (the token is
 * checked before the body is read). Bodies by Content-Length or chunked,
 * at most max_body. TLS (GnuTLS) when a certificate and key are given.
 *
 * The handler sees a neutral request and fills a neutral response; it is
 * called twice per request: `head` when the head is in (answer now, or
 * accept and let the body come), `complete` when the body is in.
 */
#ifndef PC_SERVER_H
#define PC_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <sys/socket.h>

#include "status.h"

struct pc_header {
    const char *name;    /* NUL-terminated, as received */
    const char *value;   /* NUL-terminated, without surrounding white space */
};

struct pc_request {
    const char *method;
    const char *target;  /* the request target, query included */
    const char *path;    /* the target up to '?' */
    const char *query;   /* after '?', or "" */
    const struct pc_header *headers;
    size_t nheaders;
    size_t content_length;   /* announced (0 when chunked or none) */
    bool chunked;
    const char *body;        /* when complete: the body, NUL-terminated */
    size_t body_len;
    void *state;             /* the handler's, per request */
};

#define PC_RESPONSE_HEADERS 1024u

struct pc_response {
    unsigned status;          /* 0: none yet */
    const char *content_type;
    char *body;               /* malloc'd; freed by the server */
    size_t body_len;
    bool close;               /* close the connection after it */
    char headers[PC_RESPONSE_HEADERS];   /* more "Name: value\r\n" lines */
    size_t headers_len;
};

struct pc_handler {
    void *cls;
    /* The head is in: fill resp to answer now (the body is not read and
     * the connection is closed), or leave resp->status 0 to read the body.
     * May set rq->state. */
    void (*head)(void *cls, struct pc_request *rq, struct pc_response *resp);
    /* The body is in (rq->body): fill resp. */
    void (*complete)(void *cls, struct pc_request *rq, struct pc_response *resp);
    /* The request is over (status 0: no answer was sent): log, free state. */
    void (*done)(void *cls, struct pc_request *rq, unsigned status);
};

struct pc_server_options {
    struct sockaddr_storage addr;
    socklen_t addr_len;
    size_t max_body;
    unsigned max_connections;
    unsigned per_address;
    unsigned timeout;          /* seconds */
    const char *tls_cert;      /* PEM files, both or neither */
    const char *tls_key;
};

struct pc_server;

/* Listens (and loads the certificate); *port is the port bound. */
int pc_server_open(const struct pc_server_options *o, const struct pc_handler *h,
                   struct pc_server **out, unsigned *port, struct pt_error *err);

/* Accepts connections in a thread of its own until pc_server_close. */
int pc_server_start(struct pc_server *s, struct pt_error *err);

/* Stops accepting, cuts the open connections, waits for their threads,
 * frees everything. */
void pc_server_close(struct pc_server *s);

/* The value of the first header named name (any case), or NULL. */
const char *pc_request_header(const struct pc_request *rq, const char *name);

/* The query parameter name, percent-decoded into out (size bytes): true
 * when present and it fits. */
bool pc_request_query(const struct pc_request *rq, const char *name, char *out, size_t size);

/* Adds "name: value" to resp; false when there is no room. */
bool pc_response_header(struct pc_response *resp, const char *name, const char *value);

/* The body of resp: a copy of data (len bytes); false when out of memory. */
bool pc_response_body(struct pc_response *resp, unsigned status, const char *content_type,
                      const char *data, size_t len);

/* "praktijktoets-central: " and the message on stderr, one line. */
void pc_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
