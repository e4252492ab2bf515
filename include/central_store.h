/*
 * central_store.h — the receiver's database behind an operations table.
 *
 * The HTTP layer and the token commands call only the pc_store_* functions
 * below. They dispatch to a backend: a struct pc_store_ops, one per
 * implementation file (central_store_sqlite.c for SQLite; a PostgreSQL
 * backend is a second file with its own ops table and one line in the
 * backends[] list of central_store.c; nothing else changes).
 * pc_store_open picks the first backend whose handles() accepts the
 * location ("postgresql://…" or "postgres://…" for PostgreSQL; the SQLite
 * backend takes everything else as a file name).
 *
 * Threads. Every operation may be called from any thread at any time, also
 * concurrently; the backend owns its connections (SQLite: a small pool of
 * connections, writers serialised in the process and by BEGIN IMMEDIATE
 * between processes; PostgreSQL: a pool). Each operation is one
 * transaction; nothing spans two calls. A backend may run threads of its
 * own (SQLite: one for WAL checkpoints); they inherit the signal mask at
 * pc_store_open, so a program that takes signals with sigwait blocks them
 * before opening the store.
 *
 * Shared state. Everything two receivers on one database must agree on is
 * IN the database, never in process memory: the tokens, the submissions,
 * the scale of each rubric id@version, the table of each SWV's latest
 * result, the per-token rate counters, the per-SWV daily counters and the
 * benchmark snapshots.
 *
 * Errors: PT_OK, or PT_FAILED (PT_INVALID where said) with a Dutch reason
 * in err that names the database but never a token or a body.
 */
#ifndef PC_STORE_H
#define PC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "central.h"
#include "central_benchmark.h"
#include "central_token.h"
#include "central_validate.h"

struct pc_store;   /* opaque: a backend and its handle */

/* One token as `token list` shows it (never the token itself). */
struct pc_token_row {
    long id;
    char prefix[PC_TOKEN_PREFIX_SIZE];
    char swv[PC_SWV_SIZE];
    char created_at[32];       /* YYYY-MM-DDTHH:MM:SSZ */
    char revoked_at[32];       /* "" while the token is active */
};

struct pc_token_rows {
    struct pc_token_row *items;   /* owned */
    size_t n;
};

void pc_token_rows_free(struct pc_token_rows *rows);

enum pc_put {
    PC_PUT_STORED,          /* new key: stored, latest table and counters updated */
    PC_PUT_DUPLICATE,       /* key known with the same body hash: nothing written */
    PC_PUT_CONFLICT,        /* key known with another body hash: nothing written */
    PC_PUT_SCALE_CONFLICT,  /* the rubric id@version has another scale: nothing written */
    PC_PUT_DAILY_CAP,       /* the SWV's cap for this UTC day is reached: nothing written */
};

/* Everything put needs; the backend computes nothing but SQL. */
struct pc_put_request {
    const struct pc_summary *sum;   /* validated: swv, assessment, revision, date,
                                     * rubric id@version and scale, scores */
    const char *key;                /* Idempotency-Key, = assessment/revision */
    const char *body;               /* the bytes received, stored as they came */
    size_t len;
    uint8_t sha256[PC_SHA256_SIZE]; /* of body */
    long token_id;
    long long received;             /* Unix seconds */
    char day[11];                   /* UTC date of received: the daily cap's day */
    unsigned daily_cap;             /* stored submissions per SWV per day; 0: none */
};

/* The answer of rate_take. */
struct pc_rate {
    bool allowed;
    long retry_after;               /* seconds until the window ends (when refused) */
};

/* Called by latest_bodies once per SWV's latest submission: its rubric
 * id@version and its stored body. Returns PT_OK to go on. */
typedef enum pt_status (*pc_body_fn)(void *cls, const char *rubric_id,
                                     long rubric_version, const char *body, size_t len);

/*
 * The operations of one backend. impl is the backend's own handle, made by
 * open and given back to every other operation. Return values as above.
 */
struct pc_store_ops {
    const char *name;               /* "sqlite", "postgresql" */
    /* True when this backend serves location (called before open). */
    bool (*handles)(const char *location);
    /* Opens the database, creating and migrating its schema when needed,
     * and sets up the connections (pool) for concurrent callers. */
    enum pt_status (*open)(const char *location, void **impl, struct pt_error *err);
    void (*close)(void *impl);

    /* Stores a token by its SHA-256 and public prefix; *id is its new id. */
    enum pt_status (*token_add)(void *impl, const char *swv,
                                const uint8_t hash[PC_SHA256_SIZE], const char *prefix,
                                long *id, struct pt_error *err);
    /* All tokens in id order. */
    enum pt_status (*token_list)(void *impl, struct pc_token_rows *out, struct pt_error *err);
    /* Revokes token id; PT_INVALID when there is no such token. *already:
     * it was revoked before (then nothing changes). */
    enum pt_status (*token_revoke)(void *impl, long id, bool *already, struct pt_error *err);
    /* Finds the token with this prefix and hash, comparing hashes with
     * pc_equal_ct. *valid for a known, unrevoked token; then *token_id and
     * swv are set. */
    enum pt_status (*token_check)(void *impl, const char *prefix,
                                  const uint8_t hash[PC_SHA256_SIZE], bool *valid,
                                  long *token_id, char swv[PC_SWV_SIZE],
                                  struct pt_error *err);

