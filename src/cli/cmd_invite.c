/*
 * cmd_invite.c — `praktijktoets invite ID (--rater R | --coordinator |
 * --reader swv|opr) [--days N]`, `invite ID --list`, `invite ID --revoke
 * PREFIX`: the personal links of the web app (web.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store_web.h"

static const char help[] =
    "gebruik: praktijktoets invite ID (--rater R | --coordinator | --reader swv|opr) [--days N]\n"
    "                             [--public-url URL]\n"
    "         praktijktoets invite ID --list\n"
    "         praktijktoets invite ID --revoke PREFIX\n"
    "\n"
    "Maakt een persoonlijke link voor de webapp (praktijktoets serve) en drukt hem\n"
    "één keer af: bewaar hem niet, stuur hem naar die ene persoon. Alleen een hash\n"
    "van de link wordt opgeslagen. Een link verloopt na N dagen (standaard 30).\n"
    "--list toont de links (begin, rol, wie, verloopt, laatst gebruikt), nooit de\n"
    "link zelf; --revoke trekt de link in die met PREFIX begint en beëindigt zijn\n"
    "sessies meteen, ook op een draaiende server. De URL komt van --public-url,\n"
    "anders $PRAKTIJKTOETS_PUBLIC_URL, anders http://127.0.0.1:8080.\n";

struct invite_args {
    const char *rater, *reader, *revoke, *public_url;
    bool coordinator, list;
    long days;
    int nroles;
};

static int parse(int argc, char **argv, struct invite_args *a)
{
    static const struct option opts[] = {
        {"rater", required_argument, NULL, 'r'},
        {"coordinator", no_argument, NULL, 'c'},
        {"reader", required_argument, NULL, 'R'},
        {"days", required_argument, NULL, 'd'},
        {"list", no_argument, NULL, 'l'},
        {"revoke", required_argument, NULL, 'x'},
        {"public-url", required_argument, NULL, 'u'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char *end;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': a->rater = optarg; a->nroles++; break;
        case 'c': a->coordinator = true; a->nroles++; break;
        case 'R': a->reader = optarg; a->nroles++; break;
        case 'l': a->list = true; break;
        case 'x': a->revoke = optarg; break;
        case 'u': a->public_url = optarg; break;
        case 'd':
            a->days = strtol(optarg, &end, 10);
            if (end == optarg || *end || a->days < 1 || a->days > 366)
                return pt_cli_usage("invite", "--days vraagt een aantal dagen van 1 tot 366");
            break;
        case 'h':
            fputs(help, stdout);
            return -1;
        default:
            return pt_cli_usage("invite", "onbekende of onvolledige optie");
        }
    }
    if (argc - optind != 1)
        return pt_cli_usage("invite", "geef precies één assessment-id");
    int modes = (a->nroles > 0) + a->list + (a->revoke != NULL);
    if (modes != 1 || a->nroles > 1)
        return pt_cli_usage("invite", "kies één van --rater R, --coordinator, --reader swv|opr, "
                            "--list of --revoke PREFIX");
    if (a->reader && strcmp(a->reader, "swv") != 0 && strcmp(a->reader, "opr") != 0)
        return pt_cli_usage("invite", "--reader is swv of opr");
    return PT_OK;
}

int cmd_invite(struct pt_cli *cli, int argc, char **argv)
{
    struct invite_args a = {.days = 30};
    struct pt_store store = {0};
    struct pt_buf out = {0};
    char err[512] = "", token[64] = "";
    int rc = parse(argc, argv, &a);
    if (rc != PT_OK)
        return rc < 0 ? PT_OK : rc;
    const char *id = argv[optind];
    if ((rc = pt_cli_open_existing_store(cli, &store)) != PT_OK)
        return rc;
    if (a.list) {
        rc = pt_web_invite_list(store.db, id, &out, err, sizeof err);
        if (rc == PT_OK)
            fputs(out.data ? out.data : "", stdout);
    } else if (a.revoke) {
        rc = pt_web_invite_revoke(store.db, id, a.revoke, err, sizeof err);
        if (rc == PT_OK)
            fprintf(stderr, "Ingetrokken: de link van %s die begint met %s\n", id, a.revoke);
    } else {
        enum pt_web_role role = a.rater ? PT_WEB_RATER : a.coordinator ? PT_WEB_COORDINATOR
                                                                       : PT_WEB_READER;
        const char *url = a.public_url ? a.public_url : getenv("PRAKTIJKTOETS_PUBLIC_URL");
        if (!url || !*url)
            url = "http://127.0.0.1:8080";
        size_t ulen = strlen(url);
        rc = pt_web_invite(store.db, id, role, a.rater, a.reader, a.days, token, sizeof token,
                           err, sizeof err);
        if (rc == PT_OK) {
            printf("%.*s/t/%s\n", (int)(ulen && url[ulen - 1] == '/' ? ulen - 1 : ulen), url,
                   token);
            fprintf(stderr, "Link voor %s%s%s van %s, %ld dagen geldig\n",
                    a.rater ? "beoordelaar " : a.coordinator ? "de coördinator" : "lezer ",
                    a.rater ? a.rater : "", a.reader ? a.reader : "", id, a.days);
        }
    }
    if (rc == PT_WEB_CONFLICT || rc == PT_WEB_UNPROCESSABLE)
        rc = PT_INVALID;
    if (rc != PT_OK)
        pt_cli_error("%s", err);
    memset(token, 0, sizeof token);
    pt_buf_free(&out);
    pt_store_close(&store);
    return rc;
}
