/*
 * http_client.h — where a request to the central endpoint is sent from:
 * one libcurl easy handle, reused for every request of a run (so one TLS
 * session and connection serve a whole `outbox flush`).
 *
 * Always: TLS peer and host verification on, only http and https, no
 * redirects (a 3xx is handed back with its Location), no proxy for a
 * loopback endpoint (http_proxy and friends are ignored there), a connect
 * timeout, a total timeout and a limit on the size of
 * the response. Plain http:// is refused unless the host is a loopback
 * address. Headers passed in (the Authorization header with the token) are
 * never printed: verbose output is off and errors carry only libcurl's
 * error text, which does not contain headers.
 *
 * The bearer token is given once, to pt_http_init; every request carries it
 * as "Authorization: Bearer …", and its copies are wiped when done with.
 */
#ifndef PT_HTTP_CLIENT_H
#define PT_HTTP_CLIENT_H

#include "status.h"
#include <stddef.h>

struct pt_http_options {
    const char *cacert;          /* CA bundle file, or NULL for the system's */
    long connect_timeout;        /* seconds; 0 → 10 */
    long timeout;                /* seconds for the whole request; 0 → 60 */
    size_t max_response;         /* bytes; 0 → 1 MiB */
    const char *token;           /* bearer token for every request, or NULL */
};

struct pt_http {
    void *curl;                  /* CURL *, owned */
    struct pt_http_options opt;
    char *cacert;                /* owned copy */
    char *token;                 /* owned copy, wiped on cleanup; NULL when none */
};

struct pt_http_response {
    long status;                 /* HTTP status, 0 when none */
    char *body;                  /* owned, NUL-terminated, may be "" */
    size_t len;
    long retry_after;            /* seconds from now, -1 when absent or unreadable */
    char *location;              /* owned; a 3xx's Location (printable ASCII), or NULL */
};

/* Sets up the handle (curl_global_init is done once, here). Returns PT_OK, or
 * PT_FAILED with a Dutch reason in err. */
int pt_http_init(struct pt_http *h, const struct pt_http_options *opt,
                 struct pt_error *err);
void pt_http_cleanup(struct pt_http *h);

/* 0 when url is an http(s) URL the client may use: https anywhere, http
 * only to loopback (127.0.0.0/8, ::1, localhost). PT_INVALID with a reason. */
int pt_http_check_url(const char *url, struct pt_error *err);

/* base (an endpoint, trailing slashes ignored) followed by path, which
 * starts with "/". Caller frees. */
char *pt_http_url(const char *base, const char *path);

/* Sends one request. method is "GET" or "POST" (body and body_len for
 * POST); headers is a NULL-terminated list of "Name: value" lines, to which
 * the Authorization header of the handle's token is added. Returns
 * PT_OK when an HTTP response came back (whatever its status), PT_FAILED when none did
 * (DNS, connect, TLS, timeout, response too large, connection dropped) with
 * libcurl's reason in err. resp is filled on 0 and must be freed with
 * pt_http_response_free either way. */
int pt_http_request(struct pt_http *h, const char *method, const char *url,
                    const char *const *headers, const char *body, size_t body_len,
                    struct pt_http_response *resp, struct pt_error *err);
void pt_http_response_free(struct pt_http_response *resp);

/* Reads a Retry-After value: delta seconds or an HTTP date (compared with
 * now). Returns seconds from now (0 for a date in the past), or -1 when the
 * value is neither. */
long pt_http_parse_retry_after(const char *value, long now);

#endif
