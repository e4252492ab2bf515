/*
 * cli.c — what the subcommands share: messages, loading a toetsmap from a
 * folder or the database, writing output files safely, opening an existing
 * database, and the network settings of submit, outbox and report.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "toetsmap.h"
#include "util.h"

void pt_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("praktijktoets: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int pt_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "praktijktoets %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nZie 'praktijktoets %s --help'.\n", cmd);
    return PT_USAGE;
}

int pt_cli_load(struct pt_cli *cli, const char *source, struct pt_toetsmap *t)
{
    struct pt_diags diags = {0};
    struct stat st;
    int rc;

    if (stat(source, &st) == 0 && S_ISDIR(st.st_mode)) {
        rc = pt_toetsmap_load_dir(source, t, &diags) == 0 ? PT_OK : PT_INVALID;
    } else if (!pt_is_identifier(source)) {
        pt_diag_add(&diags, source, NULL, "bestaat niet (geef een toetsmap of het id van een "
                    "opgeslagen assessment)");
        rc = PT_INVALID;
    } else {
        struct pt_store store;
        char err[512] = "";
        const char *path = pt_store_default_path(cli->db);
        if (access(path, F_OK) != 0) {
            pt_diag_add(&diags, source, NULL, "is geen map, en de database %s bestaat nog niet "
                        "(eerst praktijktoets import)", path);
            rc = PT_INVALID;
        } else if (pt_store_open(path, &store, err, sizeof err) != PT_OK) {
            pt_cli_error("%s", err);
            rc = PT_FAILED;
        } else {
            rc = pt_store_load(&store, source, t, &diags, err, sizeof err);
            if (rc == PT_FAILED && err[0])
                pt_cli_error("%s", err);
            pt_store_close(&store);
        }
    }
    pt_diags_print(&diags, stderr);
    pt_diags_free(&diags);
    return rc;
}

int pt_cli_write_output(const char *path, const char *data, size_t len)
{
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len) {
            pt_cli_error("schrijven naar standaarduitvoer mislukt: %s", strerror(errno));
            return PT_FAILED;
        }
        return PT_OK;
    }
    /* Write beside the target and rename, so a reader never sees half a file. */
    struct pt_buf tmp = {0};
    pt_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    int rc = PT_FAILED;
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        pt_cli_error("%s: kan niet worden geschreven: %s", path, strerror(errno));
        goto cleanup;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok;
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.data, path) != 0) {
        pt_cli_error("%s: kan niet worden geschreven: %s", path, strerror(errno));
        unlink(tmp.data);
        goto cleanup;
    }
    rc = PT_OK;
cleanup:
    pt_buf_free(&tmp);
    return rc;
}

int pt_cli_net_option(const char *cmd, struct pt_net_settings *ns, int c, const char *arg)
{
    char *end = NULL;
    long v;
    switch (c) {
    case 'e':
        ns->endpoint = arg;
        return 1;
    case 'C':
        ns->cacert = arg;
        return 1;
    case 'T':
    case 'K':
        v = strtol(arg, &end, 10);
        if (end == arg || *end || v < 1 || v > 3600) {
            pt_cli_usage(cmd, "%s is een aantal seconden van 1 tot 3600",
                         c == 'T' ? "--timeout" : "--connect-timeout");
            return -1;
        }
        if (c == 'T')
            ns->timeout = v;
        else
            ns->connect_timeout = v;
        return 1;
    default:
        return 0;
    }
}

int pt_cli_net_setup(const char *cmd, struct pt_net_settings *ns, bool need_endpoint,
                     struct pt_config *cfg, struct pt_http *http)
{
    char err[768] = "";
    int rc = pt_config_load(cfg, err, sizeof err);
    if (rc != 0) {
        pt_cli_error("%s", err);
        return rc;
    }
    if (!ns->endpoint)
        ns->endpoint = cfg->endpoint;
    if (!ns->cacert)
        ns->cacert = cfg->cacert;
    if (!ns->timeout)
        ns->timeout = cfg->timeout;
    if (!ns->connect_timeout)
        ns->connect_timeout = cfg->connect_timeout;
    if (need_endpoint && !ns->endpoint)
        return pt_cli_usage(cmd, "geen eindpunt: geef --endpoint URL, of zet "
                            "PRAKTIJKTOETS_ENDPOINT of \"endpoint = …\" in het configuratiebestand");
    if (ns->endpoint && pt_http_check_url(ns->endpoint, err, sizeof err) != 0)
        return pt_cli_usage(cmd, "%s", err);
    if (!cfg->token || !*cfg->token)
        return pt_cli_usage(cmd, "geen token: zet PRAKTIJKTOETS_TOKEN, of \"token = …\" in het "
                            "configuratiebestand (rechten 600)");
    if (ns->cacert && access(ns->cacert, R_OK) != 0) {
        pt_cli_error("%s: het CA-bestand kan niet worden gelezen", ns->cacert);
        return PT_INVALID;
    }
    struct pt_http_options opt = {
        .cacert = ns->cacert,
        .timeout = ns->timeout,
        .connect_timeout = ns->connect_timeout,
        .token = cfg->token,
    };
    if (pt_http_init(http, &opt, err, sizeof err) != 0) {
        pt_cli_error("%s", err);
        return PT_FAILED;
    }
    srandom((unsigned)time(NULL) ^ (unsigned)getpid());
    return PT_OK;
}

int pt_cli_open_existing_store(struct pt_cli *cli, struct pt_store *store)
{
    char err[512] = "";
    const char *path = pt_store_default_path(cli->db);
    if (access(path, F_OK) != 0) {
        fprintf(stderr, "%s: de database bestaat nog niet (eerst praktijktoets import)\n", path);
        return PT_INVALID;
    }
    if (pt_store_open(path, store, err, sizeof err) != PT_OK) {
        pt_cli_error("%s", err);
        return PT_FAILED;
    }
    return PT_OK;
}
