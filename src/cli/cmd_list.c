/*
 * cmd_list.c — `praktijktoets list [assessments|cases|rubrics]`: the rows
 * of the store laid out for people.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    enum pt_list_kind kind;
    const char *header;
} lists[] = {
    {"assessments", PT_LIST_ASSESSMENTS, "assessment\tswv\tdatum\trubric\tcasussen\tscores\trevisie"},
    {"cases", PT_LIST_CASES, "assessment\tcasus\tsector\tschoolsoort\tleerjaar\tscores"},
    {"rubrics", PT_LIST_RUBRICS, "rubric\tversie\ttitel"},
};

int cmd_list(struct pt_cli *cli)
{
    if (cli->nargs > 1)
        return pt_cli_usage(cli, "geef hooguit één soort: assessments, cases of rubrics");
    const char *what = cli->nargs ? cli->args[0] : "assessments";
    size_t k = 0;
    while (k < sizeof lists / sizeof lists[0] && strcmp(what, lists[k].name) != 0)
        k++;
    if (k == sizeof lists / sizeof lists[0])
        return pt_cli_usage(cli, "onbekende lijst \"%s\" (assessments, cases of rubrics)", what);

    struct pt_rows rows = {0};
    struct pt_buf out = {0};
    struct pt_error err = {""};
    int rc = pt_app_list(&cli->app, lists[k].kind, &rows, &err);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    pt_buf_printf(&out, "%s\n", lists[k].header);
    for (size_t r = 0; r < rows.nrows; r++)
        for (size_t c = 0; c < rows.ncols; c++)
            pt_buf_printf(&out, "%s%s", rows.cells[r * rows.ncols + c],
                          c + 1 < rows.ncols ? "\t" : "\n");
    rc = pt_cli_write_output(NULL, out.data, out.len);
    pt_buf_free(&out);
    pt_rows_free(&rows);
    return rc;
}
