/*
 * check_store.c — the SQLite store: import all or nothing, read back the
 * same result, record and correct scores, schema versioning.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "score.h"
#include "app.h"
#include "store.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"

static char *tmp;
static char db[512], map[512];

static void setup(void)
{
    tmp = tu_fixture_mini(db, sizeof db, map, sizeof map);
}

static void teardown(void)
{
    tu_fixture_done(tmp);
}

/* The first column of sql's first row on the test's database (testdb.h). */
static long count(const char *sql)
{
    return tdb_count(db, sql);
}

static char *text_of(const char *sql)
{
    return tdb_value(db, sql, NULL);
}

/* praktijktoets score through the application layer, as the command does. */
static int set_score(const char *id, const char *rater, const char *kase, const char *crit,
                     const char *level, const char *comment, bool *changed, struct pt_diags *d)
{
    struct pt_app app = {.db_path = db};
    struct pt_score_input in = {id, rater, kase, crit, level, comment};
    struct pt_error err = {""};
    long revision = 0;
    int rc = pt_app_record_score(&app, &in, changed, &revision, d, &err);
    pt_app_close(&app);
    return rc;
}

static void import(struct pt_store *s, bool replace, int want)
{
    struct pt_toetsmap t = {0};
    struct pt_diags d = {0};
    struct pt_error err = {""};
    tu_load(map, &t);
    ck_assert_int_eq(pt_store_import(s, &t, replace, &d, &err), want);
    pt_diags_free(&d);
    pt_toetsmap_free(&t);
}

static char *result_json(struct pt_toetsmap *t)
{
    struct pt_result res;
    pt_score_compute(t, &res);
    cJSON *o = pt_result_to_json(&res);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    pt_result_free(&res);
    return s;
}

START_TEST(open_creates_schema)
{
    struct pt_store *s = NULL;
    struct pt_error err = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    pt_store_close(s);
    ck_assert_int_eq(count("PRAGMA user_version"), 4 /* schema version (4: the web app, issue 12) */);
    char *mode = text_of("PRAGMA journal_mode");
    ck_assert_str_eq(mode, "wal");
    free(mode);
    /* reopening an up-to-date database changes nothing */
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    pt_store_close(s);
    ck_assert_int_eq(count("PRAGMA user_version"), 4 /* schema version (4: the web app, issue 12) */);
}
END_TEST

/* Builds the database db from tests/fixtures/schema2.sql (made by the
 * schema-2 program: mini imported, then three score corrections), plus
 * extra SQL run after it. */
static void make_old_db(const char *extra)
{
    char *sql = tu_read("tests/fixtures/schema2.sql");
    tdb_exec(db, sql);
    if (extra)
        tdb_exec(db, extra);
    free(sql);
}

/* The same toetsmap and corrections, done by this program on a new database. */
static void make_new_db(const char *path)
{
    const char *imp[] = {"--db", path, "import", map, NULL};
    const char *c1[] = {"--db", path, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1",
                        "--criterion", "a1", "--level", "1", "--comment",
                        "Bijgesteld na overleg", NULL};
    const char *c2[] = {"--db", path, "score", "PT-MINI-1", "--rater", "r2", "--case", "K3",
                        "--criterion", "a1", "--level", "2", NULL};
    const char *c3[] = {"--db", path, "score", "PT-MINI-1", "--rater", "r2", "--case", "K3",
                        "--criterion", "a1", "--level", "3", NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, imp), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, c1), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, c2), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, c3), 0);
}

/* A database of schema 1 (before the outbox) with an assessment in it is
 * upgraded in place when opened: the outbox appears, the data stays. */
START_TEST(schema_1_is_upgraded_in_place)
{
    make_old_db("DROP TABLE outbox; PRAGMA user_version = 1");
    ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'outbox'"), 0);
    const char *list[] = {"--db", db, "outbox", "list", NULL};
    char *err = NULL;
    ck_assert_int_eq(tu_run(NULL, &err, NULL, list), 0);
    ck_assert_ptr_nonnull(strstr(err, "De wachtrij is leeg"));
    free(err);
    ck_assert_int_eq(count("PRAGMA user_version"), 4 /* schema version (4: the web app, issue 12) */);
    ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'outbox'"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 24);
}
END_TEST

/* Schema 2 → 3: score becomes a WITHOUT ROWID table with its file kept per
 * sheet, and the log keeps only the corrections, each with the value it
 * replaced. The upgraded database gives the same result, rows and log as
 * the same work done by this program on a new database. */
