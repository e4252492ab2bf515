/*
 * central_token.h — the tokens that let an SWV submit.
 *
 * A token is "ptk_" and 64 lowercase hex digits: 32 bytes from getrandom().
 * It is shown once, when made; the receiver keeps only its SHA-256 and a
 * prefix ("ptk_" + 8 hex digits) to find and name it. Hashes are compared
 * in constant time.
 */
#ifndef PC_TOKEN_H
#define PC_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "central_sha256.h"
#include "status.h"

#define PC_TOKEN_PREFIX "ptk_"
#define PC_TOKEN_LEN 68                 /* "ptk_" + 64 hex digits */
#define PC_TOKEN_SIZE (PC_TOKEN_LEN + 1)
#define PC_TOKEN_PREFIX_LEN 12          /* "ptk_" + 8 hex digits */
#define PC_TOKEN_PREFIX_SIZE (PC_TOKEN_PREFIX_LEN + 1)

/* A new random token in out. Returns PT_OK, or PT_FAILED with the reason
 * in err. */
enum pt_status pc_token_new(char out[PC_TOKEN_SIZE], struct pt_error *err);

/* True when s has the form of a token (it may still be unknown). */
bool pc_token_wellformed(const char *s);

/* The stored hash of a token: SHA-256 of its text. */
void pc_token_hash(const char *token, uint8_t out[PC_SHA256_SIZE]);

/* The public prefix of a well-formed token, to find it and show it. */
void pc_token_prefix(const char *token, char out[PC_TOKEN_PREFIX_SIZE]);

/* a[0..n) == b[0..n), in time that depends on n only. */
bool pc_equal_ct(const uint8_t *a, const uint8_t *b, size_t n);

/* Overwrites a buffer that held a token (not optimised away). */
void pc_wipe(void *p, size_t n);

#endif
