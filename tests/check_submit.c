/*
 * check_submit.c — the submission client without a network: what the body
 * may carry (the allow-list), backoff and Retry-After, what each answer of
 * the server means, the configuration file and the URL rules.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "benchmark.h"
#include "config.h"
#include "deliver.h"
#include "http_client.h"
#include "outbox.h"
#include "result.h"
#include "score.h"
#include "submission.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/* ---- the body: only what privacy.md allows ---- */

static char *sample_body(struct pt_toetsmap *t, struct pt_result *res)
{
    tu_load("cases/voorbeeld-po", t);
    pt_score_compute(t, res);
    char *body = NULL;
    ck_assert_int_eq(pt_submission_build(res, 3, 1795435200, &body), 0);
    return body;
}

START_TEST(body_has_no_case_text_comments_or_raters)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    char *body = sample_body(&t, &res);
    size_t checked = 0;
    for (size_t i = 0; i < t.assessment->ncases; i++) {
        const struct pt_case *c = t.cases[i];
        ck_assert_msg(strstr(body, c->summary) == NULL, "summary of %s leaked", c->id);
        checked++;
        if (c->parents_view) {
            ck_assert_msg(strstr(body, c->parents_view) == NULL, "parents' view leaked");
            checked++;
        }
        for (size_t k = 0; k < c->ntimeline; k++)
            if (c->timeline[k].note && strlen(c->timeline[k].note) > 6) {
                ck_assert_msg(strstr(body, c->timeline[k].note) == NULL, "timeline note leaked");
                checked++;
            }
    }
    for (size_t i = 0; i < t.nscores; i++)
        if (t.scores[i].comment && strlen(t.scores[i].comment) > 6) {
            ck_assert_msg(strstr(body, t.scores[i].comment) == NULL, "comment leaked: %s",
                          t.scores[i].comment);
            checked++;
        }
    for (size_t r = 0; r < t.assessment->nteam; r++) {
        char quoted[80];
        snprintf(quoted, sizeof quoted, "\"%s\"", t.assessment->team[r].id);
        ck_assert_msg(strstr(body, quoted) == NULL, "rater id %s leaked", quoted);
    }
    /* Verdict reasons are prose: only the verdict id travels. */
    for (size_t i = 0; i < res.nreasons; i++)
        ck_assert(strstr(body, res.reasons[i]) == NULL);
    ck_assert_uint_gt(checked, 20);     /* the sample really has text to leak */
    free(body);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(body_fields_are_exactly_the_allow_list)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    char *body = sample_body(&t, &res);
    cJSON *o = cJSON_Parse(body);
    ck_assert_ptr_nonnull(o);
    static const char *const want[] = {
        "format", "assessment", "revision", "submitted_at", "swv", "date", "purpose",
        "verdict", "rubric", "team", "overall", "complete", "domains", "cases",
        "critical_findings", "reliability", "perspectives", NULL};
    size_t n = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, o) {
        bool known = false;
        for (size_t i = 0; want[i]; i++)
            known |= strcmp(f->string, want[i]) == 0;
        ck_assert_msg(known, "field %s is not on the allow-list", f->string);
        n++;
    }
    ck_assert_uint_eq(n, 17);
    ck_assert_str_eq(cJSON_GetObjectItem(o, "format")->valuestring, "praktijktoets-submission/2");
    ck_assert_str_eq(cJSON_GetObjectItem(o, "assessment")->valuestring, "PT-PO2899-2014-1");
    ck_assert_int_eq(cJSON_GetObjectItem(o, "revision")->valueint, 3);
    ck_assert_str_eq(cJSON_GetObjectItem(o, "submitted_at")->valuestring, "2026-11-23T12:00:00Z");
    ck_assert_str_eq(cJSON_GetObjectItem(o, "swv")->valuestring, "PO 28-99");
    ck_assert_str_eq(cJSON_GetObjectItem(o, "verdict")->valuestring, "niet-klaar");
    const cJSON *overall = cJSON_GetObjectItem(o, "overall");
    ck_assert(cJSON_GetObjectItem(overall, "score")->valuedouble == 2.68);
    ck_assert(cJSON_GetObjectItem(overall, "percent")->valuedouble == 55.96);
    const cJSON *team = cJSON_GetObjectItem(o, "team");
    ck_assert_int_eq(cJSON_GetObjectItem(team, "size")->valueint, 6);
    ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(team, "roles"), "personeel")->valueint, 2);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(o, "cases")), 10);
    const cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(o, "cases"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(c0, "criteria")), 35);
    /* The result's disagreements, warnings and "nvt" counts are not listed. */
    ck_assert_ptr_null(cJSON_GetObjectItem(o, "warnings"));
    ck_assert_ptr_null(strstr(body, "\"nvt\":"));
    cJSON_Delete(o);
    free(body);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}
