/*
 * outbox.c — where a submission row is written and read: the outbox table.
 * See outbox.h.
 */
#include "outbox.h"
#include "store_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const state_ids[] = {"pending", "delivered", "rejected"};

const char *pt_outbox_state_name(enum pt_outbox_state s)
{
    switch (s) {
    case PT_OUTBOX_PENDING: return "wacht";
    case PT_OUTBOX_DELIVERED: return "afgeleverd";
    case PT_OUTBOX_REJECTED: return "geweigerd";
    }
    return "?";
}

/* An unknown state reads as pending. */
static enum pt_outbox_state state_from_id(const char *id)
{
    int i = pt_name_index(PT_NAMES(state_ids), id);
    return i < 0 ? PT_OUTBOX_PENDING : (enum pt_outbox_state)i;
}

long pt_outbox_backoff(long attempts, double u)
{
    long d = 1;
    for (long i = 1; i < attempts && d < PT_OUTBOX_MAX_DELAY; i++)
        d *= 2;
    if (d > PT_OUTBOX_MAX_DELAY)
        d = PT_OUTBOX_MAX_DELAY;
    if (u < 0)
        u = 0;
    if (u >= 1)
        u = 0.999999;
    d += (long)((double)d * 0.25 * u);
    return d > PT_OUTBOX_MAX_DELAY ? PT_OUTBOX_MAX_DELAY : d;
}

long pt_outbox_delay(long attempts, long retry_after, double u)
{
    if (retry_after < 0)
        return pt_outbox_backoff(attempts, u);
    if (retry_after < 1)
        return 1;
    return retry_after > PT_OUTBOX_MAX_DELAY ? PT_OUTBOX_MAX_DELAY : retry_after;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? pt_xstrdup((const char *)v) : NULL;
}

#define SELECT_COLS \
    "SELECT seq, idem_key, assessment_id, revision, swv, endpoint, body, state, attempts," \
    " next_attempt, last_status, last_error, created_at, delivered_at FROM outbox"

static void read_row(sqlite3_stmt *st, struct pt_outbox_entry *e)
{
    memset(e, 0, sizeof *e);
    e->seq = (long)sqlite3_column_int64(st, 0);
    e->key = col_dup(st, 1);
    e->assessment = col_dup(st, 2);
    e->revision = (long)sqlite3_column_int64(st, 3);
    e->swv = col_dup(st, 4);
    e->endpoint = col_dup(st, 5);
    e->body = col_dup(st, 6);
    e->state = state_from_id((const char *)sqlite3_column_text(st, 7));
    e->attempts = (long)sqlite3_column_int64(st, 8);
    e->next_attempt = (long)sqlite3_column_int64(st, 9);
    e->last_status = (long)sqlite3_column_int64(st, 10);
    e->last_error = col_dup(st, 11);
    e->created_at = col_dup(st, 12);
    e->delivered_at = col_dup(st, 13);
}

void pt_outbox_entry_free(struct pt_outbox_entry *e)
{
    free(e->key);
    free(e->assessment);
    free(e->swv);
    free(e->endpoint);
    free(e->body);
    free(e->last_error);
    free(e->created_at);
    free(e->delivered_at);
    memset(e, 0, sizeof *e);
}

void pt_outbox_entries_free(struct pt_outbox_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pt_outbox_entry_free(&e[i]);
    free(e);
}

static int dberr(struct pt_store *s, struct pt_error *err)
{
    return pt_store_dberr(s, err);
}

