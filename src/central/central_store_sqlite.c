/*
 * central_store_sqlite.c — the SQLite backend of the receiver's store (see
 * central_store.h for the operations).
 *
 * Connections: a pool of POOL_SIZE connections opened at start (WAL,
 * synchronous FULL, foreign keys, busy timeout: db.c), handed to one
 * caller at a time; readers run side by side (WAL). Writers in this
 * process take write_lock before BEGIN IMMEDIATE, so that they queue on a
 * mutex rather than in SQLite's busy handler (which sleeps); writers of
 * another process on the same file wait in the busy handler (5 s). The
 * rate counters are written on one more connection with synchronous
 * NORMAL: a counter lost in a power cut costs nothing, an fsync per
 * request would halve the throughput.
 *
 * Checkpoints: no request runs one (wal_autocheckpoint 0 on every
 * connection); a background thread checkpoints (PASSIVE: it never waits
 * for readers or writers) once a second, so that the fsyncs of a
 * checkpoint do not land in a request's latency.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "central_pool.h"
#include "central_store.h"
#include "db.h"
#include "util.h"

#define POOL_SIZE 4

/* Append-only: never edit a shipped entry; add one. Entry i brings the
 * schema from version i to i + 1 (PRAGMA user_version). */
static const char *const migrations[] = {
    /* 0 → 1 */
    "CREATE TABLE token ("
    "  id INTEGER PRIMARY KEY,"
    "  hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),"
    "  prefix TEXT NOT NULL,"
    "  swv TEXT NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  revoked_at TEXT"
    ") STRICT;"
    "CREATE INDEX token_prefix ON token (prefix);"
    "CREATE TABLE submission ("
    "  id INTEGER PRIMARY KEY,"
    "  swv TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  assessment TEXT NOT NULL,"
    "  revision INTEGER NOT NULL CHECK (revision >= 1),"
    "  rubric_id TEXT NOT NULL,"
    "  rubric_version INTEGER NOT NULL,"
    "  date TEXT NOT NULL,"
    "  overall_score REAL,"
    "  body TEXT NOT NULL,"
    "  body_sha256 BLOB NOT NULL CHECK (length(body_sha256) = 32),"
    "  token_id INTEGER NOT NULL REFERENCES token (id),"
    "  received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    "  UNIQUE (swv, key)"
    ") STRICT;"
    "CREATE INDEX submission_rubric ON submission (rubric_id, rubric_version, swv);"
    "CREATE TABLE submission_domain ("
    "  submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  score REAL,"
    "  PRIMARY KEY (submission_id, position)"
    ") STRICT;",
    /* 1 → 2: issue 14. The scale of each rubric id@version; each SWV's
     * latest submission per rubric (kept on insert, read by the benchmark);
     * per-SWV daily and per-token rate counters; benchmark snapshots. The
     * latest table is filled from the stored submissions whose date lies in
     * the bounds that apply from now on (2014-01-01 to a day after
     * receipt). */
    "CREATE TABLE rubric_scale ("
    "  rubric_id TEXT NOT NULL,"
    "  rubric_version INTEGER NOT NULL,"
    "  min REAL NOT NULL,"
    "  max REAL NOT NULL,"
    "  PRIMARY KEY (rubric_id, rubric_version)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE latest ("
    "  rubric_id TEXT NOT NULL,"
    "  rubric_version INTEGER NOT NULL,"
    "  swv TEXT NOT NULL,"
    "  submission_id INTEGER NOT NULL REFERENCES submission (id),"
    "  date TEXT NOT NULL,"
    "  revision INTEGER NOT NULL,"
    "  overall_score REAL,"
    "  PRIMARY KEY (rubric_id, rubric_version, swv)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO latest SELECT rubric_id, rubric_version, swv, id, date, revision, "
    "  overall_score FROM (SELECT *, row_number() OVER (PARTITION BY rubric_id, "
    "  rubric_version, swv ORDER BY date DESC, revision DESC, id DESC) AS rn "
    "  FROM submission WHERE date >= '2014-01-01' AND "
    "  date <= date(substr(received_at, 1, 10), '+1 day')) WHERE rn = 1;"
    "CREATE TABLE daily_count ("
    "  swv TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY (swv, day)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE rate_counter ("
    "  token_id INTEGER PRIMARY KEY REFERENCES token (id),"
    "  window_start INTEGER NOT NULL,"
    "  n INTEGER NOT NULL"
    ") STRICT;"
    "CREATE TABLE snapshot ("
    "  rubric_id TEXT NOT NULL,"
    "  rubric_version INTEGER NOT NULL,"
    "  taken_at INTEGER NOT NULL,"
    "  answer TEXT NOT NULL,"
    "  PRIMARY KEY (rubric_id, rubric_version)"
    ") STRICT;",
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

struct sq {
    char *path;
    struct pc_pool pool;          /* of sqlite3 * */
    sqlite3 *counter;             /* synchronous NORMAL; used under write_lock */
    pthread_mutex_t write_lock;   /* one writer of this process at a time */
    bool sync_ready;
    sqlite3 *checkpointer;        /* used by the checkpoint thread only */
    pthread_t thread;
    bool thread_running;
    pthread_mutex_t stop_lock;
    pthread_cond_t stop_cond;
    bool stopping;
};

/* The checkpoint thread: a passive checkpoint a second until stopped. */
static void *checkpoint_loop(void *arg)
{
    struct sq *q = arg;
    pthread_mutex_lock(&q->stop_lock);
    while (!q->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&q->stop_cond, &q->stop_lock, &until);
        if (q->stopping)
            break;
        pthread_mutex_unlock(&q->stop_lock);
        sqlite3_wal_checkpoint_v2(q->checkpointer, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&q->stop_lock);
    }
    pthread_mutex_unlock(&q->stop_lock);
    return NULL;
}

