/*
 * store_write.c — where rows are written: importing a toetsmap in one
 * transaction, and recording or correcting one score.
 *
 * Everything is validated in memory before the first write (load → validate
 * → store); the writes run inside BEGIN IMMEDIATE and either all commit or
 * none do, also when the process dies half way (SQLite's journal).
 */
#include "store_db.h"

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

/* Runs one statement whose only parameter ?1 is an assessment id. */
static int run_for_id(struct pt_store *s, const char *sql, const char *id)
{
    sqlite3_stmt *st = pt_store_prepare_id(s, sql, id);
    int rc = st ? pt_store_step_done(st) : SQLITE_ERROR;
    sqlite3_finalize(st);
    return rc;
}

/* Rubrics are immutable once stored: the same id@version must have the same
 * content. Returns PT_OK (stored or identical), PT_INVALID, PT_FAILED. */
static int put_rubric(struct pt_store *s, const struct pt_rubric *r, struct pt_diags *diags,
                      struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    const struct pt_sql_arg row[] = {PT_SQL_TEXT(r->id), PT_SQL_NUM(r->version),
                                     PT_SQL_TEXT(r->title), PT_SQL_TEXT(r->json)};
    int step = pt_sql_step(s->db, "SELECT doc FROM rubric WHERE id = ?1 AND version = ?2", row,
                           2, &st);
    if (step == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(st, 0);
        bool same = doc && strcmp(doc, r->json) == 0;
        pt_sql_finalize(st);
        if (same)
            return PT_OK;
        pt_diag_add(diags, "rubric", NULL,
                    "rubric %s@%ld staat al in de database met een andere inhoud; een "
                    "gewijzigde rubric krijgt een nieuwe versie", r->id, r->version);
        return PT_INVALID;
    }
    if (step == SQLITE_DONE) {
        pt_sql_finalize(st);
        st = NULL;
        step = pt_sql_step(s->db, "INSERT INTO rubric (id, version, title, doc)"
                                  " VALUES (?1, ?2, ?3, ?4)", row, 4, &st);
    }
    return pt_sql_done(s->db, s->path, st, step, err);
}

/* Binds one score to parameters base+1 .. base+7 (case_id, criterion,
 * rater, level, nvt, comment, sheet); the assessment id is bound once per
 * statement as ?1. */
static void bind_score(sqlite3_stmt *st, int base, const struct pt_toetsmap *t,
                       const struct pt_score *x, int sheet)
{
    sqlite3_bind_text(st, base + 1, t->assessment->case_ids[x->kase], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, base + 2, t->rubric->criteria[x->criterion].id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, base + 3, t->assessment->team[x->rater].id, -1, SQLITE_STATIC);
    if (x->nvt)
        sqlite3_bind_null(st, base + 4);
    else
        sqlite3_bind_int(st, base + 4, x->level);
    sqlite3_bind_int(st, base + 5, x->nvt);
    if (x->comment)
        sqlite3_bind_text(st, base + 6, x->comment, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, base + 6);
    sqlite3_bind_int(st, base + 7, sheet);
}

/* Score rows are imported with multi-row INSERTs of up to IMPORT_BATCH rows
 * (IMPORT_COLS parameters a row, and ?1 the assessment id shared by all):
 * one statement a row cost a statement journal, a halt and a reset per
 * score, about a tenth of an import of 4200 scores (make bench, callgrind).
 * 1 + 64 × 7 parameters stay far below SQLite's limit of 32766. */
#define IMPORT_BATCH 64
#define IMPORT_COLS 7

static sqlite3_stmt *prepare_score_insert(struct pt_store *s, size_t rows)
{
    struct pt_buf sql = {0};
    sqlite3_stmt *st = NULL;
    pt_buf_adds(&sql, "INSERT INTO score (assessment_id, case_id, criterion, rater, level, nvt,"
                      " comment, sheet) VALUES ");
    /* "?" after "?1" numbers on from the largest so far: row r has
     * ?1 and 2 + 7r .. 8 + 7r. */
    for (size_t r = 0; r < rows; r++)
        pt_buf_adds(&sql, r ? ",(?1,?,?,?,?,?,?,?)" : "(?1,?,?,?,?,?,?,?)");
    if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK)
        st = NULL;
    pt_buf_free(&sql);
    return st;
}

/* An id with its index, to sort the ids of one kind. */
struct ranked_id {
    const char *id;
    size_t index;
};

static int ranked_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct ranked_id *)pa)->id, ((const struct ranked_id *)pb)->id);
}

