/*
 * central_store_pg.c — the PostgreSQL backend of the receiver's store (see
 * central_store.h for the operations), through libpq. Chosen by a location
 * "postgresql://…" or "postgres://…" (a libpq connection URI).
 *
 * Schema. The same tables as the SQLite backend's schema 2, so that
 * `migrate` copies rows one to one. The version is kept in the table
 * pt_schema; migrations run in one transaction under a transaction-level
 * advisory lock, so two receivers starting at once on a new database wait
 * for each other instead of racing (the second finds the schema current).
 *
 * Connections. A pool of POOL_SIZE connections, opened at start, each with
 * every statement prepared once (PQprepare; calls use PQexecPrepared with
 * text parameters). A thread takes a free connection for one operation and
 * gives it back; a connection that broke (server restart) is reset and
 * prepared again when it is next taken. The per-token rate counters are
 * written on one more connection with synchronous_commit off: a counter
 * lost in a crash costs nothing, a WAL flush per request would.
 *
 * "Stored exactly once" across receivers. put is one call of the function
 * pt_put (migration 1 → 2), so one transaction at READ COMMITTED and one
 * round trip: INSERT … ON CONFLICT (swv, key) DO NOTHING RETURNING id
 * makes a second transaction with the same key wait until the first ends,
 * then do nothing; the key's row is then read by a new statement (a new
 * snapshot, which sees the committed row) to answer duplicate or conflict.
 * The scale, the new row, the day's counter (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING n, a row lock per SWV and day) and the latest table
 * (upsert with a WHERE on (date, revision, id)) follow in that order in
 * every transaction, so two puts never wait for each other in opposite
 * orders. Over the daily cap the function raises, which undoes it all.
 *
 * Error messages name the database without its password.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "central_pool.h"
#include "central_store.h"
#include "util.h"

#define POOL_SIZE 8
/* pg_advisory_xact_lock key of the migrations: "praktijk" in ASCII. */
#define MIGRATION_LOCK "7021802599054142315"

/* Append-only: entry i brings the schema from version i to i + 1. Version
 * 1 has the tables of the SQLite backend's schema 2; version 2 adds the
 * function pt_put. */
