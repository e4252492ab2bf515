/*
 * case.c — where a pupil case is loaded, validated and privacy-checked.
 *
 * A case is personal data about a child (privacy.md). Besides the format
 * rules, every string anywhere in the file is run through the privacy guard
 * before anything else, and a refusal names the field and the kind of data
 * but never quotes the text. No message of this file quotes a value from a
 * case.
 */
#include "assessment.h"

#include <stdio.h>
#include <string.h>

#include "jsonfield.h"
#include "loader.h"
#include "privacy.h"
#include "util.h"

static const char *const case_keys[] = {
    "format", "id", "swv", "sector", "school_type", "grade", "needs", "summary",
    "timeline", "parties", "parents_view", NULL};
static const char *const event_keys[] = {"date", "event", "note", NULL};

/* Walks every string value of the tree (keys are checked by the format). */
static void scan_privacy(struct pt_jctx *c, const cJSON *node, const char *path)
{
    char p[PT_PATH_MAX];
    size_t i = 0;
    for (const cJSON *it = node->child; it; it = it->next, i++) {
        if (cJSON_IsObject(node))
            pt_jpath_key(p, sizeof p, path, pt_is_identifier(it->string) ? it->string : "?");
        else
            pt_jpath_index(p, sizeof p, path, i);
        if (cJSON_IsString(it)) {
            if (!pt_privacy_check(c->diags, c->file, p, "een casus", it->valuestring))
                c->errors++;
        } else if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
            scan_privacy(c, it, p);
        }
    }
}

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* A list of words from a fixed vocabulary (needs, parties). */
static const char **read_words(struct pt_jctx *c, const cJSON *root, const char *key,
                               const char *const *allowed, const char *what,
                               size_t *n)
{
    char p[PT_PATH_MAX];
    *n = 0;
    const cJSON *arr = pt_jf_array(c, root, "", key, false);
    if (!arr)
        return NULL;
    size_t count = (size_t)cJSON_GetArraySize(arr);
    const char **out = pt_arena_array(c->arena, count, sizeof *out);
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        pt_jpath_index(p, sizeof p, key, i);
        if (!cJSON_IsString(it) || !in_list(it->valuestring, allowed)) {
            pt_jerr(c, p, "%s", what);
            continue;
        }
        for (size_t j = 0; j < *n; j++)
            if (strcmp(out[j], it->valuestring) == 0) {
                pt_jerr(c, p, "komt al eerder voor in de lijst");
                break;
            }
        out[(*n)++] = pt_arena_strdup(c->arena, it->valuestring);
    }
    return out;
}

/* An event of the timeline, on or after the one before; events that are not
 * complete and valid are not kept. */
static void read_event(struct pt_jctx *c, const cJSON *it, const char *p, size_t i, void *data)
{
    struct pt_case *k = data;
    char q[PT_PATH_MAX];
    (void)i;
    struct pt_event_entry *e = &k->timeline[k->ntimeline];
    const char *date = pt_jf_string(c, it, p, "date", true);
    const char *event = pt_jf_string(c, it, p, "event", true);
    const cJSON *note = pt_jf_get(c, it, p, "note", false);
    bool ok = date && event;
    if (date && pt_date_parse(date, &e->day) != 0) {
        pt_jpath_key(q, sizeof q, p, "date");
        pt_jerr(c, q, "geen geldige datum (JJJJ-MM-DD)");
        ok = false;
    }
    int code = event ? pt_event_from_name(event) : -1;
    if (event && code < 0) {
        pt_jpath_key(q, sizeof q, p, "event");
        pt_jerr(c, q, "onbekende gebeurtenis (zie formats.md: signalering, aanmelding, "
                "besluit, uitval, terugkeer, ...)");
        ok = false;
    }
    if (note && !cJSON_IsString(note)) {
        pt_jpath_key(q, sizeof q, p, "note");
        pt_jerr(c, q, "moet een tekst zijn");
        ok = false;
    }
    if (!ok)
        return;
    if (k->ntimeline > 0 && e->day < k->timeline[k->ntimeline - 1].day) {
        pt_jpath_key(q, sizeof q, p, "date");
        pt_jerr(c, q, "de tijdlijn moet op datumvolgorde staan");
    }
    e->date = date;
    e->event = (enum pt_event)code;
    e->note = note && note->valuestring[0] ? pt_arena_strdup(c->arena, note->valuestring) : NULL;
    k->ntimeline++;
}

static void read_timeline(struct pt_jctx *c, const cJSON *root, struct pt_case *k)
{
    size_t n;
    const cJSON *tl = pt_load_array(c, root, "timeline", false, NULL, &n);
    if (!tl)
        return;
    k->timeline = pt_arena_array(c->arena, n, sizeof *k->timeline);
    pt_load_objects(c, tl, "timeline", event_keys,
                    "moet een object zijn met date, event en eventueel note", read_event, k);
}

struct pt_case *pt_case_from_json(const cJSON *root, const char *file,
                                  struct pt_arena *arena, struct pt_diags *diags)
{
    static const char *const sectors[] = {"po", "vo", NULL};
    static const char *const school_types[] = {"bao", "sbo", "so", "vo", "vso", NULL};
    static const char *const needs[] = {
        "leren", "gedrag", "sociaal-emotioneel", "medisch", "lichamelijk",
        "hoogbegaafd", "meervoudig", "thuissituatie", NULL};
    static const char *const parties[] = {
        "ouders", "leerling", "school", "swv", "so", "sbo", "gemeente",
        "jeugdhulp", "leerplicht", "zorg", NULL};
    struct pt_jctx c = {.file = file, .diags = diags, .arena = arena};

    if (!pt_jf_format(&c, root, PT_CASE_FORMAT))
        return NULL;
    scan_privacy(&c, root, "");
    pt_jf_only(&c, root, "", case_keys);

    struct pt_case *k = pt_arena_alloc(arena, sizeof *k);
    k->file = pt_arena_strdup(arena, file);
    k->id = pt_jf_ident(&c, root, "", "id", true);
    k->swv = pt_jf_swv(&c, root, "swv");
    k->sector = pt_jf_string(&c, root, "", "sector", true);
    if (k->sector && !in_list(k->sector, sectors))
        pt_jerr(&c, "sector", "sector moet po of vo zijn");
    k->school_type = pt_jf_string(&c, root, "", "school_type", true);
    if (k->school_type && !in_list(k->school_type, school_types))
        pt_jerr(&c, "school_type", "schoolsoort moet bao, sbo, so, vo of vso zijn");
    k->grade = pt_jf_string(&c, root, "", "grade", false);
    k->summary = pt_jf_string(&c, root, "", "summary", true);
    k->parents_view = pt_jf_string(&c, root, "", "parents_view", false);
    k->needs = read_words(&c, root, "needs", needs,
                          "onbekende ondersteuningsbehoefte (leren, gedrag, sociaal-emotioneel, "
                          "medisch, lichamelijk, hoogbegaafd, meervoudig, thuissituatie)",
                          &k->nneeds);
    k->parties = read_words(&c, root, "parties", parties,
                            "onbekende betrokkene (ouders, leerling, school, swv, so, sbo, "
                            "gemeente, jeugdhulp, leerplicht, zorg)", &k->nparties);
    read_timeline(&c, root, k);
    if (c.errors)
        return NULL;
    k->json = pt_json_canonical(arena, root);
    return k;
}
