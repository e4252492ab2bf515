/*
 * outbox.h — where a submission waits: the outbox table of the store
 * (submission.md, "The client's outbox").
 *
 * A row is never deleted. It is pending, delivered or rejected. Each failed
 * attempt pushes next_attempt back: 1 s, 2 s, 4 s … capped at one hour,
 * plus up to 25 % jitter, or exactly as long as the server's Retry-After
 * (clamped to 1 s … 1 h). Every change is one BEGIN IMMEDIATE transaction.
 */
#ifndef PT_OUTBOX_H
#define PT_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "store.h"

#define PT_OUTBOX_MAX_DELAY 3600L

enum pt_outbox_state { PT_OUTBOX_PENDING, PT_OUTBOX_DELIVERED, PT_OUTBOX_REJECTED };

struct pt_outbox_entry {
    long seq;
    char *key;                  /* Idempotency-Key, "{assessment}/{revision}" */
    char *assessment;
    long revision;
    char *swv;
    char *endpoint;
    char *body;                 /* the exact bytes that are sent */
    enum pt_outbox_state state;
    long attempts;
    long next_attempt;          /* unix seconds */
    long last_status;           /* 0 when no answer yet */
    char *last_error;           /* may be NULL */
    char *created_at, *delivered_at;    /* delivered_at may be NULL */
};

void pt_outbox_entry_free(struct pt_outbox_entry *e);
void pt_outbox_entries_free(struct pt_outbox_entry *e, size_t n);
const char *pt_outbox_state_name(enum pt_outbox_state s);     /* Dutch */

/* Adds a pending row for key unless one exists, in the caller's
 * transaction. *seq is the row (new or existing), *created whether it is
 * new. An existing rejected row is made pending again (a user who fixed the
 * token submits again). */
int pt_outbox_put(struct pt_store *s, const char *key, const char *assessment, long revision,
                  const char *swv, const char *endpoint, const char *body, time_t now,
                  long *seq, bool *created, struct pt_error *err);

/* Reads one row; PT_INVALID when there is none. */
int pt_outbox_get(struct pt_store *s, long seq, struct pt_outbox_entry *e,
                  struct pt_error *err);

/* Rows by seq. Only pending rows due at now when due_only (all pending
 * rows when now < 0); every row otherwise. Caller frees the array with
 * pt_outbox_entries_free. */
int pt_outbox_select(struct pt_store *s, bool due_only, time_t now,
                     struct pt_outbox_entry **out, size_t *n, struct pt_error *err);

/* The earliest next attempt of a pending row; *any false when none. */
int pt_outbox_next_due(struct pt_store *s, long *next, bool *any, struct pt_error *err);

/* Number of rows per state. */
int pt_outbox_counts(struct pt_store *s, long counts[3], struct pt_error *err);

/* Records the outcome of one attempt, in its own transaction. For a pending
 * outcome, delay is the number of seconds until the next attempt. A row
 * that is already delivered stays delivered (another process got there
 * first). */
int pt_outbox_record(struct pt_store *s, long seq, enum pt_outbox_state state,
                     long http_status, const char *error, long delay, time_t now,
                     struct pt_error *err);

/* Seconds to wait after the attempts-th failed attempt (1, 2, 4 … 3600),
 * plus jitter: u in [0, 1) adds up to 25 %, never beyond the cap. */
long pt_outbox_backoff(long attempts, double u);

/* The wait after a Retry-After of retry_after seconds (-1: none), or the
 * backoff when there is none. */
long pt_outbox_delay(long attempts, long retry_after, double u);

#endif
