/*
 * web.h — `praktijktoets serve`: the mirror team's web app (web.md) on
 * libmicrohttpd. A thread per connection, each with its own SQLite
 * connection to the same database the command line uses (WAL), for reads;
 * every write goes to one writer thread that commits waiting writes in one
 * BEGIN IMMEDIATE transaction (group commit) and answers only after COMMIT.
 */
#ifndef PT_WEB_H
#define PT_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct pt_web_options {
    const char *db_path;
    const char *listen;         /* ADDR:PORT, default 127.0.0.1:8080; port 0: any */
    const char *public_url;     /* for the cookie's Secure flag; may be NULL */
    const char *tls_cert, *tls_key;
    size_t max_body;            /* bytes (default 32 KiB) */
    unsigned token_failures;    /* unknown links per address per minute before 429 (10) */
    bool quiet;                 /* no request log on stderr */
};

struct pt_web;

/* Starts the server. *port is the port it listens on. Returns 0 (PT_OK), or
 * an exit status with a Dutch reason in err. */
int pt_web_start(const struct pt_web_options *o, struct pt_web **out, unsigned *port,
                 struct pt_error *err);
void pt_web_stop(struct pt_web *w);

/* ---- request parsing (web_parse.c; pure functions, fuzzed) --------------- */

/* The value of field name in an application/x-www-form-urlencoded body,
 * decoded into a new string (caller frees), or NULL when absent or
 * malformed (bad %-escape, NUL, invalid UTF-8). */
char *pt_web_form_get(const char *body, size_t len, const char *name);
/* True when every field of the form is one of the names (NULL-terminated)
 * and no field appears twice. */
bool pt_web_form_only(const char *body, size_t len, const char *const *names);
/* Splits a path below prefix into at most n segments of at most 63 bytes
 * of [A-Za-z0-9._-]; returns the count, or -1 when it does not fit. */
int pt_web_path_split(const char *path, const char *prefix, char seg[][64], int n);
/* A JSON object body (body[len] must be '\0') whose keys are all in names
 * (NULL-terminated), each once: the object (caller deletes), or NULL with
 * *status 400 (not a JSON object) or 422 (unknown or repeated key) and a
 * Dutch reason in msg. */
#include <cJSON.h>
cJSON *pt_web_json_object(const char *body, size_t len, const char *const *names,
                          unsigned *status, char *msg, size_t msgsize);
/* Appends s HTML-escaped (& < > " ') to a pt_buf. */
struct pt_buf;
void pt_web_html(struct pt_buf *b, const char *s);

#endif
