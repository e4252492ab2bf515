/*
 * central_migrate.c — `praktijktoets-central migrate --from FILE --to
 * postgresql://…` (issue 15): moves a SQLite receiver's data into an empty
 * PostgreSQL database, in one transaction, rows and ids unchanged.
 *
 * The source is first opened as a store (which brings an older file to the
 * current schema), then read on a read-only connection. The target is
 * opened as a store (which creates its schema, the same tables and
 * columns as the SQLite schema) and must hold no token and no submission.
 * Every table is copied with COPY … FROM STDIN (text format), the id
 * sequences are set past the copied ids, and the row counts of source and
 * target are compared before COMMIT: any difference, and nothing stays.
 */
#include "central_migrate.h"
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "central_store.h"
#include "util.h"

/* The tables in an order that keeps the foreign keys whole, with the
 * columns both schemas have. */
static const struct {
    const char *name, *columns;
} tables[] = {
    {"token", "id, hash, prefix, swv, created_at, revoked_at"},
    {"submission", "id, swv, key, assessment, revision, rubric_id, rubric_version, date, "
                   "overall_score, body, body_sha256, token_id, received_at"},
    {"submission_domain", "submission_id, position, domain, score"},
    {"rubric_scale", "rubric_id, rubric_version, min, max"},
    {"latest", "rubric_id, rubric_version, swv, submission_id, date, revision, overall_score"},
    {"daily_count", "swv, day, n"},
    {"rate_counter", "token_id, window_start, n"},
    {"snapshot", "rubric_id, rubric_version, taken_at, answer"},
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* One value in COPY's text format. */
static void copy_value(sqlite3_stmt *st, int i, struct pt_buf *b)
{
    char num[40];
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        pt_buf_adds(b, "\\N");
        return;
    case SQLITE_INTEGER:
        snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(st, i));
        pt_buf_adds(b, num);
        return;
    case SQLITE_FLOAT:
        snprintf(num, sizeof num, "%.17g", sqlite3_column_double(st, i));
        pt_buf_adds(b, num);
        return;
    case SQLITE_BLOB: {
        const unsigned char *p = sqlite3_column_blob(st, i);
        int n = sqlite3_column_bytes(st, i);
        pt_buf_adds(b, "\\\\x");
        for (int k = 0; k < n; k++) {
            snprintf(num, sizeof num, "%02x", p[k]);
            pt_buf_adds(b, num);
        }
        return;
    }
    default:
        break;
    }
    const char *t = (const char *)sqlite3_column_text(st, i);
    /* COPY's text format: a backslash and the line and field separators. */
    static const struct pt_escape copy_text[] = {
        {'\\', "\\\\"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}, {0, NULL},
    };
    pt_buf_escape(b, t, copy_text);
}

static enum pt_status pg_fail(PGconn *c, const char *what, struct pt_error *err)
{
    pt_error_set(err, "doeldatabase (%s): %s", what, PQerrorMessage(c));
    for (char *nl = strchr(err->msg, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' ';
    return PT_FAILED;
}

static enum pt_status pg_command(PGconn *c, const char *sql, struct pt_error *err)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    PQclear(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? PT_OK
                                                          : pg_fail(c, sql, err);
}

static long pg_count(PGconn *c, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    PGresult *r = PQexec(c, sql);
    long n = PQresultStatus(r) == PGRES_TUPLES_OK ? strtol(PQgetvalue(r, 0, 0), NULL, 10) : -1;
    PQclear(r);
    return n;
}

/* Copies one table; *rows: how many. */
static enum pt_status copy_table(sqlite3 *src, PGconn *c, size_t t, long *rows,
                                 struct pt_error *err)
{
    char sql[512];
    sqlite3_stmt *st = NULL;
    struct pt_buf b = {0};
    enum pt_status rc = PT_FAILED;
    int step;
    *rows = 0;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s", tables[t].columns, tables[t].name);
    if (sqlite3_prepare_v2(src, sql, -1, &st, NULL) != SQLITE_OK) {
        pt_error_set(err, "bron (%s): %s", tables[t].name, sqlite3_errmsg(src));
        goto cleanup;
    }
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", tables[t].name, tables[t].columns);
    PGresult *r = PQexec(c, sql);
    bool in_copy = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!in_copy) {
        pg_fail(c, sql, err);
        goto cleanup;
    }
    int ncol = sqlite3_column_count(st);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        b.len = 0;
        for (int i = 0; i < ncol; i++) {
            if (i)
                pt_buf_addc(&b, '\t');
            copy_value(st, i, &b);
        }
        pt_buf_addc(&b, '\n');
        if (PQputCopyData(c, b.data, (int)b.len) != 1)
            break;
        (*rows)++;
    }
    bool ok = step == SQLITE_DONE;
    if (PQputCopyEnd(c, ok ? NULL : "bron onleesbaar") != 1 || !ok) {
        pt_error_set(err, "bron (%s): %s", tables[t].name, sqlite3_errmsg(src));
        goto cleanup;
    }
    r = PQgetResult(c);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    while ((r = PQgetResult(c)))
        PQclear(r);
    rc = ok ? PT_OK : pg_fail(c, tables[t].name, err);
cleanup:
    pt_buf_free(&b);
    sqlite3_finalize(st);
    return rc;
}

