/*
 * check_json_write.c — pt_json_write writes the same bytes as libcjson's
 * cJSON_Print and cJSON_PrintUnformatted: on the result objects of the
 * samples and on many random trees with awkward numbers and strings.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "json_write.h"
#include "result.h"
#include "score.h"
#include "suites.h"
#include "testutil.h"

static void same_as_cjson(const cJSON *o)
{
    for (int fmt = 0; fmt <= 1; fmt++) {
        char *want = fmt ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
        char *got = pt_json_print(o, fmt);
        ck_assert_ptr_nonnull(want);
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, want);
        cJSON_free(want);
        free(got);
    }
}

START_TEST(results_of_the_samples)
{
    const char *maps[] = {"cases/voorbeeld-po", "tests/fixtures/mini"};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        struct pt_toetsmap t = {0};
        struct pt_result res;
        tu_load(maps[i], &t);
        pt_score_compute(&t, &res);
        cJSON *o = pt_result_to_json(&res);
        same_as_cjson(o);
        cJSON_Delete(o);
        pt_result_free(&res);
        pt_toetsmap_free(&t);
    }
}
END_TEST

/* Numbers on and off the fast path: integers in and out of int range,
 * values with 1-3 decimals, values that need 17 digits, 0.1 + 0.2 (which
 * cJSON writes as 0.3: it compares within DBL_EPSILON), -0, NaN, inf. */
START_TEST(awkward_numbers)
{
    const double v[] = {0, -0.0, 1, -1, 2.5, -2.5, 2.58, 0.001, -0.001, 0.1, 0.125, 3.335,
                        1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1e-7, 123456.789, 2147483647.0,
                        2147483648.0, -2147483649.0, 4294967296.5, 1e15, 1e16, 99999999999999.9,
                        999999999999.999, 1e300, -1e-300, 5e-324, NAN, INFINITY, -INFINITY,
                        0.30000000000000004, 100.0 / 7, 1e21, 12345678901234567.0};
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
        same_as_cjson(a);
    }
    for (int i = -100000; i <= 100000; i += 7) { /* every rounding the engine makes */
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "x2", pt_round(i / 997.0, 2));
        cJSON_AddNumberToObject(o, "x3", pt_round(i / 997.0, 3));
        cJSON_AddNumberToObject(o, "x1", pt_round(i / 9.7, 1));
        same_as_cjson(o);
        cJSON_Delete(o);
    }
    cJSON_Delete(a);
}
END_TEST

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 16);
}

static char *random_text(void)
{
    static const char *const parts[] = {"a", "Zorgplicht", "\"", "\\", "\n", "\t", "\r", "\b",
                                        "\f", "\x01", "\x1f", "\x7f", "é", "€", "/", " ", "—",
                                        "\xf0\x9f\x98\x80", "%s", "{}", "[", "]", ":", ","};
    char *s = calloc(1, 256);
    size_t n = next_rand() % 12;
    for (size_t i = 0; i < n; i++)
        strcat(s, parts[next_rand() % (sizeof parts / sizeof parts[0])]);
    return s;
}

static cJSON *random_tree(int depth)
{
    unsigned kind = depth > 4 ? next_rand() % 6 : next_rand() % 8;
    switch (kind) {
    case 0: return cJSON_CreateNull();
    case 1: return cJSON_CreateBool(next_rand() & 1);
    case 2: return cJSON_CreateNumber((double)(int)next_rand() / (1 + next_rand() % 1000));
    case 3: return cJSON_CreateNumber(pt_round((double)(int)next_rand() / 65536.0, (int)(next_rand() % 4)));
    case 4: {
        char *t = random_text();
        cJSON *x = cJSON_CreateString(t);
        free(t);
        return x;
    }
    case 5: return cJSON_CreateRaw("[1,2]");
    case 6: {
        cJSON *a = cJSON_CreateArray();
        for (unsigned n = next_rand() % 5; n; n--)
            cJSON_AddItemToArray(a, random_tree(depth + 1));
        return a;
    }
    default: {
        cJSON *o = cJSON_CreateObject();
        for (unsigned n = next_rand() % 5; n; n--) {
            char *k = random_text();
            cJSON_AddItemToObject(o, k, random_tree(depth + 1));
            free(k);
        }
        return o;
    }
    }
}

START_TEST(random_trees)
{
    for (int i = 0; i < 3000; i++) {
        cJSON *o = random_tree(0);
        same_as_cjson(o);
        cJSON_Delete(o);
    }
}
END_TEST

START_TEST(invalid_item_writes_nothing)
{
    struct pt_buf b = {0};
    pt_buf_adds(&b, "vooraf");
    cJSON bad;
    memset(&bad, 0, sizeof bad); /* type cJSON_Invalid */
    ck_assert(!pt_json_write(&b, &bad, true));
    ck_assert_str_eq(b.data, "vooraf");
    ck_assert(!pt_json_write(&b, NULL, false));
    ck_assert_ptr_null(pt_json_print(&bad, false));
    pt_buf_free(&b);
}
END_TEST

Suite *json_write_suite(void)
{
    Suite *s = suite_create("json_write");
    TCase *tc = tcase_create("same as cJSON");
    tcase_add_test(tc, results_of_the_samples);
    tcase_add_test(tc, awkward_numbers);
    tcase_add_test(tc, random_trees);
    tcase_add_test(tc, invalid_item_writes_nothing);
    suite_add_tcase(s, tc);
    return s;
}
