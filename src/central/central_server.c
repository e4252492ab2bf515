/*
 * central_server.c — the receiver's HTTP/1.1 server (see central_server.h):
 * listening, the connection limits, the deadline per request, keep-alive
 * and pipelining, 100-continue, Content-Length and chunked bodies, TLS with
 * GnuTLS, every error in JSON.
 *
 * The accept thread counts connections (in all and per address) under the
 * server's lock and gives each one a detached thread; a connection over a
 * limit gets a JSON 503 at once (plain HTTP; over TLS it is closed: no
 * handshake without a slot) and is closed. A connection thread reads with
 * poll(2) against a deadline: its request must arrive whole within
 * `timeout` seconds, however slowly it trickles. pc_server_close shuts down
 * every open socket under the lock (a thread unlinks its connection under
 * the same lock before closing the socket, so no reused number is hit) and
 * waits until the last thread has left.
 */
#include "central_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>
#include <gnutls/gnutls.h>

#include "central.h"
#include "central_head.h"
#include "central_request.h"
#include "central_token.h"
#include "util.h"

#define IO_TIMEOUT (-2)
#define BUF_SIZE (PC_HEAD_MAX + 4096u)
#define LINGER_MS 100          /* quiet time before a refused connection is closed */
#define LINGER_BYTES (1u << 20)

struct peer {
    int family;
    unsigned char addr[16];
    unsigned count;
};

struct conn {
    struct pc_server *srv;
    int fd;
    gnutls_session_t tls;
    struct peer key;
    long long deadline;        /* ms, CLOCK_MONOTONIC */
    char buf[BUF_SIZE];
    size_t len;                /* bytes in buf */
    char *head;                /* the current head, NUL-terminated pieces */
    struct pc_header headers[PC_HEAD_MAX_FIELDS];
    struct conn *prev, *next;
};

struct pc_server {
    struct pc_server_options o;
    struct pc_handler h;
    int listen_fd;
    int wake[2];               /* the accept thread's stop signal */
    pthread_t acceptor;
    bool accepting;
    gnutls_certificate_credentials_t cred;
    gnutls_priority_t prio;
    bool tls;
    pthread_mutex_t lock;      /* conns, nconns, peers, stopping */
    pthread_cond_t idle;       /* nconns went to 0 */
    struct conn *conns;
    unsigned nconns;
    struct peer *peers;        /* max_connections entries; count 0: free */
    bool stopping;
};

void pc_log(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s\n", PC_PROGRAM, line);
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static const char *reason(unsigned status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

/* ---- the neutral request and response ------------------------------------ */

const char *pc_request_header(const struct pc_request *rq, const char *name)
{
    for (size_t i = 0; i < rq->nheaders; i++)
        if (strcasecmp(rq->headers[i].name, name) == 0)
            return rq->headers[i].value;
    return NULL;
}

bool pc_request_query(const struct pc_request *rq, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    const char *p = rq->query;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t plen = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', plen);
        size_t klen = eq ? (size_t)(eq - p) : plen;
        if (klen == nlen && strncmp(p, name, nlen) == 0) {
            const char *v = eq ? eq + 1 : p + plen;
            return pt_percent_decode(v, (size_t)(p + plen - v), out, size);
        }
        p += plen + (amp ? 1 : 0);
    }
    return false;
}

bool pc_response_header(struct pc_response *resp, const char *name, const char *value)
{
    size_t room = sizeof resp->headers - resp->headers_len;
    int n = snprintf(resp->headers + resp->headers_len, room, "%s: %s\r\n", name, value);
    if (n < 0 || (size_t)n >= room) {
        resp->headers[resp->headers_len] = '\0';
        return false;
    }
    resp->headers_len += (size_t)n;
    return true;
}

bool pc_response_body(struct pc_response *resp, unsigned status, const char *content_type,
                      const char *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, data, len);
    copy[len] = '\0';
    free(resp->body);
    resp->body = copy;
    resp->body_len = len;
    resp->status = status;
    resp->content_type = content_type;
    return true;
}

