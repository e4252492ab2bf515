/*
 * cmd_phase.c — `praktijktoets phase ID [scoring|discussion|closed]`: show
 * or move the phase of an assessment (web.md); every move is logged.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store_web.h"

static const char help[] =
    "gebruik: praktijktoets phase ID [scoring|discussion|closed]\n"
    "\n"
    "Zonder fase: toont de fase van het assessment en het logboek van de\n"
    "wijzigingen. Met een fase: zet het assessment in die fase (scoring →\n"
    "discussion → closed; closed → discussion heropent). Naar discussion gaan\n"
    "terwijl niet iedereen heeft ingeleverd mag: het logboek noemt wie niet.\n";

int cmd_phase(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct pt_store store = {0};
    struct pt_buf out = {0};
    char err[512] = "", who[96];
    enum pt_phase phase;
    int c, rc;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return PT_OK;
        }
        return pt_cli_usage("phase", "onbekende optie");
    }
    int nargs = argc - optind;
    if (nargs < 1 || nargs > 2)
        return pt_cli_usage("phase", "geef een assessment-id en eventueel een fase");
    const char *id = argv[optind];
    if (nargs == 2 && pt_phase_parse(argv[optind + 1], &phase) != 0)
        return pt_cli_usage("phase", "fase is scoring, discussion of closed");
    if ((rc = pt_cli_open_existing_store(cli, &store)) != PT_OK)
        return rc;
    if (nargs == 2) {
        const struct passwd *pw = getpwuid(getuid());
        snprintf(who, sizeof who, "opdrachtregel (%s)", pw ? pw->pw_name : "?");
        rc = pt_web_phase_set(store.db, id, phase, who, err, sizeof err);
    }
    if (rc == PT_OK)
        rc = pt_web_phase(store.db, id, &phase, err, sizeof err);
    if (rc == PT_OK)
        rc = pt_web_phase_log(store.db, id, &out, err, sizeof err);
    if (rc == PT_OK)
        printf("%s: fase %s\n%s", id, pt_phase_name(phase), out.data ? out.data : "");
    if (rc == PT_WEB_CONFLICT)
        rc = PT_INVALID;
    if (rc != PT_OK)
        pt_cli_error("%s", err);
    pt_buf_free(&out);
    pt_store_close(&store);
    return rc;
}
