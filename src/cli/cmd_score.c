/*
 * cmd_score.c — `praktijktoets score ID --rater R --case C --criterion K
 * --level L [--comment TEXT]`: record or correct one score.
 */
#include <stdio.h>

#include "cli.h"

int cmd_score(struct pt_cli *cli)
{
    struct pt_score_input in = {
        .rater = pt_cli_opt(cli, PT_OPT_RATER),
        .kase = pt_cli_opt(cli, PT_OPT_CASE),
        .criterion = pt_cli_opt(cli, PT_OPT_CRITERION),
        .level = pt_cli_opt(cli, PT_OPT_LEVEL),
        .comment = pt_cli_opt(cli, PT_OPT_COMMENT),
    };
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één assessment-id");
    if (!in.rater || !in.kase || !in.criterion || !in.level)
        return pt_cli_usage(cli, "--rater, --case, --criterion en --level zijn verplicht");
    in.id = cli->args[0];

    struct pt_diags diags = {0};
    struct pt_error err = {""};
    bool changed = false;
    long revision = 0;
    int rc = pt_app_record_score(&cli->app, &in, &changed, &revision, &diags, &err);
    pt_diags_print(&diags, stderr);
    pt_cli_fail(cli, rc, &err);
    if (rc == PT_OK && changed)
        fprintf(stderr, "Vastgelegd: %s, casus %s, %s = %s (revisie %ld)\n", in.rater, in.kase,
                in.criterion, in.level, revision);
    else if (rc == PT_OK)
        fprintf(stderr, "Ongewijzigd: %s, casus %s, %s had al %s (revisie %ld)\n", in.rater,
                in.kase, in.criterion, in.level, revision);
    pt_diags_free(&diags);
    return rc;
}