END_TEST

/* Adds "GEHEIM" fields to every object of a tree, as a future version of
 * the result object might add fields. */
static void plant(cJSON *node)
{
    cJSON *child;
    cJSON_ArrayForEach(child, node)
        plant(child);
    if (cJSON_IsObject(node)) {
        cJSON_AddStringToObject(node, "summary", "GEHEIM samenvatting");
        cJSON_AddStringToObject(node, "rater", "GEHEIM-r1");
        cJSON_AddStringToObject(node, "comment", "GEHEIM toelichting");
    }
}

START_TEST(fields_added_to_the_result_later_do_not_leave)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    tu_load("cases/voorbeeld-po", &t);
    pt_score_compute(&t, &res);
    cJSON *result = pt_result_to_json(&res);
    plant(result);
    /* Free text where an id or enum belongs is dropped too. */
    cJSON *cases = cJSON_GetObjectItem(result, "cases");
    cJSON_ReplaceItemInObject(cJSON_GetArrayItem(cases, 0), "id",
                              cJSON_CreateString("GEHEIM Jan de Vries, 8 jaar"));
    cJSON *rel = cJSON_GetObjectItem(result, "reliability");
    cJSON_ReplaceItemInObject(rel, "interpretation", cJSON_CreateString("GEHEIM"));
    cJSON *sub = pt_submission_from_result(result, t.assessment, t.rubric, 1, 0);
    char *text = cJSON_PrintUnformatted(sub);
    ck_assert_ptr_null(strstr(text, "GEHEIM"));
    ck_assert_ptr_nonnull(strstr(text, "\"alpha_ordinal\":0.7"));
    cJSON_free(text);
    cJSON_Delete(sub);
    cJSON_Delete(result);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}
END_TEST

START_TEST(idempotency_key)
{
    char *k = pt_submission_key("PT-PO2899-2014-1", 7);
    ck_assert_str_eq(k, "PT-PO2899-2014-1/7");
    free(k);
}
END_TEST

/* ---- retry schedule ---- */

START_TEST(backoff_doubles_to_an_hour)
{
    ck_assert_int_eq(pt_outbox_backoff(1, 0), 1);
    ck_assert_int_eq(pt_outbox_backoff(2, 0), 2);
    ck_assert_int_eq(pt_outbox_backoff(3, 0), 4);
    ck_assert_int_eq(pt_outbox_backoff(12, 0), 2048);
    ck_assert_int_eq(pt_outbox_backoff(13, 0), 3600);
    ck_assert_int_eq(pt_outbox_backoff(500, 0.9), 3600);
    /* jitter adds up to a quarter */
    ck_assert_int_eq(pt_outbox_backoff(5, 0.5), 18);
    ck_assert_int_eq(pt_outbox_backoff(5, 0.999), 19);
    ck_assert_int_eq(pt_outbox_backoff(11, 0.999), 1279);
    ck_assert_int_eq(pt_outbox_backoff(12, 0.999), 2559);
}
END_TEST

START_TEST(retry_after_is_honoured_and_clamped)
{
    ck_assert_int_eq(pt_outbox_delay(1, 30, 0.5), 30);
    ck_assert_int_eq(pt_outbox_delay(9, 30, 0.5), 30);
    ck_assert_int_eq(pt_outbox_delay(1, 0, 0.5), 1);
    ck_assert_int_eq(pt_outbox_delay(1, 86400, 0.5), 3600);
    ck_assert_int_eq(pt_outbox_delay(3, -1, 0), 4);
}
END_TEST

