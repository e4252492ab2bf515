/*
 * web_server.c — the web app's HTTP server on libmicrohttpd 0.9.75: a
 * thread pool (MHD_OPTION_THREAD_POOL_SIZE), each thread with its own SQLite
 * connection (thread-specific data, closed when the thread ends); request
 * bodies up to max_body; sessions; the rate limit on unknown links; the
 * security headers on every answer (web.md "Security").
 *
 * MHD calls the access handler several times per request: headers, body
 * pieces, the end. An answer is queued on the first call only to refuse an
 * announced oversized body (413), otherwise on the last.
 */
#include "web_internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "listen.h"
#include "secret.h"
#include "web_writer.h"

#define DRAIN_FACTOR 4
#define RATE_WINDOW 60

static const char csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* ---- unknown links: rate limit per address ------------------------------- */

static void client_addr(struct MHD_Connection *c, unsigned char out[16])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    memset(out, 0, 16);
    if (!ci || !ci->client_addr)
        return;
    if (ci->client_addr->sa_family == AF_INET6)
        memcpy(out, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, 16);
    else if (ci->client_addr->sa_family == AF_INET)
        memcpy(out, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, 4);
}

/* Counts a failure (fail) or only looks; true when the address is over. */
static bool rate_limited(struct pt_web *w, const unsigned char addr[16], bool fail)
{
    long long now = web_now();
    bool over = false;
    pthread_mutex_lock(&w->lock);
    struct web_rate *slot = NULL, *oldest = &w->rates[0];
    for (size_t i = 0; i < WEB_RATES; i++) {
        struct web_rate *x = &w->rates[i];
        if (x->count && memcmp(x->addr, addr, 16) == 0) {
            slot = x;
            break;
        }
        if (x->start < oldest->start)
            oldest = x;
    }
    if (slot && now - slot->start >= RATE_WINDOW)
        slot->count = 0, slot->start = now;
    if (!slot && fail) {
        slot = oldest;
        memcpy(slot->addr, addr, 16);
        slot->start = now;
        slot->count = 0;
    }
    if (slot && fail)
        slot->count++;
    over = slot && slot->count >= w->token_failures;
    pthread_mutex_unlock(&w->lock);
    return over;
}

static void start_session(struct web_req *r, const char *token)
{
    unsigned char addr[16];
    char sid[64];
    struct pt_error err = {""};
    bool found = false;
    client_addr(r->conn, addr);
    if (rate_limited(r->srv, addr, false)) {
        web_error(r, 429, "too_many", "te veel onbekende links vanaf dit adres; wacht een minuut");
        return;
    }
    int rc = strlen(token) > 64 ? PT_OK
                                : web_session_start(r->srv, token, web_now(), &found, sid,
                                                    sizeof sid, &err);
    if (rc != PT_OK) {
        web_store_error(r, rc, err.msg);
        return;
    }
    if (!found) {
        rate_limited(r->srv, addr, true);
        web_error(r, 401, "token", "deze link is onbekend, verlopen of ingetrokken; vraag de "
                  "coördinator om een nieuwe");
        return;
    }
    snprintf(r->cookie, sizeof r->cookie, "pt_session=%s; HttpOnly; SameSite=Strict; Path=/%s",
             sid, r->srv->secure ? "; Secure" : "");
    memset(sid, 0, sizeof sid);
    web_redirect(r, "/");
}

/* ---- dispatch ------------------------------------------------------------ */

static void static_asset(struct web_req *r, const unsigned char *data, size_t len,
                         const char *type)
{
    web_reset_answer(r);
    r->code = 200;
    r->ctype = type;
    pt_buf_add(&r->out, (const char *)data, len);
}

static void route(struct web_req *r)
{
    bool get = strcmp(r->method, "GET") == 0 || r->head;
    if (strncmp(r->url, "/t/", 3) == 0) {
        if (!get) {
            r->allow = "GET, HEAD";
            web_error(r, 405, "method", "deze methode is hier niet toegestaan");
            return;
        }
        start_session(r, r->url + 3);
    } else if (strcmp(r->url, "/static/app.js") == 0 && get) {
        static_asset(r, pt_web_app_js, pt_web_app_js_len, "text/javascript; charset=utf-8");
    } else if (strcmp(r->url, "/static/app.css") == 0 && get) {
        static_asset(r, pt_web_app_css, pt_web_app_css_len, "text/css; charset=utf-8");
    } else if (r->api) {
        web_api(r);
    } else {
        web_pages(r);
    }
}