static enum pt_status db_error(const struct sq *q, sqlite3 *db, struct pt_error *err,
                               const char *what)
{
    pt_error_set(err, "%s: database (%s): %s", q->path, what, sqlite3_errmsg(db));
    return PT_FAILED;
}

static enum pt_status exec(const struct sq *q, sqlite3 *db, const char *sql,
                           struct pt_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        pt_error_set(err, "%s: database: %s", q->path, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return PT_FAILED;
    }
    return PT_OK;
}

static enum pt_status prepare(const struct sq *q, sqlite3 *db, const char *sql,
                              sqlite3_stmt **st, struct pt_error *err)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
        return db_error(q, db, err, "voorbereiden");
    return PT_OK;
}

/* Runs a prepared statement that returns no row, then finalises it. */
static enum pt_status run(const struct sq *q, sqlite3 *db, sqlite3_stmt *st,
                          struct pt_error *err)
{
    int step = sqlite3_step(st);
    enum pt_status rc = step == SQLITE_DONE ? PT_OK : db_error(q, db, err, "schrijven");
    sqlite3_finalize(st);
    return rc;
}

static void rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3 *acquire(struct sq *q)
{
    return pc_pool_take(&q->pool);
}

static void release(struct sq *q, sqlite3 *db)
{
    pc_pool_give(&q->pool, db);
}

static void close_db(void *db)
{
    sqlite3_close(db);
}

/* A write transaction on a pooled connection: returns the connection, or
 * NULL with err (then nothing is held). */
static sqlite3 *begin_write(struct sq *q, struct pt_error *err)
{
    sqlite3 *db = acquire(q);
    pthread_mutex_lock(&q->write_lock);
    if (exec(q, db, "BEGIN IMMEDIATE", err) != PT_OK) {
        pthread_mutex_unlock(&q->write_lock);
        release(q, db);
        return NULL;
    }
    return db;
}

/* Commits when rc is PT_OK (a failed COMMIT makes rc PT_FAILED), else rolls
 * back; releases the connection. Returns rc. A NULL db (no transaction was
 * begun) is left alone. */
static enum pt_status end_write(struct sq *q, sqlite3 *db, int rc, struct pt_error *err)
{
    if (!db)
        return rc;
    if (rc == PT_OK)
        rc = exec(q, db, "COMMIT", err);
    if (rc != PT_OK)
        rollback(db);
    pthread_mutex_unlock(&q->write_lock);
    release(q, db);
    return rc;
}

/* begin_write, then sql prepared in *st. The caller ends with end_write
 * whatever this returns (*db is NULL when no transaction began). */
