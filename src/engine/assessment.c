/*
 * assessment.c — where an assessment is loaded and validated.
 */
#include "assessment.h"

#include <stdio.h>
#include <string.h>

#include "jsonfield.h"
#include "loader.h"
#include "rubric.h"
#include "util.h"

static const char *const assessment_keys[] = {
    "format", "id", "swv", "date", "rubric", "purpose", "requested_by", "team",
    "cases", "previous", NULL};
static const char *const member_keys[] = {"id", "role", NULL};

static const char *one_of(struct pt_jctx *c, const cJSON *obj, const char *key,
                          const char *const *allowed, const char *what)
{
    const char *s = pt_jf_string(c, obj, "", key, true);
    if (!s)
        return NULL;
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(s, allowed[i]) == 0)
            return s;
    pt_jerr(c, key, "%s", what);
    return NULL;
}

/* A member of the team: a unique id and a known geleding. */
static void read_member(struct pt_jctx *c, const cJSON *m, const char *p, size_t i, void *data)
{
    struct pt_assessment *a = data;
    char q[PT_PATH_MAX];
    a->team[i].id = pt_jf_ident(c, m, p, "id", true);
    const char *role = pt_jf_string(c, m, p, "role", true);
    if (role) {
        int r = pt_role_from_name(role);
        if (r < 0) {
            pt_jpath_key(q, sizeof q, p, "role");
            pt_jerr(c, q, "onbekende geleding \"%s\" (management, ouders, personeel, "
                    "gemeente, jeugdhulp of expert)", role);
        } else {
            a->team[i].role = (enum pt_role)r;
        }
    }
    for (size_t j = 0; j < i && a->team[i].id; j++)
        if (a->team[j].id && strcmp(a->team[j].id, a->team[i].id) == 0) {
            pt_jpath_key(q, sizeof q, p, "id");
            pt_jerr(c, q, "beoordelaar \"%s\" staat al eerder in het team", a->team[i].id);
        }
}

static void read_team(struct pt_jctx *c, const cJSON *root, struct pt_assessment *a)
{
    const cJSON *team = pt_load_array(c, root, "team", true,
                                      "het spiegelteam heeft minstens één lid", &a->nteam);
    if (!team)
        return;
    a->team = pt_arena_array(c->arena, a->nteam, sizeof *a->team);
    pt_load_objects(c, team, "team", member_keys, "moet een object zijn met id en role",
                    read_member, a);
}

/* The case ids: unique identifiers. */
static void read_cases(struct pt_jctx *c, const cJSON *root, struct pt_assessment *a)
{
    char p[PT_PATH_MAX];
    const cJSON *cases = pt_load_array(c, root, "cases", true,
                                       "een assessment heeft minstens één casus", &a->ncases);
    if (!cases)
        return;
    a->case_ids = pt_arena_array(c->arena, a->ncases, sizeof *a->case_ids);
    size_t i = 0;
    for (const cJSON *it = cases->child; it; it = it->next, i++) {
        pt_jpath_index(p, sizeof p, "cases", i);
        if (!cJSON_IsString(it) || !pt_is_identifier(it->valuestring)) {
            pt_jerr(c, p, "moet een casus-id zijn (1–64 tekens A-Z a-z 0-9 . _ -)");
            continue;
        }
        a->case_ids[i] = pt_arena_strdup(c->arena, it->valuestring);
        for (size_t j = 0; j < i; j++)
            if (a->case_ids[j] && strcmp(a->case_ids[j], a->case_ids[i]) == 0)
                pt_jerr(c, p, "casus \"%s\" staat al eerder in de lijst", a->case_ids[i]);
    }
}

struct pt_assessment *pt_assessment_from_json(const cJSON *root, const char *file,
                                              struct pt_arena *arena,
                                              struct pt_diags *diags)
{
    static const char *const purposes[] = {"leerinstrument", "toetsinstrument", "feedback", NULL};
    static const char *const requesters[] = {"swv", "opr", NULL};
    struct pt_jctx c = {.file = file, .diags = diags, .arena = arena};
    struct pt_assessment *a = pt_load_document(&c, root, PT_ASSESSMENT_FORMAT, assessment_keys,
                                               sizeof *a);
    if (!a)
        return NULL;
    a->id = pt_jf_ident(&c, root, "", "id", true);
    a->swv = pt_jf_swv(&c, root, "swv");
    a->date = pt_jf_string(&c, root, "", "date", true);
    if (a->date && pt_date_parse(a->date, &a->day) != 0) {
        pt_jerr(&c, "date", "geen geldige datum (JJJJ-MM-DD)");
        a->date = NULL;
    }
    const char *ref = pt_jf_string(&c, root, "", "rubric", true);
    if (ref) {
        char id[80];
        if (pt_rubric_ref_parse(ref, id, sizeof id, &a->rubric_version) != 0)
            pt_jerr(&c, "rubric", "rubric moet als id@versie geschreven zijn, zoals \"po-gereedheid@1\"");
        else
            a->rubric_id = pt_arena_strdup(arena, id);
    }
    a->purpose = one_of(&c, root, "purpose", purposes,
                        "doel moet leerinstrument, toetsinstrument of feedback zijn");
    a->requested_by = one_of(&c, root, "requested_by", requesters,
                             "aanvrager moet swv of opr zijn");
    a->previous = pt_jf_ident(&c, root, "", "previous", false);
    if (a->previous && a->id && strcmp(a->previous, a->id) == 0)
        pt_jerr(&c, "previous", "een assessment kan niet zijn eigen vorige zijn");

    read_team(&c, root, a);
    read_cases(&c, root, a);
    if (c.errors)
        return NULL;
    a->json = pt_json_canonical(arena, root);
    return a;
}
