/*
 * check_alpha.c — Krippendorff's alpha against the published fixtures of
 * assessment-anchors.md section 3 (the 4×12 example of Krippendorff 2011,
 * the 3×15 Wikipedia example, complete data, one dissent), the undefined
 * cases, independence of input order, and a plain reference implementation
 * (the full coincidence matrix built from every pair) on generated data.
 */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alpha.h"
#include "suites.h"

#define NA NAN   /* a missing value in a reliability-data matrix */
#define TOL 1e-6 /* published values have six decimals */

/* Units in the layout pt_alpha_compute takes. */
struct units {
    double *values;
    size_t *sizes;
    size_t n;
};

static void units_free(struct units *u)
{
    free(u->values);
    free(u->sizes);
    memset(u, 0, sizeof *u);
}

/* From an observers × units matrix (row-major, NA = missing). Units are taken
 * in the order order[] (NULL: as given); with reverse, each unit lists its
 * values from the last observer to the first. */
static struct units from_matrix(const double *m, size_t nobs, size_t nunits,
                                const size_t *order, bool reverse)
{
    struct units u = {0};
    size_t k = 0;
    u.values = malloc(nobs * nunits * sizeof *u.values + 1);
    u.sizes = malloc(nunits * sizeof *u.sizes + 1);
    ck_assert_ptr_nonnull(u.values);
    ck_assert_ptr_nonnull(u.sizes);
    u.n = nunits;
    for (size_t j = 0; j < nunits; j++) {
        size_t col = order ? order[j] : j;
        size_t cnt = 0;
        for (size_t i = 0; i < nobs; i++) {
            size_t row = reverse ? nobs - 1 - i : i;
            double v = m[row * nunits + col];
            if (!isnan(v)) {
                u.values[k++] = v;
                cnt++;
            }
        }
        u.sizes[j] = cnt;
    }
    return u;
}

static struct pt_alpha run(const struct units *u)
{
    struct pt_alpha a;
    memset(&a, 0xA5, sizeof a); /* the call must set every field */
    pt_alpha_compute(u->values, u->sizes, u->n, &a);
    return a;
}

static void expect_all(const struct pt_alpha *a, double nominal, double ordinal,
                       double interval, double tol)
{
    ck_assert(a->has_nominal && a->has_ordinal && a->has_interval);
    ck_assert_msg(fabs(a->nominal - nominal) <= tol, "nominal %.17g, want %.17g",
                  a->nominal, nominal);
    ck_assert_msg(fabs(a->ordinal - ordinal) <= tol, "ordinal %.17g, want %.17g",
                  a->ordinal, ordinal);
    ck_assert_msg(fabs(a->interval - interval) <= tol, "interval %.17g, want %.17g",
                  a->interval, interval);
}

static void expect_undefined(const struct pt_alpha *a)
{
    ck_assert(!a->has_nominal);
    ck_assert(!a->has_ordinal);
    ck_assert(!a->has_interval);
}

/* ---- Reference: the coincidence matrix from every ordered pair. ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Alpha straight from the definitions of anchors §3.1, O(n²) and O(V²)
 * memory; has[] false when undefined. Order: nominal, ordinal, interval. */
