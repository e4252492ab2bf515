/*
 * cmd_invite.c — `praktijktoets invite ID (--rater R | --coordinator |
 * --reader swv|opr) [--days N]`, `invite ID --list`, `invite ID --revoke
 * PREFIX`: the personal links of the web app (web.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The options, checked: one of the modes, a valid --days and --reader. */
static int check_args(const struct pt_cli *cli, long *days)
{
    const char *rater = pt_cli_opt(cli, PT_OPT_RATER), *reader = pt_cli_opt(cli, PT_OPT_READER);
    const char *d = pt_cli_opt(cli, PT_OPT_DAYS);
    int nroles = (rater != NULL) + (pt_cli_opt(cli, PT_OPT_COORDINATOR) != NULL) + (reader != NULL);
    int modes = (nroles > 0) + (pt_cli_opt(cli, PT_OPT_LIST) != NULL) +
                (pt_cli_opt(cli, PT_OPT_REVOKE) != NULL);
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één assessment-id");
    if (modes != 1 || nroles > 1)
        return pt_cli_usage(cli, "kies één van --rater R, --coordinator, --reader swv|opr, "
                            "--list of --revoke PREFIX");
    if (reader && strcmp(reader, "swv") != 0 && strcmp(reader, "opr") != 0)
        return pt_cli_usage(cli, "--reader is swv of opr");
    *days = 30;
    if (d) {
        char *end;
        *days = strtol(d, &end, 10);
        if (end == d || *end || *days < 1 || *days > 366)
            return pt_cli_usage(cli, "--days vraagt een aantal dagen van 1 tot 366");
    }
    return PT_OK;
}

static int make_link(struct pt_cli *cli, const char *id, long days, struct pt_error *err)
{
    const char *rater = pt_cli_opt(cli, PT_OPT_RATER), *reader = pt_cli_opt(cli, PT_OPT_READER);
    bool coordinator = pt_cli_opt(cli, PT_OPT_COORDINATOR) != NULL;
    enum pt_web_role role = rater ? PT_WEB_RATER : coordinator ? PT_WEB_COORDINATOR
                                                               : PT_WEB_READER;
    const char *url = pt_cli_opt(cli, PT_OPT_PUBLIC_URL);
    char token[64] = "";
    if (!url)
        url = getenv("PRAKTIJKTOETS_PUBLIC_URL");
    if (!url || !*url)
        url = "http://127.0.0.1:8080";
    size_t ulen = strlen(url);
    int rc = pt_app_invite(&cli->app, id, role, rater, reader, days, token, sizeof token, err);
    if (rc == PT_OK) {
        printf("%.*s/t/%s\n", (int)(ulen && url[ulen - 1] == '/' ? ulen - 1 : ulen), url, token);
        fprintf(stderr, "Link voor %s%s%s van %s, %ld dagen geldig\n",
                rater ? "beoordelaar " : coordinator ? "de coördinator" : "lezer ",
                rater ? rater : "", reader ? reader : "", id, days);
    }
    memset(token, 0, sizeof token);
    return rc;
}

int cmd_invite(struct pt_cli *cli)
{
    struct pt_buf out = {0};
    struct pt_error err = {""};
    long days = 30;
    int rc = check_args(cli, &days);
    if (rc != PT_OK)
        return rc;
    const char *id = cli->args[0], *revoke = pt_cli_opt(cli, PT_OPT_REVOKE);
    if (pt_cli_opt(cli, PT_OPT_LIST)) {
        rc = pt_app_invite_list(&cli->app, id, &out, &err);
        if (rc == PT_OK)
            fputs(out.data ? out.data : "", stdout);
    } else if (revoke) {
        rc = pt_app_invite_revoke(&cli->app, id, revoke, &err);
        if (rc == PT_OK)
            fprintf(stderr, "Ingetrokken: de link van %s die begint met %s\n", id, revoke);
    } else {
        rc = make_link(cli, id, days, &err);
    }
    pt_cli_fail(cli, rc, &err);
    pt_buf_free(&out);
    return rc;
}