    /* In one transaction: the same (swv, key) → DUPLICATE or CONFLICT by
     * hash; else the scale of rq->sum's rubric id@version, first stored by
     * the first submission, must equal rq->sum's (else SCALE_CONFLICT);
     * else the SWV's count for rq->day must be below rq->daily_cap (else
     * DAILY_CAP); else the submission and its domain scores are stored,
     * the SWV's row in the latest table is replaced when this one is later
     * (by date, then revision, then order of arrival), and the day's count
     * goes up by one. */
    enum pt_status (*put)(void *impl, const struct pc_put_request *rq, enum pc_put *out,
                          struct pt_error *err);

    /* Counts one request of token_id in the fixed window of `window`
     * seconds that holds now; allowed while the count is at most limit.
     * Shared by every receiver on the database. */
    enum pt_status (*rate_take)(void *impl, long token_id, long long now, unsigned window,
                                unsigned limit, struct pc_rate *out, struct pt_error *err);

    /* The overall and domain scores of each SWV's latest submission for
     * rubric id@version, read from the latest table (so the cost grows with
     * the number of SWVs, not of stored submissions); grouped by SWV,
     * domains in body order (pc_bench_add). */
    enum pt_status (*latest)(void *impl, const char *rubric_id, long version,
                             struct pc_bench_values *out, struct pt_error *err);

    /* The stored benchmark answer of rubric id@version: *found, and then
     * *json (caller frees with free()) and *taken_at (Unix seconds). */
    enum pt_status (*snapshot_get)(void *impl, const char *rubric_id, long version,
                                   bool *found, char **json, long long *taken_at,
                                   struct pt_error *err);
    /* Stores json as the answer taken at taken_at, unless a newer one is
     * there (another receiver may have taken it meanwhile). */
    enum pt_status (*snapshot_put)(void *impl, const char *rubric_id, long version,
                                   long long taken_at, const char *json,
                                   struct pt_error *err);

    /* issue 15, the dashboard: the body of each SWV's latest submission of
     * every rubric id@version (the latest table joined with the stored
     * bodies), ordered by rubric id, version and SWV. Stops at the first
     * fn that does not return PT_OK (then that status, with err). */
    enum pt_status (*latest_bodies)(void *impl, pc_body_fn fn, void *cls,
                                    struct pt_error *err);
};

/* The SQLite backend (central_store_sqlite.c). */
extern const struct pc_store_ops pc_store_sqlite_ops;
/* The PostgreSQL backend (central_store_pg.c, issue 15). */
extern const struct pc_store_ops pc_store_pg_ops;

/* ---- what the HTTP layer and the commands call ------------------------- */

/* Opens location with the backend that handles it. */
enum pt_status pc_store_open(const char *location, struct pc_store **out,
                             struct pt_error *err);
void pc_store_close(struct pc_store *s);
const char *pc_store_backend_name(const struct pc_store *s);

/* Makes a new random token for swv (stored form), stores its hash and
 * returns the token in token (shown once by the caller), its id in *id. */
enum pt_status pc_store_token_add(struct pc_store *s, const char *swv,
                                  char token[PC_TOKEN_SIZE], long *id,
                                  struct pt_error *err);
enum pt_status pc_store_token_list(struct pc_store *s, struct pc_token_rows *out,
                                   struct pt_error *err);
enum pt_status pc_store_token_revoke(struct pc_store *s, long id, bool *already,
                                     struct pt_error *err);
/* Checks a token's text (a malformed one is simply not valid). */
enum pt_status pc_store_token_check(struct pc_store *s, const char *token, bool *valid,
                                    long *token_id, char swv[PC_SWV_SIZE],
                                    struct pt_error *err);

/* Fills rq->sha256 from the body and stores (see ops.put). */
enum pt_status pc_store_put(struct pc_store *s, struct pc_put_request *rq, enum pc_put *out,
                            struct pt_error *err);

enum pt_status pc_store_rate_take(struct pc_store *s, long token_id, long long now,
                                  unsigned window, unsigned limit, struct pc_rate *out,
                                  struct pt_error *err);

enum pt_status pc_store_latest(struct pc_store *s, const char *rubric_id, long version,
                               struct pc_bench_values *out, struct pt_error *err);

/* issue 15: see ops.latest_bodies (the dashboard keeps its page as a
 * snapshot too: pc_store_snapshot). */
enum pt_status pc_store_latest_bodies(struct pc_store *s, pc_body_fn fn, void *cls,
                                      struct pt_error *err);

/* Makes a new answer at now for pc_store_snapshot into *out (malloc'd). */
typedef enum pt_status (*pc_snapshot_fn)(void *cls, struct pc_store *s, long long now,
                                         char **out, struct pt_error *err);

/* The snapshot policy of the benchmark and the dashboard: the answer stored
 * under key@version when it is younger than interval seconds (and not from
 * the future), else a new one from make, stored, and then what is stored
 * (another receiver may have stored a newer one meanwhile), so that every
 * receiver on the database answers the same. *out: caller frees. */
enum pt_status pc_store_snapshot(struct pc_store *s, const char *key, long version,
                                 long long now, long long interval, pc_snapshot_fn make,
                                 void *cls, char **out, struct pt_error *err);

/* The published benchmark answer of rubric id@version: the stored snapshot
 * when it is younger than interval seconds, else a new one computed from
 * the latest table at now and stored. *json: caller frees with free(). */
enum pt_status pc_store_benchmark(struct pc_store *s, const char *rubric_id, long version,
                                  long long now, long long interval, char **json,
                                  struct pt_error *err);

#endif
