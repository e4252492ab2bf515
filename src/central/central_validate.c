/*
 * central_validate.c — the body praktijktoets-submission/2, checked against
 * docs/submission-payload.md (see central_validate.h) by a walk along the
 * schema the client's allow-list reads too (submission_schema.h).
 *
 * The walk stops at the first problem: the client answers a refusal by
 * fixing its code, not by editing a file, so one precise message is enough.
 */
#include "central_validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "arena.h"
#include "jsonfield.h"
#include "model.h"
#include "util.h"

#define PATH_SIZE 160
#define INT_BIG PT_SUBMISSION_INT_MAX

struct vctx {
    struct pt_error *err;
    bool failed;
    double lo, hi;           /* rubric.scale, once read */
    struct pt_jctx jc;       /* the project's strict JSON reader, errors to record() */
    struct pt_arena arena;   /* its copies of strings */
};

/* Keeps the first problem as "path: message"; later ones are ignored. */
static void record(void *cls, const char *path, const char *msg)
{
    struct vctx *v = cls;
    if (v->failed)
        return;
    v->failed = true;
    if (path && *path)
        pt_error_set(v->err, "%s: %s", path, msg);
    else
        pt_error_set(v->err, "%s", msg);
}

static bool fail(struct vctx *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(struct vctx *v, const char *path, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(v, path, msg);
    return false;
}

/* Paths are short (the schema is at most four levels deep); one that does
 * not fit ends in "…" rather than overflowing. */
static void path_fit(char *out, int n)
{
    if (n < 0 || n >= PATH_SIZE)
        memcpy(out + PATH_SIZE - 4, "\xe2\x80\xa6", 4);
}

static void path_key(char *out, const char *path, const char *key)
{
    int n = *path ? snprintf(out, PATH_SIZE, "%s.%s", path, key)
                  : snprintf(out, PATH_SIZE, "%s", key);
    path_fit(out, n);
}

static void path_index(char *out, const char *path, const char *key, int i)
{
    char p[PATH_SIZE];
    path_key(p, path, key);
    path_fit(out, snprintf(out, PATH_SIZE, "%s[%d]", p, i));
}

/*
 * The reading of single values is jsonfield's (the project's one strict
 * JSON reader), with its errors going to record() and keys quoted only
 * when they are plain words (strict_quotes). Each returns false at the
 * first problem.
 */

/* obj must be an object holding only keys of allowed, each once. */
static bool only_keys(struct vctx *v, const cJSON *obj, const char *path,
                      const char *const *allowed)
{
    if (!cJSON_IsObject(obj))
        return fail(v, path, "moet een object zijn");
    pt_jf_only(&v->jc, obj, path, allowed);
    return !v->failed;
}

static const cJSON *get(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, char p[PATH_SIZE])
{
    path_key(p, path, key);
    return pt_jf_get(&v->jc, obj, path, key, true);
}

static bool want_string(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, const char **out, char p[PATH_SIZE])
{
    path_key(p, path, key);
    *out = pt_jf_string(&v->jc, obj, path, key, true);
    return *out != NULL;
}

static bool want_id(struct vctx *v, const cJSON *obj, const char *path, const char *key,
                    char out[PC_ID_SIZE])
{
    const char *s = pt_jf_ident(&v->jc, obj, path, key, true);
    if (s && out)
        snprintf(out, PC_ID_SIZE, "%s", s);
    return s != NULL;
}

/* One of list, or null when nullable. */
static bool want_enum(struct vctx *v, const cJSON *obj, const char *path,
                      const char *key, const char *const *list, bool nullable)
{
    return pt_jf_enum(&v->jc, obj, path, key, true, list, nullable) >= 0;
}

/* An integer in [min, max]; null allowed when nullable. */
static bool want_int(struct vctx *v, const cJSON *obj, const char *path,
                     const char *key, long min, long max, bool nullable, long *out)
{
    long x = 0;
    bool has = false;
    int rc = nullable ? pt_jf_int_null(&v->jc, obj, path, key, true, min, max, &has, &x)
                      : pt_jf_int(&v->jc, obj, path, key, true, min, max, 0, &x);
    if (rc == 1 && out)
        *out = x;
    return rc >= 0 && !v->failed;
}

/* A finite number; null allowed when nullable. *has tells which. */
static bool want_number(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, bool nullable, bool *has, double *out)
{
    double x = 0;
    bool got = false;
    int rc = nullable ? pt_jf_number_null(&v->jc, obj, path, key, true, &got, &x)
                      : pt_jf_number(&v->jc, obj, path, key, true, 0.0, &x);
    got = got || (!nullable && rc == 1);
    if (has)
        *has = got;
    if (out && got)
        *out = x;
    return rc >= 0 && !v->failed;
}

/* A number as want_number that also lies on the rubric's scale
 * (PT_SR_SCALE), in 0–100 (PT_SR_PERCENT) or in 0 … max − min (PT_SR_GAP). */
static bool want_in(struct vctx *v, const cJSON *obj, const char *path, const char *key,
                    bool nullable, enum pt_srange range, bool *has, double *out)
{
    bool got = false;
    double x = 0;
    if (!want_number(v, obj, path, key, nullable, &got, &x))
        return false;
    if (has)
        *has = got;
    if (out)
        *out = x;
    if (range == PT_SR_ANY)
        return true;
    double lo = range == PT_SR_SCALE ? v->lo : 0.0;
    double hi = range == PT_SR_SCALE ? v->hi : range == PT_SR_PERCENT ? 100.0 : v->hi - v->lo;
    if (got && (x < lo || x > hi)) {
        char p[PATH_SIZE];
        path_key(p, path, key);
        return fail(v, p, "%s %g tot en met %g", range == PT_SR_SCALE
                        ? "buiten de schaal van de rubric: verwacht"
                        : "buiten het bereik: verwacht", lo, hi);
    }
    return true;
}

static bool want_bool(struct vctx *v, const cJSON *obj, const char *path,
                      const char *key, bool nullable)
{
    bool has = false, x = false;
    int rc = nullable ? pt_jf_bool_null(&v->jc, obj, path, key, true, &has, &x)
                      : pt_jf_bool(&v->jc, obj, path, key, true, false, &x);
    return rc >= 0 && !v->failed;
}

static const cJSON *want_array(struct vctx *v, const cJSON *obj, const char *path,
                               const char *key)
{
    char p[PATH_SIZE];
    const cJSON *x = pt_jf_array(&v->jc, obj, path, key, true);
    if (!x || v->failed)
        return NULL;
    if (cJSON_GetArraySize(x) > PC_MAX_ARRAY) {
        path_key(p, path, key);
        fail(v, p, "lijst met meer dan %d elementen", PC_MAX_ARRAY);
        return NULL;
    }
    return x;
}

static const cJSON *want_object(struct vctx *v, const cJSON *obj, const char *path,
                                const char *key, const char *const *allowed,
                                char p[PATH_SIZE])
{
    const cJSON *x = get(v, obj, path, key, p);
    if (!x || !only_keys(v, x, p, allowed))
        return NULL;
    return x;
}

static bool digits(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool pc_is_utc_timestamp(const char *s)
{
    char date[11];
    long day;
    if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        return false;
    if (!digits(s, 11, 13) || !digits(s, 14, 16) || !digits(s, 17, 19))
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (pt_date_parse(date, &day) != 0)
        return false;
    int hh = (s[11] - '0') * 10 + (s[12] - '0');
    int mm = (s[14] - '0') * 10 + (s[15] - '0');
    int ss = (s[17] - '0') * 10 + (s[18] - '0');
    return hh <= 23 && mm <= 59 && ss <= 60;   /* 60: a leap second */
}

/* rubric.scale: {"min": number, "max": number}, min < max, both finite
 * and of at most 1e6 in size. */
static bool check_scale(struct vctx *v, const cJSON *rubric, const char *path,
                        struct pc_summary *sum)
{
    static const char *const keys[] = {"min", "max", NULL};
    char p[PATH_SIZE];
    const cJSON *scale = want_object(v, rubric, path, "scale", keys, p);
    if (!scale || !want_number(v, scale, p, "min", false, NULL, &sum->scale_min) ||
        !want_number(v, scale, p, "max", false, NULL, &sum->scale_max))
        return false;
    if (!(sum->scale_min < sum->scale_max) || fabs(sum->scale_min) > 1e6 ||
        fabs(sum->scale_max) > 1e6)
        return fail(v, p, "verwacht min kleiner dan max (en beide hoogstens 1000000 groot)");
    v->lo = sum->scale_min;
    v->hi = sum->scale_max;
    return true;
}

/* The date of the assessment: not before PC_FIRST_DATE, not more than one
 * day after receipt (a later date would keep a submission "latest" for
 * ever). */
static bool date_in_bounds(struct vctx *v, const char *path, long day, long long now)
{
    long first = 0;
    pt_date_parse(PC_FIRST_DATE, &first);
    long today = (long)(now >= 0 ? now / 86400 : (now - 86399) / 86400);
    if (day < first)
        return fail(v, path, "datum vóór %s", PC_FIRST_DATE);
    if (day > today + 1)
        return fail(v, path, "datum ligt meer dan een dag na ontvangst (in de toekomst)");
    return true;
}

/* The walk of the body along the schema (submission_schema.h). */
struct walk {
    struct vctx *v;
    long long now;
    struct pc_summary *sum;
};

static bool check_fields(struct walk *w, const cJSON *obj, const char *path,
                         const struct pt_sfield *fields);

/* obj must be an object holding only fields of the list, each once. */
static bool only_fields(struct vctx *v, const cJSON *obj, const char *path,
                        const struct pt_sfield *fields)
{
    const char *names[32];
    size_t n = 0;
    for (const struct pt_sfield *f = fields; f->name && n + 1 < sizeof names / sizeof *names; f++)
        names[n++] = f->name;
    names[n] = NULL;
    return only_keys(v, obj, path, names);
}

/* The variant of f whose name e holds as a key; else a message. */
static const struct pt_sfield *variant(struct vctx *v, const cJSON *e, const char *path,
                                       const struct pt_sfield *f)
{
    char names[128] = "";
    size_t at = 0;
    if (!cJSON_IsObject(e)) {
        fail(v, path, "verwacht een object");
        return NULL;
    }
    for (const struct pt_sfield *alt = f->sub; alt->name; alt++) {
        if (cJSON_GetObjectItemCaseSensitive(e, alt->name))
            return alt;
        int k = snprintf(names + at, sizeof names - at, "%s%s", at ? " of " : "", alt->name);
        if (k > 0 && (size_t)k < sizeof names - at)
            at += (size_t)k;
    }
    fail(v, path, "verwacht een veld %s", names);
    return NULL;
}

/* e's "id" repeats one of an earlier element of arr. */
static bool repeated_id(const cJSON *arr, const cJSON *e)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(e, "id");
    for (const cJSON *prev = arr->child; prev && prev != e; prev = prev->next) {
        const cJSON *pid = cJSON_GetObjectItemCaseSensitive(prev, "id");
        if (cJSON_IsString(id) && cJSON_IsString(pid) &&
            strcmp(id->valuestring, pid->valuestring) == 0)
            return true;
    }
    return false;
}

static bool check_array(struct walk *w, const cJSON *obj, const char *path,
                        const struct pt_sfield *f)
{
    const cJSON *arr = want_array(w->v, obj, path, f->name);
    if (!arr)
        return false;
    int i = 0;
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        char p[PATH_SIZE];
        path_index(p, path, f->name, i);
        const struct pt_sfield *alt = f->kind == PT_SK_VARIANTS ? variant(w->v, e, p, f) : f;
        if (!alt || !only_fields(w->v, e, p, alt->sub) || !check_fields(w, e, p, alt->sub))
            return false;
        if ((f->flags & PT_SF_UNIQUE_ID) && repeated_id(arr, e)) {
            char ip[PATH_SIZE];
            path_key(ip, p, "id");
            return fail(w->v, ip, "id komt al eerder voor in %s", f->name);
        }
    }
    return true;
}

