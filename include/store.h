/*
 * store.h — the SQLite store: where toetsmappen and scores are kept.
 *
 * One database file (--db, $PRAKTIJKTOETS_DB or ./praktijktoets.db), WAL,
 * synchronous=FULL, foreign keys on, schema version in PRAGMA user_version,
 * migrations each in one transaction, every write in BEGIN IMMEDIATE.
 * Rubrics, assessments and cases are kept as their validated canonical JSON
 * (so a stored toetsmap is read back by the same loaders that read a
 * folder), scores as rows (WITHOUT ROWID, keyed by assessment, case,
 * criterion and rater) with the sheet file they came from kept once per
 * sheet, and each later correction in score_log. A struct pt_store is used by one thread at a
 * time (its connection is opened without SQLite's own mutex).
 */
#ifndef PT_STORE_H
#define PT_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "diag.h"
#include "model.h"
#include "util.h"

#define PT_SCHEMA_VERSION 4

/* Where a score set with `praktijktoets score` came from (sheet number 0 of
 * its assessment in the database). */
#define PT_SCORE_SOURCE "praktijktoets score"

/* Status codes shared by the store and the commands (cli.md exit codes). */
enum pt_status {
    PT_OK = 0,
    PT_FAILED = 1,
    PT_USAGE = 2,
    PT_INVALID = 3,
    PT_PENDING = 4,     /* submission queued, not delivered yet */
    PT_REJECTED = 5,    /* submission rejected by the central endpoint */
};

struct pt_store {
    sqlite3 *db;
    char *path;
};

/* Opens (creating and upgrading when needed). On failure returns PT_FAILED
 * with a Dutch reason in err. */
int pt_store_open(const char *path, struct pt_store *s, char *err, size_t errsize);
void pt_store_close(struct pt_store *s);

/* The database path from --db, $PRAKTIJKTOETS_DB or ./praktijktoets.db. */
const char *pt_store_default_path(const char *opt);

/* Stores a complete, validated toetsmap in one transaction. An assessment
 * that is already stored is refused (PT_INVALID, a diagnostic) unless replace
 * is set; a stored rubric id@version with other content is refused. */
int pt_store_import(struct pt_store *s, const struct pt_toetsmap *t, bool replace,
                    struct pt_diags *diags, char *err, size_t errsize);

/* Loads assessment id into *t (zeroed by caller) through the same loaders
 * and rules as a folder. PT_INVALID with a diagnostic when not found. */
int pt_store_load(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                  struct pt_diags *diags, char *err, size_t errsize);

/* Records or corrects one score of a stored assessment, validated by the
 * same rules as a score sheet; bumps the assessment's revision when the
 * score changes and logs the change in score_log with the value it
 * replaced. *changed tells whether it did. */
int pt_store_set_score(struct pt_store *s, const char *id, const char *rater,
                       const char *kase, const char *criterion, const char *level,
                       const char *comment, bool *changed, struct pt_diags *diags,
                       char *err, size_t errsize);

/* Listings, as aligned text for people, appended to out. */
int pt_store_list(struct pt_store *s, const char *what, struct pt_buf *out,
                  char *err, size_t errsize);

/* The revision of a stored assessment (1, 2, ... per change of scores). */
int pt_store_revision(struct pt_store *s, const char *id, long *revision,
                      char *err, size_t errsize);

#endif
