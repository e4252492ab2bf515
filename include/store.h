/*
 * store.h — the client's store: where toetsmappen, scores and the outbox of
 * submissions are kept. An opaque service: callers see no SQL and no
 * database handle; every operation that writes owns its transaction, or runs
 * inside one the caller opened with pt_store_begin/pt_store_commit.
 *
 * Implementation (src/store/): one SQLite file (--db, $PRAKTIJKTOETS_DB or
 * ./praktijktoets.db), WAL, synchronous=FULL, foreign keys on, a 5 s busy
 * timeout, schema version in PRAGMA user_version, migrations each in one
 * transaction, every write in BEGIN IMMEDIATE. Rubrics, assessments and
 * cases are kept as their validated canonical JSON (a stored toetsmap is
 * read back by the same loaders that read a folder), scores as rows, each
 * later correction in score_log.
 *
 * Threads: a struct pt_store is one connection and is used by one thread at
 * a time. A program with several threads (the web app) opens one store per
 * thread (or keeps a small pool, handing a store to one thread at a time);
 * WAL lets readers run beside the one writer, and the busy timeout makes a
 * second writer wait for the first instead of failing. See
 * docs/architecture.md.
 */
#ifndef PT_STORE_H
#define PT_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "status.h"
#include "util.h"

/* Where a score set with `praktijktoets score` came from. */
#define PT_SCORE_SOURCE "praktijktoets score"

struct pt_store;

/* How a store is opened: commands that only read use PT_STORE_EXISTING and
 * never create a database. */
enum pt_store_mode {
    PT_STORE_CREATE,    /* create the file when it is not there */
    PT_STORE_EXISTING,  /* PT_INVALID ("bestaat nog niet") when it is not */
};

/* Opens the store at path (creating or upgrading the schema as needed) into
 * *out. PT_OK; PT_INVALID when mode is PT_STORE_EXISTING and there is no
 * database; PT_FAILED with the reason in err. */
int pt_store_open(const char *path, enum pt_store_mode mode, struct pt_store **out,
                  struct pt_error *err);
/* Closes and frees; NULL is fine. */
void pt_store_close(struct pt_store *s);
/* The file the store was opened from. */
const char *pt_store_path(const struct pt_store *s);

/* The database path from --db, $PRAKTIJKTOETS_DB or ./praktijktoets.db. */
const char *pt_store_default_path(const char *opt);

/* A write transaction spanning several operations (BEGIN IMMEDIATE: the
 * write lock is taken at once, so nothing changes between a read and the
 * write that depends on it). Operations documented as "in the caller's
 * transaction" need one; the others open their own. pt_store_rollback is a
 * no-op outside a transaction. */
int pt_store_begin(struct pt_store *s, struct pt_error *err);
int pt_store_commit(struct pt_store *s, struct pt_error *err);
void pt_store_rollback(struct pt_store *s);

/* Stores a complete, validated toetsmap in one transaction. An assessment
 * that is already stored is refused (PT_INVALID, a diagnostic) unless replace
 * is set; a stored rubric id@version with other content is refused. */
int pt_store_import(struct pt_store *s, const struct pt_toetsmap *t, bool replace,
                    struct pt_diags *diags, struct pt_error *err);

/* Loads assessment id into *t (zeroed by caller) through the same loaders
 * and rules as a folder. PT_INVALID with a diagnostic when not found. */
int pt_store_load(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                  struct pt_diags *diags, struct pt_error *err);

/* In the caller's transaction: writes score x of toetsmap t (loaded from
 * this store and already validated, pt_sheet_add_score) unless the stored
 * score has the same value (then *changed is false and nothing is written).
 * keep_comment: the stored comment stays when x has none. Bumps the
 * assessment's revision and logs the change in score_log with the value it
 * replaced. */
int pt_store_put_score(struct pt_store *s, const struct pt_toetsmap *t,
                       const struct pt_score *x, bool keep_comment, bool *changed,
                       struct pt_error *err);

/* The revision of a stored assessment (1, 2, ... per change of scores). */
int pt_store_revision(struct pt_store *s, const char *id, long *revision,
                      struct pt_error *err);

/* The number of corrections (score changes) logged for assessment id since
 * it was last imported. */
int pt_store_corrections(struct pt_store *s, const char *id, long *n, struct pt_error *err);

/* What is stored, as rows of text cells for the command to lay out. */
enum pt_list_kind { PT_LIST_ASSESSMENTS, PT_LIST_CASES, PT_LIST_RUBRICS };
struct pt_rows {
    size_t ncols, nrows;
    char **cells;           /* nrows × ncols, row by row; owned */
};
int pt_store_list(struct pt_store *s, enum pt_list_kind kind, struct pt_rows *out,
                  struct pt_error *err);
void pt_rows_free(struct pt_rows *r);

#endif
