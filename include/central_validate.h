/*
 * central_validate.h — the body of POST /v1/results,
 * praktijktoets-submission/1, checked field by field against
 * docs/submission-payload.md.
 *
 * The check is an allow-list, walked along the schema the client's
 * allow-list reads too (submission_schema.h): every object may hold only
 * its documented keys, each once, with its documented type; every string is an id, an SWV
 * code, a date or one of a fixed set of words. So no free text (a name, a
 * case summary, a comment) can be stored centrally, whatever a client
 * sends. pc_validate is pure: no I/O, no globals; it allocates only the
 * summary's domain list.
 *
 * Single values are read with the project's strict JSON reader
 * (jsonfield.h), its errors sent to the validator's first-error sink.
 * Messages name the JSON path ("cases[2].criteria[0].score: moet een
 * getal of null zijn") and never quote a value from the body; an unknown
 * key is named only when it is a short word of letters, '_' and '-'
 * (jsonfield's strict_quotes).
 */
#ifndef PC_VALIDATE_H
#define PC_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "central.h"

#include "submission_schema.h"

/* The schema is shared with the client (submission_schema.h). */
#define PC_FORMAT PT_SUBMISSION_FORMAT
#define PC_FORMAT_OLD PT_SUBMISSION_FORMAT_OLD
/* No assessment date before this one is accepted. */
#define PC_FIRST_DATE "2014-01-01"
#define PC_MAX_ARRAY PT_SUBMISSION_MAX_ARRAY

enum pc_body {
    PC_BODY_OK = 0,
    PC_BODY_MALFORMED,   /* not JSON (or not UTF-8, or a NUL byte): 400 */
    PC_BODY_FORMAT,      /* not an object with format PC_FORMAT: 422 */
    PC_BODY_INVALID,     /* against the schema: 422, message names the path */
    PC_BODY_NUL,         /* a string holds \u0000: 422 */
    PC_BODY_NOMEM,       /* out of memory: 500 */
};

struct pc_domain_score {
    char id[PC_ID_SIZE];
    bool has_score;      /* false when the score is null */
    double score;
};

/* What the receiver keeps besides the body itself. */
struct pc_summary {
    char assessment[PC_ID_SIZE];
    long revision;
    char swv[PC_SWV_SIZE];            /* stored form "PO 27-01" */
    char date[11];                    /* YYYY-MM-DD */
    char rubric_id[PC_ID_SIZE];
    long rubric_version;
    double scale_min, scale_max;      /* rubric.scale */
    bool has_overall;                 /* false when overall.score is null */
    double overall;
    struct pc_domain_score *domains;  /* owned; in body order, ids unique */
    size_t ndomains;
};

/* Checks body[0..len) (need not be NUL-terminated), received at now
 * (Unix seconds; the date may be at most one day after it). Scores, domain
 * scores and means must lie on rubric.scale, percent in 0–100, a gap in
 * 0 … max − min. On PC_BODY_OK fills *sum (free with pc_summary_free);
 * otherwise *sum is empty and err holds a Dutch message (no newline). */
enum pc_body pc_validate(const char *body, size_t len, long long now,
                         struct pc_summary *sum, struct pt_error *err);

/* True when body[0..len) holds the escape \u0000 (which cJSON would read
 * as the end of the string, hiding what follows). */
bool pc_has_escaped_nul(const char *body, size_t len);

void pc_summary_free(struct pc_summary *sum);

/* True when s is "YYYY-MM-DDTHH:MM:SSZ", a real UTC date and time. */
bool pc_is_utc_timestamp(const char *s);

#endif
