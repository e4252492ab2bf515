/*
 * central_http.c — the routes of praktijktoets-central and their handlers
 * (see central_http.h), on the receiver's own HTTP server (central_server.h,
 * issue 14: libmicrohttpd answered malformed requests itself, in HTML).
 *
 * The server calls on_head when a request's head is in and valid: the
 * route, the method and the token are checked there, before the body is
 * read (a refusal closes the connection). on_complete answers when the
 * body is in; on_done writes the one log line per request (method, route,
 * status — never a header value or the body) and frees the state.
 */
#include "central_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "central.h"
#include "central_benchmark.h"
#include "central_dashboard.h"
#include "central_dashboard_page.h"
#include "central_request.h"
#include "central_server.h"
#include "central_store.h"
#include "central_token.h"
#include "central_validate.h"
#include "listen.h"
#include "util.h"

struct server {
    struct pc_store *store;
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
    bool close;           /* answer with Connection: close */
    long retry_after;     /* > 0: a Retry-After header */
    long token_id;        /* the token, checked on the head */
    char swv[PC_SWV_SIZE];
    const char *body;     /* the request's, NUL-terminated */
    size_t len;
};

/* One request and its answer, as the handlers see them. */
struct exchange {
    struct pc_request *rq;
    struct pc_response *resp;
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

static bool answer(struct server *srv, struct exchange *c, struct req *r);

/* Answers json (consumed, from cJSON) with status. NULL json: a fixed 500. */
static bool send_json(struct exchange *c, struct req *r, unsigned status, char *json,
                      const char *allow)
{
    static const char fallback[] =
        "{\"error\":\"internal\",\"message\":\"interne fout van de ontvanger\"}";
    struct pc_response *resp = c->resp;
    bool ok = json && pc_response_body(resp, status, "application/json", json, strlen(json));
    cJSON_free(json);
    if (!ok) {
        status = 500;
        if (!pc_response_body(resp, status, "application/json", fallback, sizeof fallback - 1))
            return false;
    }
    ok = true;
    if (allow)
        ok = pc_response_header(resp, "Allow", allow);
    if (ok && status == 401)
        ok = pc_response_header(resp, "WWW-Authenticate", "Bearer");
    if (ok && r->retry_after > 0) {
        char secs[24];
        snprintf(secs, sizeof secs, "%ld", r->retry_after);
        ok = pc_response_header(resp, "Retry-After", secs);
    }
    resp->close = r->close;
    r->status = status;
    return ok;
}

/* Queues a JSON text (copied) with status 200. */
static bool send_text(struct exchange *c, struct req *r, unsigned status,
                                 const char *json)
{
    char *copy = cJSON_malloc(strlen(json) + 1);
    if (copy)
        memcpy(copy, json, strlen(json) + 1);
    return send_json(c, r, status, copy, NULL);
}

static bool send_error(struct exchange *c, struct req *r, unsigned status,
                                  const char *code, const char *message)
{
    return send_json(c, r, status, pc_error_json(code, message), NULL);
}

static bool send_internal(struct exchange *c, struct req *r, const char *why)
{
    pc_log("interne fout: %s", why);
    return send_error(c, r, 500, "internal",
                      "interne fout van de ontvanger; probeer het later opnieuw");
}

/* The token of the Authorization header, checked against the database:
 * *valid for a known, unrevoked token (then r->token_id and r->swv are
 * set). Returns PT_OK, or PT_FAILED with the reason in err. */
static enum pt_status authorise(struct server *srv, struct exchange *c, struct req *r,
                                bool *valid, struct pt_error *err)
{
    char token[PC_TOKEN_SIZE];
    const char *auth = pc_request_header(c->rq, "Authorization");
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
static bool put_answer(struct exchange *c, struct req *r, enum pc_put put,
                                  const char *key, time_t now)
{
    switch (put) {
    case PC_PUT_STORED:
        return send_json(c, r, 201, pc_status_json("stored", key), NULL);
    case PC_PUT_DUPLICATE:
        return send_json(c, r, 200, pc_status_json("duplicate", key), NULL);
    case PC_PUT_SCALE_CONFLICT:
        return send_error(c, r, 409, "scale",
                          "deze rubric-versie is eerder met een andere schaal (rubric.scale) "
                          "ingediend");
    case PC_PUT_DAILY_CAP:
        r->retry_after = until_midnight(now);
        return send_error(c, r, 429, "daily_cap",
                          "het maximum aantal inzendingen van dit samenwerkingsverband voor "
                          "vandaag is bereikt; probeer het morgen (UTC) opnieuw");
    case PC_PUT_CONFLICT:
    default:
        return send_error(c, r, 409, "conflict",
                          "deze Idempotency-Key is al opgeslagen met een ander bericht; "
                          "verhoog de revisie voor een nieuwe versie");
    }
}

static bool post_results(struct server *srv, struct exchange *c,
                                    struct req *r)
{
    struct pt_error err = {0};
    struct pc_summary sum;
    enum pc_put put;
    bool ret;
    time_t now = time(NULL);

    switch (pc_validate(r->body ? r->body : "", r->len, (long long)now, &sum, &err)) {
    case PC_BODY_OK:
        break;
    case PC_BODY_MALFORMED:
        return send_error(c, r, 400, "malformed_json", err.msg);
    case PC_BODY_FORMAT:
        return send_error(c, r, 422, "format", err.msg);
    case PC_BODY_NUL:
    case PC_BODY_INVALID:
        return send_error(c, r, 422, "invalid", err.msg);
    case PC_BODY_NOMEM:
    default:
        return send_internal(c, r, "onvoldoende geheugen bij het controleren");
    }

    const char *key = pc_request_header(c->rq, "Idempotency-Key");
    if (strcmp(r->swv, sum.swv) != 0) {
        ret = send_error(c, r, 403, "token",
                         "dit token is niet voor de SWV van dit bericht");
    } else if (!key || !*key) {
        ret = send_error(c, r, 422, "idempotency_key",
                         "de header Idempotency-Key ontbreekt (verwacht assessment/revision)");
    } else if (!pc_key_matches(key, &sum)) {
        ret = send_error(c, r, 422, "idempotency_key",
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

static bool get_benchmark(struct server *srv, struct exchange *c,
                                     struct req *r)
{
    struct pt_error err = {0};
    char id[PC_ID_SIZE];
    long version;
    char *json = NULL;

    char param[2 * PC_ID_SIZE];
    if (!pc_request_query(c->rq, "rubric", param, sizeof param) ||
        !pc_parse_rubric(param, id, &version))
        return send_error(c, r, 400, "rubric",
                          "parameter rubric ontbreekt of heeft niet de vorm ID@VERSIE "
                          "(zoals po-gereedheid@1)");
    if (pc_store_benchmark(srv->store, id, version, (long long)time(NULL),
                           srv->snapshot_interval, &json, &err) != PT_OK)
        return send_internal(c, r, err.msg);
    bool ret = send_text(c, r, 200, json);
    free(json);
    return ret;
}

/* ---- issue 15: GET /dashboard (the token was checked on the first call) -- */

static bool send_html(struct exchange *c, struct req *r, const char *html)
{
    char csp[256];
    struct pc_response *resp = c->resp;
    pc_dashboard_csp(csp, sizeof csp);
    if (!pc_response_body(resp, 200, "text/html; charset=utf-8", html, strlen(html)))
        return false;
    bool ok = pc_response_header(resp, "Content-Security-Policy", csp) &&
              pc_response_header(resp, "Referrer-Policy", "no-referrer") &&
              pc_response_header(resp, "X-Frame-Options", "DENY");
    r->status = 200;
    return ok;
}

static bool get_dashboard(struct server *srv, struct exchange *c,
                                     struct req *r)
{
    struct pt_error err = {0};
    char *html = NULL;
    if (pc_dashboard_page(srv->store, (long long)time(NULL), srv->snapshot_interval, &html,
                          &err) != PT_OK)
        return send_internal(c, r, err.msg);
    bool ret = send_html(c, r, html);
    free(html);
    return ret;
}

/* ---- end of GET /dashboard ------------------------------------------------ */

static bool answer(struct server *srv, struct exchange *c, struct req *r)
{
    switch (r->route) {
    case R_HEALTH:
        if (r->method != M_GET && r->method != M_HEAD)
            break;
        return send_json(c, r, 200, pc_status_json("ok", NULL), NULL);
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
        return send_error(c, r, 404, "not_found", "onbekend pad");
    }
    char *json = pc_error_json("method_not_allowed", "deze methode is hier niet toegestaan");
    return send_json(c, r, 405, json,
                     r->route == R_RESULTS ? "POST" : "GET, HEAD");
}

/* The head is in (the server checked its form and framing, and refused an
 * announced oversized body). Everything that can be refused without the
 * body is refused here, and the connection is then closed: an unknown path
 * or method, a missing or unknown token, a token over its rate. */
static bool first_call(struct server *srv, struct exchange *c, struct req *r)
{
    struct pt_error err = {0};
    bool valid = false;
    r->close = true;   /* until the request is accepted */
    bool needs_token = (r->route == R_RESULTS && r->method == M_POST) ||
                       (r->route == R_BENCHMARK && r->method == M_GET) ||
                       (r->route == R_DASHBOARD && r->method == M_GET);
    if (!needs_token) {
        if (r->route != R_HEALTH || (r->method != M_GET && r->method != M_HEAD))
            return answer(srv, c, r);   /* 404 or 405, and close */
        r->close = false;
        return true;
    }
    if (authorise(srv, c, r, &valid, &err) != PT_OK)
        return send_internal(c, r, err.msg);
    if (!valid)
        return send_error(c, r, 401, "token",
                          "token ontbreekt, is onbekend of is ingetrokken");
    /* issue 15: an analyst reads the dashboard and cannot submit; only an
     * analyst reads the dashboard. */
    bool analyst = strcmp(r->swv, PC_ANALYST) == 0;
    if (analyst && r->route == R_RESULTS)
        return send_error(c, r, 403, "token",
                          "een analistentoken kan geen resultaten insturen");
    if (!analyst && r->route == R_DASHBOARD)
        return send_error(c, r, 403, "token",
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
        return send_error(c, r, 429, "rate_limit", err.msg);
    }
    r->close = false;
    return true;
}

static void on_head(void *cls, struct pc_request *rq, struct pc_response *resp)
{
    struct server *srv = cls;
    struct exchange c = {rq, resp};
    struct req *r = calloc(1, sizeof *r);
    static const char nomem[] =
        "{\"error\":\"internal\",\"message\":\"interne fout van de ontvanger\"}";
    if (!r) {
        pc_response_body(resp, 500, "application/json", nomem, sizeof nomem - 1);
        return;
    }
    rq->state = r;
    const char *url = rq->path, *method = rq->method;
    r->route = strcmp(url, "/healthz") == 0       ? R_HEALTH
               : strcmp(url, "/v1/results") == 0  ? R_RESULTS
               : strcmp(url, "/v1/benchmark") == 0 ? R_BENCHMARK
               : strcmp(url, "/dashboard") == 0    ? R_DASHBOARD
                                                   : R_NONE;
    r->method = strcmp(method, "GET") == 0    ? M_GET
                : strcmp(method, "HEAD") == 0 ? M_HEAD
                : strcmp(method, "POST") == 0 ? M_POST
                                              : M_OTHER;
    first_call(srv, &c, r);
}

static void on_complete(void *cls, struct pc_request *rq, struct pc_response *resp)
{
    struct exchange c = {rq, resp};
    struct req *r = rq->state;
    r->body = rq->body;
    r->len = rq->body_len;
    answer(cls, &c, r);
}

static void on_done(void *cls, struct pc_request *rq, unsigned status)
{
    struct req *r = rq->state;
    (void)cls;
    if (!r)
        return;
    if (status)
        pc_log("%s %s %u", method_name(r->method), route_name(r->route), status);
    else
        pc_log("%s %s afgebroken", method_name(r->method), route_name(r->route));
    free(r);
    rq->state = NULL;
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

/* A stray SIGPIPE must never stop the receiver (the server writes with
 * MSG_NOSIGNAL, GnuTLS not always). SIGINT and SIGTERM are blocked in
 * every thread (the threads made afterwards inherit the mask) and taken by
 * sigwait in pc_serve. */
static bool block_signals(sigset_t *sigs)
{
    signal(SIGPIPE, SIG_IGN);
    sigemptyset(sigs);
    sigaddset(sigs, SIGINT);
    sigaddset(sigs, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, sigs, NULL) != 0) {
        pc_log("signalen kunnen niet worden geblokkeerd");
        return false;
    }
    return true;
}

static void server_init(struct server *srv, const struct pc_serve_options *o,
                        struct pc_server_options *so)
{
    memset(srv, 0, sizeof *srv);
    srv->max_body = o->max_body;
    srv->rate_limit = o->rate_limit;
    srv->rate_window = PC_RATE_WINDOW;
    srv->daily_cap = o->daily_cap;
    srv->snapshot_interval = (long long)o->snapshot_interval;
    memset(so, 0, sizeof *so);
    so->max_body = o->max_body;
    so->max_connections = o->max_connections;
    so->per_address = o->per_address;
    so->timeout = o->timeout;
    so->tls_cert = o->tls_cert;
    so->tls_key = o->tls_key;
}

int pc_serve(const struct pc_serve_options *o)
{
    struct server srv;
    struct pc_server_options so;
    struct pc_server *server = NULL;
    struct pc_handler handler = {&srv, on_head, on_complete, on_done};
    struct pt_error err = {0};
    char host[INET6_ADDRSTRLEN + 3];
    bool tls = o->tls_cert || o->tls_key;
    bool store_open = false;
    unsigned port = 0;
    sigset_t sigs;
    int rc = PT_FAILED, sig = 0;

    server_init(&srv, o, &so);
    if (!pt_parse_listen(o->listen, &so.addr, &so.addr_len)) {
        pc_log("--listen: geen ADRES:POORT (zoals 127.0.0.1:8443 of [::1]:8443)");
        return PT_USAGE;
    }
    if (tls && (!o->tls_cert || !o->tls_key)) {
        pc_log("--tls-cert en --tls-key horen bij elkaar");
        return PT_USAGE;
    }
    /* Before any thread is made (the store's own ones too), so that every
     * thread has SIGINT and SIGTERM blocked and sigwait gets them. */
    if (!block_signals(&sigs))
        goto cleanup;
    if (pc_store_open(o->db, &srv.store, &err) != PT_OK) {
        pc_log("%s", err.msg);
        goto cleanup;
    }
    store_open = true;
    if (pc_server_open(&so, &handler, &server, &port, &err) != PT_OK) {
        pc_log("%s", err.msg);
        goto cleanup;
    }
    if (pc_server_start(server, &err) != PT_OK) {
        pc_log("%s", err.msg);
        goto cleanup;
    }
    address_text(&so.addr, host, sizeof host);
    printf("%s: luistert op %s://%s:%u\n", PC_PROGRAM, tls ? "https" : "http", host, port);
    if (fflush(stdout) != 0) {
        pc_log("stdout: %s", strerror(errno));
        goto cleanup;
    }

    while (sigwait(&sigs, &sig) != 0)
        ;
    pc_log("gestopt (%s)", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = PT_OK;

cleanup:
    pc_server_close(server);
    if (store_open)
        pc_store_close(srv.store);
    return rc;
}
