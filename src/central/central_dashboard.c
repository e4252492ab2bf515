/*
 * central_dashboard.c — the figures of the national dashboard (see
 * central_dashboard.h). The page itself is written by
 * central_dashboard_html.c.
 */
#include "central_dashboard.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "central_benchmark.h"

static const char *const provinces[PC_DASH_NPROVINCES] = {
    "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
    "Overig (landelijk of onbekend)",
};

size_t pc_dash_province(const char *swv)
{
    /* Stored form "PO 28-99": the region is characters 3 and 4. */
    if (strlen(swv) < 5 || swv[3] < '0' || swv[3] > '9' || swv[4] < '0' || swv[4] > '9')
        return PC_DASH_NPROVINCES - 1;
    int region = (swv[3] - '0') * 10 + (swv[4] - '0');
    if (region < 20 || region > 31)
        return PC_DASH_NPROVINCES - 1;
    return (size_t)(region - 20);
}

const char *pc_dash_province_name(size_t index)
{
    return index < PC_DASH_NPROVINCES ? provinces[index] : provinces[PC_DASH_NPROVINCES - 1];
}

void pc_dash_swv_free(struct pc_dash_swv *s)
{
    free(s->domains);
    free(s->checks);
    memset(s, 0, sizeof *s);
}

/* An identifier (the validator allowed nothing else, but the page does
 * not count on it): copied, or "" for anything else. */
static bool copy_id(char out[PC_ID_SIZE], const cJSON *item)
{
    const char *s = cJSON_IsString(item) ? item->valuestring : NULL;
    bool ok = s && pt_is_identifier(s);
    snprintf(out, PC_ID_SIZE, "%s", ok ? s : "");
    return ok;
}

static bool number_of(const cJSON *obj, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v))
        return false;
    *out = v->valuedouble;
    return true;
}

static int read_domains(const cJSON *root, struct pc_dash_swv *out)
{
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains"), *d;
    size_t n = (size_t)cJSON_GetArraySize(domains);
    if (!cJSON_IsArray(domains) || n == 0)
        return PT_OK;
    out->domains = calloc(n, sizeof *out->domains);
    if (!out->domains)
        return PT_FAILED;
    cJSON_ArrayForEach(d, domains) {
        struct pc_domain_score *x = &out->domains[out->ndomains];
        if (!copy_id(x->id, cJSON_GetObjectItemCaseSensitive(d, "id")))
            continue;
        x->has_score = number_of(d, "score", &x->score);
        out->ndomains++;
    }
    return PT_OK;
}

static struct pc_dash_check *check_slot(struct pc_dash_swv *out, const char *id, size_t *cap)
{
    for (size_t i = 0; i < out->nchecks; i++)
        if (strcmp(out->checks[i].id, id) == 0)
            return &out->checks[i];
    if (out->nchecks == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct pc_dash_check *c = realloc(out->checks, ncap * sizeof *c);
        if (!c)
            return NULL;
        out->checks = c;
        *cap = ncap;
    }
    struct pc_dash_check *c = &out->checks[out->nchecks++];
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    return c;
}

static int read_checks(const cJSON *root, struct pc_dash_swv *out)
{
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases"), *cs, *ck;
    size_t cap = 0;
    cJSON_ArrayForEach(cs, cases) {
        cJSON_ArrayForEach(ck, cJSON_GetObjectItemCaseSensitive(cs, "checks")) {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(ck, "id");
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(ck, "status");
            if (!cJSON_IsString(id) || !pt_is_identifier(id->valuestring) ||
                !cJSON_IsString(st) || strcmp(st->valuestring, "na") == 0)
                continue;
            struct pc_dash_check *c = check_slot(out, id->valuestring, &cap);
            if (!c)
                return PT_FAILED;
            c->applicable++;
            if (strcmp(st->valuestring, "fail") == 0)
                c->missed++;
        }
    }
    return PT_OK;
}