static void reference(const struct units *u, double res[3], bool has[3])
{
    size_t total = 0, off = 0, nv = 0;
    for (size_t j = 0; j < u->n; j++)
        if (u->sizes[j] >= 2)
            total += u->sizes[j];
    double *dom = malloc((total + 1) * sizeof *dom);
    ck_assert_ptr_nonnull(dom);
    for (size_t j = 0; j < u->n; j++) {
        if (u->sizes[j] >= 2)
            for (size_t k = 0; k < u->sizes[j]; k++)
                dom[nv++] = u->values[off + k];
        off += u->sizes[j];
    }
    qsort(dom, nv, sizeof *dom, cmp_double);
    size_t v = 0;
    for (size_t k = 0; k < nv; k++)
        if (v == 0 || dom[k] != dom[v - 1])
            dom[v++] = dom[k];
    nv = v;

    double *o = calloc(nv * nv + 1, sizeof *o);
    double *nm = calloc(nv + 1, sizeof *nm);
    ck_assert_ptr_nonnull(o);
    ck_assert_ptr_nonnull(nm);
    off = 0;
    for (size_t j = 0; j < u->n; j++) {
        size_t m = u->sizes[j];
        const double *x = u->values + off;
        off += m;
        if (m < 2)
            continue;
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++) {
                if (a == b)
                    continue;
                size_t c = (size_t)((const double *)bsearch(&x[a], dom, nv, sizeof *dom,
                                                             cmp_double) - dom);
                size_t k = (size_t)((const double *)bsearch(&x[b], dom, nv, sizeof *dom,
                                                             cmp_double) - dom);
                o[c * nv + k] += 1.0 / (double)(m - 1);
            }
    }
    double n = 0.0;
    for (size_t c = 0; c < nv; c++) {
        for (size_t k = 0; k < nv; k++)
            nm[c] += o[c * nv + k];
        n += nm[c];
    }
    for (int metric = 0; metric < 3; metric++) {
        double num = 0.0, den = 0.0;
        for (size_t c = 0; c < nv; c++)
            for (size_t k = 0; k < nv; k++) {
                double d2;
                if (metric == 0) {
                    d2 = c == k ? 0.0 : 1.0;
                } else if (metric == 1) {
                    size_t lo = c < k ? c : k, hi = c < k ? k : c;
                    double s = 0.0;
                    for (size_t g = lo; g <= hi; g++)
                        s += nm[g];
                    s -= (nm[lo] + nm[hi]) / 2.0;
                    d2 = s * s;
                } else {
                    d2 = (dom[c] - dom[k]) * (dom[c] - dom[k]);
                }
                num += o[c * nv + k] * d2;
                den += nm[c] * nm[k] * d2;
            }
        has[metric] = den > 0.0;
        res[metric] = has[metric] ? 1.0 - (n - 1.0) * num / den : 0.0;
    }
    free(dom);
    free(o);
    free(nm);
}

static void expect_reference(const struct units *u, double tol)
{
    double want[3];
    bool has[3];
    struct pt_alpha a = run(u);
    reference(u, want, has);
    ck_assert(a.has_nominal == has[0]);
    ck_assert(a.has_ordinal == has[1]);
    ck_assert(a.has_interval == has[2]);
    if (has[0])
        ck_assert_double_eq_tol(a.nominal, want[0], tol);
    if (has[1])
        ck_assert_double_eq_tol(a.ordinal, want[1], tol);
    if (has[2])
        ck_assert_double_eq_tol(a.interval, want[2], tol);
}

/* ---- Fixtures. ---- */

/* Krippendorff (2011), section C: observers A–D × units 1–12. */
static const double kripp[4 * 12] = {
    1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA,
    1, 2, 3, 3, 2, 2, 4, 1, 2, 5,  NA, 3,
    NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1,  NA,
    1, 2, 3, 3, 2, 4, 4, 1, 2, 5,  1,  NA,
};

/* The irr/DescTools and 2018-book variant: unit 12's lone 3 sits with C. */
static const double kripp_variant[4 * 12] = {
    1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA,
    1, 2, 3, 3, 2, 2, 4, 1, 2, 5,  NA, NA,
    NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1,  3,
    1, 2, 3, 3, 2, 4, 4, 1, 2, 5,  1,  NA,
};

/* Hand computation of anchors §3.3. */
#define KRIPP_NOMINAL (904.0 / 1216.0)
#define KRIPP_ORDINAL (1.0 - 73749.0 / 399480.0)
#define KRIPP_INTERVAL (1.0 - 676.0 / 4480.0)

static void expect_kripp(const struct pt_alpha *a)
{
    /* the published numbers, to six decimals */
    expect_all(a, 0.743421, 0.815388, 0.849107, TOL);
    /* and the exact fractions of the hand computation */
    expect_all(a, KRIPP_NOMINAL, KRIPP_ORDINAL, KRIPP_INTERVAL, 1e-12);
    ck_assert_uint_eq(a->units, 11);
    ck_assert_uint_eq(a->values, 40);
}

START_TEST(test_krippendorff_2011)
{
    struct units u = from_matrix(kripp, 4, 12, NULL, false);
    struct pt_alpha a = run(&u);
    expect_kripp(&a);
    /* rounds to the published .743 / .815 / .849 */
    ck_assert_double_eq_tol(a.nominal, 0.743, 0.0005);
    ck_assert_double_eq_tol(a.ordinal, 0.815, 0.0005);
    ck_assert_double_eq_tol(a.interval, 0.849, 0.0005);
    expect_reference(&u, 1e-12);
    units_free(&u);
}
END_TEST

