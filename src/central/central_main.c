/*
 * central_main.c — the command line of praktijktoets-central:
 *
 *   serve [--listen ADDR:PORT] [--db FILE] [--max-body BYTES]
 *         [--max-connections N] [--timeout SECONDS]
 *         [--tls-cert FILE --tls-key FILE]
 *   token add --swv SWV [--db FILE]     prints a new token, once
 *   token add --role analyst [--db FILE] a token for the dashboard (issue 15)
 *   migrate --from FILE --to postgresql://…   SQLite data to PostgreSQL (issue 15)
 *   token list [--db FILE]
 *   token revoke ID [--db FILE]
 *   version, help
 *
 * Exit statuses as in cli.md: 0 done, 1 failed, 2 usage, 3 refused input.
 * The database is --db, else $PRAKTIJKTOETS_CENTRAL_DB, else
 * ./praktijktoets-central.db.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "central_dashboard.h"
#include "central_http.h"
#include "central_migrate.h"
#include "central_server.h"
#include "central_store.h"
#include "central_token.h"
#include "model.h"

#ifndef PT_VERSION
#define PT_VERSION "dev"
#endif

static const char USAGE[] =
    "gebruik: praktijktoets-central COMMANDO [ARGUMENTEN]\n"
    "\n"
    "  serve [--listen ADRES:POORT] [--db BESTAND] [--max-body BYTES]\n"
    "        [--max-connections N] [--max-per-address N] [--timeout SECONDEN]\n"
    "        [--rate-limit N] [--daily-cap N] [--snapshot-interval SECONDEN]\n"
    "        [--tls-cert BESTAND --tls-key BESTAND]\n"
    "                          ontvang resultaten (standaard 127.0.0.1:8443,\n"
    "                          1048576 bytes, 64 verbindingen, 8 per adres, 10 s,\n"
    "                          60 verzoeken per token per minuut, 100 inzendingen\n"
    "                          per SWV per dag, benchmark-momentopname elke\n"
    "                          86400 s; poort 0 = vrij)\n"
    "  token add --swv SWV [--db BESTAND]\n"
    "                          maak een token voor een SWV (eenmalig getoond)\n"
    "  token add --role analyst [--db BESTAND]\n"
    "                          maak een token voor het dashboard (eenmalig getoond)\n"
    "  token list [--db BESTAND]\n"
    "                          id, voorvoegsel, SWV, gemaakt, ingetrokken\n"
    "  token revoke ID [--db BESTAND]\n"
    "                          trek een token in\n"
    "  migrate --from BESTAND --to postgresql://…\n"
    "                          zet de gegevens van een SQLite-ontvanger over naar een\n"
    "                          lege PostgreSQL-database (aantallen per tabel op stdout)\n"
    "  version, help\n"
    "\n"
    "Database: --db, anders $PRAKTIJKTOETS_CENTRAL_DB, anders ./praktijktoets-central.db\n";

/* A usage error: the message, then where the usage is. */
static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pc_log("%s\nzie: %s help", msg, PC_PROGRAM);
    return PT_USAGE;
}

/* Options of all commands; each command says which it accepts. */
struct opts {
    const char *db, *listen, *swv, *tls_cert, *tls_key;
    const char *role;   /* issue 15: token add --role swv|analyst */
    const char *from, *to;   /* issue 15: migrate */
    const char *max_body, *max_connections, *timeout;
    const char *per_address, *rate_limit, *daily_cap, *snapshot_interval;
    const char *positional[4];
    int npositional;
    bool help;
};

enum { O_DB = 1, O_LISTEN = 2, O_SWV = 4, O_TLS = 8, O_LIMITS = 16, O_MIGRATE = 32 };