static enum pt_status write_statement(struct sq *q, const char *sql, sqlite3 **db,
                                      sqlite3_stmt **st, struct pt_error *err)
{
    *st = NULL;
    if (!(*db = begin_write(q, err)))
        return PT_FAILED;
    return prepare(q, *db, sql, st, err);
}

static bool sq_handles(const char *location)
{
    return strncmp(location, "postgresql://", 13) != 0 &&
           strncmp(location, "postgres://", 11) != 0;
}

static void sq_close(void *impl)
{
    struct sq *q = impl;
    if (!q)
        return;
    if (q->thread_running) {
        pthread_mutex_lock(&q->stop_lock);
        q->stopping = true;
        pthread_cond_signal(&q->stop_cond);
        pthread_mutex_unlock(&q->stop_lock);
        pthread_join(q->thread, NULL);
    }
    sqlite3_close(q->checkpointer);
    pc_pool_destroy(&q->pool, close_db);
    sqlite3_close(q->counter);
    if (q->sync_ready) {
        pthread_mutex_destroy(&q->write_lock);
        pthread_mutex_destroy(&q->stop_lock);
        pthread_cond_destroy(&q->stop_cond);
    }
    free(q->path);
    free(q);
}

static enum pt_status sq_open(const char *location, void **impl, struct pt_error *err)
{
    struct sq *q = pt_xcalloc(1, sizeof *q);
    *impl = NULL;
    q->path = pt_xstrdup(location);
    if (!pc_pool_init(&q->pool, POOL_SIZE) || pthread_mutex_init(&q->write_lock, NULL) != 0 ||
        pthread_mutex_init(&q->stop_lock, NULL) != 0 ||
        pthread_cond_init(&q->stop_cond, NULL) != 0) {
        pt_error_set(err, "%s: geen mutex", location);
        free(q->path);
        free(q);
        return PT_FAILED;
    }
    q->sync_ready = true;
    for (size_t i = 0; i < POOL_SIZE; i++) {
        sqlite3 *db = NULL;
        if (pt_db_open(location, PT_DB_REQUIRE_WAL, &db, err) != PT_OK)
            goto fail;
        q->pool.conn[i] = db;
        if ((i == 0 && pt_db_migrate(db, location, PC_PROGRAM, migrations, NMIGRATIONS,
                                     err) != PT_OK) ||
            exec(q, db, "PRAGMA wal_autocheckpoint = 0", err) != PT_OK)
            goto fail;
    }
    if (pt_db_open(location, PT_DB_REQUIRE_WAL, &q->counter, err) != PT_OK ||
        exec(q, q->counter, "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0",
             err) != PT_OK ||
        pt_db_open(location, PT_DB_REQUIRE_WAL, &q->checkpointer, err) != PT_OK)
        goto fail;
    if (pthread_create(&q->thread, NULL, checkpoint_loop, q) != 0) {
        pt_error_set(err, "%s: geen thread voor checkpoints", location);
        goto fail;
    }
    q->thread_running = true;
    *impl = q;
    return PT_OK;
fail:
    sq_close(q);
    return PT_FAILED;
}

static enum pt_status sq_token_add(void *impl, const char *swv,
                                   const uint8_t hash[PC_SHA256_SIZE], const char *prefix,
                                   long *id, struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3 *db;
    sqlite3_stmt *st;
    int rc = write_statement(q, "INSERT INTO token (hash, prefix, swv) VALUES (?1, ?2, ?3)",
                             &db, &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_blob(st, 1, hash, PC_SHA256_SIZE, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, prefix, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, swv, -1, SQLITE_TRANSIENT);
        rc = run(q, db, st, err);
    }
    if (rc == PT_OK)
        *id = (long)sqlite3_last_insert_rowid(db);
    return end_write(q, db, rc, err);
}

static void col_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

static enum pt_status sq_token_list(void *impl, struct pc_token_rows *out,
                                    struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int step = SQLITE_DONE;
    sqlite3 *db = acquire(q);
    memset(out, 0, sizeof *out);
    int rc = prepare(q, db, "SELECT id, prefix, swv, created_at, revoked_at FROM token "
                     "ORDER BY id", &st, err);
    while (rc == PT_OK && (step = sqlite3_step(st)) != SQLITE_DONE) {
        if (step != SQLITE_ROW) {
            rc = db_error(q, db, err, "token");
            break;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            out->items = pt_xrealloc(out->items, cap * sizeof *out->items);
        }
        struct pc_token_row *r = &out->items[out->n++];
        r->id = (long)sqlite3_column_int64(st, 0);
        col_copy(st, 1, r->prefix, sizeof r->prefix);
        col_copy(st, 2, r->swv, sizeof r->swv);
        col_copy(st, 3, r->created_at, sizeof r->created_at);
        col_copy(st, 4, r->revoked_at, sizeof r->revoked_at);
    }
    sqlite3_finalize(st);
    release(q, db);
    if (rc != PT_OK)
        pc_token_rows_free(out);
    return rc;
}

