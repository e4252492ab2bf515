/*
 * cmd_assess.c — `praktijktoets assess DIR|ID [--format text|json]`:
 * score a toetsmap (writing nothing) or a stored assessment.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json_write.h"
#include "result.h"
#include "score.h"

int cmd_assess(struct pt_cli *cli)
{
    const char *format = pt_cli_opt(cli, PT_OPT_FORMAT);
    if (!format)
        format = "text";
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return pt_cli_usage(cli, "--format is text of json, niet \"%s\"", format);
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één toetsmap of assessment-id");

    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    struct pt_buf out = {0};
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_app_load(&cli->app, cli->args[0], &t, &diags, &err);
    pt_diags_print(&diags, stderr);
    if (rc != PT_OK) {
        pt_cli_fail(cli, rc, &err);
        goto cleanup;
    }
    pt_score_compute(&t, &res);
    if (strcmp(format, "json") == 0) {
        cJSON *json = pt_result_to_json(&res);
        pt_json_write(&out, json, true);
        cJSON_Delete(json);
        pt_buf_addc(&out, '\n');
    } else {
        pt_result_summary(&res, &out);
    }
    rc = pt_cli_write_output(NULL, out.data, out.len);
cleanup:
    pt_diags_free(&diags);
    pt_buf_free(&out);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
    return rc;
}