START_TEST(test_krippendorff_any_order)
{
    /* units reversed, shuffled, and values listed from D back to A */
    static const size_t reversed[12] = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    static const size_t shuffled[12] = {6, 0, 9, 3, 11, 5, 1, 8, 2, 10, 7, 4};
    const size_t *orders[3] = {NULL, reversed, shuffled};
    for (size_t k = 0; k < 3; k++)
        for (int rev = 0; rev < 2; rev++) {
            struct units u = from_matrix(kripp, 4, 12, orders[k], rev != 0);
            struct pt_alpha a = run(&u);
            expect_kripp(&a);
            units_free(&u);
        }

    /* Value 5 first seen before 1–4: a domain in order of appearance
     * (the fast-krippendorff bug, issue #4) would give 0.789. */
    static const size_t five_first[12] = {9, 6, 2, 5, 1, 0, 3, 4, 7, 8, 10, 11};
    struct units u = from_matrix(kripp, 4, 12, five_first, true);
    ck_assert_double_eq(u.values[0], 5.0);
    struct pt_alpha a = run(&u);
    expect_kripp(&a);
    units_free(&u);
}
END_TEST

START_TEST(test_krippendorff_variant)
{
    struct units u = from_matrix(kripp_variant, 4, 12, NULL, false);
    struct pt_alpha a = run(&u);
    expect_kripp(&a);
    units_free(&u);

    /* the 4 × 11 form of the 2019 book: unit 12 dropped */
    u = from_matrix(kripp, 4, 12, NULL, false);
    u.n = 11;
    a = run(&u);
    expect_kripp(&a);
    units_free(&u);
}
END_TEST

/* Wikipedia / Content Analysis: coders A–C × 15 units. */
static const double wiki[3 * 15] = {
    NA, NA, NA, NA, NA, 3, 4, 1, 2,  1,  1,  3,  3,  NA, 3,
    1,  NA, 2,  1,  3,  3, 4, 3, NA, NA, NA, NA, NA, NA, NA,
    NA, NA, 2,  1,  3,  4, 4, NA, 2, 1,  1,  3,  3,  NA, 4,
};

START_TEST(test_wikipedia)
{
    struct units u = from_matrix(wiki, 3, 15, NULL, false);
    struct pt_alpha a = run(&u);
    ck_assert(a.has_nominal && a.has_interval && a.has_ordinal);
    ck_assert_double_eq_tol(a.nominal, 0.691358, TOL);
    ck_assert_double_eq_tol(a.nominal, 56.0 / 81.0, 1e-12);
    ck_assert_double_eq_tol(a.interval, 0.810845, TOL);
    ck_assert_uint_eq(a.units, 12);  /* units 3–13 and 15 */
    ck_assert_uint_eq(a.values, 26);
    expect_reference(&u, 1e-12);
    units_free(&u);
}
END_TEST

START_TEST(test_complete_data)
{
    /* 3 raters × 10 units, nothing missing: o11 = 1, o12 = 4, o22 = 21,
     * n = 30, alpha = 1 − 29·8/(2·5·25) = 18/250 = 0.072 exactly (irr's
     * kripp.alpha, which skips the 1/(m_u − 1) without missing values,
     * gives 0.056). Two values one step apart: every metric agrees. */
    static const double m[3 * 10] = {
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        1, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        1, 1, 1, 1, 2, 2, 2, 2, 2, 2,
    };
    struct units u = from_matrix(m, 3, 10, NULL, false);
    struct pt_alpha a = run(&u);
    expect_all(&a, 0.072, 0.072, 0.072, 1e-12);
    ck_assert_uint_eq(a.units, 10);
    ck_assert_uint_eq(a.values, 30);
    expect_reference(&u, 1e-12);
    units_free(&u);
}
END_TEST

START_TEST(test_one_dissent)
{
    /* coders a–e × 5 units: o33 = 20, o13 = o31 = 1, D_o = D_e */
    static const double m[5 * 5] = {
        3, 3,  3,  3,  3,
        3, 3,  3,  3,  3,
        3, 3,  NA, NA, 3,
        3, 3,  3,  3,  1,
        3, NA, 3,  3,  3,
    };
    struct units u = from_matrix(m, 5, 5, NULL, false);
    struct pt_alpha a = run(&u);
    ck_assert(a.has_nominal && a.has_ordinal && a.has_interval);
    ck_assert_msg(a.nominal == 0.0, "nominal %.17g", a.nominal);
    ck_assert_msg(a.ordinal == 0.0, "ordinal %.17g", a.ordinal);
    ck_assert_msg(a.interval == 0.0, "interval %.17g", a.interval);
    ck_assert_uint_eq(a.units, 5);
    ck_assert_uint_eq(a.values, 22);
    units_free(&u);
}
END_TEST