START_TEST(schema_2_is_upgraded_in_place)
{
    make_old_db(NULL);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log"), 26);
    const char *assess_old[] = {"--db", db, "assess", "PT-MINI-1", "--format", "json", NULL};
    char *old_json = NULL;
    ck_assert_int_eq(tu_run(&old_json, NULL, NULL, assess_old), 0);
    ck_assert_int_eq(count("PRAGMA user_version"), 4 /* schema version (4: the web app, issue 12) */);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 24);
    ck_assert_int_eq(count("SELECT count(*) FROM sheet"), 4);
    ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE name = 'score'"
                           " AND sql LIKE '%WITHOUT ROWID%'"), 1);
    char *ok = text_of("PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* The first correction replaced the imported 3 of r1's sheet. */
    char *first = text_of("SELECT revision || ' ' || old_level || ' ' || old_nvt || ' '"
                          " || old_source || ' -> ' || level || ' ' || comment || ' ' || source"
                          " FROM score_log ORDER BY seq LIMIT 1");
    ck_assert_str_eq(first, "2 3 0 mini/scores/r1.json -> 1 Bijgesteld na overleg praktijktoets score");
    free(first);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log WHERE old_nvt IS NULL"), 1);

    char other[600];
    snprintf(other, sizeof other, "%s/new.db", tmp);
    make_new_db(other);
    const char *assess_new[] = {"--db", other, "assess", "PT-MINI-1", "--format", "json", NULL};
    char *new_json = NULL;
    ck_assert_int_eq(tu_run(&new_json, NULL, NULL, assess_new), 0);
    ck_assert_str_eq(old_json, new_json);
    free(old_json);
    free(new_json);
    /* Same scores, same sheets, same log (but for the time). */
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
    char attach[700];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS n", other);
    ck_assert_int_eq(sqlite3_exec(h, attach, NULL, NULL, NULL), SQLITE_OK);
    /* The new database's sheets have the path of the temporary copy. */
    char sheets_sql[700], log_sql[1200];
    snprintf(sheets_sql, sizeof sheets_sql, "SELECT count(*) FROM (SELECT * FROM main.sheet EXCEPT"
             " SELECT assessment_id, no, replace(path, '%s/', '') FROM n.sheet)", tmp);
    snprintf(log_sql, sizeof log_sql, "SELECT count(*) FROM (SELECT revision, case_id, criterion,"
             " rater, old_level, old_nvt, old_comment, old_source, level, nvt, comment, source"
             " FROM main.score_log EXCEPT SELECT revision, case_id, criterion, rater, old_level,"
             " old_nvt, old_comment, replace(old_source, '%s/', ''), level, nvt, comment, source"
             " FROM n.score_log)", tmp);
    const char *diffs[] = {
        "SELECT count(*) FROM (SELECT assessment_id, case_id, criterion, rater, level, nvt, comment,"
        " sheet FROM main.score EXCEPT SELECT assessment_id, case_id, criterion, rater, level, nvt,"
        " comment, sheet FROM n.score)",
        sheets_sql,
        log_sql,
        "SELECT count(*) FROM n.score_log",
    };
    const long want[] = {0, 0, 0, 3};
    for (size_t i = 0; i < sizeof diffs / sizeof diffs[0]; i++) {
        sqlite3_stmt *st;
        ck_assert_int_eq(sqlite3_prepare_v2(h, diffs[i], -1, &st, NULL), SQLITE_OK);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_int_eq(sqlite3_column_int64(st, 0), want[i]);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
}
END_TEST

START_TEST(newer_schema_refused)
{
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(h);
    struct pt_store *s = NULL;
    struct pt_error err = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_FAILED);
    ck_assert_ptr_nonnull(strstr(err.msg, "schemaversie 99"));
}
END_TEST

START_TEST(import_stores_everything_once)
{
    struct pt_store *s = NULL;
    struct pt_error err = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    import(s, false, PT_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM assessment"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM case_doc"), 3);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
    ck_assert_int_eq(count("SELECT count(*) FROM score WHERE nvt = 1"), 6);
    ck_assert_int_eq(count("SELECT count(*) FROM rubric"), 1);
    /* again: refused, nothing doubled */
    import(s, false, PT_INVALID);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
    /* --replace: replaced, revision counts on */
    import(s, true, PT_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    pt_store_close(s);
}
END_TEST

