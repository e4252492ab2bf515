/*
 * central_http.c — the HTTP server of praktijktoets-central on
 * libmicrohttpd 0.9.75 (see central_http.h).
 *
 * MHD calls the access handler several times per request: once when the
 * headers are in, once per piece of body, and once more when the request is
 * complete. A response may be queued only on the first or the last call
 * (c-engineering.md D). So: the first call routes and refuses an announced
 * oversized body at once (413, the rest is not read); body pieces are
 * copied up to max_body, beyond that only counted; the last call answers.
 * The per-request state is freed in the completion callback, which also
 * writes the one log line per request (method, route, status — never a
 * header value or the body).
 */
#include "central_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>
#include <microhttpd.h>

#include "central.h"
#include "central_benchmark.h"
#include "central_dashboard.h"
#include "central_dashboard_page.h"
#include "central_request.h"
#include "central_store.h"
#include "central_token.h"
#include "central_validate.h"
#include "util.h"

/* A chunked body that goes on beyond its limit is drained (not stored) up
 * to this many times the limit, then the connection is dropped. */
#define DRAIN_FACTOR 4

/* The head a request may have (names and values of its headers); above it
 * we answer 431 ourselves. MHD's own buffer per connection is made four
 * times as large, so that MHD's HTML 431 (which we cannot change) comes
 * only for heads far beyond ours. */
#define PC_MAX_HEAD 16384u
#define PC_MHD_MEMORY (4u * PC_MAX_HEAD + 65536u)

/* One open connection, for the reaper: its socket and until when its
 * current request may take to arrive (0: none pending — being answered). */
struct conn {
    int fd;
    time_t deadline;
    struct conn *prev, *next;
};

struct server {
    struct pc_store *store;
    unsigned request_timeout;     /* seconds for a request to arrive whole */
    pthread_mutex_t conns_lock;   /* guards conns and every deadline */
    struct conn *conns;
    pthread_mutex_t stop_lock;
    pthread_cond_t stop_cond;
    bool stopping;
    size_t max_body;
    unsigned rate_limit;          /* authenticated requests per token per window */
    unsigned rate_window;         /* seconds */
    unsigned daily_cap;           /* stored submissions per SWV per UTC day */
    long long snapshot_interval;  /* seconds */
};

enum route { R_NONE, R_HEALTH, R_RESULTS, R_BENCHMARK, R_DASHBOARD };
enum method { M_OTHER, M_GET, M_HEAD, M_POST };

struct req {
    enum route route;
    enum method method;
    unsigned status;      /* what was answered, for the log; 0: nothing */
    bool started;         /* the first call of the access handler is past */
    bool nul_in_path;     /* a NUL inside the request target */
    const char *raw_uri;  /* from on_uri: where MHD keeps the target */
    size_t raw_uri_len;   /* its length up to the first NUL */
    bool close;           /* answer with Connection: close */
    long retry_after;     /* > 0: a Retry-After header */
    long token_id;        /* the token, checked on the first call */
    char swv[PC_SWV_SIZE];
    char *body;           /* owned; body[len] is kept '\0' */
    size_t len, cap;
    size_t seen;          /* body bytes received, stored or not */
    bool too_big;
};

static const char *route_name(enum route r)
{
    switch (r) {
    case R_HEALTH: return "/healthz";
    case R_RESULTS: return "/v1/results";
    case R_BENCHMARK: return "/v1/benchmark";
    case R_DASHBOARD: return "/dashboard";
    case R_NONE: break;
    }
    return "(onbekend pad)";
}

static const char *method_name(enum method m)
{
    switch (m) {
    case M_GET: return "GET";
    case M_HEAD: return "HEAD";
    case M_POST: return "POST";
    case M_OTHER: break;
    }
    return "(andere methode)";
}

static void server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void server_log(const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s\n", PC_PROGRAM, line);
}

