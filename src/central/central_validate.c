/*
 * central_validate.c — the body praktijktoets-submission/1, checked against
 * docs/submission-payload.md (see central_validate.h).
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

#include "model.h"
#include "util.h"

#define PATH_SIZE 160
#define INT_BIG 2147483647L

struct vctx {
    char *err;
    size_t errsize;
    bool failed;
    double lo, hi;       /* rubric.scale, once read */
};

static const char *const ROLES[] = {
    "management", "ouders", "personeel", "gemeente", "jeugdhulp", "expert", NULL,
};
static const char *const PURPOSES[] = {"leerinstrument", "toetsinstrument", "feedback", NULL};
static const char *const CRIT_STATUS[] = {"scored", "nvt", "insufficient", NULL};
static const char *const CHECK_STATUS[] = {"ok", "open", "fail", "na", NULL};
static const char *const INTERPRETATIONS[] = {
    "betrouwbaar", "voorlopig", "onvoldoende betrouwbaar", NULL,
};

/* Records the first problem only; later calls are ignored. */
static bool fail(struct vctx *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(struct vctx *v, const char *path, const char *fmt, ...)
{
    if (v->failed)
        return false;
    v->failed = true;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (path && *path)
        snprintf(v->err, v->errsize, "%s: %s", path, msg);
    else
        snprintf(v->err, v->errsize, "%s", msg);
    return false;
}

/* A key from the body may be named in a message only when it cannot carry
 * personal data: a short word of letters, '_' and '-' (no digits, so no
 * BSN, date or phone number; no spaces, so no full name). */
static bool quotable_key(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
            return false;
    }
    return true;
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

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static void list_text(char *out, size_t size, const char *const *list)
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; list[i] && at < size; i++) {
        int n = snprintf(out + at, size - at, "%s%s", i ? ", " : "", list[i]);
        if (n < 0)
            break;
        at += (size_t)n;
    }
}

/* obj must be an object holding only keys of allowed, each once. */
static bool only_keys(struct vctx *v, const cJSON *obj, const char *path,
                      const char *const *allowed)
{
    if (!cJSON_IsObject(obj))
        return fail(v, path, "verwacht een object");
    for (const cJSON *it = obj->child; it; it = it->next) {
        char p[PATH_SIZE];
        bool quotable = quotable_key(it->string);
        if (!in_list(it->string, allowed)) {
            if (quotable) {
                path_key(p, path, it->string);
                return fail(v, p, "onbekend veld \"%s\" (niet in het formaat)", it->string);
            }
            return fail(v, path, "onbekend veld (niet in het formaat)");
        }
        for (const cJSON *prev = obj->child; prev != it; prev = prev->next)
            if (strcmp(prev->string, it->string) == 0) {
                path_key(p, path, it->string);
                return fail(v, p, "veld komt meer dan eens voor");
            }
    }
    return true;
}

static const cJSON *get(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, char p[PATH_SIZE])
{
    path_key(p, path, key);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!x)
        fail(v, p, "verplicht veld ontbreekt");
    return x;
}

static bool want_string(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, const char **out, char p[PATH_SIZE])
{
    const cJSON *x = get(v, obj, path, key, p);
    if (!x)
        return false;
    if (!cJSON_IsString(x) || !x->valuestring)
        return fail(v, p, "verwacht een tekst");
    *out = x->valuestring;
    return true;
}

static bool want_id(struct vctx *v, const cJSON *obj, const char *path,
                    const char *key, char out[PC_ID_SIZE])
{
    char p[PATH_SIZE];
    const char *s;
    if (!want_string(v, obj, path, key, &s, p))
        return false;
    if (!pt_is_identifier(s))
        return fail(v, p, "verwacht een id (1–64 tekens A-Z a-z 0-9 . _ -)");
    if (out)
        snprintf(out, PC_ID_SIZE, "%s", s);
    return true;
}

/* One of list, or null when nullable. */
static bool want_enum(struct vctx *v, const cJSON *obj, const char *path,
                      const char *key, const char *const *list, bool nullable)
{
    char p[PATH_SIZE], words[160];
    const cJSON *x = get(v, obj, path, key, p);
    if (!x)
        return false;
    if (nullable && cJSON_IsNull(x))
        return true;
    if (!cJSON_IsString(x) || !in_list(x->valuestring, list)) {
        list_text(words, sizeof words, list);
        return fail(v, p, "verwacht een van: %s%s", words, nullable ? " of null" : "");
    }
    return true;
}

