/*
 * rubric.c — where a rubric is loaded, validated and looked up.
 *
 * Rules (formats.md "Rubric"): 2–10 scale values strictly increasing; every
 * criterion has a descriptor per scale value; domain and criterion ids are
 * unique across the rubric; weights in (0, 1000]; thresholds within [lo, hi];
 * aggregation, critical_min, perspective_gap and min_cases have defaults.
 */
#include "rubric.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfield.h"
#include "loader.h"
#include "util.h"

static const char *const rubric_keys[] = {
    "format", "id", "version", "title", "sector", "scale", "aggregation",
    "critical_min", "perspective_gap", "min_cases", "domains", "checks",
    "verdicts", "fallback_verdict", NULL};
static const char *const scale_keys[] = {"value", "label", NULL};
static const char *const aggregation_keys[] = {
    "method", "min_raters", "disagreement_spread", NULL};
static const char *const domain_keys[] = {"id", "title", "weight", "criteria", NULL};
static const char *const criterion_keys[] = {
    "id", "question", "weight", "na_allowed", "critical", "levels", NULL};
static const char *const check_keys[] = {
    "id", "label", "from", "to", "max_days", "critical", NULL};
static const char *const verdict_keys[] = {"id", "label", "min_overall", "min_domain", NULL};
static const char *const fallback_keys[] = {"id", "label", NULL};

static void read_scale_level(struct pt_jctx *c, const cJSON *it, const char *p, size_t i,
                             void *data)
{
    struct pt_rubric *r = data;
    long v;
    if (pt_jf_int(c, it, p, "value", true, -1000000, 1000000, 0, &v) == 1)
        r->scale[i] = (int)v;
    r->scale_labels[i] = pt_jf_string(c, it, p, "label", true);
    if (i > 0 && r->scale[i] <= r->scale[i - 1]) {
        char vp[PT_PATH_MAX];
        pt_jpath_key(vp, sizeof vp, p, "value");
        pt_jerr(c, vp, "de schaalwaarden moeten strikt oplopen");
    }
}

static void read_scale(struct pt_jctx *c, const cJSON *root, struct pt_rubric *r)
{
    const cJSON *scale = pt_jf_array(c, root, "", "scale", true);
    if (!scale)
        return;
    int n = cJSON_GetArraySize(scale);
    if (n < 2 || n > 10) {
        pt_jerr(c, "scale", "een schaal heeft 2 tot 10 niveaus, niet %d", n);
        return;
    }
    r->nscale = (size_t)n;
    r->scale = pt_arena_array(c->arena, r->nscale, sizeof *r->scale);
    r->scale_labels = pt_arena_array(c->arena, r->nscale, sizeof *r->scale_labels);
    pt_load_objects(c, scale, "scale", scale_keys, "moet een object zijn met value en label",
                    read_scale_level, r);
}

static double lo_of(const struct pt_rubric *r) { return r->nscale ? r->scale[0] : 0; }
static double hi_of(const struct pt_rubric *r) { return r->nscale ? r->scale[r->nscale - 1] : 0; }

static void check_threshold(struct pt_jctx *c, const struct pt_rubric *r,
                            const char *path, double v)
{
    if (r->nscale && (v < lo_of(r) - 1e-9 || v > hi_of(r) + 1e-9))
        pt_jerr(c, path, "drempel %g ligt niet binnen de schaal %g–%g", v, lo_of(r), hi_of(r));
}

static void read_levels(struct pt_jctx *c, const cJSON *crit, const char *path,
                        struct pt_rubric *r, struct pt_criterion *k)
{
    char p[PT_PATH_MAX], q[PT_PATH_MAX];
    const cJSON *levels = pt_jf_object(c, crit, path, "levels", true);
    if (!levels || !r->nscale)
        return;
    pt_jpath_key(p, sizeof p, path, "levels");
    k->levels = pt_arena_array(c->arena, r->nscale, sizeof *k->levels);
    for (size_t i = 0; i < r->nscale; i++) {
        char key[16];
        snprintf(key, sizeof key, "%d", r->scale[i]);
        k->levels[i] = pt_jf_string(c, levels, p, key, true);
    }
    for (const cJSON *it = levels->child; it; it = it->next) {
        bool on_scale = false;
        for (size_t i = 0; i < r->nscale; i++) {
            char key[16];
            snprintf(key, sizeof key, "%d", r->scale[i]);
            if (strcmp(it->string, key) == 0)
                on_scale = true;
        }
        if (!on_scale) {
            pt_jpath_key(q, sizeof q, p, it->string);
            pt_jerr(c, q, "niveau staat niet op de schaal van de rubric");
        }
    }
}


