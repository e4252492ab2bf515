/*
 * check_dashboard.c — the national dashboard's pure parts
 * (central_dashboard.h): provinces, suppression of small counts, the
 * record read from a stored body, the aggregated figures and the page.
 * The page as a browser sees it (axe-core, phone width, CSP) is tested by
 * tests/browser/dashboard.mjs through the real receiver.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_benchmark.h"
#include "central_dashboard.h"
#include "central_sha256.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

START_TEST(provinces_from_region_number)
{
    ck_assert_str_eq(pc_dash_province_name(pc_dash_province("PO 20-01")), "Groningen");
    ck_assert_str_eq(pc_dash_province_name(pc_dash_province("VO 25-07")), "Gelderland");
    ck_assert_str_eq(pc_dash_province_name(pc_dash_province("PO 28-99")), "Zuid-Holland");
    ck_assert_str_eq(pc_dash_province_name(pc_dash_province("VO 31-06")), "Limburg");
    ck_assert_uint_eq(pc_dash_province("PO 19-01"), PC_DASH_NPROVINCES - 1);
    ck_assert_uint_eq(pc_dash_province("PO 32-01"), PC_DASH_NPROVINCES - 1);
    ck_assert_uint_eq(pc_dash_province("PO"), PC_DASH_NPROVINCES - 1);
    ck_assert_str_eq(pc_dash_province_name(PC_DASH_NPROVINCES - 1),
                     "Overig (landelijk of onbekend)");
}
END_TEST

static void cells(struct pc_dash_cell *c, const size_t *n, size_t count)
{
    memset(c, 0, count * sizeof *c);
    for (size_t i = 0; i < count; i++) {
        c[i].n = n[i];
        snprintf(c[i].label, sizeof c[i].label, "c%zu", i);
    }
    pc_dash_suppress(c, count);
}

START_TEST(small_counts_suppressed_and_not_computable)
{
    struct pc_dash_cell c[5];
    /* one cell below 10: the smallest shown count goes too, else the total
     * minus the others would give it; 0 stays (it singles nobody out) */
    cells(c, (const size_t[]){12, 3, 0, 15, 40}, 5);
    ck_assert(!c[1].shown);
    ck_assert(!c[0].shown);
    ck_assert(c[2].shown && c[3].shown && c[4].shown);
    /* two below 10: nothing more to hide */
    cells(c, (const size_t[]){12, 3, 5}, 3);
    ck_assert(c[0].shown && !c[1].shown && !c[2].shown);
    /* 10 is enough */
    cells(c, (const size_t[]){10, 0}, 2);
    ck_assert(c[0].shown && c[1].shown);
    /* one small cell and only zeros besides: a zero is hidden with it (the
     * total would give it otherwise) */
    cells(c, (const size_t[]){9, 0, 0}, 3);
    ck_assert(!c[0].shown && !c[1].shown && c[2].shown);
}
END_TEST

START_TEST(record_from_stored_body)
{
    char *body = tu_read("tests/fixtures/central/body.json");
    struct pc_dash_swv r;
    ck_assert_ptr_nonnull(body);
    ck_assert_int_eq(pc_dash_record(body, strlen(body), &r), PT_OK);
    ck_assert_str_eq(r.swv, "PO 28-99");
    ck_assert(r.has_overall);
    ck_assert_double_eq_tol(r.overall, 2.68, 1e-12);
    ck_assert_str_eq(r.verdict, "niet-klaar");
    ck_assert_uint_eq(r.ndomains, 2);
    ck_assert_str_eq(r.domains[0].id, "ondersteuning");
    ck_assert(r.domains[0].has_score);
    ck_assert(!r.domains[1].has_score);
    /* tlv-termijn was "na": not applicable, not counted */
    ck_assert_uint_eq(r.nchecks, 1);
    ck_assert_str_eq(r.checks[0].id, "zorgplicht-termijn");
    ck_assert_uint_eq(r.checks[0].applicable, 1);
    ck_assert_uint_eq(r.checks[0].missed, 0);
    ck_assert(r.has_scale);
    ck_assert_double_eq(r.scale_min, 1);
    ck_assert_double_eq(r.scale_max, 4);
    pc_dash_swv_free(&r);
    /* what the validator would have refused is not trusted either: an id
     * that is no identifier is dropped, so it can never reach the page */
    const char *hostile = "{\"swv\":\"PO 20-01\",\"verdict\":\"<script>\","
                          "\"domains\":[{\"id\":\"PO 20-02\",\"score\":1},"
                          "{\"id\":\"ok\",\"score\":2}],\"cases\":[{\"checks\":"
                          "[{\"id\":\"a b\",\"status\":\"fail\"}]}]}";
    ck_assert_int_eq(pc_dash_record(hostile, strlen(hostile), &r), PT_OK);
    ck_assert_str_eq(r.verdict, "");
    ck_assert_uint_eq(r.ndomains, 1);
    ck_assert_str_eq(r.domains[0].id, "ok");
    ck_assert_uint_eq(r.nchecks, 0);
    pc_dash_swv_free(&r);
    ck_assert_int_eq(pc_dash_record("[1,2]", 5, &r), PT_INVALID);
    ck_assert_int_eq(pc_dash_record("{\"swv\":", 7, &r), PT_INVALID);
    free(body);
}
END_TEST

