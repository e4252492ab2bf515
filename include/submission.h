/*
 * submission.h — what leaves the machine: the praktijktoets-submission/2
 * body (docs/submission-payload.md), built from an allow-list.
 *
 * Only fields named in the allow-list are copied from the result object;
 * anything else — case text, comments, rater ids, verdict reasons, warnings,
 * and any field added to the result later — stays behind.
 */
#ifndef PT_SUBMISSION_H
#define PT_SUBMISSION_H

#include <stddef.h>
#include <time.h>

#include <cJSON.h>

#include "model.h"
#include "score.h"
#include "submission_schema.h"


/* Builds the body from a result object (praktijktoets-result/1, as made by
 * pt_result_to_json), the assessment and the rubric (whose lowest and
 * highest scale values travel as rubric.scale, so that the receiver can
 * check every score against them). Returns a new cJSON object (caller
 * owns) or NULL when out of memory. */
cJSON *pt_submission_from_result(const cJSON *result, const struct pt_assessment *a,
                                 const struct pt_rubric *rubric, long revision,
                                 time_t submitted_at);

/* The same, straight from the engine's result; the body as compact JSON text
 * (caller frees with free()). Returns 0, or -1 when out of memory. */
int pt_submission_build(const struct pt_result *res, long revision, time_t submitted_at,
                        char **body);

/* The Idempotency-Key for an assessment and revision: "{id}/{revision}"
 * (caller frees). */
char *pt_submission_key(const char *assessment, long revision);

#endif
