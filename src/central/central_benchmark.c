/*
 * central_benchmark.c — quartiles and the answer of GET /v1/benchmark (see
 * central_benchmark.h).
 */
#include "central_benchmark.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

int pc_bench_add(struct pc_bench_values *v, const char *swv, const char *domain,
                 bool has, double value)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        struct pc_bench_value *items = realloc(v->items, cap * sizeof *items);
        if (!items)
            return -1;
        v->items = items;
        v->cap = cap;
    }
    struct pc_bench_value *x = &v->items[v->n++];
    snprintf(x->swv, sizeof x->swv, "%s", swv);
    snprintf(x->domain, sizeof x->domain, "%s", domain);
    x->has = has;
    x->value = has ? value : 0.0;
    return 0;
}

void pc_bench_free(struct pc_bench_values *v)
{
    free(v->items);
    memset(v, 0, sizeof *v);
}

double pc_quantile(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    double a = sorted[lo], b = sorted[lo + 1];
    double v = a + (h - (double)lo) * (b - a);
    /* Rounding must not carry the value out of its interval. */
    return v < a ? a : v > b ? b : v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void pc_distribution(double *x, size_t n, struct pc_dist *d)
{
    memset(d, 0, sizeof *d);
    d->count = n;
    if (n == 0)
        return;
    qsort(x, n, sizeof *x, cmp_double);
    d->min = x[0];
    d->q1 = pc_quantile(x, n, 0.25);
    d->median = pc_quantile(x, n, 0.5);
    d->q3 = pc_quantile(x, n, 0.75);
    d->max = x[n - 1];
}

static double round2(double x)
{
    double r = round(x * 100.0) / 100.0;
    return r == 0.0 ? 0.0 : r;   /* no "-0" */
}

/* Adds count and statistics of the scores of v whose domain is domain. */
static bool add_dist(cJSON *o, const struct pc_bench_values *v, const char *domain,
                     double *scratch)
{
    size_t n = 0;
    struct pc_dist d;
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i].has && strcmp(v->items[i].domain, domain) == 0)
            scratch[n++] = v->items[i].value;
    pc_distribution(scratch, n, &d);
    if (!cJSON_AddNumberToObject(o, "count", (double)n))
        return false;
    const char *names[5] = {"min", "q1", "median", "q3", "max"};
    const double vals[5] = {d.min, d.q1, d.median, d.q3, d.max};
    for (size_t k = 0; k < 5; k++) {
        cJSON *x = n >= PC_MIN_SWVS ? cJSON_CreateNumber(round2(vals[k])) : cJSON_CreateNull();
        if (!x || !cJSON_AddItemToObject(o, names[k], x)) {
            cJSON_Delete(x);
            return false;
        }
    }
    return true;
}

int pc_benchmark_json(const char *rubric_id, long rubric_version,
                      const struct pc_bench_values *v, char **json, size_t *nswvs)
{
    int rc = PC_FAILED;
    double *scratch = NULL;
    cJSON *root = NULL;
    size_t swvs = 0;

    *json = NULL;
    for (size_t i = 0; i < v->n; i++)
        if (i == 0 || strcmp(v->items[i].swv, v->items[i - 1].swv) != 0)
            swvs++;
    *nswvs = swvs;
    if (swvs < PC_MIN_SWVS)
        return PC_INVALID;

    scratch = malloc((v->n ? v->n : 1) * sizeof *scratch);
    root = cJSON_CreateObject();
    if (!scratch || !root)
        goto cleanup;
    cJSON *rubric = cJSON_AddObjectToObject(root, "rubric");
    if (!rubric || !cJSON_AddStringToObject(rubric, "id", rubric_id) ||
        !cJSON_AddNumberToObject(rubric, "version", (double)rubric_version) ||
        !cJSON_AddNumberToObject(root, "swvs", (double)swvs))
        goto cleanup;
    cJSON *overall = cJSON_AddObjectToObject(root, "overall");
    if (!overall || !add_dist(overall, v, "", scratch))
        goto cleanup;
    cJSON *domains = cJSON_AddArrayToObject(root, "domains");
    if (!domains)
        goto cleanup;
    for (size_t i = 0; i < v->n; i++) {
        const char *id = v->items[i].domain;
        bool seen = !*id;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(v->items[k].domain, id) == 0;
        if (seen)
            continue;
        cJSON *d = cJSON_CreateObject();
        if (!d || !cJSON_AddItemToArray(domains, d)) {
            cJSON_Delete(d);
            goto cleanup;
        }
        if (!cJSON_AddStringToObject(d, "id", id) || !add_dist(d, v, id, scratch))
            goto cleanup;
    }
    *json = cJSON_PrintUnformatted(root);
    if (*json)
        rc = PC_OK;

cleanup:
    cJSON_Delete(root);
    free(scratch);
    return rc;
}