/* SWV i of a synthetic rubric: overall 1.0 + 0.25 i, domain "a" 2.0 +
 * 0.1 i, domain "b" only for even i; verdict by i; check "c1" applied to
 * 4 cases, missed in i % 3 of them; check "c2" only by the first 5. */
static void synthetic(struct pc_dash_input *in, size_t n, const char *const *swvs)
{
    memset(in, 0, sizeof *in);
    snprintf(in->rubric_id, sizeof in->rubric_id, "po-gereedheid");
    in->rubric_version = 1;
    for (size_t i = 0; i < n; i++) {
        struct pc_dash_swv r = {0};
        snprintf(r.swv, sizeof r.swv, "%s", swvs[i]);
        r.has_overall = true;
        r.overall = 1.0 + 0.25 * (double)i;
        r.ndomains = i % 2 == 0 ? 2 : 1;
        r.domains = pt_xcalloc(r.ndomains, sizeof *r.domains);
        snprintf(r.domains[0].id, PC_ID_SIZE, "a");
        r.domains[0].has_score = true;
        r.domains[0].score = 2.0 + 0.1 * (double)i;
        if (r.ndomains == 2) {
            snprintf(r.domains[1].id, PC_ID_SIZE, "b");
            r.domains[1].has_score = true;
            r.domains[1].score = 3.0;
        }
        snprintf(r.verdict, sizeof r.verdict, "%s",
                 i < 11 ? "niet-klaar" : i < 13 ? "bijna-klaar" : "klaar");
        r.nchecks = i < 5 ? 2 : 1;
        r.checks = pt_xcalloc(r.nchecks, sizeof *r.checks);
        snprintf(r.checks[0].id, PC_ID_SIZE, "c1");
        r.checks[0].applicable = 4;
        r.checks[0].missed = i % 3;
        if (r.nchecks == 2) {
            snprintf(r.checks[1].id, PC_ID_SIZE, "c2");
            r.checks[1].applicable = 1;
            r.checks[1].missed = 1;
        }
        r.has_scale = true;
        r.scale_min = 1;
        r.scale_max = 4;
        ck_assert_int_eq(pc_dash_input_add(in, &r), PT_OK);
    }
}

static const char *const swv14[] = {
    "PO 20-01", "PO 28-01", "PO 28-02", "PO 28-03", "PO 28-04", "PO 28-05", "PO 28-06",
    "PO 28-07", "PO 28-08", "PO 28-09", "PO 28-10", "PO 27-01", "PO 27-02", "PO 99-01",
};