/* MHD's own error log, one prefixed line each. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char line[512];
    (void)cls;
    vsnprintf(line, sizeof line, fmt, ap);
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    fprintf(stderr, "%s: mhd: %s\n", PC_PROGRAM, line);
}

/* Queues json (consumed, from cJSON) with status. NULL json: a fixed 500. */
static enum MHD_Result send_json(struct MHD_Connection *c, struct req *r, unsigned status,
                                 char *json, const char *allow)
{
    static const char fallback[] =
        "{\"error\":\"internal\",\"message\":\"interne fout van de ontvanger\"}";
    struct MHD_Response *resp;
    if (json) {
        resp = MHD_create_response_from_buffer(strlen(json), json, MHD_RESPMEM_MUST_COPY);
        cJSON_free(json);
    } else {
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        resp = MHD_create_response_from_buffer(sizeof fallback - 1, (void *)fallback,
                                               MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    bool ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") &&
              MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store") &&
              MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (ok && allow)
        ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
    if (ok && status == MHD_HTTP_UNAUTHORIZED)
        ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    if (ok && r->close)
        ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    if (ok && r->retry_after > 0) {
        char secs[24];
        snprintf(secs, sizeof secs, "%ld", r->retry_after);
        ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    }
    enum MHD_Result ret = ok ? MHD_queue_response(c, status, resp) : MHD_NO;
    MHD_destroy_response(resp);
    if (ret == MHD_YES)
        r->status = status;
    return ret;
}

/* Queues a JSON text (copied) with status 200. */
static enum MHD_Result send_text(struct MHD_Connection *c, struct req *r, unsigned status,
                                 const char *json)
{
    char *copy = cJSON_malloc(strlen(json) + 1);
    if (copy)
        memcpy(copy, json, strlen(json) + 1);
    return send_json(c, r, status, copy, NULL);
}

static enum MHD_Result send_error(struct MHD_Connection *c, struct req *r, unsigned status,
                                  const char *code, const char *message)
{
    return send_json(c, r, status, pc_error_json(code, message), NULL);
}

static enum MHD_Result send_internal(struct MHD_Connection *c, struct req *r, const char *why)
{
    server_log("interne fout: %s", why);
    return send_error(c, r, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                      "interne fout van de ontvanger; probeer het later opnieuw");
}

/* The token of the Authorization header, checked against the database:
 * *valid for a known, unrevoked token (then r->token_id and r->swv are
 * set). Returns PT_OK, or PT_FAILED with the reason in err. */
static enum pt_status authorise(struct server *srv, struct MHD_Connection *c, struct req *r,
                                bool *valid, struct pt_error *err)
{
    char token[PC_TOKEN_SIZE];
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_AUTHORIZATION);
    int rc = PT_OK;
    *valid = false;
    if (pc_bearer_token(auth, token))
        rc = pc_store_token_check(srv->store, token, valid, &r->token_id, r->swv, err);
    pc_wipe(token, sizeof token);
    return rc;
}

/* Seconds until the next UTC midnight (the daily cap's new day). */
static long until_midnight(time_t now)
{
    return 86400L - (long)(now % 86400);
}

static enum pt_status store_put(struct server *srv, const struct pc_summary *sum,
                                const char *key, const struct req *r, time_t now,
                                enum pc_put *put, struct pt_error *err)
{
    struct pc_put_request rq = {
        .sum = sum, .key = key, .body = r->body, .len = r->len, .token_id = r->token_id,
        .received = (long long)now, .daily_cap = srv->daily_cap,
    };
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(rq.day, sizeof rq.day, "%Y-%m-%d", &tm);
    return pc_store_put(srv->store, &rq, put, err);
}

/* The answer to a validated, stored-or-not submission. */
static enum MHD_Result put_answer(struct MHD_Connection *c, struct req *r, enum pc_put put,
                                  const char *key, time_t now)
{
    switch (put) {
    case PC_PUT_STORED:
        return send_json(c, r, MHD_HTTP_CREATED, pc_status_json("stored", key), NULL);
    case PC_PUT_DUPLICATE:
        return send_json(c, r, MHD_HTTP_OK, pc_status_json("duplicate", key), NULL);
    case PC_PUT_SCALE_CONFLICT:
        return send_error(c, r, MHD_HTTP_CONFLICT, "scale",
                          "deze rubric-versie is eerder met een andere schaal (rubric.scale) "
                          "ingediend");
    case PC_PUT_DAILY_CAP:
        r->retry_after = until_midnight(now);
        return send_error(c, r, MHD_HTTP_TOO_MANY_REQUESTS, "daily_cap",
                          "het maximum aantal inzendingen van dit samenwerkingsverband voor "
                          "vandaag is bereikt; probeer het morgen (UTC) opnieuw");
    case PC_PUT_CONFLICT:
    default:
        return send_error(c, r, MHD_HTTP_CONFLICT, "conflict",
                          "deze Idempotency-Key is al opgeslagen met een ander bericht; "
                          "verhoog de revisie voor een nieuwe versie");
    }
}

static enum MHD_Result post_results(struct server *srv, struct MHD_Connection *c,
                                    struct req *r)
{
    struct pt_error err = {0};
    struct pc_summary sum;
    enum pc_put put;
    enum MHD_Result ret;
    time_t now = time(NULL);

    if (r->too_big) {
        pt_error_set(&err, "het bericht is groter dan %zu bytes", srv->max_body);
        return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", err.msg);
    }
    switch (pc_validate(r->body ? r->body : "", r->len, (long long)now, &sum, &err)) {
    case PC_BODY_OK:
        break;
    case PC_BODY_MALFORMED:
        return send_error(c, r, MHD_HTTP_BAD_REQUEST, "malformed_json", err.msg);
    case PC_BODY_FORMAT:
        return send_error(c, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "format", err.msg);
    case PC_BODY_NUL:
    case PC_BODY_INVALID:
        return send_error(c, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "invalid", err.msg);
    case PC_BODY_NOMEM:
    default:
        return send_internal(c, r, "onvoldoende geheugen bij het controleren");
    }

    const char *key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Idempotency-Key");
    if (strcmp(r->swv, sum.swv) != 0) {
        ret = send_error(c, r, MHD_HTTP_FORBIDDEN, "token",
                         "dit token is niet voor de SWV van dit bericht");
    } else if (!key || !*key) {
        ret = send_error(c, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "idempotency_key",
                         "de header Idempotency-Key ontbreekt (verwacht assessment/revision)");
    } else if (!pc_key_matches(key, &sum)) {
        ret = send_error(c, r, MHD_HTTP_UNPROCESSABLE_CONTENT, "idempotency_key",
                         "de header Idempotency-Key hoort assessment/revision van het "
                         "bericht te zijn");
    } else if (store_put(srv, &sum, key, r, now, &put, &err) != PT_OK) {
        ret = send_internal(c, r, err.msg);
    } else {
        ret = put_answer(c, r, put, key, now);
    }
    pc_summary_free(&sum);
    return ret;
}

static enum MHD_Result get_benchmark(struct server *srv, struct MHD_Connection *c,
                                     struct req *r)
{
    struct pt_error err = {0};
    char id[PC_ID_SIZE];
    long version;
    char *json = NULL;

    const char *param = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "rubric");
    if (!pc_parse_rubric(param, id, &version))
        return send_error(c, r, MHD_HTTP_BAD_REQUEST, "rubric",
                          "parameter rubric ontbreekt of heeft niet de vorm ID@VERSIE "
                          "(zoals po-gereedheid@1)");
    if (pc_store_benchmark(srv->store, id, version, (long long)time(NULL),
                           srv->snapshot_interval, &json, &err) != PT_OK)
        return send_internal(c, r, err.msg);
    enum MHD_Result ret = send_text(c, r, MHD_HTTP_OK, json);
    free(json);
    return ret;
}

