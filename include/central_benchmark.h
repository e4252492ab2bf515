/*
 * central_benchmark.h — the national distribution of GET /v1/benchmark.
 *
 * Input: for the latest submission of each SWV for one rubric id@version,
 * its overall score and its domain scores (null scores absent). Output:
 * per domain and overall count, min, q1, median, q3, max, with quartiles
 * by linear interpolation between order statistics (Hyndman & Fan type 7,
 * Excel QUARTILE.INC), rounded to 2 decimals. With fewer than PC_MIN_SWVS
 * SWVs there is no answer; a domain or the overall with fewer than
 * PC_MIN_SWVS scores gives its count and null statistics, so that no
 * single SWV's score can be read off.
 */
#ifndef PC_BENCHMARK_H
#define PC_BENCHMARK_H

#include <stdbool.h>
#include <stddef.h>

#include "central.h"

#define PC_MIN_SWVS 5

/* One score of one SWV's latest submission; domain "" is the overall. */
struct pc_bench_value {
    char swv[PC_SWV_SIZE];
    char domain[PC_ID_SIZE];
    bool has;            /* false: the score was null */
    double value;
};

struct pc_bench_values {
    struct pc_bench_value *items;
    size_t n, cap;
};

/* Appends one value (copied). Returns 0, or -1 when out of memory. */
int pc_bench_add(struct pc_bench_values *v, const char *swv, const char *domain,
                 bool has, double value);
void pc_bench_free(struct pc_bench_values *v);

struct pc_dist {
    size_t count;
    double min, q1, median, q3, max;
};

/* The quantile p (0..1) of sorted x[0..n), n ≥ 1, type 7. */
double pc_quantile(const double *sorted, size_t n, double p);

/* Sorts x[0..n) in place and fills *d (all zero when n is 0). */
void pc_distribution(double *x, size_t n, struct pc_dist *d);

/* The answer's JSON text (caller frees with cJSON_free) into *json, and the
 * number of SWVs in *nswvs. PC_INVALID (json NULL) when fewer than
 * PC_MIN_SWVS SWVs contributed; PC_FAILED when out of memory. Values with
 * the same swv must be adjacent; domains are listed in order of first
 * appearance. */
int pc_benchmark_json(const char *rubric_id, long rubric_version,
                      const struct pc_bench_values *v, char **json, size_t *nswvs);

#endif