START_TEST(aggregate_follows_the_benchmark_rules)
{
    struct pc_dash_input in;
    struct pc_dash_rubric r;

    synthetic(&in, 9, swv14);
    ck_assert_int_eq(pc_dash_aggregate(&in, &r), PT_OK);
    ck_assert(!r.shown);
    ck_assert_uint_eq(r.nswvs, 9);
    ck_assert_uint_eq(r.ndomains, 0);
    ck_assert_uint_eq(r.nverdicts, 0);
    ck_assert(!r.overall.shown);
    ck_assert(!r.sectors[0].shown);   /* 9 PO SWVs: below 10 */
    pc_dash_rubric_free(&r);
    pc_dash_input_free(&in);

    synthetic(&in, 14, swv14);
    ck_assert_int_eq(pc_dash_aggregate(&in, &r), PT_OK);
    ck_assert(r.shown);
    ck_assert_uint_eq(r.nswvs, 14);
    /* overall 1.0 … 4.25 step 0.25: type 7 q1 at h = 3.25 → 1.8125 → 1.8,
     * median 2.625 → 2.6, q3 at h = 9.75 → 3.4375 → 3.4 */
    ck_assert(r.overall.shown);
    ck_assert_uint_eq(r.overall.count, 14);
    ck_assert_double_eq_tol(r.overall.q1, 1.8, 1e-12);
    ck_assert_double_eq_tol(r.overall.median, 2.6, 1e-12);
    ck_assert_double_eq_tol(r.overall.q3, 3.4, 1e-12);
    /* domain a: 2.0 … 3.3; b: 7 SWVs only, not shown */
    ck_assert_uint_eq(r.ndomains, 2);
    ck_assert_str_eq(r.domains[0].id, "a");
    ck_assert(r.domains[0].shown);
    ck_assert_double_eq_tol(r.domains[0].median, 2.7, 1e-12);   /* 2.65 → 2.7 */
    ck_assert_str_eq(r.domains[1].id, "b");
    ck_assert(!r.domains[1].shown);
    ck_assert_uint_eq(r.domains[1].count, 7);
    ck_assert_double_eq(r.axis_lo, 1);
    ck_assert_double_eq(r.axis_hi, 4);
    /* sectors: 14 PO shown, 0 VO shown; provinces: Zuid-Holland 10 shown,
     * the others below 10 */
    ck_assert(r.sectors[0].shown && r.sectors[0].n == 14);
    ck_assert(r.sectors[1].shown && r.sectors[1].n == 0);
    ck_assert(r.provinces[8].shown && r.provinces[8].n == 10);
    ck_assert(!r.provinces[0].shown && !r.provinces[7].shown && !r.provinces[12].shown);
    /* verdicts: niet-klaar 11 shown; bijna-klaar 2 and klaar 1 hidden and
     * listed by name, not by size */
    ck_assert_uint_eq(r.nverdicts, 3);
    ck_assert_str_eq(r.verdicts[0].label, "niet-klaar");
    ck_assert(r.verdicts[0].shown && r.verdicts[0].n == 11);
    ck_assert_str_eq(r.verdicts[1].label, "bijna-klaar");
    ck_assert_str_eq(r.verdicts[2].label, "klaar");
    ck_assert(!r.verdicts[1].shown && !r.verdicts[2].shown);
    /* checks: c1 by 14 SWVs, 56 cases, missed 0+1+2+0+1+2+… = 13 → 23.2 %;
     * c2 by 5 SWVs only: not listed */
    ck_assert_uint_eq(r.nmisses, 1);
    ck_assert_str_eq(r.misses[0].id, "c1");
    ck_assert_uint_eq(r.misses[0].swvs, 14);
    ck_assert_uint_eq(r.misses[0].applicable, 56);
    ck_assert_uint_eq(r.misses[0].missed, 13);
    ck_assert_double_eq_tol(r.misses[0].percent, 23.2, 1e-12);
    pc_dash_rubric_free(&r);
    pc_dash_input_free(&in);
}
END_TEST

/* Submissions without deadline checks (no cases): no list, a sentence. */
START_TEST(aggregate_without_checks)
{
    struct pc_dash_input in;
    struct pc_dash_rubric r;
    struct pt_buf b = {0};
    synthetic(&in, 12, swv14);
    for (size_t i = 0; i < in.n; i++) {
        free(in.swvs[i].checks);
        in.swvs[i].checks = NULL;
        in.swvs[i].nchecks = 0;
    }
    ck_assert_int_eq(pc_dash_aggregate(&in, &r), PT_OK);
    ck_assert_uint_eq(r.nmisses, 0);
    pc_dashboard_html(&r, 1, "nu", &b);
    ck_assert_ptr_nonnull(strstr(b.data, "<p>Geen termijncheck is door ten minste 10 SWV's "
                                         "toegepast.</p>"));
    pt_buf_free(&b);
    pc_dash_rubric_free(&r);
    pc_dash_input_free(&in);
}
END_TEST

static void base64(const uint8_t *in, size_t n, char *out)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        out[o++] = t[v >> 18 & 63];
        out[o++] = t[v >> 12 & 63];
        out[o++] = i + 1 < n ? t[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? t[v & 63] : '=';
    }
    out[o] = '\0';
}

/* The page's one <style> is the one the CSP allows. */
static void assert_csp_matches(const char *html)
{
    char csp[512], want[128], b64[48];
    uint8_t digest[PC_SHA256_SIZE];
    const char *a = strstr(html, "<style>"), *b = strstr(html, "</style>");
    ck_assert(a && b && b > a);
    ck_assert_ptr_null(strstr(b + 1, "<style"));
    a += strlen("<style>");
    pc_sha256(a, (size_t)(b - a), digest);
    base64(digest, sizeof digest, b64);
    pc_dashboard_csp(csp, sizeof csp);
    snprintf(want, sizeof want, "style-src 'sha256-%s';", b64);
    ck_assert_msg(strstr(csp, want) != NULL, "csp %s", csp);
    ck_assert_ptr_nonnull(strstr(csp, "default-src 'none'"));
    ck_assert_ptr_null(strstr(csp, "unsafe-inline"));
}

/* True when html has an attribute " onsomething=". */
static bool has_event_handler(const char *html)
{
    for (const char *p = strstr(html, " on"); p; p = strstr(p + 1, " on")) {
        const char *q = p + 3;
        while (*q >= 'a' && *q <= 'z')
            q++;
        if (*q == '=')
            return true;
    }
    return false;
}

