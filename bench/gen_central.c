/*
 * gen_central.c — a receiver's database with N stored submissions, written
 * straight into SQLite (not over HTTP), for `make bench-central`.
 *
 *   gen_central DB N TOKENFILE
 *
 * Opens DB through the receiver's store (so the schema is the real one,
 * migrated), makes one token for SWV "PO 99-01" (written to TOKENFILE for
 * wrk) and then, in one transaction, N submissions of rubric
 * po-gereedheid@1 spread over 150 SWVs ("PO 01-01" …), each with two
 * domain scores on the scale 1–4, a compact body and its hash, and keeps
 * the latest table as the receiver does on insert. One fixed seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "central_store.h"
#include "central_token.h"

#define NSWV 150

static unsigned long long seed = 88172645463325252ULL;

static double uniform(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (double)(seed >> 11) / 9007199254740992.0;
}

static int fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "gen_central: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

static int make_token(const char *path, const char *file)
{
    struct pc_store *s = NULL;
    struct pt_error err = {0};
    char token[PC_TOKEN_SIZE];
    long id = 0;
    if (pc_store_open(path, &s, &err) != PT_OK ||
        pc_store_token_add(s, "PO 99-01", token, &id, &err) != PT_OK) {
        fprintf(stderr, "gen_central: %s\n", err.msg);
        pc_store_close(s);
        return 1;
    }
    pc_store_close(s);
    FILE *f = fopen(file, "w");
    if (!f || fprintf(f, "%s\n", token) < 0 || fclose(f) != 0) {
        perror(file);
        return 1;
    }
    return 0;
}

/* One submission: row, two domains, the latest table. */
static int insert_one(sqlite3 *db, sqlite3_stmt *sub, sqlite3_stmt *dom, sqlite3_stmt *lat,
                      long i)
{
    char swv[16], key[64], date[16], body[400];
    int s = (int)(i % NSWV);
    snprintf(swv, sizeof swv, "PO %02d-%02d", s / 8 + 1, s % 8 + 1);
    snprintf(key, sizeof key, "G-%ld/1", i);
    snprintf(date, sizeof date, "20%02d-%02d-%02d", 14 + (int)(i / NSWV % 12),
             1 + (int)(i % 12), 1 + (int)(i % 28));
    double overall = 1.0 + 3.0 * uniform(), d1 = 1.0 + 3.0 * uniform(), d2 = 1.0 + 3.0 * uniform();
    int n = snprintf(body, sizeof body, "{\"format\":\"praktijktoets-submission/2\","
                     "\"assessment\":\"G-%ld\",\"revision\":1,\"swv\":\"%s\",\"date\":\"%s\","
                     "\"overall\":{\"score\":%.2f}}", i, swv, date, overall);
    unsigned char hash[PC_SHA256_SIZE];
    pc_sha256(body, (size_t)n, hash);
    sqlite3_reset(sub);
    sqlite3_bind_text(sub, 1, swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(sub, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(sub, 3, key, (int)strlen(key) - 2, SQLITE_TRANSIENT);
    sqlite3_bind_text(sub, 4, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(sub, 5, overall);
    sqlite3_bind_text(sub, 6, body, n, SQLITE_TRANSIENT);
    sqlite3_bind_blob(sub, 7, hash, sizeof hash, SQLITE_TRANSIENT);
    if (sqlite3_step(sub) != SQLITE_DONE)
        return fail(db, "submission");
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    const double ds[2] = {d1, d2};
    const char *names[2] = {"ondersteuning", "samenwerking"};
    for (int k = 0; k < 2; k++) {
        sqlite3_reset(dom);
        sqlite3_bind_int64(dom, 1, id);
        sqlite3_bind_int(dom, 2, k);
        sqlite3_bind_text(dom, 3, names[k], -1, SQLITE_STATIC);
        sqlite3_bind_double(dom, 4, ds[k]);
        if (sqlite3_step(dom) != SQLITE_DONE)
            return fail(db, "submission_domain");
    }
    sqlite3_reset(lat);
    sqlite3_bind_text(lat, 1, swv, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(lat, 2, id);
    sqlite3_bind_text(lat, 3, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(lat, 4, overall);
    if (sqlite3_step(lat) != SQLITE_DONE)
        return fail(db, "latest");
    return 0;
}

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *sub = NULL, *dom = NULL, *lat = NULL;
    int rc = 1;
    if (argc != 4) {
        fprintf(stderr, "gebruik: gen_central DB N TOKENFILE\n");
        return 2;
    }
    long n = strtol(argv[2], NULL, 10);
    if (make_token(argv[1], argv[3]) != 0)
        return 1;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        return fail(db, "open");
    if (sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN IMMEDIATE; "
                     "INSERT INTO rubric_scale VALUES ('po-gereedheid', 1, 1, 4) "
                     "ON CONFLICT DO NOTHING", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO submission (swv, key, assessment, revision, "
                           "rubric_id, rubric_version, date, overall_score, body, body_sha256, "
                           "token_id) VALUES (?1, ?2, ?3, 1, 'po-gereedheid', 1, ?4, ?5, ?6, ?7, "
                           "1)", -1, &sub, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO submission_domain VALUES (?1, ?2, ?3, ?4)", -1,
                           &dom, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO latest VALUES ('po-gereedheid', 1, ?1, ?2, ?3, 1, ?4) "
                           "ON CONFLICT (rubric_id, rubric_version, swv) DO UPDATE SET "
                           "submission_id = excluded.submission_id, date = excluded.date, "
                           "overall_score = excluded.overall_score WHERE "
                           "(excluded.date, excluded.revision, excluded.submission_id) > "
                           "(latest.date, latest.revision, latest.submission_id)", -1, &lat,
                           NULL) != SQLITE_OK) {
        rc = fail(db, "prepare");
        goto done;
    }
    for (long i = 0; i < n; i++)
        if (insert_one(db, sub, dom, lat, i) != 0)
            goto done;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        rc = fail(db, "commit");
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(sub);
    sqlite3_finalize(dom);
    sqlite3_finalize(lat);
    sqlite3_close(db);
    return rc;
}
