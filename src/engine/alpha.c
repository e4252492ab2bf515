/*
 * alpha.c — Krippendorff's alpha, nominal, ordinal and interval
 * (scoring.md section 7; assessment-anchors.md section 3).
 *
 *   alpha = 1 − (n.. − 1) · Σ_vw o_vw δ²(v,w) / Σ_vw n_v n_w δ²(v,w)
 *
 * with o_vw = Σ_u (ordered pairs (v,w) of values from different raters in
 * unit u) / (m_u − 1) over the pairable units (m_u ≥ 2), n_v = Σ_w o_vw the
 * number of pairable values v, n.. = Σ_v n_v.
 *
 * How it is computed, in time O(total values + V²) and memory O(V) for V
 * distinct values (plus a scratch array of the largest unit):
 *
 * 1. One pass collects the distinct pairable values and their marginals n_v
 *    in a hash table. The domain is then sorted and each value gets its
 *    mid-rank r_v = Σ_{g<v} n_g + n_v/2. The ordinal difference over the
 *    sorted domain, δ(v,w) = Σ_{g=v..w} n_g − (n_v + n_w)/2 for v ≤ w, equals
 *    r_w − r_v, so the ordinal metric is the interval metric on mid-ranks and
 *    does not depend on the order of the input.
 * 2. The numerator Σ_vw o_vw δ² is summed unit by unit without forming the
 *    off-diagonal cells: Σ_{i≠j} δ²(x_i,x_j) over the ordered pairs in a unit
 *    is m_u² − Σ_v n_uv² (nominal) and 2·m_u·Σy² − 2·(Σy)² with
 *    y = x − x_first (interval, and ordinal with x = r). With integer levels
 *    every term is exact.
 * 3. The denominator Σ_vw n_v n_w δ² comes from the marginals alone, O(V²)
 *    over the sorted domain, never from all pairs of values.
 *
 * Values that are not finite (NaN, ±inf) are treated as missing. Alpha is
 * undefined (has_* false) when no unit is pairable or the denominator is 0,
 * which is when the pairable values hold fewer than two distinct values.
 */
#include "alpha.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* One distinct value in the open-addressing hash table. */
struct slot {
    double value;
    size_t count;    /* n_v: pairable occurrences */
    size_t ucount;   /* occurrences in the current unit (scratch) */
    double rank;     /* mid-rank in the sorted domain */
    bool used;
};

struct table {
    struct slot *slots;
    size_t cap;      /* a power of two, or 0 */
    size_t n;        /* used slots */
};

/* One distinct value, for sorting the domain. */
struct dom {
    double value;
    size_t count;
    size_t slot;
};

static uint64_t hash_double(double x)
{
    uint64_t h;
    if (x == 0.0)
        x = 0.0; /* -0.0 and 0.0 are the same value */
    memcpy(&h, &x, sizeof h);
    /* splitmix64 finaliser */
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    h ^= h >> 31;
    return h;
}

/* Index of the slot holding x, or of the empty slot where it belongs. The
 * table must have a free slot. */
static size_t table_find(const struct table *t, double x)
{
    size_t mask = t->cap - 1;
    size_t k = (size_t)(hash_double(x) & (uint64_t)mask);
    while (t->slots[k].used && t->slots[k].value != x)
        k = (k + 1) & mask;
    return k;
}

/* Makes room for one more value. */
static void table_reserve(struct table *t)
{
    if ((t->n + 1) * 2 <= t->cap)
        return;
    size_t cap = t->cap ? t->cap * 2 : 16;
    struct slot *old = t->slots;
    size_t old_cap = t->cap;
    t->slots = pt_xcalloc(cap, sizeof *t->slots);
    t->cap = cap;
    for (size_t k = 0; k < old_cap; k++)
        if (old[k].used)
            t->slots[table_find(t, old[k].value)] = old[k];
    free(old);
}

/* Counts one pairable occurrence of x. */
static void table_add(struct table *t, double x)
{
    table_reserve(t);
    size_t k = table_find(t, x);
    if (!t->slots[k].used) {
        t->slots[k].used = true;
        t->slots[k].value = x == 0.0 ? 0.0 : x;
        t->n++;
    }
    t->slots[k].count++;
}

static int dom_cmp(const void *a, const void *b)
{
    double x = ((const struct dom *)a)->value, y = ((const struct dom *)b)->value;
    return (x > y) - (x < y);
}

/* Number of usable (finite) values of a unit. */
static size_t finite_count(const double *v, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (isfinite(v[k]))
            m++;
    return m;
}

/* Step 1: the pairable units, the distinct values and their marginals
 * into t; the number of pairable values of the largest unit in *maxm. */
static void marginals(const double *values, const size_t *sizes, size_t nunits,
                      struct table *t, struct pt_alpha *out, size_t *maxm)
{
    size_t off = 0;
    *maxm = 0;
    for (size_t u = 0; u < nunits; u++) {
        const double *v = values ? values + off : NULL;
        size_t m = finite_count(v, sizes[u]);
        off += sizes[u];
        if (m < 2)
            continue;
        out->units++;
        out->values += m;
        if (m > *maxm)
            *maxm = m;
        for (size_t k = 0; k < sizes[u]; k++)
            if (isfinite(v[k]))
                table_add(t, v[k]);
    }
}