/* ---- issue 15: GET /dashboard (the token was checked on the first call) -- */

static enum MHD_Result send_html(struct MHD_Connection *c, struct req *r, const char *html)
{
    char csp[256];
    struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(html), (void *)html,
                                                                MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    pc_dashboard_csp(csp, sizeof csp);
    bool ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                      "text/html; charset=utf-8") &&
              MHD_add_response_header(resp, "Content-Security-Policy", csp) &&
              MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store") &&
              MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff") &&
              MHD_add_response_header(resp, "Referrer-Policy", "no-referrer") &&
              MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    enum MHD_Result ret = ok ? MHD_queue_response(c, MHD_HTTP_OK, resp) : MHD_NO;
    MHD_destroy_response(resp);
    if (ret == MHD_YES)
        r->status = MHD_HTTP_OK;
    return ret;
}

static enum MHD_Result get_dashboard(struct server *srv, struct MHD_Connection *c,
                                     struct req *r)
{
    struct pt_error err = {0};
    char *html = NULL;
    if (pc_dashboard_page(srv->store, (long long)time(NULL), srv->snapshot_interval, &html,
                          &err) != PT_OK)
        return send_internal(c, r, err.msg);
    enum MHD_Result ret = send_html(c, r, html);
    free(html);
    return ret;
}

