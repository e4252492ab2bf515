/*
 * cmd_serve.c — `praktijktoets serve [--listen ADDR:PORT] [--public-url URL]
 * [--tls-cert FILE --tls-key FILE]`: the mirror team's web app (web.md)
 * until SIGINT or SIGTERM.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "web.h"

static const char help[] =
    "gebruik: praktijktoets serve [--listen ADRES:POORT] [--public-url URL]\n"
    "                             [--tls-cert BESTAND --tls-key BESTAND]\n"
    "\n"
    "Start de webapp voor het spiegelteam op dezelfde database als de opdrachtregel\n"
    "(standaard op 127.0.0.1:8080). Iedereen komt binnen met een persoonlijke link\n"
    "van praktijktoets invite. Op een ander adres dan 127.0.0.1: zet er een TLS\n"
    "reverse proxy voor, of geef --tls-cert en --tls-key. --public-url is het adres\n"
    "waarop mensen de app bereiken (https://... zet de Secure-vlag op de cookie).\n"
    "Stoppen met Ctrl-C of SIGTERM.\n";

int cmd_serve(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},
        {"public-url", required_argument, NULL, 'u'},
        {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct pt_web_options o = {.listen = "127.0.0.1:8080"};
    struct pt_web *w = NULL;
    struct pt_store store = {0};
    char err[600];
    unsigned port = 0;
    int c, sig = 0;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l': o.listen = optarg; break;
        case 'u': o.public_url = optarg; break;
        case 'c': o.tls_cert = optarg; break;
        case 'k': o.tls_key = optarg; break;
        case 'q': o.quiet = true; break;
        case 'h':
            fputs(help, stdout);
            return PT_OK;
        default:
            return pt_cli_usage("serve", "onbekende of onvolledige optie");
        }
    }
    if (optind != argc)
        return pt_cli_usage("serve", "serve heeft geen argumenten");
    int rc = pt_cli_open_existing_store(cli, &store); /* must exist, and migrated */
    pt_store_close(&store);
    if (rc != PT_OK)
        return rc;
    o.db_path = pt_store_default_path(cli->db);

    /* SIGINT and SIGTERM are blocked in every thread (the server's threads
     * inherit the mask) and taken by sigwait below. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    rc = pt_web_start(&o, &w, &port, err, sizeof err);
    if (rc != PT_OK) {
        if (rc == PT_USAGE)
            return pt_cli_usage("serve", "%s", err);
        pt_cli_error("%s", err);
        return rc;
    }
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
