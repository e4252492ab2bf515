/*
 * store_web_sql.h — helpers shared by store_web.c and store_web_score.c
 * (not a public interface).
 */
#ifndef PT_STORE_WEB_SQL_H
#define PT_STORE_WEB_SQL_H

#include <stddef.h>

#include <sqlite3.h>

#include "store_db.h"
#include "store_web.h"

/* Schema 3 → 4 (store.c's migration list names it; private to the store). */
#define PT_STORE_WEB_MIGRATION \
    "CREATE TABLE web_invitation (" \
    "  id INTEGER PRIMARY KEY," \
    "  assessment_id TEXT NOT NULL," \
    "  token_hash TEXT NOT NULL UNIQUE," \
    "  prefix TEXT NOT NULL," \
    "  role TEXT NOT NULL CHECK (role IN ('rater', 'coordinator', 'reader'))," \
    "  rater TEXT," \
    "  audience TEXT CHECK (audience IN ('swv', 'opr'))," \
    "  created_at INTEGER NOT NULL," \
    "  expires_at INTEGER NOT NULL," \
    "  last_used_at INTEGER," \
    "  revoked_at INTEGER," \
    "  CHECK ((role = 'rater') = (rater IS NOT NULL))," \
    "  CHECK ((role = 'reader') = (audience IS NOT NULL))" \
    ") STRICT;" \
    "CREATE INDEX web_invitation_assessment ON web_invitation (assessment_id);" \
    "CREATE TABLE web_session (" \
    "  hash TEXT PRIMARY KEY," \
    "  invitation_id INTEGER NOT NULL REFERENCES web_invitation (id) ON DELETE CASCADE," \
    "  csrf TEXT NOT NULL," \
    "  idle_expires INTEGER NOT NULL" \
    ") STRICT, WITHOUT ROWID;" \
    "CREATE TABLE web_phase (" \
    "  assessment_id TEXT PRIMARY KEY," \
    "  phase TEXT NOT NULL CHECK (phase IN ('scoring', 'discussion', 'closed'))" \
    ") STRICT;" \
    "CREATE TABLE web_phase_log (" \
    "  seq INTEGER PRIMARY KEY," \
    "  assessment_id TEXT NOT NULL," \
    "  phase TEXT NOT NULL," \
    "  who TEXT NOT NULL," \
    "  note TEXT," \
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))" \
    ") STRICT;" \
    "CREATE TABLE web_handin (" \
    "  assessment_id TEXT NOT NULL," \
    "  rater TEXT NOT NULL," \
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))," \
    "  PRIMARY KEY (assessment_id, rater)" \
    ") STRICT, WITHOUT ROWID;" \
    "CREATE TABLE web_correction (" \
    "  log_seq INTEGER PRIMARY KEY REFERENCES score_log (seq)," \
    "  reason TEXT NOT NULL," \
    "  who TEXT NOT NULL" \
    ") STRICT;"


int pt_sw_begin(sqlite3 *db, struct pt_error *err);
/* COMMIT, or ROLLBACK and PT_FAILED. */
int pt_sw_commit(sqlite3 *db, struct pt_error *err);
void pt_sw_rollback(sqlite3 *db);
/* The end of a write begun with pt_sw_begin: COMMIT when rc is PT_OK, else
 * ROLLBACK and rc (err already says why). */
int pt_sw_end(sqlite3 *db, int rc, struct pt_error *err);
/* Inside a write transaction: stores the current phase. */
int pt_sw_fix_phase(sqlite3 *db, const char *id, enum pt_phase *out, struct pt_error *err);

#endif
