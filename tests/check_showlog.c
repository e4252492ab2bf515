/*
 * check_showlog.c — issue 16's commands end to end and their modules:
 * `log ID` (store_log.c), `show DIR|ID [CASE]` in text and HTML
 * (handout.c, handout_html.c) and the warnings of `check` (lint.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handout.h"
#include "lint.h"
#include "store_log.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"
#include "toetsmap.h"
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


/* The log without its first column (the time of the change), which is
 * checked for its form instead. */
static char *without_time(const char *log)
{
    struct pt_buf b = {0};
    const char *line = log;
    bool header = true;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
        const char *tab = memchr(line, '\t', n);
        ck_assert_ptr_nonnull(tab);
        if (!header) {
            /* 2026-11-30T16:59:23Z */
            ck_assert_int_eq((int)(tab - line), 20);
            ck_assert(line[4] == '-' && line[10] == 'T' && line[19] == 'Z');
        }
        header = false;
        pt_buf_add(&b, tab, n - (size_t)(tab - line));
        line += n;
    }
    return b.data ? pt_buf_detach(&b) : pt_xstrdup("");
}

START_TEST(log_shows_every_correction)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(0, "--db", db, "log", "PT-MINI-1");
    ck_assert_str_eq(out, "geen correcties voor PT-MINI-1\n");
    ck_assert_str_eq(err, "");
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1", "--criterion",
        "a1", "--level", "2", "--comment", "besproken\tin het overleg");
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r1", "--case", "K3", "--criterion",
        "b1", "--level", "nvt");
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r3", "--case", "K1", "--criterion",
        "b1", "--level", "3");
    /* the same value again changes nothing and is not logged */
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r3", "--case", "K1", "--criterion",
        "b1", "--level", "3");
    TU_RUN(0, "--db", db, "log", "PT-MINI-1");
    ck_assert_str_eq(err, "");
    char *rest = without_time(out);
    ck_assert_str_eq(rest,
        "\trevisie\tdoor\tbeoordelaar\tcasus\tcriterium\toud\tnieuw\treden\n"
        "\t2\tpraktijktoets score\tr1\tK1\ta1\t3\t2\tbesproken in het overleg\n"
        "\t3\tpraktijktoets score\tr1\tK3\tb1\t-\tnvt\t\n"
        "\t4\tpraktijktoets score\tr3\tK1\tb1\tnvt\t3\t\n");
    ck_assert(strncmp(out, "tijd\t", 5) == 0);
    free(rest);
    free(out);
    free(err);
}
END_TEST

/* A correction made in the web app (web_writer.c writes the score through
 * `score`'s function and its reason and author into web_correction; the
 * web suite checks that): the log names who made it and shows the reason
 * given, not the score's comment. */
START_TEST(log_names_who_corrected_in_the_web_app)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1", "--criterion",
        "a1", "--level", "2", "--comment", "na het gesprek");
    tdb_exec(db, "INSERT INTO web_correction (log_seq, reason, who)"
             " SELECT max(seq), 'het team\twas het eens', 'coördinator (link abcd1234…)'"
             " FROM score_log");
    TU_RUN(0, "--db", db, "log", "PT-MINI-1");
    ck_assert_str_eq(err, "");
    char *rest = without_time(out);
    ck_assert_str_eq(rest,
        "\trevisie\tdoor\tbeoordelaar\tcasus\tcriterium\toud\tnieuw\treden\n"
        "\t2\tcoördinator (link abcd1234…)\tr1\tK1\ta1\t3\t2\thet team was het eens\n");
    free(rest);
    free(out);
    free(err);
}
END_TEST

