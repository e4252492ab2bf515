/*
 * result.h — the result of the engine as praktijktoets-result/1 JSON
 * (scoring.md section 9) and as a readable Dutch summary.
 */
#ifndef PT_RESULT_H
#define PT_RESULT_H

#include <cJSON.h>

#include "score.h"
#include "util.h"

#define PT_RESULT_FORMAT "praktijktoets-result/1"

/* The result object. Caller owns it (cJSON_Delete). NULL when out of memory.
 * Its strings are borrowed from res and its toetsmap (cJSON string
 * references, a copy less each): delete the object before those, or
 * cJSON_Duplicate it to keep it longer. */
cJSON *pt_result_to_json(const struct pt_result *res);

/* The Dutch text summary for people, appended to out. */
void pt_result_summary(const struct pt_result *res, struct pt_buf *out);

#endif
