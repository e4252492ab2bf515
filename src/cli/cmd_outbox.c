/*
 * cmd_outbox.c — `praktijktoets outbox [list|flush]`: the queue of
 * submissions, and delivering what is due.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "deliver.h"

static const char help[] =
    "gebruik: praktijktoets outbox [list]\n"
    "         praktijktoets outbox flush [--now] [--wait S] [--endpoint URL] [--cacert BESTAND]\n"
    "                                    [--timeout S] [--connect-timeout S]\n"
    "\n"
    "list    de wachtrij: elke inzending met zijn toestand (wacht, afgeleverd,\n"
    "        geweigerd), het aantal pogingen, de volgende poging en de laatste fout\n"
    "flush   levert af wat aan de beurt is (na 1, 2, 4 … seconden, hooguit een uur,\n"
    "        of zo lang als het eindpunt met Retry-After vraagt)\n"
    "  --now           probeer alles wat wacht nu meteen, ook wat nog niet aan de beurt is\n"
    "  --wait S        blijf het tot S seconden opnieuw proberen, telkens zodra iets aan de\n"
    "                  beurt is, tot de wachtrij leeg is\n"
    "  --endpoint URL  lever af bij dit eindpunt in plaats van het opgeslagen eindpunt\n"
    "\n"
    "Een eindpunt dat niet antwoordt of om uitstel vraagt, krijgt in deze ronde\n"
    "niets meer. Draai flush bijvoorbeeld elk kwartier vanuit cron of een systemd-timer.\n"
    "Afsluitcode 0 niets meer in de wachtrij, 4 er wacht nog iets, 5 er is iets geweigerd.\n";

static void when(long t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
}

static int list(struct pt_store *store)
{
    struct pt_outbox_entry *v = NULL;
    size_t n = 0;
    char err[512] = "";
    if (pt_outbox_select(store, false, 0, &v, &n, err, sizeof err) != PT_OK) {
        pt_cli_error("%s", err);
        return PT_FAILED;
    }
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

/* Endpoints that did not answer or asked to slow down in this run. */
struct skip {
    const char **urls;
    size_t n;
};

static bool skipped(const struct skip *s, const char *url)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->urls[i], url) == 0)
            return true;
    return false;
}

/* One round: delivers the rows that are due (all pending ones with
 * now_all). Counts are added to the totals. */
static int flush_round(struct pt_store *store, struct pt_net_settings *ns, bool now_all,
                       struct pt_config *cfg, struct pt_http *http, bool *ready,
                       long *tried, long *delivered, long *rejected, long *failed)
{
    struct pt_outbox_entry *v = NULL;
    struct skip skip = {0};
    size_t n = 0;
    char err[768] = "";
    int rc = PT_FAILED;

    time_t now = time(NULL);
    if (pt_outbox_select(store, true, now_all ? (time_t)-1 : now, &v, &n, err,
                         sizeof err) != PT_OK) {
        pt_cli_error("%s", err);
        goto cleanup;
    }
    if (n > 0 && !*ready) {
        rc = pt_cli_net_setup("outbox", ns, false, cfg, http);
        if (rc != PT_OK)
            goto cleanup;
        *ready = true;
    }
    if (n > 0)
        skip.urls = pt_xcalloc(n, sizeof *skip.urls);
    for (size_t i = 0; i < n; i++) {
        const struct pt_outbox_entry *e = &v[i];
        const char *url = ns->endpoint ? ns->endpoint : e->endpoint;
        if (skipped(&skip, url))
            continue;
        struct pt_delivery d;
        if (pt_deliver(store, http, ns->endpoint, e, time(NULL), &d, err,
                       sizeof err) != PT_OK) {
            pt_cli_error("%s", err);
            rc = PT_FAILED;
            goto cleanup;
        }
        (*tried)++;
        fprintf(stderr, "%s: %s\n", e->key, d.message);
        if (d.state == PT_OUTBOX_DELIVERED) {
            (*delivered)++;
        } else if (d.state == PT_OUTBOX_REJECTED) {
            (*rejected)++;
        } else {
            (*failed)++;
            if (d.no_answer || d.back_off)
                skip.urls[skip.n++] = url;
        }
    }
    rc = PT_OK;
cleanup:
    free(skip.urls);
    pt_outbox_entries_free(v, n);
    return rc;
}

