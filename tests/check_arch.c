/*
 * check_arch.c — what the command line promises since issue 10 (and the
 * parts of 11 and 16 that live in the command line, the application layer
 * and the store): one option table with named unknown options and "bedoelde
 * u …?", --db on either side of the command, read-only commands that never
 * create a database, Dutch system and database errors, check listing every
 * problem, previous checked, corrections not discarded silently.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

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


START_TEST(unknown_option_is_named_with_a_suggestion)
{
    char *out = NULL, *err = NULL;
    TU_RUN(2, "report", map, "--format", "md", "--audiance", "opr");
    ck_assert_str_eq(err, "praktijktoets report: onbekende optie '--audiance'; bedoelde u "
                          "'--audience'?\nZie 'praktijktoets report --help'.\n");
    TU_RUN(2, "list", "--frobnicate");
    ck_assert_str_eq(err, "praktijktoets list: onbekende optie '--frobnicate'\n"
                          "Zie 'praktijktoets list --help'.\n");
    TU_RUN(2, "assess", map, "--format");
    ck_assert_str_eq(err, "praktijktoets assess: optie '--format' vraagt een waarde\n"
                          "Zie 'praktijktoets assess --help'.\n");
    TU_RUN(2, "import", map, "--replace=ja");
    ck_assert_str_eq(err, "praktijktoets import: optie '--replace' heeft geen waarde\n"
                          "Zie 'praktijktoets import --help'.\n");
    TU_RUN(2, "--dbb", db, "list");
    ck_assert_ptr_nonnull(strstr(err, "praktijktoets: onbekende optie '--dbb'; bedoelde u '--db'?\n"));
    free(out);
    free(err);
}
END_TEST

START_TEST(mistyped_command_gets_a_suggestion)
{
    char *out = NULL, *err = NULL;
    TU_RUN(2, "asess", map);
    ck_assert_str_eq(err, "praktijktoets: onbekende opdracht \"asess\"; bedoelde u 'assess'?\n");
    TU_RUN(2, "outbx");
    ck_assert_str_eq(err, "praktijktoets: onbekende opdracht \"outbx\"; bedoelde u 'outbox'?\n");
    TU_RUN(2, "xyzzy");
    ck_assert_ptr_nonnull(strstr(err, "praktijktoets: onbekende opdracht \"xyzzy\"\ngebruik:"));
    free(out);
    free(err);
}
END_TEST

START_TEST(db_before_and_after_the_command)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "import", map, "--db", db);
    TU_RUN(0, "list", "--db", db);
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1\t"));
    TU_RUN(0, "--db", db, "list", "rubrics");
    ck_assert_ptr_nonnull(strstr(out, "rubric\tversie\ttitel\nmini\t1\t"));
    TU_RUN(0, "assess", "--db=" "/nonexistent/ignored.db", "--db", db, "PT-MINI-1");
    free(out);
    free(err);
}
END_TEST

/* list, assess ID, report ID and outbox list only read: no database file
 * appears, and they say there is none yet. */
START_TEST(read_only_commands_never_create_a_database)
{
    char *out = NULL, *err = NULL;
    char want[700];
    snprintf(want, sizeof want, "praktijktoets: %s: de database bestaat nog niet (eerst "
             "praktijktoets import)\n", db);
    TU_RUN(3, "--db", db, "list");
    ck_assert_str_eq(err, want);
    ck_assert_str_eq(out, "");
    TU_RUN(3, "--db", db, "list", "cases");
    TU_RUN(3, "--db", db, "outbox", "list");
    ck_assert_str_eq(err, want);
    TU_RUN(3, "--db", db, "assess", "PT-MINI-1");
    ck_assert_ptr_nonnull(strstr(err, "bestaat nog niet (eerst praktijktoets import)"));
    TU_RUN(3, "--db", db, "report", "PT-MINI-1", "--format", "md");
    ck_assert_ptr_nonnull(strstr(err, "bestaat nog niet (eerst praktijktoets import)"));
    ck_assert_int_ne(access(db, F_OK), 0);
    free(out);
    free(err);
}
END_TEST