static enum MHD_Result send_answer(struct web_req *r)
{
    struct MHD_Response *resp;
    size_t len = r->out.len;
    char *data = pt_buf_detach(&r->out);
    if (!data)
        data = pt_xstrdup("");
    resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    bool ok = MHD_add_response_header(resp, "Content-Type",
                                      r->ctype ? r->ctype : "text/plain; charset=utf-8") &&
              MHD_add_response_header(resp, "Content-Security-Policy", csp) &&
              MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff") &&
              MHD_add_response_header(resp, "Referrer-Policy", "no-referrer") &&
              MHD_add_response_header(resp, "X-Frame-Options", "DENY") &&
              MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (ok && r->location[0])
        ok = MHD_add_response_header(resp, "Location", r->location);
    if (ok && r->cookie[0])
        ok = MHD_add_response_header(resp, "Set-Cookie", r->cookie);
    if (ok && r->allow)
        ok = MHD_add_response_header(resp, "Allow", r->allow);
    enum MHD_Result ret = ok ? MHD_queue_response(r->conn, r->code, resp) : MHD_NO;
    MHD_destroy_response(resp);
    memset(r->cookie, 0, sizeof r->cookie);
    if (ret == MHD_YES)
        r->status = r->code;
    return ret;
}

/* Copies a piece of body up to max_body; beyond only counts. False: drop. */
static bool take_body(struct web_req *r, const char *data, size_t n)
{
    size_t max = r->srv->max_body;
    r->seen += n;
    if (r->too_big || r->len + n > max) {
        r->too_big = true;
        return r->seen / DRAIN_FACTOR <= max;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + n + 1)
            cap *= 2;
        r->body = pt_xrealloc(r->body, cap);
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    r->body[r->len] = '\0';
    return true;
}