/* A JSON error answer of the server itself; the connection closes. */
static void error_response(struct pc_response *resp, unsigned status, const char *code,
                           const char *message)
{
    static const char fallback[] =
        "{\"error\":\"internal\",\"message\":\"interne fout van de ontvanger\"}";
    char *json = pc_error_json(code, message);
    if (!json || !pc_response_body(resp, status, "application/json", json, strlen(json)))
        pc_response_body(resp, 500, "application/json", fallback, sizeof fallback - 1);
    cJSON_free(json);
    resp->close = true;
}

/* ---- I/O with a deadline, plain or TLS -------------------------------------- */

/* Waits until fd is readable (events POLLIN) or writable before the
 * deadline: 1 ready, IO_TIMEOUT, or -1. */
static int wait_fd(int fd, short events, long long deadline)
{
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return IO_TIMEOUT;
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, left > 1000000 ? 1000000 : (int)left);
        if (n > 0)
            return 1;
        if (n < 0 && errno != EINTR)
            return -1;
    }
}

/* Reads up to n bytes: > 0 read, 0 end of stream, -1 error, IO_TIMEOUT. */
static ssize_t conn_recv(struct conn *c, char *out, size_t n, long long deadline)
{
    for (;;) {
        if (c->tls) {
            if (gnutls_record_check_pending(c->tls) == 0) {
                int w = wait_fd(c->fd, POLLIN, deadline);
                if (w != 1)
                    return w;
            }
            ssize_t r = gnutls_record_recv(c->tls, out, n);
            if (r >= 0)
                return r;
            if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
                continue;
            return r == GNUTLS_E_PREMATURE_TERMINATION ? 0 : -1;
        }
        int w = wait_fd(c->fd, POLLIN, deadline);
        if (w != 1)
            return w;
        ssize_t r = recv(c->fd, out, n, 0);
        if (r >= 0)
            return r;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return -1;
    }
}

/* Writes all of data before the deadline; false when it could not. */
static bool conn_send(struct conn *c, const char *data, size_t n, long long deadline)
{
    while (n > 0) {
        ssize_t r;
        if (c->tls) {
            r = gnutls_record_send(c->tls, data, n);
            if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
                if (wait_fd(c->fd, POLLOUT, deadline) != 1)
                    return false;
                continue;
            }
            if (r < 0)
                return false;
        } else {
            r = send(c->fd, data, n, MSG_NOSIGNAL);
            if (r < 0) {
                if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                    return false;
                if (wait_fd(c->fd, POLLOUT, deadline) != 1)
                    return false;
                continue;
            }
        }
        data += r;
        n -= (size_t)r;
    }
    return true;
}

static bool handshake(struct conn *c)
{
    struct pc_server *s = c->srv;
    if (gnutls_init(&c->tls, GNUTLS_SERVER | GNUTLS_NONBLOCK) < 0) {
        c->tls = NULL;
        return false;
    }
    if (gnutls_priority_set(c->tls, s->prio) < 0 ||
        gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, s->cred) < 0)
        return false;
    gnutls_certificate_server_set_request(c->tls, GNUTLS_CERT_IGNORE);
    gnutls_transport_set_int(c->tls, c->fd);
    for (;;) {
        int r = gnutls_handshake(c->tls);
        if (r == GNUTLS_E_SUCCESS)
            return true;
        if (gnutls_error_is_fatal(r))
            return false;
        short ev = gnutls_record_get_direction(c->tls) ? POLLOUT : POLLIN;
        if (wait_fd(c->fd, ev, c->deadline) != 1)
            return false;
    }
}

/* ---- answering ------------------------------------------------------------ */

