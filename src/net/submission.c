/*
 * submission.c — the submission body from an allow-list. See submission.h
 * and docs/submission-payload.md.
 *
 * The allow-list is data: a tree of field descriptions. copy_object() walks
 * the result object along it and copies a field only when the list names it
 * and its value has the kind the list says (a string where a number is
 * expected is left out, never passed on).
 */
#include "submission.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "result.h"
#include "util.h"

enum kind {
    K_ID,           /* a string that is an identifier: never free text */
    K_NUMBER,       /* a finite number or null */
    K_INT,          /* an integral number or null */
    K_BOOL,         /* true/false or null */
    K_ENUM,         /* a string from a fixed list */
    K_OBJECT,       /* an object with the fields in sub */
    K_ARRAY,        /* an array of objects with the fields in sub */
    K_COUNTS,       /* an object of role → integer */
};

struct field {
    const char *name;
    enum kind kind;
    const struct field *sub;        /* K_OBJECT, K_ARRAY: NULL-name terminated */
    const char *const *values;      /* K_ENUM: NULL terminated */
};

static const char *const crit_status[] = {"scored", "nvt", "insufficient", NULL};
static const char *const check_status[] = {"ok", "open", "fail", "na", NULL};
static const char *const interpretations[] = {"betrouwbaar", "voorlopig",
                                              "onvoldoende betrouwbaar", NULL};
static const char *const roles[] = {"management", "ouders", "personeel", "gemeente",
                                    "jeugdhulp", "expert", NULL};

