/*
 * cmd_submit.c — `praktijktoets submit ID [--endpoint URL]`: queue the
 * result in the outbox and deliver it; and the settings both submit and
 * outbox need (endpoint, token, CA file, timeouts).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "deliver.h"

static const char help[] =
    "gebruik: praktijktoets submit ID [--endpoint URL] [--cacert BESTAND]\n"
    "                             [--timeout S] [--connect-timeout S]\n"
    "\n"
    "Zet het resultaat van een opgeslagen assessment in de wachtrij (de outbox in de\n"
    "database) en levert het af bij het centrale eindpunt. Er gaan alleen getallen,\n"
    "statussen en id's mee: geen casustekst, geen toelichtingen, geen beoordelaars.\n"
    "Wat niet meteen lukt, blijft in de wachtrij: praktijktoets outbox flush.\n"
    "\n"
    "  --endpoint URL      het centrale eindpunt (https://…; http:// alleen naar 127.0.0.1)\n"
    "  --cacert BESTAND    de CA waarmee het certificaat van het eindpunt wordt gecontroleerd\n"
    "  --timeout S         hoe lang één verzending mag duren (standaard 60)\n"
    "  --connect-timeout S hoe lang het verbinden mag duren (standaard 10)\n"
    "\n"
    "Token: $PRAKTIJKTOETS_TOKEN of \"token = …\" in het configuratiebestand\n"
    "($PRAKTIJKTOETS_CONFIG, anders ~/.config/praktijktoets/config, rechten 600).\n"
    "Afsluitcode 0 afgeleverd, 4 in de wachtrij (wordt opnieuw geprobeerd),\n"
    "5 geweigerd door het eindpunt.\n";

int cmd_submit(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        PT_NET_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct pt_net_settings ns = {0};
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return PT_OK;
        }
        int used = pt_cli_net_option("submit", &ns, c, optarg);
        if (used < 0)
            return PT_USAGE;
        if (used == 0)
            return pt_cli_usage("submit", "onbekende of onvolledige optie");
    }
    if (argc - optind != 1)
        return pt_cli_usage("submit", "geef precies één assessment-id");
    const char *id = argv[optind];

    struct pt_config cfg = {0};
    struct pt_http http = {0};
    struct pt_store store = {0};
    struct pt_diags diags = {0};
    struct pt_outbox_entry e = {0};
    char err[768] = "";
    int rc = pt_cli_net_setup("submit", &ns, true, &cfg, &http);
    if (rc != PT_OK)
        goto cleanup;
    rc = pt_cli_open_existing_store(cli, &store);
    if (rc != PT_OK)
        goto cleanup;

    long seq = 0;
    bool created = false;
    time_t now = time(NULL);
    rc = pt_submit_enqueue(&store, id, ns.endpoint, now, &seq, &created, &diags, err, sizeof err);
    pt_diags_print(&diags, stderr);
    if (rc != PT_OK) {
        if (rc == PT_FAILED)
            pt_cli_error("%s", err);
        goto cleanup;
    }
    rc = pt_outbox_get(&store, seq, &e, err, sizeof err);
    if (rc != PT_OK) {
        pt_cli_error("%s", err);
        goto cleanup;
    }
    if (e.state == PT_OUTBOX_DELIVERED) {
        fprintf(stderr, "%s (revisie %ld) is al afgeleverd op %s; er is niets veranderd sinds.\n",
                id, e.revision, e.delivered_at ? e.delivered_at : "?");
        rc = PT_OK;
        goto cleanup;
    }
    if (!created)
        fprintf(stderr, "%s (revisie %ld) stond al in de wachtrij; nieuwe poging.\n", id,
                e.revision);
    struct pt_delivery d;
    /* An explicit --endpoint wins over the one stored with an older row. */
    rc = pt_deliver(&store, &http, ns.endpoint, &e, time(NULL), &d, err, sizeof err);
    if (rc != PT_OK) {
        pt_cli_error("%s", err);
        goto cleanup;
    }
    if (d.state == PT_OUTBOX_DELIVERED) {
        fprintf(stderr, "Ingediend: %s revisie %ld is %s.\n", id, e.revision, d.message);
        rc = PT_OK;
    } else if (d.state == PT_OUTBOX_REJECTED) {
        fprintf(stderr, "praktijktoets: %s revisie %ld is %s\n", id, e.revision, d.message);
        rc = PT_REJECTED;
    } else {
        fprintf(stderr, "In de wachtrij: %s revisie %ld is nog niet afgeleverd (%s). "
                "Volgende poging over %ld s met: praktijktoets outbox flush\n",
                id, e.revision, d.message, d.delay);
        rc = PT_PENDING;
    }
cleanup:
    pt_outbox_entry_free(&e);
    pt_diags_free(&diags);
    pt_store_close(&store);
    pt_http_cleanup(&http);
    pt_config_free(&cfg);
    return rc;
}
