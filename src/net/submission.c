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

/* What a copy returns for a value of the wrong kind: it is left out. */
#define SKIP ((cJSON *)-1)

static cJSON *copy_value(const cJSON *v, const struct pt_sfield *f);

/* Adds to out the fields of the schema list that src has with the right
 * kind (fields the client writes itself are skipped). False only when out
 * of memory. */
static bool copy_fields(cJSON *out, const cJSON *src, const struct pt_sfield *fields)
{
    for (const struct pt_sfield *f = fields; f->name; f++) {
        if (f->flags & PT_SF_CLIENT)
            continue;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, f->name);
        if (!v)
            continue;
        cJSON *c = copy_value(v, f);
        if (c == SKIP)                  /* wrong kind: left out */
            continue;
        if (!c || !cJSON_AddItemToObject(out, f->name, c)) {
            cJSON_Delete(c);
            return false;
        }
    }
    return true;
}

/* A new object holding only the fields of the schema list that src has
 * with the right kind. NULL only when out of memory. */
static cJSON *copy_object(const cJSON *src, const struct pt_sfield *fields)
{
    cJSON *out = cJSON_CreateObject();
    if (out && !copy_fields(out, src, fields)) {
        cJSON_Delete(out);
        return NULL;
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

/* The copy of one element e of an array (or one member of an object) under
 * f; SKIP when it is left out, NULL when out of memory. */
typedef cJSON *copy_one(const cJSON *e, const struct pt_sfield *f);

/* An object of v copied along f's fields (or the variant it names). */
static cJSON *array_item(const cJSON *e, const struct pt_sfield *f)
{
    if (!cJSON_IsObject(e))
        return SKIP;
    const struct pt_sfield *alt = f->kind == PT_SK_VARIANTS ? variant_of(e, f) : f;
    return alt ? copy_object(e, alt->sub) : SKIP;
}

/* A count under one of f's words. */
static cJSON *count_item(const cJSON *e, const struct pt_sfield *f)
{
    if (!e->string || !pt_sword_in(e->string, f->values) || !cJSON_IsNumber(e))
        return SKIP;
    return cJSON_CreateNumber(e->valuedouble);
}

/* into (a new array, or a new object whose members keep their names)
 * filled with one() of each element of v. NULL only when out of memory. */
static cJSON *copy_each(const cJSON *v, const struct pt_sfield *f, cJSON *into, copy_one *one)
{
    if (!into)
        return NULL;
    bool array = cJSON_IsArray(into);
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        cJSON *c = one(e, f);
        if (c == SKIP)
            continue;
        if (!c || !(array ? cJSON_AddItemToArray(into, c)
                          : cJSON_AddItemToObject(into, e->string, c))) {
            cJSON_Delete(c);
            cJSON_Delete(into);
            return NULL;
        }
    }
    return into;
}

/* A copy of v when it has the kind f allows; SKIP when it does not;
 * NULL when out of memory. */
static cJSON *copy_value(const cJSON *v, const struct pt_sfield *f)
{
    cJSON *const skip = SKIP;
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
        return cJSON_IsArray(v) ? copy_each(v, f, cJSON_CreateArray(), array_item) : skip;
    case PT_SK_COUNTS:
        return cJSON_IsObject(v) ? copy_each(v, f, cJSON_CreateObject(), count_item) : skip;
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
    ok = ok && copy_fields(out, result, pt_submission_schema);
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
