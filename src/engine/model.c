/*
 * model.c — names, look-ups and small value types of the model (model.h).
 */
#include "model.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const event_names[PT_EV_COUNT] = {
    "signalering", "ondersteuningsvraag", "aanmelding", "arrangement", "opp",
    "tlv-aanvraag", "tlv-besluit", "besluit", "plaatsing", "uitval",
    "terugkeer", "evaluatie", "bezwaar",
};

static const char *const role_names[PT_ROLE_COUNT] = {
    "management", "ouders", "personeel", "gemeente", "jeugdhulp", "expert",
};

static const char *const role_labels[PT_ROLE_COUNT] = {
    "Management", "Ouders", "Personeel", "Gemeente", "Jeugdhulp", "Expert",
};

const char *pt_event_name(enum pt_event e)
{
    return pt_name_at(event_names, PT_EV_COUNT, (size_t)e);
}

int pt_event_from_name(const char *s)
{
    return pt_name_index(event_names, PT_EV_COUNT, s);
}

const char *pt_role_name(enum pt_role r)
{
    return pt_name_at(role_names, PT_ROLE_COUNT, (size_t)r);
}

const char *pt_role_label(enum pt_role r)
{
    return pt_name_at(role_labels, PT_ROLE_COUNT, (size_t)r);
}

int pt_role_from_name(const char *s)
{
    return pt_name_index(role_names, PT_ROLE_COUNT, s);
}

long pt_rubric_criterion(const struct pt_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->ncriteria; i++)
        if (strcmp(r->criteria[i].id, id) == 0)
            return (long)i;
    return -1;
}

long pt_assessment_rater(const struct pt_assessment *a, const char *id)
{
    for (size_t i = 0; i < a->nteam; i++)
        if (strcmp(a->team[i].id, id) == 0)
            return (long)i;
    return -1;
}

long pt_assessment_case(const struct pt_assessment *a, const char *id)
{
    for (size_t i = 0; i < a->ncases; i++)
        if (strcmp(a->case_ids[i], id) == 0)
            return (long)i;
    return -1;
}

long pt_rubric_scale_index(const struct pt_rubric *r, long v)
{
    for (size_t i = 0; i < r->nscale; i++)
        if (r->scale[i] == v)
            return (long)i;
    return -1;
}

static size_t slot_of(const struct pt_toetsmap *t, size_t kase, size_t crit, size_t rater)
{
    return (kase * t->rubric->ncriteria + crit) * t->assessment->nteam + rater;
}

static size_t hash_id(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The id of entry i of the array base (criteria, case ids or team). */
typedef const char *(*id_of_fn)(const void *base, size_t i);
static const char *criterion_id(const void *base, size_t i)
{
    return ((const struct pt_criterion *)base)[i].id;
}
static const char *case_id(const void *base, size_t i)
{
    return ((const char *const *)base)[i];
}
static const char *rater_id(const void *base, size_t i)
{
    return ((const struct pt_rater *)base)[i].id;
}

static void idindex_build(struct pt_idindex *ix, const void *base, size_t n, id_of_fn id)
{
    size_t size = 8;
    while (size < 2 * n) /* at most half full */
        size *= 2;
    free(ix->slot);
    ix->slot = pt_xcalloc(size, sizeof *ix->slot);
    ix->mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        size_t h = hash_id(id(base, i)) & ix->mask;
        while (ix->slot[h])
            h = (h + 1) & ix->mask;
        ix->slot[h] = (unsigned)(i + 1);
    }
}

static long idindex_find(const struct pt_idindex *ix, const void *base, id_of_fn id,
                         const char *key)
{
    for (size_t h = hash_id(key) & ix->mask; ix->slot[h]; h = (h + 1) & ix->mask)
        if (strcmp(id(base, ix->slot[h] - 1), key) == 0)
            return (long)ix->slot[h] - 1;
    return -1;
}

long pt_toetsmap_criterion(const struct pt_toetsmap *t, const char *id)
{
    return t->crit_ix.slot ? idindex_find(&t->crit_ix, t->rubric->criteria, criterion_id, id)
                           : pt_rubric_criterion(t->rubric, id);
}

long pt_toetsmap_case(const struct pt_toetsmap *t, const char *id)
{
    return t->case_ix.slot ? idindex_find(&t->case_ix, t->assessment->case_ids, case_id, id)
                           : pt_assessment_case(t->assessment, id);
}

long pt_toetsmap_rater(const struct pt_toetsmap *t, const char *id)
{
    return t->rater_ix.slot ? idindex_find(&t->rater_ix, t->assessment->team, rater_id, id)
                            : pt_assessment_rater(t->assessment, id);
}

void pt_toetsmap_index(struct pt_toetsmap *t)
{
    idindex_build(&t->crit_ix, t->rubric->criteria, t->rubric->ncriteria, criterion_id);
    idindex_build(&t->case_ix, t->assessment->case_ids, t->assessment->ncases, case_id);
    idindex_build(&t->rater_ix, t->assessment->team, t->assessment->nteam, rater_id);
    size_t n = t->assessment->ncases * t->rubric->ncriteria * t->assessment->nteam;
    free(t->slot);
    t->slot = pt_xcalloc(n ? n : 1, sizeof *t->slot);
    for (size_t i = 0; i < t->nscores; i++) {
        const struct pt_score *s = &t->scores[i];
        t->slot[slot_of(t, s->kase, s->criterion, s->rater)] = i + 1;
    }
}

size_t pt_toetsmap_slot(const struct pt_toetsmap *t, size_t kase, size_t crit, size_t rater)
{
    return t->slot ? t->slot[slot_of(t, kase, crit, rater)] : 0;
}

void pt_toetsmap_add_score(struct pt_toetsmap *t, const struct pt_score *s)
{
    if (t->nscores == t->capscores) {
        t->capscores = t->capscores ? t->capscores * 2 : 256;
        t->scores = pt_xrealloc(t->scores, t->capscores * sizeof *t->scores);
    }
    t->scores[t->nscores++] = *s;
    if (t->slot)
        t->slot[slot_of(t, s->kase, s->criterion, s->rater)] = t->nscores;
}

void pt_toetsmap_warn(struct pt_toetsmap *t, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (t->nwarnings == t->capwarnings) {
        t->capwarnings = t->capwarnings ? t->capwarnings * 2 : 8;
        t->warnings = pt_xrealloc(t->warnings, t->capwarnings * sizeof *t->warnings);
    }
    t->warnings[t->nwarnings++] = pt_arena_strdup(&t->arena, tmp);
}

void pt_toetsmap_free(struct pt_toetsmap *t)
{
    if (!t)
        return;
    free(t->scores);
    free(t->slot);
    free(t->crit_ix.slot);
    free(t->case_ix.slot);
    free(t->rater_ix.slot);
    free(t->warnings);
    pt_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
