/* testdb.c — see testdb.h. */
#include "testdb.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "util.h"

enum tdb_backend tdb_backend = TDB_SQLITE;

const char *tdb_pg_uri(void)
{
    const char *u = getenv("PT_PG_URI");
    return u && *u ? u : NULL;
}

static bool is_pg(const char *location)
{
    return strncmp(location, "postgresql://", 13) == 0;
}

/* The URI of $PT_PG_URI with its database replaced by dbname. */
static void uri_with_db(char *out, size_t size, const char *dbname)
{
    const char *base = tdb_pg_uri();
    const char *slash = strrchr(base, '/');
    ck_assert_msg(base && slash && slash > base + 13, "PT_PG_URI: %s", base ? "vorm" : "leeg");
    snprintf(out, size, "%.*s/%s", (int)(slash - base), base, dbname);
}

static void pg_admin(const char *sql)
{
    PGconn *c = PQconnectdb(tdb_pg_uri());
    ck_assert_msg(PQstatus(c) == CONNECTION_OK, "postgres: %s", PQerrorMessage(c));
    PGresult *r = PQexec(c, sql);
    ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
}

void tdb_new(char *out, size_t size, const char *dir)
{
    static unsigned n;
    char name[64], sql[128];
    n++;
    if (tdb_backend == TDB_SQLITE) {
        snprintf(out, size, "%s/central%u.db", dir, n);
        return;
    }
    snprintf(name, sizeof name, "pt_test_%ld_%u", (long)getpid(), n);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    pg_admin(sql);
    uri_with_db(out, size, name);
}

void tdb_drop(const char *location)
{
    char sql[160];
    if (!is_pg(location))
        return;
    const char *name = strrchr(location, '/') + 1;
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    pg_admin(sql);
}

static char *pg_value(const char *location, const char *sql, const char *param)
{
    char *v = NULL;
    PGconn *c = PQconnectdb(location);
    ck_assert_msg(PQstatus(c) == CONNECTION_OK, "postgres: %s", PQerrorMessage(c));
    const char *vals[] = {param};
    PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, vals, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
    if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
        v = pt_xstrdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
    return v;
}

static char *sqlite_value(const char *location, const char *sql, const char *param)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    char *v = NULL;
    char *text = pt_xstrdup(sql);
    /* $1 → ?1: the same query text serves both backends. */
    for (char *p = strchr(text, '$'); p; p = strchr(p + 1, '$'))
        *p = '?';
    ck_assert_int_eq(sqlite3_open_v2(location, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    ck_assert_msg(sqlite3_prepare_v2(h, text, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(h));
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = pt_xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    free(text);
    return v;
}

char *tdb_value(const char *location, const char *sql, const char *param)
{
    return is_pg(location) ? pg_value(location, sql, param)
                           : sqlite_value(location, sql, param);
}

long tdb_count(const char *location, const char *sql)
{
    char *v = tdb_value(location, sql, NULL);
    long n = v ? strtol(v, NULL, 10) : -1;
    free(v);
    return n;
}

void tdb_exec(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    char *msg = NULL;
    ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    sqlite3_close(h);
}
