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
    if (!pt_is_identifier(tmp) || !pt_parse_positive(at + 1, 2147483647L, version))
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