enum pt_status pc_dash_record(const char *body, size_t len, struct pc_dash_swv *out)
{
    int rc = PT_INVALID;
    memset(out, 0, sizeof *out);
    cJSON *root = cJSON_ParseWithLength(body, len);
    const cJSON *swv = cJSON_GetObjectItemCaseSensitive(root, "swv");
    if (!cJSON_IsObject(root) || !cJSON_IsString(swv))
        goto cleanup;
    snprintf(out->swv, sizeof out->swv, "%s", swv->valuestring);
    out->has_overall = number_of(cJSON_GetObjectItemCaseSensitive(root, "overall"), "score",
                                 &out->overall);
    copy_id(out->verdict, cJSON_GetObjectItemCaseSensitive(root, "verdict"));
    const cJSON *scale = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root, "rubric"), "scale");
    out->has_scale = number_of(scale, "min", &out->scale_min) &&
                     number_of(scale, "max", &out->scale_max) &&
                     out->scale_max > out->scale_min;
    rc = PT_FAILED;
    if (read_domains(root, out) != PT_OK || read_checks(root, out) != PT_OK)
        goto cleanup;
    rc = PT_OK;
cleanup:
    if (rc != PT_OK)
        pc_dash_swv_free(out);
    cJSON_Delete(root);
    return rc;
}

enum pt_status pc_dash_input_add(struct pc_dash_input *in, struct pc_dash_swv *rec)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 32;
        struct pc_dash_swv *s = realloc(in->swvs, cap * sizeof *s);
        if (!s)
            return PT_FAILED;
        in->swvs = s;
        in->cap = cap;
    }
    in->swvs[in->n++] = *rec;
    memset(rec, 0, sizeof *rec);
    return PT_OK;
}

void pc_dash_input_free(struct pc_dash_input *in)
{
    for (size_t i = 0; i < in->n; i++)
        pc_dash_swv_free(&in->swvs[i]);
    free(in->swvs);
    memset(in, 0, sizeof *in);
}

void pc_dash_rubric_free(struct pc_dash_rubric *r)
{
    free(r->domains);
    free(r->verdicts);
    free(r->misses);
    memset(r, 0, sizeof *r);
}

void pc_dash_suppress(struct pc_dash_cell *cells, size_t n)
{
    size_t suppressed = 0, smallest = n, zero = n;
    for (size_t i = 0; i < n; i++) {
        cells[i].shown = cells[i].n == 0 || cells[i].n >= PC_DASH_MIN_SWVS;
        if (!cells[i].shown)
            suppressed++;
    }
    if (suppressed != 1)
        return;
    /* One hidden count would follow from the total and the others: hide
     * the smallest shown count too, a zero when there is no other. */
    for (size_t i = 0; i < n; i++) {
        if (!cells[i].shown)
            continue;
        if (cells[i].n == 0 && zero == n)
            zero = i;
        if (cells[i].n > 0 && (smallest == n || cells[i].n < cells[smallest].n))
            smallest = i;
    }
    if (smallest == n)
        smallest = zero;
    if (smallest < n)
        cells[smallest].shown = false;
}

/* q1/median/q3 of x[0..n) into *b when n is large enough. */
static void box_of(double *x, size_t n, struct pc_dash_box *b)
{
    b->count = n;
    b->shown = n >= PC_DASH_MIN_SWVS;
    if (!b->shown)
        return;
    struct pc_dist d;
    pc_distribution(x, n, &d);
    b->q1 = pc_round1(d.q1);
    b->median = pc_round1(d.median);
    b->q3 = pc_round1(d.q3);
}

