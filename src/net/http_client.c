/*
 * http_client.c — libcurl, bounded and verifying. See http_client.h.
 */
#include "http_client.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <dlfcn.h>

#include "util.h"

#define DEFAULT_CONNECT_TIMEOUT 10
#define DEFAULT_TIMEOUT 60
#define DEFAULT_MAX_RESPONSE (1024 * 1024)

/*
 * libcurl is loaded when the first request is made (dlopen), not when the
 * program starts: it pulls in some thirty libraries (TLS, HTTP/2, LDAP,
 * Kerberos …), which cost every command about 5 ms of start-up (make bench)
 * while only submit, outbox flush and report --benchmark need them. The
 * headers still come from libcurl4-openssl-dev through pkg-config; the
 * library is the same libcurl.so.4 the linker would have used.
 */
#define PT_LIBCURL "libcurl.so.4"

static struct {
    bool tried, ok;
    char why[256];
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    time_t (*getdate)(const char *, const time_t *);
    CURLU *(*url)(void);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    void (*url_cleanup)(CURLU *);
    void (*free)(void *);
} cu;

/* Loads libcurl once. Returns 0, or -1 with a Dutch reason in err. */
static int load_curl(char *err, size_t errsize)
{
    if (!cu.tried) {
        cu.tried = true;
        void *h = dlopen(PT_LIBCURL, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            snprintf(cu.why, sizeof cu.why, "libcurl (%s) kan niet worden geladen: %s; "
                     "installeer het pakket libcurl4", PT_LIBCURL, dlerror());
            goto done;
        }
        /* POSIX: a function pointer may be read from dlsym's void *. */
#define SYM(field, name) \
        do { \
            void *p_ = dlsym(h, name); \
            if (!p_) { \
                snprintf(cu.why, sizeof cu.why, "%s mist %s; libcurl is te oud", \
                         PT_LIBCURL, name); \
                goto done; \
            } \
            memcpy(&cu.field, &p_, sizeof p_); \
        } while (0)
        SYM(global_init, "curl_global_init");
        SYM(easy_init, "curl_easy_init");
        SYM(easy_setopt, "curl_easy_setopt");
        SYM(easy_perform, "curl_easy_perform");
        SYM(easy_getinfo, "curl_easy_getinfo");
        SYM(easy_cleanup, "curl_easy_cleanup");
        SYM(easy_strerror, "curl_easy_strerror");
        SYM(slist_append, "curl_slist_append");
        SYM(slist_free_all, "curl_slist_free_all");
        SYM(getdate, "curl_getdate");
        SYM(url, "curl_url");
        SYM(url_set, "curl_url_set");
        SYM(url_get, "curl_url_get");
        SYM(url_cleanup, "curl_url_cleanup");
        SYM(free, "curl_free");
#undef SYM
        if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(cu.why, sizeof cu.why, "libcurl kan niet worden gestart");
            goto done;
        }
        cu.ok = true;
        /* The library stays loaded until exit, like a linked one. */
    }
done:
    if (!cu.ok)
        snprintf(err, errsize, "%s", cu.why);
    return cu.ok ? 0 : -1;
}

/* What one transfer collects. */
struct transfer {
    struct pt_buf body;
    size_t max;
    bool too_large;
    char retry_after[128];
    char location[512];
    long now;
};

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    struct transfer *t = user;
    size_t len = size * n;
    if (t->body.len + len > t->max) {
        t->too_large = true;
        return 0;               /* makes libcurl abort with CURLE_WRITE_ERROR */
    }
    pt_buf_add(&t->body, data, len);
    return len;
}

/* When line is header name (lower case, with the colon), copies its value
 * (trimmed, only printable ASCII, cut to size) to out. */
static void header_value(const char *line, size_t len, const char *name, char *out,
                         size_t size)
{
    size_t nl = strlen(name);
    if (len <= nl || strncasecmp(line, name, nl) != 0)
        return;
    const char *v = line + nl;
    size_t vlen = len - nl, j = 0;
    while (vlen && (*v == ' ' || *v == '\t')) {
        v++;
        vlen--;
    }
    while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
        vlen--;
    for (size_t i = 0; i < vlen && j + 1 < size; i++)
        out[j++] = (v[i] > 0x20 && v[i] < 0x7f) ? v[i] : '?';
    out[j] = '\0';
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
    struct transfer *t = user;
    size_t len = size * n;
    static const char name[] = "retry-after:";
    /* A new status line (after a 100 Continue) starts a new header block. */
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        t->retry_after[0] = '\0';
        t->location[0] = '\0';
    }
    header_value(data, len, "location:", t->location, sizeof t->location);
    if (len > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        const char *v = data + sizeof name - 1;
        size_t vlen = len - (sizeof name - 1);
        while (vlen && (*v == ' ' || *v == '\t')) {
            v++;
            vlen--;
        }
        while (vlen && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' || v[vlen - 1] == ' '))
            vlen--;
        if (vlen < sizeof t->retry_after) {
            memcpy(t->retry_after, v, vlen);
            t->retry_after[vlen] = '\0';
        }
    }
    return len;
}

