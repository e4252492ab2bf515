/*
 * cmd_show.c — `praktijktoets show DIR|ID [CASE] [--format text|html]
 * [-o FILE]`: the cases as the team reads them in the meeting (handout.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "handout.h"

int cmd_show(struct pt_cli *cli)
{
    const char *format = pt_cli_opt(cli, PT_OPT_FORMAT);
    const char *output = pt_cli_opt(cli, PT_OPT_OUTPUT);
    if (!format)
        format = "text";
    bool html = strcmp(format, "html") == 0;
    if (!html && strcmp(format, "text") != 0)
        return pt_cli_usage(cli, "onbekend formaat \"%s\" (text of html)", format);
    if (cli->nargs < 1 || cli->nargs > 2)
        return pt_cli_usage(cli, "geef een toetsmap of assessment-id, en eventueel een casus");

    const char *source = cli->args[0], *kase = cli->nargs == 2 ? cli->args[1] : NULL;
    struct pt_toetsmap t = {0};
    struct pt_buf out = {0};
    long only = -1;
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_app_load(&cli->app, source, &t, &diags, &err);
    pt_diags_print(&diags, stderr);
    pt_diags_free(&diags);
    if (rc != PT_OK) {
        rc = pt_cli_fail(cli, rc, &err);
        goto cleanup;
    }
    if (kase && (only = pt_assessment_case(t.assessment, kase)) < 0) {
        fprintf(stderr, "%s: casus \"%s\" hoort niet bij assessment %s\n", source, kase,
                t.assessment->id);
        rc = PT_INVALID;
        goto cleanup;
    }
    if (html)
        pt_handout_html(&t, only, &out);
    else
        pt_handout_text(&t, only, &out);
    rc = pt_cli_write_output(output, out.data, out.len);
    if (rc == PT_OK && output && strcmp(output, "-") != 0)
        fprintf(stderr, "%s met %zu %s geschreven naar %s\n", html ? "Hand-out" : "Casussen",
                only >= 0 ? (size_t)1 : t.assessment->ncases,
                only >= 0 || t.assessment->ncases == 1 ? "casus" : "casussen", output);
cleanup:
    pt_buf_free(&out);
    pt_toetsmap_free(&t);
    return rc;
}
