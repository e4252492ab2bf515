/*
 * cmd_assess.c — `praktijktoets assess DIR|ID [--format text|json]`:
 * score a toetsmap (writing nothing) or a stored assessment.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json_write.h"
#include "result.h"
#include "score.h"

static const char help[] =
    "gebruik: praktijktoets assess MAP|ID [--format text|json]\n"
    "\n"
    "Scoort een toetsmap (er wordt niets opgeslagen) of een opgeslagen assessment.\n"
    "  --format text   een leesbare samenvatting (standaard)\n"
    "  --format json   het resultaatobject praktijktoets-result/1 op stdout\n";

int cmd_assess(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text";
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hf:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("assess", "onbekende of onvolledige optie");
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return pt_cli_usage("assess", "--format is text of json, niet \"%s\"", format);
    if (argc - optind != 1)
        return pt_cli_usage("assess", "geef precies één toetsmap of assessment-id");

    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    struct pt_buf out = {0};
    cJSON *json = NULL;
    int rc = pt_cli_load(cli, argv[optind], &t);
    if (rc != PT_OK)
        goto cleanup;
    rc = PT_FAILED;
    if (pt_score_compute(&t, &res) != 0) {
        pt_cli_error("onvoldoende geheugen");
        goto cleanup;
    }
    if (strcmp(format, "json") == 0) {
        json = pt_result_to_json(&res);
        if (!json || !pt_json_write(&out, json, true)) {
            pt_cli_error("onvoldoende geheugen");
            goto cleanup;
        }
        pt_buf_addc(&out, '\n');
    } else {
        pt_result_summary(&res, &out);
    }
    rc = pt_cli_write_output(NULL, out.data, out.len);
cleanup:
    cJSON_Delete(json);
    pt_buf_free(&out);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
    return rc;
}
