/*
 * cmd_submit.c — `praktijktoets submit ID [--endpoint URL]`: queue the
 * result in the outbox and deliver it.
 */
#include <stdio.h>

#include "cli.h"

static int print_outcome(const char *id, const struct pt_submit_outcome *o)
{
    const struct pt_delivery *d = &o->delivery;
    if (o->already_delivered) {
        fprintf(stderr, "%s (revisie %ld) is al afgeleverd op %s; er is niets veranderd sinds.\n",
                id, o->revision, o->delivered_at);
        return PT_OK;
    }
    if (!o->created)
        fprintf(stderr, "%s (revisie %ld) stond al in de wachtrij; nieuwe poging.\n", id,
                o->revision);
    if (d->state == PT_OUTBOX_DELIVERED) {
        fprintf(stderr, "Ingediend: %s revisie %ld is %s.\n", id, o->revision, d->message);
        return PT_OK;
    }
    if (d->state == PT_OUTBOX_REJECTED) {
        fprintf(stderr, "praktijktoets: %s revisie %ld is %s\n", id, o->revision, d->message);
        return PT_REJECTED;
    }
    fprintf(stderr, "In de wachtrij: %s revisie %ld is nog niet afgeleverd (%s). "
            "Volgende poging over %ld s met: praktijktoets outbox flush\n",
            id, o->revision, d->message, d->delay);
    return PT_PENDING;
}

int cmd_submit(struct pt_cli *cli)
{
    struct pt_net_settings ns;
    int rc = pt_cli_net_options(cli, &ns);
    if (rc != PT_OK)
        return rc;
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één assessment-id");
    struct pt_submit_outcome out;
    struct pt_config cfg = {0};
    struct pt_http http = {0};
    struct pt_error err = {""};
    struct pt_diags diags = {0};
    const char *id = cli->args[0];
    rc = pt_app_net_setup(&ns, true, &cfg, &http, &err);
    if (rc == PT_OK) {
        rc = pt_app_submit(&cli->app, &http, ns.endpoint, id, &out, &diags, &err);
        pt_diags_print(&diags, stderr);
    }
    if (rc == PT_OK)
        rc = print_outcome(id, &out);
    else
        pt_cli_fail(cli, rc, &err);
    pt_diags_free(&diags);
    pt_http_cleanup(&http);
    pt_config_free(&cfg);
    return rc;
}
