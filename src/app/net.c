/*
 * net.c — network set-up, submit and the outbox flush policy (app.h).
 * Never prints: each attempt and pause goes to the caller's callbacks.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int pt_app_net_setup(struct pt_net_settings *ns, bool need_endpoint, struct pt_config *cfg,
                     struct pt_http *http, struct pt_error *err)
{
    int rc = pt_config_load(cfg, err);
    if (rc != 0)
        return rc;
    if (!ns->endpoint)
        ns->endpoint = cfg->endpoint;
    if (!ns->cacert)
        ns->cacert = cfg->cacert;
    if (!ns->timeout)
        ns->timeout = cfg->timeout;
    if (!ns->connect_timeout)
        ns->connect_timeout = cfg->connect_timeout;
    if (need_endpoint && !ns->endpoint) {
        pt_error_set(err, "geen eindpunt: geef --endpoint URL, of zet PRAKTIJKTOETS_ENDPOINT "
                     "of \"endpoint = …\" in het configuratiebestand");
        return PT_USAGE;
    }
    if (ns->endpoint && pt_http_check_url(ns->endpoint, err) != 0)
        return PT_USAGE;
    if (!cfg->token || !*cfg->token) {
        pt_error_set(err, "geen token: zet PRAKTIJKTOETS_TOKEN, of \"token = …\" in het "
                     "configuratiebestand (rechten 600)");
        return PT_USAGE;
    }
    if (ns->cacert && access(ns->cacert, R_OK) != 0) {
        pt_error_set(err, "%s: het CA-bestand kan niet worden gelezen", ns->cacert);
        return PT_INVALID;
    }
    struct pt_http_options opt = {
        .cacert = ns->cacert,
        .timeout = ns->timeout,
        .connect_timeout = ns->connect_timeout,
        .token = cfg->token,
    };
    if (pt_http_init(http, &opt, err) != 0)
        return PT_FAILED;
    /* The jitter of the retries (deliver.c) differs between processes. */
    srandom((unsigned)time(NULL) ^ (unsigned)getpid());
    return PT_OK;
}

int pt_app_benchmark(struct pt_net_settings *ns, const struct pt_toetsmap *t,
                     struct pt_benchmark *bench, bool *have, struct pt_error *note,
                     struct pt_error *err)
{
    struct pt_config cfg = {0};
    struct pt_http http = {0};
    *have = false;
    int rc = pt_app_net_setup(ns, true, &cfg, &http, err);
    if (rc == PT_OK)
        *have = pt_benchmark_fetch(&http, ns->endpoint, t->rubric->id, t->rubric->version,
                                   bench, note) == PT_OK;
    pt_http_cleanup(&http);
    pt_config_free(&cfg);
    return rc;
}

int pt_app_submit(struct pt_app *app, struct pt_http *http, const char *endpoint, const char *id,
                  struct pt_submit_outcome *out, struct pt_diags *diags, struct pt_error *err)
{
    struct pt_store *s = NULL;
    struct pt_outbox_entry e = {0};
    long seq = 0;
    memset(out, 0, sizeof *out);
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    if (rc == PT_OK)
        rc = pt_submit_enqueue(s, id, endpoint, time(NULL), &seq, &out->created, diags, err);
    if (rc == PT_OK)
        rc = pt_outbox_get(s, seq, &e, err);
    if (rc != PT_OK)
        goto cleanup;
    out->revision = e.revision;
    if (e.state == PT_OUTBOX_DELIVERED) {
        out->already_delivered = true;
        snprintf(out->delivered_at, sizeof out->delivered_at, "%s",
                 e.delivered_at ? e.delivered_at : "?");
        goto cleanup;
    }
    /* An explicit --endpoint wins over the one stored with an older row. */
    rc = pt_deliver(s, http, endpoint, &e, time(NULL), &out->delivery, err);
cleanup:
    pt_outbox_entry_free(&e);
    return rc;
}

/* Endpoints that did not answer or asked to slow down in this round. */
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

/* Where the HTTP handle of a flush comes from: set up on first need. */
struct flush_net {
    struct pt_net_settings *ns;
    struct pt_config cfg;
    struct pt_http http;
    bool ready;
};

/* One round: delivers the rows that are due (all pending ones with
 * now_all). Counts are added to out. */
static int flush_round(struct pt_store *s, struct flush_net *net, bool now_all,
                       const struct pt_flush_events *ev, struct pt_flush_outcome *out,
                       struct pt_error *err)
{
    struct pt_outbox_entry *v = NULL;
    struct skip skip = {0};
    size_t n = 0;
    time_t now = time(NULL);
    int rc = pt_outbox_select(s, true, now_all ? (time_t)-1 : now, &v, &n, err);
    if (rc == PT_OK && n > 0 && !net->ready) {
        rc = pt_app_net_setup(net->ns, false, &net->cfg, &net->http, err);
        net->ready = rc == PT_OK;
    }
    if (rc != PT_OK)
        goto cleanup;
    skip.urls = pt_xcalloc(n ? n : 1, sizeof *skip.urls);
    for (size_t i = 0; i < n; i++) {
        const struct pt_outbox_entry *e = &v[i];
        const char *url = net->ns->endpoint ? net->ns->endpoint : e->endpoint;
        if (skipped(&skip, url))
            continue;
        struct pt_delivery d;
        rc = pt_deliver(s, &net->http, net->ns->endpoint, e, time(NULL), &d, err);
        if (rc != PT_OK)
            goto cleanup;
        out->tried++;
        if (ev && ev->attempt)
            ev->attempt(ev->ctx, e, &d);
        if (d.state == PT_OUTBOX_DELIVERED) {
            out->delivered++;
        } else if (d.state == PT_OUTBOX_REJECTED) {
            out->rejected++;
        } else {
            out->failed++;
            if (d.no_answer || d.back_off)
                skip.urls[skip.n++] = url;
        }
    }
cleanup:
    free(skip.urls);
    pt_outbox_entries_free(v, n);
    return rc;
}

/* Seconds to sleep before the next round, or 0 when there is none within
 * the deadline. */
static int next_pause(struct pt_store *s, time_t deadline, long *pause, struct pt_error *err)
{
    long next = 0;
    bool any = false;
    *pause = 0;
    int rc = pt_outbox_next_due(s, &next, &any, err);
    if (rc != PT_OK)
        return rc;
    time_t now = time(NULL);
    if (!any || next > (long)deadline)
        return PT_OK;
    long p = next - (long)now;
    if (p < 1)
        p = 1;
    if (now + p <= deadline)
        *pause = p;
    return PT_OK;
}

int pt_app_flush(struct pt_app *app, struct pt_net_settings *ns, bool now_all, long wait,
                 const struct pt_flush_events *ev, struct pt_flush_outcome *out,
                 struct pt_error *err)
{
    struct pt_store *s = NULL;
    struct flush_net net = {.ns = ns};
    time_t deadline = time(NULL) + (wait > 0 ? wait : 0);
    memset(out, 0, sizeof *out);
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    for (bool first = true; rc == PT_OK; first = false) {
        long pause = 0;
        rc = flush_round(s, &net, now_all && first, ev, out, err);
        if (rc != PT_OK || wait <= 0)
            break;
        rc = next_pause(s, deadline, &pause, err);
        if (rc != PT_OK || pause == 0)
            break;
        if (ev && ev->pause)
            ev->pause(ev->ctx, pause);
        sleep((unsigned)pause);
    }
    if (rc == PT_OK)
        rc = pt_outbox_counts(s, out->counts, err);
    pt_http_cleanup(&net.http);
    pt_config_free(&net.cfg);
    return rc;
}
