/*
 * check_cli.c — the command line end to end (cli.md): the real program on
 * fixture toetsmappen, its exit statuses, stdout and stderr.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

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


START_TEST(assess_json_only_on_stdout)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "assess", map, "--format", "json");
    cJSON *o = cJSON_Parse(out);
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(o, "format")->valuestring, "praktijktoets-result/1");
    cJSON *overall = cJSON_GetObjectItemCaseSensitive(o, "overall");
    ck_assert(cJSON_GetObjectItemCaseSensitive(overall, "score")->valuedouble == 2.58);
    cJSON *verdict = cJSON_GetObjectItemCaseSensitive(o, "verdict");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(verdict, "id")->valuestring, "onvoldoende");
    cJSON_Delete(o);
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
}
END_TEST

START_TEST(assess_text_in_dutch)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "assess", map);
    ck_assert_ptr_nonnull(strstr(out, "OORDEEL: Onvoldoende"));
    ck_assert_ptr_nonnull(strstr(out, "Totaalscore 2,58 op een schaal van 1 tot 4 (52,78%)."));
    ck_assert_ptr_nonnull(strstr(out, "deden mee: gemeente ontbreekt."));
    /* no case text in the summary */
    ck_assert_ptr_null(strstr(out, "leesachterstand"));
    free(out);
    free(err);
}
END_TEST

START_TEST(usage_errors)
{
    char *out = NULL, *err = NULL;
    TU_RUN(2, "assess", map, "--bogus");
    TU_RUN(2, "assess", map, "--format", "xml");
    TU_RUN(2, "frobnicate");
    TU_RUN(2, "--db", db);
    TU_RUN(2, "score", "PT-MINI-1", "--rater", "r1");
    TU_RUN(0, "assess", "--help");
    ck_assert_ptr_nonnull(strstr(out, "gebruik: praktijktoets assess"));
    TU_RUN(0, "version");
    ck_assert_ptr_nonnull(strstr(out, "praktijktoets "));
    free(out);
    free(err);
}
END_TEST

START_TEST(invalid_input_exit_3)
{
    char *out = NULL, *err = NULL;
    char path[600];
    snprintf(path, sizeof path, "%s/scores/r2.csv", map);
    char *s = tu_read(path);
    char *at = strstr(s, "r2;K1;b1;2;");
    at[9] = '7';
    tu_write(path, s);
    free(s);
    TU_RUN(3, "assess", map, "--format", "json");
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "/mini/scores/r2.csv:4: niveau \"7\" staat niet op de schaal 1–4 van rubric mini@1\n"));
    TU_RUN(3, "--db", db, "import", map);
    ck_assert_int_ne(access(db, F_OK), 0); /* refused before anything was opened or stored */
    TU_RUN(3, "assess", "/nergens/map");
    TU_RUN(3, "--db", db, "assess", "PT-NIET");
    free(out);
    free(err);
}
END_TEST

START_TEST(check_lists_every_problem)
{
    char *out = NULL, *err = NULL;
    char bad[600], good[600];
    snprintf(bad, sizeof bad, "%s/bad-case.json", tmp);
    snprintf(good, sizeof good, "%s/cases/K1.json", map);
    tu_write(bad, "{\"format\": \"praktijktoets-case/1\", \"id\": \"X1\", \"swv\": \"PO 27-01\","
                  " \"sector\": \"mbo\", \"school_type\": \"bao\", \"adres\": \"Dorpsstraat 1\","
                  " \"summary\": \"Bel 06-12345678\"}");
    TU_RUN(3, "check", good, bad);
    ck_assert_ptr_nonnull(strstr(out, "/mini/cases/K1.json: in orde\n"));
    ck_assert_ptr_nonnull(strstr(err, "bad-case.json:summary: bevat een telefoonnummer"));
    ck_assert_ptr_nonnull(strstr(err, "bad-case.json:adres: onbekend veld \"adres\""));
    ck_assert_ptr_nonnull(strstr(err, "bad-case.json:sector: sector moet po of vo zijn"));
    /* issue 13: the value of the unknown field is an address as well */
    ck_assert_ptr_nonnull(strstr(err, "bad-case.json:adres: bevat een adres"));
    ck_assert_ptr_nonnull(strstr(err, "4 problemen gevonden"));
    ck_assert_ptr_null(strstr(err, "12345678"));
    ck_assert_ptr_null(strstr(err, "Dorpsstraat"));
    TU_RUN(0, "check", map, "rubrics");
    free(out);
    free(err);
}
END_TEST

