/*
 * central_http.h — the HTTP server of praktijktoets-central (libmicrohttpd).
 *
 *   POST /v1/results     store a submission once per Idempotency-Key
 *   GET  /v1/benchmark   the national distribution for ?rubric=ID@VERSION
 *   GET  /healthz        {"status":"ok"}
 *
 * Thread per connection (SQLite calls block), a connection limit and a
 * per-connection idle timeout from the options, bodies bounded by
 * max_body and never buffered beyond it. Errors are JSON
 * {"error": code, "message": Dutch text} and never quote the token or the
 * body.
 */
#ifndef PC_HTTP_H
#define PC_HTTP_H

#include <stddef.h>

#define PC_DEFAULT_LISTEN "127.0.0.1:8443"
#define PC_DEFAULT_MAX_BODY 1048576u
#define PC_DEFAULT_MAX_CONNECTIONS 64u
#define PC_DEFAULT_TIMEOUT 30u

struct pc_serve_options {
    const char *listen;           /* "ADDR:PORT" */
    const char *db;
    size_t max_body;
    unsigned max_connections;
    unsigned timeout;             /* seconds of idleness per connection */
    const char *tls_cert;         /* both or neither: HTTPS */
    const char *tls_key;
};

/* Opens the database, listens, prints "praktijktoets-central: luistert op
 * URL" on stdout, and serves until SIGTERM or SIGINT. Returns an exit
 * status (PC_OK after a clean stop). */
int pc_serve(const struct pc_serve_options *o);

#endif