/* ---- end of GET /dashboard ------------------------------------------------ */

static enum MHD_Result answer(struct server *srv, struct MHD_Connection *c, struct req *r)
{
    switch (r->route) {
    case R_HEALTH:
        if (r->method != M_GET && r->method != M_HEAD)
            break;
        return send_json(c, r, MHD_HTTP_OK, pc_status_json("ok", NULL), NULL);
    case R_RESULTS:
        if (r->method != M_POST)
            break;
        return post_results(srv, c, r);
    case R_BENCHMARK:
        if (r->method != M_GET)
            break;
        return get_benchmark(srv, c, r);
    case R_DASHBOARD:
        if (r->method != M_GET)
            break;
        return get_dashboard(srv, c, r);
    case R_NONE:
    default:
        return send_error(c, r, MHD_HTTP_NOT_FOUND, "not_found", "onbekend pad");
    }
    char *json = pc_error_json("method_not_allowed", "deze methode is hier niet toegestaan");
    return send_json(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, json,
                     r->route == R_RESULTS ? "POST" : "GET, HEAD");
}

/* Copies a piece of body, growing the buffer up to max_body; beyond that
 * only counts. Returns false when the connection should be dropped. */
static bool take_body(struct server *srv, struct req *r, const char *data, size_t n)
{
    r->seen += n;
    if (r->too_big || r->route != R_RESULTS || r->method != M_POST) {
        r->too_big = r->too_big || r->seen > srv->max_body;
        return r->seen / DRAIN_FACTOR <= srv->max_body;
    }
    if (r->len + n > srv->max_body) {
        r->too_big = true;
        free(r->body);
        r->body = NULL;
        r->len = r->cap = 0;
        return r->seen / DRAIN_FACTOR <= srv->max_body;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n + 1)
            cap *= 2;
        if (cap > srv->max_body + 1)
            cap = srv->max_body + 1;
        char *b = realloc(r->body, cap);
        if (!b)
            return false;
        r->body = b;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return true;
}

/* The connection record of c (made in on_connection), or NULL. */
static struct conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* The request on c has arrived whole (0) or a new one may start (now +
 * the timeout). */
static void set_deadline(struct server *srv, struct MHD_Connection *c, bool waiting)
{
    struct conn *k = conn_of(c);
    if (!k)
        return;
    pthread_mutex_lock(&srv->conns_lock);
    k->deadline = waiting ? time(NULL) + (time_t)srv->request_timeout : 0;
    pthread_mutex_unlock(&srv->conns_lock);
}