static int participation(const struct pc_dash_input *in, struct pc_dash_rubric *r)
{
    snprintf(r->sectors[0].label, sizeof r->sectors[0].label, "PO (primair onderwijs)");
    snprintf(r->sectors[1].label, sizeof r->sectors[1].label, "VO (voortgezet onderwijs)");
    for (size_t p = 0; p < PC_DASH_NPROVINCES; p++)
        snprintf(r->provinces[p].label, sizeof r->provinces[p].label, "%s", provinces[p]);
    for (size_t i = 0; i < in->n; i++) {
        const char *swv = in->swvs[i].swv;
        if (strncmp(swv, "PO", 2) == 0)
            r->sectors[0].n++;
        else if (strncmp(swv, "VO", 2) == 0)
            r->sectors[1].n++;
        r->provinces[pc_dash_province(swv)].n++;
    }
    pc_dash_suppress(r->sectors, 2);
    pc_dash_suppress(r->provinces, PC_DASH_NPROVINCES);
    return PT_OK;
}

/* The index of the entry whose name (a char array at offset `at` of each
 * size-byte entry of items[0..*n)) is name; a new entry at the end, named
 * name, when there is none (items has room for it). */
static size_t find_or_add(void *items, size_t *n, size_t size, size_t at, size_t name_size,
                          const char *name)
{
    char *base = items;
    size_t j = 0;
    while (j < *n && strcmp(base + j * size + at, name) != 0)
        j++;
    if (j == *n)
        snprintf(base + (*n)++ * size + at, name_size, "%s", name);
    return j;
}

/* The domains in order of first appearance, each with its box. */
static int domain_boxes(const struct pc_dash_input *in, struct pc_dash_rubric *r, double *x)
{
    size_t cap = 0;
    for (size_t i = 0; i < in->n; i++)
        cap += in->swvs[i].ndomains;
    if (cap && !(r->domains = calloc(cap, sizeof *r->domains)))
        return PT_FAILED;
    for (size_t i = 0; i < in->n; i++)
        for (size_t k = 0; k < in->swvs[i].ndomains; k++)
            find_or_add(r->domains, &r->ndomains, sizeof *r->domains,
                        offsetof(struct pc_dash_box, id), PC_ID_SIZE,
                        in->swvs[i].domains[k].id);
    /* x holds one value per SWV (in->n): an SWV whose body names a domain
     * twice counts once, with the first (found by the fuzzer: a body with
     * repeated domain ids wrote past x). */
    for (size_t j = 0; j < r->ndomains; j++) {
        size_t n = 0;
        for (size_t i = 0; i < in->n; i++)
            for (size_t k = 0; k < in->swvs[i].ndomains; k++) {
                const struct pc_domain_score *d = &in->swvs[i].domains[k];
                if (strcmp(d->id, r->domains[j].id) != 0)
                    continue;
                if (d->has_score)
                    x[n++] = d->score;
                break;
            }
        box_of(x, n, &r->domains[j]);
    }
    return PT_OK;
}

static int cell_cmp(const void *a, const void *b)
{
    const struct pc_dash_cell *x = a, *y = b;
    /* Shown counts first, largest first; suppressed ones after, by name
     * only, so that their order says nothing about their size. */
    if (x->shown != y->shown)
        return x->shown ? -1 : 1;
    if (x->shown && x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->label, y->label);
}

static int verdicts(const struct pc_dash_input *in, struct pc_dash_rubric *r)
{
    if (in->n && !(r->verdicts = calloc(in->n, sizeof *r->verdicts)))
        return PT_FAILED;
    for (size_t i = 0; i < in->n; i++) {
        const char *v = in->swvs[i].verdict[0] ? in->swvs[i].verdict : "onbekend";
        r->verdicts[find_or_add(r->verdicts, &r->nverdicts, sizeof *r->verdicts,
                                offsetof(struct pc_dash_cell, label), PC_DASH_LABEL_SIZE,
                                v)].n++;
    }
    pc_dash_suppress(r->verdicts, r->nverdicts);
    if (r->nverdicts > 1)
        qsort(r->verdicts, r->nverdicts, sizeof *r->verdicts, cell_cmp);
    return PT_OK;
}