static int parse(int argc, char **argv, unsigned allowed, int max_positional, struct opts *o)
{
    static const struct {
        const char *name;
        unsigned group;
        size_t field;
    } table[] = {
        {"--db", O_DB, offsetof(struct opts, db)},
        {"--listen", O_LISTEN, offsetof(struct opts, listen)},
        {"--swv", O_SWV, offsetof(struct opts, swv)},
        {"--role", O_SWV, offsetof(struct opts, role)},
        {"--from", O_MIGRATE, offsetof(struct opts, from)},
        {"--to", O_MIGRATE, offsetof(struct opts, to)},
        {"--tls-cert", O_TLS, offsetof(struct opts, tls_cert)},
        {"--tls-key", O_TLS, offsetof(struct opts, tls_key)},
        {"--max-body", O_LIMITS, offsetof(struct opts, max_body)},
        {"--max-connections", O_LIMITS, offsetof(struct opts, max_connections)},
        {"--timeout", O_LIMITS, offsetof(struct opts, timeout)},
        {"--max-per-address", O_LIMITS, offsetof(struct opts, per_address)},
        {"--rate-limit", O_LIMITS, offsetof(struct opts, rate_limit)},
        {"--daily-cap", O_LIMITS, offsetof(struct opts, daily_cap)},
        {"--snapshot-interval", O_LIMITS, offsetof(struct opts, snapshot_interval)},
    };
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            o->help = true;
            continue;
        }
        if (strncmp(a, "--", 2) != 0) {
            if (o->npositional >= max_positional)
                return usage("onverwacht argument \"%s\"", a);
            o->positional[o->npositional++] = a;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        size_t k = 0;
        while (k < sizeof table / sizeof table[0] &&
               !(strlen(table[k].name) == n && strncmp(table[k].name, a, n) == 0 &&
                 (table[k].group & allowed)))
            k++;
        if (k == sizeof table / sizeof table[0])
            return usage("onbekende optie %.*s", (int)n, a);
        const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!value || !*value)
            return usage("%s verwacht een waarde", table[k].name);
        *(const char **)((char *)o + table[k].field) = value;
    }
    return PT_OK;
}