/* A weight is more than 0 and at most PT_WEIGHT_MAX (formats.md): larger
 * ones overflow the weighted sums (two of 1e308 make an infinite total). */
static void check_weight(struct pt_jctx *c, const char *parent, double w)
{
    if (w > 0 && w <= PT_WEIGHT_MAX)
        return;
    char q[PT_PATH_MAX];
    pt_jpath_key(q, sizeof q, parent, "weight");
    pt_jerr(c, q, "een gewicht moet groter dan 0 en ten hoogste 1000 zijn");
}
static void read_domains(struct pt_jctx *c, const cJSON *root, struct pt_rubric *r)
{
    char p[PT_PATH_MAX], q[PT_PATH_MAX], s[PT_PATH_MAX];
    const cJSON *domains = pt_jf_array(c, root, "", "domains", true);
    if (!domains)
        return;
    size_t nd = (size_t)cJSON_GetArraySize(domains), nk = 0;
    if (nd == 0) {
        pt_jerr(c, "domains", "een rubric heeft minstens één domein");
        return;
    }
    for (const cJSON *d = domains->child; d; d = d->next) {
        const cJSON *crits = cJSON_GetObjectItemCaseSensitive(d, "criteria");
        if (cJSON_IsArray(crits))
            nk += (size_t)cJSON_GetArraySize(crits);
    }
    r->domains = pt_arena_array(c->arena, nd, sizeof *r->domains);
    r->criteria = pt_arena_array(c->arena, nk ? nk : 1, sizeof *r->criteria);
    r->ndomains = nd;
    size_t di = 0;
    for (const cJSON *d = domains->child; d; d = d->next, di++) {
        struct pt_domain *dom = &r->domains[di];
        pt_jpath_index(p, sizeof p, "domains", di);
        dom->first = r->ncriteria;
        if (!cJSON_IsObject(d)) {
            pt_jerr(c, p, "moet een object zijn");
            continue;
        }
        pt_jf_only(c, d, p, domain_keys);
        dom->id = pt_jf_ident(c, d, p, "id", true);
        dom->title = pt_jf_string(c, d, p, "title", true);
        if (pt_jf_number(c, d, p, "weight", false, 1.0, &dom->weight) == 1)
            check_weight(c, p, dom->weight);
        const cJSON *crits = pt_jf_array(c, d, p, "criteria", true);
        if (!crits)
            continue;
        pt_jpath_key(q, sizeof q, p, "criteria");
        if (!crits->child)
            pt_jerr(c, q, "een domein heeft minstens één criterium");
        size_t ki = 0;
        for (const cJSON *k = crits->child; k; k = k->next, ki++) {
            pt_jpath_index(s, sizeof s, q, ki);
            if (!cJSON_IsObject(k)) {
                pt_jerr(c, s, "moet een object zijn");
                continue;
            }
            struct pt_criterion *crit = &r->criteria[r->ncriteria++];
            crit->domain = di;
            pt_jf_only(c, k, s, criterion_keys);
            crit->id = pt_jf_ident(c, k, s, "id", true);
            crit->question = pt_jf_string(c, k, s, "question", true);
            if (pt_jf_number(c, k, s, "weight", false, 1.0, &crit->weight) == 1)
                check_weight(c, s, crit->weight);
            pt_jf_bool(c, k, s, "na_allowed", false, false, &crit->na_allowed);
            pt_jf_bool(c, k, s, "critical", false, false, &crit->critical);
            read_levels(c, k, s, r, crit);
        }
        dom->count = r->ncriteria - dom->first;
    }
}

