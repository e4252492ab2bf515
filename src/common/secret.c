/*
 * secret.c — random secrets (see secret.h).
 */
#include "secret.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int pt_secret_random(size_t nbytes, char *out, size_t outsize)
{
    unsigned char raw[64];
    size_t got = 0, o = 0;
    if (nbytes > sizeof raw || outsize < 4 * nbytes / 3 + 2)
        return -1;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    for (size_t i = 0; i < nbytes; i += 3) {
        unsigned v = (unsigned)raw[i] << 16;
        if (i + 1 < nbytes)
            v |= (unsigned)raw[i + 1] << 8;
        if (i + 2 < nbytes)
            v |= raw[i + 2];
        out[o++] = b64url[(v >> 18) & 63];
        out[o++] = b64url[(v >> 12) & 63];
        if (i + 1 < nbytes)
            out[o++] = b64url[(v >> 6) & 63];
        if (i + 2 < nbytes)
            out[o++] = b64url[v & 63];
    }
    out[o] = '\0';
    memset(raw, 0, sizeof raw);
    return 0;
}

int pt_secret_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = (unsigned char)(la != lb);
    for (size_t i = 0; i < la && i < lb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}