/*
 * MHD's idle timeout is reset by every byte, so a client that trickles its
 * request keeps a connection for ever. Each connection therefore has a
 * deadline for its request to arrive whole; the reaper thread shuts down
 * (shutdown(2), MHD then closes it) a connection past its deadline. The
 * record is unlinked in the CLOSED notification, which MHD sends before it
 * closes the socket, under the same lock: the reaper never touches a
 * socket number that may have been reused.
 */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct server *srv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn *k = calloc(1, sizeof *k);
        if (!k || !ci) {
            free(k);
            return;
        }
        k->fd = ci->connect_fd;
        pthread_mutex_lock(&srv->conns_lock);
        k->deadline = time(NULL) + (time_t)srv->request_timeout;
        k->next = srv->conns;
        if (srv->conns)
            srv->conns->prev = k;
        srv->conns = k;
        pthread_mutex_unlock(&srv->conns_lock);
        *socket_context = k;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        struct conn *k = *socket_context;
        pthread_mutex_lock(&srv->conns_lock);
        if (k->prev)
            k->prev->next = k->next;
        else
            srv->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        pthread_mutex_unlock(&srv->conns_lock);
        free(k);
        *socket_context = NULL;
    }
}

static void *reaper(void *arg)
{
    struct server *srv = arg;
    pthread_mutex_lock(&srv->stop_lock);
    while (!srv->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&srv->stop_cond, &srv->stop_lock, &until);
        time_t now = time(NULL);
        pthread_mutex_lock(&srv->conns_lock);
        for (struct conn *k = srv->conns; k; k = k->next)
            if (k->deadline && now >= k->deadline) {
                shutdown(k->fd, SHUT_RDWR);
                k->deadline = 0;
            }
        pthread_mutex_unlock(&srv->conns_lock);
    }
    pthread_mutex_unlock(&srv->stop_lock);
    return NULL;
}

/* Starts the reaper (after the signal mask is set: it inherits it).
 * Returns false when no thread could be made. */
static bool reaper_start(struct server *srv, pthread_t *thread)
{
    pthread_mutex_init(&srv->conns_lock, NULL);
    pthread_mutex_init(&srv->stop_lock, NULL);
    pthread_cond_init(&srv->stop_cond, NULL);
    return pthread_create(thread, NULL, reaper, srv) == 0;
}

static void reaper_stop(struct server *srv, pthread_t thread)
{
    pthread_mutex_lock(&srv->stop_lock);
    srv->stopping = true;
    pthread_cond_signal(&srv->stop_cond);
    pthread_mutex_unlock(&srv->stop_lock);
    pthread_join(thread, NULL);
}

struct head_scan {
    struct pc_head head;
    const char *first_cl;
    size_t bytes;         /* of all header names and values */
};

/*
 * A NUL inside a header line. MHD 0.9.75 parses the head in place in its
 * read buffer and hands out NUL-terminated pieces whose lengths it takes
 * with strlen, so a NUL inside a name or value just cuts it short. What
 * follows a piece in the buffer tells: a value ends where its line ended
 * (MHD wrote '\0' over both CR and LF), a name where its colon was (then
 * blanks or the value). Anything else means the line went on after a NUL.
 * Tested by e2e_framing_is_strict, which fails if MHD stops parsing this
 * way.
 */
static bool header_has_nul(const char *key, size_t key_size, const char *value,
                           size_t value_size)
{
    const char *after_key = key + key_size + 1;
    if (after_key != value && *after_key != ' ' && *after_key != '\t')
        return true;
    return value[value_size + 1] != '\0';
}

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    struct head_scan *h = cls;
    (void)kind;
    h->bytes += key_size + value_size + 4;
    if (!key || !value || header_has_nul(key, key_size, value, value_size))
        h->head.nul = true;
    else
        pc_head_add(&h->head, key, key_size, value, value_size, h->first_cl);
    return MHD_YES;
}

/* The framing check of the head: MHD keeps every header line, duplicates
 * too. NULL when fine. */
static const char *framing_problem(struct MHD_Connection *c, const struct req *r,
                                   bool *too_large)
{
    struct head_scan h;
    memset(&h, 0, sizeof h);
    h.first_cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
    h.head.nul = r->nul_in_path;
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, scan_header, &h);
    *too_large = h.bytes > PC_MAX_HEAD;
    return pc_head_problem(&h.head);
}

