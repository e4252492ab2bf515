/*
 * cmd_score.c — `praktijktoets score ID --rater R --case C --criterion K
 * --level L [--comment TEXT]`: record or correct one score.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "store_web.h"

static const char help[] =
    "gebruik: praktijktoets score ID --rater R --case C --criterion K --level L [--comment TEKST]\n"
    "\n"
    "Legt één score vast in een opgeslagen assessment, of corrigeert hem. L is een\n"
    "waarde van de schaal van de rubric, of nvt waar het criterium dat toestaat.\n"
    "Zonder --comment blijft een eerdere toelichting staan. Elke wijziging verhoogt\n"
    "de revisie van het assessment en komt in het logboek van correcties.\n";

int cmd_score(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"rater", required_argument, NULL, 'r'},
        {"case", required_argument, NULL, 'c'},
        {"criterion", required_argument, NULL, 'k'},
        {"level", required_argument, NULL, 'l'},
        {"comment", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *rater = NULL, *kase = NULL, *crit = NULL, *level = NULL, *comment = NULL;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': rater = optarg; break;
        case 'c': kase = optarg; break;
        case 'k': crit = optarg; break;
        case 'l': level = optarg; break;
        case 'm': comment = optarg; break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("score", "onbekende of onvolledige optie");
        }
    }
    if (argc - optind != 1)
        return pt_cli_usage("score", "geef precies één assessment-id");
    if (!rater || !kase || !crit || !level)
        return pt_cli_usage("score", "--rater, --case, --criterion en --level zijn verplicht");

    const char *id = argv[optind];
    struct pt_store store = {0};
    struct pt_diags diags = {0};
    char err[512] = "";
    bool changed = false;
    int rc = pt_cli_open_existing_store(cli, &store);
    if (rc != PT_OK)
        return rc;
    rc = pt_web_check_score(store.db, id, err, sizeof err); /* web.md: phases */
    if (rc == PT_OK)
        rc = pt_store_set_score(&store, id, rater, kase, crit, level, comment, &changed, &diags,
                                err, sizeof err);
    else if (rc == PT_INVALID)
        pt_cli_error("%s", err);
    pt_diags_print(&diags, stderr);
    if (rc == PT_FAILED)
        pt_cli_error("%s", err);
    if (rc == PT_OK) {
        long revision = 0;
        pt_store_revision(&store, id, &revision, err, sizeof err);
        if (changed)
            fprintf(stderr, "Vastgelegd: %s, casus %s, %s = %s (revisie %ld)\n", rater, kase,
                    crit, level, revision);
        else
            fprintf(stderr, "Ongewijzigd: %s, casus %s, %s had al %s (revisie %ld)\n", rater,
                    kase, crit, level, revision);
    }
    pt_diags_free(&diags);
    pt_store_close(&store);
    return rc;
}
