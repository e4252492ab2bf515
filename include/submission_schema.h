/*
 * submission_schema.h — the body praktijktoets-submission/2 as data
 * (docs/submission-payload.md), read by both programs: the client's
 * allow-list (src/net/submission.c) copies exactly these fields from a
 * result, the receiver's validator (src/central/central_validate.c)
 * accepts exactly these fields. A field added here is sent and accepted;
 * one that is not here is neither.
 */
#ifndef PT_SUBMISSION_SCHEMA_H
#define PT_SUBMISSION_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#define PT_SUBMISSION_FORMAT "praktijktoets-submission/2"
/* The format before rubric.scale: refused with a message to upgrade. */
#define PT_SUBMISSION_FORMAT_OLD "praktijktoets-submission/1"
/* At most this many entries in any array. */
#define PT_SUBMISSION_MAX_ARRAY 1000
/* The largest integer a count may have. */
#define PT_SUBMISSION_INT_MAX 2147483647L

enum pt_skind {
    PT_SK_FORMAT,     /* the format string (checked before the walk) */
    PT_SK_ID,         /* an identifier: never free text */
    PT_SK_SWV,        /* an SWV code in stored form "PO 27-01" */
    PT_SK_DATE,       /* YYYY-MM-DD, a real date within the bounds of the receiver */
    PT_SK_TIMESTAMP,  /* YYYY-MM-DDTHH:MM:SSZ */
    PT_SK_NUMBER,     /* a finite number, in range */
    PT_SK_INT,        /* an integer in [min, max] */
    PT_SK_BOOL,
    PT_SK_ENUM,       /* one of values */
    PT_SK_OBJECT,     /* an object of the fields in sub */
    PT_SK_ARRAY,      /* an array of objects of the fields in sub */
    PT_SK_VARIANTS,   /* an array of objects, each one of the objects in sub,
                       * chosen by which of their names (a key) it holds */
    PT_SK_COUNTS,     /* an object of value → integer ≥ 1, keys from values */
    PT_SK_SCALE,      /* {"min": number, "max": number}, min < max */
};

/* What a number is checked against. */
enum pt_srange {
    PT_SR_ANY,        /* any finite number */
    PT_SR_SCALE,      /* on the rubric's scale: min ≤ x ≤ max */
    PT_SR_PERCENT,    /* 0 ≤ x ≤ 100 */
    PT_SR_GAP,        /* 0 ≤ x ≤ max − min */
};

enum {
    PT_SF_NULLABLE = 1u,    /* null is allowed */
    PT_SF_CLIENT = 2u,      /* written by the client, not copied from the result */
    PT_SF_UNIQUE_ID = 4u,   /* PT_SK_ARRAY: the "id" of its objects is unique */
};

struct pt_sfield {
    const char *name;               /* NULL ends a list */
    enum pt_skind kind;
    unsigned flags;
    long min, max;                  /* PT_SK_INT */
    enum pt_srange range;           /* PT_SK_NUMBER */
    const struct pt_sfield *sub;    /* PT_SK_OBJECT, PT_SK_ARRAY, PT_SK_VARIANTS */
    const char *const *values;      /* PT_SK_ENUM, PT_SK_COUNTS (NULL-terminated) */
};

/* The fields of the body's top level, in the order the client writes them. */
extern const struct pt_sfield pt_submission_schema[];

/* The field name of list (NULL-name terminated), or NULL. */
const struct pt_sfield *pt_sfield_find(const struct pt_sfield *list, const char *name);

/* True when s is one of list (NULL-terminated). */
bool pt_sword_in(const char *s, const char *const *list);

#endif
