/*
 * central_store.c — the receiver's SQLite database (see central_store.h).
 */
#include "central_store.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "util.h"

/* Append-only: never edit a shipped entry; add one and bump
 * PC_SCHEMA_VERSION. Entry i brings the schema from version i to i + 1. */
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
    /* The domain scores, read by the benchmark without parsing bodies. */
    "CREATE TABLE submission_domain ("
    "  submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  domain TEXT NOT NULL,"
    "  score REAL,"
    "  PRIMARY KEY (submission_id, position)"
    ") STRICT;",
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

static int db_error(struct pc_store *s, char *err, size_t errsize, const char *what)
{
    snprintf(err, errsize, "%s: database (%s): %s", s->path, what, sqlite3_errmsg(s->db));
    return PC_FAILED;
}

static int exec(struct pc_store *s, const char *sql, char *err, size_t errsize)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errsize, "%s: database: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return PC_FAILED;
    }
    return PC_OK;
}

static void rollback(struct pc_store *s)
{
    char ignore[64];
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK", ignore, sizeof ignore);
}

int pc_store_open(const char *path, struct pc_store *s, char *err, size_t errsize)
{
    memset(s, 0, sizeof *s);
    s->path = pt_xstrdup(path);
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        snprintf(err, errsize, "%s: geen mutex", path);
        goto fail;
    }
    s->mutex_ready = true;
    if (pt_db_open(path, PT_DB_REQUIRE_WAL, &s->db, err, errsize) != 0 ||
        pt_db_migrate(s->db, path, PC_PROGRAM, migrations, NMIGRATIONS, err, errsize) != 0)
        goto fail;
    return PC_OK;
fail:
    pc_store_close(s);
    return PC_FAILED;
}

void pc_store_close(struct pc_store *s)
{
    if (s->db)
        sqlite3_close(s->db);
    if (s->mutex_ready)
        pthread_mutex_destroy(&s->lock);
    free(s->path);
    memset(s, 0, sizeof *s);
}

static void lock(struct pc_store *s)
{
    pthread_mutex_lock(&s->lock);
}

static void unlock(struct pc_store *s)
{
    pthread_mutex_unlock(&s->lock);
}