long pt_http_parse_retry_after(const char *value, long now)
{
    if (!value || !*value)
        return -1;
    const char *p = value;
    while (*p == ' ')
        p++;
    if (isdigit((unsigned char)*p)) {
        long v = 0;
        for (; isdigit((unsigned char)*p); p++) {
            if (v > 100000000L)
                return -1;      /* absurd; treated as unreadable */
            v = v * 10 + (*p - '0');
        }
        while (*p == ' ')
            p++;
        return *p ? -1 : v;
    }
    char ignore[256];
    if (load_curl(ignore, sizeof ignore) != 0)
        return -1;
    time_t when = cu.getdate(p, NULL);
    if (when == (time_t)-1)
        return -1;
    long d = (long)when - now;
    return d < 0 ? 0 : d;
}

int pt_http_init(struct pt_http *h, const struct pt_http_options *opt,
                 char *err, size_t errsize)
{
    memset(h, 0, sizeof *h);
    if (load_curl(err, errsize) != 0)
        return -1;
    h->opt = *opt;
    if (h->opt.connect_timeout <= 0)
        h->opt.connect_timeout = DEFAULT_CONNECT_TIMEOUT;
    if (h->opt.timeout <= 0)
        h->opt.timeout = DEFAULT_TIMEOUT;
    if (h->opt.max_response == 0)
        h->opt.max_response = DEFAULT_MAX_RESPONSE;
    if (opt->cacert) {
        h->cacert = pt_xstrdup(opt->cacert);
        h->opt.cacert = h->cacert;
    }
    if (opt->token) {
        h->token = pt_xstrdup(opt->token);
        h->opt.token = NULL;            /* only the owned copy is used */
    }
    CURL *c = cu.easy_init();
    if (!c) {
        snprintf(err, errsize, "libcurl kan geen verbinding voorbereiden");
        return -1;
    }
    h->curl = c;
    /* Options that hold for every request of this handle. */
    CURLcode rc = CURLE_OK;
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->opt.connect_timeout);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_TIMEOUT, h->opt.timeout);
    if (!rc) rc = cu.easy_setopt(c, CURLOPT_USERAGENT, "praktijktoets/" PT_VERSION);
    if (!rc && h->cacert)
        rc = cu.easy_setopt(c, CURLOPT_CAINFO, h->cacert);
    if (rc != CURLE_OK) {
        snprintf(err, errsize, "libcurl: %s", cu.easy_strerror(rc));
        pt_http_cleanup(h);
        return -1;
    }
    return 0;
}

void pt_http_cleanup(struct pt_http *h)
{
    if (h->curl)
        cu.easy_cleanup(h->curl);
    if (h->token) {
        memset(h->token, 0, strlen(h->token));
        free(h->token);
    }
    free(h->cacert);
    memset(h, 0, sizeof *h);
}

static bool is_loopback_host(const char *host)
{
    if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
        strcmp(host, "::1") == 0)
        return true;
    /* 127.0.0.0/8 written as a dotted quad. */
    unsigned a, b, c, d;
    char tail;
    if (sscanf(host, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4)
        return a == 127 && b < 256 && c < 256 && d < 256;
    return false;
}

/* pt_http_check_url, and whether the host is a loopback address. */
static int check_url(const char *url, bool *loopback, char *err, size_t errsize)
{
    int rc = -1;
    *loopback = false;
    char *scheme = NULL, *host = NULL;
    if (load_curl(err, errsize) != 0)
        return -1;
    CURLU *u = cu.url();
    if (!u) {
        snprintf(err, errsize, "onvoldoende geheugen");
        return -1;
    }
    if (cu.url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        cu.url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        cu.url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        snprintf(err, errsize, "het adres \"%s\" is geen geldige URL", url);
        goto cleanup;
    }
    *loopback = is_loopback_host(host);
    if (strcmp(scheme, "https") == 0) {
        rc = 0;
    } else if (strcmp(scheme, "http") == 0) {
        if (is_loopback_host(host))
            rc = 0;
        else
            snprintf(err, errsize, "onversleuteld http:// is alleen toegestaan naar dit "
                     "apparaat zelf (127.0.0.1, ::1, localhost); gebruik https://");
    } else {
        snprintf(err, errsize, "het adres moet met https:// beginnen, niet met %s://", scheme);
    }
cleanup:
    cu.free(scheme);
    cu.free(host);
    cu.url_cleanup(u);
    return rc;
}

