/*
 * diag.h — refusals and problems found in input, for people.
 *
 * Every refused input names the file, the place in it (a JSON path such as
 * "scores[17].level", or a CSV line number) and the reason, on one line:
 *
 *     toetsmap/scores/r2.csv:18: niveau "5" staat niet op de schaal 1–4 ...
 *
 * A loader adds one diagnostic per problem it finds and goes on where it can,
 * so that `praktijktoets check` can list every problem, not only the first.
 * Messages never quote pupil data (see privacy.md).
 */
#ifndef PT_DIAG_H
#define PT_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct pt_diag {
    char *file;     /* owned; the file as the user named it */
    char *place;    /* owned; JSON path or CSV line number; may be NULL */
    char *message;  /* owned; Dutch, one line, no pupil data */
};

struct pt_diags {
    struct pt_diag *items;
    size_t n, cap;
};

/* Adds one diagnostic (strings are copied). Out of memory aborts: a refusal
 * that cannot be reported must not be lost silently. */
void pt_diag_add(struct pt_diags *d, const char *file, const char *place,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Prints each diagnostic as "file:place: message" (or "file: message"). */
void pt_diags_print(const struct pt_diags *d, FILE *out);

/* Formats diagnostic i into buf (same form as printing, no newline). */
void pt_diag_format(const struct pt_diag *g, char *buf, size_t size);

void pt_diags_free(struct pt_diags *d);

#endif
