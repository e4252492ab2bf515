/*
 * score.c — the case engine: where scores are aggregated, checks are run
 * and the verdict is reached, exactly as scoring.md says (section numbers
 * below refer to it).
 */
#include "score.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

double pt_round(double x, int decimals)
{
    double f = pow(10.0, decimals);
    double y = fabs(x) * f;
    double fl = floor(y);
    double r = (y - fl >= 0.5 - 1e-9 * (y > 1 ? y : 1)) ? fl + 1 : fl;
    return copysign(r / f, x);
}

void pt_fmt_nl(char *buf, size_t size, double x, int decimals)
{
    snprintf(buf, size, "%.*f", decimals, pt_round(x, decimals));
    for (char *p = buf; *p; p++)
        if (*p == '.')
            *p = ',';
    if (strncmp(buf, "-0,", 3) == 0 && pt_round(x, decimals) == 0)
        memmove(buf, buf + 1, strlen(buf));
}

static const char *const crit_status_names[] = {
    [PT_CRIT_SCORED] = "scored", [PT_CRIT_INSUFFICIENT] = "insufficient", [PT_CRIT_NVT] = "nvt"};
static const char *const check_status_names[] = {
    [PT_CHECK_OK] = "ok", [PT_CHECK_FAIL] = "fail", [PT_CHECK_OPEN] = "open", [PT_CHECK_NA] = "na"};

#define NAME_OF(table, i) ((unsigned)(i) < sizeof table / sizeof *table ? table[i] : "?")

const char *pt_crit_status_name(enum pt_crit_status s)
{
    return NAME_OF(crit_status_names, s);
}