/* Delivers what is due; with wait > 0 keeps going, sleeping until the next
 * attempt is due, until nothing is pending or wait seconds have passed. */
static int flush(struct pt_store *store, struct pt_net_settings *ns, bool now_all, long wait)
{
    struct pt_config cfg = {0};
    struct pt_http http = {0};
    bool ready = false;
    char err[512] = "";
    long tried = 0, delivered = 0, rejected = 0, failed = 0;
    long counts[3];
    time_t deadline = time(NULL) + (wait > 0 ? wait : 0);
    int rc;

    for (bool first = true;; first = false) {
        rc = flush_round(store, ns, now_all && first, &cfg, &http, &ready, &tried, &delivered,
                         &rejected, &failed);
        if (rc != PT_OK || wait <= 0)
            break;
        long next = 0;
        bool any = false;
        if (pt_outbox_next_due(store, &next, &any, err, sizeof err) != PT_OK) {
            pt_cli_error("%s", err);
            rc = PT_FAILED;
            break;
        }
        time_t now = time(NULL);
        if (!any || next > (long)deadline)
            break;
        long pause = next - (long)now;
        if (pause < 1)
            pause = 1;
        if (now + pause > deadline)
            break;
        fprintf(stderr, "Volgende poging over %ld s.\n", pause);
        sleep((unsigned)pause);
    }
    if (rc == PT_OK && pt_outbox_counts(store, counts, err, sizeof err) != PT_OK) {
        pt_cli_error("%s", err);
        rc = PT_FAILED;
    }
    if (rc == PT_OK) {
        if (tried == 0)
            fprintf(stderr, "Niets aan de beurt. ");
        else
            fprintf(stderr, "Afgeleverd: %ld, geweigerd: %ld, mislukt: %ld. ", delivered,
                    rejected, failed);
        fprintf(stderr, "In de wachtrij: %ld.\n", counts[PT_OUTBOX_PENDING]);
        rc = rejected ? PT_REJECTED : counts[PT_OUTBOX_PENDING] ? PT_PENDING : PT_OK;
    }
    pt_http_cleanup(&http);
    pt_config_free(&cfg);
    return rc;
}

int cmd_outbox(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"now", no_argument, NULL, 'n'},
        {"wait", required_argument, NULL, 'w'},
        PT_NET_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct pt_net_settings ns = {0};
    bool now_all = false, net_opts = false;
    long wait = 0;
    char *end = NULL;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return PT_OK;
        }
        if (c == 'n') {
            now_all = true;
            net_opts = true;
            continue;
        }
        if (c == 'w') {
            wait = strtol(optarg, &end, 10);
            if (end == optarg || *end || wait < 1 || wait > 86400)
                return pt_cli_usage("outbox", "--wait is een aantal seconden van 1 tot 86400");
            net_opts = true;
            continue;
        }
        int used = pt_cli_net_option("outbox", &ns, c, optarg);
        if (used < 0)
            return PT_USAGE;
        if (used == 0)
            return pt_cli_usage("outbox", "onbekende of onvolledige optie");
        net_opts = true;
    }
    const char *what = optind < argc ? argv[optind] : "list";
    if (argc - optind > 1)
        return pt_cli_usage("outbox", "te veel argumenten");
    bool is_flush = strcmp(what, "flush") == 0;
    if (!is_flush && strcmp(what, "list") != 0)
        return pt_cli_usage("outbox", "onbekend: \"%s\" (list of flush)", what);
    if (!is_flush && net_opts)
        return pt_cli_usage("outbox", "deze opties horen bij outbox flush");
    if (ns.endpoint) {
        char err[512];
        if (pt_http_check_url(ns.endpoint, err, sizeof err) != 0)
            return pt_cli_usage("outbox", "%s", err);
    }

    struct pt_store store = {0};
    int rc = pt_cli_open_existing_store(cli, &store);
    if (rc == PT_OK)
        rc = is_flush ? flush(&store, &ns, now_all, wait) : list(&store);
    pt_store_close(&store);
    return rc;
}