START_TEST(log_refuses_with_a_reason)
{
    char *out = NULL, *err = NULL;
    char expect[1024];
    TU_RUN(3, "--db", db, "log", "PT-MINI-1");
    snprintf(expect, sizeof expect,
             "praktijktoets: %s: de database bestaat nog niet (eerst praktijktoets import)\n", db);
    ck_assert_str_eq(err, expect);
    ck_assert_int_eq(access(db, F_OK), -1);     /* and log did not create it */
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(3, "--db", db, "log", "PT-NIET");
    snprintf(expect, sizeof expect, "praktijktoets: %s: assessment \"PT-NIET\" staat niet in de database "
             "(zie praktijktoets list)\n", db);
    ck_assert_str_eq(err, expect);
    ck_assert_str_eq(out, "");
    TU_RUN(2, "--db", db, "log");
    ck_assert_str_eq(err, "praktijktoets log: geef precies één assessment-id\n"
                          "Zie 'praktijktoets log --help'.\n");
    TU_RUN(2, "--db", db, "log", "PT-MINI-1", "--bogus");
    ck_assert_str_eq(err, "praktijktoets log: onbekende optie '--bogus'\n"
                          "Zie 'praktijktoets log --help'.\n");
    TU_RUN(0, "log", "--help");
    ck_assert_ptr_nonnull(strstr(out, "gebruik: praktijktoets log ID\n"));
    free(out);
    free(err);
}
END_TEST

START_TEST(store_log_rows)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(0, "--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K1", "--criterion",
        "a2", "--level", "nvt", "--comment", "geen ouders bij");
    struct pt_store *s = NULL;
    struct pt_log log;
    struct pt_error e = {""};
    ck_assert_int_eq(pt_store_open(db, PT_STORE_EXISTING, &s, &e), PT_OK);
    ck_assert_int_eq(pt_store_log(s, "PT-MINI-1", &log, &e), PT_OK);
    ck_assert_uint_eq(log.n, 1);
    const struct pt_log_entry *x = &log.items[0];
    ck_assert_str_eq(x->rater, "r2");
    ck_assert_str_eq(x->case_id, "K1");
    ck_assert_str_eq(x->criterion, "a2");
    ck_assert_str_eq(x->source, "praktijktoets score");
    ck_assert_int_eq(x->revision, 2);
    ck_assert(x->old.present && !x->old.nvt && x->old.level == 3);
    ck_assert_str_eq(x->old.comment, "Tijdig; met ouders");
    ck_assert(x->new.present && x->new.nvt);
    ck_assert_str_eq(x->new.comment, "geen ouders bij");
    pt_log_free(&log);
    ck_assert_int_eq(pt_store_log(s, "PT-NIET", &log, &e), PT_INVALID);
    ck_assert_ptr_nonnull(strstr(e.msg, "\"PT-NIET\" staat niet in de database"));
    ck_assert_uint_eq(log.n, 0);
    pt_log_free(&log);
    pt_store_close(s);
    free(out);
    free(err);
}
END_TEST

static const char k3_text[] =
    "Casussen van PT-MINI-1 · SWV PO 27-01 · 12 maart 2014\n"
    "Rubric mini@1 · casus K3 (3 van 3)\n"
    "\n"
    "== Casus K3 ================================================================\n"
    "po · sbo\n"
    "\n"
    "Samenvatting\n"
    "  Leerling was zes weken thuis na een schorsing.\n"
    "\n"
    "Tijdlijn\n"
    "  13-01-2014  uitval\n"
    "  24-02-2014  terugkeer (42 dagen later)\n"
    "\n"
    "Visie van de ouders\n"
    "  Ouders vonden de thuisperiode veel te lang.\n";

START_TEST(show_text_of_a_folder_and_an_id)
{
    char *out = NULL, *err = NULL;
    TU_RUN(0, "show", map, "K3");
    ck_assert_str_eq(out, k3_text);
    ck_assert_str_eq(err, "");
    TU_RUN(0, "--db", db, "import", map);
    TU_RUN(0, "--db", db, "show", "PT-MINI-1", "K3");
    ck_assert_str_eq(out, k3_text);
    /* all cases: K1 with its needs, parties, notes and no parents' view */
    TU_RUN(0, "show", map);
    ck_assert_ptr_nonnull(strstr(out, "Rubric mini@1 · 3 casussen\n"));
    ck_assert_ptr_nonnull(strstr(out,
        "== Casus K1 ================================================================\n"
        "po · bao · groep 5\n"
        "Ondersteuningsbehoefte: leren\n"
        "Betrokken: ouders, school\n"));
    ck_assert_ptr_nonnull(strstr(out,
        "  01-12-2013  besluit\n"
        "              Eerder besluit over een arrangement.\n"
        "  06-01-2014  aanmelding (36 dagen later)\n"
        "  10-03-2014  besluit (63 dagen later)\n"
        "              Toegelaten.\n"
        "\n"
        "Visie van de ouders\n"
        "  (niet beschreven)\n"));
    ck_assert_ptr_nonnull(strstr(out, "== Casus K2 "));
    ck_assert_ptr_nonnull(strstr(out, "== Casus K3 "));
    free(out);
    free(err);
}
END_TEST