START_TEST(retry_after_seconds_and_http_dates)
{
    /* Wed, 21 Oct 2015 07:28:00 GMT = 1445412480 */
    ck_assert_int_eq(pt_http_parse_retry_after("120", 0), 120);
    ck_assert_int_eq(pt_http_parse_retry_after(" 7 ", 0), 7);
    ck_assert_int_eq(pt_http_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412420), 60);
    ck_assert_int_eq(pt_http_parse_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", 1445412420), 60);
    ck_assert_int_eq(pt_http_parse_retry_after("Wed Oct 21 07:28:00 2015", 1445412420), 60);
    ck_assert_int_eq(pt_http_parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 99), 0);
    ck_assert_int_eq(pt_http_parse_retry_after("morgen", 0), -1);
    ck_assert_int_eq(pt_http_parse_retry_after("12abc", 0), -1);
    ck_assert_int_eq(pt_http_parse_retry_after("", 0), -1);
    ck_assert_int_eq(pt_http_parse_retry_after(NULL, 0), -1);
    ck_assert_int_eq(pt_http_parse_retry_after("99999999999999999999", 0), -1);
}
END_TEST

/* ---- what an answer means (submission.md table) ---- */

START_TEST(answers_are_classified_as_the_protocol_says)
{
    struct pt_delivery d;
    pt_delivery_classify(201, "{\"status\":\"stored\"}", -1, NULL, 1, 0, &d);
    ck_assert_int_eq(d.state, PT_OUTBOX_DELIVERED);
    pt_delivery_classify(200, "{\"status\":\"duplicate\"}", -1, NULL, 1, 0, &d);
    ck_assert_int_eq(d.state, PT_OUTBOX_DELIVERED);
    pt_delivery_classify(409, "{\"error\":\"conflict\",\"message\":\"andere inhoud\"}", -1, NULL, 1, 0, &d);
    ck_assert_int_eq(d.state, PT_OUTBOX_REJECTED);
    ck_assert_ptr_nonnull(strstr(d.message, "andere inhoud"));
    static const long rejected[] = {400, 413, 422, 401, 403, 404, 405};
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++) {
        pt_delivery_classify(rejected[i], "{\"error\":\"x\",\"message\":\"reden\"}", -1, NULL, 1, 0, &d);
        ck_assert_msg(d.state == PT_OUTBOX_REJECTED, "%ld", rejected[i]);
        ck_assert_ptr_nonnull(strstr(d.message, "reden"));
    }
    pt_delivery_classify(401, "", -1, NULL, 1, 0, &d);
    ck_assert_ptr_nonnull(strstr(d.message, "token"));
    static const long later[] = {408, 429, 500, 502, 503, 504};
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        pt_delivery_classify(later[i], "niet eens JSON", -1, NULL, 3, 0, &d);
        ck_assert_msg(d.state == PT_OUTBOX_PENDING, "%ld", later[i]);
        ck_assert_int_eq(d.delay, 4);
    }
    pt_delivery_classify(503, NULL, 17, NULL, 3, 0, &d);
    ck_assert_int_eq(d.delay, 17);
    /* a redirect: kept pending, the user is told where the endpoint went */
    static const long moved[] = {301, 302, 307, 308};
    for (size_t i = 0; i < sizeof moved / sizeof moved[0]; i++) {
        pt_delivery_classify(moved[i], "", -1, "https://nieuw.example/v1/results", 1, 0, &d);
        ck_assert_msg(d.state == PT_OUTBOX_PENDING, "%ld", moved[i]);
        ck_assert_ptr_nonnull(strstr(d.message, "het eindpunt is verhuisd naar "
                                                "https://nieuw.example/v1/results"));
    }
    pt_delivery_classify(503, NULL, 17, NULL, 3, 0, &d);
    ck_assert_int_eq(d.delay, 17);
    /* A message with control characters is printed on one line. */
    pt_delivery_classify(422, "{\"error\":\"invalid\",\"message\":\"a\\nb\\u001b[31m\"}", -1, NULL, 1, 0, &d);
    ck_assert_ptr_null(strchr(d.message, '\n'));
    ck_assert_ptr_null(strchr(d.message, 0x1b));
}
END_TEST

/* ---- the configuration file ---- */

static char *cfgdir;

static void cfg_setup(void)
{
    cfgdir = tu_tmpdir();
    unsetenv("PRAKTIJKTOETS_TOKEN");
    unsetenv("PRAKTIJKTOETS_ENDPOINT");
    unsetenv("PRAKTIJKTOETS_CACERT");
}

static void cfg_teardown(void)
{
    unsetenv("PRAKTIJKTOETS_CONFIG");
    tu_rmrf(cfgdir);
    free(cfgdir);
}

static void write_config(const char *text, mode_t mode, char *path, size_t size)
{
    snprintf(path, size, "%s/config", cfgdir);
    tu_write(path, text);
    chmod(path, mode);
    setenv("PRAKTIJKTOETS_CONFIG", path, 1);
}