static const char *const migrations[] = {
    /* 0 → 1 */
    "CREATE TABLE token ("
    "  id bigserial PRIMARY KEY,"
    "  hash bytea NOT NULL UNIQUE CHECK (length(hash) = 32),"
    "  prefix text NOT NULL,"
    "  swv text NOT NULL,"
    "  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC',"
    "    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  revoked_at text"
    ");"
    "CREATE INDEX token_prefix ON token (prefix);"
    "CREATE TABLE submission ("
    "  id bigserial PRIMARY KEY,"
    "  swv text NOT NULL,"
    "  key text NOT NULL,"
    "  assessment text NOT NULL,"
    "  revision bigint NOT NULL CHECK (revision >= 1),"
    "  rubric_id text NOT NULL,"
    "  rubric_version bigint NOT NULL,"
    "  date text NOT NULL,"
    "  overall_score double precision,"
    "  body text NOT NULL,"
    "  body_sha256 bytea NOT NULL CHECK (length(body_sha256) = 32),"
    "  token_id bigint NOT NULL REFERENCES token (id),"
    "  received_at text NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC',"
    "    'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),"
    "  UNIQUE (swv, key)"
    ");"
    "CREATE INDEX submission_rubric ON submission (rubric_id, rubric_version, swv);"
    "CREATE TABLE submission_domain ("
    "  submission_id bigint NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    "  position integer NOT NULL,"
    "  domain text NOT NULL,"
    "  score double precision,"
    "  PRIMARY KEY (submission_id, position)"
    ");"
    "CREATE TABLE rubric_scale ("
    "  rubric_id text NOT NULL,"
    "  rubric_version bigint NOT NULL,"
    "  min double precision NOT NULL,"
    "  max double precision NOT NULL,"
    "  PRIMARY KEY (rubric_id, rubric_version)"
    ");"
    "CREATE TABLE latest ("
    "  rubric_id text NOT NULL,"
    "  rubric_version bigint NOT NULL,"
    "  swv text NOT NULL,"
    "  submission_id bigint NOT NULL REFERENCES submission (id),"
    "  date text NOT NULL,"
    "  revision bigint NOT NULL,"
    "  overall_score double precision,"
    "  PRIMARY KEY (rubric_id, rubric_version, swv)"
    ");"
    "CREATE TABLE daily_count ("
    "  swv text NOT NULL,"
    "  day text NOT NULL,"
    "  n bigint NOT NULL,"
    "  PRIMARY KEY (swv, day)"
    ");"
    "CREATE TABLE rate_counter ("
    "  token_id bigint PRIMARY KEY REFERENCES token (id),"
    "  window_start bigint NOT NULL,"
    "  n bigint NOT NULL"
    ");"
    "CREATE TABLE snapshot ("
    "  rubric_id text NOT NULL,"
    "  rubric_version bigint NOT NULL,"
    "  taken_at bigint NOT NULL,"
    "  answer text NOT NULL,"
    "  PRIMARY KEY (rubric_id, rubric_version)"
    ");",
    /* 1 → 2: a submission in one statement (one round trip, one
     * transaction). The order is the SQLite backend's: a known key
     * (duplicate or conflict by hash), the rubric's scale, the new row
     * (ON CONFLICT DO NOTHING: a concurrent transaction with the same key
     * makes this one wait, and then do nothing), the day's counter (over
     * the cap: an exception, SQLSTATE PT001, undoes everything), the domain
     * scores and the latest table. Each statement of a volatile function
     * at READ COMMITTED sees what other transactions committed before it. */
    "CREATE FUNCTION pt_put(p_swv text, p_key text, p_assessment text, p_revision bigint,"
    "  p_rubric_id text, p_rubric_version bigint, p_date text, p_overall double precision,"
    "  p_body text, p_sha bytea, p_token bigint, p_min double precision,"
    "  p_max double precision, p_day text, p_cap bigint, p_domains text[],"
    "  p_scores double precision[]) RETURNS text LANGUAGE plpgsql AS $f$ "
    "DECLARE v_id bigint; v_same boolean; v_n bigint; "
    "BEGIN "
    "  SELECT body_sha256 = p_sha INTO v_same FROM submission "
    "    WHERE swv = p_swv AND key = p_key; "
    "  IF FOUND THEN RETURN CASE WHEN v_same THEN 'duplicate' ELSE 'conflict' END; END IF; "
    "  INSERT INTO rubric_scale (rubric_id, rubric_version, min, max) "
    "    VALUES (p_rubric_id, p_rubric_version, p_min, p_max) ON CONFLICT DO NOTHING; "
    "  SELECT min = p_min AND max = p_max INTO v_same FROM rubric_scale "
    "    WHERE rubric_id = p_rubric_id AND rubric_version = p_rubric_version; "
    "  IF NOT v_same THEN RETURN 'scale'; END IF; "
    "  INSERT INTO submission (swv, key, assessment, revision, rubric_id, rubric_version, "
    "    date, overall_score, body, body_sha256, token_id) VALUES (p_swv, p_key, "
    "    p_assessment, p_revision, p_rubric_id, p_rubric_version, p_date, p_overall, "
    "    p_body, p_sha, p_token) ON CONFLICT (swv, key) DO NOTHING RETURNING id INTO v_id; "
    "  IF v_id IS NULL THEN "
    "    SELECT body_sha256 = p_sha INTO v_same FROM submission "
    "      WHERE swv = p_swv AND key = p_key; "
    "    RETURN CASE WHEN v_same THEN 'duplicate' ELSE 'conflict' END; "
    "  END IF; "
    "  INSERT INTO daily_count (swv, day, n) VALUES (p_swv, p_day, 1) "
    "    ON CONFLICT (swv, day) DO UPDATE SET n = daily_count.n + 1 RETURNING n INTO v_n; "
    "  IF p_cap > 0 AND v_n > p_cap THEN "
    "    RAISE EXCEPTION 'daily cap' USING ERRCODE = 'PT001'; "
    "  END IF; "
    "  INSERT INTO submission_domain (submission_id, position, domain, score) "
    "    SELECT v_id, t.ord - 1, t.d, t.s FROM unnest(p_domains, p_scores) "
    "    WITH ORDINALITY AS t(d, s, ord); "
    "  INSERT INTO latest (rubric_id, rubric_version, swv, submission_id, date, revision, "
    "    overall_score) VALUES (p_rubric_id, p_rubric_version, p_swv, v_id, p_date, "
    "    p_revision, p_overall) ON CONFLICT (rubric_id, rubric_version, swv) DO UPDATE SET "
    "    submission_id = excluded.submission_id, date = excluded.date, "
    "    revision = excluded.revision, overall_score = excluded.overall_score "
    "    WHERE (excluded.date, excluded.revision, excluded.submission_id) > "
    "    (latest.date, latest.revision, latest.submission_id); "
    "  RETURN 'stored'; "
    "END $f$;",
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

/* The prepared statements, by index. */
enum {
    Q_TOKEN_ADD, Q_TOKEN_LIST, Q_TOKEN_REVOKED, Q_TOKEN_REVOKE, Q_TOKEN_CHECK,
    Q_PUT, Q_RATE, Q_LATEST, Q_SNAP_GET, Q_SNAP_PUT, Q_LATEST_BODIES,
    Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_TOKEN_ADD] = "INSERT INTO token (hash, prefix, swv) VALUES ($1::bytea, $2, $3) "
                    "RETURNING id",
    [Q_TOKEN_LIST] = "SELECT id, prefix, swv, created_at, coalesce(revoked_at, '') "
                     "FROM token ORDER BY id",
    [Q_TOKEN_REVOKED] = "SELECT revoked_at IS NOT NULL FROM token WHERE id = $1 FOR UPDATE",
    [Q_TOKEN_REVOKE] = "UPDATE token SET revoked_at = to_char(now() AT TIME ZONE 'UTC', "
                       "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') WHERE id = $1",
    [Q_TOKEN_CHECK] = "SELECT id, hash, swv, revoked_at IS NOT NULL FROM token "
                      "WHERE prefix = $1",
    [Q_PUT] = "SELECT pt_put($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::bytea, $11, $12, $13, "
              "$14, $15, $16, $17)",
    [Q_RATE] = "INSERT INTO rate_counter (token_id, window_start, n) VALUES ($1, $2, 1) "
               "ON CONFLICT (token_id) DO UPDATE SET n = CASE WHEN "
               "rate_counter.window_start = $2 THEN rate_counter.n + 1 ELSE 1 END, "
               "window_start = $2 RETURNING n",
    [Q_LATEST] = "SELECT l.swv, l.overall_score, d.domain, d.score FROM latest l "
                 "LEFT JOIN submission_domain d ON d.submission_id = l.submission_id "
                 "WHERE l.rubric_id = $1 AND l.rubric_version = $2 "
                 "ORDER BY l.swv, d.position",
    [Q_SNAP_GET] = "SELECT taken_at, answer FROM snapshot WHERE rubric_id = $1 "
                   "AND rubric_version = $2",
    [Q_SNAP_PUT] = "INSERT INTO snapshot (rubric_id, rubric_version, taken_at, answer) "
                   "VALUES ($1, $2, $3, $4) ON CONFLICT (rubric_id, rubric_version) "
                   "DO UPDATE SET taken_at = excluded.taken_at, answer = excluded.answer "
                   "WHERE excluded.taken_at >= snapshot.taken_at",
    [Q_LATEST_BODIES] = "SELECT l.rubric_id, l.rubric_version, s.body FROM latest l "
                        "JOIN submission s ON s.id = l.submission_id "
                        "ORDER BY l.rubric_id, l.rubric_version, l.swv",
};

