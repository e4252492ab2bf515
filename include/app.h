/*
 * app.h — the application layer: what a command (src/cli) or a web handler
 * does with the library, as functions that return data, a status and
 * diagnostics, and never print. The command line and the web app call the
 * same functions; only the presentation differs.
 *
 * A struct pt_app is one user's session: the database path and, once a
 * function needed it, the open store. It is used by one thread at a time
 * (a web server keeps one per worker thread; see docs/architecture.md).
 */
#ifndef PT_APP_H
#define PT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "benchmark.h"
#include "config.h"
#include "deliver.h"
#include "diag.h"
#include "http_client.h"
#include "model.h"
#include "score.h"
#include "status.h"
#include "store.h"
#include "store_web.h"

struct pt_app {
    const char *db_path;        /* --db, or NULL: $PRAKTIJKTOETS_DB, ./praktijktoets.db */
    struct pt_store *store;     /* opened by pt_app_store; closed by pt_app_close */
    bool store_created;         /* opened with PT_STORE_CREATE */
};

/* The store, opened on first use. A read-only use (PT_STORE_EXISTING)
 * never creates the database: PT_INVALID with "bestaat nog niet" in err. */
int pt_app_store(struct pt_app *app, enum pt_store_mode mode, struct pt_store **out,
                 struct pt_error *err);
void pt_app_close(struct pt_app *app);
/* The path of the database this session uses. */
const char *pt_app_db_path(const struct pt_app *app);

/* What is stored (list): rows of text for the command or page to lay out.
 * Read-only: PT_INVALID when there is no database yet. */
int pt_app_list(struct pt_app *app, enum pt_list_kind kind, struct pt_rows *out,
                struct pt_error *err);
/* Every row of the outbox, by seq (caller frees with pt_outbox_entries_free).
 * Read-only, like pt_app_list. */
int pt_app_outbox(struct pt_app *app, struct pt_outbox_entry **out, size_t *n,
                  struct pt_error *err);

/* A toetsmap from a folder or, for an id, from the database. PT_OK;
 * PT_INVALID with diagnostics; PT_FAILED with err. */
int pt_app_load(struct pt_app *app, const char *source, struct pt_toetsmap *t,
                struct pt_diags *diags, struct pt_error *err);

/* Whether assessment prev may be the previous one of t: the same SWV, the
 * same rubric id, an earlier date. Adds a diagnostic with the reason (on
 * file) and returns false when not. */
bool pt_app_previous_fits(const struct pt_assessment *a, const struct pt_assessment *prev,
                          const char *file, struct pt_diags *diags);

/* The previous assessment named by t, when it is in the database, must
 * fit (pt_app_previous_fits): PT_INVALID with the reason otherwise. */
int pt_app_check_previous(struct pt_app *app, const struct pt_toetsmap *t,
                          struct pt_diags *diags);

/* The previous assessment of t (t->assessment->previous) from the
 * database, scored, for the trend. PT_OK; otherwise why not in note (one
 * line, for people: the report goes on without a trend). */
int pt_app_load_previous(struct pt_app *app, const struct pt_toetsmap *t,
                         struct pt_toetsmap *prev_t, struct pt_result *prev,
                         struct pt_error *note);

/* What check checks a score sheet on its own against. */
struct pt_check_options {
    const char *rubric;     /* --rubric FILE, or NULL */
};
/* Checks a file (the loader chosen by its format) or a folder (a toetsmap
 * as a whole, another folder file by file). A score sheet on its own is
 * checked against the toetsmap it sits in (MAP/scores/FILE), else against
 * opt->rubric (levels and criteria; raters and cases cannot be checked
 * then, *partial is set), else only its form is checked (*partial). A
 * toetsmap whose previous assessment is in the database is checked against
 * it. Adds every problem to diags; returns their number. What is allowed
 * but likely a mistake (lint.h: an event after the assessment date, …) goes
 * to warnings, which do not count as problems. */
size_t pt_app_check_path(struct pt_app *app, const char *path,
                         const struct pt_check_options *opt, struct pt_diags *diags,
                         struct pt_diags *warnings, bool *partial);

/* Import of one toetsmap folder. */
struct pt_import_options {
    bool replace;               /* replace a stored assessment */
    bool discard_corrections;   /* ... even when it has corrections (score) */
};
struct pt_import_outcome {
    char id[128];
    size_t ncases, nscores;
    long revision;
};
int pt_app_import(struct pt_app *app, const char *dir, const struct pt_import_options *opt,
                  struct pt_import_outcome *out, struct pt_diags *diags, struct pt_error *err);

/* Records or corrects one score of a stored assessment, validated against
 * its rubric and team by the model's rules; one transaction. comment NULL
 * keeps a stored comment. */
