/*
 * cmd_list.c — `praktijktoets list [assessments|cases|rubrics]`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "gebruik: praktijktoets list [assessments|cases|rubrics]\n"
    "\n"
    "Toont wat er in de database staat, met tabs tussen de kolommen\n"
    "(standaard: assessments). Casussen worden getoond zonder hun tekst.\n";

int cmd_list(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return PT_OK;
        }
        return pt_cli_usage("list", "onbekende optie");
    }
    if (argc - optind > 1)
        return pt_cli_usage("list", "geef hooguit één soort: assessments, cases of rubrics");
    const char *what = optind < argc ? argv[optind] : "assessments";
    if (strcmp(what, "assessments") != 0 && strcmp(what, "cases") != 0 &&
        strcmp(what, "rubrics") != 0)
        return pt_cli_usage("list", "onbekende lijst \"%s\" (assessments, cases of rubrics)", what);

    struct pt_store store = {0};
    struct pt_buf out = {0};
    char err[512] = "";
    int rc = pt_store_open(pt_store_default_path(cli->db), &store, err, sizeof err);
    if (rc == PT_OK)
        rc = pt_store_list(&store, what, &out, err, sizeof err);
    if (rc != PT_OK)
        pt_cli_error("%s", err);
    else
        rc = pt_cli_write_output(NULL, out.data, out.len);
    pt_buf_free(&out);
    pt_store_close(&store);
    return rc;
}