START_TEST(page_in_dutch_without_names_or_extremes)
{
    struct pc_dash_input in;
    struct pc_dash_rubric r[2];
    struct pt_buf b = {0};

    synthetic(&in, 14, swv14);
    ck_assert_int_eq(pc_dash_aggregate(&in, &r[0]), PT_OK);
    pc_dash_input_free(&in);
    synthetic(&in, 4, swv14);
    snprintf(in.rubric_id, sizeof in.rubric_id, "vo-gereedheid");
    ck_assert_int_eq(pc_dash_aggregate(&in, &r[1]), PT_OK);
    pc_dash_input_free(&in);
    pc_dashboard_html(r, 2, "2026-11-30 17:00 UTC", &b);
    const char *h = b.data;
    const char *path = getenv("PT_DASHBOARD_SAMPLE");
    if (path)
        tu_write(path, h);

    ck_assert(strncmp(h, "<!DOCTYPE html>\n<html lang=\"nl\">", 32) == 0);
    ck_assert_ptr_nonnull(strstr(h, "Momentopname: 2026-11-30 17:00 UTC"));
    assert_csp_matches(h);
    ck_assert_ptr_null(strstr(h, "style=\""));
    ck_assert_ptr_null(strstr(h, "<script"));
    ck_assert(!has_event_handler(h));
    /* no SWV is named: not one code of the input is on the page */
    for (size_t i = 0; i < 14; i++)
        ck_assert_msg(strstr(h, swv14[i]) == NULL, "%s named", swv14[i]);
    ck_assert_ptr_null(strstr(h, "28-"));
    /* quartiles with a decimal comma; never the lowest (1,0) or highest
     * (4,25) overall, nor the extremes of domain a (2,0 and 3,3) */
    ck_assert_ptr_nonnull(strstr(h, "<td>1,8</td><td>2,6</td><td>3,4</td>"));
    ck_assert_ptr_null(strstr(h, "4,25"));
    ck_assert_ptr_null(strstr(h, "4,3"));
    ck_assert_ptr_null(strstr(h, "3,3"));
    ck_assert_ptr_null(strstr(h, "2,0<"));
    ck_assert_ptr_nonnull(strstr(h, "<th scope=\"row\">b</th><td>7</td>"
                                    "<td colspan=\"3\">niet getoond (te weinig SWV's)</td>"));
    /* counts below 10 and their complement hidden */
    ck_assert_ptr_nonnull(strstr(h, "<th scope=\"row\">klaar</th><td>minder dan 10</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<th scope=\"row\">Zuid-Holland</th><td>10</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<th scope=\"row\">Groningen</th><td>minder dan 10</td>"));
    ck_assert_ptr_nonnull(strstr(h, "<th scope=\"row\">c1</th><td>14</td><td>56</td>"
                                    "<td>13</td><td>23,2</td>"));
    /* every chart has a text alternative */
    ck_assert_ptr_nonnull(strstr(h, "role=\"img\" aria-labelledby=\"bp1-t bp1-d\""));
    ck_assert_ptr_nonnull(strstr(h, "<desc id=\"bp1-d\">a: eerste kwartiel"));
    /* the small rubric shows its count only */
    const char *vo = strstr(h, "Rubric vo-gereedheid (versie 1)");
    ck_assert_ptr_nonnull(vo);
    ck_assert_ptr_nonnull(strstr(vo, "4 SWV's deden mee"));
    ck_assert_ptr_nonnull(strstr(vo, "Minder dan 10 SWV's: voor deze rubric worden nog geen"));
    ck_assert_ptr_null(strstr(vo, "<svg"));
    pt_buf_free(&b);
    pc_dash_rubric_free(&r[0]);
    pc_dash_rubric_free(&r[1]);

    pc_dashboard_html(NULL, 0, "2026-11-30 17:00 UTC", &b);
    ck_assert_ptr_nonnull(strstr(b.data, "Er zijn nog geen resultaten ontvangen."));
    pt_buf_free(&b);
}
END_TEST

Suite *dashboard_suite(void)
{
    Suite *s = suite_create("dashboard");
    TCase *tc = tcase_create("units");
    tcase_add_test(tc, provinces_from_region_number);
    tcase_add_test(tc, small_counts_suppressed_and_not_computable);
    tcase_add_test(tc, record_from_stored_body);
    tcase_add_test(tc, aggregate_follows_the_benchmark_rules);
    tcase_add_test(tc, aggregate_without_checks);
    tcase_add_test(tc, page_in_dutch_without_names_or_extremes);
    suite_add_tcase(s, tc);
    return s;
}
