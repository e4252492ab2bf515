/*
 * cli.c — what the commands share for printing: messages, usage errors,
 * failed statuses, writing output files safely, the network options.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int pt_cli_usage(const struct pt_cli *cli, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "praktijktoets %s: ", cli->command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nZie 'praktijktoets %s --help'.\n", cli->command);
    return PT_USAGE;
}

int pt_cli_fail(const struct pt_cli *cli, int rc, const struct pt_error *err)
{
    if (rc == PT_OK || !err->msg[0])
        return rc;
    if (rc == PT_USAGE)
        return pt_cli_usage(cli, "%s", err->msg);
    pt_cli_error("%s", err->msg);
    return rc;
}

int pt_cli_write_output(const char *path, const char *data, size_t len)
{
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len) {
            pt_cli_error("schrijven naar standaarduitvoer mislukt: %s", pt_errno_text(errno));
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
        pt_cli_error("%s: kan niet worden geschreven: %s", path, pt_errno_text(errno));
        goto cleanup;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fflush(f) == 0 && ok;
    ok = fsync(fileno(f)) == 0 && ok;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.data, path) != 0) {
        pt_cli_error("%s: kan niet worden geschreven: %s", path, pt_errno_text(errno));
        unlink(tmp.data);
        goto cleanup;
    }
    rc = PT_OK;
cleanup:
    pt_buf_free(&tmp);
    return rc;
}

/* A number of seconds from 1 to 3600, or PT_USAGE (printed). */
static int seconds(const struct pt_cli *cli, enum pt_opt o, long *out)
{
    const char *arg = pt_cli_opt(cli, o);
    char *end = NULL;
    if (!arg)
        return PT_OK;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < 1 || v > 3600)
        return pt_cli_usage(cli, "%s is een aantal seconden van 1 tot 3600",
                            o == PT_OPT_TIMEOUT ? "--timeout" : "--connect-timeout");
    *out = v;
    return PT_OK;
}

int pt_cli_net_options(const struct pt_cli *cli, struct pt_net_settings *ns)
{
    memset(ns, 0, sizeof *ns);
    ns->endpoint = pt_cli_opt(cli, PT_OPT_ENDPOINT);
    ns->cacert = pt_cli_opt(cli, PT_OPT_CACERT);
    int rc = seconds(cli, PT_OPT_TIMEOUT, &ns->timeout);
    if (rc == PT_OK)
        rc = seconds(cli, PT_OPT_CONNECT_TIMEOUT, &ns->connect_timeout);
    return rc;
}
