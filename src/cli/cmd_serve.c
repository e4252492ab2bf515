/*
 * cmd_serve.c — `praktijktoets serve [--listen ADDR:PORT] [--public-url URL]
 * [--tls-cert FILE --tls-key FILE]`: the mirror team's web app (web.md)
 * until SIGINT or SIGTERM.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "web.h"

int cmd_serve(struct pt_cli *cli)
{
    struct pt_web_options o = {
        .listen = pt_cli_opt(cli, PT_OPT_LISTEN) ? pt_cli_opt(cli, PT_OPT_LISTEN)
                                                 : "127.0.0.1:8080",
        .public_url = pt_cli_opt(cli, PT_OPT_PUBLIC_URL),
        .tls_cert = pt_cli_opt(cli, PT_OPT_TLS_CERT),
        .tls_key = pt_cli_opt(cli, PT_OPT_TLS_KEY),
        .quiet = pt_cli_opt(cli, PT_OPT_QUIET) != NULL,
    };
    struct pt_web *w = NULL;
    struct pt_store *store = NULL;
    struct pt_error err = {""};
    unsigned port = 0;
    int sig = 0;
    if (cli->nargs != 0)
        return pt_cli_usage(cli, "serve heeft geen argumenten");
    /* The database must exist, and is migrated when opened. */
    int rc = pt_app_store(&cli->app, PT_STORE_EXISTING, &store, &err);
    pt_app_close(&cli->app);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    o.db_path = pt_app_db_path(&cli->app);

    /* SIGINT and SIGTERM are blocked in every thread (the server's threads
     * inherit the mask) and taken by sigwait below. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    rc = pt_web_start(&o, &w, &port, &err);
    if (rc != PT_OK)
        return pt_cli_fail(cli, rc, &err);
    const char *colon = strrchr(o.listen, ':');
    printf("praktijktoets serve: luistert op %s://%.*s:%u\n", o.tls_cert ? "https" : "http",
           (int)(colon - o.listen), o.listen, port);
    fflush(stdout);
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "praktijktoets serve: gestopt (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    pt_web_stop(w);
    return PT_OK;
}
