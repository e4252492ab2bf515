/*
 * result_json.c — the result object praktijktoets-result/1 (scoring.md 9).
 *
 * Arrays follow the order of the rubric (domains, criteria, checks) and of
 * the assessment (cases, roles in team order of first appearance). Undefined
 * numbers are null. Scores and percentages are rounded to 2 decimals, alpha
 * to 3, half away from zero, only here.
 */
#include "result.h"

#include <stdarg.h>
#include <string.h>

#include "model.h"

/* A string value borrowed from the toetsmap or the result (not copied):
 * the tree must be deleted before them (see result.h). */
static cJSON *str(const char *s)
{
    return cJSON_CreateStringReference(s);
}

static cJSON *num_or_null(bool has, double v, int decimals)
{
    return has ? cJSON_CreateNumber(pt_round(v, decimals)) : cJSON_CreateNull();
}

/* Adds item to obj under a key that is a string constant (not copied: a
 * malloc less per member); on failure deletes item and flags the failure. */
static void put(cJSON *obj, const char *key, cJSON *item, bool *ok)
{
    if (!item || !cJSON_AddItemToObjectCS(obj, key, item)) {
        cJSON_Delete(item);
        *ok = false;
    }
}

static void push(cJSON *arr, cJSON *item, bool *ok)
{
    if (!item || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        *ok = false;
    }
}

/* An object of the members that follow ok: a key (a string constant) and its
 * item, up to the key END. On failure the object is NULL, *ok false and
 * every item deleted. */
#define END ((const char *)NULL)
static cJSON *object_of(bool *ok, ...)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        *ok = false;
    va_list ap;
    va_start(ap, ok);
    for (const char *key = va_arg(ap, const char *); key; key = va_arg(ap, const char *)) {
        cJSON *item = va_arg(ap, cJSON *);
        if (o)
            put(o, key, item, ok);
        else
            cJSON_Delete(item);
    }
    va_end(ap);
    return o;
}

static cJSON *case_json(const struct pt_result *res, size_t c, bool *ok)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_case_result *cr = &res->cases[c];
    cJSON *o = cJSON_CreateObject();
    put(o, "id", str(t->assessment->case_ids[c]), ok);
    put(o, "score", num_or_null(cr->has_score, cr->score, 2), ok);
    cJSON *doms = cJSON_CreateArray();
    for (size_t d = 0; d < r->ndomains; d++)
        push(doms, object_of(ok, "id", str(r->domains[d].id),
                             "score", num_or_null(cr->has_domain[d], cr->domain[d], 2), END), ok);
    put(o, "domains", doms, ok);
    cJSON *crits = cJSON_CreateArray();
    for (size_t k = 0; k < r->ncriteria; k++) {
        const struct pt_crit_result *x = &cr->criteria[k];
        bool scored = x->status == PT_CRIT_SCORED;
        push(crits, object_of(ok, "id", str(r->criteria[k].id),
                              "status", str(pt_crit_status_name(x->status)),
                              "score", num_or_null(scored, x->score, 2),
                              "n", scored ? cJSON_CreateNumber((double)x->n) : cJSON_CreateNull(),
                              "spread", num_or_null(scored, x->spread, 2),
                              "disagreement",
                              scored ? cJSON_CreateBool(x->disagreement) : cJSON_CreateNull(),
                              "nvt", cJSON_CreateNumber((double)x->na), END), ok);
    }
    put(o, "criteria", crits, ok);
    cJSON *checks = cJSON_CreateArray();
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct pt_check_result *x = &cr->checks[i];
        push(checks, object_of(ok, "id", str(r->checks[i].id),
                               "status", str(pt_check_status_name(x->status)),
                               "days", x->status == PT_CHECK_NA
                                           ? cJSON_CreateNull()
                                           : cJSON_CreateNumber((double)x->days), END), ok);
    }
    put(o, "checks", checks, ok);
    return o;
}

static cJSON *verdict_json(const struct pt_result *res, bool *ok)
{
    cJSON *verdict = cJSON_CreateObject();
    put(verdict, "id", str(res->verdict_id), ok);
    put(verdict, "label", str(res->verdict_label), ok);
    cJSON *reasons = cJSON_CreateArray();
    for (size_t i = 0; i < res->nreasons; i++)
        push(reasons, str(res->reasons[i]), ok);
    put(verdict, "reasons", reasons, ok);
    return verdict;
}

/* format, assessment, swv, date, rubric, overall and verdict into o. */
static void head_json(cJSON *o, const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    const struct pt_assessment *a = res->t->assessment;
    put(o, "format", str(PT_RESULT_FORMAT), ok);
    put(o, "assessment", str(a->id), ok);
    put(o, "swv", str(a->swv), ok);
    put(o, "date", str(a->date), ok);
    put(o, "rubric", object_of(ok, "id", str(r->id),
                               "version", cJSON_CreateNumber((double)r->version), END), ok);
    put(o, "overall", object_of(ok, "score", num_or_null(res->has_overall, res->overall, 2),
                                "percent", num_or_null(res->has_overall, res->percent, 2), END),
        ok);
    put(o, "verdict", verdict_json(res, ok), ok);
}

