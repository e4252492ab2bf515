/*
 * benchmark.c — fetching and reading the national distribution. See
 * benchmark.h.
 */
#include "benchmark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "score.h"
#include "util.h"

/* A count from the answer: a whole number from 0 to 10^9 (a cast of a
 * larger double to long is undefined). */
static bool count_ok(const cJSON *v)
{
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 1e9;
}

static int stats(const cJSON *o, const char *where, struct pt_bench_stats *s,
                 struct pt_error *err)
{
    static const char *const names[] = {"q1", "median", "q3"};
    double *slots[] = {&s->q1, &s->median, &s->q3};
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(o, "count");
    if (!cJSON_IsObject(o) || !count_ok(count)) {
        pt_error_set(err, "benchmark: %s mist count", where);
        return -1;
    }
    s->count = (long)count->valuedouble;
    /* With too few scores the endpoint gives the count and null figures, so
     * that no single SWV can be read off: then there is no national figure. */
    s->has = s->count > 0;
    for (size_t i = 0; i < 3 && s->has; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, names[i]);
        if (cJSON_IsNull(v) || !v) {
            s->has = false;
        } else if (!cJSON_IsNumber(v)) {
            pt_error_set(err, "benchmark: %s.%s is geen getal", where, names[i]);
            return -1;
        } else {
            *slots[i] = v->valuedouble;
        }
    }
    return 0;
}

int pt_benchmark_parse(const char *json, struct pt_benchmark *b, struct pt_error *err)
{
    memset(b, 0, sizeof *b);
    cJSON *root = cJSON_Parse(json);
    int rc = PT_FAILED;
    const cJSON *swvs = cJSON_GetObjectItemCaseSensitive(root, "swvs");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    if (!cJSON_IsObject(root) || !count_ok(swvs) || !cJSON_IsArray(domains)) {
        pt_error_set(err, "benchmark: het antwoord van het eindpunt is onleesbaar");
        goto cleanup;
    }
    b->swvs = (long)swvs->valuedouble;
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(root, "snapshot_at");
    if (cJSON_IsString(at) && strlen(at->valuestring) < sizeof b->snapshot_at)
        snprintf(b->snapshot_at, sizeof b->snapshot_at, "%s", at->valuestring);
    if (stats(cJSON_GetObjectItemCaseSensitive(root, "overall"), "overall", &b->overall, err) != 0)
        goto cleanup;
    int n = cJSON_GetArraySize(domains);
    if (n > 0)
        b->domains = pt_xcalloc((size_t)n, sizeof *b->domains);
    const cJSON *d;
    cJSON_ArrayForEach(d, domains) {
        struct pt_bench_stats *s = &b->domains[b->ndomains];
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
        if (!cJSON_IsString(id) || !pt_is_identifier(id->valuestring)) {
            pt_error_set(err, "benchmark: domains[%zu].id ontbreekt", b->ndomains);
            goto cleanup;
        }
        snprintf(s->id, sizeof s->id, "%s", id->valuestring);
        if (stats(d, s->id, s, err) != 0)
            goto cleanup;
        b->ndomains++;
    }
    rc = PT_OK;
cleanup:
    cJSON_Delete(root);
    if (rc != 0)
        pt_benchmark_free(b);
    return rc;
}

int pt_benchmark_fetch(struct pt_http *http, const char *endpoint, const char *rubric_id,
                       long rubric_version, struct pt_benchmark *b, struct pt_error *err)
{
    struct pt_buf path = {0};
    struct pt_http_response resp = {0};
    struct pt_error why = {""};
    int rc = PT_FAILED;
    memset(b, 0, sizeof *b);
    /* rubric ids are identifiers (A-Z a-z 0-9 . _ -): nothing to escape */
    pt_buf_printf(&path, "/v1/benchmark?rubric=%s@%ld", rubric_id, rubric_version);
    char *url = pt_http_url(endpoint, path.data);
    const char *headers[] = {"Accept: application/json", NULL};
    if (pt_http_request(http, "GET", url, headers, NULL, 0, &resp, &why) != 0) {
        pt_error_set(err, "landelijke vergelijking niet opgehaald: geen antwoord (%s)", why.msg);
        goto cleanup;
    }
    if (resp.status != 200) {
        pt_error_set(err, "landelijke vergelijking niet opgehaald: het eindpunt antwoordde %ld%s",
                 resp.status, resp.status == 401 || resp.status == 403 ? " (token)" : "");
        goto cleanup;
    }
    rc = pt_benchmark_parse(resp.body, b, err);
    bool any = rc == 0 && b->overall.has;
    for (size_t i = 0; rc == 0 && i < b->ndomains; i++)
        any = any || b->domains[i].has;
    if (rc == 0 && !any) {
        pt_error_set(err, "landelijke vergelijking niet beschikbaar: nog te weinig "
                 "samenwerkingsverbanden (minstens 10) met rubric %s@%ld", rubric_id,
                 rubric_version);
        pt_benchmark_free(b);
        rc = -1;
    }
cleanup:
    pt_buf_free(&path);
    free(url);
    pt_http_response_free(&resp);
    return rc;
}

const struct pt_bench_stats *pt_benchmark_domain(const struct pt_benchmark *b, const char *id)
{
    for (size_t i = 0; b && i < b->ndomains; i++)
        if (strcmp(b->domains[i].id, id) == 0)
            return &b->domains[i];
    return NULL;
}

const char *pt_benchmark_position(const struct pt_bench_stats *s, double score)
{
    const double eps = 1e-9;
    if (!s || !s->has)
        return "";
    /* The distribution comes rounded to one decimal: compare like with
     * like, as the reader sees them side by side. */
    score = pt_round(score, 1);
    if (score < s->q1 - eps)
        return "in het laagste kwart";
    if (score > s->q3 + eps)
        return "in het hoogste kwart";
    if (score < s->median - eps)
        return "onder de mediaan";
    if (score > s->median + eps)
        return "boven de mediaan";
    return "op de mediaan";
}

void pt_benchmark_free(struct pt_benchmark *b)
{
    free(b->domains);
    memset(b, 0, sizeof *b);
}