static const struct field f_id_score[] = {
    {"id", K_ID, NULL, NULL}, {"score", K_NUMBER, NULL, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_criterion[] = {
    {"id", K_ID, NULL, NULL}, {"status", K_ENUM, NULL, crit_status},
    {"score", K_NUMBER, NULL, NULL}, {"n", K_INT, NULL, NULL},
    {"spread", K_INT, NULL, NULL}, {"disagreement", K_BOOL, NULL, NULL},
    {NULL, 0, NULL, NULL}};
static const struct field f_check[] = {
    {"id", K_ID, NULL, NULL}, {"status", K_ENUM, NULL, check_status},
    {"days", K_INT, NULL, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_case[] = {
    {"id", K_ID, NULL, NULL}, {"score", K_NUMBER, NULL, NULL},
    {"domains", K_ARRAY, f_id_score, NULL}, {"criteria", K_ARRAY, f_criterion, NULL},
    {"checks", K_ARRAY, f_check, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_domain[] = {
    {"id", K_ID, NULL, NULL}, {"score", K_NUMBER, NULL, NULL},
    {"cases", K_INT, NULL, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_finding[] = {
    {"case", K_ID, NULL, NULL}, {"criterion", K_ID, NULL, NULL},
    {"score", K_NUMBER, NULL, NULL}, {"check", K_ID, NULL, NULL},
    {"days", K_INT, NULL, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_reliability[] = {
    {"alpha_interval", K_NUMBER, NULL, NULL}, {"alpha_ordinal", K_NUMBER, NULL, NULL},
    {"units", K_INT, NULL, NULL}, {"interpretation", K_ENUM, NULL, interpretations},
    {NULL, 0, NULL, NULL}};
static const struct field f_role_mean[] = {
    {"role", K_ENUM, NULL, roles}, {"mean", K_NUMBER, NULL, NULL}, {NULL, 0, NULL, NULL}};
static const struct field f_perspective[] = {
    {"domain", K_ID, NULL, NULL}, {"gap", K_NUMBER, NULL, NULL},
    {"flag", K_BOOL, NULL, NULL}, {"roles", K_ARRAY, f_role_mean, NULL},
    {NULL, 0, NULL, NULL}};
static const struct field f_overall[] = {
    {"score", K_NUMBER, NULL, NULL}, {"percent", K_NUMBER, NULL, NULL},
    {NULL, 0, NULL, NULL}};
static const struct field f_team[] = {
    {"size", K_INT, NULL, NULL}, {"complete", K_BOOL, NULL, NULL},
    {"roles", K_COUNTS, NULL, roles}, {NULL, 0, NULL, NULL}};
static const struct field f_rubric[] = {
    {"id", K_ID, NULL, NULL}, {"version", K_INT, NULL, NULL}, {NULL, 0, NULL, NULL}};

/* The fields copied from the top of the result object, in output order. */
static const struct field f_top[] = {
    {"rubric", K_OBJECT, f_rubric, NULL},
    {"team", K_OBJECT, f_team, NULL},
    {"overall", K_OBJECT, f_overall, NULL},
    {"complete", K_BOOL, NULL, NULL},
    {"domains", K_ARRAY, f_domain, NULL},
    {"cases", K_ARRAY, f_case, NULL},
    {"critical_findings", K_ARRAY, f_finding, NULL},
    {"reliability", K_OBJECT, f_reliability, NULL},
    {"perspectives", K_ARRAY, f_perspective, NULL},
    {NULL, 0, NULL, NULL}};

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static cJSON *copy_value(const cJSON *v, const struct field *f);

/* A new object holding only the allowed fields of src that have the right
 * kind. NULL only when out of memory. */
static cJSON *copy_object(const cJSON *src, const struct field *fields)
{
    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    for (const struct field *f = fields; f->name; f++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, f->name);
        if (!v)
            continue;
        cJSON *c = copy_value(v, f);
        if (c == (cJSON *)-1)           /* wrong kind: left out */
            continue;
        if (!c || !cJSON_AddItemToObject(out, f->name, c)) {
            cJSON_Delete(c);
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

/* A copy of v when it has the kind f allows; (cJSON *)-1 when it does not;
 * NULL when out of memory. */
static cJSON *copy_value(const cJSON *v, const struct field *f)
{
    cJSON *const skip = (cJSON *)-1;
    switch (f->kind) {
    case K_ID:
        return cJSON_IsString(v) && pt_is_identifier(v->valuestring)
                   ? cJSON_CreateString(v->valuestring) : skip;
    case K_ENUM:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        return cJSON_IsString(v) && in_list(v->valuestring, f->values)
                   ? cJSON_CreateString(v->valuestring) : skip;
    case K_NUMBER:
    case K_INT:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble ||
            v->valuedouble > 1e15 || v->valuedouble < -1e15)
            return skip;
        if (f->kind == K_INT && (double)(long long)v->valuedouble != v->valuedouble)
            return skip;
        return cJSON_CreateNumber(v->valuedouble);
    case K_BOOL:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        return cJSON_IsBool(v) ? cJSON_CreateBool(cJSON_IsTrue(v)) : skip;
    case K_OBJECT:
        return cJSON_IsObject(v) ? copy_object(v, f->sub) : skip;
    case K_ARRAY: {
        if (!cJSON_IsArray(v))
            return skip;
        cJSON *arr = cJSON_CreateArray();
        if (!arr)
            return NULL;
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            if (!cJSON_IsObject(e))
                continue;
            cJSON *c = copy_object(e, f->sub);
            if (!c || !cJSON_AddItemToArray(arr, c)) {
                cJSON_Delete(c);
                cJSON_Delete(arr);
                return NULL;
            }
        }
        return arr;
    }
    case K_COUNTS: {
        if (!cJSON_IsObject(v))
            return skip;
        cJSON *obj = cJSON_CreateObject();
        if (!obj)
            return NULL;
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            if (!e->string || !in_list(e->string, f->values) || !cJSON_IsNumber(e))
                continue;
            if (!cJSON_AddNumberToObject(obj, e->string, e->valuedouble)) {
                cJSON_Delete(obj);
                return NULL;
            }
        }
        return obj;
    }
    }
    return skip;
}

char *pt_submission_key(const char *assessment, long revision)
{
    struct pt_buf b = {0};
    pt_buf_printf(&b, "%s/%ld", assessment, revision);
    return pt_buf_detach(&b);
}

/* rubric.scale: {"min", "max"} of the rubric's scale values. */
static bool add_scale(cJSON *out, const struct pt_rubric *rubric)
{
    cJSON *rub = cJSON_GetObjectItemCaseSensitive(out, "rubric");
    if (!cJSON_IsObject(rub) || !rubric || rubric->nscale == 0)
        return false;
    cJSON *scale = cJSON_AddObjectToObject(rub, "scale");
    return scale && cJSON_AddNumberToObject(scale, "min", rubric->scale[0]) &&
           cJSON_AddNumberToObject(scale, "max", rubric->scale[rubric->nscale - 1]);
}

cJSON *pt_submission_from_result(const cJSON *result, const struct pt_assessment *a,
                                 const struct pt_rubric *rubric, long revision,
                                 time_t submitted_at)
{
    char when[32];
    struct tm tm;
    gmtime_r(&submitted_at, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);

    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    bool ok = cJSON_AddStringToObject(out, "format", PT_SUBMISSION_FORMAT) &&
              cJSON_AddStringToObject(out, "assessment", a->id) &&
              cJSON_AddNumberToObject(out, "revision", (double)revision) &&
              cJSON_AddStringToObject(out, "submitted_at", when) &&
              cJSON_AddStringToObject(out, "swv", a->swv) &&
              cJSON_AddStringToObject(out, "date", a->date) &&
              cJSON_AddStringToObject(out, "purpose", a->purpose);
    /* The verdict travels as its id only: its reasons are prose. */
    const cJSON *verdict = cJSON_GetObjectItemCaseSensitive(result, "verdict");
    const cJSON *vid = cJSON_GetObjectItemCaseSensitive(verdict, "id");
    if (ok && cJSON_IsString(vid) && pt_is_identifier(vid->valuestring))
        ok = cJSON_AddStringToObject(out, "verdict", vid->valuestring) != NULL;
    for (const struct field *f = f_top; ok && f->name; f++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(result, f->name);
        if (!v)
            continue;
        cJSON *c = copy_value(v, f);
        if (c == (cJSON *)-1)
            continue;
        if (!c || !cJSON_AddItemToObject(out, f->name, c)) {
            cJSON_Delete(c);
            ok = false;
        }
    }
    if (!ok || !add_scale(out, rubric)) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

int pt_submission_build(const struct pt_result *res, long revision, time_t submitted_at,
                        char **body)
{
    *body = NULL;
    cJSON *result = pt_result_to_json(res);
    cJSON *sub = result ? pt_submission_from_result(result, res->t->assessment,
                                                    res->t->rubric, revision,
                                                    submitted_at) : NULL;
    if (sub)
        *body = pt_json_print(sub, false);
    cJSON_Delete(sub);
    cJSON_Delete(result);
    return *body ? 0 : -1;
}