START_TEST(show_wraps_long_text_at_76)
{
    char *out = NULL, *err = NULL;
    char path[600];
    snprintf(path, sizeof path, "%s/cases/K2.json", map);
    tu_write(path, "{\"format\": \"praktijktoets-case/1\", \"id\": \"K2\", \"swv\": \"PO 27-01\","
             " \"sector\": \"po\", \"school_type\": \"bao\", \"summary\": \"Één twee drie vier "
             "vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
             "zeventien achttien negentien twintig\", \"timeline\": [{\"date\": \"2013-11-04\","
             " \"event\": \"aanmelding\"}]}");
    TU_RUN(0, "show", map, "K2");
    /* 76 characters (not bytes: Één is 3 characters, 5 bytes) */
    ck_assert_ptr_nonnull(strstr(out,
        "  Één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien\n"
        "  veertien vijftien zestien zeventien achttien negentien twintig\n"));
    free(out);
    free(err);
}
END_TEST

START_TEST(show_refuses_with_a_reason)
{
    char *out = NULL, *err = NULL;
    char expect[1024];
    TU_RUN(3, "show", map, "K9");
    snprintf(expect, sizeof expect, "%s: casus \"K9\" hoort niet bij assessment PT-MINI-1\n", map);
    ck_assert_str_eq(err, expect);
    ck_assert_str_eq(out, "");
    TU_RUN(2, "show", map, "--format", "pdf");
    ck_assert_str_eq(err, "praktijktoets show: onbekend formaat \"pdf\" (text of html)\n"
                          "Zie 'praktijktoets show --help'.\n");
    TU_RUN(2, "show");
    ck_assert_str_eq(err, "praktijktoets show: geef een toetsmap of assessment-id, en "
                          "eventueel een casus\nZie 'praktijktoets show --help'.\n");
    TU_RUN(2, "show", map, "K1", "K2");
    TU_RUN(3, "show", "/nergens/map");
    ck_assert_str_eq(err, "/nergens/map: bestaat niet (geef een toetsmap of het id van een "
                          "opgeslagen assessment)\n");
    free(out);
    free(err);
}
END_TEST

