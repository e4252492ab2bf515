/*
 * store_sql.c — how the store runs a statement (store_db.h): prepare (from
 * the thread's statement cache while it is on: the web app's threads),
 * bind the parameters, step, finalize, and the error of the connection.
 */
#include "store_db.h"

#include <stdio.h>

#include "store_web.h"

int pt_sql_error(sqlite3 *db, const char *path, struct pt_error *err)
{
    const char *file = path ? path : sqlite3_db_filename(db, "main");
    pt_error_set(err, "%s: database: %s", file && *file ? file : "?", pt_db_text(db, 0));
    return PT_FAILED;
}

int pt_sql_fail(sqlite3 *db, struct pt_error *err)
{
    return pt_sql_error(db, NULL, err);
}

/* ---- prepared statements, cached per server thread ---------------------- */

#define STMT_CACHE 48

struct stmt_slot {
    sqlite3 *db;
    const char *sql;    /* a string literal: compared by address */
    sqlite3_stmt *st;
};

static _Thread_local bool cache_on;
static _Thread_local struct stmt_slot cache[STMT_CACHE];

void pt_web_stmt_cache(bool on)
{
    cache_on = on;
}

void pt_web_stmt_cache_clear(void)
{
    for (size_t i = 0; i < STMT_CACHE; i++) {
        sqlite3_finalize(cache[i].st);
        cache[i] = (struct stmt_slot){0};
    }
    cache_on = false;
}

int pt_sql_prepare(sqlite3 *db, const char *sql, int len, sqlite3_stmt **st, const char **tail)
{
    struct stmt_slot *free_slot = NULL;
    if (!cache_on)
        return sqlite3_prepare_v2(db, sql, len, st, tail);
    for (size_t i = 0; i < STMT_CACHE; i++) {
        if (cache[i].st && cache[i].sql == sql && cache[i].db == db) {
            *st = cache[i].st;
            return SQLITE_OK;
        }
        if (!cache[i].st && !free_slot)
            free_slot = &cache[i];
    }
    int rc = sqlite3_prepare_v3(db, sql, len, SQLITE_PREPARE_PERSISTENT, st, tail);
    if (rc == SQLITE_OK && free_slot)
        *free_slot = (struct stmt_slot){db, sql, *st};
    return rc;
}

void pt_sql_finalize(sqlite3_stmt *st)
{
    if (!st)
        return;
    for (size_t i = 0; cache_on && i < STMT_CACHE; i++)
        if (cache[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return;
        }
    sqlite3_finalize(st);
}

int pt_sql_step(sqlite3 *db, const char *sql, const struct pt_sql_arg *args, int n,
                sqlite3_stmt **st)
{
    int rc = pt_sql_prepare(db, sql, -1, st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < n; i++)
        rc = args[i].is_num ? sqlite3_bind_int64(*st, i + 1, args[i].num)
             : args[i].text ? sqlite3_bind_text(*st, i + 1, args[i].text, -1, SQLITE_TRANSIENT)
                            : sqlite3_bind_null(*st, i + 1);
    return rc == SQLITE_OK ? sqlite3_step(*st) : rc;
}

int pt_sql_exec(sqlite3 *db, const char *sql, const char *const *args, int n)
{
    struct pt_sql_arg a[PT_SQL_MAX_ARGS];
    sqlite3_stmt *st = NULL;
    if (n > PT_SQL_MAX_ARGS)
        return SQLITE_RANGE;
    for (int i = 0; i < n; i++)
        a[i] = (struct pt_sql_arg){.text = args[i]};
    int rc = pt_sql_step(db, sql, a, n, &st);
    pt_sql_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int pt_sql_done(sqlite3 *db, const char *path, sqlite3_stmt *st, int step,
                struct pt_error *err)
{
    int rc = step == SQLITE_ROW || step == SQLITE_DONE ? PT_OK : pt_sql_error(db, path, err);
    pt_sql_finalize(st);
    return rc;
}