static enum pt_status sq_token_revoke(void *impl, long id, bool *already,
                                      struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3 *db;
    sqlite3_stmt *st;
    *already = false;
    int rc = write_statement(q, "SELECT revoked_at IS NOT NULL FROM token WHERE id = ?1", &db,
                             &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_int64(st, 1, id);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            *already = sqlite3_column_int(st, 0) != 0;
        else if (step == SQLITE_DONE)
            rc = PT_INVALID;
        else
            rc = db_error(q, db, err, "token");
        sqlite3_finalize(st);
        if (rc == PT_INVALID)
            pt_error_set(err, "er is geen token met id %ld", id);
    }
    if (rc == PT_OK && !*already) {
        rc = prepare(q, db, "UPDATE token SET revoked_at = "
                     "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1", &st, err);
        if (rc == PT_OK) {
            sqlite3_bind_int64(st, 1, id);
            rc = run(q, db, st, err);
        }
    }
    return end_write(q, db, rc, err);
}

static enum pt_status sq_token_check(void *impl, const char *prefix,
                                     const uint8_t hash[PC_SHA256_SIZE], bool *valid,
                                     long *token_id, char swv[PC_SWV_SIZE],
                                     struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    int step;
    sqlite3 *db = acquire(q);
    *valid = false;
    /* The prefix is public (token list shows it); the secret part is
     * compared as a hash in constant time. */
    int rc = prepare(q, db, "SELECT id, hash, swv, revoked_at IS NOT NULL FROM token "
                     "WHERE prefix = ?1", &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const void *h = sqlite3_column_blob(st, 1);
            if (!h || sqlite3_column_bytes(st, 1) != PC_SHA256_SIZE ||
                !pc_equal_ct(h, hash, PC_SHA256_SIZE) || sqlite3_column_int(st, 3) != 0)
                continue;
            *valid = true;
            *token_id = (long)sqlite3_column_int64(st, 0);
            col_copy(st, 2, swv, PC_SWV_SIZE);
        }
        if (step != SQLITE_DONE) {
            *valid = false;
            rc = db_error(q, db, err, "token");
        }
    }
    sqlite3_finalize(st);
    release(q, db);
    return rc;
}

/* *found and *same: is (swv, key) stored, and with this body hash? */
static enum pt_status find_key(struct sq *q, sqlite3 *db, const struct pc_put_request *rq,
                               bool *found, bool *same, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "SELECT body_sha256 FROM submission WHERE swv = ?1 AND key = ?2",
                     &st, err);
    *found = *same = false;
    if (rc != PT_OK)
        return rc;
    sqlite3_bind_text(st, 1, rq->sum->swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, rq->key, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const void *h = sqlite3_column_blob(st, 0);
        *found = true;
        *same = h && sqlite3_column_bytes(st, 0) == PC_SHA256_SIZE &&
                memcmp(h, rq->sha256, PC_SHA256_SIZE) == 0;
    } else if (step != SQLITE_DONE) {
        rc = db_error(q, db, err, "submission");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Binds ?1..?4: the summary's rubric id, version and scale min, max. */
static void bind_scale(sqlite3_stmt *st, const struct pc_summary *sum)
{
    sqlite3_bind_text(st, 1, sum->rubric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, sum->rubric_version);
    sqlite3_bind_double(st, 3, sum->scale_min);
    sqlite3_bind_double(st, 4, sum->scale_max);
}

/* *ok: the rubric's stored scale is the submission's (the first one of a
 * rubric id@version stores it). */
static enum pt_status check_scale(struct sq *q, sqlite3 *db, const struct pc_summary *sum,
                                  bool *ok, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "INSERT INTO rubric_scale (rubric_id, rubric_version, min, max) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING", &st, err);
    *ok = false;
    if (rc != PT_OK)
        return rc;
    bind_scale(st, sum);
    if ((rc = run(q, db, st, err)) != PT_OK ||
        (rc = prepare(q, db, "SELECT min = ?3 AND max = ?4 FROM rubric_scale WHERE "
                      "rubric_id = ?1 AND rubric_version = ?2", &st, err)) != PT_OK)
        return rc;
    bind_scale(st, sum);
    if (sqlite3_step(st) == SQLITE_ROW)
        *ok = sqlite3_column_int(st, 0) != 0;
    else
        rc = db_error(q, db, err, "rubric_scale");
    sqlite3_finalize(st);
    return rc;
}

