/*
 * cmd_sheet.c — `praktijktoets sheet DIR|ID --rater R [-o FILE]`: a blank
 * CSV score sheet for one mirror-team member.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sheet.h"

static const char help[] =
    "gebruik: praktijktoets sheet MAP|ID --rater R [-o BESTAND]\n"
    "\n"
    "Schrijft een leeg scoreblad (CSV met ';', UTF-8) voor beoordelaar R: één regel per\n"
    "casus en criterium, met de vraag en de schaal. Vul de kolom niveau in met een\n"
    "spreadsheet, sla op als CSV, zet het bestand in scores/ van de toetsmap en\n"
    "importeer. Lege regels tellen niet als score. Zonder -o naar stdout.\n";

int cmd_sheet(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rater", required_argument, NULL, 'r'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *rater = NULL, *output = NULL;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'r': rater = optarg; break;
        case 'o': output = optarg; break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("sheet", "onbekende of onvolledige optie");
        }
    }
    if (argc - optind != 1)
        return pt_cli_usage("sheet", "geef precies één toetsmap of assessment-id");
    if (!rater)
        return pt_cli_usage("sheet", "--rater is verplicht");

    struct pt_toetsmap t = {0};
    struct pt_buf out = {0};
    int rc = pt_cli_load(cli, argv[optind], &t);
    if (rc != PT_OK)
        goto cleanup;
    long ri = pt_assessment_rater(t.assessment, rater);
    if (ri < 0) {
        fprintf(stderr, "%s: beoordelaar \"%s\" staat niet in het team van %s\n",
                argv[optind], rater, t.assessment->id);
        rc = PT_INVALID;
        goto cleanup;
    }
    pt_sheet_write_blank(&t, (size_t)ri, &out);
    rc = pt_cli_write_output(output, out.data, out.len);
    if (rc == PT_OK && output)
        fprintf(stderr, "Scoreblad voor %s geschreven naar %s (%zu regels)\n", rater, output,
                t.assessment->ncases * t.rubric->ncriteria);
cleanup:
    pt_buf_free(&out);
    pt_toetsmap_free(&t);
    return rc;
}
