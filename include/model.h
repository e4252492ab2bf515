/*
 * model.h — the in-memory model of one praktijktoets ("toetsmap"):
 * rubric, assessment (team, cases, date), the cases and every score.
 *
 * Loaders (rubric.c, case.c, assessment.c, sheet.c) fill it, toetsmap.c and
 * store_load.c put it together, score.c reads it. Everything in a model lives
 * in its arena; pt_toetsmap_free releases it all.
 */
#ifndef PT_MODEL_H
#define PT_MODEL_H

#include "dates.h"
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Timeline events of a case, in the order of formats.md. */
enum pt_event {
    PT_EV_SIGNALERING, PT_EV_ONDERSTEUNINGSVRAAG, PT_EV_AANMELDING,
    PT_EV_ARRANGEMENT, PT_EV_OPP, PT_EV_TLV_AANVRAAG, PT_EV_TLV_BESLUIT,
    PT_EV_BESLUIT, PT_EV_PLAATSING, PT_EV_UITVAL, PT_EV_TERUGKEER,
    PT_EV_EVALUATIE, PT_EV_BEZWAAR,
    PT_EV_COUNT
};

/* Geledingen (team roles). */
enum pt_role {
    PT_ROLE_MANAGEMENT, PT_ROLE_OUDERS, PT_ROLE_PERSONEEL, PT_ROLE_GEMEENTE,
    PT_ROLE_JEUGDHULP, PT_ROLE_EXPERT,
    PT_ROLE_COUNT
};
#define PT_ROLE_REQUIRED 4 /* the first four must all take part */
#define PT_WEIGHT_MAX 1000.0 /* a domain or criterion weight (formats.md) */

enum pt_method { PT_METHOD_MEDIAN, PT_METHOD_MEAN };

struct pt_criterion {
    const char *id;
    const char *question;
    double weight;
    bool na_allowed;
    bool critical;
    size_t domain;          /* index into rubric.domains */
    const char **levels;    /* one descriptor per scale value */
};

struct pt_domain {
    const char *id;
    const char *title;
    double weight;
    size_t first, count;    /* its criteria: rubric.criteria[first..first+count) */
};

struct pt_check {
    const char *id;
    const char *label;
    enum pt_event from, to;
    long max_days;
    bool critical;
};

struct pt_verdict_def {
    const char *id;
    const char *label;
    double min_overall, min_domain;
};

struct pt_rubric {
    const char *id;
    long version;
    const char *title;
    const char *sector;
    int *scale;                 /* strictly increasing values */
    const char **scale_labels;
    size_t nscale;
    enum pt_method method;
    long min_raters;
    double disagreement_spread;
    double critical_min;
    double perspective_gap;
    long min_cases;
    struct pt_domain *domains;
    size_t ndomains;
    struct pt_criterion *criteria;  /* all criteria, domain by domain */
    size_t ncriteria;
    struct pt_check *checks;
    size_t nchecks;
    struct pt_verdict_def *verdicts;
    size_t nverdicts;
    struct pt_verdict_def fallback;
    const char *json;           /* canonical JSON text, as stored */
};

struct pt_rater {
    const char *id;
    enum pt_role role;
};

struct pt_assessment {
    const char *id;
    const char *swv;            /* normalised "PO 27-01" */
    const char *date;           /* YYYY-MM-DD */
    long day;                   /* date as days since 1970-01-01 */
    const char *rubric_id;
    long rubric_version;
    const char *purpose;
    const char *requested_by;
    const char *previous;       /* may be NULL */
    struct pt_rater *team;
    size_t nteam;
    const char **case_ids;
    size_t ncases;
    const char *json;
};

struct pt_event_entry {
    const char *date;
    long day;
    enum pt_event event;
    const char *note;           /* may be NULL */
};

struct pt_case {
    const char *id;
    const char *swv;
    const char *sector;
    const char *school_type;
    const char *grade;          /* may be NULL */
    const char *summary;
    const char *parents_view;   /* may be NULL */
    const char **needs;
    size_t nneeds;
    const char **parties;
    size_t nparties;
    struct pt_event_entry *timeline;
    size_t ntimeline;
    const char *file;           /* where it was read from */
    const char *json;
};

struct pt_score {
    size_t rater;               /* index into assessment.team */
    size_t kase;                /* index into assessment.case_ids / cases */
    size_t criterion;           /* index into rubric.criteria */
    bool nvt;
    int level;                  /* a scale value unless nvt */
    const char *comment;        /* may be NULL */
    const char *source;         /* file (or "database") it came from */
    const char *place;          /* JSON path or CSV line in source */
};

/* An open-addressing hash table of ids: slot[h] = index + 1, 0 empty. */
struct pt_idindex {
    unsigned *slot;
    size_t mask;
};

struct pt_toetsmap {
    struct pt_arena arena;
    struct pt_rubric *rubric;
    struct pt_assessment *assessment;
    struct pt_case **cases;     /* in assessment order: cases[i] is case_ids[i] */
    struct pt_score *scores;
    size_t nscores, capscores;
    /* slot[(case * ncriteria + criterion) * nteam + rater] = score index + 1,
     * 0 when that rater has not scored it; made by pt_toetsmap_index. */
    size_t *slot;
    /* The criterion, case and rater ids by hash, made by pt_toetsmap_index:
     * every score row looks up three ids (pt_toetsmap_criterion ...). */
    struct pt_idindex crit_ix, case_ix, rater_ix;
    const char *origin;         /* folder, or "database" */
    const char **warnings;      /* Dutch, for the result's warnings */
    size_t nwarnings, capwarnings;
};

const char *pt_event_name(enum pt_event e);
int pt_event_from_name(const char *s);          /* -1 when unknown */
const char *pt_role_name(enum pt_role r);
int pt_role_from_name(const char *s);           /* -1 when unknown */
const char *pt_role_label(enum pt_role r);      /* Dutch, for people */

/* Index of a criterion / rater / case by id, or -1. */
long pt_rubric_criterion(const struct pt_rubric *r, const char *id);
long pt_assessment_rater(const struct pt_assessment *a, const char *id);
long pt_assessment_case(const struct pt_assessment *a, const char *id);
/* Index of value v on the scale, or -1. */
long pt_rubric_scale_index(const struct pt_rubric *r, long v);

/* Makes the (case, criterion, rater) index once rubric and assessment are
 * set; scores added before are indexed too. */
void pt_toetsmap_index(struct pt_toetsmap *t);
/* Index of a criterion / case / rater by id, or -1: through the hash
 * tables once pt_toetsmap_index made them, else as pt_rubric_criterion ... */
long pt_toetsmap_criterion(const struct pt_toetsmap *t, const char *id);
long pt_toetsmap_case(const struct pt_toetsmap *t, const char *id);
long pt_toetsmap_rater(const struct pt_toetsmap *t, const char *id);
/* The score index + 1 of (case, criterion, rater), or 0. */
size_t pt_toetsmap_slot(const struct pt_toetsmap *t, size_t kase, size_t crit, size_t rater);

/* Appends a score (copied) to the model (and the index, when made). */
void pt_toetsmap_add_score(struct pt_toetsmap *t, const struct pt_score *s);
void pt_toetsmap_warn(struct pt_toetsmap *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void pt_toetsmap_free(struct pt_toetsmap *t);

/* pt_date_parse and pt_swv_normalise: dates.h (the common library). */

#endif