/* Both schemas made and current, and the target empty. */
static enum pt_status prepare_both(const char *from, const char *to, struct pt_error *err)
{
    struct pc_store *s = NULL;
    if (pc_store_open(from, &s, err) != PT_OK)
        return PT_FAILED;
    pc_store_close(s);
    if (pc_store_open(to, &s, err) != PT_OK)
        return PT_FAILED;
    pc_store_close(s);
    return PT_OK;
}

static enum pt_status copy_all(sqlite3 *src, PGconn *c, FILE *report, struct pt_error *err)
{
    if (pg_count(c, "token") != 0 || pg_count(c, "submission") != 0) {
        pt_error_set(err, "de doeldatabase is niet leeg (tokens of inzendingen); "
                     "migreer alleen naar een nieuwe database");
        return PT_INVALID;
    }
    /* snapshot and the counters may hold rows of a receiver that ran
     * without data; they are replaced. */
    if (pg_command(c, "DELETE FROM snapshot; DELETE FROM rate_counter; DELETE FROM "
                   "daily_count; DELETE FROM latest; DELETE FROM rubric_scale", err) != PT_OK)
        return PT_FAILED;
    for (size_t t = 0; t < NTABLES; t++) {
        long rows = 0;
        if (copy_table(src, c, t, &rows, err) != PT_OK)
            return PT_FAILED;
        if (pg_count(c, tables[t].name) != rows) {
            pt_error_set(err, "%s: %ld rijen gelezen, maar niet evenveel geschreven",
                         tables[t].name, rows);
            return PT_FAILED;
        }
        fprintf(report, "%s\t%ld\n", tables[t].name, rows);
    }
    return pg_command(c, "SELECT setval(pg_get_serial_sequence('token', 'id'), "
                      "coalesce((SELECT max(id) FROM token), 0) + 1, false); "
                      "SELECT setval(pg_get_serial_sequence('submission', 'id'), "
                      "coalesce((SELECT max(id) FROM submission), 0) + 1, false)", err);
}

enum pt_status pc_migrate(const char *from, const char *to, FILE *report,
                          struct pt_error *err)
{
    sqlite3 *src = NULL;
    PGconn *c = NULL;
    int rc = PT_FAILED;
    if (strncmp(to, "postgresql://", 13) != 0 && strncmp(to, "postgres://", 11) != 0) {
        pt_error_set(err, "--to: een PostgreSQL-URI (postgresql://…)");
        return PT_USAGE;
    }
    if (strncmp(from, "postgresql://", 13) == 0 || strncmp(from, "postgres://", 11) == 0) {
        pt_error_set(err, "--from: het SQLite-bestand van de ontvanger");
        return PT_USAGE;
    }
    if (prepare_both(from, to, err) != PT_OK)
        return PT_FAILED;
    if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        pt_error_set(err, "%s: %s", from, sqlite3_errmsg(src));
        goto cleanup;
    }
    c = PQconnectdb(to);
    if (PQstatus(c) != CONNECTION_OK) {
        pg_fail(c, "verbinden", err);
        goto cleanup;
    }
    /* One read transaction on the source: a consistent picture even when a
     * receiver is still writing it. */
    if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        pg_command(c, "BEGIN", err) != PT_OK)
        goto cleanup;
    rc = copy_all(src, c, report, err);
    if (rc == PT_OK)
        rc = pg_command(c, "COMMIT", err);
cleanup:
    if (c && rc != PT_OK)
        PQclear(PQexec(c, "ROLLBACK"));
    PQfinish(c);
    sqlite3_close(src);
    return rc;
}
