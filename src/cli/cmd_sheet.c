/*
 * cmd_sheet.c — `praktijktoets sheet DIR|ID --rater R [-o FILE]`: a blank
 * CSV score sheet for one mirror-team member.
 */
#include <stdio.h>

#include "cli.h"
#include "sheet.h"

int cmd_sheet(struct pt_cli *cli)
{
    const char *rater = pt_cli_opt(cli, PT_OPT_RATER);
    const char *output = pt_cli_opt(cli, PT_OPT_OUTPUT);
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één toetsmap of assessment-id");
    if (!rater)
        return pt_cli_usage(cli, "--rater is verplicht");

    const char *source = cli->args[0];
    struct pt_toetsmap t = {0};
    struct pt_buf out = {0};
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_app_load(&cli->app, source, &t, &diags, &err);
    pt_diags_print(&diags, stderr);
    if (rc != PT_OK) {
        pt_cli_fail(cli, rc, &err);
        goto cleanup;
    }
    long ri = pt_assessment_rater(t.assessment, rater);
    if (ri < 0) {
        fprintf(stderr, "%s: beoordelaar \"%s\" staat niet in het team van %s\n", source, rater,
                t.assessment->id);
        rc = PT_INVALID;
        goto cleanup;
    }
    pt_sheet_write_blank(&t, (size_t)ri, &out);
    rc = pt_cli_write_output(output, out.data, out.len);
    if (rc == PT_OK && output)
        fprintf(stderr, "Scoreblad voor %s geschreven naar %s (%zu regels)\n", rater, output,
                t.assessment->ncases * t.rubric->ncriteria);
cleanup:
    pt_diags_free(&diags);
    pt_buf_free(&out);
    pt_toetsmap_free(&t);
    return rc;
}