START_TEST(show_html_handout)
{
    char *out = NULL, *err = NULL;
    char file[600], expect[800], path[600];
    snprintf(path, sizeof path, "%s/cases/K2.json", map);
    tu_write(path, "{\"format\": \"praktijktoets-case/1\", \"id\": \"K2\", \"swv\": \"PO 27-01\","
             " \"sector\": \"po\", \"school_type\": \"bao\", \"summary\": \"<script>x</script>"
             " & 'ouders' \\\"thuis\\\"\", \"timeline\": [{\"date\": \"2013-11-04\","
             " \"event\": \"aanmelding\"}]}");
    snprintf(file, sizeof file, "%s/casussen.html", tmp);
    TU_RUN(0, "show", map, "--format", "html", "-o", file);
    ck_assert_str_eq(out, "");
    snprintf(expect, sizeof expect, "Hand-out met 3 casussen geschreven naar %s\n", file);
    ck_assert_str_eq(err, expect);
    char *html = tu_read(file);
    ck_assert_ptr_nonnull(html);
    ck_assert(strncmp(html, "<!DOCTYPE html>\n<html lang=\"nl\">", 32) == 0);
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;x&lt;/script&gt; &amp; &#39;ouders&#39; "
                                       "&quot;thuis&quot;"));
    ck_assert_ptr_nonnull(strstr(html, "@media print"));
    ck_assert_ptr_nonnull(strstr(html, "<nav aria-label=\"Casussen\">"));
    ck_assert_ptr_nonnull(strstr(html, "<article id=\"casus-K1\" aria-labelledby=\"h-casus-K1\">"
                                       "<h2 id=\"h-casus-K1\">Casus K1</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "<time class=\"when\" datetime=\"2014-01-06\">"
                                       "6 januari 2014</time> · <span class=\"event\">aanmelding"
                                       "</span> <span class=\"gap\">(36 dagen later)</span>"));
    ck_assert_ptr_nonnull(strstr(html, "<blockquote><p>Ouders vonden de thuisperiode veel te "
                                       "lang.</p></blockquote>"));
    ck_assert_ptr_nonnull(strstr(html, "<p class=\"empty\">Niet beschreven.</p>"));
    size_t articles = 0;
    for (const char *p = html; (p = strstr(p, "<article ")); p++)
        articles++;
    ck_assert_uint_eq(articles, 3);
    /* without -o the same page on stdout, and one case has no navigation */
    TU_RUN(0, "show", map, "--format", "html");
    ck_assert_str_eq(out, html);
    free(html);
    TU_RUN(0, "show", map, "K1", "--format", "html");
    ck_assert_ptr_null(strstr(out, "<nav"));
    ck_assert_ptr_nonnull(strstr(out, "<article id=\"casus-K1\""));
    ck_assert_ptr_null(strstr(out, "<article id=\"casus-K2\""));
    /* text to a file says so too */
    TU_RUN(0, "show", map, "K3", "-o", file);
    snprintf(expect, sizeof expect, "Casussen met 1 casus geschreven naar %s\n", file);
    ck_assert_str_eq(err, expect);
    html = tu_read(file);
    ck_assert_str_eq(html, k3_text);
    free(html);
    free(out);
    free(err);
}
END_TEST

START_TEST(check_warns_without_changing_the_status)
{
    char *out = NULL, *err = NULL;
    char path[600], expect[4096];
    snprintf(path, sizeof path, "%s/cases/K3.json", map);
    tu_write(path, "{\"format\": \"praktijktoets-case/1\", \"id\": \"K3\", \"swv\": \"PO 27-01\","
             " \"sector\": \"po\", \"school_type\": \"sbo\", \"summary\": \"Thuiszitter.\","
             " \"timeline\": [{\"date\": \"2014-01-13\", \"event\": \"uitval\"},"
             " {\"date\": \"2014-01-13\", \"event\": \"uitval\"},"
             " {\"date\": \"2014-04-01\", \"event\": \"terugkeer\"}],"
             " \"parents_view\": \"Te lang.\"}");
    TU_RUN(0, "check", map);
    snprintf(expect, sizeof expect, "%s: in orde\n", map);
    ck_assert_str_eq(out, expect);
    snprintf(expect, sizeof expect,
             "waarschuwing: %s/cases/K1.json:parents_view: de visie van de ouders ontbreekt; "
             "het team bespreekt de casus dan zonder hun kant\n"
             "waarschuwing: %s/cases/K2.json:parents_view: de visie van de ouders ontbreekt; "
             "het team bespreekt de casus dan zonder hun kant\n"
             "waarschuwing: %s/cases/K3.json:timeline[1].date: uitval staat twee keer op "
             "dezelfde dag in de tijdlijn (ook timeline[0])\n"
             "waarschuwing: %s/cases/K3.json:timeline[2].date: terugkeer ligt na de datum van "
             "het assessment (2014-03-12); het team beoordeelt wat ervoor gebeurde\n",
             map, map, map, map);
    ck_assert_str_eq(err, expect);
    /* a case file on its own: what needs no assessment */
    char lone[600];
    snprintf(lone, sizeof lone, "%s/K9.json", tmp);
    tu_write(lone, "{\"format\": \"praktijktoets-case/1\", \"id\": \"K9\", \"swv\": \"PO 27-01\","
             " \"sector\": \"po\", \"school_type\": \"bao\", \"summary\": \"Geen tijdlijn.\"}");
    TU_RUN(0, "check", lone);
    snprintf(expect, sizeof expect, "%s: in orde\n", lone);
    ck_assert_str_eq(out, expect);
    snprintf(expect, sizeof expect,
             "waarschuwing: %s:timeline: de casus heeft geen tijdlijn; de termijnen kunnen niet "
             "worden getoetst\n"
             "waarschuwing: %s:parents_view: de visie van de ouders ontbreekt; het team "
             "bespreekt de casus dan zonder hun kant\n", lone, lone);
    ck_assert_str_eq(err, expect);
    /* a refused case gets its refusal, no warnings */
    tu_write(lone, "{\"format\": \"praktijktoets-case/1\", \"id\": \"K9\", \"swv\": \"PO 27-01\","
             " \"sector\": \"mbo\", \"school_type\": \"bao\", \"summary\": \"Geen tijdlijn.\"}");
    TU_RUN(3, "check", lone);
    ck_assert_ptr_null(strstr(err, "waarschuwing"));
    /* a refused file elsewhere still makes the status 3, warnings or not */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/leeg.json", tmp);
    tu_write(bad, "{}");
    TU_RUN(3, "check", map, bad);
    ck_assert_ptr_nonnull(strstr(err, "waarschuwing: "));
    ck_assert_ptr_nonnull(strstr(err, "1 probleem gevonden"));
    free(out);
    free(err);
}
END_TEST