/* *count: stored submissions of the SWV on day so far. */
static enum pt_status day_count(struct sq *q, sqlite3 *db, const struct pc_put_request *rq,
                                long *count, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "SELECT n FROM daily_count WHERE swv = ?1 AND day = ?2", &st,
                     err);
    *count = 0;
    if (rc != PT_OK)
        return rc;
    sqlite3_bind_text(st, 1, rq->sum->swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, rq->day, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *count = (long)sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_error(q, db, err, "daily_count");
    sqlite3_finalize(st);
    return rc;
}

static enum pt_status insert_submission(struct sq *q, sqlite3 *db,
                                        const struct pc_put_request *rq, sqlite3_int64 *id,
                                        struct pt_error *err)
{
    const struct pc_summary *sum = rq->sum;
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "INSERT INTO submission (swv, key, assessment, revision, "
                     "rubric_id, rubric_version, date, overall_score, body, body_sha256, "
                     "token_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                     &st, err);
    if (rc != PT_OK)
        return rc;
    sqlite3_bind_text(st, 1, sum->swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, rq->key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, sum->assessment, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, sum->revision);
    sqlite3_bind_text(st, 5, sum->rubric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, sum->rubric_version);
    sqlite3_bind_text(st, 7, sum->date, -1, SQLITE_TRANSIENT);
    if (sum->has_overall)
        sqlite3_bind_double(st, 8, sum->overall);
    else
        sqlite3_bind_null(st, 8);
    sqlite3_bind_text64(st, 9, rq->body, (sqlite3_uint64)rq->len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_blob(st, 10, rq->sha256, PC_SHA256_SIZE, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, rq->token_id);
    if ((rc = run(q, db, st, err)) == PT_OK)
        *id = sqlite3_last_insert_rowid(db);
    return rc;
}

static enum pt_status insert_domains(struct sq *q, sqlite3 *db, sqlite3_int64 sub,
                                     const struct pc_summary *sum, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "INSERT INTO submission_domain (submission_id, position, "
                     "domain, score) VALUES (?1, ?2, ?3, ?4)", &st, err);
    for (size_t i = 0; rc == PT_OK && i < sum->ndomains; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, sub);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, sum->domains[i].id, -1, SQLITE_STATIC);
        if (sum->domains[i].has_score)
            sqlite3_bind_double(st, 4, sum->domains[i].score);
        else
            sqlite3_bind_null(st, 4);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = db_error(q, db, err, "submission_domain");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The latest table and the day's counter after a new submission. */
static enum pt_status after_insert(struct sq *q, sqlite3 *db, const struct pc_put_request *rq,
                                   sqlite3_int64 id, struct pt_error *err)
{
    const struct pc_summary *sum = rq->sum;
    sqlite3_stmt *st = NULL;
    int rc = prepare(q, db, "INSERT INTO latest (rubric_id, rubric_version, swv, "
                     "submission_id, date, revision, overall_score) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                     "ON CONFLICT (rubric_id, rubric_version, swv) DO UPDATE SET "
                     "submission_id = excluded.submission_id, date = excluded.date, "
                     "revision = excluded.revision, overall_score = excluded.overall_score "
                     "WHERE (excluded.date, excluded.revision, excluded.submission_id) > "
                     "(latest.date, latest.revision, latest.submission_id)", &st, err);
    if (rc != PT_OK)
        return rc;
    sqlite3_bind_text(st, 1, sum->rubric_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, sum->rubric_version);
    sqlite3_bind_text(st, 3, sum->swv, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, id);
    sqlite3_bind_text(st, 5, sum->date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, sum->revision);
    if (sum->has_overall)
        sqlite3_bind_double(st, 7, sum->overall);
    else
        sqlite3_bind_null(st, 7);
    if ((rc = run(q, db, st, err)) != PT_OK ||
        (rc = prepare(q, db, "INSERT INTO daily_count (swv, day, n) VALUES (?1, ?2, 1) "
                      "ON CONFLICT (swv, day) DO UPDATE SET n = n + 1", &st, err)) != PT_OK)
        return rc;
    sqlite3_bind_text(st, 1, sum->swv, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rq->day, -1, SQLITE_STATIC);
    return run(q, db, st, err);
}