/* The score indexes of t in the key order of table score: case, criterion,
 * rater, each by id as text (SQLite's BINARY collation compares like
 * strcmp). Rows inserted in that order go into the b-tree one after the
 * other instead of splitting pages all over it. The ids of each kind are
 * sorted (20 cases, 35 criteria, 6 raters) and the (case, criterion, rater)
 * index walked in that order: no sort of the 4200 scores themselves. A
 * toetsmap without that index keeps the order it has. */
static void key_order(const struct pt_toetsmap *t, size_t *order)
{
    const struct pt_assessment *a = t->assessment;
    const struct pt_rubric *r = t->rubric;
    size_t nc = a->ncases, nk = r->ncriteria, nr = a->nteam, n = 0;
    if (!t->slot) {
        for (size_t i = 0; i < t->nscores; i++)
            order[i] = i;
        return;
    }
    struct ranked_id *ids = pt_xmalloc((nc + nk + nr + 1) * sizeof *ids);
    struct ranked_id *cs = ids, *ks = ids + nc, *rs = ids + nc + nk;
    for (size_t i = 0; i < nc; i++)
        cs[i] = (struct ranked_id){a->case_ids[i], i};
    for (size_t i = 0; i < nk; i++)
        ks[i] = (struct ranked_id){r->criteria[i].id, i};
    for (size_t i = 0; i < nr; i++)
        rs[i] = (struct ranked_id){a->team[i].id, i};
    qsort(cs, nc, sizeof *cs, ranked_cmp);
    qsort(ks, nk, sizeof *ks, ranked_cmp);
    qsort(rs, nr, sizeof *rs, ranked_cmp);
    for (size_t c = 0; c < nc; c++)
        for (size_t k = 0; k < nk; k++)
            for (size_t x = 0; x < nr; x++) {
                size_t slot = pt_toetsmap_slot(t, cs[c].index, ks[k].index, rs[x].index);
                if (slot && n < t->nscores)
                    order[n++] = slot - 1;
            }
    free(ids);
    if (n != t->nscores) /* cannot happen: every score has its own slot */
        for (size_t i = 0; i < t->nscores; i++)
            order[i] = i;
}

/* Writes the sheets the scores came from (numbered 1.. in order of first
 * appearance) and fills sheet_of[i] with the number of score i's sheet. */
static int put_sheets(struct pt_store *s, const struct pt_toetsmap *t, int *sheet_of)
{
    const char **paths = NULL;
    size_t n = 0;
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    if (t->nscores)
        paths = pt_xcalloc(t->nscores, sizeof *paths);
    for (size_t i = 0; i < t->nscores; i++) {
        const char *src = t->scores[i].source;
        size_t j = n;
        /* Scores come sheet by sheet: the last sheet is almost always it. */
        if (n && (paths[n - 1] == src || strcmp(paths[n - 1], src) == 0))
            j = n - 1;
        else
            for (j = 0; j < n && strcmp(paths[j], src) != 0; j++)
                ;
        if (j == n)
            paths[n++] = src;
        sheet_of[i] = (int)j + 1;
    }
    if (sqlite3_prepare_v2(s->db, "INSERT INTO sheet (assessment_id, no, path) VALUES (?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    for (size_t j = 0; j < n; j++) {
        sqlite3_bind_text(st, 1, t->assessment->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)j + 1);
        sqlite3_bind_text(st, 3, paths[j], -1, SQLITE_STATIC);
        if (pt_store_step_done(st) != SQLITE_OK)
            goto cleanup;
    }
    rc = PT_OK;
cleanup:
    sqlite3_finalize(st);
    free(paths);
    return rc;
}

/* The revision the import gives the assessment: 1, or one more than the
 * stored one with --replace (*exists). PT_INVALID when it is stored and
 * replace is not set. */
static int next_revision(struct pt_store *s, const struct pt_toetsmap *t, bool replace,
                         long *revision, bool *exists, struct pt_diags *diags)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    *revision = 1;
    *exists = false;
    if (!(st = pt_store_prepare_id(s, "SELECT revision FROM assessment WHERE id = ?1",
                                   t->assessment->id)))
        goto cleanup;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *revision = sqlite3_column_int(st, 0) + 1;
        *exists = true;
        rc = PT_OK;
        if (!replace) {
            pt_diag_add(diags, t->origin, NULL,
                        "assessment %s staat al in de database %s; gebruik import --replace "
                        "om het te vervangen", t->assessment->id, s->path);
            rc = PT_INVALID;
        }
    } else if (step == SQLITE_DONE) {
        rc = PT_OK;
    }
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* The assessment row and its cases. */
static int put_assessment(struct pt_store *s, const struct pt_toetsmap *t, long revision)
{
    const struct pt_assessment *a = t->assessment;
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
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
    if (pt_store_step_done(st) != SQLITE_OK)
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
        if (pt_store_step_done(st) != SQLITE_OK)
            goto cleanup;
    }
    rc = PT_OK;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* The sheets and the score rows, in key order, IMPORT_BATCH at a time. */
