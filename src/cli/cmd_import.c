/*
 * cmd_import.c — `praktijktoets import MAP... [--replace]`: store each
 * toetsmap in its own transaction (all of it or nothing of it).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "store_web.h"
#include "toetsmap.h"

static const char help[] =
    "gebruik: praktijktoets import MAP... [--replace]\n"
    "\n"
    "Controleert elke toetsmap en slaat hem in één transactie op in de database:\n"
    "alles of niets van die map. Een assessment dat al is opgeslagen wordt\n"
    "geweigerd, tenzij --replace: dan worden de casussen en scores vervangen (de\n"
    "revisie telt door). Met meer mappen gaat elke map apart: een geweigerde map\n"
    "houdt de andere niet tegen; de uitgangsstatus is dan 3 (of 1 bij een fout\n"
    "van de database).\n";

/* Worst of two exit statuses: a failure (1) over a refusal (3) over done. */
static int worst(int a, int b)
{
    if (a == PT_FAILED || b == PT_FAILED)
        return PT_FAILED;
    return a != PT_OK ? a : b;
}

/* Loads and stores one toetsmap; prints what happened. The database is
 * opened (*opened) with the first toetsmap that loads, so that a wrong
 * folder does not leave an empty database behind. */
static int import_one(struct pt_cli *cli, struct pt_store *store, bool *opened, const char *dir,
                      bool replace)
{
    struct pt_toetsmap t = {0};
    struct pt_diags diags = {0};
    char err[512] = "";
    struct stat st;
    int rc;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: is geen map (een toetsmap is een map met assessment.json)\n", dir);
        return PT_INVALID;
    }
    rc = pt_cli_load(cli, dir, &t);
    if (rc != PT_OK)
        goto cleanup;
    if (!*opened) {
        rc = pt_store_open(pt_store_default_path(cli->db), store, err, sizeof err);
        if (rc != PT_OK) {
            pt_cli_error("%s", err);
            goto cleanup;
        }
        *opened = true;
    }
    rc = pt_web_check_import(store->db, t.assessment->id, replace, err, sizeof err);
    if (rc == PT_OK) /* web.md: a closed assessment is reopened first */
        rc = pt_store_import(store, &t, replace, &diags, err, sizeof err);
    else if (rc == PT_INVALID)
        pt_cli_error("%s", err);
    pt_diags_print(&diags, stderr);
    if (rc == PT_FAILED)
        pt_cli_error("%s; er is niets opgeslagen van %s", err, dir);
    if (rc == PT_OK) {
        long revision = 1;
        pt_store_revision(store, t.assessment->id, &revision, err, sizeof err);
        fprintf(stderr, "Opgeslagen: assessment %s (%zu casussen, %zu scores, revisie %ld) in %s\n",
                t.assessment->id, t.assessment->ncases, t.nscores, revision, store->path);
    }
cleanup:
    pt_diags_free(&diags);
    pt_toetsmap_free(&t);
    return rc;
}

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
    if (argc - optind < 1)
        return pt_cli_usage("import", "geef een toetsmap (of meer)");

    struct pt_store store = {0};
    int rc = PT_OK, nmaps = argc - optind, stored = 0;
    bool opened = false;
    for (int i = optind; i < argc; i++) {
        int one = import_one(cli, &store, &opened, argv[i], replace);
        if (one == PT_OK)
            stored++;
        rc = worst(rc, one);
    }
    if (nmaps > 1)
        fprintf(stderr, "%d van de %d toetsmappen opgeslagen\n", stored, nmaps);
    pt_store_close(&store);
    return rc;
}