START_TEST(system_and_database_errors_in_dutch)
{
    char *out = NULL, *err = NULL;
    char path[700];
    TU_RUN(1, "--db", "/nonexistent/dir/x.db", "import", map);
    ck_assert_ptr_nonnull(strstr(err, "praktijktoets: /nonexistent/dir/x.db: database kan niet "
                                      "worden geopend: het bestand kan niet worden geopend"));
    ck_assert_ptr_null(strstr(err, "unable to open"));
    snprintf(path, sizeof path, "%s/geen.db", tmp);
    tu_write(path, "dit is tekst, geen database, en lang genoeg om als kop gelezen te worden "
                   "door SQLite die honderd bytes wil zien voordat hij iets zegt.\n");
    TU_RUN(1, "--db", path, "list");
    ck_assert_ptr_nonnull(strstr(err, "dit bestand is geen database"));
    ck_assert_ptr_null(strstr(err, "file is not a database"));
    snprintf(path, sizeof path, "%s/mini/cases/K9.json", tmp);
    TU_RUN(3, "check", path);
    ck_assert_ptr_nonnull(strstr(err, "K9.json: bestaat niet\n"));
    snprintf(path, sizeof path, "%s/nergens/rapport.md", tmp);
    TU_RUN(1, "report", map, "--format", "md", "-o", path);
    ck_assert_msg(strstr(err, "rapport.md: kan niet worden geschreven: bestaat niet") != NULL,
                  "%s", err);
    ck_assert_ptr_null(strstr(err, "No such file"));
    free(out);
    free(err);
}
END_TEST

START_TEST(report_output_says_where)
{
    char *out = NULL, *err = NULL;
    char path[700], want[800];
    snprintf(path, sizeof path, "%s/rapport.html", tmp);
    TU_RUN(0, "report", map, "--format", "html", "--audience", "team", "-o", path);
    snprintf(want, sizeof want, "Rapport (html, team) geschreven naar %s\n", path);
    ck_assert_str_eq(err, want);
    ck_assert_str_eq(out, "");
    char *html = tu_read(path);
    ck_assert_ptr_nonnull(strstr(html, "<html"));
    free(html);
    TU_RUN(0, "--help");
    ck_assert_ptr_nonnull(strstr(out, "[--benchmark]"));
    ck_assert_ptr_nonnull(strstr(out, "--discard-corrections"));
    ck_assert_ptr_nonnull(strstr(out, "--db BESTAND (voor of na de opdracht)"));
    free(out);
    free(err);
}
END_TEST

START_TEST(score_message_has_its_space)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(3, "--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K1", "--criterion",
        "a1", "--level", "7");
    ck_assert_str_eq(err, "praktijktoets score: --level: niveau \"7\" staat niet op de schaal "
                          "1–4 van rubric mini@1\n");
    free(out);
    free(err);
}
END_TEST

/* The README's example: a level 5 in a sheet and a phone number in a case
 * are both reported in one run. */
START_TEST(check_lists_every_problem_in_every_file)
{
    char *out = NULL, *err = NULL;
    char file[700];
    snprintf(file, sizeof file, "%s/scores/r2.csv", map);
    tu_replace(file, "r2;K1;a1;4;", "r2;K1;a1;5;");
    snprintf(file, sizeof file, "%s/cases/K1.json", map);
    tu_replace(file, "Leerling met een leesachterstand;", "Leerling (moeder 06-12345678);");
    TU_RUN(3, "check", map);
    ck_assert_ptr_nonnull(strstr(err, "r2.csv:2: niveau \"5\" staat niet op de schaal"));
    ck_assert_ptr_nonnull(strstr(err, "telefoonnummer"));
    ck_assert_ptr_nonnull(strstr(err, "praktijktoets check: 2 problemen gevonden\n"));
    free(out);
    free(err);
}
END_TEST

/* A sheet checked on its own is checked against the toetsmap it sits in;
 * outside one, check says what it could not check. */
