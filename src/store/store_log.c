/*
 * store_log.c — the correction log of a stored assessment, read from
 * score_log (schema 3, store.c) with, for corrections made in the web app,
 * who made them and why (web_correction, schema 4), with prepared
 * statements only.
 */
#include "store_log.h"
#include "store_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *text(struct pt_arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    return v ? pt_arena_strdup(a, (const char *)v) : NULL;
}

/* Columns col (level), col + 1 (nvt), col + 2 (comment). The old value is
 * absent when its nvt is NULL (there was no score before). */
static void value(struct pt_arena *a, sqlite3_stmt *st, int col, struct pt_log_value *v)
{
    v->present = sqlite3_column_type(st, col + 1) != SQLITE_NULL;
    v->nvt = v->present && sqlite3_column_int(st, col + 1) != 0;
    v->level = v->present && !v->nvt ? (long)sqlite3_column_int64(st, col) : 0;
    v->comment = text(a, st, col + 2);
}

static int exists(struct pt_store *s, const char *id, bool *found, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int step = pt_sql_step(s->db, "SELECT 1 FROM assessment WHERE id = ?1", &PT_SQL_TEXT(id), 1,
                           &st);
    *found = step == SQLITE_ROW;
    return pt_sql_done(s->db, s->path, st, step, err);
}

int pt_store_log(struct pt_store *s, const char *id, struct pt_log *log,
                 struct pt_error *err)
{
    static const char sql[] =
        "SELECT l.seq, l.revision, l.at, l.case_id, l.criterion, l.rater, l.source,"
        " l.old_level, l.old_nvt, l.old_comment, l.level, l.nvt, l.comment, w.who, w.reason"
        " FROM score_log l LEFT JOIN web_correction w ON w.log_seq = l.seq"
        " WHERE l.assessment_id = ?1 ORDER BY l.seq";
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    bool found = false;
    int rc = exists(s, id, &found, err);

    memset(log, 0, sizeof *log);
    if (rc != PT_OK)
        return rc;
    if (!found) {
        pt_error_set(err, "%s: assessment \"%s\" staat niet in de database "
                     "(zie praktijktoets list)", s->path, id);
        return PT_INVALID;
    }
    rc = PT_FAILED;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (log->n == cap) {
            cap = cap ? cap * 2 : 16;
            log->items = pt_xrealloc(log->items, cap * sizeof *log->items);
        }
        struct pt_log_entry *e = &log->items[log->n++];
        e->seq = (long)sqlite3_column_int64(st, 0);
        e->revision = (long)sqlite3_column_int64(st, 1);
        e->at = text(&log->arena, st, 2);
        e->case_id = text(&log->arena, st, 3);
        e->criterion = text(&log->arena, st, 4);
        e->rater = text(&log->arena, st, 5);
        e->source = text(&log->arena, st, 6);
        value(&log->arena, st, 7, &e->old);
        value(&log->arena, st, 10, &e->new);
        e->new.present = true;
        e->who = text(&log->arena, st, 13);
        e->reason = text(&log->arena, st, 14);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    rc = PT_OK;
    goto cleanup;
dberr:
    pt_store_dberr(s, err);
cleanup:
    sqlite3_finalize(st);
    return rc;
}

void pt_log_free(struct pt_log *log)
{
    free(log->items);
    pt_arena_free(&log->arena);
    memset(log, 0, sizeof *log);
}
