/* privacy_evalset.h — the privacy guard's evaluation set (issue 13):
 * tests/privacy-eval/positives.tsv (personal data in the forms staff write
 * it) and negatives.tsv (legitimate case text with look-alikes). Shared by
 * the program behind `make privacy-eval` and the Check test that holds the
 * thresholds in `make check`. */
#ifndef PT_PRIVACY_EVALSET_H
#define PT_PRIVACY_EVALSET_H

#include <stddef.h>
#include <stdio.h>

/* The goals of issue 13, in percent. */
#define PT_EVAL_MIN_RECALL 97.0
#define PT_EVAL_MIN_RECALL_NAMES 90.0
#define PT_EVAL_MAX_FALSE_POS 2.0

struct pt_eval_item {
    char *kind;   /* positives: naam, adres, bsn, ...; negatives: "" */
    char *form;   /* how it is written, or the look-alike it holds */
    char *text;   /* unescaped */
    size_t line;  /* line in its file */
    int got;      /* enum pt_pii the scanner returned */
};

struct pt_eval {
    struct pt_eval_item *pos, *neg;
    size_t npos, nneg;
    size_t pos_hit, neg_hit, names, names_hit;
};

/* Reads both files from dir and scans every text. 0, or -1 with why. */
int pt_eval_run(const char *dir, struct pt_eval *e, char *why, size_t whysize);

/* Prints recall per kind and per kind and form, and the false positives
 * (line numbers and forms; with verbose the texts too, which are invented). */
void pt_eval_print(const struct pt_eval *e, FILE *out, int verbose);

double pt_eval_recall(const struct pt_eval *e);
double pt_eval_recall_names(const struct pt_eval *e);
double pt_eval_false_pos(const struct pt_eval *e);

void pt_eval_free(struct pt_eval *e);

#endif
