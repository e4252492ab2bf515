/*
 * cmd_check.c — `praktijktoets check FILE|DIR...`: validate rubrics, cases,
 * assessments, score sheets and whole toetsmappen, listing every problem.
 */
#include <stdio.h>

#include "cli.h"

int cmd_check(struct pt_cli *cli)
{
    if (cli->nargs < 1)
        return pt_cli_usage(cli, "geef een of meer bestanden of mappen");
    struct pt_check_options opt = {.rubric = pt_cli_opt(cli, PT_OPT_RUBRIC)};
    struct pt_diags diags = {0}, warnings = {0};
    size_t problems = 0;
    for (int i = 0; i < cli->nargs; i++) {
        bool partial = false;
        size_t p = pt_app_check_path(&cli->app, cli->args[i], &opt, &diags, &warnings, &partial);
        if (!p && partial && opt.rubric)
            printf("%s: niveaus en criteria in orde volgens %s; beoordelaars en casussen zijn "
                   "niet gecontroleerd (geen toetsmap)\n", cli->args[i], opt.rubric);
        else if (!p && partial)
            printf("%s: vorm in orde; de niveaus, beoordelaars en casussen zijn niet "
                   "gecontroleerd (geen toetsmap gevonden: zet het scoreblad in scores/ van "
                   "zijn toetsmap, of geef --rubric)\n", cli->args[i]);
        else if (!p)
            printf("%s: in orde\n", cli->args[i]);
        problems += p;
    }
    pt_diags_print(&diags, stderr);
    /* Likely mistakes: said, but the exit status stays (lint.h). */
    char line[2048];
    for (size_t i = 0; i < warnings.n; i++) {
        pt_diag_format(&warnings.items[i], line, sizeof line);
        fprintf(stderr, "waarschuwing: %s\n", line);
    }
    pt_diags_free(&warnings);
    if (problems)
        fprintf(stderr, "praktijktoets check: %zu %s gevonden\n", problems,
                problems == 1 ? "probleem" : "problemen");
    pt_diags_free(&diags);
    return problems ? PT_INVALID : PT_OK;
}
