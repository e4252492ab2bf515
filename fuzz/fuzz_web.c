/*
 * fuzz_web.c — libFuzzer target for the request parsing of the web app
 * (src/web/web_parse.c): the form body (application/x-www-form-urlencoded)
 * and its fields, the paths of the API and the pages, the listen address,
 * the JSON object bodies of the API and HTML escaping. Invariants that must
 * hold for any input abort when broken. Built and run by `make fuzz`; seeds
 * in fuzz/corpus/web/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cJSON.h>

#include "listen.h"
#include "util.h"
#include "web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_form(const char *s, size_t n)
{
    static const char *const names[] = {"csrf", "criterion", "level", "comment", "reason",
                                        "rater", "phase", NULL};
    for (size_t i = 0; names[i]; i++) {
        char *v = pt_web_form_get(s, n, names[i]);
        size_t bad;
        /* A decoded value is UTF-8 without NUL and never longer than the body. */
        if (v && (strlen(v) > n || !pt_utf8_valid(v, strlen(v), &bad)))
            abort();
        free(v);
    }
    (void)pt_web_form_only(s, n, names);
}

static void check_path(const char *s)
{
    char seg[3][64];
    static const char *const prefixes[] = {"/api/v1/", "/case/", "/discussion/", "/t/"};
    for (size_t p = 0; p < 4; p++) {
        int n = pt_web_path_split(s, prefixes[p], seg, 3);
        if (n > 3)
            abort();
        for (int i = 0; i < n; i++) {
            size_t l = strlen(seg[i]);
            if (l == 0 || l > 63 || strspn(seg[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                                   "QRSTUVWXYZ0123456789._-") != l)
                abort();
        }
    }
}

static void check_json(const char *s, size_t n)
{
    static const char *const names[] = {"level", "comment", NULL};
    unsigned status = 0;
    char msg[200];
    cJSON *j = pt_web_json_object(s, n, names, &status, msg, sizeof msg);
    if ((j && status != 200) || (!j && status != 400 && status != 422))
        abort();
    for (const cJSON *f = j ? j->child : NULL; f; f = f->next)
        if (strcmp(f->string, "level") != 0 && strcmp(f->string, "comment") != 0)
            abort();
    cJSON_Delete(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    check_form(s, size);
    check_json(s, strlen(s));
    size_t line = strcspn(s, "\n");
    char *first = pt_xstrndup(s, line);
    check_path(first);
    struct sockaddr_storage ss;
    socklen_t len = 0;
    if (pt_parse_listen(first, &ss, &len) && (len == 0 || len > sizeof ss))
        abort();
    struct pt_buf b = {0};
    pt_web_html(&b, first);
    if (b.data && (strchr(b.data, '<') || strchr(b.data, '"') || strchr(b.data, '\'')))
        abort();
    pt_buf_free(&b);
    free(first);
    free(s);
    return 0;
}