static enum pt_status sq_put(void *impl, const struct pc_put_request *rq, enum pc_put *out,
                             struct pt_error *err)
{
    struct sq *q = impl;
    bool found = false, same = false, scale_ok = false;
    long count = 0;
    sqlite3_int64 id = 0;
    sqlite3 *db = begin_write(q, err);
    if (!db)
        return PT_FAILED;
    int rc = find_key(q, db, rq, &found, &same, err);
    if (rc == PT_OK && found) {
        *out = same ? PC_PUT_DUPLICATE : PC_PUT_CONFLICT;
        return end_write(q, db, rc, err);
    }
    if (rc == PT_OK)
        rc = check_scale(q, db, rq->sum, &scale_ok, err);
    if (rc == PT_OK && !scale_ok) {
        *out = PC_PUT_SCALE_CONFLICT;
        return end_write(q, db, rc, err);   /* nothing was written */
    }
    if (rc == PT_OK && rq->daily_cap)
        rc = day_count(q, db, rq, &count, err);
    if (rc == PT_OK && rq->daily_cap && count >= (long)rq->daily_cap) {
        *out = PC_PUT_DAILY_CAP;
        return end_write(q, db, rc, err);
    }
    if (rc == PT_OK)
        rc = insert_submission(q, db, rq, &id, err);
    if (rc == PT_OK)
        rc = insert_domains(q, db, id, rq->sum, err);
    if (rc == PT_OK)
        rc = after_insert(q, db, rq, id, err);
    if (rc == PT_OK)
        *out = PC_PUT_STORED;
    return end_write(q, db, rc, err);
}

static enum pt_status sq_rate_take(void *impl, long token_id, long long now, unsigned window,
                                   unsigned limit, struct pc_rate *out, struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    long long start = window ? now - now % (long long)window : now;
    out->allowed = true;
    out->retry_after = 0;
    pthread_mutex_lock(&q->write_lock);
    int rc = prepare(q, q->counter, "INSERT INTO rate_counter (token_id, window_start, n) "
                     "VALUES (?1, ?2, 1) ON CONFLICT (token_id) DO UPDATE SET "
                     "n = CASE WHEN window_start = ?2 THEN n + 1 ELSE 1 END, "
                     "window_start = ?2 RETURNING n", &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_int64(st, 1, token_id);
        sqlite3_bind_int64(st, 2, start);
        if (sqlite3_step(st) == SQLITE_ROW) {
            sqlite3_int64 n = sqlite3_column_int64(st, 0);
            out->allowed = n <= (sqlite3_int64)limit;
            out->retry_after = (long)(start + (long long)window - now);
            if (out->retry_after < 1)
                out->retry_after = 1;
        } else {
            rc = db_error(q, q->counter, err, "rate_counter");
        }
        sqlite3_finalize(st);   /* a RETURNING statement commits when finalised */
    }
    pthread_mutex_unlock(&q->write_lock);
    return rc;
}