/* A whole decimal number in [min, max]. */
static bool number(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static const char *db_path(const struct opts *o)
{
    if (o->db)
        return o->db;
    const char *env = getenv("PRAKTIJKTOETS_CENTRAL_DB");
    return env && *env ? env : "praktijktoets-central.db";
}

static int cmd_serve(int argc, char **argv)
{
    struct opts o;
    unsigned long max_body = PC_DEFAULT_MAX_BODY, conns = PC_DEFAULT_MAX_CONNECTIONS;
    unsigned long timeout = PC_DEFAULT_TIMEOUT, per_address = PC_DEFAULT_PER_ADDRESS;
    unsigned long rate = PC_DEFAULT_RATE_LIMIT, cap = PC_DEFAULT_DAILY_CAP;
    unsigned long interval = PC_DEFAULT_SNAPSHOT_INTERVAL;
    int rc = parse(argc, argv, O_DB | O_LISTEN | O_TLS | O_LIMITS, 0, &o);
    if (rc != PT_OK)
        return rc;
    if (o.help) {
        fputs(USAGE, stdout);
        return PT_OK;
    }
    if (o.max_body && !number(o.max_body, 1, 1UL << 30, &max_body))
        return usage("--max-body moet een aantal bytes van 1 tot en met 1073741824 zijn");
    if (o.max_connections && !number(o.max_connections, 1, 10000, &conns))
        return usage("--max-connections moet een getal van 1 tot en met 10000 zijn");
    if (o.timeout && !number(o.timeout, 1, 86400, &timeout))
        return usage("--timeout moet een aantal seconden van 1 tot en met 86400 zijn");
    if (o.per_address && !number(o.per_address, 1, 10000, &per_address))
        return usage("--max-per-address moet een getal van 1 tot en met 10000 zijn");
    if (o.rate_limit && !number(o.rate_limit, 1, 1000000, &rate))
        return usage("--rate-limit moet een aantal verzoeken per minuut van 1 tot en met "
                     "1000000 zijn");
    if (o.daily_cap && !number(o.daily_cap, 1, 100000000, &cap))
        return usage("--daily-cap moet een getal van 1 tot en met 100000000 zijn");
    if (o.snapshot_interval && !number(o.snapshot_interval, 0, 31622400, &interval))
        return usage("--snapshot-interval moet een aantal seconden van 0 tot en met "
                     "31622400 zijn");
    if (!o.tls_cert != !o.tls_key)
        return usage("--tls-cert en --tls-key horen bij elkaar");
    struct pc_serve_options so = {
        .listen = o.listen ? o.listen : PC_DEFAULT_LISTEN,
        .db = db_path(&o),
        .max_body = (size_t)max_body,
        .max_connections = (unsigned)conns,
        .timeout = (unsigned)timeout,
        .per_address = (unsigned)per_address,
        .rate_limit = (unsigned)rate,
        .daily_cap = (unsigned)cap,
        .snapshot_interval = (unsigned)interval,
        .tls_cert = o.tls_cert,
        .tls_key = o.tls_key,
    };
    return pc_serve(&so);
}

static int open_store(const struct opts *o, struct pc_store **s)
{
    struct pt_error err = {0};
    if (pc_store_open(db_path(o), s, &err) != PT_OK) {
        pc_log("%s", err.msg);
        return PT_FAILED;
    }
    return PT_OK;
}

static int token_add(const struct opts *o)
{
    struct pc_store *s = NULL;
    char swv[PC_SWV_SIZE], token[PC_TOKEN_SIZE], prefix[PC_TOKEN_PREFIX_SIZE];
    struct pt_error err = {0};
    long id = 0;
    int rc;
    bool analyst = o->role && strcmp(o->role, "analyst") == 0;
    if (o->role && !analyst && strcmp(o->role, "swv") != 0)
        return usage("--role: swv of analyst");
    if (analyst && o->swv)
        return usage("token add: een analistentoken hoort bij geen SWV (laat --swv weg)");
    if (!analyst && !o->swv)
        return usage("token add: --swv ontbreekt (zoals --swv \"PO 27-01\")");
    if (analyst)
        snprintf(swv, sizeof swv, "%s", PC_ANALYST);
    else if (pt_swv_normalise(o->swv, swv) != 0)
        return usage("--swv: geen SWV-code (zoals \"PO 27-01\", PO2701 of PO-27-01)");
    if ((rc = open_store(o, &s)) != PT_OK)
        return rc;
    rc = pc_store_token_add(s, swv, token, &id, &err);
    pc_store_close(s);
    if (rc != PT_OK) {
        pc_log("%s", err.msg);
        return rc;
    }
    pc_token_prefix(token, prefix);
    printf("%s\n", token);
    pc_wipe(token, sizeof token);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        pc_log("het token kon niet worden geschreven (%s); trek token %ld in met "
              "\"token revoke %ld\"", strerror(errno), id, id);
        return PT_FAILED;
    }
    pc_log("token %ld voor %s gemaakt (%s…); bewaar het nu: het wordt niet opnieuw getoond",
          id, swv, prefix);
    return PT_OK;
}

/* One line per token: id, prefix, SWV, created, revoked ("" when active),
 * tab-separated. Never the token. */
static int token_list(const struct opts *o)
{
    struct pc_store *s = NULL;
    struct pc_token_rows rows = {0};
    struct pt_error err = {0};
    int rc = open_store(o, &s);
    if (rc != PT_OK)
        return rc;
    rc = pc_store_token_list(s, &rows, &err);
    pc_store_close(s);
    if (rc != PT_OK) {
        pc_log("%s", err.msg);
        return rc;
    }
    for (size_t i = 0; i < rows.n; i++) {
        const struct pc_token_row *r = &rows.items[i];
        printf("%ld\t%s…\t%s\t%s\t%s\n", r->id, r->prefix, r->swv, r->created_at,
               r->revoked_at);
    }
    pc_token_rows_free(&rows);
    return rc;
}