int pt_outbox_put(struct pt_store *s, const char *key, const char *assessment, long revision,
                  const char *swv, const char *endpoint, const char *body, time_t now,
                  long *seq, bool *created, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    *created = false;
    int step = pt_sql_step(s->db, "SELECT seq, state FROM outbox WHERE idem_key = ?1",
                           &PT_SQL_TEXT(key), 1, &st);
    if (step == SQLITE_ROW) {
        /* there: a rejected one is queued again */
        *seq = (long)sqlite3_column_int64(st, 0);
        bool rejected = state_from_id((const char *)sqlite3_column_text(st, 1)) ==
                        PT_OUTBOX_REJECTED;
        pt_sql_finalize(st);
        st = NULL;
        const struct pt_sql_arg again[] = {PT_SQL_NUM(*seq), PT_SQL_NUM(now)};
        if (rejected)
            step = pt_sql_step(s->db, "UPDATE outbox SET state = 'pending', attempts = 0,"
                                      " next_attempt = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                                      " WHERE seq = ?1", again, 2, &st);
    } else if (step == SQLITE_DONE) {
        pt_sql_finalize(st);
        st = NULL;
        const struct pt_sql_arg row[] = {PT_SQL_TEXT(key), PT_SQL_TEXT(assessment),
                                         PT_SQL_NUM(revision), PT_SQL_TEXT(swv),
                                         PT_SQL_TEXT(endpoint), PT_SQL_TEXT(body),
                                         PT_SQL_NUM(now)};
        step = pt_sql_step(s->db, "INSERT INTO outbox (idem_key, assessment_id, revision, swv,"
                                  " endpoint, body, next_attempt) VALUES (?1, ?2, ?3, ?4, ?5,"
                                  " ?6, ?7)", row, 7, &st);
        *created = step == SQLITE_DONE;
        if (*created)
            *seq = (long)sqlite3_last_insert_rowid(s->db);
    }
    return pt_sql_done(s->db, s->path, st, step, err);
}

int pt_outbox_get(struct pt_store *s, long seq, struct pt_outbox_entry *e,
                  struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    memset(e, 0, sizeof *e);
    if (sqlite3_prepare_v2(s->db, SELECT_COLS " WHERE seq = ?1", -1, &st, NULL) != SQLITE_OK) {
        rc = dberr(s, err);
        goto cleanup;
    }
    sqlite3_bind_int64(st, 1, seq);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        read_row(st, e);
        rc = PT_OK;
    } else if (step == SQLITE_DONE) {
        pt_error_set(err, "inzending %ld staat niet in de wachtrij", seq);
        rc = PT_INVALID;
    } else {
        rc = dberr(s, err);
    }
cleanup:
    sqlite3_finalize(st);
    return rc;
}

int pt_outbox_select(struct pt_store *s, bool due_only, time_t now,
                     struct pt_outbox_entry **out, size_t *n, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    struct pt_outbox_entry *v = NULL;
    size_t len = 0, cap = 0;
    int rc = PT_FAILED;
    const char *sql = due_only
        ? SELECT_COLS " WHERE state = 'pending' AND (?1 < 0 OR next_attempt <= ?1) ORDER BY seq"
        : SELECT_COLS " ORDER BY seq";
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        rc = dberr(s, err);
        goto cleanup;
    }
    if (due_only)
        sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            cap = cap ? cap * 2 : 16;
            v = pt_xrealloc(v, cap * sizeof *v);
        }
        read_row(st, &v[len++]);
    }
    if (step != SQLITE_DONE) {
        rc = dberr(s, err);
        pt_outbox_entries_free(v, len);
        goto cleanup;
    }
    *out = v;
    *n = len;
    rc = PT_OK;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

int pt_outbox_next_due(struct pt_store *s, long *next, bool *any, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    *any = false;
    *next = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT min(next_attempt) FROM outbox WHERE state = 'pending'",
                           -1, &st, NULL) != SQLITE_OK)
        return dberr(s, err);
    int rc = PT_OK;
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
            *any = true;
            *next = (long)sqlite3_column_int64(st, 0);
        }
    } else {
        rc = dberr(s, err);
    }
    sqlite3_finalize(st);
    return rc;
}

int pt_outbox_counts(struct pt_store *s, long counts[3], struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    counts[0] = counts[1] = counts[2] = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT state, count(*) FROM outbox GROUP BY state", -1, &st,
                           NULL) != SQLITE_OK)
        return dberr(s, err);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        counts[state_from_id((const char *)sqlite3_column_text(st, 0))] =
            (long)sqlite3_column_int64(st, 1);
    int rc = step == SQLITE_DONE ? PT_OK : dberr(s, err);
    sqlite3_finalize(st);
    return rc;
}

int pt_outbox_record(struct pt_store *s, long seq, enum pt_outbox_state state,
                     long http_status, const char *error, long delay, time_t now,
                     struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    if (pt_store_begin(s, err) != PT_OK)
        return PT_FAILED;
    /* Delivered is final: a slower process that saw a failure for the same
     * row must not undo it. */
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE outbox SET state = ?2, attempts = attempts + 1,"
                           " next_attempt = ?3, last_status = ?4, last_error = ?5,"
                           " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                           " delivered_at = CASE WHEN ?2 = 'delivered'"
                           "   THEN strftime('%Y-%m-%dT%H:%M:%SZ','now') END"
                           " WHERE seq = ?1 AND state <> 'delivered'",
                           -1, &st, NULL) != SQLITE_OK)
        goto db;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, state_ids[state], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)now + (state == PT_OUTBOX_PENDING ? delay : 0));
    if (http_status > 0)
        sqlite3_bind_int64(st, 4, http_status);
    else
        sqlite3_bind_null(st, 4);
    if (error)
        sqlite3_bind_text(st, 5, error, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 5);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto db;
    sqlite3_finalize(st);
    st = NULL;
    return pt_store_commit(s, err);
db:
    rc = dberr(s, err);
    sqlite3_finalize(st);
    pt_store_rollback(s);
    return rc;
}