static enum MHD_Result first_call(struct pt_web *w, struct MHD_Connection *c, const char *url,
                                  const char *method, void **con_cls)
{
    struct web_req *r = pt_xcalloc(1, sizeof *r);
    *con_cls = r;
    r->srv = w;
    r->conn = c;
    r->url = pt_xstrdup(url);
    r->api = strncmp(url, "/api/", 5) == 0;
    snprintf(r->method, sizeof r->method, "%s", strlen(method) < 8 ? method : "OTHER");
    r->head = strcmp(method, "HEAD") == 0;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(cl, &end, 10);
        if (errno || end == cl || *end || n > w->max_body) {
            char msg[96];
            snprintf(msg, sizeof msg, "het verzoek is groter dan %zu bytes", w->max_body);
            web_error(r, 413, "too_large", msg);
            return send_answer(r);
        }
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct pt_web *w = cls;
    struct web_req *r = *con_cls;
    struct pt_error err = {""};
    (void)version;
    if (!r)
        return first_call(w, c, url, method, con_cls);
    if (*upload_data_size) {
        bool keep = take_body(r, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return keep ? MHD_YES : MHD_NO;
    }
    if (r->status)
        return MHD_YES;
    if (r->too_big) {
        pt_error_set(&err, "het verzoek is groter dan %zu bytes", w->max_body);
        web_error(r, 413, "too_large", err.msg);
        return send_answer(r);
    }
    r->th = web_thread_state(w, &err);
    if (!r->th) {
        web_store_error(r, PT_FAILED, err.msg);
        return send_answer(r);
    }
    route(r);
    pt_store_rollback(r->th->store); /* never leave a transaction open */
    return send_answer(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct pt_web *w = cls;
    struct web_req *r = *con_cls;
    (void)c;
    if (!r)
        return;
    if (!w->quiet) {
        /* Never the token of a link or a query string. */
        const char *path = strncmp(r->url, "/t/", 3) == 0 ? "/t/…" : r->url;
        if (r->status)
            fprintf(stderr, "praktijktoets serve: %s %.*s %u\n", r->method,
                    (int)strcspn(path, "?"), path, r->status);
        else
            fprintf(stderr, "praktijktoets serve: %s %.*s afgebroken (%d)\n", r->method,
                    (int)strcspn(path, "?"), path, (int)toe);
    }
    pt_buf_free(&r->out);
    free(r->body);
    free(r->url);
    free(r);
    *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    struct pt_web *w = cls;
    char line[512];
    if (w->quiet)
        return;
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\r\n")] = '\0';
    fprintf(stderr, "praktijktoets serve: mhd: %s\n", line);
}

/* ---- start and stop ------------------------------------------------------ */

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

static int check_db(const char *path, struct pt_error *err)
{
    struct pt_store *s = NULL;
    int rc = pt_store_open(path, PT_STORE_EXISTING, &s, err);
    pt_store_close(s);
    return rc;
}

int pt_web_start(const struct pt_web_options *o, struct pt_web **out, unsigned *port,
                 struct pt_error *err)
{
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    bool tls = o->tls_cert || o->tls_key;
    *out = NULL;
    if (!pt_parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &addr, &alen)) {
        pt_error_set(err, "--listen: geen ADRES:POORT (zoals 127.0.0.1:8080)");
        return PT_USAGE;
    }
    if (tls && (!o->tls_cert || !o->tls_key)) {
        pt_error_set(err, "--tls-cert en --tls-key horen bij elkaar");
        return PT_USAGE;
    }
    if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
        pt_error_set(err, "deze libmicrohttpd kan geen TLS; zet er een reverse proxy voor");
        return PT_FAILED;
    }
    if (check_db(o->db_path, err) != PT_OK)
        return PT_FAILED;
    struct pt_web *w = pt_xcalloc(1, sizeof *w);
    w->db_path = pt_xstrdup(o->db_path);
    w->secure = tls || (o->public_url && strncmp(o->public_url, "https://", 8) == 0);
    w->quiet = o->quiet;
    w->max_body = o->max_body ? o->max_body : 32 * 1024;
    w->token_failures = o->token_failures ? o->token_failures : 10;
    pthread_mutex_init(&w->lock, NULL);
    if (pthread_key_create(&w->key, web_thread_free) != 0) {
        pt_error_set(err, "geen thread-sleutel");
        goto fail;
    }
    w->key_made = true;
    if (tls && (!(w->cert = read_pem(o->tls_cert, err)) ||
                !(w->pem_key = read_pem(o->tls_key, err))))
        goto fail;
    if (web_writer_start(w, err) != PT_OK)
        goto fail;
    signal(SIGPIPE, SIG_IGN);
    struct MHD_OptionItem tls_options[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, w->pem_key},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, w->cert},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_OptionItem no_options[] = {{MHD_OPTION_END, 0, NULL}};
    /* A thread per connection: a request waiting for its group commit
     * holds up no other connection. */
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_ERROR_LOG | MHD_USE_AUTO;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (tls)
        flags |= MHD_USE_TLS;
    uint16_t p = ntohs(addr.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&addr)->sin6_port
                                                  : ((struct sockaddr_in *)&addr)->sin_port);
    w->d = MHD_start_daemon(flags, p, NULL, NULL, on_request, w,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_log, w,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)128,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, w,
                            MHD_OPTION_ARRAY, tls ? tls_options : no_options,
                            MHD_OPTION_END);
    if (!w->d) {
        pt_error_set(err, "kan niet luisteren op %s: %s", o->listen ? o->listen
                 : "127.0.0.1:8080", errno ? strerror(errno) : "onbekende fout");
        goto fail;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
    *port = info && info->port ? info->port : p;
    *out = w;
    return PT_OK;
fail:
    pt_web_stop(w);
    return PT_FAILED;
}

void pt_web_stop(struct pt_web *w)
{
    if (!w)
        return;
    if (w->d)
        MHD_stop_daemon(w->d);
    web_writer_stop(w);
    if (w->key_made)
        pthread_key_delete(w->key);
    pthread_mutex_destroy(&w->lock);
    if (w->pem_key)
        memset(w->pem_key, 0, strlen(w->pem_key));
    free(w->pem_key);
    free(w->cert);
    free(w->report_css);
    free(w->db_path);
    free(w);
}
