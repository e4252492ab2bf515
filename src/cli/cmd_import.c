/*
 * cmd_import.c — `praktijktoets import MAP... [--replace
 * [--discard-corrections]]`: store each toetsmap in its own transaction
 * (all of it or nothing of it).
 */
#include <stdio.h>

#include "cli.h"

/* Worst of two exit statuses: a failure (1) over a refusal (3) over done. */
static int worst(int a, int b)
{
    if (a == PT_FAILED || b == PT_FAILED)
        return PT_FAILED;
    return a != PT_OK ? a : b;
}

static int import_one(struct pt_cli *cli, const char *dir, const struct pt_import_options *opt)
{
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    struct pt_import_outcome out;
    int rc = pt_app_import(&cli->app, dir, opt, &out, &diags, &err);
    pt_diags_print(&diags, stderr);
    if (rc == PT_FAILED)
        pt_cli_error("%s; er is niets opgeslagen van %s", err.msg, dir);
    else if (rc == PT_INVALID && err.msg[0])
        pt_cli_error("%s", err.msg);
    else if (rc == PT_OK)
        fprintf(stderr, "Opgeslagen: assessment %s (%zu casussen, %zu scores, revisie %ld) in %s\n",
                out.id, out.ncases, out.nscores, out.revision, pt_app_db_path(&cli->app));
    pt_diags_free(&diags);
    return rc;
}

int cmd_import(struct pt_cli *cli)
{
    struct pt_import_options opt = {
        .replace = pt_cli_opt(cli, PT_OPT_REPLACE) != NULL,
        .discard_corrections = pt_cli_opt(cli, PT_OPT_DISCARD_CORRECTIONS) != NULL,
    };
    if (cli->nargs < 1)
        return pt_cli_usage(cli, "geef een toetsmap (of meer)");
    if (opt.discard_corrections && !opt.replace)
        return pt_cli_usage(cli, "--discard-corrections hoort bij --replace");
    int rc = PT_OK, stored = 0;
    for (int i = 0; i < cli->nargs; i++) {
        int one = import_one(cli, cli->args[i], &opt);
        if (one == PT_OK)
            stored++;
        rc = worst(rc, one);
    }
    if (cli->nargs > 1)
        fprintf(stderr, "%d van de %d toetsmappen opgeslagen\n", stored, cli->nargs);
    return rc;
}
