/*
 * cmd_show.c — `praktijktoets show DIR|ID [CASE] [--format text|html]
 * [-o FILE]`: the cases as the team reads them in the meeting (handout.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "handout.h"

static const char help[] =
    "gebruik: praktijktoets show MAP|ID [CASUS] [--format text|html] [-o BESTAND]\n"
    "\n"
    "Toont de casussen zoals het team ze leest voor het overleg: kenmerken,\n"
    "samenvatting, tijdlijn met datums (en de dagen sinds de vorige gebeurtenis) en\n"
    "de visie van de ouders; met CASUS alleen die casus.\n"
    "  --format text   tekst, afgebroken op 76 tekens (standaard)\n"
    "  --format html   een hand-out om te printen (A4, elke casus op een nieuwe pagina)\n"
    "  -o BESTAND      naar BESTAND in plaats van naar stdout\n";

int cmd_show(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *output = NULL;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("show", "onbekende of onvolledige optie %s", argv[optind - 1]);
        }
    }
    bool html = strcmp(format, "html") == 0;
    if (!html && strcmp(format, "text") != 0)
        return pt_cli_usage("show", "onbekend formaat \"%s\" (text of html)", format);
    if (argc - optind < 1 || argc - optind > 2)
        return pt_cli_usage("show", "geef een toetsmap of assessment-id, en eventueel een casus");

    const char *source = argv[optind], *kase = argc - optind == 2 ? argv[optind + 1] : NULL;
    struct pt_toetsmap t = {0};
    struct pt_buf out = {0};
    long only = -1;
    int rc = pt_cli_load(cli, source, &t);
    if (rc != PT_OK)
        goto cleanup;
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
