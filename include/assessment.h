/*
 * assessment.h — loading an assessment (praktijktoets-assessment/1) and a
 * case (praktijktoets-case/1), both validated to the letter of formats.md;
 * cases also pass the privacy guard (privacy.md).
 */
#ifndef PT_ASSESSMENT_H
#define PT_ASSESSMENT_H

#include <cJSON.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

#define PT_ASSESSMENT_FORMAT "praktijktoets-assessment/1"
#define PT_CASE_FORMAT "praktijktoets-case/1"

/* NULL when refused; problems in diags. */
struct pt_assessment *pt_assessment_from_json(const cJSON *root, const char *file,
                                              struct pt_arena *arena,
                                              struct pt_diags *diags);

/* NULL when refused (format, personal data, ...); problems in diags. */
struct pt_case *pt_case_from_json(const cJSON *root, const char *file,
                                  struct pt_arena *arena, struct pt_diags *diags);

#endif
