/* report_common.h — what the report model reads from a result (report_data.c). */
#ifndef PT_REPORT_COMMON_H
#define PT_REPORT_COMMON_H

#include "report.h"

/* "r2 (ouders)" for the team, "ouders" for swv and opr. */
void pt_rep_who(const struct pt_toetsmap *t, size_t rater, enum pt_audience aud,
                char *buf, size_t size);
/* Mean over the cases of a criterion's score, where scored. */
bool pt_rep_criterion_mean(const struct pt_result *res, size_t k, double *mean);
/* The scores that carry a comment, ordered by criterion (rubric order) and
 * within one criterion as they came: *order gets their indices (caller
 * frees); returns how many. */
size_t pt_rep_comments(const struct pt_toetsmap *t, size_t **order);
/* Scored criteria ordered best first (order holds up to 1024 indices). */
void pt_rep_ranked(const struct pt_result *res, size_t *order, size_t *n);
/* The previous result's score of the domain with the same id, if any. */
bool pt_rep_prev_domain(const struct pt_result *prev, const char *id, double *score);

/* Row d of the national comparison: the domains of the rubric, then the
 * total (d == ndomains). */
struct pt_rep_bench_row {
    const char *title;                  /* domain title, or "Totaal" */
    bool is_total;
    bool has_own;                       /* this SWV's score */
    double own;
    bool has;                           /* national figures */
    double v[3];                        /* q1, median, q3 (never min or max) */
    const char *position;               /* "" when either is missing */
};
void pt_rep_bench_row(const struct pt_result *res, const struct pt_benchmark *bm, size_t d,
                      struct pt_rep_bench_row *row);

#endif