static void read_check(struct pt_jctx *c, const cJSON *it, const char *p, size_t i, void *data)
{
    struct pt_rubric *r = data;
    struct pt_check *ck = &r->checks[i];
    char q[PT_PATH_MAX];
    ck->id = pt_jf_ident(c, it, p, "id", true);
    ck->label = pt_jf_string(c, it, p, "label", true);
    const char *ev[2] = {pt_jf_string(c, it, p, "from", true),
                         pt_jf_string(c, it, p, "to", true)};
    for (int e = 0; e < 2; e++) {
        if (!ev[e])
            continue;
        int code = pt_event_from_name(ev[e]);
        if (code < 0) {
            pt_jpath_key(q, sizeof q, p, e ? "to" : "from");
            pt_jerr(c, q, "onbekende gebeurtenis \"%s\"", ev[e]);
            continue;
        }
        if (e)
            ck->to = (enum pt_event)code;
        else
            ck->from = (enum pt_event)code;
    }
    pt_jf_int(c, it, p, "max_days", true, 0, 36500, 0, &ck->max_days);
    pt_jf_bool(c, it, p, "critical", false, false, &ck->critical);
    for (size_t j = 0; j < i; j++)
        if (ck->id && r->checks[j].id && strcmp(ck->id, r->checks[j].id) == 0) {
            pt_jpath_key(q, sizeof q, p, "id");
            pt_jerr(c, q, "check-id \"%s\" komt al eerder voor", ck->id);
        }
}

static void read_checks(struct pt_jctx *c, const cJSON *root, struct pt_rubric *r)
{
    const cJSON *checks = pt_load_array(c, root, "checks", false, NULL, &r->nchecks);
    if (!checks)
        return;
    r->checks = pt_arena_array(c->arena, r->nchecks, sizeof *r->checks);
    pt_load_objects(c, checks, "checks", check_keys, "moet een object zijn", read_check, r);
}

/* A verdict: its thresholds within the scale. */
static void read_verdict(struct pt_jctx *c, const cJSON *it, const char *p, size_t i, void *data)
{
    struct pt_rubric *r = data;
    static const char *const mins[] = {"min_overall", "min_domain"};
    double *vals[] = {&r->verdicts[i].min_overall, &r->verdicts[i].min_domain};
    r->verdicts[i].id = pt_jf_ident(c, it, p, "id", true);
    r->verdicts[i].label = pt_jf_string(c, it, p, "label", true);
    for (size_t m = 0; m < 2; m++)
        if (pt_jf_number(c, it, p, mins[m], true, 0, vals[m]) == 1) {
            char q[PT_PATH_MAX];
            pt_jpath_key(q, sizeof q, p, mins[m]);
            check_threshold(c, r, q, *vals[m]);
        }
}

static void read_verdicts(struct pt_jctx *c, const cJSON *root, struct pt_rubric *r)
{
    char p[PT_PATH_MAX], q[PT_PATH_MAX];
    const cJSON *verdicts = pt_load_array(c, root, "verdicts", true, NULL, &r->nverdicts);
    if (verdicts) {
        r->verdicts = pt_arena_array(c->arena, r->nverdicts, sizeof *r->verdicts);
        pt_load_objects(c, verdicts, "verdicts", verdict_keys, "moet een object zijn",
                        read_verdict, r);
    }
    const cJSON *fb = pt_jf_object(c, root, "", "fallback_verdict", true);
    if (fb) {
        pt_jf_only(c, fb, "fallback_verdict", fallback_keys);
        r->fallback.id = pt_jf_ident(c, fb, "fallback_verdict", "id", true);
        r->fallback.label = pt_jf_string(c, fb, "fallback_verdict", "label", true);
    }
    /* Verdict ids name outcomes: they must differ from each other and from
     * the engine's own "geen-oordeel". */
    for (size_t i = 0; i <= r->nverdicts; i++) {
        const char *id = i < r->nverdicts ? r->verdicts[i].id : r->fallback.id;
        if (!id)
            continue;
        if (i < r->nverdicts)
            pt_jpath_index(p, sizeof p, "verdicts", i);
        else
            snprintf(p, sizeof p, "fallback_verdict");
        pt_jpath_key(q, sizeof q, p, "id");
        if (strcmp(id, "geen-oordeel") == 0)
            pt_jerr(c, q, "\"geen-oordeel\" is voorbehouden aan de engine");
        for (size_t j = 0; j < i; j++)
            if (r->verdicts[j].id && strcmp(r->verdicts[j].id, id) == 0)
                pt_jerr(c, q, "oordeel-id \"%s\" komt al eerder voor", id);
    }
}