START_TEST(check_sheet_on_its_own)
{
    char *out = NULL, *err = NULL;
    char file[700], loose[700], want[2000];
    snprintf(file, sizeof file, "%s/scores/r2.csv", map);
    tu_replace(file, "r2;K1;a1;4;", "r2;K1;a1;5;");
    TU_RUN(3, "check", file);
    ck_assert_ptr_nonnull(strstr(err, "r2.csv:2: niveau \"5\" staat niet op de schaal"));
    snprintf(loose, sizeof loose, "%s/los.csv", tmp);
    char *s = tu_read(file);
    tu_write(loose, s);
    free(s);
    TU_RUN(0, "check", loose);
    snprintf(want, sizeof want, "%s: vorm in orde; de niveaus, beoordelaars en casussen zijn "
             "niet gecontroleerd (geen toetsmap gevonden: zet het scoreblad in scores/ van "
             "zijn toetsmap, of geef --rubric)\n", loose);
    ck_assert_str_eq(out, want);
    ck_assert_ptr_null(strstr(out, ": in orde"));
    /* with --rubric: levels and criteria are checked against it */
    char rubric[700];
    snprintf(rubric, sizeof rubric, "%s/rubric.json", map);
    TU_RUN(3, "check", loose, "--rubric", rubric);
    ck_assert_ptr_nonnull(strstr(err, "los.csv:2: niveau \"5\" staat niet op de schaal 1–4 van "
                                      "rubric mini@1\n"));
    tu_replace(loose, "r2;K1;a1;5;", "r2;K1;a1;4;");
    TU_RUN(0, "check", "--rubric", rubric, loose);
    snprintf(want, sizeof want, "%s: niveaus en criteria in orde volgens %s; beoordelaars en "
             "casussen zijn niet gecontroleerd (geen toetsmap)\n", loose, rubric);
    ck_assert_str_eq(out, want);
    tu_replace(loose, "r2;K1;a1;4;", "r2;K1;zz9;4;");
    TU_RUN(3, "check", "--rubric", rubric, loose);
    ck_assert_ptr_nonnull(strstr(err, "criterium \"zz9\" staat niet in rubric mini@1"));
    free(out);
    free(err);
}
END_TEST

/* previous must be an earlier assessment of the same SWV with the same
 * rubric. */
START_TEST(previous_must_fit)
{
    char *out = NULL, *err = NULL;
    char next[600], file[700];
    TU_RUN(0, "--db", db, "import", map);
    snprintf(next, sizeof next, "%s/next", tmp);
    tu_copy(map, next);
    snprintf(file, sizeof file, "%s/assessment.json", next);
    tu_replace(file, "\"PT-MINI-1\"", "\"PT-MINI-2\", \"previous\": \"PT-MINI-1\"");
    snprintf(file, sizeof file, "%s/scores/r1.json", next);
    tu_replace(file, "PT-MINI-1", "PT-MINI-2");
    /* the same date: not an earlier round */
    TU_RUN(3, "--db", db, "import", next);
    ck_assert_ptr_nonnull(strstr(err, ":previous: vorige praktijktoets PT-MINI-1 is niet eerder "
                                      "afgenomen"));
    TU_RUN(3, "--db", db, "check", next);
    ck_assert_ptr_nonnull(strstr(err, "is niet eerder afgenomen"));
    snprintf(file, sizeof file, "%s/assessment.json", next);
    tu_replace(file, "2014-03-12", "2015-03-12");
    TU_RUN(0, "--db", db, "check", next);
    TU_RUN(0, "--db", db, "import", next);
    free(out);
    free(err);
}
END_TEST

START_TEST(replace_keeps_corrections_unless_told)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K1", "--criterion",
        "a1", "--level", "1");
    TU_RUN(3, "--db", db, "import", "--replace", map);
    ck_assert_ptr_nonnull(strstr(err, "assessment PT-MINI-1 heeft 1 correctie met praktijktoets "
                                      "score; import --replace zou die wissen. Voeg "
                                      "--discard-corrections toe"));
    TU_RUN(0, "--db", db, "assess", "PT-MINI-1", "--format", "json");
    ck_assert_ptr_nonnull(strstr(out, "\"assessment\":\t\"PT-MINI-1\""));
    TU_RUN(2, "--db", db, "import", "--discard-corrections", map);
    TU_RUN(0, "--db", db, "import", "--replace", "--discard-corrections", map);
    ck_assert_ptr_nonnull(strstr(err, "revisie 3"));
    free(out);
    free(err);
}
END_TEST

