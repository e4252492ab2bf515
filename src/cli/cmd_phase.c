/*
 * cmd_phase.c — `praktijktoets phase ID [scoring|discussion|closed]`: show
 * or move the phase of an assessment (web.md); every move is logged.
 */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

int cmd_phase(struct pt_cli *cli)
{
    enum pt_phase phase, to;
    struct pt_buf out = {0};
    struct pt_error err = {""};
    char who[96];
    if (cli->nargs < 1 || cli->nargs > 2)
        return pt_cli_usage(cli, "geef een assessment-id en eventueel een fase");
    const char *id = cli->args[0];
    if (cli->nargs == 2 && pt_phase_parse(cli->args[1], &to) != 0)
        return pt_cli_usage(cli, "fase is scoring, discussion of closed");
    const struct passwd *pw = getpwuid(getuid());
    snprintf(who, sizeof who, "opdrachtregel (%s)", pw ? pw->pw_name : "?");
    int rc = pt_app_phase(&cli->app, id, cli->nargs == 2 ? &to : NULL, who, &phase, &out, &err);
    if (rc == PT_OK)
        printf("%s: fase %s\n%s", id, pt_phase_name(phase), out.data ? out.data : "");
    pt_cli_fail(cli, rc, &err);
    pt_buf_free(&out);
    return rc;
}
