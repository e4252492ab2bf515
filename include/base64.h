/*
 * base64.h — base64 text of bytes (RFC 4648): the standard alphabet with '='
 * padding, or the URL-safe alphabet without padding.
 */
#ifndef PT_BASE64_H
#define PT_BASE64_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the base64 text of in[0..n) and a NUL to out, which needs room for
 * 4 * ((n + 2) / 3) + 1 bytes. url: alphabet "-_" and no padding; otherwise
 * "+/" and '=' padding. */
void pt_base64(const unsigned char *in, size_t n, char *out, bool url);

#endif
