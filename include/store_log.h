/*
 * store_log.h — reading the correction log of a stored assessment (table
 * score_log, see store.h): every change the score command made, with the
 * value it replaced. Rows only; printing is the command line's (cmd_log.c).
 */
#ifndef PT_STORE_LOG_H
#define PT_STORE_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "status.h"
#include "store.h"

struct pt_log_value {
    bool present;           /* false: there was no score (only for the old value) */
    bool nvt;
    long level;             /* when present and not nvt */
    const char *comment;    /* may be NULL */
};

struct pt_log_entry {
    long seq;
    long revision;          /* the revision this change made */
    const char *at;         /* UTC, YYYY-MM-DDTHH:MM:SSZ */
    const char *case_id, *criterion, *rater;
    const char *source;     /* what wrote it: "praktijktoets score", the web app */
    const char *who;        /* web app: the coordinator's link; NULL for score */
    const char *reason;     /* web app: the reason given; NULL for score */
    struct pt_log_value old, new;
};

struct pt_log {
    struct pt_log_entry *items;     /* oldest first */
    size_t n;
    struct pt_arena arena;          /* the strings */
};

/* The correction log of assessment id, oldest first. PT_INVALID with a
 * Dutch reason in err when the assessment is not stored, PT_FAILED on a
 * database error. Free with pt_log_free (also after a failure). */
int pt_store_log(struct pt_store *s, const char *id, struct pt_log *log,
                 struct pt_error *err);
void pt_log_free(struct pt_log *log);

#endif