/* Writes resp (no body for HEAD). False when it could not be written. */
static bool send_response(struct conn *c, const struct pc_response *resp, bool head_only)
{
    char top[256 + PC_RESPONSE_HEADERS];
    size_t body = head_only ? 0 : resp->body_len;
    int n = snprintf(top, sizeof top,
                     "HTTP/1.1 %u %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
                     "%.*s%s\r\n",
                     resp->status, reason(resp->status),
                     resp->content_type ? resp->content_type : "application/json",
                     resp->body_len, (int)resp->headers_len, resp->headers,
                     resp->close ? "Connection: close\r\n" : "");
    if (n < 0 || (size_t)n >= sizeof top)
        return false;
    long long deadline = now_ms() + 1000LL * c->srv->o.timeout;
    char *all = malloc((size_t)n + body);
    if (!all)
        return conn_send(c, top, (size_t)n, deadline) &&
               conn_send(c, resp->body, body, deadline);
    memcpy(all, top, (size_t)n);
    if (body)
        memcpy(all + n, resp->body, body);
    bool ok = conn_send(c, all, (size_t)n + body, deadline);
    free(all);
    return ok;
}

/* After an answer that closes: no more writing, and what the client still
 * sends is read and dropped until it is quiet for LINGER_MS (or stops), so
 * that the answer is not lost to a reset. */
static void linger(struct conn *c)
{
    char sink[4096];
    size_t dropped = 0;
    if (c->tls)
        gnutls_bye(c->tls, GNUTLS_SHUT_WR);
    shutdown(c->fd, SHUT_WR);
    while (dropped < LINGER_BYTES) {
        ssize_t r = conn_recv(c, sink, sizeof sink, now_ms() + LINGER_MS);
        if (r <= 0)
            return;
        dropped += (size_t)r;
    }
}

/* Answers a refusal of the server itself (no handler involved). */
static void refuse(struct conn *c, unsigned status, const char *code, const char *message)
{
    struct pc_response resp;
    memset(&resp, 0, sizeof resp);
    error_response(&resp, status, code, message);
    pc_log("verzoek geweigerd: %u %s", resp.status, code);
    send_response(c, &resp, false);
    free(resp.body);
}

/* ---- one request ------------------------------------------------------------ */

enum outcome { KEEP, CLOSE, DROP };   /* DROP: closed without linger */

/* Reads more of the request into at (room bytes; c->buf's tail or a body):
 * KEEP with c->len or *got grown, CLOSE after a 408 when the request had
 * begun (started) but its time ran out, DROP at the end of the stream. */
static enum outcome more_into(struct conn *c, char *at, size_t room, bool started,
                              size_t *got)
{
    ssize_t r = conn_recv(c, at, room, c->deadline);
    if (r == IO_TIMEOUT && started) {
        refuse(c, 408, "timeout", "het verzoek kwam niet op tijd helemaal binnen");
        return CLOSE;
    }
    if (r <= 0)
        return DROP;
    *got += (size_t)r;
    return KEEP;
}

static enum outcome more(struct conn *c, char *at, size_t room, bool started)
{
    return more_into(c, at, room, started, &c->len);
}

/* Reads until c->buf holds a whole head. */
static enum outcome read_head(struct conn *c, struct pc_head *h)
{
    struct pc_refusal why;
    for (;;) {
        switch (pc_head_parse(c->buf, c->len, h, &why)) {
        case PC_PARSE_DONE:
            return KEEP;
        case PC_PARSE_REFUSED:
            refuse(c, why.status, why.code, why.message);
            return CLOSE;
        case PC_PARSE_MORE:
            break;
        }
        enum outcome out = more(c, c->buf + c->len, sizeof c->buf - c->len, c->len > 0);
        if (out != KEEP)
            return out;
    }
}

/* The head in c->buf as a pc_request: copied, its pieces NUL-terminated
 * where their delimiters were. False when out of memory. */