struct pt_score_input {
    const char *id, *rater, *kase, *criterion, *level, *comment;
};
int pt_app_record_score(struct pt_app *app, const struct pt_score_input *in, bool *changed,
                        long *revision, struct pt_diags *diags, struct pt_error *err);
/* The same in a transaction the caller opened (pt_store_begin, or the web
 * app's group commit): load, the phase rule, validate, write. */
int pt_app_record_score_in(struct pt_app *app, const struct pt_score_input *in, bool *changed,
                           struct pt_diags *diags, struct pt_error *err);

/* Network settings of submit, outbox flush and report --benchmark: options
 * first, then the environment and the configuration file (config.h).
 * Pointers are borrowed from the caller or the loaded configuration. */
struct pt_net_settings {
    const char *endpoint;
    const char *cacert;
    long timeout, connect_timeout;
};
/* Loads the configuration, checks endpoint and token, prepares the HTTP
 * handle and seeds the jitter of the retries. PT_USAGE (err says what is
 * missing), PT_INVALID or PT_FAILED when it cannot. */
int pt_app_net_setup(struct pt_net_settings *ns, bool need_endpoint, struct pt_config *cfg,
                     struct pt_http *http, struct pt_error *err);

/* The national distribution for a report (--benchmark): sets up the
 * network (ns), asks the endpoint for t's rubric. PT_OK with *have true
 * when it came, PT_OK with *have false and the reason in note when it did
 * not (the report goes on without it); another status (err) when the
 * network settings are wrong. */
int pt_app_benchmark(struct pt_net_settings *ns, const struct pt_toetsmap *t,
                     struct pt_benchmark *bench, bool *have, struct pt_error *note,
                     struct pt_error *err);

/* Submit: queue the result of stored assessment id and deliver it. */
struct pt_submit_outcome {
    long revision;
    bool created;               /* a new row in the outbox */
    bool already_delivered;     /* this revision was delivered before */
    char delivered_at[40];
    struct pt_delivery delivery;    /* when an attempt was made */
};
int pt_app_submit(struct pt_app *app, struct pt_http *http, const char *endpoint, const char *id,
                  struct pt_submit_outcome *out, struct pt_diags *diags, struct pt_error *err);

/* The outbox flush policy: deliver what is due (everything pending with
 * now_all), one attempt per row; an endpoint that did not answer or asked to
 * slow down gets nothing more in this round. With wait > 0 it goes on,
 * sleeping until the next attempt is due, until nothing is pending or wait
 * seconds have passed. The network is set up (ns) only when something is
 * due. Each attempt and each pause is reported through the callbacks. */
struct pt_flush_events {
    void (*attempt)(void *ctx, const struct pt_outbox_entry *e, const struct pt_delivery *d);
    void (*pause)(void *ctx, long seconds);
    void *ctx;
};
struct pt_flush_outcome {
    long tried, delivered, rejected, failed;
    long counts[3];             /* rows per enum pt_outbox_state afterwards */
};
int pt_app_flush(struct pt_app *app, struct pt_net_settings *ns, bool now_all, long wait,
                 const struct pt_flush_events *ev, struct pt_flush_outcome *out,
                 struct pt_error *err);

/* ---- web (issue 12): invitation links and phases (web.md) ---------------- */

/* A new invitation link for assessment id; the token (base64url) goes to
 * token (at least 48 bytes), shown once. role PT_WEB_RATER needs rater (on
 * the team), PT_WEB_READER audience "swv" or "opr". */
int pt_app_invite(struct pt_app *app, const char *id, enum pt_web_role role, const char *rater,
                  const char *audience, long days, char *token, size_t tokensize,
                  struct pt_error *err);
/* The invitations of id as a table for people (never the tokens). */
int pt_app_invite_list(struct pt_app *app, const char *id, struct pt_buf *out,
                       struct pt_error *err);
/* Revokes the one valid invitation of id whose token starts with prefix and
 * ends its sessions. */
int pt_app_invite_revoke(struct pt_app *app, const char *id, const char *prefix,
                         struct pt_error *err);
/* Moves the phase of id (logged with who): scoring → discussion →
 * closed, closed → discussion. PT_WEB_CONFLICT (err) for another move, the
 * store's statuses otherwise; in the caller's transaction when one is open
 * (the web app's group commit), else in its own. */
int pt_app_phase_set(struct pt_app *app, const char *id, enum pt_phase to, const char *who,
                     struct pt_error *err);
/* The phase of id and its log (text for people); with to not NULL moves it
 * first (logged with who). PT_INVALID (err) when the move is not allowed. */
int pt_app_phase(struct pt_app *app, const char *id, const enum pt_phase *to, const char *who,
                 enum pt_phase *phase, struct pt_buf *log, struct pt_error *err);

#endif