START_TEST(import_list_assess_score)
{
    char *out = NULL, *err = NULL, *dir_json = NULL;
    TU_RUN(0, "assess", map, "--format", "json");
    dir_json = out;
    out = NULL;
    TU_RUN(0, "--db", db, "import", map);
    ck_assert_ptr_nonnull(strstr(err, "Opgeslagen: assessment PT-MINI-1 (3 casussen, 23 scores, revisie 1)"));
    TU_RUN(3, "--db", db, "import", map);
    ck_assert_ptr_nonnull(strstr(err, "staat al in de database"));
    TU_RUN(0, "--db", db, "list");
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1\tPO 27-01\t2014-03-12\tmini@1\t3\t23\t1\n"));
    TU_RUN(0, "--db", db, "list", "cases");
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1\tK2\tpo\tbao\t\t8\n"));
    TU_RUN(0, "--db", db, "list", "rubrics");
    ck_assert_ptr_nonnull(strstr(out, "mini\t1\tKleine testrubric\n"));
    TU_RUN(0, "--db", db, "assess", "PT-MINI-1", "--format", "json");
    ck_assert_str_eq(out, dir_json);
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K2", "--criterion",
        "a2", "--level", "4", "--comment", "Na herbeoordeling");
    ck_assert_ptr_nonnull(strstr(err, "revisie 2"));
    TU_RUN(0, "--db", db, "assess", "PT-MINI-1", "--format", "json");
    ck_assert_ptr_nonnull(strstr(out, "\"id\":\t\"a2\",\n\t\t\t\t\t\"status\":\t\"scored\",\n\t\t\t\t\t\"score\":\t2.5"));
    TU_RUN(3, "--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K2", "--criterion",
        "a2", "--level", "vijf");
    ck_assert_ptr_nonnull(strstr(err, "niveau \"vijf\" is geen schaalwaarde (1–4) en geen \"nvt\""));
    /* PRAKTIJKTOETS_DB is the default database */
    const char *args[] = {"list", NULL};
    char env[600];
    snprintf(env, sizeof env, "PRAKTIJKTOETS_DB=%s", db);
    free(out);
    ck_assert_int_eq(tu_run(&out, NULL, env, args), 0);
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1"));
    free(dir_json);
    free(out);
    free(err);
}
END_TEST

/* import takes several toetsmappen, each in its own transaction: a refused
 * one does not stop the others, and the exit status says one was refused. */
START_TEST(import_several_maps)
{
    char *out = NULL, *err = NULL;
    char second[600], path[700], missing[600];
    snprintf(second, sizeof second, "%s/mini2", tmp);
    snprintf(missing, sizeof missing, "%s/bestaat-niet", tmp);
    tu_copy(map, second);
    const char *files[] = {"assessment.json", "scores/r1.json"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", second, files[i]);
        char *s = tu_read(path);
        char *at = strstr(s, "PT-MINI-1");
        ck_assert_ptr_nonnull(at);
        at[8] = '2';
        tu_write(path, s);
        free(s);
    }
    TU_RUN(3, "--db", db, "import", map, missing, second);
    ck_assert_ptr_nonnull(strstr(err, "Opgeslagen: assessment PT-MINI-1 (3 casussen, 23 scores, revisie 1)"));
    ck_assert_ptr_nonnull(strstr(err, "/bestaat-niet: is geen map"));
    ck_assert_ptr_nonnull(strstr(err, "Opgeslagen: assessment PT-MINI-2 (3 casussen, 23 scores, revisie 1)"));
    ck_assert_ptr_nonnull(strstr(err, "2 van de 3 toetsmappen opgeslagen\n"));
    TU_RUN(0, "--db", db, "list");
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1\tPO 27-01\t2014-03-12\tmini@1\t3\t23\t1\n"));
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-2\tPO 27-01\t2014-03-12\tmini@1\t3\t23\t1\n"));
    TU_RUN(3, "--db", db, "import", map, second);
    ck_assert_ptr_nonnull(strstr(err, "0 van de 2 toetsmappen opgeslagen\n"));
    TU_RUN(0, "--db", db, "import", "--replace", map, second);
    ck_assert_ptr_nonnull(strstr(err, "PT-MINI-2 (3 casussen, 23 scores, revisie 2)"));
    ck_assert_ptr_nonnull(strstr(err, "2 van de 2 toetsmappen opgeslagen\n"));
    TU_RUN(2, "--db", db, "import");
    free(out);
    free(err);
}
END_TEST

