/*
 * result_json.c — the result object praktijktoets-result/1 (scoring.md 9).
 *
 * Arrays follow the order of the rubric (domains, criteria, checks) and of
 * the assessment (cases, roles in team order of first appearance). Undefined
 * numbers are null. Scores and percentages are rounded to 2 decimals, alpha
 * to 3, half away from zero, only here.
 */
#include "result.h"

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

static cJSON *case_json(const struct pt_result *res, size_t c, bool *ok)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_case_result *cr = &res->cases[c];
    cJSON *o = cJSON_CreateObject();
    put(o, "id", str(t->assessment->case_ids[c]), ok);
    put(o, "score", num_or_null(cr->has_score, cr->score, 2), ok);
    cJSON *doms = cJSON_CreateArray();
    for (size_t d = 0; d < r->ndomains; d++) {
        cJSON *x = cJSON_CreateObject();
        put(x, "id", str(r->domains[d].id), ok);
        put(x, "score", num_or_null(cr->has_domain[d], cr->domain[d], 2), ok);
        push(doms, x, ok);
    }
    put(o, "domains", doms, ok);
    cJSON *crits = cJSON_CreateArray();
    for (size_t k = 0; k < r->ncriteria; k++) {
        const struct pt_crit_result *x = &cr->criteria[k];
        bool scored = x->status == PT_CRIT_SCORED;
        cJSON *j = cJSON_CreateObject();
        put(j, "id", str(r->criteria[k].id), ok);
        put(j, "status", str(pt_crit_status_name(x->status)), ok);
        put(j, "score", num_or_null(scored, x->score, 2), ok);
        put(j, "n", scored ? cJSON_CreateNumber((double)x->n) : cJSON_CreateNull(), ok);
        put(j, "spread", num_or_null(scored, x->spread, 2), ok);
        put(j, "disagreement", scored ? cJSON_CreateBool(x->disagreement) : cJSON_CreateNull(), ok);
        put(j, "nvt", cJSON_CreateNumber((double)x->na), ok);
        push(crits, j, ok);
    }
    put(o, "criteria", crits, ok);
    cJSON *checks = cJSON_CreateArray();
    for (size_t i = 0; i < r->nchecks; i++) {
        const struct pt_check_result *x = &cr->checks[i];
        cJSON *j = cJSON_CreateObject();
        put(j, "id", str(r->checks[i].id), ok);
        put(j, "status", str(pt_check_status_name(x->status)), ok);
        put(j, "days", x->status == PT_CHECK_NA ? cJSON_CreateNull()
                                                : cJSON_CreateNumber((double)x->days), ok);
        push(checks, j, ok);
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
    cJSON *rub = cJSON_CreateObject();
    put(rub, "id", str(r->id), ok);
    put(rub, "version", cJSON_CreateNumber((double)r->version), ok);
    put(o, "rubric", rub, ok);
    cJSON *overall = cJSON_CreateObject();
    put(overall, "score", num_or_null(res->has_overall, res->overall, 2), ok);
    put(overall, "percent", num_or_null(res->has_overall, res->percent, 2), ok);
    put(o, "overall", overall, ok);
    put(o, "verdict", verdict_json(res, ok), ok);
}

static cJSON *domains_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    cJSON *domains = cJSON_CreateArray();
    for (size_t d = 0; d < r->ndomains; d++) {
        cJSON *x = cJSON_CreateObject();
        put(x, "id", str(r->domains[d].id), ok);
        put(x, "score", num_or_null(res->has_domain[d], res->domain[d], 2), ok);
        put(x, "cases", cJSON_CreateNumber((double)res->domain_cases[d]), ok);
        put(x, "title", str(r->domains[d].title), ok);
        put(x, "weight", cJSON_CreateNumber(r->domains[d].weight), ok);
        push(domains, x, ok);
    }
    return domains;
}

static cJSON *findings_json(const struct pt_result *res, bool *ok)
{
    const struct pt_rubric *r = res->t->rubric;
    const struct pt_assessment *a = res->t->assessment;
    cJSON *findings = cJSON_CreateArray();
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        cJSON *x = cJSON_CreateObject();
        put(x, "case", str(a->case_ids[f->kase]), ok);
        if (f->is_check) {
            put(x, "check", str(r->checks[f->index].id), ok);
            put(x, "days", cJSON_CreateNumber((double)f->days), ok);
        } else {
            put(x, "criterion", str(r->criteria[f->index].id), ok);
            put(x, "score", cJSON_CreateNumber(pt_round(f->score, 2)), ok);
        }
        push(findings, x, ok);
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
            cJSON *j = cJSON_CreateObject();
            put(j, "case", str(a->case_ids[c]), ok);
            put(j, "criterion", str(r->criteria[k].id), ok);
            put(j, "spread", cJSON_CreateNumber(pt_round(x->spread, 2)), ok);
            put(j, "nvt", cJSON_CreateNumber((double)x->na), ok);
            push(dis, j, ok);
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
        cJSON *x = cJSON_CreateObject();
        put(x, "domain", str(r->domains[d].id), ok);
        put(x, "gap", num_or_null(res->has_gap[d], res->gap[d], 2), ok);
        put(x, "flag", cJSON_CreateBool(res->gap_flag[d]), ok);
        cJSON *roles = cJSON_CreateArray();
        for (size_t j = 0; j < res->nroles; j++) {
            cJSON *y = cJSON_CreateObject();
            put(y, "role", str(pt_role_name(res->roles[j])), ok);
            put(y, "mean", num_or_null(res->has_role_mean[d * res->nroles + j],
                                       res->role_mean[d * res->nroles + j], 2), ok);
            push(roles, y, ok);
        }
        put(x, "roles", roles, ok);
        push(persp, x, ok);
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