static void check_unique_ids(struct pt_jctx *c, const struct pt_rubric *r)
{
    char p[PT_PATH_MAX];
    /* domains and criteria share one namespace */
    for (size_t i = 0; i < r->ndomains; i++) {
        const char *id = r->domains[i].id;
        if (!id)
            continue;
        for (size_t j = 0; j < i; j++)
            if (r->domains[j].id && strcmp(r->domains[j].id, id) == 0) {
                snprintf(p, sizeof p, "domains[%zu].id", i);
                pt_jerr(c, p, "id \"%s\" komt al eerder voor in de rubric", id);
            }
    }
    for (size_t i = 0; i < r->ncriteria; i++) {
        const struct pt_criterion *k = &r->criteria[i];
        if (!k->id)
            continue;
        const struct pt_domain *d = &r->domains[k->domain];
        snprintf(p, sizeof p, "domains[%zu].criteria[%zu].id", k->domain, i - d->first);
        bool dup = false;
        for (size_t j = 0; j < r->ndomains && !dup; j++)
            dup = r->domains[j].id && strcmp(r->domains[j].id, k->id) == 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = r->criteria[j].id && strcmp(r->criteria[j].id, k->id) == 0;
        if (dup)
            pt_jerr(c, p, "id \"%s\" komt al eerder voor in de rubric", k->id);
    }
}

struct pt_rubric *pt_rubric_from_json(const cJSON *root, const char *file,
                                      struct pt_arena *arena,
                                      struct pt_diags *diags)
{
    struct pt_jctx c = {.file = file, .diags = diags, .arena = arena};
    struct pt_rubric *r = pt_load_document(&c, root, PT_RUBRIC_FORMAT, rubric_keys, sizeof *r);
    if (!r)
        return NULL;
    r->id = pt_jf_ident(&c, root, "", "id", true);
    pt_jf_int(&c, root, "", "version", true, 1, 1000000, 1, &r->version);
    r->title = pt_jf_string(&c, root, "", "title", true);
    r->sector = pt_jf_string(&c, root, "", "sector", true);
    if (r->sector && strcmp(r->sector, "po") != 0 && strcmp(r->sector, "vo") != 0 &&
        strcmp(r->sector, "po-vo") != 0)
        pt_jerr(&c, "sector", "sector moet po, vo of po-vo zijn");
    read_scale(&c, root, r);

    r->method = PT_METHOD_MEDIAN;
    r->min_raters = 2;
    r->disagreement_spread = 2;
    const cJSON *agg = pt_jf_object(&c, root, "", "aggregation", false);
    if (agg) {
        pt_jf_only(&c, agg, "aggregation", aggregation_keys);
        const char *m = pt_jf_string(&c, agg, "aggregation", "method", false);
        if (m && strcmp(m, "mean") == 0)
            r->method = PT_METHOD_MEAN;
        else if (m && strcmp(m, "median") != 0)
            pt_jerr(&c, "aggregation.method", "methode moet median of mean zijn");
        pt_jf_int(&c, agg, "aggregation", "min_raters", false, 1, 1000, 2, &r->min_raters);
        if (pt_jf_number(&c, agg, "aggregation", "disagreement_spread", false, 2,
                         &r->disagreement_spread) == 1 && !(r->disagreement_spread > 0))
            pt_jerr(&c, "aggregation.disagreement_spread", "moet groter dan 0 zijn");
    }
    double second = r->nscale >= 2 ? r->scale[1] : 0;
    if (pt_jf_number(&c, root, "", "critical_min", false, second, &r->critical_min) == 1)
        check_threshold(&c, r, "critical_min", r->critical_min);
    if (pt_jf_number(&c, root, "", "perspective_gap", false, 1.0, &r->perspective_gap) == 1 &&
        !(r->perspective_gap > 0))
        pt_jerr(&c, "perspective_gap", "moet groter dan 0 zijn");
    pt_jf_int(&c, root, "", "min_cases", false, 1, 100000, 3, &r->min_cases);

