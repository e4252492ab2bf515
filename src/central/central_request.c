/*
 * central_request.c — the pure parts of handling a request (see
 * central_request.h).
 */
#include "central_request.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "util.h"

bool pc_bearer_token(const char *authorization, char out[PC_TOKEN_SIZE])
{
    if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0)
        return false;
    const char *t = authorization + 7;
    while (*t == ' ')
        t++;
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == ' ')
        n--;
    if (n != PC_TOKEN_LEN)
        return false;
    memcpy(out, t, n);
    out[n] = '\0';
    if (!pc_token_wellformed(out)) {
        pc_wipe(out, PC_TOKEN_SIZE);
        return false;
    }
    return true;
}

/* A positive decimal integer without sign or leading zero, at most max. */
static bool positive(const char *s, long max, long *out)
{
    long v = 0;
    if (!*s || *s == '0')
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

bool pc_parse_rubric(const char *param, char id[PC_ID_SIZE], long *version)
{
    if (!param)
        return false;
    const char *at = strchr(param, '@');
    if (!at || at == param || (size_t)(at - param) >= PC_ID_SIZE)
        return false;
    char tmp[PC_ID_SIZE];
    memcpy(tmp, param, (size_t)(at - param));
    tmp[at - param] = '\0';
    if (!pt_is_identifier(tmp) || !positive(at + 1, 2147483647L, version))
        return false;
    memcpy(id, tmp, sizeof tmp);
    return true;
}

bool pc_key_matches(const char *key, const struct pc_summary *sum)
{
    char want[PC_ID_SIZE + 24];
    if (!key)
        return false;
    snprintf(want, sizeof want, "%s/%ld", sum->assessment, sum->revision);
    return strcmp(key, want) == 0;
}

bool pc_content_length(const char *value, size_t *n)
{
    size_t v = 0;
    if (!value)
        return false;
    while (*value == ' ' || *value == '\t')
        value++;
    if (*value < '0' || *value > '9')
        return false;
    for (; *value >= '0' && *value <= '9'; value++) {
        size_t d = (size_t)(*value - '0');
        v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
    }
    while (*value == ' ' || *value == '\t')
        value++;
    if (*value)
        return false;
    *n = v;
    return true;
}

bool pc_parse_listen(const char *s, struct sockaddr_storage *addr, socklen_t *len)
{
    char host[64];
    long port = 0;
    const char *colon;
    if (!s)
        return false;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host)
            return false;
        memcpy(host, s + 1, (size_t)(close - s - 1));
        host[close - s - 1] = '\0';
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon || (size_t)(colon - s) >= sizeof host || colon == s)
            return false;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = '\0';
    }
    if (strcmp(colon + 1, "0") != 0 && !positive(colon + 1, 65535, &port))
        return false;

    memset(addr, 0, sizeof *addr);
    if (s[0] == '[') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
        if (inet_pton(AF_INET6, host, &a6->sin6_addr) != 1)
            return false;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof *a6;
        return true;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
        return false;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *len = sizeof *a4;
    return true;
}

static char *two_fields(const char *k1, const char *v1, const char *k2, const char *v2)
{
    char *text = NULL;
    cJSON *o = cJSON_CreateObject();
    if (o && cJSON_AddStringToObject(o, k1, v1) && cJSON_AddStringToObject(o, k2, v2))
        text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

char *pc_error_json(const char *code, const char *message)
{
    return two_fields("error", code, "message", message);
}

char *pc_status_json(const char *status, const char *key)
{
    if (key)
        return two_fields("status", status, "key", key);
    char *text = NULL;
    cJSON *o = cJSON_CreateObject();
    if (o && cJSON_AddStringToObject(o, "status", status))
        text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}
