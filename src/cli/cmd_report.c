/*
 * cmd_report.c — `praktijktoets report ID|DIR --format html|md|json|csv
 * [--audience team|swv|opr] [-o FILE]`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "benchmark.h"
#include "cli.h"
#include "report.h"

static const char help[] =
    "gebruik: praktijktoets report MAP|ID --format html|md|json|csv [--audience team|swv|opr] [-o BESTAND]\n"
    "                              [--benchmark [--endpoint URL] [--cacert BESTAND]]\n"
    "\n"
    "Schrijft het terugkoppelrapport. --audience team toont alles, ook welke\n"
    "beoordelaar wat gaf; swv en opr zien niveaus en toelichtingen per geleding,\n"
    "nooit per beoordelaar (standaard: swv). Zonder -o naar stdout.\n"
    "\n"
    "  --benchmark   haalt bij het centrale eindpunt de landelijke verdeling op (alleen\n"
    "                de rubric gaat mee) en zet de domeinscores ernaast; het eindpunt en\n"
    "                het token komen uit --endpoint, de omgeving of het configuratiebestand\n"
    "                (zie praktijktoets submit --help). Lukt dat niet, dan volgt het\n"
    "                rapport zonder vergelijking, met een melding.\n";

/* The trend needs the previous assessment from the database; without it
 * the report is made all the same, with a note on stderr. */
static bool load_previous(struct pt_cli *cli, const char *id, struct pt_toetsmap *t,
                          struct pt_result *res)
{
    const char *path = pt_store_default_path(cli->db);
    struct pt_store store;
    struct pt_diags diags = {0};
    char err[512] = "";
    bool ok = false;
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "Vorige praktijktoets %s: geen database %s; rapport zonder ontwikkeling.\n",
                id, path);
        return false;
    }
    if (pt_store_open(path, &store, err, sizeof err) != PT_OK) {
        fprintf(stderr, "%s; rapport zonder ontwikkeling.\n", err);
        return false;
    }
    if (pt_store_load(&store, id, t, &diags, err, sizeof err) == PT_OK &&
        pt_score_compute(t, res) == 0)
        ok = true;
    else
        fprintf(stderr, "Vorige praktijktoets %s staat niet (leesbaar) in %s; rapport zonder "
                "ontwikkeling.\n", id, path);
    pt_diags_free(&diags);
    pt_store_close(&store);
    return ok;
}

int cmd_report(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"audience", required_argument, NULL, 'a'},
        {"output", required_argument, NULL, 'o'},
        {"benchmark", no_argument, NULL, 'b'},
        PT_NET_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = NULL, *audience = "swv", *output = NULL;
    struct pt_net_settings ns = {0};
    bool want_bench = false;
    int c, used;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'a': audience = optarg; break;
        case 'o': output = optarg; break;
        case 'b': want_bench = true; break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            used = pt_cli_net_option("report", &ns, c, optarg);
            if (used < 0)
                return PT_USAGE;
            if (used == 0)
                return pt_cli_usage("report", "onbekende of onvolledige optie");
        }
    }
    enum pt_report_format fmt;
    enum pt_audience aud;
    if (!format || pt_report_format_parse(format, &fmt) != 0)
        return pt_cli_usage("report", "--format is html, md, json of csv");
    if (pt_audience_parse(audience, &aud) != 0)
        return pt_cli_usage("report", "--audience is team, swv of opr");
    if (argc - optind != 1)
        return pt_cli_usage("report", "geef precies één toetsmap of assessment-id");

    struct pt_toetsmap t = {0}, pt = {0};
    struct pt_result res = {0}, prev = {0};
    struct pt_buf out = {0};
    struct pt_config cfg = {0};
    struct pt_http http = {0};
    struct pt_benchmark bench = {0};
    bool have_prev = false, have_bench = false;
    int rc = pt_cli_load(cli, argv[optind], &t);
    if (rc != PT_OK)
        goto cleanup;
    rc = PT_FAILED;
    if (t.assessment->previous)
        have_prev = load_previous(cli, t.assessment->previous, &pt, &prev);
    if (want_bench) {
        rc = pt_cli_net_setup("report", &ns, true, &cfg, &http);
        if (rc != PT_OK)
            goto cleanup;
        rc = PT_FAILED;
        char err[768] = "";
        if (pt_benchmark_fetch(&http, ns.endpoint, t.rubric->id, t.rubric->version,
                               &bench, err, sizeof err) == 0)
            have_bench = true;
        else
            fprintf(stderr, "praktijktoets: %s; rapport zonder landelijke vergelijking.\n", err);
    }
    if (pt_score_compute(&t, &res) != 0 ||
        pt_report_write_ex(&res, have_prev ? &prev : NULL, have_bench ? &bench : NULL, fmt, aud,
                           &out) != 0) {
        pt_cli_error("onvoldoende geheugen");
        goto cleanup;
    }
    rc = pt_cli_write_output(output, out.data, out.len);
cleanup:
    pt_benchmark_free(&bench);
    pt_http_cleanup(&http);
    pt_config_free(&cfg);
    pt_buf_free(&out);
    pt_result_free(&prev);
    pt_toetsmap_free(&pt);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
    return rc;
}