static enum pt_status sq_latest(void *impl, const char *rubric_id, long version,
                                struct pc_bench_values *out, struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    char last[PC_SWV_SIZE] = "";
    int step = SQLITE_DONE;
    sqlite3 *db = acquire(q);
    int rc = prepare(q, db, "SELECT l.swv, l.overall_score, d.domain, d.score FROM latest l "
                     "LEFT JOIN submission_domain d ON d.submission_id = l.submission_id "
                     "WHERE l.rubric_id = ?1 AND l.rubric_version = ?2 "
                     "ORDER BY l.swv, d.position", &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_text(st, 1, rubric_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, version);
    }
    while (rc == PT_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        char swv[PC_SWV_SIZE], domain[PC_ID_SIZE];
        col_copy(st, 0, swv, sizeof swv);
        if (strcmp(swv, last) != 0) {
            snprintf(last, sizeof last, "%s", swv);
            pc_bench_add(out, swv, "", sqlite3_column_type(st, 1) != SQLITE_NULL,
                         sqlite3_column_double(st, 1));
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL)
            continue;   /* a submission without domains */
        col_copy(st, 2, domain, sizeof domain);
        pc_bench_add(out, swv, domain, sqlite3_column_type(st, 3) != SQLITE_NULL,
                     sqlite3_column_double(st, 3));
    }
    if (rc == PT_OK && step != SQLITE_DONE)
        rc = db_error(q, db, err, "latest");
    sqlite3_finalize(st);
    release(q, db);
    return rc;
}

static enum pt_status sq_snapshot_get(void *impl, const char *rubric_id, long version,
                                      bool *found, char **json, long long *taken_at,
                                      struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    sqlite3 *db = acquire(q);
    *found = false;
    *json = NULL;
    int rc = prepare(q, db, "SELECT taken_at, answer FROM snapshot WHERE rubric_id = ?1 "
                     "AND rubric_version = ?2", &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_text(st, 1, rubric_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, version);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            *found = true;
            *taken_at = sqlite3_column_int64(st, 0);
            *json = pt_xstrdup((const char *)sqlite3_column_text(st, 1));
        } else if (step != SQLITE_DONE) {
            rc = db_error(q, db, err, "snapshot");
        }
    }
    sqlite3_finalize(st);
    release(q, db);
    return rc;
}

static enum pt_status sq_snapshot_put(void *impl, const char *rubric_id, long version,
                                      long long taken_at, const char *json,
                                      struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3 *db;
    sqlite3_stmt *st;
    int rc = write_statement(q, "INSERT INTO snapshot (rubric_id, rubric_version, taken_at, "
                             "answer) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (rubric_id, "
                             "rubric_version) DO UPDATE SET taken_at = excluded.taken_at, "
                             "answer = excluded.answer WHERE excluded.taken_at >= "
                             "snapshot.taken_at", &db, &st, err);
    if (rc == PT_OK) {
        sqlite3_bind_text(st, 1, rubric_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, version);
        sqlite3_bind_int64(st, 3, taken_at);
        sqlite3_bind_text(st, 4, json, -1, SQLITE_TRANSIENT);
        rc = run(q, db, st, err);
    }
    return end_write(q, db, rc, err);
}

/* issue 15: the dashboard's input (see ops.latest_bodies). */
static enum pt_status sq_latest_bodies(void *impl, pc_body_fn fn, void *cls,
                                       struct pt_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st = NULL;
    int step = SQLITE_DONE;
    sqlite3 *db = acquire(q);
    int rc = prepare(q, db, "SELECT l.rubric_id, l.rubric_version, s.body FROM latest l "
                     "JOIN submission s ON s.id = l.submission_id "
                     "ORDER BY l.rubric_id, l.rubric_version, l.swv", &st, err);
    while (rc == PT_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *body = (const char *)sqlite3_column_text(st, 2);
        rc = fn(cls, (const char *)sqlite3_column_text(st, 0),
                (long)sqlite3_column_int64(st, 1), body ? body : "",
                (size_t)sqlite3_column_bytes(st, 2));
        if (rc != PT_OK)
            pt_error_set(err, "%s: onvoldoende geheugen voor het dashboard", q->path);
    }
    if (rc == PT_OK && step != SQLITE_DONE)
        rc = db_error(q, db, err, "latest");
    sqlite3_finalize(st);
    release(q, db);
    return rc;
}

const struct pc_store_ops pc_store_sqlite_ops = {
    .name = "sqlite",
    .handles = sq_handles,
    .open = sq_open,
    .close = sq_close,
    .token_add = sq_token_add,
    .token_list = sq_token_list,
    .token_revoke = sq_token_revoke,
    .token_check = sq_token_check,
    .put = sq_put,
    .rate_take = sq_rate_take,
    .latest = sq_latest,
    .snapshot_get = sq_snapshot_get,
    .snapshot_put = sq_snapshot_put,
    .latest_bodies = sq_latest_bodies,   /* issue 15 */
};
