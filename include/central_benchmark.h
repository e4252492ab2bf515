/*
 * central_benchmark.h — the national distribution of GET /v1/benchmark.
 *
 * Input: for the latest submission of each SWV for one rubric id@version,
 * its overall score and its domain scores (null scores absent). Output
 * (submission.md, "The national benchmark"): per domain and overall the
 * count, and q1, median and q3 only when at least PC_MIN_SWVS SWVs gave a
 * score there (else null); never min or max; quartiles by linear
 * interpolation between order statistics (Hyndman & Fan type 7, Excel
 * QUARTILE.INC), rounded to one decimal. The answer names the moment of
 * the snapshot it was computed from.
 */
#ifndef PC_BENCHMARK_H
#define PC_BENCHMARK_H

#include <stdbool.h>
#include <stddef.h>

#include "central.h"

#define PC_MIN_SWVS 10

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

/* Appends one value (copied); aborts when out of memory. */
void pc_bench_add(struct pc_bench_values *v, const char *swv, const char *domain,
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

/* Rounds to one decimal (no "-0"). */
double pc_round1(double x);

/* The answer's JSON text (caller frees with free()) for the snapshot taken
 * at taken_at (Unix seconds): {"rubric": {"id", "version"}, "snapshot_at",
 * "swvs", "overall": {count, q1, median, q3}, "domains": [{id, count, q1,
 * median, q3}]}. Values with the same swv must be adjacent; domains are
 * listed in order of first appearance. Aborts when out of memory. */
char *pc_benchmark_json(const char *rubric_id, long rubric_version,
                        const struct pc_bench_values *v, long long taken_at);

#endif
