/*
 * secret.c — random secrets (see secret.h).
 */
#include "secret.h"

#include "base64.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

int pt_secret_random(size_t nbytes, char *out, size_t outsize)
{
    unsigned char raw[64];
    size_t got = 0;
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
    pt_base64(raw, nbytes, out, true);
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