int pt_http_check_url(const char *url, char *err, size_t errsize)
{
    bool loopback;
    return check_url(url, &loopback, err, errsize);
}

char *pt_http_url(const char *base, const char *path)
{
    struct pt_buf url = {0};
    size_t blen = strlen(base);
    while (blen && base[blen - 1] == '/')
        blen--;
    pt_buf_add(&url, base, blen);
    pt_buf_adds(&url, path);
    return pt_buf_detach(&url);
}

/* The options of one request. */
static CURLcode set_request(CURL *c, const char *method, const char *url, bool loopback,
                            struct curl_slist *list, char *curlerr, struct transfer *t,
                            const char *body, size_t body_len)
{
    CURLcode cc = CURLE_OK;
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_URL, url);
    /* Never a proxy for a loopback endpoint: plain http:// is allowed there
     * only because it does not leave the machine (an empty string turns
     * off the proxy variables of the environment too). */
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_PROXY, loopback ? "" : NULL);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_HTTPHEADER, list);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_ERRORBUFFER, curlerr);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_WRITEDATA, t);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    if (!cc) cc = cu.easy_setopt(c, CURLOPT_HEADERDATA, t);
    if (strcmp(method, "POST") == 0) {
        if (!cc) cc = cu.easy_setopt(c, CURLOPT_POST, 1L);
        if (!cc) cc = cu.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
        if (!cc) cc = cu.easy_setopt(c, CURLOPT_POSTFIELDS, body);
    } else {
        if (!cc) cc = cu.easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    return cc;
}

int pt_http_request(struct pt_http *h, const char *method, const char *url,
                    const char *const *headers, const char *body, size_t body_len,
                    struct pt_http_response *resp, char *err, size_t errsize)
{
    CURL *c = h->curl;
    struct curl_slist *list = NULL;
    struct pt_buf auth = {0};
    struct transfer t = {.max = h->opt.max_response, .now = (long)time(NULL)};
    char curlerr[CURL_ERROR_SIZE] = "";
    int rc = -1;

    bool loopback = false;
    memset(resp, 0, sizeof *resp);
    resp->retry_after = -1;
    if (check_url(url, &loopback, err, errsize) != 0)
        return -1;
    for (size_t i = 0; headers && headers[i]; i++) {
        struct curl_slist *n = cu.slist_append(list, headers[i]);
        if (!n) {
            snprintf(err, errsize, "onvoldoende geheugen");
            goto cleanup;
        }
        list = n;
    }
    if (h->token) {
        pt_buf_printf(&auth, "Authorization: Bearer %s", h->token);
        struct curl_slist *n = cu.slist_append(list, auth.data);
        if (!n) {
            snprintf(err, errsize, "onvoldoende geheugen");
            goto cleanup;
        }
        list = n;
    }
    CURLcode cc = set_request(c, method, url, loopback, list, curlerr, &t, body, body_len);
    if (cc != CURLE_OK) {
        snprintf(err, errsize, "libcurl: %s", cu.easy_strerror(cc));
        goto cleanup;
    }
    cc = cu.easy_perform(c);
    if (cc != CURLE_OK) {
        if (t.too_large)
            snprintf(err, errsize, "het antwoord van de server is groter dan %zu bytes",
                     h->opt.max_response);
        else
            snprintf(err, errsize, "%s", curlerr[0] ? curlerr : cu.easy_strerror(cc));
        goto cleanup;
    }
    cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
    resp->retry_after = pt_http_parse_retry_after(t.retry_after, t.now);
    if (resp->status >= 300 && resp->status < 400 && t.location[0])
        resp->location = pt_xstrdup(t.location);
    pt_buf_add(&t.body, "", 0);
    resp->len = t.body.len;
    resp->body = pt_buf_detach(&t.body);
    rc = 0;
cleanup:
    /* The handle must not keep pointers to this call's locals. */
    cu.easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    cu.easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
    cu.easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
    /* libcurl's copy of the token header goes with the list: wipe it first */
    for (struct curl_slist *n = list; n; n = n->next)
        memset(n->data, 0, strlen(n->data));
    cu.slist_free_all(list);
    if (auth.data)
        memset(auth.data, 0, auth.len);
    pt_buf_free(&auth);
    pt_buf_free(&t.body);
    return rc;
}

void pt_http_response_free(struct pt_http_response *resp)
{
    free(resp->body);
    free(resp->location);
    resp->body = NULL;
    resp->location = NULL;
    resp->len = 0;
}