static bool make_request(struct conn *c, const struct pc_head *h, struct pc_request *rq)
{
    size_t size = h->length + h->target_len + 2;
    free(c->head);
    if (!(c->head = malloc(size)))
        return false;
    char *p = c->head;
    memcpy(p, c->buf, h->length);
    p[h->method + h->method_len] = '\0';
    p[h->target + h->target_len] = '\0';
    for (size_t i = 0; i < h->nfields; i++) {
        const struct pc_field *f = &h->fields[i];
        p[f->name + f->name_len] = '\0';
        p[f->value + f->value_len] = '\0';
        c->headers[i].name = p + f->name;
        c->headers[i].value = p + f->value;
    }
    char *path = p + h->length;
    memcpy(path, p + h->target, h->target_len + 1);
    char *q = strchr(path, '?');
    if (q)
        *q = '\0';
    memset(rq, 0, sizeof *rq);
    rq->method = p + h->method;
    rq->target = p + h->target;
    rq->path = path;
    rq->query = q ? p + h->target + (q - path) + 1 : "";
    rq->headers = c->headers;
    rq->nheaders = h->nfields;
    rq->content_length = h->has_length ? h->content_length : 0;
    rq->chunked = h->chunked;
    return true;
}

/* Drops the first n bytes of c->buf (the part of the stream used). */
static void consume(struct conn *c, size_t n)
{
    memmove(c->buf, c->buf + n, c->len - n);
    c->len -= n;
}

/* A Content-Length body into *body (malloc'd). */
static enum outcome read_length_body(struct conn *c, size_t want, char **body)
{
    char *b = malloc(want + 1);
    if (!b) {
        refuse(c, 500, "internal", "interne fout van de ontvanger; probeer het later opnieuw");
        return CLOSE;
    }
    size_t have = c->len < want ? c->len : want;
    memcpy(b, c->buf, have);
    consume(c, have);
    while (have < want) {
        enum outcome out = more_into(c, b + have, want - have, true, &have);
        if (out != KEEP) {
            free(b);
            return out;
        }
    }
    b[want] = '\0';
    *body = b;
    return KEEP;
}

/* Grows *b to hold min(limit, need) + 1 bytes. */
static bool room_for(char **b, size_t *cap, size_t need, size_t limit)
{
    if (need > limit)
        need = limit;
    if (need + 1 <= *cap)
        return true;
    size_t n = *cap ? *cap : 4096;
    while (n < need + 1)
        n *= 2;
    char *g = realloc(*b, n);
    if (!g)
        return false;
    *b = g;
    *cap = n;
    return true;
}

/* A chunked body into *body, *len. */
static enum outcome read_chunked_body(struct conn *c, char **body, size_t *len)
{
    struct pc_chunked st;
    size_t cap = 0, limit = c->srv->o.max_body;
    char *b = NULL;
    memset(&st, 0, sizeof st);
    *len = 0;
    for (;;) {
        size_t used = 0;
        enum pc_chunk rc = PC_CHUNK_MORE;
        if (c->len > 0) {
            if (!room_for(&b, &cap, *len + c->len, limit)) {
                rc = PC_CHUNK_BAD;
                break;
            }
            rc = pc_chunked_feed(&st, c->buf, c->len, &used, b, len, limit);
            consume(c, used);
        }
        if (rc == PC_CHUNK_DONE) {
            if (!room_for(&b, &cap, *len, limit))
                break;
            b[*len] = '\0';
            *body = b;
            return KEEP;
        }
        if (rc == PC_CHUNK_BAD || rc == PC_CHUNK_TOO_BIG) {
            free(b);
            if (rc == PC_CHUNK_BAD)
                refuse(c, 400, "chunked", "de chunked body is onleesbaar");
            else {
                char msg[96];
                snprintf(msg, sizeof msg, "het bericht is groter dan %zu bytes", limit);
                refuse(c, 413, "too_large", msg);
            }
            return CLOSE;
        }
        enum outcome out = more(c, c->buf + c->len, sizeof c->buf - c->len, true);
        if (out != KEEP) {
            free(b);
            return out;
        }
    }
    free(b);
    refuse(c, 500, "internal", "interne fout van de ontvanger; probeer het later opnieuw");
    return CLOSE;
}

/* Reads the body of rq (100 Continue first when asked for). */
static enum outcome read_body(struct conn *c, const struct pc_head *h, struct pc_request *rq,
                              char **body)
{
    static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
    bool pending = h->chunked ? c->len == 0 : h->has_length && c->len < h->content_length;
    if (h->expect_continue && pending &&
        !conn_send(c, cont, sizeof cont - 1, now_ms() + 1000LL * c->srv->o.timeout))
        return DROP;
    if (h->chunked)
        return read_chunked_body(c, body, &rq->body_len);
    rq->body_len = h->has_length ? h->content_length : 0;
    return read_length_body(c, rq->body_len, body);
}

