/*
 * central_request.h — the pure parts of handling a request: reading the
 * Authorization, Idempotency-Key and Content-Length headers and the rubric
 * parameter, the listen address, and writing the JSON answers. No I/O, so
 * they are unit-tested and fuzzed without a server.
 */
#ifndef PC_REQUEST_H
#define PC_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <sys/socket.h>

#include "central.h"
#include "central_token.h"
#include "central_validate.h"

/* "Bearer <token>" (scheme in any case) with a well-formed token: copies the
 * token to out and returns true; false for anything else. */
bool pc_bearer_token(const char *authorization, char out[PC_TOKEN_SIZE]);

/* "ID@VERSION" (VERSION a positive integer without sign or leading zero):
 * returns true and fills id and *version. */
bool pc_parse_rubric(const char *param, char id[PC_ID_SIZE], long *version);

/* True when key is exactly "{assessment}/{revision}" of the body. */
bool pc_key_matches(const char *key, const struct pc_summary *sum);

/* A Content-Length header value: true with *n when it is a plain decimal
 * number (saturated at SIZE_MAX), false otherwise. */
bool pc_content_length(const char *value, size_t *n);

/* {"error": code, "message": message} (caller frees with cJSON_free);
 * NULL when out of memory. */
char *pc_error_json(const char *code, const char *message);

/* {"status": status, "key": key}, or {"status": status} when key is NULL
 * (caller frees with cJSON_free); NULL when out of memory. */
char *pc_status_json(const char *status, const char *key);

#endif
