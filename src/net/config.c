/*
 * config.c — the submission settings from environment and configuration
 * file. See config.h.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "status.h"
#include "util.h"

#define MAX_CONFIG (64 * 1024)

static void set(char **slot, const char *v, size_t n)
{
    if (*slot) {
        memset(*slot, 0, strlen(*slot));
        free(*slot);
    }
    *slot = pt_xstrndup(v, n);
}

static char *config_path(void)
{
    const char *p = getenv("PRAKTIJKTOETS_CONFIG");
    if (p && *p)
        return pt_xstrdup(p);
    struct pt_buf b = {0};
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        pt_buf_printf(&b, "%s/praktijktoets/config", xdg);
    else if (home && *home)
        pt_buf_printf(&b, "%s/.config/praktijktoets/config", home);
    else
        return NULL;
    return pt_buf_detach(&b);
}

static int parse_seconds(const char *v, long *out)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < 1 || n > 3600)
        return -1;
    *out = n;
    return 0;
}

/* Parses the text of the file into c, without overriding values already set
 * from the environment. */
static int parse(struct pt_config *c, const char *file, char *text, struct pt_error *err)
{
    int line = 0;
    char *save = NULL;
    bool had_endpoint = c->endpoint != NULL, had_token = c->token != NULL,
         had_cacert = c->cacert != NULL;
    for (char *ln = text; ln; ln = save) {
        char *nl = strchr(ln, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        line++;
        size_t len = strlen(ln);
        while (len && (ln[len - 1] == '\r' || ln[len - 1] == ' ' || ln[len - 1] == '\t'))
            ln[--len] = '\0';
        while (*ln == ' ' || *ln == '\t')
            ln++;
        if (!*ln || *ln == '#')
            continue;
        char *eq = strchr(ln, '=');
        if (!eq) {
            pt_error_set(err, "%s:%d: verwacht \"sleutel = waarde\"", file, line);
            return PT_INVALID;
        }
        char *key_end = eq;
        while (key_end > ln && (key_end[-1] == ' ' || key_end[-1] == '\t'))
            key_end--;
        *key_end = '\0';
        char *v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        size_t vlen = strlen(v);
        if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
            v++;
            vlen -= 2;
        }
        if (strcmp(ln, "endpoint") == 0) {
            if (!had_endpoint)
                set(&c->endpoint, v, vlen);
        } else if (strcmp(ln, "token") == 0) {
            if (!had_token)
                set(&c->token, v, vlen);
        } else if (strcmp(ln, "cacert") == 0) {
            if (!had_cacert)
                set(&c->cacert, v, vlen);
        } else if (strcmp(ln, "connect_timeout") == 0 || strcmp(ln, "timeout") == 0) {
            v[vlen] = '\0';
            long n = 0;
            if (parse_seconds(v, &n) != 0) {
                pt_error_set(err, "%s:%d: %s is een aantal seconden van 1 tot 3600",
                         file, line, ln);
                return PT_INVALID;
            }
            if (strcmp(ln, "timeout") == 0)
                c->timeout = n;
            else
                c->connect_timeout = n;
        } else {
            pt_error_set(err, "%s:%d: onbekende sleutel \"%.40s\" (endpoint, token, cacert, "
                     "connect_timeout, timeout)", file, line, ln);
            return PT_INVALID;
        }
    }
    return 0;
}

int pt_config_load(struct pt_config *c, struct pt_error *err)
{
    int rc = PT_OK;
    int fd = -1;
    char *text = NULL;
    size_t text_size = 0;
    memset(c, 0, sizeof *c);

    const char *env;
    if ((env = getenv("PRAKTIJKTOETS_ENDPOINT")) && *env)
        set(&c->endpoint, env, strlen(env));
    if ((env = getenv("PRAKTIJKTOETS_TOKEN")) && *env)
        set(&c->token, env, strlen(env));
    if ((env = getenv("PRAKTIJKTOETS_CACERT")) && *env)
        set(&c->cacert, env, strlen(env));

    char *path = config_path();
    if (!path)
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT && !getenv("PRAKTIJKTOETS_CONFIG"))
            goto cleanup;       /* no file is fine, unless one was named */
        pt_error_set(err, "%s: het configuratiebestand kan niet worden gelezen: %s",
                 path, pt_errno_text(errno));
        rc = errno == ENOENT ? PT_INVALID : PT_FAILED;
        goto cleanup;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        pt_error_set(err, "%s: het configuratiebestand is geen gewoon bestand", path);
        rc = PT_INVALID;
        goto cleanup;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        pt_error_set(err, "%s: het configuratiebestand is leesbaar voor anderen "
                 "(rechten %03o); het kan een token bevatten en wordt daarom niet gebruikt. "
                 "Herstel met: chmod 600 %s", path, (unsigned)(st.st_mode & 0777), path);
        rc = PT_INVALID;
        goto cleanup;
    }
    if (st.st_size > MAX_CONFIG) {
        pt_error_set(err, "%s: het configuratiebestand is te groot", path);
        rc = PT_INVALID;
        goto cleanup;
    }
    text_size = (size_t)st.st_size + 1;
    text = pt_xmalloc(text_size);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    text[got] = '\0';
    c->file = pt_xstrdup(path);
    rc = parse(c, path, text, err);
cleanup:
    if (fd >= 0)
        close(fd);
    if (text) {
        memset(text, 0, text_size);      /* the token was in it */
        free(text);
    }
    free(path);
    if (rc != 0)
        pt_config_free(c);
    return rc;
}

void pt_config_free(struct pt_config *c)
{
    if (c->token) {
        memset(c->token, 0, strlen(c->token));
        free(c->token);
    }
    free(c->endpoint);
    free(c->cacert);
    free(c->file);
    memset(c, 0, sizeof *c);
}
