/*
 * check_engine.c — every rule of scoring.md on the hand-computed fixture
 * tests/fixtures/mini (see tests/fixtures/README.md for the arithmetic).
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "score.h"
#include "suites.h"
#include "testutil.h"

#define MINI "tests/fixtures/mini"
#define EXACT(x, y) ck_assert_msg(fabs((x) - (y)) < 1e-12, "%s = %.15g, expected %.15g", #x, (double)(x), (double)(y))

static struct pt_toetsmap t;
static struct pt_result res;

static void compute(void)
{
    pt_score_compute(&t, &res);
}

static void setup(void)
{
    memset(&t, 0, sizeof t);
    memset(&res, 0, sizeof res);
    tu_load(MINI, &t);
}

static void teardown(void)
{
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}

/* scoring.md 1: status, median, spread, disagreement */
START_TEST(criterion_status_and_score)
{
    compute();
    const struct pt_crit_result *k1 = res.cases[0].criteria, *k2 = res.cases[1].criteria,
                                *k3 = res.cases[2].criteria;
    ck_assert_int_eq(k1[0].status, PT_CRIT_SCORED);
    EXACT(k1[0].score, 4.0);            /* median of 3,4,4 */
    ck_assert_uint_eq(k1[0].n, 3);
    EXACT(k1[0].spread, 1.0);
    ck_assert(!k1[0].disagreement);
    EXACT(k1[2].score, 3.0);            /* median of 4,2 (even: mean of the middle two) */
    EXACT(k1[2].spread, 2.0);
    ck_assert(k1[2].disagreement);      /* spread 2 and one nvt */
    ck_assert_uint_eq(k1[2].na, 1);
    EXACT(k2[1].score, 1.5);            /* median of 1,2 */
    ck_assert_int_eq(k2[2].status, PT_CRIT_NVT);        /* three nvt, no level */
    ck_assert_int_eq(k3[0].status, PT_CRIT_INSUFFICIENT); /* one rater, min_raters 2 */
    ck_assert_int_eq(k3[1].status, PT_CRIT_INSUFFICIENT); /* one level and two nvt */
    EXACT(k3[2].score, 2.5);
}
END_TEST

START_TEST(criterion_mean_method)
{
    t.rubric->method = PT_METHOD_MEAN;
    compute();
    EXACT(res.cases[0].criteria[0].score, 11.0 / 3.0);
    EXACT(res.cases[0].criteria[1].score, 8.0 / 3.0);
}
END_TEST

START_TEST(criterion_min_raters_one)
{
    t.rubric->min_raters = 1;
    compute();
    ck_assert_int_eq(res.cases[2].criteria[0].status, PT_CRIT_SCORED);
    EXACT(res.cases[2].criteria[0].score, 3.0);
    ck_assert_int_eq(res.cases[2].criteria[1].status, PT_CRIT_SCORED);
    ck_assert(res.cases[2].criteria[1].disagreement); /* nvt marks count as disagreement */
}
END_TEST

/* scoring.md 2 and 3 */
START_TEST(domain_case_overall)
{
    compute();
    EXACT(res.cases[0].domain[0], 10.0 / 3.0);   /* (1·4 + 2·3) / 3 */
    EXACT(res.cases[0].domain[1], 3.0);
    EXACT(res.cases[0].score, 29.0 / 9.0);       /* (2·10/3 + 1·3) / 3 */
    EXACT(res.cases[1].domain[0], 5.0 / 3.0);    /* (1·2 + 2·1.5) / 3 */
    ck_assert(!res.cases[1].has_domain[1]);
    EXACT(res.cases[1].score, 5.0 / 3.0);
    ck_assert(!res.cases[2].has_domain[0]);
    EXACT(res.cases[2].score, 2.5);
    EXACT(res.domain[0], 2.5);                   /* (10/3 + 5/3) / 2 */
    ck_assert_uint_eq(res.domain_cases[0], 2);
    EXACT(res.domain[1], 2.75);
    ck_assert_uint_eq(res.domain_cases[1], 2);
    EXACT(res.overall, 7.75 / 3.0);              /* (2·2.5 + 1·2.75) / 3 */
    EXACT(res.percent, (7.75 / 3.0 - 1.0) / 3.0 * 100.0);
    ck_assert_uint_eq(res.cases_scored, 3);
}
END_TEST