/* The sorted domain of t (caller frees) and the mid-rank of each value. */
static struct dom *ranked_domain(struct table *t)
{
    size_t nv = t->n;
    struct dom *dom = pt_xmalloc((nv ? nv : 1) * sizeof *dom);
    for (size_t k = 0, j = 0; k < t->cap; k++)
        if (t->slots[k].used)
            dom[j++] = (struct dom){t->slots[k].value, t->slots[k].count, k};
    qsort(dom, nv, sizeof *dom, dom_cmp);
    double below = 0.0;
    for (size_t j = 0; j < nv; j++) {
        double c = (double)dom[j].count;
        t->slots[dom[j].slot].rank = below + c / 2.0;
        below += c;
    }
    return dom;
}

/* Disagreements: nominal, interval, ordinal. */
struct disagreement {
    double nom, itv, ord;
};

/* Step 2: the observed disagreement, unit by unit; idx has room for the
 * largest unit. */
static void observed(const double *values, const size_t *sizes, size_t nunits, struct table *t,
                     size_t *idx, struct disagreement *obs)
{
    size_t off = 0;
    for (size_t u = 0; u < nunits; u++) {
        const double *v = values ? values + off : NULL;
        off += sizes[u];
        size_t m = 0, sq = 0;
        double x0 = 0.0, r0 = 0.0;
        double sx = 0.0, sxx = 0.0, sr = 0.0, srr = 0.0;
        if (finite_count(v, sizes[u]) < 2)
            continue;
        for (size_t k = 0; k < sizes[u]; k++) {
            if (!isfinite(v[k]))
                continue;
            size_t s = table_find(t, v[k]);
            if (m == 0) {
                x0 = v[k];
                r0 = t->slots[s].rank;
            }
            idx[m++] = s;
            sq += 2 * t->slots[s].ucount + 1; /* (c+1)² − c² */
            t->slots[s].ucount++;
            double y = v[k] - x0, r = t->slots[s].rank - r0;
            sx += y;
            sxx += y * y;
            sr += r;
            srr += r * r;
        }
        for (size_t k = 0; k < m; k++)
            t->slots[idx[k]].ucount = 0;
        double md = (double)m;
        double pi = 2.0 * md * sxx - 2.0 * sx * sx;
        double po = 2.0 * md * srr - 2.0 * sr * sr;
        obs->nom += (md * md - (double)sq) / (md - 1.0);
        obs->itv += (pi > 0.0 ? pi : 0.0) / (md - 1.0);
        obs->ord += (po > 0.0 ? po : 0.0) / (md - 1.0);
    }
}

/* Step 3: the expected disagreement from the marginals, over ordered pairs. */
static void expected(const struct table *t, const struct dom *dom, size_t nv,
                     struct disagreement *exp)
{
    for (size_t a = 0; a < nv; a++) {
        for (size_t b = a + 1; b < nv; b++) {
            double nn = 2.0 * (double)dom[a].count * (double)dom[b].count;
            double di = dom[b].value - dom[a].value;
            double dr = t->slots[dom[b].slot].rank - t->slots[dom[a].slot].rank;
            exp->nom += nn;
            exp->itv += nn * di * di;
            exp->ord += nn * dr * dr;
        }
    }
}

void pt_alpha_compute(const double *values, const size_t *sizes, size_t nunits,
                      struct pt_alpha *out)
{
    struct table t = {0};
    struct disagreement obs = {0}, exp = {0};
    size_t maxm = 0;

    memset(out, 0, sizeof *out);
    marginals(values, sizes, nunits, &t, out, &maxm);
    if (out->units == 0) {
        free(t.slots);
        return;
    }
    struct dom *dom = ranked_domain(&t);
    size_t *idx = pt_xmalloc(maxm * sizeof *idx);
    observed(values, sizes, nunits, &t, idx, &obs);
    expected(&t, dom, t.n, &exp);

    double n1 = (double)out->values - 1.0;
    if (exp.nom > 0.0) {
        out->nominal = 1.0 - n1 * obs.nom / exp.nom;
        out->has_nominal = true;
    }
    if (exp.ord > 0.0) {
        out->ordinal = 1.0 - n1 * obs.ord / exp.ord;
        out->has_ordinal = true;
    }
    if (exp.itv > 0.0 && isfinite(exp.itv)) {
        out->interval = 1.0 - n1 * obs.itv / exp.itv;
        out->has_interval = true;
    }
    free(t.slots);
    free(dom);
    free(idx);
}

const char *pt_alpha_interpretation(double alpha)
{
    if (alpha >= 0.800 - 1e-9)
        return "betrouwbaar";
    if (alpha >= 0.667 - 1e-9)
        return "voorlopig";
    return "onvoldoende betrouwbaar";
}
