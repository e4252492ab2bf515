/*
 * deliver.h — queueing a result and delivering queued submissions
 * (submission.md): load → score → build the body → store it in the outbox
 * (one transaction) → POST it → record what the server said.
 */
#ifndef PT_DELIVER_H
#define PT_DELIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "http_client.h"
#include "outbox.h"
#include "store.h"

/* What one attempt came to. */
struct pt_delivery {
    enum pt_outbox_state state;
    long status;                /* HTTP status, 0 when no answer */
    long delay;                 /* seconds until the next attempt (pending) */
    bool no_answer;             /* DNS, connect, TLS, timeout, dropped */
    bool back_off;              /* the endpoint asked us to slow down (408/429/5xx) */
    char message[512];          /* Dutch; the server's message where it gave one */
};

/* In one BEGIN IMMEDIATE transaction: loads stored assessment id, scores
 * it, builds the body at its current revision and puts it in the outbox
 * (unless that revision is there already). *seq is the outbox row.
 * PT_INVALID with diagnostics when the assessment is not stored or not
 * valid; PT_FAILED with err on database errors. */
int pt_submit_enqueue(struct pt_store *s, const char *id, const char *endpoint, time_t now,
                      long *seq, bool *created, struct pt_diags *diags,
                      struct pt_error *err);

/* Decides what a response means for the row (the table of submission.md).
 * attempts counts this attempt; u in [0, 1) is the jitter; location is a
 * redirect's Location or NULL (a redirect keeps the row pending: "het
 * eindpunt is verhuisd naar …", for the user to fix the endpoint). Pure. */
void pt_delivery_classify(long status, const char *body, long retry_after,
                          const char *location, long attempts, double u,
                          struct pt_delivery *out);

/* Sends row e to endpoint (e->endpoint when NULL) with the handle's token
 * and records the outcome in the store. Returns PT_OK when the attempt was
 * made and recorded (out says how it went), PT_FAILED with err when the
 * store could not record it. The token never appears in out or err. */
int pt_deliver(struct pt_store *s, struct pt_http *http, const char *endpoint,
               const struct pt_outbox_entry *e, time_t now, struct pt_delivery *out,
               struct pt_error *err);

#endif
