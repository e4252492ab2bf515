/*
 * check_report.c — the feedback report: content by audience, escaping,
 * charts present, every format.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "suites.h"
#include "testutil.h"

static struct pt_toetsmap t;
static struct pt_result res;

static void setup(void)
{
    memset(&t, 0, sizeof t);
    tu_load("tests/fixtures/mini", &t);
    pt_score_compute(&t, &res);
}

static void teardown(void)
{
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}

static char *report(enum pt_report_format f, enum pt_audience a)
{
    struct pt_buf b = {0};
    ck_assert_int_eq(pt_report_write(&res, NULL, f, a, &b), 0);
    return pt_buf_detach(&b);
}

START_TEST(html_content)
{
    char *h = report(PT_REP_HTML, PT_AUD_TEAM);
    ck_assert(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    ck_assert_ptr_nonnull(strstr(h, "<div class=\"verdict v-bad\"><strong>Onvoldoende</strong><br>Totaalscore 2,58 (52,78%)"));
    ck_assert_ptr_nonnull(strstr(h, "<svg viewBox="));                 /* domain chart */
    ck_assert_ptr_nonnull(strstr(h, "stroke-dasharray"));              /* thresholds drawn */
    ck_assert_ptr_nonnull(strstr(h, "<td>K2</td><td>Besluit binnen 10 weken</td><td class=\"flag\">te laat</td><td class=\"n\">128</td>"));
    ck_assert_ptr_nonnull(strstr(h, "Casus K1, r1 (management): Goed geregeld"));
    ck_assert_ptr_nonnull(strstr(h, "Niet alle vier geledingen"));
    ck_assert_ptr_nonnull(strstr(h, "Het aantal beoordeelde eenheden is klein"));
    ck_assert_ptr_nonnull(strstr(h, "(mini@1)"));
    ck_assert_ptr_nonnull(strstr(h, "<h2>Bespreekpunten</h2><p>1 keer"));
    ck_assert_ptr_nonnull(strstr(h, "<tr><td>K1</td><td>Vraag b1?</td><td class=\"n\">2</td><td class=\"n\">1</td></tr>"));
    ck_assert_ptr_null(strstr(h, "<script"));
    ck_assert_ptr_null(strstr(h, "http://") == strstr(h, "http://www.w3.org/2000/svg") ? NULL : "x");
    free(h);
}
END_TEST

START_TEST(audience_hides_rater_ids)
{
    enum pt_report_format fs[] = {PT_REP_HTML, PT_REP_MD, PT_REP_JSON, PT_REP_CSV};
    for (size_t i = 0; i < 4; i++) {
        char *s = report(fs[i], PT_AUD_OPR);
        ck_assert_msg(strstr(s, "r1") == NULL && strstr(s, "r2") == NULL && strstr(s, "r3") == NULL,
                      "format %zu names a rater", i);
        free(s);
        s = report(fs[i], PT_AUD_SWV);
        ck_assert_ptr_null(strstr(s, "r1 (management)"));
        free(s);
    }
    char *m = report(PT_REP_MD, PT_AUD_SWV);
    ck_assert_ptr_nonnull(strstr(m, "- Casus K1, management: Goed geregeld"));
    free(m);
    char *j = report(PT_REP_JSON, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(j, "\"rater\":\t\"r3\""));
    free(j);
}
END_TEST

START_TEST(text_is_escaped)
{
    /* a comment and a title holding markup show as text */
    t.scores[2].comment = "<script>alert(1)</script> & </svg>";
    t.rubric->domains[0].title = "A <b>vet</b>";
    char *h = report(PT_REP_HTML, PT_AUD_TEAM);
    ck_assert_ptr_null(strstr(h, "<script>"));
    ck_assert_ptr_null(strstr(h, "<b>vet"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/svg&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "A &lt;b&gt;vet&lt;/b&gt;"));
    free(h);
    char *m = report(PT_REP_MD, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(m, "\\<script\\>"));
    free(m);
}
END_TEST

START_TEST(csv_rows)
{
    char *c = report(PT_REP_CSV, PT_AUD_TEAM);
    ck_assert(strncmp(c, "\xEF\xBB\xBF" "case;domain;criterion;status;score;n;spread;disagreement;nvt;r1;r2;r3\r\n", 73) == 0);
    ck_assert_ptr_nonnull(strstr(c, "K1;B;b1;scored;3,00;2;2,00;ja;1;4;2;nvt\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "K3;A;a1;insufficient;;;;;0;3;;\r\n"));
    free(c);
    c = report(PT_REP_CSV, PT_AUD_OPR);
    ck_assert_ptr_nonnull(strstr(c, ";nvt;management;ouders;personeel\r\n"));
    free(c);
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("formats");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, html_content);
    tcase_add_test(tc, audience_hides_rater_ids);
    tcase_add_test(tc, text_is_escaped);
    tcase_add_test(tc, csv_rows);
    suite_add_tcase(s, tc);
    return s;
}
