/*
 * central_benchmark.c — quartiles and the answer of GET /v1/benchmark (see
 * central_benchmark.h).
 */
#include "central_benchmark.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "util.h"

void pc_bench_add(struct pc_bench_values *v, const char *swv, const char *domain,
                  bool has, double value)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = pt_xrealloc(v->items, v->cap * sizeof *v->items);
    }
    struct pc_bench_value *x = &v->items[v->n++];
    snprintf(x->swv, sizeof x->swv, "%s", swv);
    snprintf(x->domain, sizeof x->domain, "%s", domain);
    x->has = has;
    x->value = has ? value : 0.0;
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

double pc_round1(double x)
{
    double r = round(x * 10.0) / 10.0;
    return r == 0.0 ? 0.0 : r;   /* no "-0" */
}

static cJSON *need(cJSON *x)
{
    if (!x) {
        fputs(PC_PROGRAM ": onvoldoende geheugen\n", stderr);
        abort();
    }
    return x;
}

static void add(cJSON *o, const char *key, cJSON *x)
{
    if (!cJSON_AddItemToObject(o, key, need(x)))
        need(NULL);
}

/* Adds count and, from PC_MIN_SWVS scores on, the quartiles of the scores
 * of v whose domain is domain. */
static void add_dist(cJSON *o, const struct pc_bench_values *v, const char *domain,
                     double *scratch)
{
    size_t n = 0;
    struct pc_dist d;
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i].has && strcmp(v->items[i].domain, domain) == 0)
            scratch[n++] = v->items[i].value;
    pc_distribution(scratch, n, &d);
    add(o, "count", cJSON_CreateNumber((double)n));
    const char *names[3] = {"q1", "median", "q3"};
    const double vals[3] = {d.q1, d.median, d.q3};
    for (size_t k = 0; k < 3; k++)
        add(o, names[k], n >= PC_MIN_SWVS ? cJSON_CreateNumber(pc_round1(vals[k]))
                                          : cJSON_CreateNull());
}

char *pc_benchmark_json(const char *rubric_id, long rubric_version,
                        const struct pc_bench_values *v, long long taken_at)
{
    size_t swvs = 0;
    char when[32];
    time_t t = (time_t)taken_at;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; i < v->n; i++)
        if (i == 0 || strcmp(v->items[i].swv, v->items[i - 1].swv) != 0)
            swvs++;

    double *scratch = pt_xcalloc(v->n ? v->n : 1, sizeof *scratch);
    cJSON *root = need(cJSON_CreateObject());
    cJSON *rubric = need(cJSON_CreateObject());
    add(root, "rubric", rubric);
    add(rubric, "id", cJSON_CreateString(rubric_id));
    add(rubric, "version", cJSON_CreateNumber((double)rubric_version));
    add(root, "snapshot_at", cJSON_CreateString(when));
    add(root, "swvs", cJSON_CreateNumber((double)swvs));
    cJSON *overall = need(cJSON_CreateObject());
    add(root, "overall", overall);
    add_dist(overall, v, "", scratch);
    cJSON *domains = need(cJSON_CreateArray());
    add(root, "domains", domains);
    for (size_t i = 0; i < v->n; i++) {
        const char *id = v->items[i].domain;
        bool seen = !*id;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(v->items[k].domain, id) == 0;
        if (seen)
            continue;
        cJSON *d = need(cJSON_CreateObject());
        if (!cJSON_AddItemToArray(domains, d))
            need(NULL);
        add(d, "id", cJSON_CreateString(id));
        add_dist(d, v, id, scratch);
    }
    char *json = cJSON_PrintUnformatted(root);
    if (!json)
        need(NULL);
    char *copy = pt_xstrdup(json);
    cJSON_free(json);
    cJSON_Delete(root);
    free(scratch);
    return copy;
}
