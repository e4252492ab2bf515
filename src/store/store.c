/*
 * store.c — opening the database, the schema and its migrations, listings.
 */
#include "store_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "store_web_sql.h"

/* Append-only: never edit a shipped entry; add a new one and bump
 * PT_SCHEMA_VERSION. Entry i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 0 → 1 */
    "CREATE TABLE rubric ("
    "  id TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  doc TEXT NOT NULL,"
    "  stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  PRIMARY KEY (id, version)"
    ") STRICT;"
    "CREATE TABLE assessment ("
    "  id TEXT PRIMARY KEY,"
    "  swv TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  rubric_id TEXT NOT NULL,"
    "  rubric_version INTEGER NOT NULL,"
    "  doc TEXT NOT NULL,"
    "  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),"
    "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  FOREIGN KEY (rubric_id, rubric_version) REFERENCES rubric (id, version)"
    ") STRICT;"
    "CREATE TABLE case_doc ("
    "  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,"
    "  case_id TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  doc TEXT NOT NULL,"
    "  PRIMARY KEY (assessment_id, case_id)"
    ") STRICT;"
    "CREATE TABLE score ("
    "  assessment_id TEXT NOT NULL,"
    "  rater TEXT NOT NULL,"
    "  case_id TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  level INTEGER,"
    "  nvt INTEGER NOT NULL CHECK (nvt IN (0, 1)),"
    "  comment TEXT,"
    "  source TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  PRIMARY KEY (assessment_id, case_id, criterion, rater),"
    "  FOREIGN KEY (assessment_id, case_id) REFERENCES case_doc (assessment_id, case_id)"
    "    ON DELETE CASCADE,"
    "  CHECK ((nvt = 1 AND level IS NULL) OR (nvt = 0 AND level IS NOT NULL))"
    ") STRICT;"
    /* Every change of a score, for the audit trail of corrections. */
    "CREATE TABLE score_log ("
    "  seq INTEGER PRIMARY KEY,"
    "  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,"
    "  rater TEXT NOT NULL,"
    "  case_id TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  level INTEGER,"
    "  nvt INTEGER NOT NULL,"
    "  comment TEXT,"
    "  source TEXT NOT NULL,"
    "  revision INTEGER NOT NULL,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
    ") STRICT;"
    "CREATE INDEX score_log_assessment ON score_log (assessment_id);",
    /* 1 → 2: the outbox of submissions to the central endpoint (submission.md).
     * A row is never deleted: pending, delivered or rejected. No foreign key
     * to assessment: the record of what left the machine outlives a
     * re-import. The body is built once and sent byte for byte on every
     * retry, so a re-delivery is harmless under its idempotency key. */
    "CREATE TABLE outbox ("
    "  seq INTEGER PRIMARY KEY,"
    "  idem_key TEXT NOT NULL UNIQUE,"
    "  assessment_id TEXT NOT NULL,"
    "  revision INTEGER NOT NULL CHECK (revision >= 1),"
    "  swv TEXT NOT NULL,"
    "  endpoint TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (state IN ('pending', 'delivered', 'rejected')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt INTEGER NOT NULL,"   /* unix seconds */
    "  last_status INTEGER,"             /* HTTP status of the last answer */
    "  last_error TEXT,"                 /* Dutch, never the token */
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  delivered_at TEXT"
    ") STRICT;"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt);",
    /* 2 → 3: a smaller, faster score table (make bench: the national import
     * went from 219 MB to 36 MB).
     * - score is a WITHOUT ROWID table keyed by (assessment, case, criterion,
     *   rater): one b-tree instead of a table plus its primary-key index.
     * - The file a score came from is stored once per sheet (table sheet,
     *   no 0 is the score command) instead of once per score. score.sheet
     *   has no foreign key: checking it cost a third of the b-tree seeks of
     *   an import (make bench, callgrind); sheets go only with their
     *   assessment, and a number without a sheet makes pt_store_load call
     *   the assessment damaged.
     * - score.updated_at goes: a change after the import is in score_log.
     * - score_log no longer copies every imported score (the sheet files and
     *   the score table hold those): it records each change made by the
     *   score command, with the value it replaced (old_nvt NULL: there was
     *   no score yet). Old log rows of the score command become such
     *   changes; their old value is the row before them in the old log.
     *   The log outlives import --replace: its foreign key is checked at
     *   COMMIT (deferred), when the assessment row is back, instead of
     *   cascading the delete. */
    "CREATE TABLE sheet ("
    "  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,"
    "  no INTEGER NOT NULL CHECK (no >= 0),"
    "  path TEXT NOT NULL,"
    "  PRIMARY KEY (assessment_id, no)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO sheet (assessment_id, no, path)"
    "  SELECT assessment_id, row_number() OVER (PARTITION BY assessment_id ORDER BY first), source"
    "  FROM (SELECT assessment_id, source, min(rowid) AS first FROM score"
    "        WHERE source <> 'praktijktoets score' GROUP BY assessment_id, source);"
    "INSERT INTO sheet (assessment_id, no, path)"
    "  SELECT DISTINCT assessment_id, 0, source FROM score WHERE source = 'praktijktoets score';"
    "CREATE TABLE score_v3 ("
    "  assessment_id TEXT NOT NULL,"
    "  case_id TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  rater TEXT NOT NULL,"
    "  level INTEGER,"
    "  nvt INTEGER NOT NULL CHECK (nvt IN (0, 1)),"
    "  comment TEXT,"
    "  sheet INTEGER NOT NULL,"
    "  PRIMARY KEY (assessment_id, case_id, criterion, rater),"
    "  FOREIGN KEY (assessment_id, case_id) REFERENCES case_doc (assessment_id, case_id)"
    "    ON DELETE CASCADE,"
    "  CHECK ((nvt = 1 AND level IS NULL) OR (nvt = 0 AND level IS NOT NULL))"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO score_v3 (assessment_id, case_id, criterion, rater, level, nvt, comment, sheet)"
    "  SELECT s.assessment_id, s.case_id, s.criterion, s.rater, s.level, s.nvt, s.comment, h.no"
    "  FROM score s JOIN sheet h ON h.assessment_id = s.assessment_id AND h.path = s.source;"
    "CREATE TABLE score_log_v3 ("
    "  seq INTEGER PRIMARY KEY,"
    "  assessment_id TEXT NOT NULL REFERENCES assessment (id) DEFERRABLE INITIALLY DEFERRED,"
    "  revision INTEGER NOT NULL,"      /* the revision this change made */
    "  case_id TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  rater TEXT NOT NULL,"
    "  old_level INTEGER,"
    "  old_nvt INTEGER CHECK (old_nvt IN (0, 1)),"
    "  old_comment TEXT,"
    "  old_source TEXT,"
    "  level INTEGER,"
    "  nvt INTEGER NOT NULL CHECK (nvt IN (0, 1)),"
    "  comment TEXT,"
    "  source TEXT NOT NULL,"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
    ") STRICT;"
    "INSERT INTO score_log_v3 (seq, assessment_id, revision, case_id, criterion, rater,"
    "  old_level, old_nvt, old_comment, old_source, level, nvt, comment, source, at)"
    "  SELECT seq, assessment_id, revision, case_id, criterion, rater,"
    "         pl, pn, pc, ps, level, nvt, comment, source, at"
    "  FROM (SELECT l.*, lag(level) OVER w AS pl, lag(nvt) OVER w AS pn,"
    "               lag(comment) OVER w AS pc, lag(source) OVER w AS ps"
    "        FROM score_log l"
    "        WINDOW w AS (PARTITION BY assessment_id, case_id, criterion, rater ORDER BY seq))"
    "  WHERE source = 'praktijktoets score';"
    "DROP TABLE score_log;"
    "DROP TABLE score;"
    "ALTER TABLE score_v3 RENAME TO score;"
    "ALTER TABLE score_log_v3 RENAME TO score_log;"
    "CREATE INDEX score_log_assessment ON score_log (assessment_id);",
    /* 3 → 4: the web app (store_web.h). */
    PT_STORE_WEB_MIGRATION,
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])
_Static_assert(NMIGRATIONS == PT_SCHEMA_VERSION, "one migration per schema version");