/* scoring.md 4 */
START_TEST(timeline_checks)
{
    compute();
    /* K1: the besluit before the aanmelding does not count; 6 Jan → 10 Mar */
    ck_assert_int_eq(res.cases[0].checks[0].status, PT_CHECK_OK);
    ck_assert_int_eq(res.cases[0].checks[0].days, 63);
    ck_assert_int_eq(res.cases[0].checks[1].status, PT_CHECK_NA);
    /* K2: no besluit, 4 Nov 2013 → assessment date 12 Mar 2014 */
    ck_assert_int_eq(res.cases[1].checks[0].status, PT_CHECK_FAIL);
    ck_assert_int_eq(res.cases[1].checks[0].days, 128);
    /* K3: 13 Jan → 24 Feb = 42 days > 28 */
    ck_assert_int_eq(res.cases[2].checks[0].status, PT_CHECK_NA);
    ck_assert_int_eq(res.cases[2].checks[1].status, PT_CHECK_FAIL);
    ck_assert_int_eq(res.cases[2].checks[1].days, 42);
}
END_TEST

/* scoring.md 4: a check from an event to the same event measures from its
 * first occurrence to the next one (K1: besluit 1 Dec 2013 → besluit
 * 10 Mar 2014), and is open while there is only one (K2: aanmelding 4 Nov
 * 2013 → the assessment date). */
START_TEST(timeline_same_event_to_the_next)
{
    t.rubric->checks[0].from = PT_EV_BESLUIT;
    t.rubric->checks[0].to = PT_EV_BESLUIT;
    t.rubric->checks[0].max_days = 100;
    t.rubric->checks[1].from = PT_EV_AANMELDING;
    t.rubric->checks[1].to = PT_EV_AANMELDING;
    t.rubric->checks[1].max_days = 200;
    compute();
    ck_assert_int_eq(res.cases[0].checks[0].status, PT_CHECK_OK);
    ck_assert_int_eq(res.cases[0].checks[0].days, 99);
    ck_assert_int_eq(res.cases[1].checks[0].status, PT_CHECK_NA);
    ck_assert_int_eq(res.cases[1].checks[1].status, PT_CHECK_OPEN);
    ck_assert_int_eq(res.cases[1].checks[1].days, 128);
}
END_TEST

START_TEST(timeline_open)
{
    t.rubric->checks[0].max_days = 200;
    compute();
    ck_assert_int_eq(res.cases[1].checks[0].status, PT_CHECK_OPEN);
    ck_assert_int_eq(res.cases[1].checks[0].days, 128);
    t.rubric->checks[0].max_days = 128; /* days > max_days fails; equal is fine */
    pt_result_free(&res);
    compute();
    ck_assert_int_eq(res.cases[1].checks[0].status, PT_CHECK_OPEN);
}
END_TEST

/* scoring.md 5 and 6.2 */
START_TEST(critical_findings_block)
{
    compute();
    ck_assert_uint_eq(res.nfindings, 2);
    ck_assert(!res.findings[0].is_check);
    ck_assert_uint_eq(res.findings[0].kase, 1);
    ck_assert_uint_eq(res.findings[0].index, 1);
    EXACT(res.findings[0].score, 1.5);
    ck_assert(res.findings[1].is_check);
    ck_assert_int_eq(res.findings[1].days, 128);
    ck_assert_str_eq(res.verdict_id, "onvoldoende");
    ck_assert_uint_eq(res.nreasons, 2);
    ck_assert_str_eq(res.reasons[0], "Kritieke bevinding bij casus K2: kritiek criterium a2 "
                     "scoort 1,50, onder de ondergrens 2,00.");
    ck_assert_str_eq(res.reasons[1], "Kritieke bevinding bij casus K2: Besluit binnen 10 weken "
                     "(zorg) niet gehaald: 128 dagen, maximaal 70.");
}
END_TEST