START_TEST(stored_equals_folder)
{
    struct pt_store *s = NULL;
    struct pt_toetsmap a = {0}, b = {0};
    struct pt_diags d = {0};
    struct pt_error err = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    import(s, false, PT_OK);
    tu_load(map, &a);
    ck_assert_int_eq(pt_store_load(s, "PT-MINI-1", &b, &d, &err), PT_OK);
    char *x = result_json(&a), *y = result_json(&b);
    ck_assert_str_eq(x, y);
    cJSON_free(x);
    cJSON_free(y);
    pt_toetsmap_free(&a);
    pt_toetsmap_free(&b);
    ck_assert_int_eq(pt_store_load(s, "PT-NIET", &b, &d, &err), PT_INVALID);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.items[0].message, "staat niet in de database"));
    pt_toetsmap_free(&b);
    pt_diags_free(&d);
    pt_store_close(s);
}
END_TEST

START_TEST(rubric_is_immutable)
{
    struct pt_store *s = NULL;
    struct pt_error err = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    import(s, false, PT_OK);
    /* same rubric id@version, other content, other assessment */
    char path[600];
    snprintf(path, sizeof path, "%s/rubric.json", map);
    char *r = tu_read(path);
    char *at = strstr(r, "Kleine testrubric");
    memcpy(at, "Andere testrubric", 17);
    tu_write(path, r);
    free(r);
    snprintf(path, sizeof path, "%s/assessment.json", map);
    char *a = tu_read(path);
    at = strstr(a, "PT-MINI-1");
    memcpy(at, "PT-MINI-2", 9);
    tu_write(path, a);
    free(a);
    snprintf(path, sizeof path, "%s/scores/r1.json", map);
    a = tu_read(path);
    at = strstr(a, "PT-MINI-1");
    memcpy(at, "PT-MINI-2", 9);
    tu_write(path, a);
    free(a);
    import(s, false, PT_INVALID);
    ck_assert_int_eq(count("SELECT count(*) FROM assessment"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
    pt_store_close(s);
}
END_TEST

START_TEST(score_records_and_corrects)
{
    struct pt_store *s = NULL;
    struct pt_diags d = {0};
    struct pt_error err = {""};
    bool changed;
    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    import(s, false, PT_OK);
    /* new score: K3 a1 by r2 (the blank row of the CSV) */
    ck_assert_int_eq(set_score("PT-MINI-1", "r2", "K3", "a1", "2", "Alsnog", &changed, &d), PT_OK);
    ck_assert(changed);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 24);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    /* the same again: nothing changes */
    ck_assert_int_eq(set_score("PT-MINI-1", "r2", "K3", "a1", "2", NULL, &changed, &d), PT_OK);
    ck_assert(!changed);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    /* a correction keeps the comment when none is given */
    ck_assert_int_eq(set_score("PT-MINI-1", "r2", "K3", "a1", "3", NULL, &changed, &d), PT_OK);
    ck_assert(changed);
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r2' AND case_id='K3' AND criterion='a1'"), 3);
    char *c = text_of("SELECT comment FROM score WHERE rater='r2' AND case_id='K3' AND criterion='a1'");
    ck_assert_str_eq(c, "Alsnog");
    free(c);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log WHERE case_id='K3' AND rater='r2' AND criterion='a1'"), 2);
    /* the log: first a new score (nothing before it), then 2 → 3 with the comment kept */
    char *log = text_of("SELECT group_concat(coalesce(old_level, '-') || '>' || level || ' '"
                        " || comment || ' r' || revision, '; ') FROM (SELECT * FROM score_log"
                        " ORDER BY seq)");
    ck_assert_str_eq(log, "->2 Alsnog r2; 2>3 Alsnog r3");
    free(log);
    /* refused: off the scale, nvt where not allowed, unknown rater */
    ck_assert_int_eq(set_score("PT-MINI-1", "r2", "K3", "a1", "5", NULL, &changed, &d), PT_INVALID);
    ck_assert_int_eq(set_score("PT-MINI-1", "r2", "K3", "a1", "nvt", NULL, &changed, &d), PT_INVALID);
    ck_assert_int_eq(set_score("PT-MINI-1", "r7", "K3", "a1", "2", NULL, &changed, &d), PT_INVALID);
    ck_assert_int_eq(set_score("PT-NIET", "r2", "K3", "a1", "2", NULL, &changed, &d), PT_INVALID);
    ck_assert_uint_eq(d.n, 4);
    char line[512];
    pt_diag_format(&d.items[0], line, sizeof line);
    ck_assert_str_eq(line, "praktijktoets score: --level: niveau \"5\" staat niet op de schaal 1–4 van rubric mini@1");
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r2' AND case_id='K3' AND criterion='a1'"), 3);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 3);
    pt_diags_free(&d);
    pt_store_close(s);
}
END_TEST

/* A score whose sheet number has no sheet (there is no foreign key on it)
 * makes the stored assessment unreadable, said as such, not a crash. */
START_TEST(score_without_sheet_is_damage)
{
    const char *imp[] = {"--db", db, "import", map, NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, imp), 0);
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(h, "UPDATE score SET sheet = 99 WHERE case_id = 'K2'"
                                  " AND criterion = 'a1' AND rater = 'r1'", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_changes(h), 1);
    sqlite3_close(h);
    const char *assess[] = {"--db", db, "assess", "PT-MINI-1", NULL};
    char *err = NULL;
    ck_assert_int_eq(tu_run(NULL, &err, NULL, assess), 1);
    ck_assert_ptr_nonnull(strstr(err, "assessment \"PT-MINI-1\" is in de database beschadigd"));
    free(err);
}
END_TEST