static int miss_cmp(const void *a, const void *b)
{
    const struct pc_dash_miss *x = a, *y = b;
    if (x->percent != y->percent)
        return x->percent > y->percent ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int misses(const struct pc_dash_input *in, struct pc_dash_rubric *r)
{
    size_t cap = 0, kept = 0;
    for (size_t i = 0; i < in->n; i++)
        cap += in->swvs[i].nchecks;
    if (cap && !(r->misses = calloc(cap, sizeof *r->misses)))
        return PT_FAILED;
    for (size_t i = 0; i < in->n; i++)
        for (size_t k = 0; k < in->swvs[i].nchecks; k++) {
            const struct pc_dash_check *c = &in->swvs[i].checks[k];
            size_t j = find_or_add(r->misses, &r->nmisses, sizeof *r->misses,
                                   offsetof(struct pc_dash_miss, id), PC_ID_SIZE, c->id);
            r->misses[j].swvs += c->applicable > 0;
            r->misses[j].applicable += c->applicable;
            r->misses[j].missed += c->missed;
        }
    for (size_t j = 0; j < r->nmisses; j++) {
        struct pc_dash_miss *m = &r->misses[j];
        if (m->swvs < PC_DASH_MIN_SWVS || m->applicable == 0)
            continue;
        m->percent = pc_round1(100.0 * (double)m->missed / (double)m->applicable);
        r->misses[kept++] = *m;
    }
    r->nmisses = kept;
    if (r->nmisses > 1)
        qsort(r->misses, r->nmisses, sizeof *r->misses, miss_cmp);
    return PT_OK;
}

/* The scale of the rubric when the submissions name it, else whole
 * numbers around the published figures (never the data's extremes). */
static void axis(const struct pc_dash_input *in, struct pc_dash_rubric *r)
{
    bool have = false;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < in->n; i++)
        if (in->swvs[i].has_scale) {
            lo = have ? fmin(lo, in->swvs[i].scale_min) : in->swvs[i].scale_min;
            hi = have ? fmax(hi, in->swvs[i].scale_max) : in->swvs[i].scale_max;
            have = true;
        }
    bool first = true;
    for (size_t j = 0; !have && j <= r->ndomains; j++) {
        const struct pc_dash_box *b = j < r->ndomains ? &r->domains[j] : &r->overall;
        if (!b->shown)
            continue;
        lo = first ? b->q1 : fmin(lo, b->q1);
        hi = first ? b->q3 : fmax(hi, b->q3);
        first = false;
    }
    if (!have) {
        lo = floor(lo);
        hi = ceil(hi);
    }
    if (!(hi > lo))
        hi = lo + 1;
    r->axis_lo = lo;
    r->axis_hi = hi;
}

enum pt_status pc_dash_aggregate(const struct pc_dash_input *in, struct pc_dash_rubric *r)
{
    double *x = NULL;
    int rc = PT_FAILED;
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%s", in->rubric_id);
    r->version = in->rubric_version;
    r->nswvs = in->n;
    r->shown = in->n >= PC_DASH_MIN_SWVS;
    snprintf(r->overall.id, sizeof r->overall.id, "totaal");
    if (participation(in, r) != PT_OK)
        goto cleanup;
    if (!r->shown) {
        rc = PT_OK;
        goto cleanup;
    }
    if (!(x = calloc(in->n, sizeof *x)))
        goto cleanup;
    size_t n = 0;
    for (size_t i = 0; i < in->n; i++)
        if (in->swvs[i].has_overall)
            x[n++] = in->swvs[i].overall;
    box_of(x, n, &r->overall);
    if (domain_boxes(in, r, x) != PT_OK || verdicts(in, r) != PT_OK || misses(in, r) != PT_OK)
        goto cleanup;
    axis(in, r);
    rc = PT_OK;
cleanup:
    free(x);
    if (rc != PT_OK)
        pc_dash_rubric_free(r);
    return rc;
}
