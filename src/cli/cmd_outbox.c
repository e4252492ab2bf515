/*
 * cmd_outbox.c — `praktijktoets outbox [list|flush]`: the queue of
 * submissions, and delivering what is due (the policy is pt_app_flush).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void when(long t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static int list(struct pt_cli *cli)
{
    struct pt_outbox_entry *v = NULL;
    size_t n = 0;
    struct pt_error err = {""};
    int rc = pt_app_outbox(&cli->app, &v, &n, &err);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    if (n == 0) {
        fputs("De wachtrij is leeg: er is nog niets ingediend.\n", stderr);
        return PT_OK;
    }
    printf("nr\tinzending\tswv\ttoestand\tpogingen\tvolgende poging\tlaatste antwoord\n");
    time_t now = time(NULL);
    for (size_t i = 0; i < n; i++) {
        const struct pt_outbox_entry *e = &v[i];
        char next[32] = "-";
        if (e->state == PT_OUTBOX_PENDING) {
            if (e->next_attempt <= (long)now)
                snprintf(next, sizeof next, "nu");
            else
                when(e->next_attempt, next, sizeof next);
        }
        const char *last = e->state == PT_OUTBOX_DELIVERED && e->delivered_at
                               ? e->delivered_at : (e->last_error ? e->last_error : "-");
        printf("%ld\t%s\t%s\t%s\t%ld\t%s\t%s\n", e->seq, e->key, e->swv,
               pt_outbox_state_name(e->state), e->attempts, next, last);
    }
    pt_outbox_entries_free(v, n);
    return PT_OK;
}

static void on_attempt(void *ctx, const struct pt_outbox_entry *e, const struct pt_delivery *d)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", e->key, d->message);
}

static void on_pause(void *ctx, long seconds)
{
    (void)ctx;
    fprintf(stderr, "Volgende poging over %ld s.\n", seconds);
}

static int flush(struct pt_cli *cli, struct pt_net_settings *ns, bool now_all, long wait)
{
    struct pt_flush_events ev = {on_attempt, on_pause, NULL};
    struct pt_flush_outcome o;
    struct pt_error err = {""};
    int rc = pt_app_flush(&cli->app, ns, now_all, wait, &ev, &o, &err);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    if (o.tried == 0)
        fprintf(stderr, "Niets aan de beurt. ");
    else
        fprintf(stderr, "Afgeleverd: %ld, geweigerd: %ld, mislukt: %ld. ", o.delivered,
                o.rejected, o.failed);
    fprintf(stderr, "In de wachtrij: %ld.\n", o.counts[PT_OUTBOX_PENDING]);
    return o.rejected ? PT_REJECTED : o.counts[PT_OUTBOX_PENDING] ? PT_PENDING : PT_OK;
}

int cmd_outbox(struct pt_cli *cli)
{
    struct pt_net_settings ns;
    const char *w = pt_cli_opt(cli, PT_OPT_WAIT);
    bool now_all = pt_cli_opt(cli, PT_OPT_NOW) != NULL;
    long wait = 0;
    int rc = pt_cli_net_options(cli, &ns);
    if (rc != PT_OK)
        return rc;
    if (w) {
        char *end = NULL;
        wait = strtol(w, &end, 10);
        if (end == w || *end || wait < 1 || wait > 86400)
            return pt_cli_usage(cli, "--wait is een aantal seconden van 1 tot 86400");
    }
    bool net_opts = now_all || w || ns.endpoint || ns.cacert || ns.timeout || ns.connect_timeout;
    const char *what = cli->nargs ? cli->args[0] : "list";
    if (cli->nargs > 1)
        return pt_cli_usage(cli, "te veel argumenten");
    bool is_flush = strcmp(what, "flush") == 0;
    if (!is_flush && strcmp(what, "list") != 0)
        return pt_cli_usage(cli, "onbekend: \"%s\" (list of flush)", what);
    if (!is_flush && net_opts)
        return pt_cli_usage(cli, "deze opties horen bij outbox flush");
    if (ns.endpoint) {
        struct pt_error err = {""};
        if (pt_http_check_url(ns.endpoint, &err) != 0)
            return pt_cli_usage(cli, "%s", err.msg);
    }
    return is_flush ? flush(cli, &ns, now_all, wait) : list(cli);
}
