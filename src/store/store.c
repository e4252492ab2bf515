/*
 * store.c — opening the database, the schema and its migrations, listings.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_web.h"

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

int pt_store_open(const char *path, struct pt_store *s, char *err, size_t errsize)
{
    memset(s, 0, sizeof *s);
    s->path = pt_xstrdup(path);
    if (pt_db_open(path, PT_DB_ONE_THREAD, &s->db, err, errsize) != 0 ||
        pt_db_migrate(s->db, path, "praktijktoets", migrations, NMIGRATIONS, err, errsize) != 0) {
        pt_store_close(s);
        return PT_FAILED;
    }
    return PT_OK;
}

void pt_store_close(struct pt_store *s)
{
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    s->db = NULL;
    s->path = NULL;
}

int pt_store_revision(struct pt_store *s, const char *id, long *revision,
                      char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    if (sqlite3_prepare_v2(s->db, "SELECT revision FROM assessment WHERE id = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *revision = sqlite3_column_int(st, 0);
        rc = PT_OK;
    } else if (step == SQLITE_DONE) {
        snprintf(err, errsize, "assessment %s staat niet in de database %s", id, s->path);
        rc = PT_INVALID;
    }
cleanup:
    if (rc == PT_FAILED)
        snprintf(err, errsize, "%s: database: %s", s->path, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return rc;
}

int pt_store_list(struct pt_store *s, const char *what, struct pt_buf *out,
                  char *err, size_t errsize)
{
    const char *sql;
    const char *header;
    int ncols;
    if (strcmp(what, "assessments") == 0) {
        sql = "SELECT a.id, a.swv, a.date, a.rubric_id || '@' || a.rubric_version,"
              " (SELECT count(*) FROM case_doc c WHERE c.assessment_id = a.id),"
              " (SELECT count(*) FROM score x WHERE x.assessment_id = a.id),"
              " a.revision FROM assessment a ORDER BY a.swv, a.date, a.id";
        header = "assessment\tswv\tdatum\trubric\tcasussen\tscores\trevisie";
        ncols = 7;
    } else if (strcmp(what, "cases") == 0) {
        sql = "SELECT c.assessment_id, c.case_id, json_extract(c.doc, '$.sector'),"
              " json_extract(c.doc, '$.school_type'), coalesce(json_extract(c.doc, '$.grade'), ''),"
              " (SELECT count(*) FROM score x WHERE x.assessment_id = c.assessment_id"
              "  AND x.case_id = c.case_id)"
              " FROM case_doc c ORDER BY c.assessment_id, c.position";
        header = "assessment\tcasus\tsector\tschoolsoort\tleerjaar\tscores";
        ncols = 6;
    } else if (strcmp(what, "rubrics") == 0) {
        sql = "SELECT id, version, title FROM rubric ORDER BY id, version";
        header = "rubric\tversie\ttitel";
        ncols = 3;
    } else {
        snprintf(err, errsize, "onbekende lijst \"%s\" (assessments, cases of rubrics)", what);
        return PT_USAGE;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "%s: database: %s", s->path, sqlite3_errmsg(s->db));
        return PT_FAILED;
    }
    pt_buf_printf(out, "%s\n", header);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            pt_buf_printf(out, "%s%s", i ? "\t" : "", v ? (const char *)v : "");
        }
        pt_buf_addc(out, '\n');
    }
    int rc = step == SQLITE_DONE ? PT_OK : PT_FAILED;
    if (rc != PT_OK)
        snprintf(err, errsize, "%s: database: %s", s->path, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return rc;
}
