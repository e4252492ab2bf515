/*
 * alpha.h — Krippendorff's alpha for the mirror team's reliability
 * (scoring.md section 7).
 *
 * Input: units (in praktijktoets: case × criterion), each with the numeric
 * values that different raters gave it (missing and nvt left out). Units with
 * fewer than two values are not pairable and are left out. The coincidence
 * matrix is built over the distinct values; D_e is computed from the value
 * marginals (O(V²)), never from all pairs.
 */
#ifndef PT_ALPHA_H
#define PT_ALPHA_H

#include <stdbool.h>
#include <stddef.h>

struct pt_alpha {
    double nominal, ordinal, interval;
    bool has_nominal, has_ordinal, has_interval; /* false: undefined (null) */
    size_t units;   /* pairable units */
    size_t values;  /* n.., the number of pairable values */
};

/* values: all units' values one after another; unit u has sizes[u] values.
 * An alpha is undefined (has_* false)
 * when no unit is pairable or its denominator is 0. */
void pt_alpha_compute(const double *values, const size_t *sizes, size_t nunits,
                      struct pt_alpha *out);

/* "betrouwbaar" (≥ 0.800), "voorlopig" (≥ 0.667), "onvoldoende betrouwbaar". */
const char *pt_alpha_interpretation(double alpha);

#endif