int pc_store_token_add(struct pc_store *s, const char *swv, char token[PC_TOKEN_SIZE],
                       long *id, char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    uint8_t hash[PC_SHA256_SIZE];
    char prefix[PC_TOKEN_PREFIX_SIZE];
    int rc = PC_FAILED;

    lock(s);
    if (pc_token_new(token, err, errsize) != 0)
        goto cleanup;
    pc_token_hash(token, hash);
    pc_token_prefix(token, prefix);
    if (sqlite3_prepare_v2(s->db, "INSERT INTO token (hash, prefix, swv) VALUES (?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    sqlite3_bind_blob(st, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, prefix, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, swv, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    *id = (long)sqlite3_last_insert_rowid(s->db);
    rc = PC_OK;
cleanup:
    if (rc != PC_OK)
        pc_wipe(token, PC_TOKEN_SIZE);
    pc_wipe(hash, sizeof hash);
    sqlite3_finalize(st);
    unlock(s);
    return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

int pc_store_token_list(struct pc_store *s, FILE *out, char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_FAILED, step;
    lock(s);
    if (sqlite3_prepare_v2(s->db, "SELECT id, prefix, swv, created_at, revoked_at FROM token "
                           "ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        fprintf(out, "%lld\t%s…\t%s\t%s\t%s\n", (long long)sqlite3_column_int64(st, 0),
                col_text(st, 1), col_text(st, 2), col_text(st, 3), col_text(st, 4));
    if (step != SQLITE_DONE) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    rc = PC_OK;
cleanup:
    sqlite3_finalize(st);
    unlock(s);
    return rc;
}

int pc_store_token_revoke(struct pc_store *s, long id, bool *already, char *err,
                          size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_FAILED, step;
    lock(s);
    *already = false;
    if (exec(s, "BEGIN IMMEDIATE", err, errsize) != PC_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(s->db, "SELECT revoked_at IS NOT NULL FROM token WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        snprintf(err, errsize, "er is geen token met id %ld", id);
        rc = PC_INVALID;
        goto cleanup;
    }
    if (step != SQLITE_ROW) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    *already = sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
    st = NULL;
    if (!*already) {
        if (sqlite3_prepare_v2(s->db, "UPDATE token SET revoked_at = "
                               "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                               -1, &st, NULL) != SQLITE_OK) {
            db_error(s, err, errsize, "token");
            goto cleanup;
        }
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE) {
            db_error(s, err, errsize, "token");
            goto cleanup;
        }
    }
    rc = exec(s, "COMMIT", err, errsize);
cleanup:
    sqlite3_finalize(st);
    if (rc != PC_OK)
        rollback(s);
    unlock(s);
    return rc;
}

int pc_store_token_check(struct pc_store *s, const char *token, bool *valid,
                         long *token_id, char swv[PC_SWV_SIZE], char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    uint8_t hash[PC_SHA256_SIZE];
    char prefix[PC_TOKEN_PREFIX_SIZE];
    int rc = PC_FAILED, step;

    *valid = false;
    if (!pc_token_wellformed(token))
        return PC_OK;
    pc_token_hash(token, hash);
    pc_token_prefix(token, prefix);
    lock(s);
    /* The prefix is public (token list shows it); the secret part is
     * compared as a hash in constant time. */
    if (sqlite3_prepare_v2(s->db, "SELECT id, hash, swv, revoked_at IS NOT NULL FROM token "
                           "WHERE prefix = ?1", -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const void *h = sqlite3_column_blob(st, 1);
        if (!h || sqlite3_column_bytes(st, 1) != PC_SHA256_SIZE ||
            !pc_equal_ct(h, hash, PC_SHA256_SIZE))
            continue;
        if (sqlite3_column_int(st, 3) == 0) {
            *valid = true;
            *token_id = (long)sqlite3_column_int64(st, 0);
            snprintf(swv, PC_SWV_SIZE, "%s", col_text(st, 2));
        }
    }
    if (step != SQLITE_DONE) {
        *valid = false;
        db_error(s, err, errsize, "token");
        goto cleanup;
    }
    rc = PC_OK;
cleanup:
    pc_wipe(hash, sizeof hash);
    sqlite3_finalize(st);
    unlock(s);
    return rc;
}

static int insert_domains(struct pc_store *s, sqlite3_int64 sub, const struct pc_summary *sum,
                          char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_FAILED;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO submission_domain (submission_id, position, "
                           "domain, score) VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "submission_domain");
        goto cleanup;
    }
    for (size_t i = 0; i < sum->ndomains; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, sub);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_text(st, 3, sum->domains[i].id, -1, SQLITE_TRANSIENT);
        if (sum->domains[i].has_score)
            sqlite3_bind_double(st, 4, sum->domains[i].score);
        else
            sqlite3_bind_null(st, 4);
        if (sqlite3_step(st) != SQLITE_DONE) {
            db_error(s, err, errsize, "submission_domain");
            goto cleanup;
        }
    }
    rc = PC_OK;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

int pc_store_put(struct pc_store *s, const struct pc_summary *sum, const char *key,
                 const char *body, size_t len, long token_id, enum pc_put *out,
                 char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    uint8_t hash[PC_SHA256_SIZE];
    int rc = PC_FAILED, step;

    pc_sha256(body, len, hash);
    lock(s);
    if (exec(s, "BEGIN IMMEDIATE", err, errsize) != PC_OK)
        goto cleanup;
    if (sqlite3_prepare_v2(s->db, "SELECT body_sha256 FROM submission WHERE swv = ?1 AND key = ?2",
                           -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "submission");
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, sum->swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const void *h = sqlite3_column_blob(st, 0);
        bool same = h && sqlite3_column_bytes(st, 0) == PC_SHA256_SIZE &&
                    memcmp(h, hash, PC_SHA256_SIZE) == 0;
        *out = same ? PC_PUT_DUPLICATE : PC_PUT_CONFLICT;
        sqlite3_finalize(st);
        st = NULL;
        rc = exec(s, "COMMIT", err, errsize);
        goto cleanup;
    }
    if (step != SQLITE_DONE) {
        db_error(s, err, errsize, "submission");
        goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, "INSERT INTO submission (swv, key, assessment, revision, "
                           "rubric_id, rubric_version, date, overall_score, body, body_sha256, "
                           "token_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "submission");
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, sum->swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, sum->assessment, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, sum->revision);
    sqlite3_bind_text(st, 5, sum->rubric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, sum->rubric_version);
    sqlite3_bind_text(st, 7, sum->date, -1, SQLITE_TRANSIENT);
    if (sum->has_overall)
        sqlite3_bind_double(st, 8, sum->overall);
    else
        sqlite3_bind_null(st, 8);
    sqlite3_bind_text64(st, 9, body, (sqlite3_uint64)len, SQLITE_TRANSIENT, SQLITE_UTF8);
    sqlite3_bind_blob(st, 10, hash, sizeof hash, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 11, token_id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_error(s, err, errsize, "submission");
        goto cleanup;
    }
    if (insert_domains(s, sqlite3_last_insert_rowid(s->db), sum, err, errsize) != PC_OK ||
        exec(s, "COMMIT", err, errsize) != PC_OK)
        goto cleanup;
    *out = PC_PUT_STORED;
    rc = PC_OK;
cleanup:
    sqlite3_finalize(st);
    if (rc != PC_OK)
        rollback(s);
    unlock(s);
    return rc;
}

int pc_store_benchmark(struct pc_store *s, const char *rubric_id, long version,
                       struct pc_bench_values *out, char *err, size_t errsize)
{
    static const char sql[] =
        "WITH latest AS ("
        "  SELECT id, swv, overall_score, row_number() OVER ("
        "    PARTITION BY swv ORDER BY date DESC, revision DESC, received_at DESC, id DESC"
        "  ) AS rn"
        "  FROM submission WHERE rubric_id = ?1 AND rubric_version = ?2"
        ") "
        "SELECT l.swv, l.overall_score, d.domain, d.score "
        "FROM latest l LEFT JOIN submission_domain d ON d.submission_id = l.id "
        "WHERE l.rn = 1 ORDER BY l.swv, d.position";
    sqlite3_stmt *st = NULL;
    int rc = PC_FAILED, step;
    char last[PC_SWV_SIZE] = "";

    lock(s);
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_error(s, err, errsize, "benchmark");
        goto cleanup;
    }
    sqlite3_bind_text(st, 1, rubric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, version);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *swv = col_text(st, 0);
        if (strcmp(swv, last) != 0) {
            snprintf(last, sizeof last, "%s", swv);
            if (pc_bench_add(out, swv, "", sqlite3_column_type(st, 1) != SQLITE_NULL,
                             sqlite3_column_double(st, 1)) != 0)
                goto nomem;
        }
        if (sqlite3_column_type(st, 2) == SQLITE_NULL)
            continue;   /* a submission without domains */
        if (pc_bench_add(out, swv, col_text(st, 2), sqlite3_column_type(st, 3) != SQLITE_NULL,
                         sqlite3_column_double(st, 3)) != 0)
            goto nomem;
    }
    if (step != SQLITE_DONE) {
        db_error(s, err, errsize, "benchmark");
        goto cleanup;
    }
    rc = PC_OK;
    goto cleanup;
nomem:
    snprintf(err, errsize, "onvoldoende geheugen");
cleanup:
    sqlite3_finalize(st);
    unlock(s);
    return rc;
}
