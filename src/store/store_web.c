/*
 * store_web.c — invitations, sessions and phases of the web app (see
 * store_web.h). Scores, hand-ins and progress are in store_web_score.c.
 */
#include "store_web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_sha256.h"
#include "secret.h"
#include "store_web_sql.h"

static const char *const phase_names[] = {"scoring", "discussion", "closed"};
static const char *const role_names[] = {"rater", "coordinator", "reader"};

const char *pt_phase_name(enum pt_phase p)
{
    return pt_name_at(PT_NAMES(phase_names), (size_t)p);
}

PT_NAME_PARSER(pt_phase_parse, enum pt_phase, phase_names)

const char *pt_web_role_name(enum pt_web_role r)
{
    return pt_name_at(PT_NAMES(role_names), (size_t)r);
}

/* An unknown role reads as the one that may do least. */
static enum pt_web_role role_parse(const char *s)
{
    int i = pt_name_index(PT_NAMES(role_names), s);
    return i < 0 ? PT_WEB_READER : (enum pt_web_role)i;
}

void pt_web_hash(const char *secret, char out[65])
{
    uint8_t d[PC_SHA256_SIZE];
    pc_sha256(secret, strlen(secret), d);
    pc_hex(d, sizeof d, out);
}

/* ---- small statement helpers (store_web_sql.h) ------------------------- */


/* Group commit (pt_web_batch_mode): this thread's writes run as savepoints
 * inside a transaction its caller opened and commits. */
static _Thread_local bool batch_mode;

void pt_web_batch_mode(bool on)
{
    batch_mode = on;
}

int pt_sw_begin(sqlite3 *db, struct pt_error *err)
{
    if (pt_sql_exec(db, batch_mode ? "SAVEPOINT web_write" : "BEGIN IMMEDIATE", NULL, 0) !=
        SQLITE_OK)
        return pt_sql_fail(db, err);
    return PT_OK;
}

int pt_sw_commit(sqlite3 *db, struct pt_error *err)
{
    if (pt_sql_exec(db, batch_mode ? "RELEASE web_write" : "COMMIT", NULL, 0) != SQLITE_OK) {
        int rc = pt_sql_fail(db, err);
        pt_sw_rollback(db);
        return rc;
    }
    return PT_OK;
}

int pt_sw_end(sqlite3 *db, int rc, struct pt_error *err)
{
    if (rc == PT_OK)
        return pt_sw_commit(db, err);
    pt_sw_rollback(db);
    return rc;
}

