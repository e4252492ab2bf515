/*
 * web_parse.c — the parsing of what a client sends that is not JSON: the
 * listen address, form bodies, paths; and HTML escaping (see web.h). No
 * allocation beyond the returned strings, no state: fuzz/fuzz_web.c.
 */
#include "web.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

#include <cJSON.h>

/* Decodes s[0..n) (+ is a space, %XX a byte) into a new string; NULL when
 * malformed or not UTF-8 or holding a NUL. */
static char *decode(const char *s, size_t n)
{
    char *out = pt_xmalloc(n + 1);
    size_t bad;
    if (!pt_percent_decode(s, n, out, n + 1) || !pt_utf8_valid(out, strlen(out), &bad)) {
        free(out);
        return NULL;
    }
    return out;
}

/* Walks the fields of a form: calls fn for each (name, value) span; stops
 * when it returns non-zero and returns that. */
typedef int (*field_fn)(const char *name, size_t nl, const char *val, size_t vl, void *cls);
static int each_field(const char *body, size_t len, field_fn fn, void *cls)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && body[i] != '&')
            i++;
        const char *f = body + start;
        size_t fl = i - start;
        const char *eq = memchr(f, '=', fl);
        size_t nl = eq ? (size_t)(eq - f) : fl;
        int r = fn(f, nl, eq ? eq + 1 : f + fl, eq ? fl - nl - 1 : 0, cls);
        if (r)
            return r;
        i++;
    }
    return 0;
}

struct find {
    const char *name;
    const char *val;
    size_t vl;
    int hits;
};

static int find_one(const char *name, size_t nl, const char *val, size_t vl, void *cls)
{
    struct find *f = cls;
    if (nl == strlen(f->name) && memcmp(name, f->name, nl) == 0) {
        f->val = val;
        f->vl = vl;
        f->hits++;
    }
    return 0;
}

char *pt_web_form_get(const char *body, size_t len, const char *name)
{
    struct find f = {name, NULL, 0, 0};
    if (!body)
        return NULL;
    each_field(body, len, find_one, &f);
    if (f.hits != 1)
        return NULL;
    return decode(f.val, f.vl);
}

struct only {
    const char *const *names;
    unsigned seen;
};

static int check_only(const char *name, size_t nl, const char *val, size_t vl, void *cls)
{
    struct only *o = cls;
    (void)val;
    (void)vl;
    for (unsigned k = 0; o->names[k] && k < 32; k++)
        if (nl == strlen(o->names[k]) && memcmp(name, o->names[k], nl) == 0) {
            if (o->seen & (1u << k))
                return 1;
            o->seen |= 1u << k;
            return 0;
        }
    return 1;
}

bool pt_web_form_only(const char *body, size_t len, const char *const *names)
{
    struct only o = {names, 0};
    return !body || each_field(body, len, check_only, &o) == 0;
}

int pt_web_path_split(const char *path, const char *prefix, char seg[][64], int n)
{
    size_t pl = strlen(prefix);
    if (strncmp(path, prefix, pl) != 0)
        return -1;
    const char *p = path + pl;
    int count = 0;
    while (*p) {
        size_t l = 0;
        if (count == n)
            return -1;
        while (p[l] && p[l] != '/') {
            char c = p[l];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-') || l >= 63)
                return -1;
            l++;
        }
        if (l == 0)
            return -1;
        memcpy(seg[count], p, l);
        seg[count][l] = '\0';
        count++;
        p += l;
        if (*p == '/') {
            p++;
            if (!*p)
                return -1;
        }
    }
    return count;
}

void pt_web_html(struct pt_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': pt_buf_adds(b, "&amp;"); break;
        case '<': pt_buf_adds(b, "&lt;"); break;
        case '>': pt_buf_adds(b, "&gt;"); break;
        case '"': pt_buf_adds(b, "&quot;"); break;
        case '\'': pt_buf_adds(b, "&#39;"); break;
        default: pt_buf_addc(b, *s); break;
        }
    }
}

cJSON *pt_web_json_object(const char *body, size_t len, const char *const *names,
                          unsigned *status, char *msg, size_t msgsize)
{
    const char *end = NULL;
    *status = 400;
    if (!body || len == 0) {
        snprintf(msg, msgsize, "het verzoek heeft geen JSON-inhoud");
        return NULL;
    }
    /* body[len] is '\0': the length includes it, so trailing bytes fail. */
    cJSON *j = cJSON_ParseWithLengthOpts(body, len + 1, &end, 1);
    if (!j || !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        snprintf(msg, msgsize, "de inhoud is geen geldig JSON-object");
        return NULL;
    }
    for (const cJSON *f = j->child; f; f = f->next) {
        bool known = false;
        for (size_t k = 0; names[k]; k++)
            known = known || strcmp(f->string, names[k]) == 0;
        for (const cJSON *g = j->child; known && g != f; g = g->next)
            known = strcmp(g->string, f->string) != 0;
        if (!known) {
            snprintf(msg, msgsize, "onbekend of dubbel veld \"%.60s\"", f->string);
            cJSON_Delete(j);
            *status = 422;
            return NULL;
        }
    }
    *status = 200;
    return j;
}
