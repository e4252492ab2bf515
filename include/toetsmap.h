/*
 * toetsmap.h — loading one praktijktoets folder as a whole:
 * assessment.json, rubric.json (or the rubric looked up by id@version),
 * cases/<id>.json and scores/<naam>.json|.csv, validated together.
 */
#ifndef PT_TOETSMAP_H
#define PT_TOETSMAP_H

#include "diag.h"
#include "model.h"
#include "status.h"

/* Loads dir into *t (zeroed by the caller). Returns PT_OK when everything
 * was accepted; otherwise PT_INVALID, every problem found is in diags, and t
 * must still be freed with pt_toetsmap_free. Writes nothing. */
int pt_toetsmap_load_dir(const char *dir, struct pt_toetsmap *t, struct pt_diags *diags);

/* Cross-checks of a complete model (cases match the assessment's SWV, team
 * completeness, unused case files...): adds warnings to t. */
void pt_toetsmap_warnings(struct pt_toetsmap *t);

/* True when path is a folder holding an assessment.json. */
int pt_is_toetsmap_dir(const char *path);

/* Sorted names of the entries of dir ending in one of the suffixes (NULL
 * terminated), hidden files left out; caller frees with pt_names_free. */
char **pt_list_dir(const char *dir, const char *const *suffixes, size_t *n);
void pt_names_free(char **names, size_t n);

#endif
