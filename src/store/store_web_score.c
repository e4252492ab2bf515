/*
 * store_web_score.c — scores entered in the browser, corrections with a
 * reason, handed-in sheets and progress (see store_web.h). Scores go into
 * the same score table that `import` fills and the engine reads; a rater's
 * scores come from sheet "browser:<rater>", a correction from sheet 0 like
 * `praktijktoets score`, logged in score_log with its reason beside it.
 */
#include "store_web.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "store_web_sql.h"

/* A comment or reason a person typed: bounded, UTF-8, no personal data. */
static int check_text(const char *what, const char *s, struct pt_error *err)
{
    size_t len = strlen(s), bad;
    if (len > PT_WEB_COMMENT_MAX) {
        pt_error_set(err, "%s is te lang (%zu tekens, hoogstens %d)", what, len,
                 PT_WEB_COMMENT_MAX);
        return PT_WEB_UNPROCESSABLE;
    }
    if (!pt_utf8_valid(s, len, &bad)) {
        pt_error_set(err, "%s is geen geldige UTF-8-tekst", what);
        return PT_WEB_UNPROCESSABLE;
    }
    /* THE privacy check (privacy.h), like a comment on a score sheet. */
    struct pt_diags diags = {0};
    int rc = PT_OK;
    if (!pt_privacy_check(&diags, what, NULL, what, s)) {
        pt_error_set(err, "%s %s. Er is niets opgeslagen", what,
                     diags.n ? diags.items[0].message : "bevat persoonsgegevens");
        rc = PT_WEB_UNPROCESSABLE;
    }
    pt_diags_free(&diags);
    return rc;
}

int pt_web_validate_score(const struct pt_toetsmap *t, const struct pt_web_score *s,
                          struct pt_error *err)
{
    if (!s->rater || pt_toetsmap_rater(t, s->rater) < 0) {
        pt_error_set(err, "onbekende beoordelaar");
        return PT_WEB_UNPROCESSABLE;
    }
    if (!s->kase || pt_toetsmap_case(t, s->kase) < 0) {
        pt_error_set(err, "onbekende casus");
        return PT_WEB_UNPROCESSABLE;
    }
    long k = s->criterion ? pt_toetsmap_criterion(t, s->criterion) : -1;
    if (k < 0) {
        pt_error_set(err, "onbekend criterium");
        return PT_WEB_UNPROCESSABLE;
    }
    const struct pt_criterion *c = &t->rubric->criteria[k];
    if (s->level && strcmp(s->level, "nvt") == 0) {
        if (!c->na_allowed) {
            pt_error_set(err, "nvt (niet van toepassing) mag niet bij criterium %s", c->id);
            return PT_WEB_UNPROCESSABLE;
        }
    } else if (s->level) {
        char *end = NULL, canon[24];
        errno = 0;
        long v = strtol(s->level, &end, 10);
        snprintf(canon, sizeof canon, "%ld", v); /* "03", "+3", " 3" are not levels */
        if (errno || end == s->level || *end || strcmp(canon, s->level) != 0 ||
            pt_rubric_scale_index(t->rubric, v) < 0) {
            pt_error_set(err, "het niveau staat niet op de schaal van de rubric (%d tot en "
                     "met %d%s)", t->rubric->scale[0], t->rubric->scale[t->rubric->nscale - 1],
                     c->na_allowed ? ", of nvt" : "");
            return PT_WEB_UNPROCESSABLE;
        }
    }
    if (s->comment)
        return check_text("de toelichting", s->comment, err);
    return PT_OK;
}

/* Inside the transaction: the number of the rater's browser sheet. */
static int browser_sheet(sqlite3 *db, const char *id, const char *rater, long *no)
{
    char path[96];
    sqlite3_stmt *st = NULL;
    snprintf(path, sizeof path, "browser:%s", rater);
    const char *args[] = {id, path};
    if (pt_sql_exec(db, "INSERT INTO sheet (assessment_id, no, path) SELECT ?1,"
                   " (SELECT coalesce(max(no), 0) + 1 FROM sheet WHERE assessment_id = ?1), ?2"
                   " WHERE NOT EXISTS (SELECT 1 FROM sheet WHERE assessment_id = ?1"
                   " AND path = ?2)", args, 2) != SQLITE_OK)
        return -1;
    const struct pt_sql_arg key[] = {PT_SQL_TEXT(id), PT_SQL_TEXT(path)};
    int step = pt_sql_step(db, "SELECT no FROM sheet WHERE assessment_id = ?1 AND path = ?2",
                           key, 2, &st);
    if (step == SQLITE_ROW)
        *no = (long)sqlite3_column_int64(st, 0);
    pt_sql_finalize(st);
    return step == SQLITE_ROW ? 0 : -1;
}