/*
 * MHD's URI log callback: the first thing MHD tells us of a request, with
 * the raw request target in its read buffer (before unescaping and before
 * the query is split off), NUL-terminated where the blank before the
 * version was. MHD 0.9.75 takes that length with strlen, so a NUL inside
 * the target cuts it short. We note the length; the first handler call
 * compares: the version MHD hands over starts right after the target's
 * terminator unless the target held a NUL. Its return value becomes the
 * request's state (con_cls).
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct req *r = calloc(1, sizeof *r);
    (void)cls;
    (void)c;
    if (r) {
        r->raw_uri = uri;
        r->raw_uri_len = strlen(uri);
    }
    return r;
}

/* The first call of a request: the head is in, the body is not. Everything
 * that can be refused without the body is refused here, and the
 * connection is then closed: a bad frame, an unknown path or method, an
 * announced oversized body, a missing or unknown token, a token over its
 * rate. */
static enum MHD_Result first_call(struct server *srv, struct MHD_Connection *c,
                                  struct req *r)
{
    struct pt_error err = {0};
    bool valid = false;
    bool head_too_large = false;
    const char *why = framing_problem(c, r, &head_too_large);
    r->close = true;   /* until the request is accepted */
    if (head_too_large) {
        pt_error_set(&err, "de headers zijn samen groter dan %u bytes", PC_MAX_HEAD);
        return send_error(c, r, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "header_too_large",
                          err.msg);
    }
    if (why) {
        pt_error_set(&err, "het verzoek is niet eenduidig: %s", why);
        return send_error(c, r, MHD_HTTP_BAD_REQUEST, "framing", err.msg);
    }
    size_t announced = 0;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (pc_content_length(cl, &announced) && announced > srv->max_body) {
        pt_error_set(&err, "het bericht is groter dan %zu bytes", srv->max_body);
        return send_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", err.msg);
    }
    bool needs_token = (r->route == R_RESULTS && r->method == M_POST) ||
                       (r->route == R_BENCHMARK && r->method == M_GET) ||
                       (r->route == R_DASHBOARD && r->method == M_GET);
    if (!needs_token) {
        if (r->route != R_HEALTH || (r->method != M_GET && r->method != M_HEAD))
            return answer(srv, c, r);   /* 404 or 405, and close */
        r->close = false;
        return MHD_YES;
    }
    if (authorise(srv, c, r, &valid, &err) != PT_OK)
        return send_internal(c, r, err.msg);
    if (!valid)
        return send_error(c, r, MHD_HTTP_UNAUTHORIZED, "token",
                          "token ontbreekt, is onbekend of is ingetrokken");
    /* issue 15: an analyst reads the dashboard and cannot submit; only an
     * analyst reads the dashboard. */
    bool analyst = strcmp(r->swv, PC_ANALYST) == 0;
    if (analyst && r->route == R_RESULTS)
        return send_error(c, r, MHD_HTTP_FORBIDDEN, "token",
                          "een analistentoken kan geen resultaten insturen");
    if (!analyst && r->route == R_DASHBOARD)
        return send_error(c, r, MHD_HTTP_FORBIDDEN, "token",
                          "het dashboard is alleen te lezen met een analistentoken");
    struct pc_rate rate;
    if (pc_store_rate_take(srv->store, r->token_id, (long long)time(NULL), srv->rate_window,
                           srv->rate_limit, &rate, &err) != PT_OK)
        return send_internal(c, r, err.msg);
    if (!rate.allowed) {
        r->retry_after = rate.retry_after;
        pt_error_set(&err, "te veel verzoeken met dit token (hoogstens %u per %u s); "
                     "probeer het over %ld s opnieuw", srv->rate_limit, srv->rate_window,
                     rate.retry_after);
        return send_error(c, r, MHD_HTTP_TOO_MANY_REQUESTS, "rate_limit", err.msg);
    }
    r->close = false;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct server *srv = cls;
    struct req *r = *con_cls;

