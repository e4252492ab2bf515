/*
 * central_store.c — the receiver's store: picks a backend and dispatches to
 * its operations table (see central_store.h). What is the same for every
 * backend lives here: making a token, hashing a body, the snapshot policy
 * of the benchmark.
 */
#include "central_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct pc_store {
    const struct pc_store_ops *ops;
    void *impl;
};

/* The backends, tried in order; the last one takes whatever is left. */
static const struct pc_store_ops *const backends[] = {
    &pc_store_pg_ops,
    &pc_store_sqlite_ops,
};

enum pt_status pc_store_open(const char *location, struct pc_store **out,
                             struct pt_error *err)
{
    const struct pc_store_ops *ops = NULL;
    void *impl = NULL;
    *out = NULL;
    for (size_t i = 0; i < sizeof backends / sizeof backends[0] && !ops; i++)
        if (backends[i]->handles(location))
            ops = backends[i];
    if (!ops) {
        pt_error_set(err, "%s: deze ontvanger is gebouwd zonder ondersteuning voor "
                     "deze database", location);
        return PT_FAILED;
    }
    if (ops->open(location, &impl, err) != PT_OK)
        return PT_FAILED;
    struct pc_store *s = pt_xcalloc(1, sizeof *s);
    s->ops = ops;
    s->impl = impl;
    *out = s;
    return PT_OK;
}

void pc_store_close(struct pc_store *s)
{
    if (!s)
        return;
    s->ops->close(s->impl);
    free(s);
}

const char *pc_store_backend_name(const struct pc_store *s)
{
    return s->ops->name;
}

enum pt_status pc_store_token_add(struct pc_store *s, const char *swv,
                                  char token[PC_TOKEN_SIZE], long *id, struct pt_error *err)
{
    uint8_t hash[PC_SHA256_SIZE];
    char prefix[PC_TOKEN_PREFIX_SIZE];
    if (pc_token_new(token, err) != PT_OK)
        return PT_FAILED;
    pc_token_hash(token, hash);
    pc_token_prefix(token, prefix);
    int rc = s->ops->token_add(s->impl, swv, hash, prefix, id, err);
    if (rc != PT_OK)
        pc_wipe(token, PC_TOKEN_SIZE);
    pc_wipe(hash, sizeof hash);
    return rc;
}

enum pt_status pc_store_token_list(struct pc_store *s, struct pc_token_rows *out,
                                   struct pt_error *err)
{
    return s->ops->token_list(s->impl, out, err);
}

enum pt_status pc_store_token_revoke(struct pc_store *s, long id, bool *already,
                                     struct pt_error *err)
{
    return s->ops->token_revoke(s->impl, id, already, err);
}

enum pt_status pc_store_token_check(struct pc_store *s, const char *token, bool *valid,
                                    long *token_id, char swv[PC_SWV_SIZE],
                                    struct pt_error *err)
{
    uint8_t hash[PC_SHA256_SIZE];
    char prefix[PC_TOKEN_PREFIX_SIZE];
    *valid = false;
    if (!pc_token_wellformed(token))
        return PT_OK;
    pc_token_hash(token, hash);
    pc_token_prefix(token, prefix);
    int rc = s->ops->token_check(s->impl, prefix, hash, valid, token_id, swv, err);
    pc_wipe(hash, sizeof hash);
    return rc;
}

enum pt_status pc_store_put(struct pc_store *s, struct pc_put_request *rq, enum pc_put *out,
                            struct pt_error *err)
{
    pc_sha256(rq->body, rq->len, rq->sha256);
    return s->ops->put(s->impl, rq, out, err);
}

enum pt_status pc_store_rate_take(struct pc_store *s, long token_id, long long now,
                                  unsigned window, unsigned limit, struct pc_rate *out,
                                  struct pt_error *err)
{
    return s->ops->rate_take(s->impl, token_id, now, window, limit, out, err);
}

enum pt_status pc_store_latest(struct pc_store *s, const char *rubric_id, long version,
                               struct pc_bench_values *out, struct pt_error *err)
{
    return s->ops->latest(s->impl, rubric_id, version, out, err);
}

enum pt_status pc_store_latest_bodies(struct pc_store *s, pc_body_fn fn, void *cls,
                                      struct pt_error *err)
{
    return s->ops->latest_bodies(s->impl, fn, cls, err);
}

enum pt_status pc_store_snapshot(struct pc_store *s, const char *key, long version,
                                 long long now, long long interval, pc_snapshot_fn make,
                                 void *cls, char **out, struct pt_error *err)
{
    long long taken_at = 0;
    bool found = false;
    *out = NULL;
    int rc = s->ops->snapshot_get(s->impl, key, version, &found, out, &taken_at, err);
    /* A snapshot from the future (a clock set back) is replaced too. */
    if (rc != PT_OK || (found && taken_at <= now && now - taken_at < interval))
        return rc;
    free(*out);
    *out = NULL;
    if ((rc = make(cls, s, now, out, err)) == PT_OK)
        rc = s->ops->snapshot_put(s->impl, key, version, now, *out, err);
    /* Another receiver may have stored a newer snapshot meanwhile: publish
     * what is stored, so that every receiver answers the same. */
    if (rc == PT_OK) {
        char *stored = NULL;
        rc = s->ops->snapshot_get(s->impl, key, version, &found, &stored, &taken_at, err);
        if (rc == PT_OK && found) {
            free(*out);
            *out = stored;
        } else {
            free(stored);
        }
    }
    if (rc != PT_OK) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

struct bench_key {
    const char *rubric_id;
    long version;
};

/* A new benchmark answer from the latest table (pc_snapshot_fn). */
static enum pt_status make_benchmark(void *cls, struct pc_store *s, long long now, char **json,
                                     struct pt_error *err)
{
    const struct bench_key *k = cls;
    struct pc_bench_values vals = {0};
    int rc = s->ops->latest(s->impl, k->rubric_id, k->version, &vals, err);
    if (rc == PT_OK)
        *json = pc_benchmark_json(k->rubric_id, k->version, &vals, now);
    pc_bench_free(&vals);
    return rc;
}

enum pt_status pc_store_benchmark(struct pc_store *s, const char *rubric_id, long version,
                                  long long now, long long interval, char **json,
                                  struct pt_error *err)
{
    struct bench_key k = {rubric_id, version};
    return pc_store_snapshot(s, rubric_id, version, now, interval, make_benchmark, &k, json,
                             err);
}
