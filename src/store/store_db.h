/*
 * store_db.h — private to src/store/: the SQLite connection behind the
 * opaque struct pt_store. Only the store's own files include it.
 */
#ifndef PT_STORE_DB_H
#define PT_STORE_DB_H

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

#endif