    if (!r)
        return MHD_NO;   /* on_uri ran out of memory */
    if (!r->started) {
        r->started = true;
        r->nul_in_path = url != r->raw_uri || version != r->raw_uri + r->raw_uri_len + 1;
        r->route = strcmp(url, "/healthz") == 0       ? R_HEALTH
                   : strcmp(url, "/v1/results") == 0  ? R_RESULTS
                   : strcmp(url, "/v1/benchmark") == 0 ? R_BENCHMARK
                   : strcmp(url, "/dashboard") == 0    ? R_DASHBOARD
                                                       : R_NONE;
        r->method = strcmp(method, MHD_HTTP_METHOD_GET) == 0    ? M_GET
                    : strcmp(method, MHD_HTTP_METHOD_HEAD) == 0 ? M_HEAD
                    : strcmp(method, MHD_HTTP_METHOD_POST) == 0 ? M_POST
                                                                : M_OTHER;
        return first_call(srv, c, r);
    }
    if (*upload_data_size) {
        bool keep = take_body(srv, r, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return keep ? MHD_YES : MHD_NO;
    }
    set_deadline(srv, c, false);   /* arrived whole */
    if (r->status)
        return MHD_YES;   /* answered on the first call */
    return answer(srv, c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct req *r = *con_cls;
    set_deadline(cls, c, true);   /* the next request on this connection */
    if (!r)
        return;
    if (r->status)
        server_log("%s %s %u", method_name(r->method), route_name(r->route), r->status);
    else
        server_log("%s %s afgebroken (%d)", method_name(r->method), route_name(r->route),
                   (int)toe);
    free(r->body);
    free(r);
    *con_cls = NULL;
}

static char *read_pem(const char *path, struct pt_error *err)
{
    char *data = NULL, why[256];
    size_t len = 0;
    if (pt_read_file(path, 1u << 20, &data, &len, why, sizeof why) != 0) {
        pt_error_set(err, "%s: %s", path, why);
        return NULL;
    }
    return data;
}

static void address_text(const struct sockaddr_storage *a, char *out, size_t size)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (a->ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)a)->sin6_addr, host, sizeof host);
        snprintf(out, size, "[%s]", host);
    } else {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)a)->sin_addr, host, sizeof host);
        snprintf(out, size, "%s", host);
    }
}

/* Starts MHD on addr (TLS when key and cert are set) with the limits of o;
 * *port is the port asked for. NULL when it could not listen. */
static struct MHD_Daemon *start_daemon(struct server *srv, const struct pc_serve_options *o,
                                       struct sockaddr_storage *addr, char *key, char *cert,
                                       uint16_t *port)
{
    struct MHD_OptionItem tls_options[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_OptionItem no_options[] = {{MHD_OPTION_END, 0, NULL}};
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL_INTERNAL_THREAD |
                     MHD_USE_ERROR_LOG;
    if (addr->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (key)
        flags |= MHD_USE_TLS;
    *port = ntohs(addr->ss_family == AF_INET6 ? ((struct sockaddr_in6 *)addr)->sin6_port
                                              : ((struct sockaddr_in *)addr)->sin_port);
    return MHD_start_daemon(flags, *port, NULL, NULL, on_request, srv,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
                            MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_address,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)PC_MHD_MEMORY,
                            MHD_OPTION_CONNECTION_TIMEOUT, o->timeout,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
                            MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
                            MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
                            MHD_OPTION_ARRAY, key ? tls_options : no_options,
                            MHD_OPTION_END);
}

/* MHD writes with MSG_NOSIGNAL, but a stray SIGPIPE must never stop the
 * receiver. SIGINT and SIGTERM are blocked in every thread (the threads
 * made afterwards inherit the mask) and taken by sigwait in pc_serve. */
static bool block_signals(sigset_t *sigs)
{
    signal(SIGPIPE, SIG_IGN);
    sigemptyset(sigs);
    sigaddset(sigs, SIGINT);
    sigaddset(sigs, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, sigs, NULL) != 0) {
        server_log("signalen kunnen niet worden geblokkeerd");
        return false;
    }
    return true;
}

