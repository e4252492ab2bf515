/*
 * submission_schema.c — the body praktijktoets-submission/2 as data (see
 * submission_schema.h and docs/submission-payload.md).
 */
#include "submission_schema.h"

#include <string.h>

#define BIG PT_SUBMISSION_INT_MAX
#define END {NULL, 0, 0, 0, 0, PT_SR_ANY, NULL, NULL}
#define ID(n) {n, PT_SK_ID, 0, 0, 0, PT_SR_ANY, NULL, NULL}
#define NUM(n, r, f) {n, PT_SK_NUMBER, f, 0, 0, r, NULL, NULL}
#define INT(n, lo, hi, f) {n, PT_SK_INT, f, lo, hi, PT_SR_ANY, NULL, NULL}
#define BOOL(n, f) {n, PT_SK_BOOL, f, 0, 0, PT_SR_ANY, NULL, NULL}
#define ENUM(n, v, f) {n, PT_SK_ENUM, f, 0, 0, PT_SR_ANY, NULL, v}
#define OBJ(n, s, f) {n, PT_SK_OBJECT, f, 0, 0, PT_SR_ANY, s, NULL}
#define ARR(n, s, f) {n, PT_SK_ARRAY, f, 0, 0, PT_SR_ANY, s, NULL}
#define NULLABLE PT_SF_NULLABLE

static const char *const roles[] = {
    "management", "ouders", "personeel", "gemeente", "jeugdhulp", "expert", NULL,
};
static const char *const purposes[] = {"leerinstrument", "toetsinstrument", "feedback", NULL};
static const char *const crit_status[] = {"scored", "nvt", "insufficient", NULL};
static const char *const check_status[] = {"ok", "open", "fail", "na", NULL};
static const char *const interpretations[] = {
    "betrouwbaar", "voorlopig", "onvoldoende betrouwbaar", NULL,
};

static const struct pt_sfield f_rubric[] = {
    ID("id"),
    INT("version", 1, BIG, 0),
    {"scale", PT_SK_SCALE, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    END,
};
static const struct pt_sfield f_team[] = {
    INT("size", 1, BIG, 0),
    BOOL("complete", 0),
    {"roles", PT_SK_COUNTS, 0, 1, BIG, PT_SR_ANY, NULL, roles},
    END,
};
static const struct pt_sfield f_overall[] = {
    NUM("score", PT_SR_SCALE, NULLABLE),
    NUM("percent", PT_SR_PERCENT, NULLABLE),
    END,
};
static const struct pt_sfield f_domain[] = {
    ID("id"),
    NUM("score", PT_SR_SCALE, NULLABLE),
    INT("cases", 0, BIG, 0),
    END,
};
static const struct pt_sfield f_id_score[] = {
    ID("id"),
    NUM("score", PT_SR_SCALE, NULLABLE),
    END,
};
static const struct pt_sfield f_criterion[] = {
    ID("id"),
    ENUM("status", crit_status, 0),
    NUM("score", PT_SR_SCALE, NULLABLE),
    INT("n", -BIG, BIG, NULLABLE),
    INT("spread", -BIG, BIG, NULLABLE),
    BOOL("disagreement", NULLABLE),
    END,
};
static const struct pt_sfield f_check[] = {
    ID("id"),
    ENUM("status", check_status, 0),
    INT("days", -BIG, BIG, NULLABLE),
    END,
};
static const struct pt_sfield f_case[] = {
    ID("id"),
    NUM("score", PT_SR_SCALE, NULLABLE),
    ARR("domains", f_id_score, 0),
    ARR("criteria", f_criterion, 0),
    ARR("checks", f_check, 0),
    END,
};
static const struct pt_sfield f_finding_criterion[] = {
    ID("case"),
    ID("criterion"),
    NUM("score", PT_SR_SCALE, 0),
    END,
};
static const struct pt_sfield f_finding_check[] = {
    ID("case"),
    ID("check"),
    INT("days", -BIG, BIG, 0),
    END,
};
/* A finding is one of these, told apart by the key named. */
static const struct pt_sfield f_finding[] = {
    OBJ("criterion", f_finding_criterion, 0),
    OBJ("check", f_finding_check, 0),
    END,
};
static const struct pt_sfield f_reliability[] = {
    NUM("alpha_interval", PT_SR_ANY, NULLABLE),
    NUM("alpha_ordinal", PT_SR_ANY, NULLABLE),
    INT("units", 0, BIG, 0),
    ENUM("interpretation", interpretations, NULLABLE),
    END,
};
static const struct pt_sfield f_role_mean[] = {
    ENUM("role", roles, 0),
    NUM("mean", PT_SR_SCALE, NULLABLE),
    END,
};
static const struct pt_sfield f_perspective[] = {
    ID("domain"),
    NUM("gap", PT_SR_GAP, NULLABLE),
    BOOL("flag", 0),
    ARR("roles", f_role_mean, 0),
    END,
};

const struct pt_sfield pt_submission_schema[] = {
    {"format", PT_SK_FORMAT, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    {"assessment", PT_SK_ID, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    INT("revision", 1, BIG, PT_SF_CLIENT),
    {"submitted_at", PT_SK_TIMESTAMP, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    {"swv", PT_SK_SWV, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    {"date", PT_SK_DATE, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    ENUM("purpose", purposes, PT_SF_CLIENT),
    /* the verdict travels as its id only: its reasons are prose */
    {"verdict", PT_SK_ID, PT_SF_CLIENT, 0, 0, PT_SR_ANY, NULL, NULL},
    OBJ("rubric", f_rubric, 0),
    OBJ("team", f_team, 0),
    OBJ("overall", f_overall, 0),
    BOOL("complete", 0),
    ARR("domains", f_domain, PT_SF_UNIQUE_ID),
    ARR("cases", f_case, 0),
    {"critical_findings", PT_SK_VARIANTS, 0, 0, 0, PT_SR_ANY, f_finding, NULL},
    OBJ("reliability", f_reliability, 0),
    ARR("perspectives", f_perspective, 0),
    END,
};

const struct pt_sfield *pt_sfield_find(const struct pt_sfield *list, const char *name)
{
    for (; list && list->name; list++)
        if (strcmp(list->name, name) == 0)
            return list;
    return NULL;
}

bool pt_sword_in(const char *s, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}
