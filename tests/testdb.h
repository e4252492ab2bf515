/* testdb.h — the receiver's database for a test, on either backend
 * (issue 15: one suite, two backends).
 *
 * SQLite: a file in the test's temporary folder. PostgreSQL: a new
 * database in the throwaway cluster of $PT_PG_URI (scripts/pg-cluster.sh,
 * started by `make check`), dropped again at the end of the test. */
#ifndef PT_TESTDB_H
#define PT_TESTDB_H

#include <stdbool.h>
#include <stddef.h>

enum tdb_backend { TDB_SQLITE, TDB_PG };

/* The backend of the running test case (set by its fixture). */
extern enum tdb_backend tdb_backend;

/* $PT_PG_URI, or NULL when the PostgreSQL half is not run. */
const char *tdb_pg_uri(void);

/* A fresh database location for the current backend into out: dir/NAME.db
 * or postgresql://…/pt_test_PID_N. */
void tdb_new(char *out, size_t size, const char *dir);
/* Drops a PostgreSQL database made by tdb_new (a file goes with dir). */
void tdb_drop(const char *location);

/* The first column of the first row of sql with one text parameter
 * ($1 / ?1) on location (caller frees); NULL when there is no row. */
char *tdb_value(const char *location, const char *sql, const char *param);
/* The number of rows of a query without parameters (SELECT count(*) …). */
long tdb_count(const char *location, const char *sql);
/* Runs sql (one or more statements, no parameters) on the SQLite database
 * file path, failing the test with SQLite's message when it does not run. */
void tdb_exec(const char *path, const char *sql);

#endif
