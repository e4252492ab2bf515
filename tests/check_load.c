/*
 * check_load.c — loading and refusing input (formats.md): every refusal
 * names the file, the place and the reason, in one line; nothing is
 * accepted half.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assessment.h"
#include "jsonfield.h"
#include "rubric.h"
#include "sheet.h"
#include "csv.h"
#include "suites.h"
#include "testutil.h"
#include "toetsmap.h"
#include "util.h"

static char *tmp;    /* a temp folder holding a copy of the mini toetsmap */
static char map[512];

static void setup(void)
{
    tmp = tu_tmpdir();
    snprintf(map, sizeof map, "%s/mini", tmp);
    tu_copy("tests/fixtures/mini", map);
}

static void teardown(void)
{
    tu_rmrf(tmp);
    free(tmp);
}

/* Loads map; returns every diagnostic, one per line (caller frees). */
static char *problems(void)
{
    struct pt_toetsmap t = {0};
    struct pt_diags d = {0};
    struct pt_buf b = {0};
    int rc = pt_toetsmap_load_dir(map, &t, &d);
    for (size_t i = 0; i < d.n; i++) {
        char line[1024];
        pt_diag_format(&d.items[i], line, sizeof line);
        /* the temp prefix is not part of what we check */
        const char *p = strstr(line, "/mini/");
        pt_buf_printf(&b, "%s\n", p ? p + 1 : line);
    }
    ck_assert_int_eq(rc, d.n ? PT_INVALID : PT_OK);
    pt_diags_free(&d);
    pt_toetsmap_free(&t);
    return pt_buf_detach(&b);
}

static void put(const char *rel, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", map, rel);
    tu_write(path, text);
}

/* Replaces the first occurrence of from by to in a file of the map. */
static void edit(const char *rel, const char *from, const char *to)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", map, rel);
    tu_replace(path, from, to);
}

#define EXPECT_PREFIX(want) do { \
        char *got_ = problems(); \
        ck_assert_msg(strncmp(got_, want, strlen(want)) == 0, "got: %s", got_); \
        free(got_); \
    } while (0)

#define EXPECT(want) do { \
        char *got_ = problems(); \
        ck_assert_str_eq(got_, want); \
        free(got_); \
    } while (0)

