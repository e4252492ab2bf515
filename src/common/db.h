/*
 * db.h — (private to the library: no public header names sqlite3) how this project opens an SQLite database and upgrades its schema,
 * for both stores (store.c for praktijktoets, central_store.c for
 * praktijktoets-central).
 *
 * Every connection: extended result codes, a 5 s busy timeout, defensive
 * mode, no double-quoted string literals, foreign keys on, WAL, synchronous
 * FULL. The schema version is PRAGMA user_version; migration i brings it
 * from i to i + 1, each in its own BEGIN IMMEDIATE transaction.
 */
#ifndef PT_DB_H
#define PT_DB_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "status.h"

/* Flags of pt_db_open. */
enum {
    /* A file system where WAL cannot be used is refused. */
    PT_DB_REQUIRE_WAL = 1,
    /* The connection is used by one thread at a time only: SQLite skips
     * its own mutex around every call (SQLITE_OPEN_NOMUTEX), which was a
     * tenth of reading a toetsmap back (make bench, callgrind). */
    PT_DB_ONE_THREAD = 2,
    /* The file must exist already: it is not created. */
    PT_DB_NO_CREATE = 4,
};

/* The last error of db (or result code rc when db is NULL) in Dutch, for
 * people: SQLite's English messages are mapped by their result code. */
const char *pt_db_text(sqlite3 *db, int rc);

/* Opens path (creating it) with the settings above into *db. Returns PT_OK,
 * or PT_FAILED with a Dutch reason naming path in err; *db is then closed
 * and NULL. */
enum pt_status pt_db_open(const char *path, unsigned flags, sqlite3 **db,
                          struct pt_error *err);

/* Brings the schema of db to version n by applying migrations[v..n). A
 * database of a newer version than n is refused; program names the program
 * in that message. Returns PT_OK, or PT_FAILED with a reason in err. */
enum pt_status pt_db_migrate(sqlite3 *db, const char *path, const char *program,
                             const char *const *migrations, size_t n,
                             struct pt_error *err);

#endif
