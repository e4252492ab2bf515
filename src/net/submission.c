/*
 * submission.c — the submission body from an allow-list. See submission.h
 * and docs/submission-payload.md.
 *
 * The allow-list is data: the schema of submission_schema.h, which the
 * receiver's validator reads too. copy_object() walks the result object
 * along it and copies a field only when the schema names it and its value
 * has the kind the schema says (a string where a number is expected is
 * left out, never passed on). Fields the client writes itself (format,
 * ids, dates, verdict, rubric.scale) are marked PT_SF_CLIENT.
 */
#include "submission.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "result.h"
#include "submission_schema.h"
#include "util.h"

static cJSON *copy_value(const cJSON *v, const struct pt_sfield *f);

/* A new object holding only the fields of the schema list that src has
 * with the right kind (fields the client writes itself are skipped). NULL
 * only when out of memory. */
static cJSON *copy_object(const cJSON *src, const struct pt_sfield *fields)
{
    cJSON *out = cJSON_CreateObject();
    if (!out)
        return NULL;
    for (const struct pt_sfield *f = fields; f->name; f++) {
        if (f->flags & PT_SF_CLIENT)
            continue;
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

/* The variant of f (PT_SK_VARIANTS) whose name e holds as a key, or NULL. */
static const struct pt_sfield *variant_of(const cJSON *e, const struct pt_sfield *f)
{
    for (const struct pt_sfield *alt = f->sub; alt->name; alt++)
        if (cJSON_GetObjectItemCaseSensitive(e, alt->name))
            return alt;
    return NULL;
}

/* An array of the objects of v copied along f's fields (or variants). */
static cJSON *copy_array(const cJSON *v, const struct pt_sfield *f)
{
    cJSON *arr = cJSON_CreateArray();
    if (!arr)
        return NULL;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (!cJSON_IsObject(e))
            continue;
        const struct pt_sfield *alt = f->kind == PT_SK_VARIANTS ? variant_of(e, f) : f;
        if (!alt)
            continue;
        cJSON *c = copy_object(e, alt->sub);
        if (!c || !cJSON_AddItemToArray(arr, c)) {
            cJSON_Delete(c);
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

static cJSON *copy_counts(const cJSON *v, const struct pt_sfield *f)
{
    cJSON *obj = cJSON_CreateObject();
    if (!obj)
        return NULL;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (!e->string || !pt_sword_in(e->string, f->values) || !cJSON_IsNumber(e))
            continue;
        if (!cJSON_AddNumberToObject(obj, e->string, e->valuedouble)) {
            cJSON_Delete(obj);
            return NULL;
        }
    }
    return obj;
}

/* A copy of v when it has the kind f allows; (cJSON *)-1 when it does not;
 * NULL when out of memory. */
static cJSON *copy_value(const cJSON *v, const struct pt_sfield *f)
{
    cJSON *const skip = (cJSON *)-1;
    switch (f->kind) {
    case PT_SK_ID:
        return cJSON_IsString(v) && pt_is_identifier(v->valuestring)
                   ? cJSON_CreateString(v->valuestring) : skip;
    case PT_SK_ENUM:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        return cJSON_IsString(v) && pt_sword_in(v->valuestring, f->values)
                   ? cJSON_CreateString(v->valuestring) : skip;
    case PT_SK_NUMBER:
    case PT_SK_INT:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble ||
            v->valuedouble > 1e15 || v->valuedouble < -1e15)
            return skip;
        if (f->kind == PT_SK_INT && (double)(long long)v->valuedouble != v->valuedouble)
            return skip;
        return cJSON_CreateNumber(v->valuedouble);
    case PT_SK_BOOL:
        if (cJSON_IsNull(v))
            return cJSON_CreateNull();
        return cJSON_IsBool(v) ? cJSON_CreateBool(cJSON_IsTrue(v)) : skip;
    case PT_SK_OBJECT:
        return cJSON_IsObject(v) ? copy_object(v, f->sub) : skip;
    case PT_SK_ARRAY:
    case PT_SK_VARIANTS:
        return cJSON_IsArray(v) ? copy_array(v, f) : skip;
    case PT_SK_COUNTS:
        return cJSON_IsObject(v) ? copy_counts(v, f) : skip;
    case PT_SK_FORMAT:
    case PT_SK_SWV:
    case PT_SK_DATE:
    case PT_SK_TIMESTAMP:
    case PT_SK_SCALE:
        break;   /* written by the client itself */
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
    for (const struct pt_sfield *f = pt_submission_schema; ok && f->name; f++) {
        if (f->flags & PT_SF_CLIENT)
            continue;
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