START_TEST(config_readable_by_others_is_refused)
{
    char path[512];
    struct pt_error err = {""};
    struct pt_config c;
    write_config("endpoint = https://centraal.example\ntoken = ptk_geheimgeheim\n", 0644,
                 path, sizeof path);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);
    ck_assert_ptr_nonnull(strstr(err.msg, path));
    ck_assert_ptr_nonnull(strstr(err.msg, "chmod 600"));
    ck_assert_ptr_null(strstr(err.msg, "geheim"));
    chmod(path, 0640);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);
    chmod(path, 0600);
    ck_assert_int_eq(pt_config_load(&c, &err), 0);
    ck_assert_str_eq(c.endpoint, "https://centraal.example");
    ck_assert_str_eq(c.token, "ptk_geheimgeheim");
    pt_config_free(&c);
}
END_TEST

START_TEST(config_environment_wins_and_keys_are_checked)
{
    char path[512];
    struct pt_error err = {""};
    struct pt_config c;
    write_config("# centrale inzending\n\nendpoint=\"https://a.example\"\r\ntoken = uitbestand\n"
                 "timeout = 20\nconnect_timeout = 5\ncacert = /etc/ca.pem\n", 0600, path, sizeof path);
    setenv("PRAKTIJKTOETS_TOKEN", "uitomgeving", 1);
    ck_assert_int_eq(pt_config_load(&c, &err), 0);
    ck_assert_str_eq(c.token, "uitomgeving");
    ck_assert_str_eq(c.endpoint, "https://a.example");
    ck_assert_str_eq(c.cacert, "/etc/ca.pem");
    ck_assert_int_eq(c.timeout, 20);
    ck_assert_int_eq(c.connect_timeout, 5);
    pt_config_free(&c);
    unsetenv("PRAKTIJKTOETS_TOKEN");

    write_config("endpoint = https://a.example\ntokn = x\n", 0600, path, sizeof path);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);
    ck_assert_ptr_nonnull(strstr(err.msg, ":2: onbekende sleutel \"tokn\""));
    write_config("timeout = lang\n", 0600, path, sizeof path);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);
    ck_assert_ptr_nonnull(strstr(err.msg, ":1: timeout"));
    write_config("zomaar tekst\n", 0600, path, sizeof path);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);

    /* A named file that is missing is an error; the default one is optional. */
    setenv("PRAKTIJKTOETS_CONFIG", "/nonexistent/praktijktoets.conf", 1);
    ck_assert_int_eq(pt_config_load(&c, &err), 3);
    unsetenv("PRAKTIJKTOETS_CONFIG");
    setenv("XDG_CONFIG_HOME", cfgdir, 1);
    ck_assert_int_eq(pt_config_load(&c, &err), 0);
    ck_assert_ptr_null(c.token);
    pt_config_free(&c);
    unsetenv("XDG_CONFIG_HOME");
}
END_TEST

/* ---- which endpoints may be used ---- */

START_TEST(plain_http_only_to_loopback)
{
    struct pt_error err = {""};
    ck_assert_int_eq(pt_http_check_url("https://centraal.example/api", &err), 0);
    ck_assert_int_eq(pt_http_check_url("http://127.0.0.1:8443", &err), 0);
    ck_assert_int_eq(pt_http_check_url("http://127.9.9.9/", &err), 0);
    ck_assert_int_eq(pt_http_check_url("http://localhost:8443", &err), 0);
    ck_assert_int_eq(pt_http_check_url("http://[::1]:8443", &err), 0);
    ck_assert_int_eq(pt_http_check_url("http://centraal.example", &err), PT_INVALID);
    ck_assert_ptr_nonnull(strstr(err.msg, "https://"));
    ck_assert_int_eq(pt_http_check_url("http://127.0.0.1.example.org/", &err), PT_INVALID);
    ck_assert_int_eq(pt_http_check_url("http://10.0.0.1/", &err), PT_INVALID);
    ck_assert_int_eq(pt_http_check_url("ftp://127.0.0.1/", &err), PT_INVALID);
    ck_assert_int_eq(pt_http_check_url("geen url", &err), PT_INVALID);
}
END_TEST

/* ---- the national distribution ---- */

