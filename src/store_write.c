/*
 * store_write.c — where rows are written: importing a toetsmap in one
 * transaction, and recording or correcting one score.
 *
 * Everything is validated in memory before the first write (load → validate
 * → store); the writes run inside BEGIN IMMEDIATE and either all commit or
 * none do, also when the process dies half way (SQLite's journal).
 */
#include "store.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfield.h"
#include "sheet.h"

/* Test hook for the crash-safety tests: PT_TEST_KILL_AFTER_ROWS=N kills the
 * process with SIGKILL once N score rows were written inside the import
 * transaction (after the batch holding row N; N = 0: in `score`, just before
 * its COMMIT). Unset in normal use. */
static long kill_after_rows(void)
{
    const char *v = getenv("PT_TEST_KILL_AFTER_ROWS");
    return v && *v ? strtol(v, NULL, 10) : -1;
}

static int db_error(struct pt_store *s, char *err, size_t errsize)
{
    snprintf(err, errsize, "%s: database: %s", s->path, sqlite3_errmsg(s->db));
    return PT_FAILED;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void rollback(struct pt_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Rubrics are immutable once stored: the same id@version must have the same
 * content. Returns PT_OK (stored or identical), PT_INVALID, PT_FAILED. */
static int put_rubric(struct pt_store *s, const struct pt_rubric *r, struct pt_diags *diags,
                      char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    if (sqlite3_prepare_v2(s->db, "SELECT doc FROM rubric WHERE id = ?1 AND version = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, r->version);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(st, 0);
        if (doc && strcmp(doc, r->json) == 0) {
            rc = PT_OK;
        } else {
            pt_diag_add(diags, "rubric", NULL,
                        "rubric %s@%ld staat al in de database met een andere inhoud; een "
                        "gewijzigde rubric krijgt een nieuwe versie", r->id, r->version);
            rc = PT_INVALID;
        }
        goto cleanup;
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO rubric (id, version, title, doc) VALUES (?1, ?2, ?3, ?4)",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, r->version);
    sqlite3_bind_text(st, 3, r->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->json, -1, SQLITE_STATIC);
    if (step_done(st) == SQLITE_OK)
        rc = PT_OK;
cleanup:
    if (rc == PT_FAILED)
        db_error(s, err, errsize);
    sqlite3_finalize(st);
    return rc;
}

/* Binds one score to parameters base+1 .. base+8 (assessment_id, rater,
 * case_id, criterion, level, nvt, comment, source). */
static void bind_score(sqlite3_stmt *st, int base, const struct pt_toetsmap *t,
                       const struct pt_score *x)
{
    sqlite3_bind_text(st, base + 1, t->assessment->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, base + 2, t->assessment->team[x->rater].id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, base + 3, t->assessment->case_ids[x->kase], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, base + 4, t->rubric->criteria[x->criterion].id, -1, SQLITE_STATIC);
    if (x->nvt)
        sqlite3_bind_null(st, base + 5);
    else
        sqlite3_bind_int(st, base + 5, x->level);
    sqlite3_bind_int(st, base + 6, x->nvt);
    if (x->comment)
        sqlite3_bind_text(st, base + 7, x->comment, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, base + 7);
    sqlite3_bind_text(st, base + 8, x->source, -1, SQLITE_STATIC);
}

/* Score rows are imported with multi-row INSERTs of up to IMPORT_BATCH rows
 * (IMPORT_COLS parameters a row): one statement a row cost a statement
 * journal, a halt and a reset per score, about a tenth of an import of 4200
 * scores (make bench, callgrind). 64 × 9 parameters stay far below
 * SQLite's limit of 32766. */
#define IMPORT_BATCH 64
#define IMPORT_COLS 9

static sqlite3_stmt *prepare_score_insert(struct pt_store *s, size_t rows)
{
    struct pt_buf sql = {0};
    sqlite3_stmt *st = NULL;
    pt_buf_adds(&sql, "INSERT INTO score (assessment_id, rater, case_id, criterion, level, nvt,"
                      " comment, source, updated_at) VALUES ");
    for (size_t r = 0; r < rows; r++)
        pt_buf_adds(&sql, r ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)");
    if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK)
        st = NULL;
    pt_buf_free(&sql);
    return st;
}

int pt_store_import(struct pt_store *s, const struct pt_toetsmap *t, bool replace,
                    struct pt_diags *diags, char *err, size_t errsize)
{
    const struct pt_assessment *a = t->assessment;
    sqlite3_stmt *st = NULL, *log = NULL;
    int rc = PT_FAILED;
    bool in_txn = false;
    long kill_at = kill_after_rows();
    char now[32] = "";

    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        goto cleanup;
    in_txn = true;

    /* One timestamp for the whole import (one transaction), bound to every
     * score and log row. The columns' DEFAULT strftime('now') would format
     * the time twice per score: 13% of an import of 4200 scores (make bench,
     * callgrind). Same clock and format as the DEFAULT. */
    if (sqlite3_prepare_v2(s->db, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ','now')", -1, &st,
                           NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
        goto cleanup;
    snprintf(now, sizeof now, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, "SELECT revision FROM assessment WHERE id = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    long revision = 1;
    if (step == SQLITE_ROW) {
        revision = sqlite3_column_int(st, 0) + 1;
        if (!replace) {
            pt_diag_add(diags, t->origin, NULL,
                        "assessment %s staat al in de database %s; gebruik import --replace "
                        "om het te vervangen", a->id, s->path);
            rc = PT_INVALID;
            goto cleanup;
        }
    } else if (step != SQLITE_DONE) {
        goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;

    rc = put_rubric(s, t->rubric, diags, err, errsize);
    if (rc != PT_OK)
        goto cleanup;
    rc = PT_FAILED;

    if (step == SQLITE_ROW) {
        /* --replace: the cases and scores go with it (ON DELETE CASCADE);
         * the new rows carry on the revision count. */
        if (sqlite3_prepare_v2(s->db, "DELETE FROM assessment WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
            goto cleanup;
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        if (step_done(st) != SQLITE_OK)
            goto cleanup;
        sqlite3_finalize(st);
        st = NULL;
    }

    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO assessment (id, swv, date, rubric_id, rubric_version, doc, revision)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->swv, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t->rubric->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, t->rubric->version);
    sqlite3_bind_text(st, 6, a->json, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, revision);
    if (step_done(st) != SQLITE_OK)
        goto cleanup;
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, "INSERT INTO case_doc (assessment_id, case_id, position, doc)"
                           " VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    for (size_t c = 0; c < a->ncases; c++) {
        sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->case_ids[c], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)c);
        sqlite3_bind_text(st, 4, t->cases[c]->json, -1, SQLITE_STATIC);
        if (step_done(st) != SQLITE_OK)
            goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;

    sqlite3_int64 first_row = 0, last_row = -1;
    size_t batch = 0; /* the number of rows st inserts */
    for (size_t i = 0; i < t->nscores;) {
        size_t n = t->nscores - i < IMPORT_BATCH ? t->nscores - i : IMPORT_BATCH;
        if (n != batch) { /* the first batch, and the last, shorter one */
            sqlite3_finalize(st);
            if (!(st = prepare_score_insert(s, n)))
                goto cleanup;
            batch = n;
        }
        for (size_t r = 0; r < n; r++) {
            int base = (int)(r * IMPORT_COLS);
            bind_score(st, base, t, &t->scores[i + r]);
            sqlite3_bind_text(st, base + 9, now, -1, SQLITE_STATIC);
        }
        if (step_done(st) != SQLITE_OK)
            goto cleanup;
        /* A multi-row INSERT gives its rows consecutive rowids; the last
         * insert rowid is the one of its last row. */
        last_row = sqlite3_last_insert_rowid(s->db);
        if (i == 0)
            first_row = last_row - (sqlite3_int64)n + 1;
        i += n;
        if (kill_at > 0 && (long)i >= kill_at)
            raise(SIGKILL);
    }
    sqlite3_finalize(st);
    st = NULL;
    /* The audit trail gets the same rows, in the same order, in one
     * INSERT ... SELECT instead of a second bind + step per score (make
     * bench, callgrind). The rows just written have the rowids
     * first_row..last_row (nobody else writes inside BEGIN IMMEDIATE); the
     * unary + keeps the planner on that rowid range instead of the primary
     * key index and a sort. */
    if (sqlite3_prepare_v2(s->db, "INSERT INTO score_log (assessment_id, rater, case_id, criterion,"
                           " level, nvt, comment, source, revision, at)"
                           " SELECT assessment_id, rater, case_id, criterion, level, nvt, comment,"
                           " source, ?4, ?5 FROM score"
                           " WHERE rowid BETWEEN ?2 AND ?3 AND +assessment_id = ?1 ORDER BY rowid",
                           -1, &log, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(log, 1, a->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(log, 2, first_row);
    sqlite3_bind_int64(log, 3, last_row);
    sqlite3_bind_int64(log, 4, revision);
    sqlite3_bind_text(log, 5, now, -1, SQLITE_STATIC);
    if (step_done(log) != SQLITE_OK)
        goto cleanup;
    if ((size_t)sqlite3_changes(s->db) != t->nscores) { /* rowids not consecutive */
        snprintf(err, errsize, "%s: database: score_log kreeg %d van de %zu scores", s->path,
                 sqlite3_changes(s->db), t->nscores);
        rc = PT_FAILED;
        goto cleanup_err;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto cleanup;
    in_txn = false;
    rc = PT_OK;
cleanup:
    if (rc == PT_FAILED)
        db_error(s, err, errsize);
cleanup_err:
    sqlite3_finalize(st);
    sqlite3_finalize(log);
    if (in_txn)
        rollback(s);
    return rc;
}

int pt_store_set_score(struct pt_store *s, const char *id, const char *rater,
                       const char *kase, const char *criterion, const char *level,
                       const char *comment, bool *changed, struct pt_diags *diags,
                       char *err, size_t errsize)
{
    struct pt_toetsmap t = {0};
    sqlite3_stmt *st = NULL;
    int rc;
    bool in_txn = false;
    *changed = false;
    err[0] = '\0';

    /* The write lock first, so that nobody changes the scores between our
     * validation and our write. */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_error(s, err, errsize);
        goto cleanup;
    }
    in_txn = true;
    rc = pt_store_load(s, id, &t, diags, err, errsize);
    if (rc != PT_OK)
        goto cleanup;
    size_t before = t.nscores;
    if (!pt_sheet_add_score(&t, "praktijktoets score", NULL, "--level", rater, kase, criterion, level,
                            comment, true, diags)) {
        rc = PT_INVALID;
        goto cleanup;
    }
    long ri = pt_assessment_rater(t.assessment, rater);
    long ci = pt_assessment_case(t.assessment, kase);
    long ki = pt_rubric_criterion(t.rubric, criterion);
    const struct pt_score *x = &t.scores[pt_toetsmap_slot(&t, (size_t)ci, (size_t)ki, (size_t)ri) - 1];

    /* Unchanged? Then nothing is written and the revision stays. */
    rc = PT_FAILED;
    if (sqlite3_prepare_v2(s->db, "SELECT level, nvt, comment FROM score WHERE assessment_id = ?1"
                           " AND rater = ?2 AND case_id = ?3 AND criterion = ?4", -1, &st,
                           NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rater, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, kase, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, criterion, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && t.nscores == before) {
        bool same_level = sqlite3_column_int(st, 1) == x->nvt &&
                          (x->nvt || sqlite3_column_int(st, 0) == x->level);
        const unsigned char *old = sqlite3_column_text(st, 2);
        bool same_comment = (!old && !x->comment) ||
                            (old && x->comment && strcmp((const char *)old, x->comment) == 0);
        /* Without --comment the old comment stays. */
        if (same_level && (same_comment || !comment)) {
            rc = PT_OK;
            goto cleanup;
        }
    } else if (step != SQLITE_ROW && step != SQLITE_DONE) {
        goto cleanup;
    }
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO score (assessment_id, rater, case_id, criterion, level, nvt,"
                           " comment, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                           " ON CONFLICT (assessment_id, case_id, criterion, rater) DO UPDATE SET"
                           " level = excluded.level, nvt = excluded.nvt,"
                           " comment = coalesce(?9, score.comment), source = excluded.source,"
                           " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    struct pt_score row = *x;
    row.source = "praktijktoets score";
    bind_score(st, 0, &t, &row);
    if (comment)
        sqlite3_bind_text(st, 9, comment, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 9);
    if (step_done(st) != SQLITE_OK)
        goto cleanup;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(s->db, "UPDATE assessment SET revision = revision + 1,"
                           " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (step_done(st) != SQLITE_OK)
        goto cleanup;
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO score_log (assessment_id, rater, case_id, criterion,"
                           " level, nvt, comment, source, revision) SELECT ?1, ?2, ?3, ?4, ?5, ?6,"
                           " (SELECT comment FROM score WHERE assessment_id = ?1 AND rater = ?2"
                           "  AND case_id = ?3 AND criterion = ?4), ?8,"
                           " (SELECT revision FROM assessment WHERE id = ?1)", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    bind_score(st, 0, &t, &row);
    sqlite3_bind_null(st, 7);
    if (step_done(st) != SQLITE_OK)
        goto cleanup;
    if (kill_after_rows() == 0)
        raise(SIGKILL); /* crash-safety tests: die with the change written, not committed */
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto cleanup;
    in_txn = false;
    *changed = true;
    rc = PT_OK;
cleanup:
    if (rc == PT_FAILED && !err[0])
        db_error(s, err, errsize);
    sqlite3_finalize(st);
    if (in_txn)
        rollback(s);
    pt_toetsmap_free(&t);
    return rc;
}