void pt_sw_rollback(sqlite3 *db)
{
    if (batch_mode)
        sqlite3_exec(db, "ROLLBACK TO web_write; RELEASE web_write", NULL, NULL, NULL);
    else if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- assessments --------------------------------------------------------- */

/* The team of a stored assessment: whether rater is on it, and whether the
 * assessment exists. */
static int team_has(sqlite3 *db, const char *id, const char *rater, bool *exists, bool *member,
                    struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    const struct pt_sql_arg args[] = {PT_SQL_TEXT(id), PT_SQL_TEXT(rater ? rater : "")};
    int step = pt_sql_step(db, "SELECT EXISTS (SELECT 1 FROM json_each(a.doc, '$.team') t"
                               " WHERE json_extract(t.value, '$.id') = ?2) FROM assessment a"
                               " WHERE a.id = ?1", args, 2, &st);
    *exists = step == SQLITE_ROW;
    *member = *exists && sqlite3_column_int(st, 0) != 0;
    return pt_sql_done(db, NULL, st, step, err);
}

static int not_stored(const char *id, struct pt_error *err)
{
    pt_error_set(err, "assessment \"%s\" staat niet in de database (zie praktijktoets "
             "list)", id);
    return PT_INVALID;
}

/* ---- phases -------------------------------------------------------------- */

/* The stored phase: PT_OK with *found, or PT_FAILED with err. */
static int stored_phase(sqlite3 *db, const char *id, bool *found, enum pt_phase *out,
                        struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int step = pt_sql_step(db, "SELECT phase FROM web_phase WHERE assessment_id = ?1",
                           &PT_SQL_TEXT(id), 1, &st);
    *found = step == SQLITE_ROW &&
             pt_phase_parse((const char *)sqlite3_column_text(st, 0), out) == 0;
    return pt_sql_done(db, NULL, st, step, err);
}

static int phase_db(sqlite3 *db, const char *id, enum pt_phase *out, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    int rc = stored_phase(db, id, &found, out, err);
    if (rc != PT_OK || found)
        return rc;
    /* None stored: every team member has a score → discussion. */
    int step = pt_sql_step(db, "SELECT (SELECT phase FROM web_phase p WHERE p.assessment_id = a.id),"
                               " NOT EXISTS (SELECT 1 FROM json_each(a.doc, '$.team') t WHERE NOT EXISTS"
                               "  (SELECT 1 FROM score s WHERE s.assessment_id = a.id"
                               "   AND s.rater = json_extract(t.value, '$.id')))"
                               " FROM assessment a WHERE a.id = ?1", &PT_SQL_TEXT(id), 1, &st);
    const char *p = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (step == SQLITE_ROW && !p)
        *out = sqlite3_column_int(st, 1) ? PT_PHASE_DISCUSSION : PT_PHASE_SCORING;
    if (step == SQLITE_DONE)
        rc = not_stored(id, err);
    else if (step != SQLITE_ROW || (p && pt_phase_parse(p, out) != 0))
        rc = pt_sql_fail(db, err);
    pt_sql_finalize(st);
    return rc;
}

int pt_web_phase(struct pt_store *store, const char *id, enum pt_phase *out, struct pt_error *err)
{
    return phase_db(store->db, id, out, err);
}

/* Inside a write transaction: stores the phase the assessment has now, so
 * that scores entered later do not move it. */
int pt_sw_fix_phase(sqlite3 *db, const char *id, enum pt_phase *out, struct pt_error *err)
{
    int rc = phase_db(db, id, out, err);
    if (rc != PT_OK)
        return rc;
    const char *args[] = {id, pt_phase_name(*out)};
    if (pt_sql_exec(db, "INSERT OR IGNORE INTO web_phase (assessment_id, phase) VALUES (?1, ?2)",
                   args, 2) != SQLITE_OK)
        return pt_sql_fail(db, err);
    return PT_OK;
}

int pt_web_phase_init(struct pt_store *store, const char *id, enum pt_phase *out,
                      struct pt_error *err)
{
    sqlite3 *db = store->db;
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    rc = pt_sw_fix_phase(db, id, out, err);
    if (rc != PT_OK) {
        pt_sw_rollback(db);
        return rc;
    }
    return pt_sw_commit(db, err);
}

/* The team members who have not handed in, comma-separated, into note. */
static int missing_handins(sqlite3 *db, const char *id, char *note, size_t size)
{
    sqlite3_stmt *st = NULL;
    size_t used = 0;
    note[0] = '\0';
    if (pt_sql_prepare(db, "SELECT json_extract(t.value, '$.id') FROM assessment a,"
                           " json_each(a.doc, '$.team') t WHERE a.id = ?1 AND NOT EXISTS"
                           " (SELECT 1 FROM web_handin h WHERE h.assessment_id = a.id"
                           "  AND h.rater = json_extract(t.value, '$.id')) ORDER BY t.key",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW && used + 70 < size) {
        const char *r = (const char *)sqlite3_column_text(st, 0);
        int n = snprintf(note + used, size - used, "%s%s", used ? ", " : "", r ? r : "?");
        used += n > 0 ? (size_t)n : 0;
    }
    pt_sql_finalize(st);
    return step == SQLITE_DONE || step == SQLITE_ROW ? 0 : -1;
}

static bool move_allowed(enum pt_phase from, enum pt_phase to)
{
    return (from == PT_PHASE_SCORING && to == PT_PHASE_DISCUSSION) ||
           (from == PT_PHASE_DISCUSSION && to == PT_PHASE_CLOSED) ||
           (from == PT_PHASE_CLOSED && to == PT_PHASE_DISCUSSION);
}

int pt_web_phase_set(struct pt_store *store, const char *id, enum pt_phase to, const char *who,
                     struct pt_error *err)
{
    sqlite3 *db = store->db;
    enum pt_phase from;
    char missing[512] = "", note[600] = "";
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    rc = pt_sw_fix_phase(db, id, &from, err);
    if (rc != PT_OK || from == to)
        goto cleanup;
    if (!move_allowed(from, to)) {
        pt_error_set(err, "van fase %s kan niet naar fase %s (wel: scoring → discussion "
                 "→ closed, en closed → discussion om te heropenen)", pt_phase_name(from),
                 pt_phase_name(to));
        rc = PT_WEB_CONFLICT;
        goto cleanup;
    }
    if (from == PT_PHASE_SCORING) {
        if (missing_handins(db, id, missing, sizeof missing) != 0) {
            rc = pt_sql_fail(db, err);
            goto cleanup;
        }
        if (missing[0])
            snprintf(note, sizeof note, "verder zonder ingeleverd blad van %s", missing);
    }
    const char *args[] = {id, pt_phase_name(to), who, note[0] ? note : NULL};
    if (pt_sql_exec(db, "UPDATE web_phase SET phase = ?2 WHERE assessment_id = ?1", args, 2) !=
            SQLITE_OK ||
        pt_sql_exec(db, "INSERT INTO web_phase_log (assessment_id, phase, who, note)"
                   " VALUES (?1, ?2, ?3, ?4)", args, 4) != SQLITE_OK) {
        rc = pt_sql_fail(db, err);
        goto cleanup;
    }
    return pt_sw_commit(db, err);
cleanup:
    pt_sw_rollback(db);
    return rc;
}

int pt_web_phase_log(struct pt_store *store, const char *id, struct pt_buf *out, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    int step;
    if (pt_sql_prepare(db, "SELECT at, phase, who, coalesce(note, '') FROM web_phase_log"
                           " WHERE assessment_id = ?1 ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        return pt_sql_fail(db, err);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *note = (const char *)sqlite3_column_text(st, 3);
        pt_buf_printf(out, "%s  → %s  door %s%s%s\n", sqlite3_column_text(st, 0),
                      sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
                      note && *note ? "; " : "", note ? note : "");
    }
    int rc = step == SQLITE_DONE ? PT_OK : pt_sql_fail(db, err);
    pt_sql_finalize(st);
    return rc;
}

int pt_web_check_score(struct pt_store *store, const char *id, struct pt_error *err)
{
    sqlite3 *db = store->db;
    enum pt_phase p;
    int rc = phase_db(db, id, &p, err);
    if (rc != PT_OK || p == PT_PHASE_DISCUSSION)
        return rc == PT_INVALID ? PT_OK : rc; /* unknown id: score says so itself */
    pt_error_set(err, "assessment %s is in fase %s; score is een correctie en kan alleen "
             "in fase discussion (praktijktoets phase %s discussion)", id, pt_phase_name(p), id);
    return PT_INVALID;
}

/* Whether scores of id were entered in the browser. */
static int has_browser_scores(sqlite3 *db, const char *id, bool *out)
{
    sqlite3_stmt *st = NULL;
    int rc = PT_FAILED;
    if (pt_sql_prepare(db, "SELECT EXISTS (SELECT 1 FROM score s JOIN sheet h ON"
                      " h.assessment_id = s.assessment_id AND h.no = s.sheet"
                      " WHERE s.assessment_id = ?1 AND h.path LIKE 'browser:%')", -1, &st,
                      NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0) != 0;
            rc = PT_OK;
        }
    }
    pt_sql_finalize(st);
    return rc;
}

int pt_web_check_import(struct pt_store *store, const char *id, bool replace, struct pt_error *err)
{
    sqlite3 *db = store->db;
    enum pt_phase p;
    bool browser = false;
    if (!replace)
        return PT_OK;
    int rc = phase_db(db, id, &p, err);
    if (rc == PT_INVALID)
        return PT_OK; /* not stored yet */
    if (rc != PT_OK)
        return rc;
    if (p == PT_PHASE_CLOSED) {
        pt_error_set(err, "assessment %s is gesloten; heropen het eerst met praktijktoets "
                 "phase %s discussion", id, id);
        return PT_INVALID;
    }
    if (has_browser_scores(db, id, &browser) != PT_OK)
        return pt_sql_fail(db, err);
    if (browser) {
        pt_error_set(err, "assessment %s heeft scores die in de browser zijn ingevoerd; "
                 "import --replace zou ze wissen, er is niets vervangen", id);
        return PT_INVALID;
    }
    return PT_OK;
}

/* ---- invitations --------------------------------------------------------- */

int pt_web_invite(struct pt_store *store, const char *id, enum pt_web_role role, const char *rater,
                  const char *audience, long days, char *token, size_t tokensize,
                  struct pt_error *err)
{
    sqlite3 *db = store->db;
    bool exists, member;
    enum pt_phase phase;
    char hash[65], prefix[PT_WEB_PREFIX_LEN + 1];
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    rc = team_has(db, id, rater, &exists, &member, err);
    if (rc != PT_OK)
        goto cleanup;
    if (!exists) {
        rc = not_stored(id, err);
        goto cleanup;
    }
    if (role == PT_WEB_RATER && !member) {
        pt_error_set(err, "beoordelaar \"%s\" staat niet in het team van %s", rater, id);
        rc = PT_INVALID;
        goto cleanup;
    }
    if (days < 1 || days > 366) {
        pt_error_set(err, "--days moet tussen 1 en 366 liggen");
        rc = PT_USAGE;
        goto cleanup;
    }
    rc = pt_sw_fix_phase(db, id, &phase, err);
    if (rc != PT_OK)
        goto cleanup;
    if (pt_secret_random(24, token, tokensize) != 0) {
        pt_error_set(err, "geen willekeurige bytes van de kernel (getrandom)");
        rc = PT_FAILED;
        goto cleanup;
    }
    pt_web_hash(token, hash);
    memcpy(prefix, token, PT_WEB_PREFIX_LEN);
    prefix[PT_WEB_PREFIX_LEN] = '\0';
    sqlite3_stmt *st = NULL;
    if (pt_sql_prepare(db, "INSERT INTO web_invitation (assessment_id, token_hash, prefix,"
                           " role, rater, audience, created_at, expires_at) VALUES (?1, ?2, ?3,"
                           " ?4, ?5, ?6, unixepoch(), unixepoch() + ?7 * 86400)", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, prefix, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, pt_web_role_name(role), -1, SQLITE_STATIC);
        if (role == PT_WEB_RATER)
            sqlite3_bind_text(st, 5, rater, -1, SQLITE_STATIC);
        if (role == PT_WEB_READER)
            sqlite3_bind_text(st, 6, audience, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 7, days);
        rc = sqlite3_step(st) == SQLITE_DONE ? PT_OK : PT_FAILED;
    } else {
        rc = PT_FAILED;
    }
    pt_sql_finalize(st);
    if (rc != PT_OK) {
        pt_sql_fail(db, err);
        goto cleanup;
    }
    return pt_sw_commit(db, err);
cleanup:
    pt_sw_rollback(db);
    if (token && tokensize)
        token[0] = '\0';
    return rc;
}

static void format_time(long long t, char *buf, size_t size)
{
    if (!t) {
        snprintf(buf, size, "-");
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

int pt_web_invite_list(struct pt_store *store, const char *id, struct pt_buf *out, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    int step;
    if (pt_sql_prepare(db, "SELECT prefix, role, coalesce(rater, audience), expires_at,"
                           " coalesce(last_used_at, 0), coalesce(revoked_at, 0)"
                           " FROM web_invitation WHERE assessment_id = ?1 ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return pt_sql_fail(db, err);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    pt_buf_adds(out, "prefix\trol\twie\tverloopt (UTC)\tlaatst gebruikt\tingetrokken\n");
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char exp[32], used[32], rev[32];
        format_time(sqlite3_column_int64(st, 3), exp, sizeof exp);
        format_time(sqlite3_column_int64(st, 4), used, sizeof used);
        format_time(sqlite3_column_int64(st, 5), rev, sizeof rev);
        const unsigned char *who = sqlite3_column_text(st, 2);
        pt_buf_printf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", sqlite3_column_text(st, 0),
                      sqlite3_column_text(st, 1), who ? (const char *)who : "-", exp, used, rev);
    }
    int rc = step == SQLITE_DONE ? PT_OK : pt_sql_fail(db, err);
    pt_sql_finalize(st);
    return rc;
}

/* The one valid invitation of id whose link starts with prefix: PT_OK with
 * *inv, PT_INVALID (none, or several), PT_FAILED. */
static int invitation_by_prefix(sqlite3 *db, const char *id, const char *prefix,
                                long long *inv, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    int n = 0, step;
    if (pt_sql_prepare(db, "SELECT id FROM web_invitation WHERE assessment_id = ?1"
                           " AND revoked_at IS NULL AND substr(prefix, 1, length(?2)) = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return pt_sql_fail(db, err);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, prefix, (int)(strlen(prefix) > PT_WEB_PREFIX_LEN
                                              ? PT_WEB_PREFIX_LEN : strlen(prefix)),
                      SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        *inv = sqlite3_column_int64(st, 0);
        n++;
    }
    int rc = step == SQLITE_DONE ? PT_OK : pt_sql_fail(db, err);
    pt_sql_finalize(st);
    if (rc != PT_OK || n == 1)
        return rc;
    if (n)
        pt_error_set(err, "%d geldige links van %s beginnen met %s; geef meer tekens", n, id,
                     prefix);
    else
        pt_error_set(err, "geen geldige link van %s begint met %s", id, prefix);
    return PT_INVALID;
}

int pt_web_invite_revoke(struct pt_store *store, const char *id, const char *prefix, struct pt_error *err)
{
    sqlite3 *db = store->db;
    long long inv = 0;
    char num[32];
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    if (strlen(prefix) < 4) {
        pt_error_set(err, "geef minstens 4 tekens van het begin van de link (zie invite %s "
                 "--list)", id);
        rc = PT_USAGE;
    } else {
        rc = invitation_by_prefix(db, id, prefix, &inv, err);
    }
    snprintf(num, sizeof num, "%lld", inv);
    const char *args[] = {num};
    if (rc == PT_OK &&
        (pt_sql_exec(db, "UPDATE web_invitation SET revoked_at = unixepoch() WHERE id = ?1",
                    args, 1) != SQLITE_OK ||
         pt_sql_exec(db, "DELETE FROM web_session WHERE invitation_id = ?1", args, 1) != SQLITE_OK))
        rc = pt_sql_fail(db, err);
    return pt_sw_end(db, rc, err);
}

/* ---- sessions ------------------------------------------------------------ */

static void read_invitation(sqlite3_stmt *st, int col, struct pt_invitation *inv)
{
    const unsigned char *v;
    memset(inv, 0, sizeof *inv);
    inv->id = (long)sqlite3_column_int64(st, col);
    snprintf(inv->assessment, sizeof inv->assessment, "%s", sqlite3_column_text(st, col + 1));
    snprintf(inv->prefix, sizeof inv->prefix, "%s", sqlite3_column_text(st, col + 2));
    inv->role = role_parse((const char *)sqlite3_column_text(st, col + 3));
    if ((v = sqlite3_column_text(st, col + 4)))
        snprintf(inv->rater, sizeof inv->rater, "%s", v);
    if ((v = sqlite3_column_text(st, col + 5)))
        snprintf(inv->audience, sizeof inv->audience, "%s", v);
    inv->expires_at = sqlite3_column_int64(st, col + 6);
}

#define INV_COLS "i.id, i.assessment_id, i.prefix, i.role, i.rater, i.audience, i.expires_at"

int pt_web_session_start(struct pt_store *store, const char *token, long long now, bool *found,
                         char *sid, size_t sidsize, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    char hash[65], shash[65], csrf[48];
    struct pt_invitation inv;
    *found = false;
    pt_web_hash(token, hash);
    int rc = pt_sw_begin(db, err);
    if (rc != PT_OK)
        return rc;
    rc = PT_FAILED;
    if (pt_sql_prepare(db, "SELECT " INV_COLS " FROM web_invitation i WHERE i.token_hash = ?1"
                           " AND i.revoked_at IS NULL AND i.expires_at > ?2", -1, &st,
                           NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        rc = PT_OK;
        goto cleanup;
    }
    if (step != SQLITE_ROW)
        goto cleanup;
    read_invitation(st, 0, &inv);
    pt_sql_finalize(st);
    st = NULL;
    if (pt_secret_random(24, sid, sidsize) != 0 || pt_secret_random(24, csrf, sizeof csrf) != 0)
        goto cleanup;
    pt_web_hash(sid, shash);
    if (pt_sql_prepare(db, "INSERT INTO web_session (hash, invitation_id, csrf, idle_expires)"
                           " VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, shash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, inv.id);
    sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now + PT_WEB_SESSION_IDLE);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto cleanup;
    pt_sql_finalize(st);
    st = NULL;
    /* Expired sessions go when a new one starts. */
    if (pt_sql_prepare(db, "UPDATE web_invitation SET last_used_at = ?2 WHERE id = ?1;",
                           -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_int64(st, 1, inv.id);
    sqlite3_bind_int64(st, 2, now);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto cleanup;
    pt_sql_finalize(st);
    st = NULL;
    if (pt_sql_prepare(db, "DELETE FROM web_session WHERE idle_expires <= ?1", -1, &st,
                           NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_int64(st, 1, now);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto cleanup;
    pt_sql_finalize(st);
    st = NULL;
    rc = pt_sw_commit(db, err);
    *found = rc == PT_OK;
    return rc;
cleanup:
    if (rc == PT_FAILED)
        pt_sql_fail(db, err);
    pt_sql_finalize(st);
    pt_sw_rollback(db);
    if (sidsize)
        sid[0] = '\0';
    return rc;
}

int pt_web_session_get(struct pt_store *store, const char *sid, long long now, bool *found,
                       struct pt_session *out, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    char shash[65];
    long long idle = 0;
    int rc = PT_FAILED;
    *found = false;
    pt_web_hash(sid, shash);
    if (pt_sql_prepare(db, "SELECT " INV_COLS ", s.csrf, s.idle_expires FROM web_session s"
                           " JOIN web_invitation i ON i.id = s.invitation_id WHERE s.hash = ?1"
                           " AND s.idle_expires > ?2 AND i.revoked_at IS NULL"
                           " AND i.expires_at > ?2", -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_text(st, 1, shash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        read_invitation(st, 0, &out->inv);
        snprintf(out->csrf, sizeof out->csrf, "%s", sqlite3_column_text(st, 7));
        idle = sqlite3_column_int64(st, 8);
        *found = true;
    } else if (step != SQLITE_DONE) {
        goto cleanup;
    }
    pt_sql_finalize(st);
    st = NULL;
    rc = PT_OK;
    /* The idle expiry moves at most once a minute: not a write per request. */
    if (*found && idle < now + PT_WEB_SESSION_IDLE - 60) {
        if (pt_sql_prepare(db, "UPDATE web_session SET idle_expires = ?2 WHERE hash = ?1",
                               -1, &st, NULL) != SQLITE_OK) {
            rc = PT_FAILED;
            goto cleanup;
        }
        sqlite3_bind_text(st, 1, shash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, now + PT_WEB_SESSION_IDLE);
        rc = sqlite3_step(st) == SQLITE_DONE ? PT_OK : PT_FAILED;
    }
cleanup:
    if (rc == PT_FAILED)
        pt_sql_fail(db, err);
    pt_sql_finalize(st);
    return rc;
}

int pt_web_stamp(struct pt_store *store, const char *id, bool *found, long *revision, char *imported,
                 size_t size, struct pt_error *err)
{
    sqlite3 *db = store->db;
    sqlite3_stmt *st = NULL;
    int step = pt_sql_step(db, "SELECT revision, imported_at FROM assessment WHERE id = ?1",
                           &PT_SQL_TEXT(id), 1, &st);
    *found = step == SQLITE_ROW;
    if (*found) {
        *revision = (long)sqlite3_column_int64(st, 0);
        snprintf(imported, size, "%s", sqlite3_column_text(st, 1));
    }
    return pt_sql_done(db, NULL, st, step, err);
}