/* The application layer on its own: why a previous assessment does not fit,
 * and that it never needs a database to say so. */
START_TEST(app_previous_fits_names_the_reason)
{
    struct pt_toetsmap t = {0};
    struct pt_assessment prev;
    struct pt_diags d = {0};
    char line[700];
    tu_load(map, &t);
    const struct pt_assessment *a = t.assessment;
    prev = *a;
    prev.id = "PT-MINI-0";
    prev.date = "2013-03-12";
    ck_assert(pt_app_previous_fits(a, &prev, "x", &d));
    ck_assert_uint_eq(d.n, 0);
    prev.swv = "VO 99-01";
    ck_assert(!pt_app_previous_fits(a, &prev, "x", &d));
    prev.swv = a->swv;
    prev.rubric_id = "vo-gereedheid";
    ck_assert(!pt_app_previous_fits(a, &prev, "x", &d));
    prev.rubric_id = a->rubric_id;
    prev.date = "2014-03-13";
    ck_assert(!pt_app_previous_fits(a, &prev, "x", &d));
    prev = *a;
    ck_assert(!pt_app_previous_fits(a, &prev, "x", &d));
    ck_assert_uint_eq(d.n, 4);
    pt_diag_format(&d.items[0], line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "x:previous: vorige praktijktoets PT-MINI-0 is van een "
                                       "ander samenwerkingsverband (VO 99-01, "));
    pt_diag_format(&d.items[1], line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "gebruikt een andere rubric"));
    pt_diag_format(&d.items[2], line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "is niet eerder afgenomen"));
    pt_diag_format(&d.items[3], line, sizeof line);
    ck_assert_ptr_nonnull(strstr(line, "is dit assessment zelf"));
    pt_diags_free(&d);
    pt_toetsmap_free(&t);
}
END_TEST

/* Read-only application functions leave no database behind. */
START_TEST(app_read_only_functions_create_nothing)
{
    struct pt_app app = {.db_path = db};
    struct pt_rows rows;
    struct pt_outbox_entry *v = NULL;
    size_t n = 0;
    struct pt_error err = {""};
    struct pt_toetsmap t = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(pt_app_list(&app, PT_LIST_ASSESSMENTS, &rows, &err), PT_INVALID);
    ck_assert_ptr_nonnull(strstr(err.msg, "de database bestaat nog niet"));
    ck_assert_int_eq(pt_app_outbox(&app, &v, &n, &err), PT_INVALID);
    ck_assert_int_eq(pt_app_load(&app, "PT-MINI-1", &t, &d, &err), PT_INVALID);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_int_ne(access(db, F_OK), 0);
    pt_diags_free(&d);
    pt_toetsmap_free(&t);
    pt_app_close(&app);
}
END_TEST

Suite *arch_suite(void)
{
    Suite *s = suite_create("arch");
    TCase *tc = tcase_create("messages");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, unknown_option_is_named_with_a_suggestion);
    tcase_add_test(tc, mistyped_command_gets_a_suggestion);
    tcase_add_test(tc, db_before_and_after_the_command);
    tcase_add_test(tc, read_only_commands_never_create_a_database);
    tcase_add_test(tc, system_and_database_errors_in_dutch);
    tcase_add_test(tc, report_output_says_where);
    tcase_add_test(tc, score_message_has_its_space);
    tcase_add_test(tc, check_lists_every_problem_in_every_file);
    tcase_add_test(tc, check_sheet_on_its_own);
    tcase_add_test(tc, previous_must_fit);
    tcase_add_test(tc, replace_keeps_corrections_unless_told);
    tcase_add_test(tc, app_previous_fits_names_the_reason);
    tcase_add_test(tc, app_read_only_functions_create_nothing);
    suite_add_tcase(s, tc);
    return s;
}
