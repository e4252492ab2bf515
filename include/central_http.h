/*
 * central_http.h — the routes of praktijktoets-central, served by its own
 * HTTP/1.1 server (central_server.h).
 *
 *   POST /v1/results     store a submission once per Idempotency-Key
 *   GET  /v1/benchmark   the national distribution for ?rubric=ID@VERSION
 *   GET  /healthz        {"status":"ok"}
 *
 * Thread per connection (SQLite calls block), connection limits in all and
 * per address, a deadline for each request to arrive whole, bodies bounded
 * by max_body and never buffered beyond it. Errors are JSON
 * {"error": code, "message": Dutch text} and never quote the token or the
 * body.
 */
#ifndef PC_HTTP_H
#define PC_HTTP_H

#include <stddef.h>

#define PC_DEFAULT_LISTEN "127.0.0.1:8443"
#define PC_DEFAULT_MAX_BODY 1048576u
#define PC_DEFAULT_MAX_CONNECTIONS 64u
#define PC_DEFAULT_TIMEOUT 10u
#define PC_DEFAULT_PER_ADDRESS 8u
#define PC_DEFAULT_RATE_LIMIT 60u        /* per token per PC_RATE_WINDOW */
#define PC_RATE_WINDOW 60u               /* seconds */
#define PC_DEFAULT_DAILY_CAP 100u        /* stored submissions per SWV per UTC day */
#define PC_DEFAULT_SNAPSHOT_INTERVAL 86400u

struct pc_serve_options {
    const char *listen;           /* "ADDR:PORT" */
    const char *db;
    size_t max_body;
    unsigned max_connections;
    unsigned timeout;             /* seconds a request may take to arrive whole,
                                   * and of idleness per connection */
    unsigned per_address;         /* connections per client address */
    unsigned rate_limit;          /* requests per token per PC_RATE_WINDOW */
    unsigned daily_cap;           /* stored submissions per SWV per UTC day */
    unsigned snapshot_interval;   /* seconds between benchmark snapshots */
    const char *tls_cert;         /* both or neither: HTTPS */
    const char *tls_key;
};

/* Opens the database, listens, prints "praktijktoets-central: luistert op
 * URL" on stdout, and serves until SIGTERM or SIGINT. Returns an exit
 * status (PT_OK after a clean stop). */
int pc_serve(const struct pc_serve_options *o);

#endif
