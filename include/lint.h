/*
 * lint.h — things in a toetsmap that are allowed but are likely mistakes,
 * for `praktijktoets check` to warn about (warnings never change its exit
 * status; refusals are the loaders' business):
 *
 *  - a timeline event dated after the date of the assessment (the team
 *    judges what happened before it);
 *  - an assessment dated after today;
 *  - the same event twice on the same day in one timeline;
 *  - a case without the parents' view (parents_view), which the team reads;
 *  - a case without a timeline (its legal terms cannot be checked);
 *  - a case whose timeline ends more than a year before the assessment.
 *
 * Messages name the file and place like refusals, never pupil data.
 */
#ifndef PT_LINT_H
#define PT_LINT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* A timeline whose last event is more days than this before the assessment
 * gets a warning. */
#define PT_LINT_STALE_DAYS 365L

/* Adds a diagnostic to warnings for each likely mistake in a completely
 * loaded toetsmap; today is the current date in days since 1970-01-01.
 * Returns the number added. */
size_t pt_lint_toetsmap(const struct pt_toetsmap *t, long today, struct pt_diags *warnings);
/* The same for one case; a with the assessment it belongs to, or NULL for a
 * case file checked on its own (then only what needs no assessment). */
size_t pt_lint_case(const struct pt_case *k, const struct pt_assessment *a,
                    struct pt_diags *warnings);

#endif
