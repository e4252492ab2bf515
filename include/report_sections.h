/* report_sections.h — inside the report model: what report_model.c and
 * report_sections.c share. */
#ifndef PT_REPORT_SECTIONS_H
#define PT_REPORT_SECTIONS_H

#include "report_common.h"
#include "report_model.h"

/* Position of v on the rubric's scale, 0..1. */
double pt_rm_frac(const struct pt_rubric *r, double v);
/* A list block of n items for the caller to fill. */
const char **pt_rm_list(struct pt_rmodel *m, struct pt_rsection *s, size_t n);
/* The sections after the case scores (strengths .. warnings). */
void pt_rsec_rest(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud,
                  bool summary);

#endif
