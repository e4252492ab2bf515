/*
 * cli.h — the command line: one cmd_<name>() per subcommand (cmd_*.c),
 * dispatched by main.c. Each returns an exit status of cli.md
 * (enum pt_status, plus 4/5 for submissions).
 */
#ifndef PT_CLI_H
#define PT_CLI_H

#include <stdbool.h>

#include "config.h"
#include "diag.h"
#include "http_client.h"
#include "model.h"
#include "store.h"

struct pt_cli {
    const char *db;     /* --db, or NULL */
};

int cmd_assess(struct pt_cli *cli, int argc, char **argv);
int cmd_check(struct pt_cli *cli, int argc, char **argv);
int cmd_import(struct pt_cli *cli, int argc, char **argv);
int cmd_list(struct pt_cli *cli, int argc, char **argv);
int cmd_score(struct pt_cli *cli, int argc, char **argv);
int cmd_report(struct pt_cli *cli, int argc, char **argv);
int cmd_sheet(struct pt_cli *cli, int argc, char **argv);
int cmd_submit(struct pt_cli *cli, int argc, char **argv);
int cmd_outbox(struct pt_cli *cli, int argc, char **argv);
int cmd_serve(struct pt_cli *cli, int argc, char **argv);
int cmd_invite(struct pt_cli *cli, int argc, char **argv);
int cmd_phase(struct pt_cli *cli, int argc, char **argv);

/* Network settings of submit and outbox flush: options first, then the
 * environment and the configuration file (config.h). Pointers are borrowed
 * from argv or the loaded configuration. */
struct pt_net_settings {
    const char *endpoint;
    const char *cacert;
    long timeout, connect_timeout;
};
/* The shared long options, for a command's getopt_long table. */
#define PT_NET_LONG_OPTIONS \
    {"endpoint", required_argument, NULL, 'e'}, \
    {"cacert", required_argument, NULL, 'C'}, \
    {"timeout", required_argument, NULL, 'T'}, \
    {"connect-timeout", required_argument, NULL, 'K'}
/* Handles the shared options ('e' --endpoint, 'C' --cacert, 'T' --timeout,
 * 'K' --connect-timeout): 1 when c was one of them, 0 when not, -1 when
 * its value is bad (the usage error for cmd is printed then). */
int pt_cli_net_option(const char *cmd, struct pt_net_settings *ns, int c, const char *arg);
/* Loads the configuration, checks endpoint and token, prepares the HTTP
 * handle. Prints why not and returns an exit status when it cannot. */
int pt_cli_net_setup(const char *cmd, struct pt_net_settings *ns, bool need_endpoint,
                     struct pt_config *cfg, struct pt_http *http);
/* Opens the database, which must exist already. */
int pt_cli_open_existing_store(struct pt_cli *cli, struct pt_store *store);

/* Prints "praktijktoets: <message>" on stderr. */
void pt_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message and a pointer to help; returns PT_USAGE. */
int pt_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads a toetsmap from a folder or, for an id, from the database. Prints
 * every refusal and returns PT_OK, PT_INVALID or PT_FAILED. When the source
 * is the database and store is not NULL, the opened store is handed back. */
int pt_cli_load(struct pt_cli *cli, const char *source, struct pt_toetsmap *t);

/* Writes text to path ("-" or NULL: stdout) completely, or reports why not. */
int pt_cli_write_output(const char *path, const char *data, size_t len);

#endif