static bool check_counts(struct walk *w, const cJSON *obj, const char *path,
                         const struct pt_sfield *f)
{
    char p[PATH_SIZE];
    const cJSON *counts = want_object(w->v, obj, path, f->name, f->values, p);
    if (!counts)
        return false;
    for (const cJSON *r = counts->child; r; r = r->next)
        if (!want_int(w->v, counts, p, r->string, f->min, f->max, false, NULL))
            return false;
    return true;
}

/* The strings that are not ids: SWV code, date, timestamp. */
static bool check_text(struct walk *w, const cJSON *obj, const char *path,
                       const struct pt_sfield *f)
{
    char p[PATH_SIZE], norm[16];
    const char *s;
    long day;
    if (!want_string(w->v, obj, path, f->name, &s, p))
        return false;
    switch (f->kind) {
    case PT_SK_SWV:
        if (pt_swv_normalise(s, norm) != 0 || strcmp(norm, s) != 0)
            return fail(w->v, p, "verwacht een SWV-code in de vorm \"PO 27-01\"");
        return true;
    case PT_SK_DATE:
        if (pt_date_parse(s, &day) != 0)
            return fail(w->v, p, "verwacht een bestaande datum JJJJ-MM-DD");
        return date_in_bounds(w->v, p, day, w->now);
    case PT_SK_TIMESTAMP:
        if (!pc_is_utc_timestamp(s))
            return fail(w->v, p, "verwacht een UTC-tijd JJJJ-MM-DDTUU:MM:SSZ");
        return true;
    default:
        return true;   /* PT_SK_FORMAT: checked before the walk */
    }
}

