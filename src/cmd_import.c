/*
 * cmd_import.c — `praktijktoets import DIR [--replace]`: store a toetsmap in
 * one transaction (all of it or nothing).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "toetsmap.h"

static const char help[] =
    "gebruik: praktijktoets import MAP [--replace]\n"
    "\n"
    "Controleert de toetsmap en slaat hem in één transactie op in de database:\n"
    "alles of niets. Een assessment dat al is opgeslagen wordt geweigerd, tenzij\n"
    "--replace: dan worden de casussen en scores vervangen (de revisie telt door).\n";

int cmd_import(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"replace", no_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool replace = false;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            replace = true;
            break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("import", "onbekende optie");
        }
    }
    if (argc - optind != 1)
        return pt_cli_usage("import", "geef precies één toetsmap");
    const char *dir = argv[optind];
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: is geen map (een toetsmap is een map met assessment.json)\n", dir);
        return PT_INVALID;
    }

    struct pt_toetsmap t = {0};
    struct pt_diags diags = {0};
    struct pt_store store = {0};
    char err[512] = "";
    int rc = pt_cli_load(cli, dir, &t);
    if (rc != PT_OK)
        goto cleanup;
    rc = pt_store_open(pt_store_default_path(cli->db), &store, err, sizeof err);
    if (rc != PT_OK) {
        pt_cli_error("%s", err);
        goto cleanup;
    }
    rc = pt_store_import(&store, &t, replace, &diags, err, sizeof err);
    pt_diags_print(&diags, stderr);
    if (rc == PT_FAILED)
        pt_cli_error("%s; er is niets opgeslagen", err);
    if (rc == PT_OK) {
        long revision = 1;
        pt_store_revision(&store, t.assessment->id, &revision, err, sizeof err);
        fprintf(stderr, "Opgeslagen: assessment %s (%zu casussen, %zu scores, revisie %ld) in %s\n",
                t.assessment->id, t.assessment->ncases, t.nscores, revision, store.path);
    }
cleanup:
    pt_store_close(&store);
    pt_diags_free(&diags);
    pt_toetsmap_free(&t);
    return rc;
}