/* scoring.md 6.3: the first verdict whose thresholds are met */
START_TEST(verdict_thresholds)
{
    t.rubric->criteria[1].critical = false;
    t.rubric->checks[0].critical = false;
    compute();
    ck_assert_uint_eq(res.nfindings, 0);
    ck_assert_str_eq(res.verdict_id, "matig");
    ck_assert_uint_eq(res.nreasons, 2);
    ck_assert_str_eq(res.reasons[0], "Niet \"Goed\": de totaalscore 2,58 is lager dan 3,00.");
    ck_assert_str_eq(res.reasons[1], "Matig: de totaalscore 2,58 is minstens 2,50 en elk "
                     "domein scoort minstens 2,00.");
}
END_TEST

START_TEST(verdict_domain_threshold_and_fallback)
{
    t.rubric->criteria[1].critical = false;
    t.rubric->checks[0].critical = false;
    t.rubric->verdicts[1].min_domain = 2.6; /* domain A is 2.5 */
    compute();
    ck_assert_str_eq(res.verdict_id, "onvoldoende");
    ck_assert_str_eq(res.reasons[1], "Niet \"Matig\": domein Domein A scoort 2,50, lager dan 2,60.");
}
END_TEST

START_TEST(verdict_threshold_tolerance)
{
    t.rubric->criteria[1].critical = false;
    t.rubric->checks[0].critical = false;
    /* O is 7.75/3; a threshold a hair above it (within 1e-9) is still met */
    t.rubric->verdicts[0].min_overall = 7.75 / 3.0 + 5e-10;
    t.rubric->verdicts[0].min_domain = 2.5;
    compute();
    ck_assert_str_eq(res.verdict_id, "goed");
}
END_TEST

/* scoring.md 6.1 */
START_TEST(verdict_geen_oordeel)
{
    t.rubric->min_cases = 4;
    compute();
    ck_assert_str_eq(res.verdict_id, "geen-oordeel");
    ck_assert_str_eq(res.verdict_label, "Geen oordeel mogelijk");
    ck_assert_str_eq(res.reasons[0], "Slechts 3 casussen met een score; de rubric vraagt er minstens 4.");
    ck_assert(!res.complete);
}
END_TEST

START_TEST(verdict_no_scores)
{
    t.nscores = 0;
    pt_toetsmap_index(&t);
    compute();
    ck_assert(!res.has_overall);
    ck_assert_str_eq(res.verdict_id, "geen-oordeel");
    ck_assert(!res.alpha.has_ordinal);
    ck_assert_uint_eq(res.alpha.units, 0);
}
END_TEST

/* scoring.md 7 */
START_TEST(reliability_alpha)
{
    compute();
    ck_assert_uint_eq(res.alpha.units, 6);
    ck_assert(fabs(res.alpha.interval - 0.38834951456310685) < 1e-9);
    ck_assert(fabs(res.alpha.ordinal - 0.3905882352941177) < 1e-9);
}
END_TEST

/* scoring.md 8 */
START_TEST(perspectives_of_roles)
{
    compute();
    ck_assert_uint_eq(res.nroles, 3);
    ck_assert_int_eq(res.roles[0], PT_ROLE_MANAGEMENT);
    ck_assert_int_eq(res.roles[1], PT_ROLE_OUDERS);
    ck_assert_int_eq(res.roles[2], PT_ROLE_PERSONEEL);
    EXACT(res.role_mean[0 * 3 + 0], 2.4);
    EXACT(res.role_mean[0 * 3 + 1], 2.5);
    EXACT(res.role_mean[0 * 3 + 2], 3.0);
    EXACT(res.gap[0], 0.6);
    ck_assert(!res.gap_flag[0]);
    EXACT(res.role_mean[1 * 3 + 0], 4.0);
    EXACT(res.role_mean[1 * 3 + 1], 2.0);
    EXACT(res.role_mean[1 * 3 + 2], 3.0);
    EXACT(res.gap[1], 2.0);
    ck_assert(res.gap_flag[1]);
    ck_assert(!res.team_complete); /* no gemeente */
    ck_assert(!res.complete);
}
END_TEST