START_TEST(benchmark_answer_is_read_and_positions_named)
{
    struct pt_benchmark b;
    struct pt_error err = {""};
    const char *json =
        "{\"rubric\":{\"id\":\"po-gereedheid\",\"version\":1},"
        "\"snapshot_at\":\"2026-11-30T10:00:00Z\",\"swvs\":12,"
        "\"overall\":{\"count\":12,\"q1\":2.4,\"median\":2.6,\"q3\":2.9},"
        "\"domains\":[{\"id\":\"ondersteuning\",\"count\":12,\"q1\":2,"
        "\"median\":2.5,\"q3\":3},"
        "{\"id\":\"gemeente\",\"count\":3,\"q1\":null,\"median\":null,"
        "\"q3\":null}]}";
    ck_assert_int_eq(pt_benchmark_parse(json, &b, &err), 0);
    ck_assert_int_eq(b.swvs, 12);
    ck_assert_str_eq(b.snapshot_at, "2026-11-30T10:00:00Z");
    ck_assert_uint_eq(b.ndomains, 2);
    ck_assert(b.overall.has && b.overall.median == 2.6);
    const struct pt_bench_stats *d = pt_benchmark_domain(&b, "ondersteuning");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(pt_benchmark_position(d, 1.9), "in het laagste kwart");
    ck_assert_str_eq(pt_benchmark_position(d, 2.2), "onder de mediaan");
    ck_assert_str_eq(pt_benchmark_position(d, 2.54), "op de mediaan");   /* 2.5 to one decimal */
    ck_assert_str_eq(pt_benchmark_position(d, 2.8), "boven de mediaan");
    ck_assert_str_eq(pt_benchmark_position(d, 3.04), "boven de mediaan");
    ck_assert_str_eq(pt_benchmark_position(d, 3.06), "in het hoogste kwart");
    /* too few scores: a count without figures, no position */
    const struct pt_bench_stats *g = pt_benchmark_domain(&b, "gemeente");
    ck_assert(g && !g->has && g->count == 3);
    ck_assert_str_eq(pt_benchmark_position(g, 2.0), "");
    ck_assert_ptr_null(pt_benchmark_domain(&b, "onbekend"));
    pt_benchmark_free(&b);
    ck_assert_int_eq(pt_benchmark_parse("{\"swvs\":5}", &b, &err), PT_FAILED);
    ck_assert_int_eq(pt_benchmark_parse("niet json", &b, &err), PT_FAILED);
    /* fuzz find: a count far beyond long made an undefined cast */
    ck_assert_int_eq(pt_benchmark_parse("{\"swvs\":6e56,\"overall\":{\"count\":6,\"min\":3.2},"
                                        "\"domains\":[]}", &b, &err), PT_FAILED);
    ck_assert_int_eq(pt_benchmark_parse("{\"swvs\":6,\"overall\":{\"count\":-1e300},"
                                        "\"domains\":[]}", &b, &err), PT_FAILED);
    ck_assert_int_eq(pt_benchmark_parse("{\"swvs\":5,\"domains\":[],\"overall\":"
                                        "{\"count\":12,\"q1\":\"laag\"}}", &b, &err), PT_FAILED);
}
END_TEST

Suite *submit_suite(void)
{
    Suite *s = suite_create("submit");
    TCase *tc = tcase_create("body");
    tcase_add_test(tc, body_has_no_case_text_comments_or_raters);
    tcase_add_test(tc, body_fields_are_exactly_the_allow_list);
    tcase_add_test(tc, fields_added_to_the_result_later_do_not_leave);
    tcase_add_test(tc, idempotency_key);
    suite_add_tcase(s, tc);
    tc = tcase_create("schedule");
    tcase_add_test(tc, backoff_doubles_to_an_hour);
    tcase_add_test(tc, retry_after_is_honoured_and_clamped);
    tcase_add_test(tc, retry_after_seconds_and_http_dates);
    tcase_add_test(tc, answers_are_classified_as_the_protocol_says);
    tcase_add_test(tc, benchmark_answer_is_read_and_positions_named);
    suite_add_tcase(s, tc);
    tc = tcase_create("config");
    tcase_add_checked_fixture(tc, cfg_setup, cfg_teardown);
    tcase_add_test(tc, config_readable_by_others_is_refused);
    tcase_add_test(tc, config_environment_wins_and_keys_are_checked);
    tcase_add_test(tc, plain_http_only_to_loopback);
    suite_add_tcase(s, tc);
    return s;
}