struct pg {
    char *conninfo;                 /* the URI as given (holds the password) */
    char *name;                     /* the URI without the password, for messages */
    struct pc_pool pool;            /* of PGconn * */
    PGconn *counter;                /* synchronous_commit off; under counter_lock */
    pthread_mutex_t counter_lock;
    bool sync_ready;
};

static bool pg_handles(const char *location)
{
    return strncmp(location, "postgresql://", 13) == 0 ||
           strncmp(location, "postgres://", 11) == 0;
}

/* "postgresql://user@host:port/dbname": the location without a password. */
static char *display_name(const char *location)
{
    PQconninfoOption *opts = PQconninfoParse(location, NULL);
    const char *user = "", *host = "", *port = "", *dbname = "";
    struct pt_buf b = {0};
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!o->val)
            continue;
        if (strcmp(o->keyword, "user") == 0)
            user = o->val;
        else if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
        else if (strcmp(o->keyword, "dbname") == 0)
            dbname = o->val;
    }
    pt_buf_printf(&b, "postgresql://%s%s%s%s%s/%s", user, *user ? "@" : "", host,
                  *port ? ":" : "", port, dbname);
    PQconninfoFree(opts);
    return pt_buf_detach(&b);
}

/* err = "NAME: database (what): the server's message, one line". */
static enum pt_status pg_error(const struct pg *p, PGconn *c, const PGresult *res,
                               struct pt_error *err, const char *what)
{
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!msg || !*msg)
        msg = c ? PQerrorMessage(c) : "onbekende fout";
    pt_error_set(err, "%s: database (%s): %s", p->name, what, msg);
    for (char *nl = strchr(err->msg, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' ';
    size_t n = strlen(err->msg);
    while (n > 0 && err->msg[n - 1] == ' ')
        err->msg[--n] = '\0';
    return PT_FAILED;
}

/* Runs a command without parameters (BEGIN, COMMIT, SET …). */
static enum pt_status command(const struct pg *p, PGconn *c, const char *text,
                              struct pt_error *err)
{
    PGresult *res = PQexec(c, text);
    ExecStatusType st = PQresultStatus(res);
    enum pt_status rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK
                            ? PT_OK
                            : pg_error(p, c, res, err, text);
    PQclear(res);
    return rc;
}

/* Runs prepared statement q with n text parameters (NULL: SQL NULL).
 * Returns the result (caller clears) or NULL with err. */
static PGresult *run(const struct pg *p, PGconn *c, int q, int n, const char *const *vals,
                     struct pt_error *err)
{
    char name[16];
    snprintf(name, sizeof name, "q%d", q);
    PGresult *res = PQexecPrepared(c, name, n, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
    pg_error(p, c, res, err, "opdracht");
    PQclear(res);
    return NULL;
}

static enum pt_status prepare_all(const struct pg *p, PGconn *c, struct pt_error *err)
{
    for (int q = 0; q < Q_COUNT; q++) {
        char name[16];
        snprintf(name, sizeof name, "q%d", q);
        PGresult *res = PQprepare(c, name, sql[q], 0, NULL);
        bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        if (!ok)
            pg_error(p, c, res, err, "voorbereiden");
        PQclear(res);
        if (!ok)
            return PT_FAILED;
    }
    return PT_OK;
}

/* The server's NOTICE lines ("relation … already exists, skipping") are
 * not for the operator's terminal. */
static void quiet(void *cls, const char *message)
{
    (void)cls;
    (void)message;
}

/* A new connection with the session settings, or NULL with err. */
static PGconn *connect_one(const struct pg *p, struct pt_error *err)
{
    PGconn *c = PQconnectdb(p->conninfo);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        pg_error(p, c, NULL, err, "verbinden");
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    if (PQclientEncoding(c) != pg_char_to_encoding("UTF8") &&
        PQsetClientEncoding(c, "UTF8") != 0) {
        pg_error(p, c, NULL, err, "tekenset");
        PQfinish(c);
        return NULL;
    }
    if (command(p, c, "SET TIME ZONE 'UTC'", err) != PT_OK) {
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* The schema version (0 for a new database), under the migration lock of
 * the open transaction. */
static enum pt_status schema_version(const struct pg *p, PGconn *c, long *version,
                                     struct pt_error *err)
{
    *version = 0;
    if (command(p, c, "CREATE TABLE IF NOT EXISTS pt_schema (version integer NOT NULL)",
                err) != PT_OK)
        return PT_FAILED;
    PGresult *res = PQexec(c, "SELECT version FROM pt_schema");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        pg_error(p, c, res, err, "schemaversie");
        PQclear(res);
        return PT_FAILED;
    }
    if (PQntuples(res) > 0)
        *version = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return PT_OK;
}

static enum pt_status migrate(const struct pg *p, PGconn *c, struct pt_error *err)
{
    long v = 0;
    char set[96];
    int rc = command(p, c, "BEGIN", err);
    if (rc != PT_OK)
        return rc;
    if ((rc = command(p, c, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")",
                      err)) != PT_OK ||
        (rc = schema_version(p, c, &v, err)) != PT_OK)
        goto cleanup;
    if (v > (long)NMIGRATIONS) {
        pt_error_set(err, "%s: de database heeft schemaversie %ld; deze %s kent tot en "
                     "met %zu (werk %s bij)", p->name, v, PC_PROGRAM, NMIGRATIONS, PC_PROGRAM);
        rc = PT_FAILED;
        goto cleanup;
    }
    for (size_t i = (size_t)v; i < NMIGRATIONS && rc == PT_OK; i++)
        rc = command(p, c, migrations[i], err);
    if (rc == PT_OK && (size_t)v < NMIGRATIONS) {
        snprintf(set, sizeof set, "DELETE FROM pt_schema; INSERT INTO pt_schema VALUES (%zu)",
                 NMIGRATIONS);
        rc = command(p, c, set, err);
    }
cleanup:
    if (rc == PT_OK)
        return command(p, c, "COMMIT", err);
    PGresult *res = PQexec(c, "ROLLBACK");
    PQclear(res);
    return rc;
}

static void close_conn(void *c)
{
    PQfinish(c);
}

static void pg_close(void *impl)
{
    struct pg *p = impl;
    if (!p)
        return;
    pc_pool_destroy(&p->pool, close_conn);
    PQfinish(p->counter);
    if (p->sync_ready)
        pthread_mutex_destroy(&p->counter_lock);
    if (p->conninfo)
        pc_wipe(p->conninfo, strlen(p->conninfo));
    free(p->conninfo);
    free(p->name);
    free(p);
}

static enum pt_status pg_open(const char *location, void **impl, struct pt_error *err)
{
    struct pg *p = pt_xcalloc(1, sizeof *p);
    *impl = NULL;
    p->conninfo = pt_xstrdup(location);
    p->name = display_name(location);
    if (!pc_pool_init(&p->pool, POOL_SIZE) || pthread_mutex_init(&p->counter_lock, NULL) != 0) {
        pt_error_set(err, "%s: geen mutex", p->name);
        goto fail;
    }
    p->sync_ready = true;
    for (size_t i = 0; i < POOL_SIZE; i++) {
        PGconn *c = connect_one(p, err);
        if (!c)
            goto fail;
        p->pool.conn[i] = c;
        if ((i == 0 && migrate(p, c, err) != PT_OK) || prepare_all(p, c, err) != PT_OK)
            goto fail;
    }
    if (!(p->counter = connect_one(p, err)) ||
        command(p, p->counter, "SET synchronous_commit TO off", err) != PT_OK ||
        prepare_all(p, p->counter, err) != PT_OK)
        goto fail;
    *impl = p;
    return PT_OK;
fail:
    pg_close(p);
    return PT_FAILED;
}

/* False when the server has ended c (a restart, pg_terminate_backend, an
 * idle timeout) while it sat unused: its last message and the end of the
 * stream are then waiting in the socket, and reading them without waiting
 * marks the connection bad. */
static bool alive(PGconn *c)
{
    /* Twice: a read that brings data reports no end of stream, even when
     * the end follows the data; the second read finds it. */
    for (int i = 0; i < 2 && PQstatus(c) == CONNECTION_OK; i++)
        if (!PQconsumeInput(c))
            break;
    return PQstatus(c) == CONNECTION_OK;
}

/* Takes a free connection, reconnecting it when it broke. NULL with err
 * when it cannot be made whole (then nothing is held). */
static PGconn *acquire(struct pg *p, struct pt_error *err)
{
    PGconn *c = pc_pool_take(&p->pool);
    if (alive(c))
        return c;
    PQreset(c);
    if (PQstatus(c) == CONNECTION_OK &&
        command(p, c, "SET TIME ZONE 'UTC'", err) == PT_OK &&
        prepare_all(p, c, err) == PT_OK)
        return c;
    if (PQstatus(c) != CONNECTION_OK)
        pg_error(p, c, NULL, err, "verbinden");
    pc_pool_give(&p->pool, c);
    return NULL;
}

static void release(struct pg *p, PGconn *c)
{
    /* A connection left inside a transaction (a failed COMMIT or a lost
     * ROLLBACK) is reset rather than handed on. */
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE)
        PQreset(c);
    pc_pool_give(&p->pool, c);
}

/* One prepared statement q on a pooled connection of its own (taken and
 * given back here): the result (caller clears), or NULL with err. */
static PGresult *query(struct pg *p, int q, int n, const char *const *vals,
                       struct pt_error *err)
{
    PGconn *c = acquire(p, err);
    if (!c)
        return NULL;
    PGresult *res = run(p, c, q, n, vals, err);
    release(p, c);
    return res;
}

/* Ends the transaction: COMMIT when rc is PT_OK (a failed COMMIT makes rc
 * PT_FAILED), else ROLLBACK. Returns rc. */
static enum pt_status finish(const struct pg *p, PGconn *c, int rc, struct pt_error *err)
{
    if (rc == PT_OK)
        return command(p, c, "COMMIT", err);
    PQclear(PQexec(c, "ROLLBACK"));
    return rc;
}

/* "\x" and the lowercase hex of 32 bytes: a bytea literal. */
static void bytea_hex(const uint8_t bytes[PC_SHA256_SIZE], char out[2 + 2 * PC_SHA256_SIZE + 1])
{
    out[0] = '\\';
    out[1] = 'x';
    pc_hex(bytes, PC_SHA256_SIZE, out + 2);
}

static enum pt_status pg_token_add(void *impl, const char *swv,
                                   const uint8_t hash[PC_SHA256_SIZE], const char *prefix,
                                   long *id, struct pt_error *err)
{
    struct pg *p = impl;
    char hex[2 + 2 * PC_SHA256_SIZE + 1];
    bytea_hex(hash, hex);
    const char *vals[] = {hex, prefix, swv};
    PGresult *res = query(p, Q_TOKEN_ADD, 3, vals, err);
    if (res)
        *id = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    pc_wipe(hex, sizeof hex);
    return res ? PT_OK : PT_FAILED;
}

static enum pt_status pg_token_list(void *impl, struct pc_token_rows *out,
                                    struct pt_error *err)
{
    struct pg *p = impl;
    memset(out, 0, sizeof *out);
    PGresult *res = query(p, Q_TOKEN_LIST, 0, NULL, err);
    int n = res ? PQntuples(res) : 0;
    if (n > 0)
        out->items = pt_xcalloc((size_t)n, sizeof *out->items);
    for (int i = 0; i < n; i++) {
        struct pc_token_row *r = &out->items[out->n++];
        r->id = strtol(PQgetvalue(res, i, 0), NULL, 10);
        snprintf(r->prefix, sizeof r->prefix, "%s", PQgetvalue(res, i, 1));
        snprintf(r->swv, sizeof r->swv, "%s", PQgetvalue(res, i, 2));
        snprintf(r->created_at, sizeof r->created_at, "%s", PQgetvalue(res, i, 3));
        snprintf(r->revoked_at, sizeof r->revoked_at, "%s", PQgetvalue(res, i, 4));
    }
    PQclear(res);
    return res ? PT_OK : PT_FAILED;
}

static enum pt_status pg_token_revoke(void *impl, long id, bool *already,
                                      struct pt_error *err)
{
    struct pg *p = impl;
    char ids[24];
    PGresult *res = NULL;
    *already = false;
    PGconn *c = acquire(p, err);
    if (!c)
        return PT_FAILED;
    snprintf(ids, sizeof ids, "%ld", id);
    const char *vals[] = {ids};
    int rc = command(p, c, "BEGIN", err);
    if (rc == PT_OK && !(res = run(p, c, Q_TOKEN_REVOKED, 1, vals, err)))
        rc = PT_FAILED;
    if (rc == PT_OK && PQntuples(res) == 0) {
        pt_error_set(err, "er is geen token met id %ld", id);
        rc = PT_INVALID;
    }
    if (rc == PT_OK)
        *already = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    res = NULL;
    if (rc == PT_OK && !*already && !(res = run(p, c, Q_TOKEN_REVOKE, 1, vals, err)))
        rc = PT_FAILED;
    PQclear(res);
    rc = finish(p, c, rc, err);
    release(p, c);
    return rc;
}

/* 32 bytes from a bytea in hex output ("\x…"). */
static bool bytea_value(const char *text, uint8_t out[PC_SHA256_SIZE])
{
    if (strncmp(text, "\\x", 2) != 0 || strlen(text) != 2 + 2 * PC_SHA256_SIZE)
        return false;
    for (size_t i = 0; i < PC_SHA256_SIZE; i++) {
        unsigned v = 0;
        for (size_t k = 0; k < 2; k++) {
            char ch = text[2 + 2 * i + k];
            v = v * 16 + (unsigned)(ch >= 'a' ? ch - 'a' + 10 : ch - '0');
        }
        out[i] = (uint8_t)v;
    }
    return true;
}

static enum pt_status pg_token_check(void *impl, const char *prefix,
                                     const uint8_t hash[PC_SHA256_SIZE], bool *valid,
                                     long *token_id, char swv[PC_SWV_SIZE],
                                     struct pt_error *err)
{
    struct pg *p = impl;
    uint8_t h[PC_SHA256_SIZE];
    *valid = false;
    const char *vals[] = {prefix};
    PGresult *res = query(p, Q_TOKEN_CHECK, 1, vals, err);
    /* The prefix is public; the secret part is compared as a hash in
     * constant time. */
    for (int i = 0; res && i < PQntuples(res); i++) {
        if (!bytea_value(PQgetvalue(res, i, 1), h) || !pc_equal_ct(h, hash, PC_SHA256_SIZE) ||
            strcmp(PQgetvalue(res, i, 3), "f") != 0)
            continue;
        *valid = true;
        *token_id = strtol(PQgetvalue(res, i, 0), NULL, 10);
        snprintf(swv, PC_SWV_SIZE, "%s", PQgetvalue(res, i, 2));
    }
    pc_wipe(h, sizeof h);
    PQclear(res);
    return res ? PT_OK : PT_FAILED;
}

/* The domain ids and scores as array literals {"a","b"} and {2.5,NULL}
 * (ids are identifiers: nothing to escape). */
static void domain_arrays(const struct pc_summary *sum, struct pt_buf *ids, struct pt_buf *sc)
{
    pt_buf_addc(ids, '{');
    pt_buf_addc(sc, '{');
    for (size_t i = 0; i < sum->ndomains; i++) {
        pt_buf_printf(ids, "%s\"%s\"", i ? "," : "", sum->domains[i].id);
        if (sum->domains[i].has_score)
            pt_buf_printf(sc, "%s%.17g", i ? "," : "", sum->domains[i].score);
        else
            pt_buf_printf(sc, "%sNULL", i ? "," : "");
    }
    pt_buf_addc(ids, '}');
    pt_buf_addc(sc, '}');
}

/* Text forms of the numbers of a put, kept alive for the statement. */
struct put_text {
    char revision[24], version[24], overall[32], token[24], cap[24];
    char smin[32], smax[32], hex[2 + 2 * PC_SHA256_SIZE + 1];
};

/* The answer of pt_put (or its error): what happened to the submission. */
static enum pt_status put_outcome(const struct pg *p, PGconn *c, PGresult *res,
                                  enum pc_put *out, struct pt_error *err)
{
    static const struct {
        const char *word;
        enum pc_put put;
    } words[] = {{"stored", PC_PUT_STORED}, {"duplicate", PC_PUT_DUPLICATE},
                 {"conflict", PC_PUT_CONFLICT}, {"scale", PC_PUT_SCALE_CONFLICT}};
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (PQresultStatus(res) == PGRES_FATAL_ERROR && state && strcmp(state, "PT001") == 0) {
        *out = PC_PUT_DAILY_CAP;   /* raised, so everything was rolled back */
        return PT_OK;
    }
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
        return pg_error(p, c, res, err, "opslaan");
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(PQgetvalue(res, 0, 0), words[i].word) == 0) {
            *out = words[i].put;
            return PT_OK;
        }
    pt_error_set(err, "%s: database (opslaan): onverwacht antwoord", p->name);
    return PT_FAILED;
}

/* One statement, so one transaction and one round trip: pt_put (migration
 * 1 → 2) does what the SQLite backend does in its BEGIN IMMEDIATE. */
static enum pt_status pg_put(void *impl, const struct pc_put_request *rq, enum pc_put *out,
                             struct pt_error *err)
{
    struct pg *p = impl;
    const struct pc_summary *sum = rq->sum;
    struct put_text t;
    struct pt_buf ids = {0}, sc = {0};
    PGconn *c = acquire(p, err);
    if (!c)
        return PT_FAILED;
    snprintf(t.revision, sizeof t.revision, "%ld", sum->revision);
    snprintf(t.version, sizeof t.version, "%ld", sum->rubric_version);
    snprintf(t.overall, sizeof t.overall, "%.17g", sum->overall);
    snprintf(t.token, sizeof t.token, "%ld", rq->token_id);
    snprintf(t.smin, sizeof t.smin, "%.17g", sum->scale_min);
    snprintf(t.smax, sizeof t.smax, "%.17g", sum->scale_max);
    snprintf(t.cap, sizeof t.cap, "%u", rq->daily_cap);
    bytea_hex(rq->sha256, t.hex);
    domain_arrays(sum, &ids, &sc);
    char *body = pt_xstrndup(rq->body, rq->len);
    const char *vals[] = {sum->swv, rq->key, sum->assessment, t.revision, sum->rubric_id,
                          t.version, sum->date, sum->has_overall ? t.overall : NULL, body,
                          t.hex, t.token, t.smin, t.smax, rq->day, t.cap, ids.data, sc.data};
    char name[16];
    snprintf(name, sizeof name, "q%d", Q_PUT);
    PGresult *res = PQexecPrepared(c, name, 17, vals, NULL, NULL, 0);
    int rc = put_outcome(p, c, res, out, err);
    PQclear(res);
    free(body);
    pt_buf_free(&ids);
    pt_buf_free(&sc);
    release(p, c);
    return rc;
}

static enum pt_status pg_rate_take(void *impl, long token_id, long long now, unsigned window,
                                   unsigned limit, struct pc_rate *out, struct pt_error *err)
{
    struct pg *p = impl;
    long long start = window ? now - now % (long long)window : now;
    char tid[24], st[24];
    int rc = PT_FAILED;
    out->allowed = true;
    out->retry_after = 0;
    snprintf(tid, sizeof tid, "%ld", token_id);
    snprintf(st, sizeof st, "%lld", start);
    const char *vals[] = {tid, st};
    pthread_mutex_lock(&p->counter_lock);
    if (!alive(p->counter)) {
        PQreset(p->counter);
        if (PQstatus(p->counter) != CONNECTION_OK ||
            command(p, p->counter, "SET synchronous_commit TO off", err) != PT_OK ||
            prepare_all(p, p->counter, err) != PT_OK) {
            pg_error(p, p->counter, NULL, err, "verbinden");
            goto cleanup;
        }
    }
    PGresult *res = run(p, p->counter, Q_RATE, 2, vals, err);
    if (!res)
        goto cleanup;
    long long n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    out->allowed = n <= (long long)limit;
    out->retry_after = (long)(start + (long long)window - now);
    if (out->retry_after < 1)
        out->retry_after = 1;
    rc = PT_OK;
cleanup:
    pthread_mutex_unlock(&p->counter_lock);
    return rc;
}

/* Runs query q, whose parameters are a rubric id and version ($1, $2). */
static PGresult *query_rubric(struct pg *p, int q, const char *rubric_id, long version,
                              struct pt_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%ld", version);
    const char *vals[] = {rubric_id, v};
    return query(p, q, 2, vals, err);
}

static enum pt_status pg_latest(void *impl, const char *rubric_id, long version,
                                struct pc_bench_values *out, struct pt_error *err)
{
    struct pg *p = impl;
    char last[PC_SWV_SIZE] = "";
    PGresult *res = query_rubric(p, Q_LATEST, rubric_id, version, err);
    for (int i = 0; res && i < PQntuples(res); i++) {
        const char *swv = PQgetvalue(res, i, 0);
        if (strcmp(swv, last) != 0) {
            snprintf(last, sizeof last, "%s", swv);
            pc_bench_add(out, swv, "", !PQgetisnull(res, i, 1),
                         strtod(PQgetvalue(res, i, 1), NULL));
        }
        if (PQgetisnull(res, i, 2))
            continue;   /* a submission without domains */
        pc_bench_add(out, swv, PQgetvalue(res, i, 2), !PQgetisnull(res, i, 3),
                     strtod(PQgetvalue(res, i, 3), NULL));
    }
    PQclear(res);
    return res ? PT_OK : PT_FAILED;
}

static enum pt_status pg_snapshot_get(void *impl, const char *rubric_id, long version,
                                      bool *found, char **json, long long *taken_at,
                                      struct pt_error *err)
{
    struct pg *p = impl;
    *found = false;
    *json = NULL;
    PGresult *res = query_rubric(p, Q_SNAP_GET, rubric_id, version, err);
    if (res && PQntuples(res) == 1) {
        *found = true;
        *taken_at = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        *json = pt_xstrdup(PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return res ? PT_OK : PT_FAILED;
}

static enum pt_status pg_snapshot_put(void *impl, const char *rubric_id, long version,
                                      long long taken_at, const char *json,
                                      struct pt_error *err)
{
    struct pg *p = impl;
    char v[24], t[24];
    snprintf(v, sizeof v, "%ld", version);
    snprintf(t, sizeof t, "%lld", taken_at);
    const char *vals[] = {rubric_id, v, t, json};
    PGresult *res = query(p, Q_SNAP_PUT, 4, vals, err);
    PQclear(res);
    return res ? PT_OK : PT_FAILED;
}

static enum pt_status pg_latest_bodies(void *impl, pc_body_fn fn, void *cls,
                                       struct pt_error *err)
{
    struct pg *p = impl;
    int rc = PT_OK;
    PGresult *res = query(p, Q_LATEST_BODIES, 0, NULL, err);
    for (int i = 0; res && rc == PT_OK && i < PQntuples(res); i++)
        rc = fn(cls, PQgetvalue(res, i, 0), strtol(PQgetvalue(res, i, 1), NULL, 10),
                PQgetvalue(res, i, 2), (size_t)PQgetlength(res, i, 2));
    if (rc != PT_OK)
        pt_error_set(err, "%s: onvoldoende geheugen voor het dashboard", p->name);
    PQclear(res);
    return res ? rc : PT_FAILED;
}

const struct pc_store_ops pc_store_pg_ops = {
    .name = "postgresql",
    .handles = pg_handles,
    .open = pg_open,
    .close = pg_close,
    .token_add = pg_token_add,
    .token_list = pg_token_list,
    .token_revoke = pg_token_revoke,
    .token_check = pg_token_check,
    .put = pg_put,
    .rate_take = pg_rate_take,
    .latest = pg_latest,
    .snapshot_get = pg_snapshot_get,
    .snapshot_put = pg_snapshot_put,
    .latest_bodies = pg_latest_bodies,
};