START_TEST(fixture_accepted)
{
    struct pt_toetsmap t = {0};
    tu_load(map, &t);
    ck_assert_uint_eq(t.nscores, 23);
    ck_assert_str_eq(t.assessment->swv, "PO 27-01");   /* PO2701 normalised */
    ck_assert_str_eq(t.cases[1]->swv, "PO 27-01");      /* PO-27-01 normalised */
    /* the CSV comment with a ';' inside quotes, and the one with "" */
    ck_assert_str_eq(t.scores[9].comment, "Tijdig; met ouders");
    int found = 0;
    for (size_t i = 0; i < t.nscores; i++)
        if (t.scores[i].comment && strcmp(t.scores[i].comment, "Zwak, \"te laat\"") == 0)
            found = 1;
    ck_assert(found);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(unknown_field_in_case)
{
    edit("cases/K1.json", "\"grade\"", "\"naam\": \"Jan\", \"grade\"");
    /* issue 13: the value, a given name on its own, is refused as well */
    EXPECT("mini/cases/K1.json:naam: bevat een naam; een casus moet gepseudonimiseerd zijn "
           "(persoonsgegevens zijn niet toegestaan): vervang de naam door een rol, bijvoorbeeld "
           "'moeder', 'de leerling' of 'de mentor'\n"
           "mini/cases/K1.json:naam: onbekend veld \"naam\" (niet in het formaat)\n");
}
END_TEST

START_TEST(unknown_format)
{
    edit("assessment.json", "praktijktoets-assessment/1", "praktijktoets-assessment/2");
    EXPECT("mini/assessment.json:format: onbekend formaat \"praktijktoets-assessment/2\" "
           "(verwacht \"praktijktoets-assessment/1\")\n");
}
END_TEST

START_TEST(missing_format)
{
    edit("cases/K3.json", "\"format\": \"praktijktoets-case/1\",", "");
    EXPECT("mini/cases/K3.json:format: veld format ontbreekt (verwacht \"praktijktoets-case/1\")\n");
}
END_TEST

START_TEST(json_syntax_error_line)
{
    edit("cases/K2.json", "\"sector\": \"po\",", "\"sector\": \"po\"");
    EXPECT("mini/cases/K2.json:6: ongeldige JSON bij kolom 3\n");
}
END_TEST

START_TEST(level_not_on_scale_csv)
{
    edit("scores/r2.csv", "r2;K1;b1;2;", "r2;K1;b1;5;");
    EXPECT("mini/scores/r2.csv:4: niveau \"5\" staat niet op de schaal 1–4 van rubric mini@1\n");
}
END_TEST

START_TEST(level_not_on_scale_json)
{
    edit("scores/r1.json", "\"level\": 2}", "\"level\": 0}");
    EXPECT("mini/scores/r1.json:scores[3].level: niveau \"0\" staat niet op de schaal 1–4 "
           "van rubric mini@1\n");
}
END_TEST

START_TEST(level_not_integer_json)
{
    edit("scores/r1.json", "\"level\": 2}", "\"level\": 2.5}");
    EXPECT("mini/scores/r1.json:scores[3].level: niveau moet een schaalwaarde (geheel getal) "
           "of \"nvt\" zijn\n");
}
END_TEST

START_TEST(nvt_not_allowed)
{
    edit("scores/r2.csv", "r2;K1;a1;4;", "r2;K1;a1;nvt;");
    EXPECT("mini/scores/r2.csv:2: \"nvt\" is niet toegestaan bij criterium a1\n");
}
END_TEST

START_TEST(unknown_rater_case_criterion)
{
    edit("scores/r2.csv", "r2;K1;a1;4;", "r9;K7;zz;4;");
    EXPECT("mini/scores/r2.csv:2: beoordelaar \"r9\" staat niet in het team van PT-MINI-1\n"
           "mini/scores/r2.csv:2: casus \"K7\" hoort niet bij assessment PT-MINI-1\n"
           "mini/scores/r2.csv:2: criterium \"zz\" staat niet in rubric mini@1\n");
}
END_TEST

START_TEST(duplicate_score_over_sheets)
{
    put("scores/zz.csv", "rater,case,criterion,level\nr1,K1,a1,2\n");
    EXPECT_PREFIX("mini/scores/zz.csv:2: beoordelaar r1 heeft casus K1, criterium a1 al "
                  "gescoord in ");
    char *got = problems();
    ck_assert_ptr_nonnull(strstr(got, "/mini/scores/r1.json:scores[0]\n"));
    free(got);
}
END_TEST

START_TEST(sheet_of_other_assessment)
{
    edit("scores/r1.json", "\"assessment\": \"PT-MINI-1\"", "\"assessment\": \"PT-ANDER\"");
    EXPECT("mini/scores/r1.json:assessment: dit scoreblad hoort bij assessment \"PT-ANDER\", "
           "niet bij \"PT-MINI-1\"\n");
}
END_TEST

START_TEST(csv_missing_column)
{
    put("scores/r3.csv", "rater;case;niveau\nr3;K1;3\n");
    EXPECT("mini/scores/r3.csv:1: geen kopregel met beoordelaar, casus, criterium en niveau: "
           "in de eerste regel ontbreekt criterium (criterion); die heeft 3 velden, gescheiden "
           "door ';'. " PT_CSV_SAVE_HINT "\n");
}
END_TEST

/* Sheets as LibreOffice Calc saved them (tests/fixtures/spreadsheet): its
 * default Windows-1252 with commas, UTF-16, tabs, a title above the header,
 * the header sorted in among the rows, levels shown as "3,0" — each reads
 * as the same nine rows of r2, "één" and "geëvalueerd" intact. */
START_TEST(spreadsheet_saves)
{
    static const char *const files[] = {
        "lo-utf8-puntkomma.csv", "lo-standaard-1252-komma.csv", "lo-utf16-puntkomma.csv",
        "lo-tab-utf8.csv", "lo-titel-boven-kop.csv", "lo-kop-tussen-rijen.csv",
        "excel-stijl-unicode-tekst.csv",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char src[256];
        snprintf(src, sizeof src, "tests/fixtures/spreadsheet/%s", files[i]);
        char *data = tu_read(src);
        ck_assert_ptr_nonnull(data);
        char path[700];
        snprintf(path, sizeof path, "%s/scores/r2.csv", map);
        /* UTF-16 holds NUL bytes: copy the file as it is */
        tu_copy(src, path);
        free(data);
        struct pt_toetsmap t = {0};
        tu_load(map, &t);
        ck_assert_msg(t.nscores == 23, "%s: %zu scores", files[i], t.nscores);
        size_t found = 0;
        for (size_t k = 0; k < t.nscores; k++) {
            const struct pt_score *sc = &t.scores[k];
            if (strcmp(t.assessment->team[sc->rater].id, "r2") != 0)
                continue;
            if (sc->comment && strcmp(sc->comment, "Tijdig; één gesprek, geëvalueerd") == 0 &&
                sc->level == 3)
                found++;
            if (strcmp(t.assessment->case_ids[sc->kase], "K1") == 0 &&
                strcmp(t.rubric->criteria[sc->criterion].id, "a1") == 0)
                ck_assert_msg(sc->level == 4, "%s: K1 a1 level %d", files[i], sc->level);
        }
        ck_assert_msg(found == 1, "%s: the comment with één", files[i]);
        pt_toetsmap_free(&t);
    }
}
END_TEST

START_TEST(spreadsheet_wrong_separator)
{
    char path[700];
    snprintf(path, sizeof path, "%s/scores/r2.csv", map);
    tu_copy("tests/fixtures/spreadsheet/lo-verkeerd-scheidingsteken.csv", path);
    EXPECT("mini/scores/r2.csv:1: de kopregel staat in één cel: het blad is geopend met een "
           "ander scheidingsteken dan waarmee het was opgeslagen. " PT_CSV_SAVE_HINT "\n");
}
END_TEST

/* A level with a decimal comma counts only when it is whole. */
START_TEST(level_decimal_comma)
{
    put("scores/r3.csv", "rater;case;criterion;level\nr3;K1;a1;\"3,0\"\nr3;K1;a2;2.00\n"
        "r3;K2;a1;\"2,5\"\n");
    EXPECT("mini/scores/r3.csv:4: niveau \"2,5\" is geen schaalwaarde (1–4) en geen "
           "\"nvt\"\n");
}
END_TEST

START_TEST(unknown_sheet_format)
{
    put("scores/r4.xlsx", "PK");
    EXPECT("mini/scores/r4.xlsx: onbekend formaat: een scoreblad is .json of .csv (sla een "
           "spreadsheet op als CSV UTF-8)\n");
}
END_TEST

START_TEST(missing_case_file)
{
    edit("assessment.json", "\"K3\"]", "\"K3\", \"K4\"]");
    EXPECT_PREFIX("mini/assessment.json:cases[3]: casus \"K4\" niet gevonden in ");
}
END_TEST

START_TEST(case_of_other_swv)
{
    edit("cases/K3.json", "PO 27-01", "PO 28-01");
    EXPECT("mini/cases/K3.json:swv: de casus hoort bij een ander samenwerkingsverband dan het "
           "assessment (PO 27-01)\n");
}
END_TEST

START_TEST(timeline_out_of_order)
{
    edit("cases/K3.json", "2014-02-24", "2014-01-01");
    EXPECT("mini/cases/K3.json:timeline[1].date: de tijdlijn moet op datumvolgorde staan\n");
}
END_TEST

START_TEST(timeline_bad_date_and_event)
{
    edit("cases/K3.json", "\"2014-01-13\", \"event\": \"uitval\"",
         "\"2014-02-30\", \"event\": \"vakantie\"");
    EXPECT("mini/cases/K3.json:timeline[0].date: geen geldige datum (JJJJ-MM-DD)\n"
           "mini/cases/K3.json:timeline[0].event: onbekende gebeurtenis (zie formats.md: "
           "signalering, aanmelding, besluit, uitval, terugkeer, ...)\n");
}
END_TEST

START_TEST(privacy_bsn_in_case)
{
    edit("cases/K1.json", "leesachterstand;", "leesachterstand (BSN 111222333);");
    EXPECT("mini/cases/K1.json:summary: bevat een BSN; een casus moet gepseudonimiseerd zijn "
           "(persoonsgegevens zijn niet toegestaan): haal het nummer weg; de casus heeft genoeg "
           "aan zijn id (bijvoorbeeld 'C03')\n");
}
END_TEST

START_TEST(privacy_never_quotes_text)
{
    edit("cases/K1.json", "Toegelaten.", "Mail naar ouders@voorbeeld.nl, tel 06-12345678.");
    char *got = problems();
    ck_assert_ptr_nonnull(strstr(got, "mini/cases/K1.json:timeline[2].note: bevat een "));
    ck_assert_ptr_null(strstr(got, "voorbeeld.nl"));
    ck_assert_ptr_null(strstr(got, "12345678"));
    free(got);
}
END_TEST

START_TEST(privacy_lookalikes_accepted)
{
    edit("cases/K1.json", "leesachterstand;",
         "leesachterstand (nummer 123456789, postcode 1234 AB, sinds 12-03-2013, 2013 en 2014);");
    EXPECT("");
}
END_TEST

START_TEST(rubric_problems_all_listed)
{
    edit("rubric.json", "\"version\": 1,", "\"version\": 0,");
    edit("rubric.json", "{\"id\": \"b1\"", "{\"id\": \"a1\"");
    edit("rubric.json", "\"min_domain\": 2.0", "\"min_domain\": 7");
    edit("rubric.json", "\"3\": \"drie\", \"4\": \"vier\"}},", "\"3\": \"drie\"}},");
    EXPECT("mini/rubric.json:version: moet een geheel getal van 1 tot en met 1000000 zijn\n"
           "mini/rubric.json:domains[0].criteria[0].levels.4: verplicht veld ontbreekt\n"
           "mini/rubric.json:verdicts[1].min_domain: drempel 7 ligt niet binnen de schaal 1–4\n"
           "mini/rubric.json:domains[1].criteria[0].id: id \"a1\" komt al eerder voor in de rubric\n");
}
END_TEST

/* Two weights of 1e308 overflowed the weighted sums (null scores, "-nan"
 * in the text): a weight is at most 1000, refused at load. */
START_TEST(rubric_weight_at_most_1000)
{
    edit("rubric.json", "\"question\": \"Vraag a1?\", \"weight\": 1,",
         "\"question\": \"Vraag a1?\", \"weight\": 1e308,");
    edit("rubric.json", "\"question\": \"Vraag a2?\", \"weight\": 2,",
         "\"question\": \"Vraag a2?\", \"weight\": 1e308,");
    edit("rubric.json", "\"title\": \"Domein A\", \"weight\": 2,",
         "\"title\": \"Domein A\", \"weight\": 1000.5,");
    EXPECT("mini/rubric.json:domains[0].weight: een gewicht moet groter dan 0 en ten hoogste "
           "1000 zijn\n"
           "mini/rubric.json:domains[0].criteria[0].weight: een gewicht moet groter dan 0 en "
           "ten hoogste 1000 zijn\n"
           "mini/rubric.json:domains[0].criteria[1].weight: een gewicht moet groter dan 0 en "
           "ten hoogste 1000 zijn\n");
    edit("rubric.json", "1000.5", "1000");
    edit("rubric.json", "1e308", "1000");
    edit("rubric.json", "1e308", "0.001");
    struct pt_toetsmap t = {0};
    tu_load(map, &t);
    ck_assert(t.rubric->domains[0].weight == 1000.0);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(rubric_defaults)
{
    edit("rubric.json", "\"aggregation\": {\"method\": \"median\", \"min_raters\": 2, "
         "\"disagreement_spread\": 2},\n  \"critical_min\": 2,\n  \"perspective_gap\": 1.0,\n"
         "  \"min_cases\": 2,\n", "");
    struct pt_toetsmap t = {0};
    tu_load(map, &t);
    ck_assert_int_eq(t.rubric->method, PT_METHOD_MEDIAN);
    ck_assert_int_eq(t.rubric->min_raters, 2);
    ck_assert(t.rubric->disagreement_spread == 2.0);
    ck_assert(t.rubric->critical_min == 2.0); /* the second scale value */
    ck_assert(t.rubric->perspective_gap == 1.0);
    ck_assert_int_eq(t.rubric->min_cases, 3);
    ck_assert(t.rubric->domains[1].weight == 1.0);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(rubric_mismatch)
{
    edit("assessment.json", "mini@1", "mini@2");
    EXPECT("mini/rubric.json:id: dit is rubric mini@1, maar het assessment noemt mini@2\n");
}
END_TEST

START_TEST(rubric_looked_up)
{
    /* Without rubric.json the rubric comes from ./rubrics or PRAKTIJKTOETS_RUBRICS. */
    char rdir[600], from[600], to[700];
    snprintf(rdir, sizeof rdir, "%s/rubrics", tmp);
    snprintf(from, sizeof from, "%s/rubric.json", map);
    snprintf(to, sizeof to, "%s/mini.json", rdir);
    tu_copy("tests/fixtures/mini", rdir);   /* any folder; then put the rubric in */
    tu_copy(from, to);
    unlink(from);
    setenv("PRAKTIJKTOETS_RUBRICS", rdir, 1);
    EXPECT("");
    edit("assessment.json", "mini@1", "mini@3");
    char *got = problems();
    ck_assert_ptr_nonnull(strstr(got, "mini/assessment.json:rubric: rubric mini@3 niet gevonden"));
    free(got);
    unsetenv("PRAKTIJKTOETS_RUBRICS");
}
END_TEST

START_TEST(assessment_team_and_ids)
{
    edit("assessment.json", "{\"id\": \"r3\", \"role\": \"personeel\"}",
         "{\"id\": \"r2\", \"role\": \"leerling\"}");
    edit("assessment.json", "\"PT-MINI-1\"", "\"PT MINI 1\"");
    char *got = problems();
    ck_assert_ptr_nonnull(strstr(got, "mini/assessment.json:id: geen geldige id (1–64 tekens A-Z a-z 0-9 . _ -)\n"));
    ck_assert_ptr_nonnull(strstr(got, "mini/assessment.json:team[2].role: onbekende geleding \"leerling\""));
    ck_assert_ptr_nonnull(strstr(got, "mini/assessment.json:team[2].id: beoordelaar \"r2\" staat al eerder in het team\n"));
    free(got);
}
END_TEST

START_TEST(duplicate_key_refused)
{
    edit("cases/K2.json", "\"sector\": \"po\",", "\"sector\": \"po\", \"sector\": \"vo\",");
    EXPECT("mini/cases/K2.json:sector: veld \"sector\" komt meer dan eens voor\n");
}
END_TEST

START_TEST(swv_codes)
{
    char out[16];
    ck_assert_int_eq(pt_swv_normalise("PO 27-01", out), 0);
    ck_assert_str_eq(out, "PO 27-01");
    ck_assert_int_eq(pt_swv_normalise("PO2701", out), 0);
    ck_assert_str_eq(out, "PO 27-01");
    ck_assert_int_eq(pt_swv_normalise("VO-27-01", out), 0);
    ck_assert_str_eq(out, "VO 27-01");
    ck_assert_int_eq(pt_swv_normalise("po 27-01", out), 0);
    ck_assert_str_eq(out, "PO 27-01");
    ck_assert_int_eq(pt_swv_normalise("XO 27-01", out), -1);
    ck_assert_int_eq(pt_swv_normalise("PO 2701x", out), -1);
    ck_assert_int_eq(pt_swv_normalise("PO 27-1", out), -1);
}
END_TEST

START_TEST(dates)
{
    long d1, d2;
    ck_assert_int_eq(pt_date_parse("2014-03-12", &d1), 0);
    ck_assert_int_eq(pt_date_parse("2013-11-04", &d2), 0);
    ck_assert_int_eq(d1 - d2, 128);
    ck_assert_int_eq(pt_date_parse("1970-01-01", &d1), 0);
    ck_assert_int_eq(d1, 0);
    ck_assert_int_eq(pt_date_parse("2016-02-29", &d1), 0);
    ck_assert_int_eq(pt_date_parse("2015-02-29", &d1), -1);
    ck_assert_int_eq(pt_date_parse("2015-13-01", &d1), -1);
    ck_assert_int_eq(pt_date_parse("2015-1-01", &d1), -1);
    ck_assert_int_eq(pt_date_parse("12-03-2014", &d1), -1);
}
END_TEST

Suite *load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("toetsmap");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, fixture_accepted);
    tcase_add_test(tc, unknown_field_in_case);
    tcase_add_test(tc, unknown_format);
    tcase_add_test(tc, missing_format);
    tcase_add_test(tc, json_syntax_error_line);
    tcase_add_test(tc, level_not_on_scale_csv);
    tcase_add_test(tc, level_not_on_scale_json);
    tcase_add_test(tc, level_not_integer_json);
    tcase_add_test(tc, nvt_not_allowed);
    tcase_add_test(tc, unknown_rater_case_criterion);
    tcase_add_test(tc, duplicate_score_over_sheets);
    tcase_add_test(tc, sheet_of_other_assessment);
    tcase_add_test(tc, csv_missing_column);
    tcase_add_test(tc, spreadsheet_saves);
    tcase_add_test(tc, spreadsheet_wrong_separator);
    tcase_add_test(tc, level_decimal_comma);
    tcase_add_test(tc, unknown_sheet_format);
    tcase_add_test(tc, missing_case_file);
    tcase_add_test(tc, case_of_other_swv);
    tcase_add_test(tc, timeline_out_of_order);
    tcase_add_test(tc, timeline_bad_date_and_event);
    tcase_add_test(tc, privacy_bsn_in_case);
    tcase_add_test(tc, privacy_never_quotes_text);
    tcase_add_test(tc, privacy_lookalikes_accepted);
    tcase_add_test(tc, rubric_problems_all_listed);
    tcase_add_test(tc, rubric_weight_at_most_1000);
    tcase_add_test(tc, rubric_defaults);
    tcase_add_test(tc, rubric_mismatch);
    tcase_add_test(tc, rubric_looked_up);
    tcase_add_test(tc, assessment_team_and_ids);
    tcase_add_test(tc, duplicate_key_refused);
    suite_add_tcase(s, tc);
    TCase *tv = tcase_create("values");
    tcase_add_test(tv, swv_codes);
    tcase_add_test(tv, dates);
    suite_add_tcase(s, tv);
    return s;
}