static int is_handed_in(sqlite3 *db, const char *id, const char *rater, bool *out)
{
    sqlite3_stmt *st = NULL;
    const struct pt_sql_arg key[] = {PT_SQL_TEXT(id), PT_SQL_TEXT(rater)};
    int step = pt_sql_step(db, "SELECT 1 FROM web_handin WHERE assessment_id = ?1 AND rater = ?2",
                           key, 2, &st);
    *out = step == SQLITE_ROW;
    pt_sql_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
}

static int write_score(sqlite3 *db, const char *id, const struct pt_web_score *s, long sheet)
{
    sqlite3_stmt *st = NULL;
    if (!s->level) {
        const char *args[] = {id, s->kase, s->criterion, s->rater};
        return pt_sql_exec(db, "DELETE FROM score WHERE assessment_id = ?1 AND case_id = ?2"
                          " AND criterion = ?3 AND rater = ?4", args, 4) == SQLITE_OK ? 0 : -1;
    }
    bool nvt = strcmp(s->level, "nvt") == 0;
    const struct pt_sql_arg row[] = {
        PT_SQL_TEXT(id), PT_SQL_TEXT(s->kase), PT_SQL_TEXT(s->criterion), PT_SQL_TEXT(s->rater),
        nvt ? PT_SQL_TEXT(NULL) : PT_SQL_NUM(strtol(s->level, NULL, 10)), PT_SQL_NUM(nvt),
        PT_SQL_TEXT(s->comment && *s->comment ? s->comment : NULL), PT_SQL_NUM(sheet)};
    int step = pt_sql_step(db, "INSERT INTO score (assessment_id, case_id, criterion, rater,"
                               " level, nvt, comment, sheet) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                               " ON CONFLICT (assessment_id, case_id, criterion, rater) DO UPDATE SET"
                               " level = excluded.level, nvt = excluded.nvt,"
                               " comment = excluded.comment, sheet = excluded.sheet", row, 8, &st);
    pt_sql_finalize(st);
    return step == SQLITE_DONE ? 0 : -1;
}

/* BEGIN IMMEDIATE (a SAVEPOINT in batch mode), the phase fixed, and it must
 * be one of allowed (a bit per enum pt_phase); else rolled back and
 * PT_WEB_CONFLICT with why and the phase. */
static int begin_in_phase(sqlite3 *db, const char *id, unsigned allowed, const char *why,
                          struct pt_error *err)
{
    enum pt_phase phase;
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    rc = pt_sw_fix_phase(db, id, &phase, err);
    if (rc == PT_OK && !(allowed & (1u << phase))) {
        pt_error_set(err, "%s (fase nu: %s)", why, pt_phase_name(phase));
        rc = PT_WEB_CONFLICT;
    }
    if (rc != PT_OK)
        pt_sw_rollback(db);
    return rc;
}

/* Inside a write: PT_OK while the rater has not handed in; else
 * PT_WEB_CONFLICT saying why, or PT_FAILED. */
static int not_handed_in(sqlite3 *db, const char *id, const char *rater, const char *why,
                         struct pt_error *err)
{
    bool handed = false;
    if (is_handed_in(db, id, rater, &handed) != 0)
        return pt_sql_fail(db, err);
    if (!handed)
        return PT_OK;
    pt_error_set(err, "%s", why);
    return PT_WEB_CONFLICT;
}

int pt_web_put_score(struct pt_store *store, const struct pt_toetsmap *t, const struct pt_web_score *s,
                     struct pt_error *err)
{
    sqlite3 *db = store->db;
    const char *id = t->assessment->id;
    long sheet = 0;
    int rc = pt_web_validate_score(t, s, err);
    if (rc != PT_OK ||
        (rc = begin_in_phase(db, id, 1u << PT_PHASE_SCORING, "het scoren is voorbij; je "
                             "scores staan vast", err)) != PT_OK)
        return rc;
    rc = not_handed_in(db, id, s->rater, "je hebt je scoreblad al ingeleverd; het kan niet "
                       "meer worden gewijzigd", err);
    if (rc == PT_OK &&
        (browser_sheet(db, id, s->rater, &sheet) != 0 || write_score(db, id, s, sheet) != 0))
        rc = pt_sql_fail(db, err);
    return pt_sw_end(db, rc, err);
}

int pt_web_check_correction(const struct pt_toetsmap *t, const struct pt_web_score *s,
                            const char *reason, struct pt_error *err)
{
    if (!s->level) {
        pt_error_set(err, "een correctie heeft een niveau");
        return PT_WEB_UNPROCESSABLE;
    }
    if (!reason || !*reason) {
        pt_error_set(err, "een correctie heeft een reden");
        return PT_WEB_UNPROCESSABLE;
    }
    int rc = pt_web_validate_score(t, s, err);
    return rc != PT_OK ? rc : check_text("de reden", reason, err);
}

int pt_web_correction_begin(struct pt_store *store, const char *id, struct pt_error *err)
{
    return begin_in_phase(store->db, id, 1u << PT_PHASE_DISCUSSION,
                          "correcties kunnen alleen in fase discussion", err);
}

