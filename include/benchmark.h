/*
 * benchmark.h — the national distribution from the central endpoint
 * (GET /v1/benchmark?rubric=ID@VERSION), to show an SWV's domain scores
 * beside those of the others in the report. Only the rubric id and version
 * leave the machine for it.
 */
#ifndef PT_BENCHMARK_H
#define PT_BENCHMARK_H

#include "status.h"
#include <stdbool.h>
#include <stddef.h>

#include "http_client.h"

/* What the endpoint publishes (submission.md, "The national benchmark"):
 * per domain and overall the number of SWVs with a score, and from 10 of
 * them on the quartiles, rounded to one decimal. Never a minimum or a
 * maximum: those would be one SWV's own score. */
struct pt_bench_stats {
    char id[72];                /* domain id; "" for overall */
    long count;
    bool has;                   /* false: fewer than 10 scores, no quartiles */
    double q1, median, q3;
};

struct pt_benchmark {
    long swvs;                  /* SWVs in the distribution */
    char snapshot_at[24];       /* when the endpoint took the figures (UTC) */
    struct pt_bench_stats overall;
    struct pt_bench_stats *domains;     /* owned */
    size_t ndomains;
};

/* Reads a benchmark response body. PT_OK, or PT_FAILED with a reason. */
int pt_benchmark_parse(const char *json, struct pt_benchmark *b, struct pt_error *err);

/* Fetches the distribution for rubric id@version from endpoint, with the
 * handle's token. Returns PT_OK, or PT_FAILED with a Dutch reason (no answer,
 * refused, or too few SWVs: no quartiles at all). */
int pt_benchmark_fetch(struct pt_http *http, const char *endpoint, const char *rubric_id,
                       long rubric_version, struct pt_benchmark *b, struct pt_error *err);

/* The stats of domain id, or NULL. */
const struct pt_bench_stats *pt_benchmark_domain(const struct pt_benchmark *b, const char *id);

/* "in het laagste kwart", "onder de mediaan", … for a score. */
const char *pt_benchmark_position(const struct pt_bench_stats *s, double score);

void pt_benchmark_free(struct pt_benchmark *b);

#endif