static int put_scores(struct pt_store *s, const struct pt_toetsmap *t)
{
    sqlite3_stmt *st = NULL;
    size_t *order = NULL;
    int *sheet_of = NULL;
    int rc = PT_FAILED;
    long kill_at = kill_after_rows();
    if (t->nscores) {
        order = pt_xcalloc(t->nscores, sizeof *order);
        sheet_of = pt_xcalloc(t->nscores, sizeof *sheet_of);
    }
    key_order(t, order);
    if (put_sheets(s, t, sheet_of) != PT_OK)
        goto cleanup;
    size_t batch = 0; /* the number of rows st inserts */
    for (size_t i = 0; i < t->nscores;) {
        size_t n = t->nscores - i < IMPORT_BATCH ? t->nscores - i : IMPORT_BATCH;
        if (n != batch) { /* the first batch, and the last, shorter one */
            sqlite3_finalize(st);
            if (!(st = prepare_score_insert(s, n)))
                goto cleanup;
            batch = n;
        }
        sqlite3_bind_text(st, 1, t->assessment->id, -1, SQLITE_STATIC);
        for (size_t r = 0; r < n; r++) {
            size_t k = order[i + r];
            bind_score(st, 1 + (int)(r * IMPORT_COLS), t, &t->scores[k], sheet_of[k]);
        }
        if (pt_store_step_done(st) != SQLITE_OK)
            goto cleanup;
        i += n;
        if (kill_at > 0 && (long)i >= kill_at)
            raise(SIGKILL);
    }
    rc = PT_OK;
cleanup:
    sqlite3_finalize(st);
    free(order);
    free(sheet_of);
    return rc;
}

int pt_store_import(struct pt_store *s, const struct pt_toetsmap *t, bool replace,
                    struct pt_diags *diags, struct pt_error *err)
{
    long revision = 1;
    bool exists = false;
    int rc = pt_store_begin(s, err);
    if (rc != PT_OK)
        return rc;
    rc = next_revision(s, t, replace, &revision, &exists, diags);
    if (rc == PT_FAILED) /* next_revision fills no err */
        pt_store_dberr(s, err);
    if (rc == PT_OK)
        rc = put_rubric(s, t->rubric, diags, err);
    /* --replace: the cases, sheets and scores go with it (ON DELETE
     * CASCADE); the logged corrections stay (their foreign key is deferred
     * to COMMIT, when the assessment is back); the revision count carries
     * on. */
    if (rc == PT_OK &&
        ((exists && run_for_id(s, "DELETE FROM assessment WHERE id = ?1",
                               t->assessment->id) != SQLITE_OK) ||
         put_assessment(s, t, revision) != PT_OK || put_scores(s, t) != PT_OK))
        rc = pt_store_dberr(s, err);
    return pt_store_end(s, rc, err);
}

/* The stored value of score x: *found false when there is none. The old
 * comment and source are copied (caller frees). */
struct old_score {
    bool found;
    int nvt, level;
    char *comment, *source;
};