static void server_init(struct server *srv, const struct pc_serve_options *o)
{
    memset(srv, 0, sizeof *srv);
    srv->max_body = o->max_body;
    srv->rate_limit = o->rate_limit;
    srv->rate_window = PC_RATE_WINDOW;
    srv->daily_cap = o->daily_cap;
    srv->snapshot_interval = (long long)o->snapshot_interval;
    srv->request_timeout = o->timeout;
}

/* The certificate and key of o into *cert and *key (both set or an exit
 * status returned). */
static int read_tls(const struct pc_serve_options *o, char **cert, char **key)
{
    struct pt_error err = {0};
    if (!o->tls_cert || !o->tls_key) {
        server_log("--tls-cert en --tls-key horen bij elkaar");
        return PT_USAGE;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        server_log("deze libmicrohttpd kan geen TLS; zet een reverse proxy voor de ontvanger");
        return PT_FAILED;
    }
    if (!(*cert = read_pem(o->tls_cert, &err)) ||
        !(*key = read_pem(o->tls_key, &err))) {
        server_log("%s", err.msg);
        return PT_FAILED;
    }
    return PT_OK;
}

int pc_serve(const struct pc_serve_options *o)
{
    struct server srv;
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    struct MHD_Daemon *d = NULL;
    struct pt_error err = {0};
    char host[INET6_ADDRSTRLEN + 3];
    char *cert = NULL, *key = NULL;
    bool tls = o->tls_cert || o->tls_key;
    bool store_open = false, reaper_running = false;
    uint16_t port = 0;
    pthread_t reaper_thread;
    sigset_t sigs;
    int rc = PT_FAILED, sig = 0;

    server_init(&srv, o);
    if (!pc_parse_listen(o->listen, &addr, &alen)) {
        server_log("--listen: geen ADRES:POORT (zoals 127.0.0.1:8443 of [::1]:8443)");
        return PT_USAGE;
    }
    if (tls && (rc = read_tls(o, &cert, &key)) != PT_OK)
        goto cleanup;
    rc = PT_FAILED;
    /* Before any thread is made (the store's own ones too), so that every
     * thread has SIGINT and SIGTERM blocked and sigwait gets them. */
    if (!block_signals(&sigs))
        goto cleanup;
    if (pc_store_open(o->db, &srv.store, &err) != PT_OK) {
        server_log("%s", err.msg);
        goto cleanup;
    }
    store_open = true;

    if (!reaper_start(&srv, &reaper_thread)) {
        server_log("geen thread voor de verzoektijd");
        goto cleanup;
    }
    reaper_running = true;

    d = start_daemon(&srv, o, &addr, key, cert, &port);
    if (!d) {
        server_log("kan niet luisteren op %s: %s", o->listen,
                   errno ? strerror(errno) : "onbekende fout");
        goto cleanup;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (info && info->port)
        port = info->port;
    address_text(&addr, host, sizeof host);
    printf("%s: luistert op %s://%s:%u\n", PC_PROGRAM, tls ? "https" : "http", host,
           (unsigned)port);
    if (fflush(stdout) != 0) {
        server_log("stdout: %s", strerror(errno));
        goto cleanup;
    }

    while (sigwait(&sigs, &sig) != 0)
        ;
    server_log("gestopt (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = PT_OK;

cleanup:
    if (reaper_running)
        reaper_stop(&srv, reaper_thread);
    if (d)
        MHD_stop_daemon(d);
    if (reaper_running) {
        pthread_mutex_destroy(&srv.conns_lock);
        pthread_mutex_destroy(&srv.stop_lock);
        pthread_cond_destroy(&srv.stop_cond);
    }
    if (store_open)
        pc_store_close(srv.store);
    if (key)
        pc_wipe(key, strlen(key));
    free(key);
    free(cert);
    return rc;
}