/* The blank sheet a rater fills in with a spreadsheet is read back. */
START_TEST(blank_sheet_round_trip)
{
    char *out = NULL, *err = NULL;
    char sheet[600], path[600];
    snprintf(sheet, sizeof sheet, "%s/blank.csv", tmp);
    TU_RUN(3, "sheet", map, "--rater", "r9");
    TU_RUN(0, "sheet", map, "--rater", "r3", "-o", sheet);
    char *s = tu_read(sheet);
    ck_assert_ptr_nonnull(s);
    ck_assert(strncmp(s, "\xEF\xBB\xBF" "beoordelaar;casus;criterium;niveau;toelichting;domein;"
                      "vraag;schaal\r\n", 68) == 0);
    ck_assert_ptr_nonnull(strstr(s, "r3;K1;a1;;;Domein A;Vraag a1?;\"1 = onvoldoende, 2 = matig, 3 = voldoende, 4 = goed\"\r\n"));
    ck_assert_ptr_nonnull(strstr(s, "r3;K3;b1;;;Domein B;Vraag b1?;\"1 = onvoldoende, 2 = matig, 3 = voldoende, 4 = goed, nvt = niet van toepassing\"\r\n"));
    /* 3 cases × 3 criteria + header */
    size_t lines = 0;
    for (const char *p = s; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, 10);
    /* a blank sheet in scores/ adds nothing; filled in, it adds scores */
    snprintf(path, sizeof path, "%s/scores/r3.csv", map);
    tu_write(path, s);
    TU_RUN(0, "--db", db, "import", map);
    ck_assert_ptr_nonnull(strstr(err, "16 scores"));
    char *at = strstr(s, "r3;K3;a1;;");
    memcpy(at, "r3;K3;a1;2", 10);
    tu_write(path, s);
    TU_RUN(0, "--db", db, "import", "--replace", map);
    ck_assert_ptr_nonnull(strstr(err, "17 scores, revisie 2"));
    free(s);
    free(out);
    free(err);
}
END_TEST

/* The report shows what changed since the previous praktijktoets when that
 * one is in the database; rater ids only for the team. */
START_TEST(report_trend_and_audience)
{
    char *out = NULL, *err = NULL;
    char next[600], path[700];
    snprintf(next, sizeof next, "%s/next", tmp);
    tu_copy(map, next);
    TU_RUN(0, "--db", db, "import", map);
    snprintf(path, sizeof path, "%s/assessment.json", next);
    char *s = tu_read(path);
    struct pt_buf b = {0};
    char *at = strstr(s, "\"PT-MINI-1\"");
    pt_buf_add(&b, s, (size_t)(at - s));
    pt_buf_adds(&b, "\"PT-MINI-2\", \"previous\": \"PT-MINI-1\"");
    pt_buf_adds(&b, at + strlen("\"PT-MINI-1\""));
    /* a later round: a previous praktijktoets is an earlier one */
    memcpy(strstr(b.data, "2014-03-12"), "2015-03-12", 10);
    tu_write(path, b.data);
    pt_buf_free(&b);
    free(s);
    snprintf(path, sizeof path, "%s/scores/r1.json", next);
    s = tu_read(path);
    at = strstr(s, "PT-MINI-1");
    memcpy(at, "PT-MINI-2", 9);
    at = strstr(s, "\"level\": 1}");
    at[9] = '3';
    tu_write(path, s);
    free(s);
    TU_RUN(0, "--db", db, "report", next, "--format", "md", "--audience", "opr");
    ck_assert_ptr_nonnull(strstr(out, "## Ontwikkeling sinds de vorige praktijktoets\n\n"
                                      "Vergeleken met PT-MINI-1 van 2014-03-12."));
    ck_assert_ptr_nonnull(strstr(out, "| Domein A | 2,50 | 2,83 | ▲ +0,33 |"));
    ck_assert_ptr_null(strstr(out, "r1"));
    TU_RUN(0, "--db", db, "report", next, "--format", "html", "--audience", "team", "-o", path);
    char *h = tu_read(path);
    ck_assert_ptr_nonnull(strstr(h, "Ontwikkeling sinds de vorige praktijktoets"));
    ck_assert_ptr_nonnull(strstr(h, "r1 (management)"));
    free(h);
    TU_RUN(2, "report", next, "--format", "pdf");
    TU_RUN(2, "report", next, "--format", "md", "--audience", "iedereen");
    free(out);
    free(err);
}
END_TEST

START_TEST(sample_toetsmap_assesses)
{
    char *out = NULL, *err = NULL;
    if (access("cases/voorbeeld-po/assessment.json", F_OK) != 0)
        return;
    TU_RUN(0, "assess", "cases/voorbeeld-po", "--format", "json");
    cJSON *o = cJSON_Parse(out);
    ck_assert_ptr_nonnull(o);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "complete")));
    cJSON_Delete(o);
    TU_RUN(0, "check", "cases/voorbeeld-po", "rubrics");
    free(out);
    free(err);
}
END_TEST

Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("end to end");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, assess_json_only_on_stdout);
    tcase_add_test(tc, assess_text_in_dutch);
    tcase_add_test(tc, usage_errors);
    tcase_add_test(tc, invalid_input_exit_3);
    tcase_add_test(tc, check_lists_every_problem);
    tcase_add_test(tc, import_list_assess_score);
    tcase_add_test(tc, import_several_maps);
    tcase_add_test(tc, blank_sheet_round_trip);
    tcase_add_test(tc, report_trend_and_audience);
    tcase_add_test(tc, sample_toetsmap_assesses);
    suite_add_tcase(s, tc);
    return s;
}