static int get_old_score(struct pt_store *s, const struct pt_toetsmap *t,
                         const struct pt_score *x, struct old_score *old)
{
    sqlite3_stmt *st = NULL;
    memset(old, 0, sizeof *old);
    if (sqlite3_prepare_v2(s->db, "SELECT s.level, s.nvt, s.comment, h.path FROM score s"
                           " JOIN sheet h ON h.assessment_id = s.assessment_id AND h.no = s.sheet"
                           " WHERE s.assessment_id = ?1 AND s.case_id = ?2 AND s.criterion = ?3"
                           " AND s.rater = ?4", -1, &st, NULL) != SQLITE_OK)
        return PT_FAILED;
    sqlite3_bind_text(st, 1, t->assessment->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, t->assessment->case_ids[x->kase], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, t->rubric->criteria[x->criterion].id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t->assessment->team[x->rater].id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        old->found = true;
        old->level = sqlite3_column_int(st, 0);
        old->nvt = sqlite3_column_int(st, 1);
        const unsigned char *oc = sqlite3_column_text(st, 2);
        old->comment = oc ? pt_xstrdup((const char *)oc) : NULL;
        old->source = pt_xstrdup((const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? PT_OK : PT_FAILED;
}

static bool same_score(const struct old_score *old, const struct pt_score *x, bool keep_comment)
{
    if (!old->found)
        return false;
    bool same_level = old->nvt == x->nvt && (x->nvt || old->level == x->level);
    bool same_comment = (!old->comment && !x->comment) ||
                        (old->comment && x->comment && strcmp(old->comment, x->comment) == 0);
    return same_level && (same_comment || (keep_comment && !x->comment));
}

/* The score row itself (sheet 0: the score command). */
static int upsert_score(struct pt_store *s, const struct pt_toetsmap *t,
                        const struct pt_score *x, bool keep_comment)
{
    sqlite3_stmt *st = NULL;
    if (run_for_id(s, "INSERT OR IGNORE INTO sheet (assessment_id, no, path)"
                   " VALUES (?1, 0, '" PT_SCORE_SOURCE "')", t->assessment->id) != SQLITE_OK)
        return PT_FAILED;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO score (assessment_id, case_id, criterion, rater, level, nvt,"
                           " comment, sheet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                           " ON CONFLICT (assessment_id, case_id, criterion, rater) DO UPDATE SET"
                           " level = excluded.level, nvt = excluded.nvt,"
                           " comment = CASE WHEN ?9 THEN coalesce(excluded.comment, score.comment)"
                           " ELSE excluded.comment END,"
                           " sheet = excluded.sheet", -1, &st, NULL) != SQLITE_OK)
        return PT_FAILED;
    sqlite3_bind_text(st, 1, t->assessment->id, -1, SQLITE_STATIC);
    bind_score(st, 1, t, x, 0);
    sqlite3_bind_int(st, 9, keep_comment);
    int rc = pt_store_step_done(st) == SQLITE_OK ? PT_OK : PT_FAILED;
    sqlite3_finalize(st);
    return rc;
}

/* The log row: the new value as stored (the comment may be the old one)
 * beside the value it replaced. */
static int log_change(struct pt_store *s, const struct pt_toetsmap *t, const struct pt_score *x,
                      const struct old_score *old)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO score_log (assessment_id, revision, case_id,"
                           " criterion, rater, old_level, old_nvt, old_comment, old_source, level,"
                           " nvt, comment, source) SELECT s.assessment_id, a.revision, s.case_id,"
                           " s.criterion, s.rater, ?5, ?6, ?7, ?8, s.level, s.nvt, s.comment,"
                           " '" PT_SCORE_SOURCE "' FROM score s JOIN assessment a"
                           " ON a.id = s.assessment_id WHERE s.assessment_id = ?1"
                           " AND s.case_id = ?2 AND s.criterion = ?3 AND s.rater = ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return PT_FAILED;
    sqlite3_bind_text(st, 1, t->assessment->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, t->assessment->case_ids[x->kase], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, t->rubric->criteria[x->criterion].id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, t->assessment->team[x->rater].id, -1, SQLITE_STATIC);
    if (old->found) {
        if (old->nvt)
            sqlite3_bind_null(st, 5);
        else
            sqlite3_bind_int(st, 5, old->level);
        sqlite3_bind_int(st, 6, old->nvt);
        if (old->comment)
            sqlite3_bind_text(st, 7, old->comment, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, old->source, -1, SQLITE_STATIC);
    }
    int rc = pt_store_step_done(st) == SQLITE_OK && sqlite3_changes(s->db) == 1 ? PT_OK
                                                                               : PT_FAILED;
    sqlite3_finalize(st);
    return rc;
}

int pt_store_put_score(struct pt_store *s, const struct pt_toetsmap *t,
                       const struct pt_score *x, bool keep_comment, bool *changed,
                       struct pt_error *err)
{
    struct old_score old;
    int rc = PT_FAILED;
    *changed = false;
    if (get_old_score(s, t, x, &old) != PT_OK)
        goto cleanup;
    if (same_score(&old, x, keep_comment)) {
        rc = PT_OK;
        goto cleanup;
    }
    if (upsert_score(s, t, x, keep_comment) != PT_OK ||
        run_for_id(s, "UPDATE assessment SET revision = revision + 1,"
                   " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                   t->assessment->id) != SQLITE_OK ||
        log_change(s, t, x, &old) != PT_OK)
        goto cleanup;
    if (kill_after_rows() == 0)
        raise(SIGKILL); /* crash-safety tests: die with the change written, not committed */
    *changed = true;
    rc = PT_OK;
cleanup:
    if (rc != PT_OK)
        pt_store_dberr(s, err);
    free(old.comment);
    free(old.source);
    return rc;
}
