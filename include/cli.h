/*
 * cli.h — the command line: arguments are parsed once, by one declarative
 * table of commands and options (src/cli/options.c, which also holds every
 * usage and help text); each command (cmd_<name>.c) only reads the parsed
 * values, calls the application layer (app.h) and prints. Exit statuses are
 * those of cli.md (enum pt_status).
 */
#ifndef PT_CLI_H
#define PT_CLI_H

#include <stdbool.h>

#include "app.h"
#include "diag.h"
#include "status.h"

/* Every option of every command. */
enum pt_opt {
    PT_OPT_DB, PT_OPT_HELP,
    PT_OPT_FORMAT, PT_OPT_AUDIENCE, PT_OPT_OUTPUT, PT_OPT_BENCHMARK,
    PT_OPT_ENDPOINT, PT_OPT_CACERT, PT_OPT_TIMEOUT, PT_OPT_CONNECT_TIMEOUT,
    PT_OPT_RATER, PT_OPT_CASE, PT_OPT_CRITERION, PT_OPT_LEVEL, PT_OPT_COMMENT,
    PT_OPT_REPLACE, PT_OPT_DISCARD_CORRECTIONS, PT_OPT_NOW, PT_OPT_WAIT, PT_OPT_RUBRIC,
    /* web (issue 12) */
    PT_OPT_LISTEN, PT_OPT_PUBLIC_URL, PT_OPT_TLS_CERT, PT_OPT_TLS_KEY, PT_OPT_QUIET,
    PT_OPT_COORDINATOR, PT_OPT_READER, PT_OPT_DAYS, PT_OPT_LIST, PT_OPT_REVOKE,
    PT_OPT_COUNT
};

/* The parsed command line. */
struct pt_cli {
    struct pt_app app;              /* app.db_path is --db */
    const char *command;            /* its name */
    const char *value[PT_OPT_COUNT];    /* the value of each option given; "" for a flag */
    char **args;                    /* the operands */
    int nargs;
};

/* Runs the program: parses argv, runs the command, returns the exit status. */
int pt_cli_main(int argc, char **argv);
/* issue 16: the correction log and the cases for the meeting */
int cmd_log(struct pt_cli *cli);
int cmd_show(struct pt_cli *cli);
/* web (issue 12): the mirror team's web app */
int cmd_serve(struct pt_cli *cli);
int cmd_invite(struct pt_cli *cli);
int cmd_phase(struct pt_cli *cli);

int cmd_assess(struct pt_cli *cli);
int cmd_check(struct pt_cli *cli);
int cmd_import(struct pt_cli *cli);
int cmd_list(struct pt_cli *cli);
int cmd_score(struct pt_cli *cli);
int cmd_report(struct pt_cli *cli);
int cmd_sheet(struct pt_cli *cli);
int cmd_submit(struct pt_cli *cli);
int cmd_outbox(struct pt_cli *cli);

/* The value of option o, or NULL when it was not given. */
static inline const char *pt_cli_opt(const struct pt_cli *cli, enum pt_opt o)
{
    return cli->value[o];
}

/* The network options (--endpoint, --cacert, --timeout, --connect-timeout)
 * into ns. PT_USAGE (printed) when a number is bad. */
int pt_cli_net_options(const struct pt_cli *cli, struct pt_net_settings *ns);

/* Prints "praktijktoets: <message>" on stderr. */
void pt_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error of the current command: the message and a pointer to
 * help; returns PT_USAGE. */
int pt_cli_usage(const struct pt_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints a failed status of the application layer the one way: PT_USAGE as
 * a usage error, anything else as "praktijktoets: <message>". Returns rc. */
int pt_cli_fail(const struct pt_cli *cli, int rc, const struct pt_error *err);

/* Writes text to path ("-" or NULL: stdout) completely, or reports why not. */
int pt_cli_write_output(const char *path, const char *data, size_t len);

#endif
