/* eval_main.c — `make privacy-eval`: runs the privacy guard over the
 * evaluation set and prints recall per kind and form and the false-positive
 * rate. Exit 0 when the goals of issue 13 are met, 1 when not, 2 on error.
 * Usage: privacy_eval [-v] [DIR]  (DIR defaults to tests/privacy-eval). */
#include <stdio.h>
#include <string.h>

#include "privacy_evalset.h"

int main(int argc, char **argv)
{
    int verbose = 0;
    const char *dir = "tests/privacy-eval";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else
            dir = argv[i];
    }
    struct pt_eval e;
    char why[512];
    if (pt_eval_run(dir, &e, why, sizeof why) != 0) {
        fprintf(stderr, "privacy-eval: %s\n", why);
        return 2;
    }
    pt_eval_print(&e, stdout, verbose);
    int ok = pt_eval_recall(&e) >= PT_EVAL_MIN_RECALL &&
             pt_eval_recall_names(&e) >= PT_EVAL_MIN_RECALL_NAMES &&
             pt_eval_false_pos(&e) <= PT_EVAL_MAX_FALSE_POS;
    printf("Doelen (recall >= %.0f %%, namen >= %.0f %%, vals alarm <= %.0f %%): %s\n",
           PT_EVAL_MIN_RECALL, PT_EVAL_MIN_RECALL_NAMES, PT_EVAL_MAX_FALSE_POS,
           ok ? "gehaald" : "NIET gehaald");
    pt_eval_free(&e);
    return ok ? 0 : 1;
}