START_TEST(lint_future_and_stale)
{
    struct pt_toetsmap t = {0};
    struct pt_diags w = {0};
    char line[1024];
    tu_load("tests/fixtures/mini", &t);
    long day = t.assessment->day;
    /* the day before the assessment it lies in the future */
    ck_assert_uint_eq(pt_lint_toetsmap(&t, day - 1, &w), 3);
    pt_diag_format(&w.items[0], line, sizeof line);
    ck_assert_str_eq(line, "tests/fixtures/mini/assessment.json:date: de datum van het "
                           "assessment (2014-03-12) ligt in de toekomst");
    pt_diags_free(&w);
    ck_assert_uint_eq(pt_lint_toetsmap(&t, day, &w), 2);
    pt_diags_free(&w);
    /* a timeline that ended long before */
    t.cases[2]->timeline[1].day = day - PT_LINT_STALE_DAYS - 1;
    t.cases[2]->timeline[0].day = day - PT_LINT_STALE_DAYS - 50;
    ck_assert_uint_eq(pt_lint_toetsmap(&t, day, &w), 3);
    pt_diag_format(&w.items[2], line, sizeof line);
    ck_assert_str_eq(line, "tests/fixtures/mini/cases/K3.json:timeline[1].date: de laatste "
                           "gebeurtenis ligt meer dan 365 dagen voor de datum van het "
                           "assessment; is dit de goede casus?");
    pt_diags_free(&w);
    t.cases[2]->timeline[1].day = day - PT_LINT_STALE_DAYS;
    ck_assert_uint_eq(pt_lint_toetsmap(&t, day, &w), 2);
    pt_diags_free(&w);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(handout_dates)
{
    char b[64];
    pt_handout_date_nl("2014-03-12", b, sizeof b);
    ck_assert_str_eq(b, "12 maart 2014");
    pt_handout_date_nl("2013-12-01", b, sizeof b);
    ck_assert_str_eq(b, "1 december 2013");
    pt_handout_date_short("2013-12-01", b, sizeof b);
    ck_assert_str_eq(b, "01-12-2013");
    pt_handout_date_nl("2013-13-01", b, sizeof b);
    ck_assert_str_eq(b, "2013-13-01");
}
END_TEST

Suite *showlog_suite(void)
{
    Suite *s = suite_create("showlog");
    TCase *tc = tcase_create("log, show, check warnings");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, log_shows_every_correction);
    tcase_add_test(tc, log_names_who_corrected_in_the_web_app);
    tcase_add_test(tc, log_refuses_with_a_reason);
    tcase_add_test(tc, store_log_rows);
    tcase_add_test(tc, show_text_of_a_folder_and_an_id);
    tcase_add_test(tc, show_wraps_long_text_at_76);
    tcase_add_test(tc, show_refuses_with_a_reason);
    tcase_add_test(tc, show_html_handout);
    tcase_add_test(tc, check_warns_without_changing_the_status);
    tcase_add_test(tc, lint_future_and_stale);
    tcase_add_test(tc, handout_dates);
    suite_add_tcase(s, tc);
    return s;
}
