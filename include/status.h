/*
 * status.h — the one error convention of the library and the commands.
 *
 * A function that can fail for a reason returns an enum pt_status and, when
 * it is not PT_OK, fills a struct pt_error with one Dutch line naming the
 * file, the place and the reason (never pupil data). Problems in input that
 * a user can fix are diagnostics (diag.h) and PT_INVALID. Out of memory is
 * not a status: pt_xmalloc and friends (util.h) end the program.
 * The values are the exit statuses of cli.md.
 */
#ifndef PT_STATUS_H
#define PT_STATUS_H

#include <stddef.h>

enum pt_status {
    PT_OK = 0,
    PT_FAILED = 1,
    PT_USAGE = 2,
    PT_INVALID = 3,
    PT_PENDING = 4,     /* submission queued, not delivered yet */
    PT_REJECTED = 5,    /* submission rejected by the central endpoint */
};

/* Why an operation failed: one Dutch line. Initialise with {0} (or "") —
 * an empty message means none was set. */
struct pt_error {
    char msg[768];
};

/* Sets the message (printf format); returns PT_FAILED, for
 * `return pt_error_set(err, ...)`. */
int pt_error_set(struct pt_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A system error (errno value) in Dutch, e.g. ENOENT "bestaat niet". */
const char *pt_errno_text(int errnum);

#endif
