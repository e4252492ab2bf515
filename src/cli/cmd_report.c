/*
 * cmd_report.c — `praktijktoets report ID|DIR --format html|md|json|csv
 * [--audience team|swv|opr] [-o FILE] [--benchmark]`.
 */
#include <stdio.h>
#include <string.h>

#include "benchmark.h"
#include "cli.h"
#include "report.h"

/* The national distribution for report --benchmark; without it the report
 * is made all the same, with a note. */
static int fetch_benchmark(struct pt_cli *cli, const struct pt_toetsmap *t,
                           struct pt_benchmark *bench, bool *have)
{
    struct pt_net_settings ns;
    struct pt_error err = {""}, note = {""};
    int rc = pt_cli_net_options(cli, &ns);
    if (rc == PT_OK)
        rc = pt_app_benchmark(&ns, t, bench, have, &note, &err);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    if (!*have)
        fprintf(stderr, "praktijktoets: %s; rapport zonder landelijke vergelijking.\n", note.msg);
    return PT_OK;
}

/* Loads and scores what the report is about; PT_OK or the status printed. */
static int load(struct pt_cli *cli, struct pt_toetsmap *t)
{
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_app_load(&cli->app, cli->args[0], t, &diags, &err);
    pt_diags_print(&diags, stderr);
    pt_diags_free(&diags);
    return pt_cli_fail(cli, rc, &err);
}

int cmd_report(struct pt_cli *cli)
{
    const char *format = pt_cli_opt(cli, PT_OPT_FORMAT);
    const char *audience = pt_cli_opt(cli, PT_OPT_AUDIENCE);
    const char *output = pt_cli_opt(cli, PT_OPT_OUTPUT);
    enum pt_report_format fmt;
    enum pt_audience aud;
    if (!format || pt_report_format_parse(format, &fmt) != 0)
        return pt_cli_usage(cli, "--format is html, md, json of csv");
    if (pt_audience_parse(audience ? audience : "swv", &aud) != 0)
        return pt_cli_usage(cli, "--audience is team, swv of opr");
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één toetsmap of assessment-id");

    struct pt_toetsmap t = {0}, pt = {0};
    struct pt_result res = {0}, prev = {0};
    struct pt_buf out = {0};
    struct pt_benchmark bench = {0};
    bool have_prev = false, have_bench = false;
    int rc = load(cli, &t);
    if (rc != PT_OK)
        goto cleanup;
    if (t.assessment->previous) {
        struct pt_error note = {""};
        have_prev = pt_app_load_previous(&cli->app, &t, &pt, &prev, &note) == PT_OK;
        if (!have_prev)
            fprintf(stderr, "%s\n", note.msg);
    }
    if (pt_cli_opt(cli, PT_OPT_BENCHMARK) &&
        (rc = fetch_benchmark(cli, &t, &bench, &have_bench)) != PT_OK)
        goto cleanup;
    pt_score_compute(&t, &res);
    if (pt_report_write_ex(&res, have_prev ? &prev : NULL, have_bench ? &bench : NULL, fmt, aud,
                           &out) != 0) {
        pt_cli_error("het rapport kan niet worden opgebouwd");
        rc = PT_FAILED;
        goto cleanup;
    }
    rc = pt_cli_write_output(output, out.data, out.len);
    if (rc == PT_OK && output && strcmp(output, "-") != 0)
        fprintf(stderr, "Rapport (%s, %s) geschreven naar %s\n", format,
                audience ? audience : "swv", output);
cleanup:
    pt_benchmark_free(&bench);
    pt_buf_free(&out);
    pt_result_free(&prev);
    pt_toetsmap_free(&pt);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
    return rc;
}
