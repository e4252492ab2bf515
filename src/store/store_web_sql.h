/*
 * store_web_sql.h — helpers shared by store_web.c and store_web_score.c
 * (not a public interface).
 */
#ifndef PT_STORE_WEB_SQL_H
#define PT_STORE_WEB_SQL_H

#include <stddef.h>

#include <sqlite3.h>

#include "store_web.h"

/* sqlite3_prepare_v2 / sqlite3_finalize, or, while this thread's statement
 * cache is on (pt_web_stmt_cache), a cached statement and its reset. */
int pt_sw_prepare(sqlite3 *db, const char *sql, int len, sqlite3_stmt **st, const char **tail);
void pt_sw_finalize(sqlite3_stmt *st);
/* Fills err with the connection's last error; returns PT_FAILED. */
int pt_sw_fail(sqlite3 *db, char *err, size_t errsize);
int pt_sw_begin(sqlite3 *db, char *err, size_t errsize);
/* COMMIT, or ROLLBACK and PT_FAILED. */
int pt_sw_commit(sqlite3 *db, char *err, size_t errsize);
void pt_sw_rollback(sqlite3 *db);
/* Runs sql with text parameters args[0..n) (NULL binds NULL); an SQLite
 * result code. */
int pt_sw_exec(sqlite3 *db, const char *sql, const char *const *args, int n);
/* Inside a write transaction: stores the current phase. */
int pt_sw_fix_phase(sqlite3 *db, const char *id, enum pt_phase *out, char *err, size_t errsize);

#endif
