/*
 * web_internal.h — what the parts of the web app share (not a public
 * interface): the server, one request, and the helpers handlers answer with.
 */
#ifndef PT_WEB_INTERNAL_H
#define PT_WEB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>
#include <microhttpd.h>

#include "model.h"
#include "store.h"
#include "store_web.h"
#include "util.h"
#include "web.h"

/* Per server thread: its own connection and the model of the last
 * assessment it served (rubric, team, cases: what validation needs). */
struct web_thread {
    struct pt_store *store;
    char id[128];
    long revision;
    char imported[40];
    struct pt_toetsmap t;
    bool loaded;
};

struct web_rate {
    unsigned char addr[16];
    long long start;
    unsigned count;
};

#define WEB_RATES 256

struct pt_web {
    struct MHD_Daemon *d;
    char *db_path;
    bool secure, quiet;
    size_t max_body;
    unsigned token_failures;
    pthread_key_t key;
    bool key_made;
    pthread_mutex_t lock;       /* rates, report_css */
    struct web_rate rates[WEB_RATES];
    char *report_css;
    char *cert, *pem_key;
    /* the writer thread (web_writer.c) */
    struct pt_store *wstore;
    pthread_t writer;
    bool writer_init, writer_running, stopping;
    pthread_mutex_t wlock;
    pthread_cond_t wcond, wdone;
    struct web_job *head, *tail;
};

struct web_req {
    struct pt_web *srv;
    struct MHD_Connection *conn;
    struct web_thread *th;
    bool api;                   /* under /api/: errors as JSON */
    bool head;
    char method[8];
    char *url;                  /* owned copy */
    char *body;                 /* owned, NUL-terminated */
    size_t len, cap, seen;
    bool too_big;
    unsigned status;            /* answered with, for the log */
    /* the session, when web_session found one */
    bool has_session;
    struct pt_session s;
    enum pt_phase phase;
    const struct pt_toetsmap *t;
    /* the answer handlers build */
    unsigned code;
    struct pt_buf out;
    const char *ctype;
    char location[320];
    char cookie[200];
    const char *allow;
};

/* web_request.c */
long long web_now(void);
/* This thread's state (its own store, opened on first use); freed by
 * web_thread_free when the thread ends (the pthread key's destructor). */
struct web_thread *web_thread_state(struct pt_web *w, struct pt_error *err);
void web_thread_free(void *p);
/* Drops the answer built so far. */
void web_reset_answer(struct web_req *r);
/* Looks the session cookie up; loads its assessment model and phase. False:
 * the answer (401 or 500) is set. */
bool web_session(struct web_req *r);
/* Reloads the phase (after a write). */
bool web_reload_phase(struct web_req *r);
/* The CSRF token of the request (header, or form field csrf) matches. */
bool web_csrf_ok(struct web_req *r);
/* Answers: an error (JSON under /api/, else an HTML page), JSON, a redirect. */
void web_error(struct web_req *r, unsigned code, const char *error, const char *message);
void web_json(struct web_req *r, unsigned code, cJSON *json);
void web_redirect(struct web_req *r, const char *location);
/* An error of the store: PT_FAILED → 500, PT_INVALID → 404, web codes as is. */
void web_store_error(struct web_req *r, int rc, const char *err);
/* The session's role is one of those marked true; else answers 403 with
 * message and returns false. */
bool web_role_ok(struct web_req *r, bool rater, bool coordinator, bool reader,
                 const char *message);
/* The rater's id when the session is a rater's, else NULL. */
const char *web_rater(const struct web_req *r);
/* May this session see other raters' levels and comments now (web.md)? */
bool web_sees_others(struct web_req *r);

/* web_api.c */
void web_api(struct web_req *r);
/* The report of the session's assessment (GET /report). */
void web_report(struct web_req *r);

/* web_pages.c (routes; the parts in web_page_parts.c) */
void web_pages(struct web_req *r);

/* web_assets.c (generated from src/web/static at build time) */
extern const unsigned char pt_web_app_js[];
extern const size_t pt_web_app_js_len;
extern const unsigned char pt_web_app_css[];
extern const size_t pt_web_app_css_len;

#endif
