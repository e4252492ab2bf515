/*
 * secret.h — random secrets for links, sessions and CSRF tokens: bytes from
 * the kernel (getrandom), written as base64url without padding.
 */
#ifndef PT_SECRET_H
#define PT_SECRET_H

#include <stddef.h>

/* Fills out with the base64url text of nbytes random bytes (out needs
 * 4 * nbytes / 3 + 2 bytes). Returns 0, or -1 when the kernel gives none. */
int pt_secret_random(size_t nbytes, char *out, size_t outsize);

/* Constant-time comparison of two NUL-terminated secrets. */
int pt_secret_equal(const char *a, const char *b);

#endif