START_TEST(test_perfect_agreement)
{
    static const double m[3 * 4] = {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4};
    struct units u = from_matrix(m, 3, 4, NULL, false);
    struct pt_alpha a = run(&u);
    expect_all(&a, 1.0, 1.0, 1.0, 0.0);
    ck_assert_uint_eq(a.units, 4);
    ck_assert_uint_eq(a.values, 12);
    units_free(&u);
}
END_TEST

START_TEST(test_all_equal_undefined)
{
    static const double m[2 * 2] = {1, 1, 1, 1};
    struct units u = from_matrix(m, 2, 2, NULL, false);
    struct pt_alpha a = run(&u);
    expect_undefined(&a);
    ck_assert_uint_eq(a.units, 2);
    ck_assert_uint_eq(a.values, 4);
    units_free(&u);

    /* -0.0 and 0.0 are one value; a differing value in an unpairable unit
     * does not count */
    static const double v[] = {0.0, -0.0, 0.0, 7.0};
    static const size_t sizes[] = {2, 1, 0, 1};
    pt_alpha_compute(v, sizes, 4, &a);
    expect_undefined(&a);
    ck_assert_uint_eq(a.units, 1);
    ck_assert_uint_eq(a.values, 2);
}
END_TEST

START_TEST(test_no_pairable_unit)
{
    static const double m[2 * 2] = {1, NA, NA, 2};
    struct units u = from_matrix(m, 2, 2, NULL, false);
    struct pt_alpha a = run(&u);
    expect_undefined(&a);
    ck_assert_uint_eq(a.units, 0);
    ck_assert_uint_eq(a.values, 0);
    units_free(&u);

    memset(&a, 0xA5, sizeof a);
    pt_alpha_compute(NULL, NULL, 0, &a);
    expect_undefined(&a);
    ck_assert_uint_eq(a.units, 0);
    ck_assert_uint_eq(a.values, 0);
}
END_TEST

START_TEST(test_not_finite_is_missing)
{
    /* NaN and infinities count as missing values */
    static const double with[] = {1, NAN, 2, 3, 3, INFINITY, 4, -INFINITY, 4, 2, 1};
    static const size_t wsizes[] = {3, 3, 3, 2};
    static const double without[] = {1, 2, 3, 3, 4, 4, 2, 1};
    static const size_t osizes[] = {2, 2, 2, 2};
    struct pt_alpha a, b;
    pt_alpha_compute(with, wsizes, 4, &a);
    pt_alpha_compute(without, osizes, 4, &b);
    expect_all(&a, b.nominal, b.ordinal, b.interval, 0.0);
    ck_assert_uint_eq(a.units, 4);
    ck_assert_uint_eq(a.values, 8);
}
END_TEST

/* Deterministic pseudo-random numbers (a 64-bit LCG). */
static unsigned long long lcg_state;
static unsigned lcg(unsigned bound)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((lcg_state >> 33) % bound);
}

