/*
 * store_web.h — what the mirror team's web app (web.md) keeps in the
 * database beside the toetsmap: invitation links, sessions, the phase of an
 * assessment and its log, handed-in sheets, and the scores raters enter in
 * the browser (in the same score table the engine reads).
 *
 * Every write is one BEGIN IMMEDIATE transaction on the caller's connection;
 * a function returns PT_OK only after its COMMIT. Tokens and session ids are
 * never stored, only their SHA-256 (lowercase hex). Times are unix seconds.
 * Errors: PT_FAILED (database, reason in err), PT_INVALID (refused, a Dutch
 * reason in err), plus the web statuses below for the API.
 */
#ifndef PT_STORE_WEB_H
#define PT_STORE_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"
#include "store.h"
#include "util.h"


/* Group commit: while batch mode is on in a thread, the write functions
 * below run inside a transaction the caller opened (BEGIN IMMEDIATE), each
 * as a SAVEPOINT that is released when it succeeds and rolled back when it
 * is refused; the caller COMMITs once for all of them and only then tells
 * anyone they succeeded (the server's writer thread, web_writer.c). */
void pt_web_batch_mode(bool on);

/* Statement cache of this thread (server threads only): while on, the
 * functions below keep their prepared statements. Clear it (in the same
 * thread) before its connection is closed. */
void pt_web_stmt_cache(bool on);
void pt_web_stmt_cache_clear(void);

/* Web answers beyond enum pt_status. */
enum {
    PT_WEB_FORBIDDEN = 403,
    PT_WEB_CONFLICT = 409,      /* not in this phase, sheet handed in */
    PT_WEB_UNPROCESSABLE = 422, /* level, nvt, unknown case/criterion, privacy */
};

enum pt_phase { PT_PHASE_SCORING, PT_PHASE_DISCUSSION, PT_PHASE_CLOSED };
enum pt_web_role { PT_WEB_RATER, PT_WEB_COORDINATOR, PT_WEB_READER };

#define PT_WEB_SESSION_IDLE (8 * 3600)
#define PT_WEB_PREFIX_LEN 6
#define PT_WEB_COMMENT_MAX 4000

const char *pt_phase_name(enum pt_phase p);
int pt_phase_parse(const char *s, enum pt_phase *out);
const char *pt_web_role_name(enum pt_web_role r);

/* One invitation, as listed (never the token). */
struct pt_invitation {
    long id;
    char assessment[128];
    char prefix[PT_WEB_PREFIX_LEN + 1];
    enum pt_web_role role;
    char rater[64];            /* rater id, or "" */
    char audience[8];          /* swv, opr, or "" */
    long long expires_at, last_used_at, revoked_at; /* 0: never */
};

/* A valid session, as looked up for one request. */
struct pt_session {
    struct pt_invitation inv;
    char csrf[48];
};

/* Lowercase hex SHA-256 of a secret (65 bytes with the NUL). */
void pt_web_hash(const char *secret, char out[65]);

/* Makes an invitation for assessment id; the link token (base64url of 24
 * random bytes) goes to token (at least 40 bytes). rater must be on the
 * team for PT_WEB_RATER; audience "swv"/"opr" for PT_WEB_READER. Also
 * fixes the assessment's phase (see pt_web_phase). */
int pt_web_invite(struct pt_store *store, const char *id, enum pt_web_role role, const char *rater,
                  const char *audience, long days, char *token, size_t tokensize,
                  struct pt_error *err);
/* Appends the assessment's invitations as a table for people to out. */
int pt_web_invite_list(struct pt_store *store, const char *id, struct pt_buf *out, struct pt_error *err);
/* Revokes the invitations of id whose prefix starts with prefix (exactly
 * one must match) and ends their sessions. */
int pt_web_invite_revoke(struct pt_store *store, const char *id, const char *prefix, struct pt_error *err);

/* The invitation of a link token, if valid now (not expired or revoked):
 * then a session is made in the same transaction; its id goes to sid (at
 * least 48 bytes). *found false: unknown, expired or revoked. */
int pt_web_session_start(struct pt_store *store, const char *token, long long now, bool *found,
                         char *sid, size_t sidsize, struct pt_error *err);
/* The session of a session id, if valid now; extends its idle expiry. */
int pt_web_session_get(struct pt_store *store, const char *sid, long long now, bool *found,
                       struct pt_session *out, struct pt_error *err);