/* An integer in [min, max]; null allowed when nullable (then *isnull). */
static bool want_int(struct vctx *v, const cJSON *obj, const char *path,
                     const char *key, long min, long max, bool nullable,
                     long *out)
{
    char p[PATH_SIZE];
    const cJSON *x = get(v, obj, path, key, p);
    if (!x)
        return false;
    if (nullable && cJSON_IsNull(x))
        return true;
    double d = cJSON_IsNumber(x) ? x->valuedouble : NAN;
    if (!isfinite(d) || floor(d) != d || d < (double)min || d > (double)max) {
        const char *orn = nullable ? " of null" : "";
        if (max == INT_BIG)
            return fail(v, p, "verwacht een geheel getal ≥ %ld%s", min, orn);
        return fail(v, p, "verwacht een geheel getal van %ld tot en met %ld%s", min, max, orn);
    }
    if (out)
        *out = (long)d;
    return true;
}

/* A finite number; null allowed when nullable. *has tells which. */
static bool want_number(struct vctx *v, const cJSON *obj, const char *path,
                        const char *key, bool nullable, bool *has, double *out)
{
    char p[PATH_SIZE];
    const cJSON *x = get(v, obj, path, key, p);
    if (has)
        *has = false;
    if (!x)
        return false;
    if (nullable && cJSON_IsNull(x))
        return true;
    if (!cJSON_IsNumber(x) || !isfinite(x->valuedouble))
        return fail(v, p, nullable ? "verwacht een getal of null" : "verwacht een getal");
    if (has)
        *has = true;
    if (out)
        *out = x->valuedouble;
    return true;
}

enum range { R_SCALE, R_PERCENT, R_GAP };

/* A number as want_number that also lies on the rubric's scale (R_SCALE),
 * in 0–100 (R_PERCENT) or in 0 … max − min (R_GAP). */
static bool want_in(struct vctx *v, const cJSON *obj, const char *path, const char *key,
                    bool nullable, enum range range, bool *has, double *out)
{
    bool got = false;
    double x = 0;
    if (!want_number(v, obj, path, key, nullable, &got, &x))
        return false;
    if (has)
        *has = got;
    if (out)
        *out = x;
    double lo = range == R_SCALE ? v->lo : 0.0;
    double hi = range == R_SCALE ? v->hi : range == R_PERCENT ? 100.0 : v->hi - v->lo;
    if (got && (x < lo || x > hi)) {
        char p[PATH_SIZE];
        path_key(p, path, key);
        return fail(v, p, "%s %g tot en met %g", range == R_SCALE
                        ? "buiten de schaal van de rubric: verwacht"
                        : "buiten het bereik: verwacht", lo, hi);
    }
    return true;
}

static bool want_bool(struct vctx *v, const cJSON *obj, const char *path,
                      const char *key, bool nullable)
{
    char p[PATH_SIZE];
    const cJSON *x = get(v, obj, path, key, p);
    if (!x)
        return false;
    if (cJSON_IsBool(x) || (nullable && cJSON_IsNull(x)))
        return true;
    return fail(v, p, nullable ? "verwacht true, false of null" : "verwacht true of false");
}