const char *pt_store_default_path(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("PRAKTIJKTOETS_DB");
    if (env && *env)
        return env;
    return "praktijktoets.db";
}

int pt_store_dberr(struct pt_store *s, struct pt_error *err)
{
    return pt_sql_error(s->db, s->path, err);
}

sqlite3_stmt *pt_store_prepare_id(struct pt_store *s, const char *sql, const char *id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return st;
}

int pt_store_step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int pt_store_open(const char *path, enum pt_store_mode mode, struct pt_store **out,
                  struct pt_error *err)
{
    *out = NULL;
    if (mode == PT_STORE_EXISTING && access(path, F_OK) != 0) {
        pt_error_set(err, "%s: de database bestaat nog niet (eerst praktijktoets import)", path);
        return PT_INVALID;
    }
    struct pt_store *s = pt_xcalloc(1, sizeof *s);
    unsigned flags = PT_DB_ONE_THREAD | (mode == PT_STORE_EXISTING ? PT_DB_NO_CREATE : 0);
    s->path = pt_xstrdup(path);
    if (pt_db_open(path, flags, &s->db, err) != PT_OK ||
        pt_db_migrate(s->db, path, "praktijktoets", migrations, NMIGRATIONS, err) != PT_OK) {
        pt_store_close(s);
        return PT_FAILED;
    }
    *out = s;
    return PT_OK;
}

