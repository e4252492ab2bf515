/*
 * report_data.c — what the report model reads from a result beyond its
 * plain fields: who said what (by audience), criterion means and their
 * ranking, comments in rubric order, the previous round's domain scores
 * and the national comparison's rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_common.h"

void pt_rep_who(const struct pt_toetsmap *t, size_t rater, enum pt_audience aud,
                char *buf, size_t size)
{
    const struct pt_rater *r = &t->assessment->team[rater];
    if (aud == PT_AUD_TEAM)
        snprintf(buf, size, "%s (%s)", r->id, pt_role_name(r->role));
    else
        snprintf(buf, size, "%s", pt_role_name(r->role));
}

bool pt_rep_criterion_mean(const struct pt_result *res, size_t k, double *mean)
{
    double sum = 0;
    size_t n = 0;
    for (size_t c = 0; c < res->t->assessment->ncases; c++) {
        const struct pt_crit_result *x = &res->cases[c].criteria[k];
        if (x->status == PT_CRIT_SCORED) {
            sum += x->score;
            n++;
        }
    }
    if (n)
        *mean = sum / (double)n;
    return n > 0;
}

size_t pt_rep_comments(const struct pt_toetsmap *t, size_t **order)
{
    size_t nk = t->rubric->ncriteria, n = 0;
    size_t *start = pt_xcalloc(nk + 1, sizeof *start);
    for (size_t i = 0; i < t->nscores; i++)
        if (t->scores[i].comment) {
            start[t->scores[i].criterion + 1]++;
            n++;
        }
    for (size_t k = 0; k < nk; k++)
        start[k + 1] += start[k];
    /* a counting sort by criterion: stable, so sheet order within one */
    size_t *v = pt_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < t->nscores; i++)
        if (t->scores[i].comment)
            v[start[t->scores[i].criterion]++] = i;
    free(start);
    *order = v;
    return n;
}

void pt_rep_ranked(const struct pt_result *res, size_t *order, size_t *n)
{
    const struct pt_rubric *r = res->t->rubric;
    double m[1024];
    *n = 0;
    for (size_t k = 0; k < r->ncriteria && *n < 1024; k++)
        if (pt_rep_criterion_mean(res, k, &m[*n]))
            order[(*n)++] = k;
    /* insertion sort, best first; ties keep rubric order */
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && m[j] > m[j - 1] + PT_EPS; j--) {
            double tm = m[j];
            m[j] = m[j - 1];
            m[j - 1] = tm;
            size_t to = order[j];
            order[j] = order[j - 1];
            order[j - 1] = to;
        }
}

bool pt_rep_prev_domain(const struct pt_result *prev, const char *id, double *score)
{
    const struct pt_rubric *r = prev->t->rubric;
    for (size_t d = 0; d < r->ndomains; d++)
        if (strcmp(r->domains[d].id, id) == 0 && prev->has_domain[d]) {
            *score = prev->domain[d];
            return true;
        }
    return false;
}

void pt_rep_bench_row(const struct pt_result *res, const struct pt_benchmark *bm, size_t d,
                      struct pt_rep_bench_row *row)
{
    const struct pt_rubric *r = res->t->rubric;
    row->is_total = d == r->ndomains;
    const struct pt_bench_stats *st = row->is_total ? &bm->overall
                                                    : pt_benchmark_domain(bm, r->domains[d].id);
    row->title = row->is_total ? "Totaal" : r->domains[d].title;
    row->has_own = row->is_total ? res->has_overall : res->has_domain[d];
    row->own = row->is_total ? res->overall : res->domain[d];
    row->has = st && st->has;
    const double v[] = {row->has ? st->q1 : 0, row->has ? st->median : 0,
                        row->has ? st->q3 : 0};
    memcpy(row->v, v, sizeof v);
    row->position = row->has && row->has_own ? pt_benchmark_position(st, row->own) : "";
}
