/*
 * central_sha256.h — SHA-256 (FIPS 180-4) for body hashes and token hashes.
 * Checked against the FIPS 180 example vectors in tests/check_central.c.
 */
#ifndef PC_SHA256_H
#define PC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define PC_SHA256_SIZE 32
/* Lowercase hex of a digest plus the NUL. */
#define PC_SHA256_HEX_SIZE 65

struct pc_sha256 {
    uint32_t h[8];
    uint64_t total;      /* bytes hashed so far */
    uint8_t block[64];
    size_t used;         /* bytes waiting in block */
};

void pc_sha256_init(struct pc_sha256 *c);
void pc_sha256_update(struct pc_sha256 *c, const void *data, size_t len);
void pc_sha256_final(struct pc_sha256 *c, uint8_t out[PC_SHA256_SIZE]);

/* One call: the digest of data[0..len). */
void pc_sha256(const void *data, size_t len, uint8_t out[PC_SHA256_SIZE]);

/* Lowercase hex of bytes[0..n) into out (2n + 1 bytes). */
void pc_hex(const uint8_t *bytes, size_t n, char *out);

#endif
