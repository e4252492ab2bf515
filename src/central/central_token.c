/*
 * central_token.c — token generation, hashing, constant-time comparison
 * (see central_token.h).
 */
#include "central_token.h"

#include <stdlib.h>
#include "central_store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

enum pt_status pc_token_new(char out[PC_TOKEN_SIZE], struct pt_error *err)
{
    uint8_t raw[32];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            pt_error_set(err, "geen willekeurige bytes van het systeem: %s", strerror(errno));
            pc_wipe(raw, sizeof raw);
            return PT_FAILED;
        }
        got += (size_t)n;
    }
    memcpy(out, PC_TOKEN_PREFIX, 4);
    pc_hex(raw, sizeof raw, out + 4);
    pc_wipe(raw, sizeof raw);
    return PT_OK;
}

bool pc_token_wellformed(const char *s)
{
    if (strncmp(s, PC_TOKEN_PREFIX, 4) != 0)
        return false;
    size_t n = 0;
    for (const char *p = s + 4; *p; p++, n++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')) || n >= 64)
            return false;
    return n == 64;
}

void pc_token_hash(const char *token, uint8_t out[PC_SHA256_SIZE])
{
    pc_sha256(token, strlen(token), out);
}

void pc_token_prefix(const char *token, char out[PC_TOKEN_PREFIX_SIZE])
{
    memcpy(out, token, PC_TOKEN_PREFIX_LEN);
    out[PC_TOKEN_PREFIX_LEN] = '\0';
}

bool pc_equal_ct(const uint8_t *a, const uint8_t *b, size_t n)
{
    volatile uint8_t diff = 0;
    for (size_t i = 0; i < n; i++)
        diff = (uint8_t)(diff | (a[i] ^ b[i]));
    return diff == 0;
}

void pc_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

/* The rows a backend's token_list returns (central_store.h); here, beside
 * the other token helpers, so that a backend does not call back into the
 * store's dispatcher. */
void pc_token_rows_free(struct pc_token_rows *rows)
{
    free(rows->items);
    memset(rows, 0, sizeof *rows);
}