/* Serves one request of c. */
static enum outcome serve_one(struct conn *c)
{
    struct pc_server *s = c->srv;
    struct pc_head h;
    struct pc_request rq;
    struct pc_response resp;
    char *body = NULL;
    enum outcome out = read_head(c, &h);
    if (out != KEEP)
        return out;
    if (!make_request(c, &h, &rq)) {
        refuse(c, 500, "internal", "interne fout van de ontvanger; probeer het later opnieuw");
        return CLOSE;
    }
    consume(c, h.length);
    if (h.has_length && h.content_length > s->o.max_body) {
        char msg[96];
        snprintf(msg, sizeof msg, "het bericht is groter dan %zu bytes", s->o.max_body);
        refuse(c, 413, "too_large", msg);
        return CLOSE;
    }
    memset(&resp, 0, sizeof resp);
    s->h.head(s->h.cls, &rq, &resp);
    if (resp.status == 0) {
        out = read_body(c, &h, &rq, &body);
        rq.body = body ? body : "";
        if (out == KEEP)
            s->h.complete(s->h.cls, &rq, &resp);
    } else {
        resp.close = true;   /* refused on its head: its body is not read */
    }
    if (resp.status) {
        resp.close = resp.close || h.close || out != KEEP;
        if (!send_response(c, &resp, strcmp(rq.method, "HEAD") == 0))
            out = DROP;
        else if (resp.close && out == KEEP)
            out = CLOSE;
    }
    s->h.done(s->h.cls, &rq, resp.status);
    free(resp.body);
    free(body);
    return out;
}

/* ---- connections ----------------------------------------------------------- */

static void peer_of(const struct sockaddr_storage *a, struct peer *p)
{
    memset(p, 0, sizeof *p);
    p->family = a->ss_family;
    if (a->ss_family == AF_INET6)
        memcpy(p->addr, &((const struct sockaddr_in6 *)a)->sin6_addr, 16);
    else
        memcpy(p->addr, &((const struct sockaddr_in *)a)->sin_addr, 4);
}

/* Counts a new connection from p (under the lock): false when a limit is
 * reached. */
static bool admit(struct pc_server *s, const struct peer *p)
{
    struct peer *free_slot = NULL;
    if (s->nconns >= s->o.max_connections || s->stopping)
        return false;
    for (unsigned i = 0; i < s->o.max_connections; i++) {
        struct peer *q = &s->peers[i];
        if (q->count && q->family == p->family && memcmp(q->addr, p->addr, 16) == 0) {
            if (q->count >= s->o.per_address)
                return false;
            q->count++;
            s->nconns++;
            return true;
        }
        if (!q->count && !free_slot)
            free_slot = q;
    }
    if (!free_slot)
        return false;
    *free_slot = *p;
    free_slot->count = 1;
    s->nconns++;
    return true;
}

static void release(struct pc_server *s, const struct peer *p)
{
    for (unsigned i = 0; i < s->o.max_connections; i++) {
        struct peer *q = &s->peers[i];
        if (q->count && q->family == p->family && memcmp(q->addr, p->addr, 16) == 0) {
            q->count--;
            break;
        }
    }
    if (--s->nconns == 0)
        pthread_cond_broadcast(&s->idle);
}

/* Unlinks, closes and frees c; all under the lock, so that once the last
 * connection has been released pc_server_close has nothing left to wait
 * for (and the socket number is never shut down after its reuse). */