/* Killed half way through the import transaction: nothing stored, and the
 * database is intact. */
START_TEST(import_killed_half_way)
{
    const char *args[] = {"--db", db, "import", map, NULL};
    int st = tu_run(NULL, NULL, "PT_TEST_KILL_AFTER_ROWS=10", args);
    ck_assert_int_eq(st, -9);
    char *ok = text_of("PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(count("SELECT count(*) FROM assessment"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 0);
    /* and the next import succeeds whole */
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, args), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
}
END_TEST

/* Killed at many points of the import, and in the middle of a score
 * correction: the database is intact and holds all of it or none. */
START_TEST(killed_at_many_points)
{
    const char *args[] = {"--db", db, "import", map, NULL};
    const long points[] = {1, 2, 7, 12, 22, 23};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        char env[64];
        snprintf(env, sizeof env, "PT_TEST_KILL_AFTER_ROWS=%ld", points[i]);
        ck_assert_int_eq(tu_run(NULL, NULL, env, args), -9);
        char *ok = text_of("PRAGMA integrity_check");
        ck_assert_str_eq(ok, "ok");
        free(ok);
        ck_assert_int_eq(count("SELECT count(*) FROM score"), 0);
        ck_assert_int_eq(count("SELECT count(*) FROM case_doc"), 0);
        ck_assert_int_eq(count("SELECT count(*) FROM assessment"), 0);
    }
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, args), 0);
    const char *score[] = {"--db", db, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1",
                           "--criterion", "a1", "--level", "1", NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_AFTER_ROWS=0", score), -9);
    char *ok = text_of("PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r1' AND case_id='K1' AND criterion='a1'"), 3);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log"), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, score), 0);
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r1' AND case_id='K1' AND criterion='a1'"), 1);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log WHERE old_level = 3 AND level = 1"), 1);
}
END_TEST

/* Killed half way through import --replace: the stored version, with its
 * correction and its log, is still there whole. The replace, run again,
 * goes through and the log of corrections stays. */
