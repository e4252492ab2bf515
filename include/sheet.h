/*
 * sheet.h — score sheets (praktijktoets-scores/1), as JSON or as CSV from a
 * spreadsheet, and the blank CSV sheet a mirror-team member fills in.
 */
#ifndef PT_SHEET_H
#define PT_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "diag.h"
#include "model.h"
#include "util.h"

#define PT_SCORES_FORMAT "praktijktoets-scores/1"
#define PT_SHEET_MAX_FILE (64u * 1024u * 1024u)

/* Reads a JSON sheet. With t holding a rubric, an assessment and its index
 * (pt_toetsmap_index), every row is validated against them and added to t;
 * with t NULL only the sheet's own structure is checked. Returns the number
 * of problems added to diags (0: accepted). */
size_t pt_sheet_read_json(const cJSON *root, const char *file,
                          struct pt_toetsmap *t, struct pt_diags *diags);

/* The same for a CSV sheet (data[0..len)). Rows with an empty level are not
 * scores and are skipped. */
size_t pt_sheet_read_csv(const char *data, size_t len, const char *file,
                         struct pt_toetsmap *t, struct pt_diags *diags);

/* Validates one score against t and adds it. level_text is what the user
 * wrote ("3", "nvt"); place names it in file. Returns true when added. Used
 * by both sheet readers and by `praktijktoets score`. When replace is true a
 * score the rater already gave is overwritten instead of refused. */
bool pt_sheet_add_score(struct pt_toetsmap *t, const char *file, const char *place,
                        const char *level_place, const char *rater,
                        const char *kase, const char *criterion,
                        const char *level_text, const char *comment,
                        bool replace, struct pt_diags *diags);

/* Writes the blank CSV sheet for one rater: one row per case and criterion
 * in assessment and rubric order, with the question and the scale. */
void pt_sheet_write_blank(const struct pt_toetsmap *t, size_t rater, struct pt_buf *out);

#endif