static void conn_end(struct conn *c)
{
    struct pc_server *s = c->srv;
    free(c->head);
    pthread_mutex_lock(&s->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (c->tls)
        gnutls_deinit(c->tls);
    close(c->fd);
    release(s, &c->key);
    free(c);
    pthread_mutex_unlock(&s->lock);
}

static void *conn_main(void *arg)
{
    struct conn *c = arg;
    struct pc_server *s = c->srv;
    enum outcome out = KEEP;
    c->deadline = now_ms() + 1000LL * s->o.timeout;
    if (s->tls && !handshake(c))
        out = DROP;
    while (out == KEEP) {
        out = serve_one(c);
        c->deadline = now_ms() + 1000LL * s->o.timeout;
        pthread_mutex_lock(&s->lock);
        if (s->stopping && out == KEEP)
            out = DROP;
        pthread_mutex_unlock(&s->lock);
    }
    if (out == CLOSE)
        linger(c);
    conn_end(c);
    return NULL;
}

/* A connection over a limit: a JSON 503 if it can go out at once. */
static void turn_away(struct pc_server *s, int fd)
{
    static const char body[] =
        "{\"error\":\"busy\",\"message\":\"te veel verbindingen (van dit adres); probeer "
        "het zo opnieuw\"}";
    char msg[512];
    if (!s->tls) {
        int n = snprintf(msg, sizeof msg,
                         "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                         "Content-Length: %zu\r\nCache-Control: no-store\r\nRetry-After: 1\r\n"
                         "Connection: close\r\n\r\n%s", sizeof body - 1, body);
        if (n > 0 && (size_t)n < sizeof msg)
            (void)!send(fd, msg, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT);
        shutdown(fd, SHUT_WR);
        /* what already came is read, so that closing does not reset the
         * connection before the answer is read (no waiting for more) */
        for (int i = 0; i < 16 && recv(fd, msg, sizeof msg, MSG_DONTWAIT) > 0; i++)
            ;
    }
    close(fd);
}

/* Takes on an accepted socket: a thread, or turned away. */
static void take(struct pc_server *s, int fd, const struct sockaddr_storage *from)
{
    struct conn *c = calloc(1, sizeof *c);
    pthread_attr_t attr;
    pthread_t t;
    int one = 1;
    if (!c) {
        close(fd);
        return;
    }
    c->srv = s;
    c->fd = fd;
    peer_of(from, &c->key);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    pthread_mutex_lock(&s->lock);
    if (!admit(s, &c->key)) {
        pthread_mutex_unlock(&s->lock);
        free(c);
        turn_away(s, fd);
        return;
    }
    c->next = s->conns;
    if (s->conns)
        s->conns->prev = c;
    s->conns = c;
    pthread_mutex_unlock(&s->lock);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, conn_main, c) != 0) {
        pc_log("geen thread voor een verbinding");
        conn_end(c);
    }
    pthread_attr_destroy(&attr);
}

static void *accept_main(void *arg)
{
    struct pc_server *s = arg;
    for (;;) {
        struct pollfd p[2] = {{.fd = s->listen_fd, .events = POLLIN},
                              {.fd = s->wake[0], .events = POLLIN}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        if (p[1].revents)
            break;
        if (!(p[0].revents & POLLIN))
            continue;
        struct sockaddr_storage from;
        socklen_t flen = sizeof from;
        int fd = accept(s->listen_fd, (struct sockaddr *)&from, &flen);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                poll(NULL, 0, 100);   /* out of descriptors: let some close */
            continue;
        }
        take(s, fd, &from);
    }
    return NULL;
}

/* ---- starting and stopping ------------------------------------------------ */

/* A PEM file (at most 1 MiB) as a gnutls datum (caller frees data). */
static int read_pem(const char *path, gnutls_datum_t *d, struct pt_error *err)
{
    char *data = NULL, why[256];
    size_t len = 0;
    if (pt_read_file(path, 1u << 20, &data, &len, why, sizeof why) != 0)
        return pt_error_set(err, "%s: %s", path, why);
    d->data = (unsigned char *)data;
    d->size = (unsigned)len;
    return PT_OK;
}