const char *pt_check_status_name(enum pt_check_status s)
{
    return NAME_OF(check_status_names, s);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void add_reason(struct pt_result *res, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add_reason(struct pt_result *res, size_t *cap, const char *fmt, ...)
{
    char tmp[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (res->nreasons == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        const char **n = pt_arena_array(&res->arena, ncap, sizeof *n);
        if (res->nreasons)
            memcpy(n, res->reasons, res->nreasons * sizeof *n);
        res->reasons = n;
        *cap = ncap;
    }
    res->reasons[res->nreasons++] = pt_arena_strdup(&res->arena, tmp);
}

/* Section 5: appends a critical finding (the array lives in the arena). */
static void add_finding(struct pt_result *res, size_t *cap, struct pt_finding f)
{
    if (res->nfindings == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        struct pt_finding *nf = pt_arena_array(&res->arena, *cap, sizeof *nf);
        if (res->nfindings)
            memcpy(nf, res->findings, res->nfindings * sizeof *nf);
        res->findings = nf;
    }
    res->findings[res->nfindings++] = f;
}

/* Section 1: one criterion of one case. */
static void score_criterion(const struct pt_toetsmap *t, size_t c, size_t k,
                            double *vals, struct pt_crit_result *out)
{
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    size_t n = 0, na = 0;
    for (size_t i = 0; i < a->nteam; i++) {
        size_t s = pt_toetsmap_slot(t, c, k, i);
        if (!s)
            continue;
        if (t->scores[s - 1].nvt)
            na++;
        else
            vals[n++] = t->scores[s - 1].level;
    }
    out->n = n;
    out->na = na;
    if (n == 0 && na >= 1) {
        out->status = PT_CRIT_NVT;
        return;
    }
    if (n < (size_t)r->min_raters || n == 0) {
        out->status = PT_CRIT_INSUFFICIENT;
        return;
    }
    out->status = PT_CRIT_SCORED;
    qsort(vals, n, sizeof *vals, cmp_double);
    if (r->method == PT_METHOD_MEAN) {
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += vals[i];
        out->score = sum / (double)n;
    } else {
        out->score = n % 2 ? vals[n / 2] : (vals[n / 2 - 1] + vals[n / 2]) / 2.0;
    }
    out->spread = vals[n - 1] - vals[0];
    out->disagreement = out->spread >= r->disagreement_spread - PT_EPS || na >= 1;
}

/* Section 4: one timeline check of one case. */
static void run_check(const struct pt_check *ck, const struct pt_case *k, long ref_day,
                      struct pt_check_result *out)
{
    const struct pt_event_entry *from = NULL, *to = NULL;
    for (size_t i = 0; i < k->ntimeline && !from; i++)
        if (k->timeline[i].event == ck->from)
            from = &k->timeline[i];
    if (!from) {
        out->status = PT_CHECK_NA;
        out->days = 0;
        return;
    }
    for (size_t i = 0; i < k->ntimeline && !to; i++)
        if (k->timeline[i].event == ck->to && k->timeline[i].day >= from->day &&
            &k->timeline[i] != from)
            to = &k->timeline[i];
    if (to) {
        out->days = to->day - from->day;
        out->status = out->days > ck->max_days ? PT_CHECK_FAIL : PT_CHECK_OK;
    } else {
        out->days = ref_day - from->day;
        out->status = out->days > ck->max_days ? PT_CHECK_FAIL : PT_CHECK_OPEN;
    }
}

static bool met(double value, double threshold)
{
    return value >= threshold - PT_EPS;
}

/* Section 6: the verdict and its reasons, in Dutch. */
static void decide(const struct pt_toetsmap *t, struct pt_result *res)
{
    const struct pt_rubric *r = t->rubric;
    size_t cap = 0;
    char a[32], b[32];

    if (res->cases_scored < (size_t)r->min_cases || !res->has_overall) {
        res->verdict_id = "geen-oordeel";
        res->verdict_label = "Geen oordeel mogelijk";
        if (!res->has_overall)
            add_reason(res, &cap, "Er is nog geen enkel criterium door genoeg beoordelaars "
                       "gescoord; een totaalscore is niet te berekenen.");
        else
            add_reason(res, &cap, "Slechts %zu %s met een score; de rubric vraagt er "
                       "minstens %ld.", res->cases_scored,
                       res->cases_scored == 1 ? "casus" : "casussen", r->min_cases);
        return;
    }
    if (res->nfindings) {
        res->verdict_id = r->fallback.id;
        res->verdict_label = r->fallback.label;
        for (size_t i = 0; i < res->nfindings; i++) {
            const struct pt_finding *f = &res->findings[i];
            const char *cid = t->assessment->case_ids[f->kase];
            if (f->is_check) {
                const struct pt_check *ck = &r->checks[f->index];
                add_reason(res, &cap, "Kritieke bevinding bij casus %s: %s (%s) niet gehaald: "
                           "%ld dagen, maximaal %ld.", cid, ck->label, ck->id, f->days,
                           ck->max_days);
            } else {
                pt_fmt_nl(a, sizeof a, f->score, 2);
                pt_fmt_nl(b, sizeof b, r->critical_min, 2);
                add_reason(res, &cap, "Kritieke bevinding bij casus %s: kritiek criterium %s "
                           "scoort %s, onder de ondergrens %s.", cid,
                           r->criteria[f->index].id, a, b);
            }
        }
        return;
    }
    for (size_t v = 0; v < r->nverdicts; v++) {
        const struct pt_verdict_def *vd = &r->verdicts[v];
        bool ok = met(res->overall, vd->min_overall);
        for (size_t d = 0; d < r->ndomains; d++)
            if (res->has_domain[d] && !met(res->domain[d], vd->min_domain))
                ok = false;
        if (ok) {
            res->verdict_id = vd->id;
            res->verdict_label = vd->label;
            pt_fmt_nl(a, sizeof a, res->overall, 2);
            pt_fmt_nl(b, sizeof b, vd->min_overall, 2);
            char c[32];
            pt_fmt_nl(c, sizeof c, vd->min_domain, 2);
            add_reason(res, &cap, "%s: de totaalscore %s is minstens %s en elk domein "
                       "scoort minstens %s.", vd->label, a, b, c);
            return;
        }
        /* Why this better verdict was missed. */
        struct pt_buf why = {0};
        if (!met(res->overall, vd->min_overall)) {
            pt_fmt_nl(a, sizeof a, res->overall, 2);
            pt_fmt_nl(b, sizeof b, vd->min_overall, 2);
            pt_buf_printf(&why, "de totaalscore %s is lager dan %s", a, b);
        }
        for (size_t d = 0; d < r->ndomains; d++)
            if (res->has_domain[d] && !met(res->domain[d], vd->min_domain)) {
                pt_fmt_nl(a, sizeof a, res->domain[d], 2);
                pt_fmt_nl(b, sizeof b, vd->min_domain, 2);
                pt_buf_printf(&why, "%sdomein %s scoort %s, lager dan %s",
                              why.len ? "; " : "", r->domains[d].title, a, b);
            }
        add_reason(res, &cap, "Niet \"%s\": %s.", vd->label, why.data);
        pt_buf_free(&why);
    }
    res->verdict_id = r->fallback.id;
    res->verdict_label = r->fallback.label;
}

/* Section 7: units are (case, criterion) pairs. */
static void reliability(const struct pt_toetsmap *t, struct pt_result *res)
{
    const struct pt_assessment *a = t->assessment;
    const struct pt_rubric *r = t->rubric;
    size_t nunits = a->ncases * r->ncriteria;
    double *values = pt_xmalloc((t->nscores ? t->nscores : 1) * sizeof *values);
    size_t *sizes = pt_xcalloc(nunits ? nunits : 1, sizeof *sizes);
    size_t nv = 0;
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t k = 0; k < r->ncriteria; k++)
            for (size_t i = 0; i < a->nteam; i++) {
                size_t s = pt_toetsmap_slot(t, c, k, i);
                if (s && !t->scores[s - 1].nvt) {
                    values[nv++] = t->scores[s - 1].level;
                    sizes[c * r->ncriteria + k]++;
                }
            }
    pt_alpha_compute(values, sizes, nunits, &res->alpha);
    free(values);
    free(sizes);
}

/* Section 8: the perspectives of the geledingen. */
static void perspectives(const struct pt_toetsmap *t, struct pt_result *res)
{
    const struct pt_assessment *a = t->assessment;
    const struct pt_rubric *r = t->rubric;
    size_t role_index[PT_ROLE_COUNT];
    for (size_t i = 0; i < a->nteam; i++) {
        bool seen = false;
        for (size_t j = 0; j < res->nroles; j++)
            seen = seen || res->roles[j] == a->team[i].role;
        if (!seen)
            res->roles[res->nroles++] = a->team[i].role;
    }
    for (size_t j = 0; j < res->nroles; j++)
        role_index[res->roles[j]] = j;
    size_t nr = res->nroles, nd = r->ndomains;
    double *sum = pt_xcalloc(nd * nr, sizeof *sum);
    size_t *count = pt_xcalloc(nd * nr, sizeof *count);
    for (size_t i = 0; i < t->nscores; i++) {
        const struct pt_score *s = &t->scores[i];
        if (s->nvt)
            continue;
        size_t d = r->criteria[s->criterion].domain;
        size_t j = role_index[a->team[s->rater].role];
        sum[d * nr + j] += s->level;
        count[d * nr + j]++;
    }
    res->has_role_mean = pt_arena_array(&res->arena, nd * nr, sizeof(bool));
    res->role_mean = pt_arena_array(&res->arena, nd * nr, sizeof(double));
    res->has_gap = pt_arena_array(&res->arena, nd, sizeof(bool));
    res->gap = pt_arena_array(&res->arena, nd, sizeof(double));
    res->gap_flag = pt_arena_array(&res->arena, nd, sizeof(bool));
    for (size_t d = 0; d < nd; d++) {
        double lo = 0, hi = 0;
        size_t defined = 0;
        for (size_t j = 0; j < nr; j++) {
            if (!count[d * nr + j])
                continue;
            double m = sum[d * nr + j] / (double)count[d * nr + j];
            res->has_role_mean[d * nr + j] = true;
            res->role_mean[d * nr + j] = m;
            if (!defined || m < lo)
                lo = m;
            if (!defined || m > hi)
                hi = m;
            defined++;
        }
        if (defined >= 2) {
            res->has_gap[d] = true;
            res->gap[d] = hi - lo;
            res->gap_flag[d] = met(res->gap[d], r->perspective_gap);
        }
    }
    free(sum);
    free(count);
}

/* Sections 2 and 5 for case c: its criteria, domain scores S(c,d), case
 * score S(c), deadline checks and critical findings. dsum[d] collects
 * S(c,d) for D(d); vals has room for one value per rater. */
static void score_case(const struct pt_toetsmap *t, size_t c, double *vals, double *dsum,
                       struct pt_result *res, size_t *fcap)
{
    const struct pt_rubric *r = t->rubric;
    size_t nd = r->ndomains, nk = r->ncriteria;
    struct pt_case_result *cr = &res->cases[c];
    cr->criteria = pt_arena_array(&res->arena, nk, sizeof *cr->criteria);
    cr->checks = pt_arena_array(&res->arena, r->nchecks, sizeof *cr->checks);
    cr->has_domain = pt_arena_array(&res->arena, nd, sizeof(bool));
    cr->domain = pt_arena_array(&res->arena, nd, sizeof(double));
    for (size_t k = 0; k < nk; k++)
        score_criterion(t, c, k, vals, &cr->criteria[k]);
    double csum = 0, cw = 0;
    for (size_t d = 0; d < nd; d++) {
        const struct pt_domain *dom = &r->domains[d];
        double s = 0, w = 0;
        for (size_t k = dom->first; k < dom->first + dom->count; k++)
            if (cr->criteria[k].status == PT_CRIT_SCORED) {
                s += r->criteria[k].weight * cr->criteria[k].score;
                w += r->criteria[k].weight;
            }
        if (w > 0) {
            cr->has_domain[d] = true;
            cr->domain[d] = s / w;
            csum += dom->weight * cr->domain[d];
            cw += dom->weight;
            dsum[d] += cr->domain[d];
            res->domain_cases[d]++;
        }
    }
    if (cw > 0) {
        cr->has_score = true;
        cr->score = csum / cw;
        res->cases_scored++;
    }
    for (size_t i = 0; i < r->nchecks; i++)
        run_check(&r->checks[i], t->cases[c], t->assessment->day, &cr->checks[i]);
    /* Section 5: critical findings, criteria first, then checks. */
    for (size_t k = 0; k < nk; k++) {
        const struct pt_crit_result *x = &cr->criteria[k];
        if (r->criteria[k].critical && x->status == PT_CRIT_SCORED &&
            !met(x->score, r->critical_min))
            add_finding(res, fcap, (struct pt_finding){.kase = c, .index = k,
                                                       .score = x->score});
    }
    for (size_t i = 0; i < r->nchecks; i++)
        if (r->checks[i].critical && cr->checks[i].status == PT_CHECK_FAIL)
            add_finding(res, fcap, (struct pt_finding){.kase = c, .is_check = true,
                                                       .index = i,
                                                       .days = cr->checks[i].days});
}

/* Section 3: D(d) and O. */
static void score_overall(const struct pt_rubric *r, const double *dsum, struct pt_result *res)
{
    double osum = 0, ow = 0;
    for (size_t d = 0; d < r->ndomains; d++)
        if (res->domain_cases[d]) {
            res->has_domain[d] = true;
            res->domain[d] = dsum[d] / (double)res->domain_cases[d];
            osum += r->domains[d].weight * res->domain[d];
            ow += r->domains[d].weight;
        }
    if (ow > 0) {
        double lo = r->scale[0], hi = r->scale[r->nscale - 1];
        res->has_overall = true;
        res->overall = osum / ow;
        res->percent = (res->overall - lo) / (hi - lo) * 100.0;
    }
}

/* Warnings: the toetsmap's, then what the engine noticed. */
static void add_warnings(const struct pt_toetsmap *t, struct pt_result *res)
{
    const struct pt_rubric *r = t->rubric;
    size_t nc = t->assessment->ncases, nk = r->ncriteria;
    size_t insufficient = 0;
    for (size_t c = 0; c < nc; c++)
        for (size_t k = 0; k < nk; k++)
            insufficient += res->cases[c].criteria[k].status == PT_CRIT_INSUFFICIENT;
    res->warnings = pt_arena_array(&res->arena, t->nwarnings + 2, sizeof *res->warnings);
    for (size_t i = 0; i < t->nwarnings; i++)
        res->warnings[res->nwarnings++] = t->warnings[i];
    char buf[256];
    if (insufficient) {
        snprintf(buf, sizeof buf, "%zu van de %zu beoordelingen (casus × criterium) hebben "
                 "minder dan %ld beoordelaars en tellen niet mee.", insufficient, nc * nk,
                 r->min_raters);
        res->warnings[res->nwarnings++] = pt_arena_strdup(&res->arena, buf);
    }
    if (res->alpha.units > 0 && res->alpha.units < 30) {
        snprintf(buf, sizeof buf, "De betrouwbaarheid (alpha) rust op maar %zu eenheden; "
                 "lees het getal met voorzichtigheid.", res->alpha.units);
        res->warnings[res->nwarnings++] = pt_arena_strdup(&res->arena, buf);
    }
}

void pt_score_compute(const struct pt_toetsmap *t, struct pt_result *res)
{
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    size_t nd = r->ndomains;
    double *vals = pt_xmalloc((a->nteam ? a->nteam : 1) * sizeof *vals);
    size_t fcap = 0;

    memset(res, 0, sizeof *res);
    res->t = t;
    res->cases = pt_arena_array(&res->arena, a->ncases, sizeof *res->cases);
    res->has_domain = pt_arena_array(&res->arena, nd, sizeof(bool));
    res->domain = pt_arena_array(&res->arena, nd, sizeof(double));
    res->domain_cases = pt_arena_array(&res->arena, nd, sizeof(size_t));
    double *dsum = pt_arena_array(&res->arena, nd, sizeof(double));
    for (size_t c = 0; c < a->ncases; c++)
        score_case(t, c, vals, dsum, res, &fcap);
    free(vals);
    score_overall(r, dsum, res);

    decide(t, res);
    reliability(t, res);
    perspectives(t, res);

    for (size_t i = 0; i < a->nteam; i++)
        res->role_members[a->team[i].role]++;
    res->team_complete = true;
    for (int role = 0; role < PT_ROLE_REQUIRED; role++)
        res->team_complete = res->team_complete && res->role_members[role] > 0;
    res->complete = res->team_complete && strcmp(res->verdict_id, "geen-oordeel") != 0;
    add_warnings(t, res);
}

void pt_result_free(struct pt_result *res)
{
    if (res)
        pt_arena_free(&res->arena);
}