static const cJSON *want_array(struct vctx *v, const cJSON *obj, const char *path,
                               const char *key)
{
    char p[PATH_SIZE];
    const cJSON *x = get(v, obj, path, key, p);
    if (!x)
        return NULL;
    if (!cJSON_IsArray(x)) {
        fail(v, p, "verwacht een lijst");
        return NULL;
    }
    if (cJSON_GetArraySize(x) > PC_MAX_ARRAY) {
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

static bool check_team(struct vctx *v, const cJSON *root)
{
    static const char *const keys[] = {"size", "complete", "roles", NULL};
    char p[PATH_SIZE], rp[PATH_SIZE];
    const cJSON *team = want_object(v, root, "", "team", keys, p);
    if (!team || !want_int(v, team, p, "size", 1, INT_BIG, false, NULL) ||
        !want_bool(v, team, p, "complete", false))
        return false;
    const cJSON *roles = want_object(v, team, p, "roles", ROLES, rp);
    if (!roles)
        return false;
    for (const cJSON *r = roles->child; r; r = r->next)
        if (!want_int(v, roles, rp, r->string, 1, INT_BIG, false, NULL))
            return false;
    return true;
}

static bool check_domains(struct vctx *v, const cJSON *root, struct pc_summary *sum,
                          bool *nomem)
{
    static const char *const keys[] = {"id", "score", "cases", NULL};
    const cJSON *arr = want_array(v, root, "", "domains");
    if (!arr)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (n) {
        sum->domains = calloc(n, sizeof *sum->domains);
        if (!sum->domains) {
            *nomem = true;
            return false;
        }
    }
    int i = 0;
    for (const cJSON *d = arr->child; d; d = d->next, i++) {
        char p[PATH_SIZE];
        struct pc_domain_score *ds = &sum->domains[i];
        path_index(p, "", "domains", i);
        if (!only_keys(v, d, p, keys) || !want_id(v, d, p, "id", ds->id) ||
            !want_in(v, d, p, "score", true, R_SCALE, &ds->has_score, &ds->score) ||
            !want_int(v, d, p, "cases", 0, INT_BIG, false, NULL))
            return false;
        for (int k = 0; k < i; k++)
            if (strcmp(sum->domains[k].id, ds->id) == 0) {
                char ip[PATH_SIZE];
                path_key(ip, p, "id");
                return fail(v, ip, "id komt al eerder voor in domains");
            }
        sum->ndomains++;
    }
    return true;
}

static bool check_case(struct vctx *v, const cJSON *c, const char *path)
{
    static const char *const keys[] = {"id", "score", "domains", "criteria", "checks", NULL};
    static const char *const dkeys[] = {"id", "score", NULL};
    static const char *const crkeys[] = {
        "id", "status", "score", "n", "spread", "disagreement", NULL,
    };
    static const char *const chkeys[] = {"id", "status", "days", NULL};
    const cJSON *arr;
    int i;
    if (!only_keys(v, c, path, keys) || !want_id(v, c, path, "id", NULL) ||
        !want_in(v, c, path, "score", true, R_SCALE, NULL, NULL))
        return false;

    if (!(arr = want_array(v, c, path, "domains")))
        return false;
    i = 0;
    for (const cJSON *d = arr->child; d; d = d->next, i++) {
        char p[PATH_SIZE];
        path_index(p, path, "domains", i);
        if (!only_keys(v, d, p, dkeys) || !want_id(v, d, p, "id", NULL) ||
            !want_in(v, d, p, "score", true, R_SCALE, NULL, NULL))
            return false;
    }

    if (!(arr = want_array(v, c, path, "criteria")))
        return false;
    i = 0;
    for (const cJSON *x = arr->child; x; x = x->next, i++) {
        char p[PATH_SIZE];
        path_index(p, path, "criteria", i);
        if (!only_keys(v, x, p, crkeys) || !want_id(v, x, p, "id", NULL) ||
            !want_enum(v, x, p, "status", CRIT_STATUS, false) ||
            !want_in(v, x, p, "score", true, R_SCALE, NULL, NULL) ||
            !want_int(v, x, p, "n", -INT_BIG, INT_BIG, true, NULL) ||
            !want_int(v, x, p, "spread", -INT_BIG, INT_BIG, true, NULL) ||
            !want_bool(v, x, p, "disagreement", true))
            return false;
    }

    if (!(arr = want_array(v, c, path, "checks")))
        return false;
    i = 0;
    for (const cJSON *x = arr->child; x; x = x->next, i++) {
        char p[PATH_SIZE];
        path_index(p, path, "checks", i);
        if (!only_keys(v, x, p, chkeys) || !want_id(v, x, p, "id", NULL) ||
            !want_enum(v, x, p, "status", CHECK_STATUS, false) ||
            !want_int(v, x, p, "days", -INT_BIG, INT_BIG, true, NULL))
            return false;
    }
    return true;
}

static bool check_findings(struct vctx *v, const cJSON *root)
{
    static const char *const crit[] = {"case", "criterion", "score", NULL};
    static const char *const check[] = {"case", "check", "days", NULL};
    const cJSON *arr = want_array(v, root, "", "critical_findings");
    if (!arr)
        return false;
    int i = 0;
    for (const cJSON *f = arr->child; f; f = f->next, i++) {
        char p[PATH_SIZE];
        path_index(p, "", "critical_findings", i);
        if (!cJSON_IsObject(f))
            return fail(v, p, "verwacht een object");
        if (cJSON_GetObjectItemCaseSensitive(f, "criterion")) {
            if (!only_keys(v, f, p, crit) || !want_id(v, f, p, "case", NULL) ||
                !want_id(v, f, p, "criterion", NULL) ||
                !want_in(v, f, p, "score", false, R_SCALE, NULL, NULL))
                return false;
        } else if (cJSON_GetObjectItemCaseSensitive(f, "check")) {
            if (!only_keys(v, f, p, check) || !want_id(v, f, p, "case", NULL) ||
                !want_id(v, f, p, "check", NULL) ||
                !want_int(v, f, p, "days", -INT_BIG, INT_BIG, false, NULL))
                return false;
        } else {
            return fail(v, p, "verwacht een veld criterion of check");
        }
    }
    return true;
}

static bool check_reliability(struct vctx *v, const cJSON *root)
{
    static const char *const keys[] = {
        "alpha_interval", "alpha_ordinal", "units", "interpretation", NULL,
    };
    char p[PATH_SIZE];
    const cJSON *r = want_object(v, root, "", "reliability", keys, p);
    return r && want_number(v, r, p, "alpha_interval", true, NULL, NULL) &&
           want_number(v, r, p, "alpha_ordinal", true, NULL, NULL) &&
           want_int(v, r, p, "units", 0, INT_BIG, false, NULL) &&
           want_enum(v, r, p, "interpretation", INTERPRETATIONS, true);
}

static bool check_perspectives(struct vctx *v, const cJSON *root)
{
    static const char *const keys[] = {"domain", "gap", "flag", "roles", NULL};
    static const char *const rkeys[] = {"role", "mean", NULL};
    const cJSON *arr = want_array(v, root, "", "perspectives");
    if (!arr)
        return false;
    int i = 0;
    for (const cJSON *x = arr->child; x; x = x->next, i++) {
        char p[PATH_SIZE];
        path_index(p, "", "perspectives", i);
        const cJSON *roles;
        if (!only_keys(v, x, p, keys) || !want_id(v, x, p, "domain", NULL) ||
            !want_in(v, x, p, "gap", true, R_GAP, NULL, NULL) ||
            !want_bool(v, x, p, "flag", false) || !(roles = want_array(v, x, p, "roles")))
            return false;
        int j = 0;
        for (const cJSON *r = roles->child; r; r = r->next, j++) {
            char rp[PATH_SIZE];
            path_index(rp, p, "roles", j);
            if (!only_keys(v, r, rp, rkeys) || !want_enum(v, r, rp, "role", ROLES, false) ||
                !want_in(v, r, rp, "mean", true, R_SCALE, NULL, NULL))
                return false;
        }
    }
    return true;
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

static bool check_root(struct vctx *v, const cJSON *root, long long now,
                       struct pc_summary *sum, bool *nomem)
{
    static const char *const keys[] = {
        "format", "assessment", "revision", "submitted_at", "swv", "date", "purpose",
        "rubric", "team", "overall", "verdict", "complete", "domains", "cases",
        "critical_findings", "reliability", "perspectives", NULL,
    };
    static const char *const rubric_keys[] = {"id", "version", "scale", NULL};
    static const char *const overall_keys[] = {"score", "percent", NULL};
    char p[PATH_SIZE];
    const char *s;
    long day;

    if (!only_keys(v, root, "", keys) ||
        !want_id(v, root, "", "assessment", sum->assessment) ||
        !want_int(v, root, "", "revision", 1, INT_BIG, false, &sum->revision))
        return false;
    if (!want_string(v, root, "", "submitted_at", &s, p))
        return false;
    if (!pc_is_utc_timestamp(s))
        return fail(v, p, "verwacht een UTC-tijd JJJJ-MM-DDTUU:MM:SSZ");

    if (!want_string(v, root, "", "swv", &s, p))
        return false;
    char norm[16];
    if (pt_swv_normalise(s, norm) != 0 || strcmp(norm, s) != 0)
        return fail(v, p, "verwacht een SWV-code in de vorm \"PO 27-01\"");
    snprintf(sum->swv, sizeof sum->swv, "%s", norm);

    if (!want_string(v, root, "", "date", &s, p))
        return false;
    if (pt_date_parse(s, &day) != 0)
        return fail(v, p, "verwacht een bestaande datum JJJJ-MM-DD");
    if (!date_in_bounds(v, p, day, now))
        return false;
    snprintf(sum->date, sizeof sum->date, "%s", s);

    if (!want_enum(v, root, "", "purpose", PURPOSES, false))
        return false;
    const cJSON *rubric = want_object(v, root, "", "rubric", rubric_keys, p);
    if (!rubric || !want_id(v, rubric, p, "id", sum->rubric_id) ||
        !want_int(v, rubric, p, "version", 1, INT_BIG, false, &sum->rubric_version) ||
        !check_scale(v, rubric, p, sum))
        return false;
    if (!check_team(v, root))
        return false;
    const cJSON *overall = want_object(v, root, "", "overall", overall_keys, p);
    if (!overall ||
        !want_in(v, overall, p, "score", true, R_SCALE, &sum->has_overall, &sum->overall) ||
        !want_in(v, overall, p, "percent", true, R_PERCENT, NULL, NULL))
        return false;
    if (!want_id(v, root, "", "verdict", NULL) || !want_bool(v, root, "", "complete", false))
        return false;
    if (!check_domains(v, root, sum, nomem))
        return false;

    const cJSON *cases = want_array(v, root, "", "cases");
    if (!cases)
        return false;
    int i = 0;
    for (const cJSON *c = cases->child; c; c = c->next, i++) {
        path_index(p, "", "cases", i);
        if (!check_case(v, c, p))
            return false;
    }
    return check_findings(v, root) && check_reliability(v, root) && check_perspectives(v, root);
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
                         struct pc_summary *sum, char *err, size_t errsize)
{
    enum pc_body rc = PC_BODY_OK;
    struct vctx v = {err, errsize, false, 0.0, 0.0};
    char *text = NULL;
    cJSON *root = NULL;
    size_t bad;
    bool nomem = false;

    memset(sum, 0, sizeof *sum);
    if (errsize)
        err[0] = '\0';
    if (len == 0 || !pt_utf8_valid(body, len, &bad) || memchr(body, '\0', len)) {
        snprintf(err, errsize, "het bericht is geen JSON (leeg, geen UTF-8 of een NUL-teken)");
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
        snprintf(err, errsize, "het bericht is geen geldige JSON");
        rc = PC_BODY_MALFORMED;
        goto cleanup;
    }
    if (pc_has_escaped_nul(body, len)) {
        snprintf(err, errsize, "een tekst in het bericht bevat \\u0000 (een NUL-teken)");
        rc = PC_BODY_NUL;
        goto cleanup;
    }
    const cJSON *format = cJSON_IsObject(root)
                              ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    if (cJSON_IsString(format) && strcmp(format->valuestring, PC_FORMAT_OLD) == 0) {
        snprintf(err, errsize, "%s wordt niet meer aangenomen: werk praktijktoets bij naar "
                 "een versie die %s verstuurt (met rubric.scale)", PC_FORMAT_OLD, PC_FORMAT);
        rc = PC_BODY_FORMAT;
        goto cleanup;
    }
    if (!cJSON_IsString(format) || strcmp(format->valuestring, PC_FORMAT) != 0) {
        snprintf(err, errsize, "format moet \"%s\" zijn", PC_FORMAT);
        rc = PC_BODY_FORMAT;
        goto cleanup;
    }
    if (!check_root(&v, root, now, sum, &nomem)) {
        rc = nomem ? PC_BODY_NOMEM : PC_BODY_INVALID;
        if (nomem)
            snprintf(err, errsize, "onvoldoende geheugen");
    }

cleanup:
    if (rc != PC_BODY_OK)
        pc_summary_free(sum);
    cJSON_Delete(root);
    free(text);
    return rc;
}
