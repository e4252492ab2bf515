/*
 * rubric.h — loading and validating a rubric (praktijktoets-rubric/1).
 */
#ifndef PT_RUBRIC_H
#define PT_RUBRIC_H

#include <cJSON.h>

#include "arena.h"
#include "diag.h"
#include "model.h"

#define PT_RUBRIC_FORMAT "praktijktoets-rubric/1"

/* Validates root as a rubric and builds it in arena. Returns NULL when the
 * rubric is refused; every problem found is in diags (file names the file). */
struct pt_rubric *pt_rubric_from_json(const cJSON *root, const char *file,
                                      struct pt_arena *arena,
                                      struct pt_diags *diags);

/* Finds rubric id@version: in each folder of the search path (./rubrics,
 * $PRAKTIJKTOETS_RUBRICS, the installed folder) every *.json file is read
 * and the one with that id and version is returned (built in arena). NULL
 * with one diagnostic (on file "ref_file") when none is found or the one
 * found is invalid. */
struct pt_rubric *pt_rubric_find(const char *id, long version,
                                 const char *ref_file, const char *ref_place,
                                 struct pt_arena *arena, struct pt_diags *diags);

/* Splits "id@version". Returns 0, or -1 when malformed. */
int pt_rubric_ref_parse(const char *ref, char *id, size_t id_size, long *version);

#endif
