/*
 * score.h — the case engine: where scores are aggregated (scoring.md).
 *
 * pt_score_compute reads a complete, validated toetsmap and fills a result:
 * criterion status and score per case (1), domain and case scores (2),
 * domain and overall scores (3), timeline checks (4), critical findings (5),
 * the verdict with its reasons (6), Krippendorff's alpha (7) and the
 * perspectives of the geledingen (8). Numbers are kept in full double
 * precision; rounding happens only when printed (pt_round).
 */
#ifndef PT_SCORE_H
#define PT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "alpha.h"
#include "arena.h"
#include "model.h"

#define PT_EPS 1e-9

enum pt_crit_status { PT_CRIT_SCORED, PT_CRIT_INSUFFICIENT, PT_CRIT_NVT };
enum pt_check_status { PT_CHECK_OK, PT_CHECK_FAIL, PT_CHECK_OPEN, PT_CHECK_NA };

struct pt_crit_result {
    enum pt_crit_status status;
    double score;           /* when scored */
    size_t n;               /* numeric levels */
    size_t na;              /* nvt marks */
    double spread;          /* max − min of the levels, when scored */
    bool disagreement;
};

struct pt_check_result {
    enum pt_check_status status;
    long days;              /* not meaningful when status is NA */
};

struct pt_case_result {
    bool has_score;
    double score;
    bool *has_domain;       /* [ndomains] */
    double *domain;         /* [ndomains] */
    struct pt_crit_result *criteria;    /* [ncriteria] */
    struct pt_check_result *checks;     /* [nchecks] */
};

struct pt_finding {
    size_t kase;
    bool is_check;
    size_t index;           /* criterion or check */
    double score;           /* criterion findings */
    long days;              /* check findings */
};

struct pt_result {
    struct pt_arena arena;
    const struct pt_toetsmap *t;
    bool has_overall;
    double overall, percent;
    bool *has_domain;       /* [ndomains] */
    double *domain;
    size_t *domain_cases;
    size_t cases_scored;    /* cases with a defined S(c) */
    struct pt_case_result *cases;
    struct pt_finding *findings;
    size_t nfindings;
    const char *verdict_id, *verdict_label;
    const char **reasons;
    size_t nreasons;
    struct pt_alpha alpha;
    /* perspectives: roles in team order of first appearance */
    enum pt_role roles[PT_ROLE_COUNT];
    size_t nroles;
    bool *has_role_mean;    /* [ndomains * nroles] */
    double *role_mean;
    bool *has_gap;          /* [ndomains] */
    double *gap;
    bool *gap_flag;
    bool complete;
    bool team_complete;
    size_t role_members[PT_ROLE_COUNT];     /* team members per geleding */
    const char **warnings;  /* the toetsmap's and the engine's */
    size_t nwarnings;
};

/* Computes everything. t must be complete and indexed. Free with
 * pt_result_free. */
void pt_score_compute(const struct pt_toetsmap *t, struct pt_result *res);
void pt_result_free(struct pt_result *res);

/* Rounds half away from zero to the given decimals, treating values within
 * 1e-9 of a half as the half (2.345 → 2.35, not 2.34 from binary noise). */
double pt_round(double x, int decimals);
/* Formats x rounded to decimals with a decimal comma, Dutch style ("2,87"). */
void pt_fmt_nl(char *buf, size_t size, double x, int decimals);

const char *pt_crit_status_name(enum pt_crit_status s);
const char *pt_check_status_name(enum pt_check_status s);

#endif