    read_domains(&c, root, r);
    read_checks(&c, root, r);
    read_verdicts(&c, root, r);
    check_unique_ids(&c, r);

    if (c.errors)
        return NULL;
    r->json = pt_json_canonical(arena, root);
    return r;
}

int pt_rubric_ref_parse(const char *ref, char *id, size_t id_size, long *version)
{
    const char *at = strrchr(ref, '@');
    if (!at || at == ref || (size_t)(at - ref) >= id_size)
        return -1;
    memcpy(id, ref, (size_t)(at - ref));
    id[at - ref] = '\0';
    if (!pt_is_identifier(id))
        return -1;
    char *end = NULL;
    const char *num = at + 1;
    if (*num < '1' || *num > '9')
        return -1;
    long v = strtol(num, &end, 10);
    if (*end != '\0' || v < 1 || v > 1000000)
        return -1;
    *version = v;
    return 0;
}

/* Looks in one folder; returns the rubric, NULL when not there. A matching
 * but invalid file is reported. */
static struct pt_rubric *find_in(const char *dir, const char *id, long version,
                                 struct pt_arena *arena, struct pt_diags *diags,
                                 int *found_invalid)
{
    struct pt_rubric *result = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = pt_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = pt_xstrdup(e->d_name);
    }
    closedir(d);
    /* sorted, so the same folder gives the same answer */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    for (size_t i = 0; i < n && !result && !*found_invalid; i++) {
        struct pt_buf path = {0};
        struct pt_diags quiet = {0};
        pt_buf_printf(&path, "%s/%s", dir, names[i]);
        cJSON *root = pt_json_load_file(path.data, &quiet);
        const cJSON *f = root ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
        const cJSON *rid = root ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
        const cJSON *rv = root ? cJSON_GetObjectItemCaseSensitive(root, "version") : NULL;
        long v;
        if (cJSON_IsString(f) && strcmp(f->valuestring, PT_RUBRIC_FORMAT) == 0 &&
            cJSON_IsString(rid) && strcmp(rid->valuestring, id) == 0 &&
            pt_json_integer(rv, 1, 1000000, &v) && v == version) {
            result = pt_rubric_from_json(root, path.data, arena, diags);
            if (!result)
                *found_invalid = 1;
        }
        cJSON_Delete(root);
        pt_diags_free(&quiet);
        pt_buf_free(&path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return result;
}

struct pt_rubric *pt_rubric_find(const char *id, long version,
                                 const char *ref_file, const char *ref_place,
                                 struct pt_arena *arena, struct pt_diags *diags)
{
    const char *dirs[3];
    size_t nd = 0;
    const char *env = getenv("PRAKTIJKTOETS_RUBRICS");
    if (env && *env)
        dirs[nd++] = env;
    dirs[nd++] = "rubrics";
    dirs[nd++] = PT_RUBRIC_DIR;
    int invalid = 0;
    for (size_t i = 0; i < nd; i++) {
        struct pt_rubric *r = find_in(dirs[i], id, version, arena, diags, &invalid);
        if (r || invalid)
            return r;
    }
    pt_diag_add(diags, ref_file, ref_place,
                "rubric %s@%ld niet gevonden (niet in de toetsmap als rubric.json, "
                "niet in ./rubrics/ en niet in %s)", id, version, PT_RUBRIC_DIR);
    return NULL;
}