int pt_web_correction_reason(struct pt_store *store, const char *id, const char *reason,
                             const char *who, struct pt_error *err)
{
    /* The newest entry of the correction log is the one just written. */
    const char *args[] = {id, reason, who};
    if (pt_sql_exec(store->db, "INSERT INTO web_correction (log_seq, reason, who)"
                   " SELECT max(seq), ?2, ?3 FROM score_log WHERE assessment_id = ?1",
                   args, 3) != SQLITE_OK)
        return pt_sql_fail(store->db, err);
    return PT_OK;
}

int pt_web_correction_end(struct pt_store *store, int rc, struct pt_error *err)
{
    return pt_sw_end(store->db, rc, err);
}

int pt_web_hand_in(struct pt_store *store, const char *id, const char *rater, struct pt_error *err)
{
    sqlite3 *db = store->db;
    int rc = begin_in_phase(db, id, 1u << PT_PHASE_SCORING | 1u << PT_PHASE_DISCUSSION,
                            "het assessment is gesloten", err);
    if (rc != PT_OK)
        return rc;
    rc = not_handed_in(db, id, rater, "je scoreblad is al ingeleverd", err);
    const char *args[] = {id, rater};
    if (rc == PT_OK && pt_sql_exec(db, "INSERT INTO web_handin (assessment_id, rater) VALUES"
                                  " (?1, ?2)", args, 2) != SQLITE_OK)
        rc = pt_sql_fail(db, err);
    return pt_sw_end(db, rc, err);
}

int pt_web_handed_in(struct pt_store *store, const char *id, const char *rater, bool *out, struct pt_error *err)
{
    sqlite3 *db = store->db;
    return is_handed_in(db, id, rater, out) == 0 ? PT_OK : pt_sql_fail(db, err);
}

void pt_web_rows_free(struct pt_web_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].comment);
    free(r->v);
    memset(r, 0, sizeof *r);
}

int pt_web_scores(struct pt_store *store, const char *id, const char *only_rater,
                  struct pt_web_rows *out, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    const struct pt_sql_arg args[] = {PT_SQL_TEXT(id), PT_SQL_TEXT(only_rater)};
    int step = pt_sql_step(db, "SELECT s.rater, s.case_id, s.criterion, s.level, s.nvt, s.comment"
                               " FROM score s JOIN case_doc c ON c.assessment_id = s.assessment_id"
                               " AND c.case_id = s.case_id WHERE s.assessment_id = ?1"
                               " AND (?2 IS NULL OR s.rater = ?2)"
                               " ORDER BY c.position, s.criterion, s.rater", args, 2, &st);
    for (; step == SQLITE_ROW; step = sqlite3_step(st)) {
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 64;
            out->v = pt_xrealloc(out->v, out->cap * sizeof *out->v);
        }
        struct pt_web_row *r = &out->v[out->n++];
        memset(r, 0, sizeof *r);
        snprintf(r->rater, sizeof r->rater, "%s", sqlite3_column_text(st, 0));
        snprintf(r->kase, sizeof r->kase, "%s", sqlite3_column_text(st, 1));
        snprintf(r->criterion, sizeof r->criterion, "%s", sqlite3_column_text(st, 2));
        if (sqlite3_column_int(st, 4))
            snprintf(r->level, sizeof r->level, "nvt");
        else
            snprintf(r->level, sizeof r->level, "%lld", sqlite3_column_int64(st, 3));
        const unsigned char *c = sqlite3_column_text(st, 5);
        r->comment = c ? pt_xstrdup((const char *)c) : NULL;
    }
    return pt_sql_done(db, NULL, st, step, err);
}

int pt_web_progress(struct pt_store *store, const struct pt_toetsmap *t, long *counts, bool *handed,
                    struct pt_error *err)
{
    sqlite3 *db = store->db;
    const struct pt_assessment *a = t->assessment;
    sqlite3_stmt *st = NULL;
    int step;
    for (size_t i = 0; i < a->nteam; i++) {
        counts[i] = 0;
        handed[i] = false;
    }
    step = pt_sql_step(db, "SELECT rater, count(*), 0 FROM score WHERE assessment_id = ?1"
                           " GROUP BY rater UNION ALL SELECT rater, 0, 1 FROM web_handin"
                           " WHERE assessment_id = ?1", &PT_SQL_TEXT(a->id), 1, &st);
    for (; step == SQLITE_ROW; step = sqlite3_step(st)) {
        long r = pt_toetsmap_rater(t, (const char *)sqlite3_column_text(st, 0));
        if (r < 0)
            continue;
        counts[r] += (long)sqlite3_column_int64(st, 1);
        if (sqlite3_column_int(st, 2))
            handed[r] = true;
    }
    return pt_sql_done(db, NULL, st, step, err);
}
