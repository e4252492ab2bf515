/*
 * central_store.h — the receiver's SQLite database: tokens, submissions and
 * the per-domain scores the benchmark reads.
 *
 * Opened like the client's store (store.c): WAL, synchronous=FULL, foreign
 * keys, busy_timeout, migrations in PRAGMA user_version, every write in
 * BEGIN IMMEDIATE. One connection serves all of the server's threads; a
 * mutex in struct pc_store makes every pc_store_* call one critical
 * section, so calls may come from any thread.
 */
#ifndef PC_STORE_H
#define PC_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <sqlite3.h>

#include "central.h"
#include "central_benchmark.h"
#include "central_token.h"
#include "central_validate.h"

#define PC_SCHEMA_VERSION 1

struct pc_store {
    sqlite3 *db;
    char *path;
    pthread_mutex_t lock;
    bool mutex_ready;
};

/* Opens (creating and upgrading when needed). PC_FAILED with a Dutch reason
 * in err; the store is then closed. */
int pc_store_open(const char *path, struct pc_store *s, char *err, size_t errsize);
void pc_store_close(struct pc_store *s);

/* Makes a token for swv (stored form) and stores its hash; the token is
 * returned in token (shown once by the caller), its id in *id. */
int pc_store_token_add(struct pc_store *s, const char *swv, char token[PC_TOKEN_SIZE],
                       long *id, char *err, size_t errsize);

/* Writes one line per token: id, prefix, SWV, created, revoked ("" when
 * active), tab-separated. Never the token. */
int pc_store_token_list(struct pc_store *s, FILE *out, char *err, size_t errsize);

/* Revokes token id. PC_INVALID when there is no such token; *already tells
 * whether it was revoked before. */
int pc_store_token_revoke(struct pc_store *s, long id, bool *already, char *err,
                          size_t errsize);

/* Looks a token up by hash (constant-time comparison). *valid is true for a
 * known, unrevoked token; then *token_id and swv are set. */
int pc_store_token_check(struct pc_store *s, const char *token, bool *valid,
                         long *token_id, char swv[PC_SWV_SIZE], char *err, size_t errsize);

enum pc_put {
    PC_PUT_STORED,      /* new key: stored */
    PC_PUT_DUPLICATE,   /* key known with the same body hash */
    PC_PUT_CONFLICT,    /* key known with another body hash */
};

/* Stores a validated body once per (SWV, key), with its SHA-256 and its
 * domain scores, in one transaction. */
int pc_store_put(struct pc_store *s, const struct pc_summary *sum, const char *key,
                 const char *body, size_t len, long token_id, enum pc_put *out,
                 char *err, size_t errsize);

/* The overall and domain scores of the latest submission of each SWV for
 * rubric id@version (latest: highest date, then revision, then the last
 * received), grouped by SWV in SWV order, domains in body order. */
int pc_store_benchmark(struct pc_store *s, const char *rubric_id, long version,
                       struct pc_bench_values *out, char *err, size_t errsize);

#endif
