/*
 * store_db.h — private to src/store/: the SQLite connection behind the
 * opaque struct pt_store. Only the store's own files include it.
 */
#ifndef PT_STORE_DB_H
#define PT_STORE_DB_H

#include <stdbool.h>

#include <sqlite3.h>

#include "db.h"
#include "store.h"

#define PT_SCHEMA_VERSION 4

struct pt_store {
    sqlite3 *db;
    char *path;
};

/* Fills err with "<path>: database: <Dutch reason>"; returns PT_FAILED. */
int pt_store_dberr(struct pt_store *s, struct pt_error *err);

/* The end of a write begun with pt_store_begin: COMMIT when rc is PT_OK,
 * else ROLLBACK and rc (err already says why). */
int pt_store_end(struct pt_store *s, int rc, struct pt_error *err);

/* Prepares sql with ?1 bound to id (an assessment id, which must outlive
 * the statement); NULL on a database error. */
sqlite3_stmt *pt_store_prepare_id(struct pt_store *s, const char *sql, const char *id);

/* Steps a statement that returns no rows, then resets it and clears its
 * bindings. Returns SQLITE_OK or the error code. */
int pt_store_step_done(sqlite3_stmt *st);

/* ---- running a statement (store_sql.c) ---------------------------------- */

/* sqlite3_prepare_v2, or, while this thread's statement cache is on
 * (pt_web_stmt_cache), a cached statement: sql must then be a string
 * literal (it is looked up by address). A statement from here ends with
 * pt_sql_finalize, never sqlite3_finalize (which would free a cached one). */
int pt_sql_prepare(sqlite3 *db, const char *sql, int len, sqlite3_stmt **st, const char **tail);
void pt_sql_finalize(sqlite3_stmt *st);
/* Fills err with "<path>: database: <Dutch reason>" (path NULL: the
 * connection's file) from the connection's last error; returns PT_FAILED. */
int pt_sql_error(sqlite3 *db, const char *path, struct pt_error *err);
int pt_sql_fail(sqlite3 *db, struct pt_error *err); /* path NULL */

/* A parameter: text (NULL binds NULL), or with PT_SQL_NUM an integer. */
struct pt_sql_arg {
    const char *text;
    long long num;
    bool is_num;
};
#define PT_SQL_TEXT(s) ((struct pt_sql_arg){.text = (s)})
#define PT_SQL_NUM(n) ((struct pt_sql_arg){.num = (n), .is_num = true})
#define PT_SQL_MAX_ARGS 16

/* Prepares sql (pt_sql_prepare), binds args[0..n) to ?1..?n and steps once:
 * SQLITE_ROW (its columns in *st), SQLITE_DONE, or an error code. In every
 * case the caller ends *st with pt_sql_finalize (NULL is fine). */
int pt_sql_step(sqlite3 *db, const char *sql, const struct pt_sql_arg *args, int n,
                sqlite3_stmt **st);
/* The end of a statement that stepped to step: PT_OK when that is
 * SQLITE_ROW or SQLITE_DONE, else PT_FAILED with err (pt_sql_error, before
 * the statement goes); st is finalized either way. */
int pt_sql_done(sqlite3 *db, const char *path, sqlite3_stmt *st, int step,
                struct pt_error *err);
/* Runs sql with text parameters args[0..n) (NULL binds NULL), n at most
 * PT_SQL_MAX_ARGS; SQLITE_OK or the error code. */
int pt_sql_exec(sqlite3 *db, const char *sql, const char *const *args, int n);

#endif