static bool check_field(struct walk *w, const cJSON *obj, const char *path,
                        const struct pt_sfield *f)
{
    char p[PATH_SIZE];
    bool nullable = f->flags & PT_SF_NULLABLE;
    switch (f->kind) {
    case PT_SK_ID:
        return want_id(w->v, obj, path, f->name, NULL);
    case PT_SK_NUMBER:
        return want_in(w->v, obj, path, f->name, nullable, f->range, NULL, NULL);
    case PT_SK_INT:
        return want_int(w->v, obj, path, f->name, f->min, f->max, nullable, NULL);
    case PT_SK_BOOL:
        return want_bool(w->v, obj, path, f->name, nullable);
    case PT_SK_ENUM:
        return want_enum(w->v, obj, path, f->name, f->values, nullable);
    case PT_SK_OBJECT: {
        const cJSON *x = get(w->v, obj, path, f->name, p);
        return x && only_fields(w->v, x, p, f->sub) && check_fields(w, x, p, f->sub);
    }
    case PT_SK_ARRAY:
    case PT_SK_VARIANTS:
        return check_array(w, obj, path, f);
    case PT_SK_COUNTS:
        return check_counts(w, obj, path, f);
    case PT_SK_SCALE:
        return check_scale(w->v, obj, path, w->sum);
    case PT_SK_FORMAT:
    case PT_SK_SWV:
    case PT_SK_DATE:
    case PT_SK_TIMESTAMP:
        return check_text(w, obj, path, f);
    }
    return fail(w->v, path, "onbekend soort veld in het schema");
}