static int load_tls(struct pc_server *s, struct pt_error *err)
{
    gnutls_datum_t cert = {NULL, 0}, key = {NULL, 0};
    int rc = PT_FAILED, r = 0;
    if (read_pem(s->o.tls_cert, &cert, err) != PT_OK || read_pem(s->o.tls_key, &key, err) != PT_OK)
        goto cleanup;
    if ((r = gnutls_certificate_allocate_credentials(&s->cred)) < 0 ||
        (r = gnutls_certificate_set_x509_key_mem(s->cred, &cert, &key,
                                                 GNUTLS_X509_FMT_PEM)) < 0) {
        pt_error_set(err, "%s met %s: geen bruikbaar PEM-certificaat met sleutel (%s)",
                     s->o.tls_cert, s->o.tls_key, gnutls_strerror(r));
        goto cleanup;
    }
    if ((r = gnutls_priority_init2(&s->prio, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
                                   NULL, 0)) < 0) {
        pt_error_set(err, "TLS-instellingen: %s", gnutls_strerror(r));
        goto cleanup;
    }
    s->tls = true;
    rc = PT_OK;
cleanup:
    if (key.data)
        pc_wipe(key.data, key.size);
    free(key.data);
    free(cert.data);
    return rc;
}

static int listen_on(struct pc_server *s, unsigned *port, struct pt_error *err)
{
    int one = 1;
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    s->listen_fd = socket(s->o.addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->listen_fd < 0)
        return pt_error_set(err, "kan niet luisteren op --listen: %s (%s)", pt_errno_text(errno), strerror(errno));
    setsockopt(s->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (s->o.addr.ss_family == AF_INET6)
        setsockopt(s->listen_fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(s->listen_fd, (struct sockaddr *)&s->o.addr, s->o.addr_len) != 0 ||
        listen(s->listen_fd, 512) != 0 ||
        getsockname(s->listen_fd, (struct sockaddr *)&bound, &blen) != 0)
        return pt_error_set(err, "kan niet luisteren op --listen: %s (%s)", pt_errno_text(errno), strerror(errno));
    *port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                              : ((struct sockaddr_in *)&bound)->sin_port);
    return PT_OK;
}

int pc_server_open(const struct pc_server_options *o, const struct pc_handler *h,
                   struct pc_server **out, unsigned *port, struct pt_error *err)
{
    struct pc_server *s = calloc(1, sizeof *s);
    int rc = PT_FAILED;
    *out = NULL;
    if (!s)
        return pt_error_set(err, "onvoldoende geheugen");
    s->o = *o;
    s->h = *h;
    s->listen_fd = s->wake[0] = s->wake[1] = -1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->idle, NULL);
    if (!(s->peers = calloc(o->max_connections, sizeof *s->peers))) {
        pt_error_set(err, "onvoldoende geheugen");
        goto cleanup;
    }
    if (pipe(s->wake) != 0) {
        pt_error_set(err, "pipe: %s", strerror(errno));
        goto cleanup;
    }
    if ((o->tls_cert || o->tls_key) && (rc = load_tls(s, err)) != PT_OK)
        goto cleanup;
    rc = listen_on(s, port, err);
cleanup:
    if (rc != PT_OK) {
        pc_server_close(s);
        return rc;
    }
    *out = s;
    return PT_OK;
}

int pc_server_start(struct pc_server *s, struct pt_error *err)
{
    if (pthread_create(&s->acceptor, NULL, accept_main, s) != 0)
        return pt_error_set(err, "geen thread om verbindingen aan te nemen");
    s->accepting = true;
    return PT_OK;
}

void pc_server_close(struct pc_server *s)
{
    if (!s)
        return;
    if (s->accepting) {
        (void)!write(s->wake[1], "x", 1);
        pthread_join(s->acceptor, NULL);
    }
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    for (struct conn *c = s->conns; c; c = c->next)
        shutdown(c->fd, SHUT_RDWR);
    while (s->nconns > 0)
        pthread_cond_wait(&s->idle, &s->lock);
    pthread_mutex_unlock(&s->lock);
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    for (int i = 0; i < 2; i++)
        if (s->wake[i] >= 0)
            close(s->wake[i]);
    if (s->prio)
        gnutls_priority_deinit(s->prio);
    if (s->cred)
        gnutls_certificate_free_credentials(s->cred);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->idle);
    free(s->peers);
    free(s);
}