/* scoring.md 9: the printed object, rounded */
START_TEST(result_json_object)
{
    compute();
    cJSON *o = pt_result_to_json(&res);
    ck_assert_ptr_nonnull(o);
    char *s = cJSON_PrintUnformatted(o);
    ck_assert_ptr_nonnull(strstr(s, "\"format\":\"praktijktoets-result/1\""));
    ck_assert_ptr_nonnull(strstr(s, "\"swv\":\"PO 27-01\""));
    ck_assert_ptr_nonnull(strstr(s, "\"overall\":{\"score\":2.58,\"percent\":52.78}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"A\",\"score\":2.5,\"cases\":2"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"K1\",\"score\":3.22,"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"a1\",\"status\":\"insufficient\",\"score\":null,"
                                    "\"n\":null,\"spread\":null,\"disagreement\":null"));
    ck_assert_ptr_nonnull(strstr(s, "{\"id\":\"zorg\",\"status\":\"na\",\"days\":null}"));
    ck_assert_ptr_nonnull(strstr(s, "\"critical_findings\":[{\"case\":\"K2\",\"criterion\":\"a2\","
                                    "\"score\":1.5},{\"case\":\"K2\",\"check\":\"zorg\",\"days\":128}]"));
    ck_assert_ptr_nonnull(strstr(s, "\"disagreements\":[{\"case\":\"K1\",\"criterion\":\"b1\",\"spread\":2"));
    ck_assert_ptr_nonnull(strstr(s, "\"reliability\":{\"alpha_interval\":0.388,\"alpha_ordinal\":0.391,"
                                    "\"units\":6,\"interpretation\":\"onvoldoende betrouwbaar\"}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"domain\":\"B\",\"gap\":2,\"flag\":true,\"roles\":"
                                    "[{\"role\":\"management\",\"mean\":4},{\"role\":\"ouders\","
                                    "\"mean\":2},{\"role\":\"personeel\",\"mean\":3}]}"));
    ck_assert_ptr_nonnull(strstr(s, "\"complete\":false"));
    cJSON_free(s);
    cJSON_Delete(o);
}
END_TEST

START_TEST(rounding_half_away_from_zero)
{
    EXACT(pt_round(2.345, 2), 2.35);
    EXACT(pt_round(2.875, 2), 2.88);
    EXACT(pt_round(-2.345, 2), -2.35);
    EXACT(pt_round(2.3449, 2), 2.34);
    EXACT(pt_round(0.8155, 3), 0.816);
    EXACT(pt_round(52.777777, 2), 52.78);
    char buf[32];
    pt_fmt_nl(buf, sizeof buf, 2.5, 2);
    ck_assert_str_eq(buf, "2,50");
    pt_fmt_nl(buf, sizeof buf, -0.001, 2);
    ck_assert_str_eq(buf, "0,00");
}
END_TEST

Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("scoring.md");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, criterion_status_and_score);
    tcase_add_test(tc, criterion_mean_method);
    tcase_add_test(tc, criterion_min_raters_one);
    tcase_add_test(tc, domain_case_overall);
    tcase_add_test(tc, timeline_checks);
    tcase_add_test(tc, timeline_same_event_to_the_next);
    tcase_add_test(tc, timeline_open);
    tcase_add_test(tc, critical_findings_block);
    tcase_add_test(tc, verdict_thresholds);
    tcase_add_test(tc, verdict_domain_threshold_and_fallback);
    tcase_add_test(tc, verdict_threshold_tolerance);
    tcase_add_test(tc, verdict_geen_oordeel);
    tcase_add_test(tc, verdict_no_scores);
    tcase_add_test(tc, reliability_alpha);
    tcase_add_test(tc, perspectives_of_roles);
    tcase_add_test(tc, result_json_object);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("rounding");
    tcase_add_test(tr, rounding_half_away_from_zero);
    suite_add_tcase(s, tr);
    return s;
}