static bool check_fields(struct walk *w, const cJSON *obj, const char *path,
                         const struct pt_sfield *fields)
{
    for (const struct pt_sfield *f = fields; f->name; f++)
        if (!check_field(w, obj, path, f))
            return false;
    return true;
}

static void copy_string(const cJSON *obj, const char *key, char *out, size_t size)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    snprintf(out, size, "%s", cJSON_IsString(x) ? x->valuestring : "");
}

/* What the receiver keeps besides the body, from a body that passed the
 * walk (so every value has its kind). */
static void summarise(const cJSON *root, struct pc_summary *sum)
{
    const cJSON *rubric = cJSON_GetObjectItemCaseSensitive(root, "rubric");
    const cJSON *overall = cJSON_GetObjectItemCaseSensitive(root, "overall");
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(overall, "score");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    copy_string(root, "assessment", sum->assessment, sizeof sum->assessment);
    copy_string(root, "swv", sum->swv, sizeof sum->swv);
    copy_string(root, "date", sum->date, sizeof sum->date);
    copy_string(rubric, "id", sum->rubric_id, sizeof sum->rubric_id);
    sum->revision = (long)cJSON_GetObjectItemCaseSensitive(root, "revision")->valuedouble;
    sum->rubric_version = (long)cJSON_GetObjectItemCaseSensitive(rubric, "version")->valuedouble;
    sum->has_overall = cJSON_IsNumber(score);
    sum->overall = sum->has_overall ? score->valuedouble : 0.0;
    size_t n = (size_t)cJSON_GetArraySize(domains);
    sum->domains = n ? pt_xcalloc(n, sizeof *sum->domains) : NULL;
    for (const cJSON *d = domains->child; d; d = d->next) {
        struct pc_domain_score *ds = &sum->domains[sum->ndomains++];
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(d, "score");
        copy_string(d, "id", ds->id, sizeof ds->id);
        ds->has_score = cJSON_IsNumber(x);
        ds->score = ds->has_score ? x->valuedouble : 0.0;
    }
}