START_TEST(replace_killed_keeps_the_old_version)
{
    const char *imp[] = {"--db", db, "import", map, NULL};
    const char *score[] = {"--db", db, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1",
                           "--criterion", "a1", "--level", "1", NULL};
    const char *replace[] = {"--db", db, "import", "--replace", "--discard-corrections", map,
                             NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, imp), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, score), 0);
    ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_AFTER_ROWS=10", replace), -9);
    char *ok = text_of("PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 23);
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r1' AND case_id='K1' AND criterion='a1'"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM sheet"), 4);
    /* and the replace, run again, goes through whole */
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, replace), 0);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 3);
    ck_assert_int_eq(count("SELECT level FROM score WHERE rater='r1' AND case_id='K1' AND criterion='a1'"), 3);
    /* the correction made at revision 2 is still in the log */
    ck_assert_int_eq(count("SELECT count(*) FROM score_log WHERE revision = 2 AND old_level = 3"
                           " AND level = 1"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}
END_TEST

/* import of several maps killed in the second: the first is stored whole,
 * the second not at all. */
START_TEST(several_maps_killed_in_the_second)
{
    const char *args[] = {"--db", db, "import", map, "cases/voorbeeld-po", NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_AFTER_ROWS=100", args), -9);
    char *ok = text_of("PRAGMA integrity_check");
    ck_assert_str_eq(ok, "ok");
    free(ok);
    ck_assert_int_eq(count("SELECT count(*) FROM assessment"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM score WHERE assessment_id = 'PT-MINI-1'"), 23);
    ck_assert_int_eq(count("SELECT count(*) FROM score WHERE assessment_id <> 'PT-MINI-1'"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM case_doc WHERE assessment_id <> 'PT-MINI-1'"), 0);
}
END_TEST

/* A toetsmap of 2100 scores goes in with multi-row INSERTs (64 rows a
 * statement, the last one shorter): every score once, its sheet file once
 * per sheet, nothing in the log of corrections, read back to the same
 * result; killed after the first batches, nothing. */
START_TEST(large_import_in_batches)
{
    struct pt_store *s = NULL;
    struct pt_toetsmap a = {0}, b = {0};
    struct pt_diags d = {0};
    struct pt_error err = {""};
    const char *args[] = {"--db", db, "import", "cases/voorbeeld-po", NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_AFTER_ROWS=100", args), -9);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 0);
    ck_assert_int_eq(count("SELECT count(*) FROM sheet"), 0);

    ck_assert_int_eq(pt_store_open(db, PT_STORE_CREATE, &s, &err), PT_OK);
    tu_load("cases/voorbeeld-po", &a);
    ck_assert_uint_eq(a.nscores, 2100);
    ck_assert_int_eq(pt_store_import(s, &a, false, &d, &err), PT_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 2100);
    ck_assert_int_eq(count("SELECT count(*) FROM score_log"), 0);
    /* one sheet per rater, numbered in the order they were read */
    ck_assert_int_eq(count("SELECT count(*) FROM sheet"), (long)a.assessment->nteam);
    char *first = text_of("SELECT path FROM sheet WHERE no = 1");
    ck_assert_str_eq(first, a.scores[0].source);
    free(first);
    char *src = text_of("SELECT h.path FROM score s JOIN sheet h ON h.assessment_id ="
                        " s.assessment_id AND h.no = s.sheet WHERE s.rater = 'r1'"
                        " AND s.case_id = 'C01' AND s.criterion = 'ond-signalering'");
    ck_assert_str_eq(src, a.scores[0].source);
    free(src);
    ck_assert_int_eq(pt_store_load(s, "PT-PO2899-2014-1", &b, &d, &err), PT_OK);
    char *x = result_json(&a), *y = result_json(&b);
    ck_assert_str_eq(x, y);
    cJSON_free(x);
    cJSON_free(y);
    for (size_t i = 0; i < b.nscores; i++) { /* each score knows its sheet again */
        const struct pt_score *o = &b.scores[i];
        size_t slot = pt_toetsmap_slot(&a, o->kase, o->criterion, o->rater);
        ck_assert_uint_ne(slot, 0);
        ck_assert_str_eq(o->source, a.scores[slot - 1].source);
    }
    pt_toetsmap_free(&b);
    /* --replace: the revision counts on, the rows are the new ones */
    ck_assert_int_eq(pt_store_import(s, &a, true, &d, &err), PT_OK);
    ck_assert_int_eq(count("SELECT count(*) FROM score"), 2100);
    ck_assert_int_eq(count("SELECT count(*) FROM sheet"), (long)a.assessment->nteam);
    ck_assert_int_eq(count("SELECT revision FROM assessment"), 2);
    ck_assert_uint_eq(d.n, 0);
    pt_toetsmap_free(&a);
    pt_diags_free(&d);
    pt_store_close(s);
}
END_TEST

Suite *store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("sqlite");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, open_creates_schema);
    tcase_add_test(tc, schema_1_is_upgraded_in_place);
    tcase_add_test(tc, schema_2_is_upgraded_in_place);
    tcase_add_test(tc, replace_killed_keeps_the_old_version);
    tcase_add_test(tc, several_maps_killed_in_the_second);
    tcase_add_test(tc, score_without_sheet_is_damage);
    tcase_add_test(tc, newer_schema_refused);
    tcase_add_test(tc, import_stores_everything_once);
    tcase_add_test(tc, stored_equals_folder);
    tcase_add_test(tc, rubric_is_immutable);
    tcase_add_test(tc, score_records_and_corrects);
    tcase_add_test(tc, import_killed_half_way);
    tcase_add_test(tc, killed_at_many_points);
    tcase_add_test(tc, large_import_in_batches);
    suite_add_tcase(s, tc);
    return s;
}