/* The phase of assessment id: stored, or for one without a stored phase
 * `discussion` when every team member has a score, else `scoring`.
 * PT_INVALID when the assessment is not stored. */
int pt_web_phase(struct pt_store *store, const char *id, enum pt_phase *out, struct pt_error *err);
/* Stores the phase an assessment starts in when none is stored yet (the
 * rule of pt_web_phase: discussion when every team member has a sheet,
 * else scoring); a stored phase stays. One transaction. */
int pt_web_phase_init(struct pt_store *store, const char *id, enum pt_phase *out,
                      struct pt_error *err);
/* Moves the phase (logged with who and a note naming raters who did not
 * hand in). Allowed: scoring → discussion, discussion → closed, closed →
 * discussion; the same phase is no move. PT_WEB_CONFLICT otherwise. */
int pt_web_phase_set(struct pt_store *store, const char *id, enum pt_phase to, const char *who,
                     struct pt_error *err);
/* The phase log as text for people. */
int pt_web_phase_log(struct pt_store *store, const char *id, struct pt_buf *out, struct pt_error *err);

/* The command line's rules: `score` needs discussion; `import --replace` of a
 * closed assessment needs discussion first. PT_INVALID with a diagnostic. */
int pt_web_check_score(struct pt_store *store, const char *id, struct pt_error *err);
int pt_web_check_import(struct pt_store *store, const char *id, bool replace, struct pt_error *err);

/* A level as the API writes it: "3", "nvt", or remove (NULL). */
struct pt_web_score {
    const char *rater, *kase, *criterion;
    const char *level;      /* NULL: remove */
    const char *comment;    /* NULL: none */
};

/* Validates s against t (rubric, team, cases; comment through the privacy
 * guard). PT_OK or PT_WEB_UNPROCESSABLE with a Dutch reason. */
int pt_web_validate_score(const struct pt_toetsmap *t, const struct pt_web_score *s,
                          struct pt_error *err);
/* A rater's own score in the scoring phase (validated first). */
int pt_web_put_score(struct pt_store *store, const struct pt_toetsmap *t, const struct pt_web_score *s,
                     struct pt_error *err);
/* A coordinator's correction in the discussion phase, with a reason. The
 * score itself is written by the application layer (pt_app_record_score_in,
 * like `score`: into score and score_log); around it:
 * pt_web_check_correction validates before anything is opened (a level and
 * a reason, the reason through the privacy guard; PT_WEB_UNPROCESSABLE),
 * pt_web_correction_begin opens the write (a SAVEPOINT in batch mode) in
 * phase discussion only (PT_WEB_CONFLICT), pt_web_correction_reason keeps
 * the reason beside the newest log entry, pt_web_correction_end commits
 * when rc is PT_OK, else rolls back, and returns the status. */
int pt_web_check_correction(const struct pt_toetsmap *t, const struct pt_web_score *s,
                            const char *reason, struct pt_error *err);
int pt_web_correction_begin(struct pt_store *store, const char *id, struct pt_error *err);
int pt_web_correction_reason(struct pt_store *store, const char *id, const char *reason,
                             const char *who, struct pt_error *err);
int pt_web_correction_end(struct pt_store *store, int rc, struct pt_error *err);
/* Hands in rater's sheet (scoring or discussion; once). */
int pt_web_hand_in(struct pt_store *store, const char *id, const char *rater, struct pt_error *err);
int pt_web_handed_in(struct pt_store *store, const char *id, const char *rater, bool *out, struct pt_error *err);

/* What changes when an assessment is replaced or corrected: its revision
 * and import time (imported, size bytes). *found false: not stored. */
int pt_web_stamp(struct pt_store *store, const char *id, bool *found, long *revision, char *imported,
                 size_t size, struct pt_error *err);

/* One stored score row for the API. */
struct pt_web_row {
    char rater[64], kase[64], criterion[64];
    char level[16];          /* "3" or "nvt" */
    char *comment;           /* owned, may be NULL */
};
struct pt_web_rows {
    struct pt_web_row *v;
    size_t n, cap;
};
void pt_web_rows_free(struct pt_web_rows *r);
/* The scores of id; only rater's when only_rater is not NULL. */
int pt_web_scores(struct pt_store *store, const char *id, const char *only_rater,
                  struct pt_web_rows *out, struct pt_error *err);
/* Per team member: scored count and handed in. counts/handed are [nteam]. */
int pt_web_progress(struct pt_store *store, const struct pt_toetsmap *t, long *counts, bool *handed,
                    struct pt_error *err);

#endif