static bool check_root(struct vctx *v, const cJSON *root, long long now,
                       struct pc_summary *sum)
{
    struct walk w = {v, now, sum};
    if (!only_fields(v, root, "", pt_submission_schema) ||
        !check_fields(&w, root, "", pt_submission_schema))
        return false;
    summarise(root, sum);
    return true;
}

void pc_summary_free(struct pc_summary *sum)
{
    free(sum->domains);
    memset(sum, 0, sizeof *sum);
}

bool pc_has_escaped_nul(const char *body, size_t len)
{
    /* Outside strings a backslash is not JSON at all; inside, every escape
     * is a backslash and one character (or u and four hex digits). */
    for (size_t i = 0; i + 1 < len; i++) {
        if (body[i] != '\\')
            continue;
        if (body[i + 1] == 'u' && i + 5 < len && memcmp(body + i + 2, "0000", 4) == 0)
            return true;
        i++;   /* the escaped character */
    }
    return false;
}

enum pc_body pc_validate(const char *body, size_t len, long long now,
                         struct pc_summary *sum, struct pt_error *err)
{
    enum pc_body rc = PC_BODY_OK;
    struct vctx v;
    memset(&v, 0, sizeof v);
    v.err = err;
    v.jc.arena = &v.arena;
    v.jc.sink = record;
    v.jc.sink_cls = &v;
    v.jc.strict_quotes = true;
    char *text = NULL;
    cJSON *root = NULL;
    size_t bad;

    memset(sum, 0, sizeof *sum);
    err->msg[0] = '\0';
    if (len == 0 || !pt_utf8_valid(body, len, &bad) || memchr(body, '\0', len)) {
        pt_error_set(err, "het bericht is geen JSON (leeg, geen UTF-8 of een NUL-teken)");
        rc = PC_BODY_MALFORMED;
        goto cleanup;
    }
    /* cJSON wants the NUL inside the length to refuse trailing text
     * (c-engineering.md F). */
    text = malloc(len + 1);
    if (!text) {
        rc = PC_BODY_NOMEM;
        goto cleanup;
    }
    memcpy(text, body, len);
    text[len] = '\0';
    root = cJSON_ParseWithLengthOpts(text, len + 1, NULL, 1);
    if (!root) {
        pt_error_set(err, "het bericht is geen geldige JSON");
        rc = PC_BODY_MALFORMED;
        goto cleanup;
    }
    if (pc_has_escaped_nul(body, len)) {
        pt_error_set(err, "een tekst in het bericht bevat \\u0000 (een NUL-teken)");
        rc = PC_BODY_NUL;
        goto cleanup;
    }
    const cJSON *format = cJSON_IsObject(root)
                              ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    if (cJSON_IsString(format) && strcmp(format->valuestring, PT_SUBMISSION_FORMAT_OLD) == 0) {
        pt_error_set(err,
                     "%s wordt niet meer aangenomen: werk praktijktoets bij naar "
                     "een versie die %s verstuurt (met rubric.scale)",
                     PC_FORMAT_OLD, PC_FORMAT);
        rc = PC_BODY_FORMAT;
        goto cleanup;
    }
    if (!cJSON_IsString(format) || strcmp(format->valuestring, PC_FORMAT) != 0) {
        pt_error_set(err, "format moet \"%s\" zijn", PC_FORMAT);
        rc = PC_BODY_FORMAT;
        goto cleanup;
    }
    if (!check_root(&v, root, now, sum))
        rc = PC_BODY_INVALID;

cleanup:
    if (rc != PC_BODY_OK)
        pc_summary_free(sum);
    pt_arena_free(&v.arena);
    cJSON_Delete(root);
    free(text);
    return rc;
}