void pt_store_close(struct pt_store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    free(s);
}

const char *pt_store_path(const struct pt_store *s)
{
    return s->path;
}

int pt_store_begin(struct pt_store *s, struct pt_error *err)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return pt_store_dberr(s, err);
    return PT_OK;
}

int pt_store_commit(struct pt_store *s, struct pt_error *err)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        pt_store_dberr(s, err);
        pt_store_rollback(s);
        return PT_FAILED;
    }
    return PT_OK;
}

int pt_store_end(struct pt_store *s, int rc, struct pt_error *err)
{
    if (rc == PT_OK)
        return pt_store_commit(s, err);
    pt_store_rollback(s);
    return rc;
}

void pt_store_rollback(struct pt_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* One number from a query whose only parameter ?1 is an assessment id;
 * PT_INVALID when there is no row. */
static int count_for_id(struct pt_store *s, const char *sql, const char *id, long *n,
                        struct pt_error *err)
{
    sqlite3_stmt *st = pt_store_prepare_id(s, sql, id);
    int step = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (step == SQLITE_ROW)
        *n = sqlite3_column_int(st, 0);
    else if (step == SQLITE_DONE)
        pt_error_set(err, "assessment %s staat niet in de database %s", id, s->path);
    else
        pt_store_dberr(s, err);
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? PT_OK : step == SQLITE_DONE ? PT_INVALID : PT_FAILED;
}

int pt_store_revision(struct pt_store *s, const char *id, long *revision,
                      struct pt_error *err)
{
    return count_for_id(s, "SELECT revision FROM assessment WHERE id = ?1", id, revision, err);
}

int pt_store_corrections(struct pt_store *s, const char *id, long *n, struct pt_error *err)
{
    /* Sheet 0 of an assessment is the score command: what import --replace
     * would overwrite with the sheets' values. */
    return count_for_id(s, "SELECT count(*) FROM score WHERE assessment_id = ?1 AND sheet = 0",
                        id, n, err);
}

static const struct {
    const char *sql;
    size_t ncols;
} listings[] = {
    [PT_LIST_ASSESSMENTS] = {
        "SELECT a.id, a.swv, a.date, a.rubric_id || '@' || a.rubric_version,"
        " (SELECT count(*) FROM case_doc c WHERE c.assessment_id = a.id),"
        " (SELECT count(*) FROM score x WHERE x.assessment_id = a.id),"
        " a.revision FROM assessment a ORDER BY a.swv, a.date, a.id", 7},
    [PT_LIST_CASES] = {
        "SELECT c.assessment_id, c.case_id, json_extract(c.doc, '$.sector'),"
        " json_extract(c.doc, '$.school_type'), coalesce(json_extract(c.doc, '$.grade'), ''),"
        " (SELECT count(*) FROM score x WHERE x.assessment_id = c.assessment_id"
        "  AND x.case_id = c.case_id)"
        " FROM case_doc c ORDER BY c.assessment_id, c.position", 6},
    [PT_LIST_RUBRICS] = {"SELECT id, version, title FROM rubric ORDER BY id, version", 3},
};

int pt_store_list(struct pt_store *s, enum pt_list_kind kind, struct pt_rows *out,
                  struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    out->ncols = listings[kind].ncols;
    if (sqlite3_prepare_v2(s->db, listings[kind].sql, -1, &st, NULL) != SQLITE_OK)
        return pt_store_dberr(s, err);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((out->nrows + 1) * out->ncols > cap) {
            cap = cap ? cap * 2 : 64 * out->ncols;
            out->cells = pt_xrealloc(out->cells, cap * sizeof *out->cells);
        }
        for (size_t i = 0; i < out->ncols; i++) {
            const unsigned char *v = sqlite3_column_text(st, (int)i);
            out->cells[out->nrows * out->ncols + i] = pt_xstrdup(v ? (const char *)v : "");
        }
        out->nrows++;
    }
    int rc = step == SQLITE_DONE ? PT_OK : pt_store_dberr(s, err);
    sqlite3_finalize(st);
    if (rc != PT_OK)
        pt_rows_free(out);
    return rc;
}

void pt_rows_free(struct pt_rows *r)
{
    for (size_t i = 0; i < r->nrows * r->ncols; i++)
        free(r->cells[i]);
    free(r->cells);
    memset(r, 0, sizeof *r);
}