START_TEST(test_against_reference)
{
    lcg_state = 20140101ULL + (unsigned long long)_i;
    size_t nunits = 1 + lcg(60);
    size_t raters = 1 + lcg(8);
    unsigned levels = 2 + lcg(6);
    bool fractional = lcg(3) == 0;
    struct units u = {0};
    u.values = malloc(nunits * raters * sizeof *u.values);
    u.sizes = malloc(nunits * sizeof *u.sizes);
    ck_assert_ptr_nonnull(u.values);
    ck_assert_ptr_nonnull(u.sizes);
    u.n = nunits;
    size_t k = 0;
    for (size_t j = 0; j < nunits; j++) {
        /* units agree more often than chance, with some missing values */
        unsigned centre = 1 + lcg(levels);
        u.sizes[j] = 0;
        for (size_t r = 0; r < raters; r++) {
            if (lcg(5) == 0)
                continue;
            unsigned lv = lcg(3) ? centre : 1 + lcg(levels);
            u.values[k++] = fractional ? (double)lv * 0.37 - 1.1 : (double)lv;
            u.sizes[j]++;
        }
    }
    expect_reference(&u, 1e-9);

    /* the same data in another unit order and value order */
    struct units p = {0};
    p.values = malloc((k + 1) * sizeof *p.values);
    p.sizes = malloc(nunits * sizeof *p.sizes);
    ck_assert_ptr_nonnull(p.values);
    ck_assert_ptr_nonnull(p.sizes);
    p.n = nunits;
    size_t *start = malloc(nunits * sizeof *start);
    ck_assert_ptr_nonnull(start);
    for (size_t j = 0, off = 0; j < nunits; j++) {
        start[j] = off;
        off += u.sizes[j];
    }
    size_t q = 0;
    for (size_t j = 0; j < nunits; j++) {
        size_t src = (j * 7 + 3) % nunits; /* a permutation unless 7 | nunits */
        if (nunits % 7 == 0)
            src = nunits - 1 - j;
        p.sizes[j] = u.sizes[src];
        for (size_t t = 0; t < u.sizes[src]; t++)
            p.values[q++] = u.values[start[src] + u.sizes[src] - 1 - t];
    }
    struct pt_alpha a = run(&u), b = run(&p);
    ck_assert(a.has_nominal == b.has_nominal && a.has_ordinal == b.has_ordinal &&
              a.has_interval == b.has_interval);
    ck_assert_uint_eq(a.units, b.units);
    ck_assert_uint_eq(a.values, b.values);
    if (a.has_nominal)
        ck_assert_double_eq_tol(a.nominal, b.nominal, 1e-12);
    if (a.has_ordinal)
        ck_assert_double_eq_tol(a.ordinal, b.ordinal, 1e-12);
    if (a.has_interval)
        ck_assert_double_eq_tol(a.interval, b.interval, 1e-12);
    free(start);
    units_free(&p);
    units_free(&u);
}
END_TEST

START_TEST(test_shift_and_scale)
{
    /* interval and ordinal alpha do not change under x → 1e6 + 2.5x */
    struct units u = from_matrix(kripp, 4, 12, NULL, false);
    size_t total = 0;
    for (size_t j = 0; j < u.n; j++)
        total += u.sizes[j];
    for (size_t k = 0; k < total; k++)
        u.values[k] = 1e6 + 2.5 * u.values[k];
    struct pt_alpha a = run(&u);
    expect_all(&a, KRIPP_NOMINAL, KRIPP_ORDINAL, KRIPP_INTERVAL, 1e-9);
    units_free(&u);
}
END_TEST

START_TEST(test_interpretation)
{
    ck_assert_str_eq(pt_alpha_interpretation(1.0), "betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(0.8), "betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(0.8 - 1e-12), "betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(0.7999), "voorlopig");
    ck_assert_str_eq(pt_alpha_interpretation(0.667), "voorlopig");
    ck_assert_str_eq(pt_alpha_interpretation(0.667 - 1e-12), "voorlopig");
    ck_assert_str_eq(pt_alpha_interpretation(0.6669), "onvoldoende betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(0.0), "onvoldoende betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(-0.5), "onvoldoende betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(KRIPP_ORDINAL), "betrouwbaar");
    ck_assert_str_eq(pt_alpha_interpretation(KRIPP_NOMINAL), "voorlopig");
}
END_TEST

Suite *alpha_suite(void)
{
    Suite *s = suite_create("alpha");
    TCase *tc = tcase_create("fixtures");
    tcase_add_test(tc, test_krippendorff_2011);
    tcase_add_test(tc, test_krippendorff_any_order);
    tcase_add_test(tc, test_krippendorff_variant);
    tcase_add_test(tc, test_wikipedia);
    tcase_add_test(tc, test_complete_data);
    tcase_add_test(tc, test_one_dissent);
    tcase_add_test(tc, test_perfect_agreement);
    suite_add_tcase(s, tc);

    tc = tcase_create("edges");
    tcase_add_test(tc, test_all_equal_undefined);
    tcase_add_test(tc, test_no_pairable_unit);
    tcase_add_test(tc, test_not_finite_is_missing);
    tcase_add_test(tc, test_shift_and_scale);
    tcase_add_test(tc, test_interpretation);
    suite_add_tcase(s, tc);

    tc = tcase_create("reference");
    tcase_add_loop_test(tc, test_against_reference, 0, 200);
    suite_add_tcase(s, tc);
    return s;
}
