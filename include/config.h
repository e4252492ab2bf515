/*
 * config.h — where the submission settings come from: the endpoint, the
 * token, the CA file and the timeouts.
 *
 * Order: command-line option, then environment (PRAKTIJKTOETS_ENDPOINT,
 * PRAKTIJKTOETS_TOKEN, PRAKTIJKTOETS_CACERT), then the configuration file:
 * $PRAKTIJKTOETS_CONFIG, else $XDG_CONFIG_HOME/praktijktoets/config, else
 * ~/.config/praktijktoets/config. The file holds "key = value" lines
 * (# comments): endpoint, token, cacert, connect_timeout, timeout. Like ssh,
 * a configuration file that group or others may read is refused, whether or
 * not it holds a token. The token is never printed.
 */
#ifndef PT_CONFIG_H
#define PT_CONFIG_H

#include "status.h"
#include <stddef.h>

struct pt_config {
    char *endpoint;             /* owned; NULL when not set */
    char *token;                /* owned; NULL when not set; wiped on free */
    char *cacert;               /* owned; NULL when not set */
    long connect_timeout;       /* seconds, 0 when not set */
    long timeout;               /* seconds, 0 when not set */
    char *file;                 /* owned; the file that was read, or NULL */
};

/* Reads the environment and the configuration file (a missing file is not
 * an error). Returns PT_OK, or PT_INVALID / PT_FAILED (I/O) with "file:line: reason"
 * in err. */
int pt_config_load(struct pt_config *c, struct pt_error *err);
void pt_config_free(struct pt_config *c);

#endif