static cJSON *domains_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    cJSON *domains = cJSON_CreateArray();
    for (size_t d = 0; d < r->ndomains; d++)
        push(domains, object_of(ok, "id", str(r->domains[d].id),
                                "score", num_or_null(res->has_domain[d], res->domain[d], 2),
                                "cases", cJSON_CreateNumber((double)res->domain_cases[d]),
                                "title", str(r->domains[d].title),
                                "weight", cJSON_CreateNumber(r->domains[d].weight), END), ok);
    return domains;
}

static cJSON *findings_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    const struct pt_assessment *a = res->t->assessment;
    cJSON *findings = cJSON_CreateArray();
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        const char *kase = a->case_ids[f->kase];
        if (f->is_check)
            push(findings, object_of(ok, "case", str(kase),
                                     "check", str(r->checks[f->index].id),
                                     "days", cJSON_CreateNumber((double)f->days), END), ok);
        else
            push(findings, object_of(ok, "case", str(kase),
                                     "criterion", str(r->criteria[f->index].id),
                                     "score", cJSON_CreateNumber(pt_round(f->score, 2)), END),
                 ok);
    }
    return findings;
}

static cJSON *disagreements_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    const struct pt_assessment *a = res->t->assessment;
    cJSON *dis = cJSON_CreateArray();
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t k = 0; k < r->ncriteria; k++) {
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            if (x->status != PT_CRIT_SCORED || !x->disagreement)
                continue;
            push(dis, object_of(ok, "case", str(a->case_ids[c]),
                                "criterion", str(r->criteria[k].id),
                                "spread", cJSON_CreateNumber(pt_round(x->spread, 2)),
                                "nvt", cJSON_CreateNumber((double)x->na), END), ok);
        }
    return dis;
}

static cJSON *reliability_json(const struct pt_result *res, bool *ok)
{
    cJSON *rel = cJSON_CreateObject();
    put(rel, "alpha_interval", num_or_null(res->alpha.has_interval, res->alpha.interval, 3), ok);
    put(rel, "alpha_ordinal", num_or_null(res->alpha.has_ordinal, res->alpha.ordinal, 3), ok);
    put(rel, "units", cJSON_CreateNumber((double)res->alpha.units), ok);
    put(rel, "interpretation",
        res->alpha.has_ordinal
            ? str(pt_alpha_interpretation(res->alpha.ordinal))
            : cJSON_CreateNull(), ok);
    return rel;
}

static cJSON *perspectives_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    cJSON *persp = cJSON_CreateArray();
    for (size_t d = 0; d < r->ndomains; d++) {
        cJSON *roles = cJSON_CreateArray();
        for (size_t j = 0; j < res->nroles; j++) {
            size_t m = d * res->nroles + j;
            push(roles, object_of(ok, "role", str(pt_role_name(res->roles[j])),
                                  "mean", num_or_null(res->has_role_mean[m], res->role_mean[m], 2),
                                  END), ok);
        }
        push(persp, object_of(ok, "domain", str(r->domains[d].id),
                              "gap", num_or_null(res->has_gap[d], res->gap[d], 2),
                              "flag", cJSON_CreateBool(res->gap_flag[d]),
                              "roles", roles, END), ok);
    }
    return persp;
}

static cJSON *team_json(const struct pt_result *res, bool *ok)
{
    cJSON *team = cJSON_CreateObject();
    put(team, "size", cJSON_CreateNumber((double)res->t->assessment->nteam), ok);
    cJSON *roles = cJSON_CreateObject();
    for (size_t j = 0; j < res->nroles; j++)
        put(roles, pt_role_name(res->roles[j]),
            cJSON_CreateNumber((double)res->role_members[res->roles[j]]), ok);
    put(team, "roles", roles, ok);
    put(team, "complete", cJSON_CreateBool(res->team_complete), ok);
    return team;
}

cJSON *pt_result_to_json(const struct pt_result *res)
{
    const struct pt_assessment *a = res->t->assessment;
    bool ok = true;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    head_json(o, res, &ok);
    put(o, "domains", domains_json(res, &ok), &ok);
    cJSON *cases = cJSON_CreateArray();
    for (size_t c = 0; c < a->ncases; c++)
        push(cases, case_json(res, c, &ok), &ok);
    put(o, "cases", cases, &ok);
    put(o, "critical_findings", findings_json(res, &ok), &ok);
    put(o, "disagreements", disagreements_json(res, &ok), &ok);
    put(o, "reliability", reliability_json(res, &ok), &ok);
    put(o, "perspectives", perspectives_json(res, &ok), &ok);
    put(o, "complete", cJSON_CreateBool(res->complete), &ok);
    put(o, "team", team_json(res, &ok), &ok);
    cJSON *warnings = cJSON_CreateArray();
    for (size_t i = 0; i < res->nwarnings; i++)
        push(warnings, str(res->warnings[i]), &ok);
    put(o, "warnings", warnings, &ok);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