static int token_revoke(const struct opts *o)
{
    struct pc_store *s = NULL;
    struct pt_error err = {0};
    unsigned long id;
    bool already = false;
    if (o->npositional != 2)
        return usage("token revoke: welk token? (het id uit \"token list\")");
    if (!number(o->positional[1], 1, 2147483647UL, &id))
        return usage("token revoke: \"%s\" is geen token-id (een getal uit \"token list\")",
                     o->positional[1]);
    int rc = open_store(o, &s);
    if (rc != PT_OK)
        return rc;
    rc = pc_store_token_revoke(s, (long)id, &already, &err);
    pc_store_close(s);
    if (rc != PT_OK) {
        pc_log("%s", err.msg);
        return rc;
    }
    pc_log(already ? "token %lu was al ingetrokken" : "token %lu ingetrokken", id);
    return PT_OK;
}

static int cmd_token(int argc, char **argv)
{
    struct opts o;
    const char *sub = argc > 0 ? argv[0] : NULL;
    int rc;
    if (!sub || strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
        fputs(USAGE, sub ? stdout : stderr);
        return sub ? PT_OK : PT_USAGE;
    }
    if (strcmp(sub, "add") == 0) {
        if ((rc = parse(argc - 1, argv + 1, O_DB | O_SWV, 0, &o)) != PT_OK)
            return rc;
        return o.help ? (fputs(USAGE, stdout), PT_OK) : token_add(&o);
    }
    if (strcmp(sub, "list") == 0) {
        if ((rc = parse(argc - 1, argv + 1, O_DB, 0, &o)) != PT_OK)
            return rc;
        return o.help ? (fputs(USAGE, stdout), PT_OK) : token_list(&o);
    }
    if (strcmp(sub, "revoke") == 0) {
        if ((rc = parse(argc, argv, O_DB, 2, &o)) != PT_OK)
            return rc;
        return o.help ? (fputs(USAGE, stdout), PT_OK) : token_revoke(&o);
    }
    return usage("onbekend token-commando \"%s\" (add, list of revoke)", sub);
}

/* issue 15: migrate --from FILE --to postgresql://… */
static int cmd_migrate(int argc, char **argv)
{
    struct opts o;
    struct pt_error err = {0};
    int rc = parse(argc, argv, O_MIGRATE, 0, &o);
    if (rc != PT_OK)
        return rc;
    if (o.help) {
        fputs(USAGE, stdout);
        return PT_OK;
    }
    if (!o.from || !o.to)
        return usage("migrate: --from BESTAND en --to postgresql://… zijn allebei nodig");
    rc = pc_migrate(o.from, o.to, stdout, &err);
    if (rc == PT_USAGE)
        return usage("migrate: %s", err.msg);
    if (rc != PT_OK) {
        pc_log("migrate: %s; er is niets overgezet", err.msg);
        return rc;
    }
    pc_log("migrate: alle tabellen overgezet");
    return PT_OK;
}

int main(int argc, char **argv)
{
    int rc;
    const char *cmd = argc > 1 ? argv[1] : NULL;
    if (!cmd) {
        fputs(USAGE, stderr);
        return PT_USAGE;
    }
    if (strcmp(cmd, "serve") == 0)
        rc = cmd_serve(argc - 2, argv + 2);
    else if (strcmp(cmd, "token") == 0)
        rc = cmd_token(argc - 2, argv + 2);
    else if (strcmp(cmd, "migrate") == 0)
        rc = cmd_migrate(argc - 2, argv + 2);
    else if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        rc = printf("%s %s\n", PC_PROGRAM, PT_VERSION) < 0 ? PT_FAILED : PT_OK;
    else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        rc = fputs(USAGE, stdout) < 0 ? PT_FAILED : PT_OK;
    else
        return usage("onbekend commando \"%s\"", cmd);
    /* Output that could not be written is a failure (jq does the same). */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (rc == PT_OK)
            pc_log("uitvoer schrijven mislukt: %s", strerror(errno));
        rc = rc == PT_OK ? PT_FAILED : rc;
    }
    return rc;
}
