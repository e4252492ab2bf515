/*
 * check_receivers.c — two receivers on one database (issue 15), once per
 * backend like the other receiver tests (tests/testdb.h): submissions
 * spread over both through fault proxies, every key stored exactly once;
 * the same key sent to both at the same moment; kill -9 of one while the
 * other keeps serving; the rate limit and the benchmark snapshot shared
 * through the database.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "central_token.h"
#include "faultproxy.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"
#include "util.h"

static char *tmp;
static char db[512];

static void open_db(void)
{
    tmp = tu_tmpdir();
    tdb_new(db, sizeof db, tmp);
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The fixtures name their backend: with CK_FORK=no one test case's choice
 * must not carry over to the next. */
static void setup(void)
{
    tdb_backend = TDB_SQLITE;
    open_db();
}

static void setup_pg(void)
{
    tdb_backend = TDB_PG;
    open_db();
}

static void teardown(void)
{
    curl_global_cleanup();
    tdb_drop(db);
    tu_rmrf(tmp);
    free(tmp);
}

static char *new_token(const char *swv)
{
    char *out = NULL, *err = NULL;
    const char *argv[16];
    size_t n = tu_central_argv(argv);
    const char *args[] = {"token", "add", "--swv", swv, "--db", db, NULL};
    for (size_t i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    ck_assert_int_eq(tu_run_argv(&out, &err, NULL, argv), 0);
    out[strcspn(out, "\n")] = '\0';
    ck_assert(pc_token_wellformed(out));
    free(err);
    return out;
}

static char *body_for(const char *swv, const char *assessment, double overall)
{
    struct pt_buf b = {0};
    pt_buf_printf(&b,
        "{\"format\":\"praktijktoets-submission/2\",\"assessment\":\"%s\",\"revision\":1,"
        "\"submitted_at\":\"2026-11-23T11:30:00Z\",\"swv\":\"%s\",\"date\":\"2014-06-01\","
        "\"purpose\":\"leerinstrument\",\"rubric\":{\"id\":\"po-gereedheid\",\"version\":1,"
        "\"scale\":{\"min\":1,\"max\":4}},"
        "\"team\":{\"size\":2,\"complete\":false,\"roles\":{\"ouders\":1,\"personeel\":1}},"
        "\"overall\":{\"score\":%.2f,\"percent\":null},\"verdict\":\"geen-oordeel\","
        "\"complete\":false,\"domains\":[{\"id\":\"ondersteuning\",\"score\":%.2f,"
        "\"cases\":1}],\"cases\":[],\"critical_findings\":[],\"reliability\":"
        "{\"alpha_interval\":null,\"alpha_ordinal\":null,\"units\":0,\"interpretation\":null},"
        "\"perspectives\":[]}", assessment, swv, overall, overall);
    return pt_buf_detach(&b);
}

static size_t discard(char *data, size_t size, size_t n, void *cls)
{
    (void)data;
    (void)cls;
    return size * n;
}

/* POST body to port; the status, or 0 when there was no whole answer. */
static long post_to(int port, const char *token, const char *key, const char *body)
{
    char url[96], auth[128], idem[128];
    struct curl_slist *h = NULL;
    long status = 0;
    CURL *c = curl_easy_init();
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1/results", port);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", key);
    h = curl_slist_append(h, auth);
    h = curl_slist_append(h, idem);
    h = curl_slist_append(h, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 3L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

static size_t keep(char *data, size_t size, size_t n, void *cls)
{
    pt_buf_add(cls, data, size * n);
    return size * n;
}

static long get_status(int port, const char *path, const char *token, char **body)
{
    char url[160], auth[128];
    struct curl_slist *h = NULL;
    struct pt_buf b = {0};
    long status = 0;
    CURL *c = curl_easy_init();
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    h = curl_slist_append(h, auth);
    pt_buf_adds(&b, "");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (body)
        *body = pt_buf_detach(&b);
    else
        pt_buf_free(&b);
    return status;
}

#define NSWV 12
#define NSUB 48

static const char *const limits[] = {"--max-per-address", "64", "--rate-limit", "1000",
                                     "--daily-cap", "1000", NULL};

START_TEST(two_receivers_under_faults_store_each_key_once)
{
    struct tu_server a, b;
    int pa, pb;
    char *tokens[NSWV], swv[24], key[32];
    tu_server_start(&a, db, tmp, limits);
    tu_server_start(&b, db, tmp, limits);
    pid_t fa = fp_start(a.port, "random:40", 15001, &pa);
    pid_t fb = fp_start(b.port, "random:40", 15002, &pb);
    for (int i = 0; i < NSWV; i++) {
        snprintf(swv, sizeof swv, "PO 2%d-%02d", i % 10, i + 1);
        tokens[i] = new_token(swv);
    }
    int created = 0, duplicates = 0, faults = 0;
    for (int k = 0; k < NSUB; k++) {
        int i = k % NSWV;
        snprintf(swv, sizeof swv, "PO 2%d-%02d", i % 10, i + 1);
        snprintf(key, sizeof key, "TWO-%d", k);
        char *body = body_for(swv, key, 1.0 + (double)(k % 30) / 10.0);
        char idem[64];
        snprintf(idem, sizeof idem, "%s/1", key);
        long st = 0;
        /* resend, alternating receivers, until a definite answer */
        for (int attempt = 0; attempt < 40 && st != 201 && st != 200; attempt++) {
            st = post_to((k + attempt) % 2 ? pb : pa, tokens[i], idem, body);
            if (st != 201 && st != 200)
                faults++;
        }
        ck_assert_msg(st == 201 || st == 200, "%s: no answer after 40 tries (%ld)", key, st);
        created += st == 201;
        duplicates += st == 200;
        free(body);
    }
    fp_stop(fa);
    fp_stop(fb);
    /* faults happened, some stored submissions had their answer cut, and
     * still every key is there exactly once */
    ck_assert_int_gt(faults, 5);
    ck_assert_int_eq(created + duplicates, NSUB);
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM submission"), NSUB);
    ck_assert_int_eq(tdb_count(db, "SELECT count(DISTINCT key) FROM submission"), NSUB);
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM latest"), NSWV);
    free(tu_server_stop(&a));
    free(tu_server_stop(&b));
    for (int i = 0; i < NSWV; i++)
        free(tokens[i]);
}
END_TEST

struct racer {
    pthread_barrier_t *go;
    int port;
    const char *token, *key, *body;
    long status;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    pthread_barrier_wait(r->go);
    r->status = post_to(r->port, r->token, r->key, r->body);
    return NULL;
}

#define NRACE 16

START_TEST(same_key_at_both_receivers_at_once)
{
    struct tu_server a, b;
    pthread_t th[2 * NRACE];
    struct racer rs[2 * NRACE];
    char keys[NRACE][32], *bodies[NRACE];
    pthread_barrier_t go;
    tu_server_start(&a, db, tmp, limits);
    tu_server_start(&b, db, tmp, limits);
    char *tok = new_token("PO 25-01");
    pthread_barrier_init(&go, NULL, 2 * NRACE);
    for (int k = 0; k < NRACE; k++) {
        snprintf(keys[k], sizeof keys[k], "RACE-%d/1", k);
        char id[32];
        snprintf(id, sizeof id, "RACE-%d", k);
        bodies[k] = body_for("PO 25-01", id, 2.5);
        for (int side = 0; side < 2; side++) {
            struct racer *r = &rs[2 * k + side];
            *r = (struct racer){&go, side ? b.port : a.port, tok, keys[k], bodies[k], 0};
            ck_assert_int_eq(pthread_create(&th[2 * k + side], NULL, race, r), 0);
        }
    }
    for (int i = 0; i < 2 * NRACE; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&go);
    /* per key: one 201 and one 200, whichever receiver won */
    for (int k = 0; k < NRACE; k++) {
        long x = rs[2 * k].status, y = rs[2 * k + 1].status;
        ck_assert_msg((x == 201 && y == 200) || (x == 200 && y == 201),
                      "%s: %ld and %ld", keys[k], x, y);
        free(bodies[k]);
    }
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM submission"), NRACE);
    ck_assert_int_eq(tdb_count(db, "SELECT n FROM daily_count"), NRACE);
    free(tu_server_stop(&a));
    free(tu_server_stop(&b));
    free(tok);
}
END_TEST

START_TEST(kill_9_of_one_receiver_the_other_serves)
{
    struct tu_server a, b;
    char swv[24], key[32], idem[64];
    tu_server_start(&a, db, tmp, limits);
    tu_server_start(&b, db, tmp, limits);
    char *reader = new_token("VO 99-99");
    for (int i = 1; i <= 12; i++) {
        snprintf(swv, sizeof swv, "PO 26-%02d", i);
        snprintf(key, sizeof key, "KILL-%d", i);
        snprintf(idem, sizeof idem, "%s/1", key);
        char *tok = new_token(swv), *body = body_for(swv, key, 1.0 + i * 0.25);
        ck_assert_int_eq(post_to(i <= 6 ? a.port : b.port, tok, idem, body), 201);
        if (i == 6) {
            /* A dies mid-life; B goes on */
            ck_assert_int_eq(kill(a.pid, SIGKILL), 0);
            ck_assert_int_eq(waitpid(a.pid, NULL, 0), a.pid);
        }
        free(tok);
        free(body);
    }
    char *answer = NULL;
    ck_assert_int_eq(get_status(b.port, "/v1/benchmark?rubric=po-gereedheid@1", reader,
                                &answer), 200);
    ck_assert_msg(strstr(answer, "\"swvs\":12,") != NULL, "%s", answer);
    free(answer);
    /* A comes back on the same database and sees everything */
    tu_server_start(&a, db, tmp, limits);
    snprintf(idem, sizeof idem, "KILL-3/1");
    char *tok = new_token("PO 26-03"), *body = body_for("PO 26-03", "KILL-3", 1.75);
    ck_assert_int_eq(post_to(a.port, tok, idem, body), 200);
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM submission"), 12);
    free(tok);
    free(body);
    free(tu_server_stop(&a));
    free(tu_server_stop(&b));
    free(reader);
}
END_TEST

START_TEST(rate_limit_and_snapshot_shared_by_both)
{
    struct tu_server a, b;
    const char *rl[] = {"--max-per-address", "64", "--rate-limit", "6", NULL};
    tu_server_start(&a, db, tmp, rl);
    tu_server_start(&b, db, tmp, rl);
    char *tok = new_token("PO 27-01");
    const char *path = "/v1/benchmark?rubric=po-gereedheid@1";
    char *first = NULL, *other = NULL;
    /* six requests of one token, three at each receiver, then the limit */
    long st = get_status(a.port, path, tok, &first);
    ck_assert_int_eq(st, 200);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(get_status(i % 2 ? a.port : b.port, path, tok, NULL), 200);
    ck_assert_int_eq(get_status(b.port, path, tok, NULL), 429);
    ck_assert_int_eq(get_status(a.port, path, tok, NULL), 429);
    /* a new submission at A does not move what B publishes (one snapshot) */
    char *swv_tok = new_token("PO 27-02"), *body = body_for("PO 27-02", "SNAP-1", 3.0);
    ck_assert_int_eq(post_to(a.port, swv_tok, "SNAP-1/1", body), 201);
    char *reader = new_token("PO 27-03");
    ck_assert_int_eq(get_status(b.port, path, reader, &other), 200);
    ck_assert_str_eq(other, first);
    ck_assert_ptr_nonnull(strstr(other, "\"swvs\":0,"));
    free(first);
    free(other);
    free(body);
    free(swv_tok);
    free(reader);
    free(tok);
    free(tu_server_stop(&a));
    free(tu_server_stop(&b));
}
END_TEST

/* The benchmark answer without its snapshot_at (caller frees). */
static char *without_time(char *json)
{
    char *p = strstr(json, "\"snapshot_at\":\"");
    ck_assert_ptr_nonnull(p);
    char *q = strchr(p + 15, '"');
    memmove(p, q + 2, strlen(q + 2) + 1);   /* also the comma after it */
    return json;
}

static int run_central(char **out, char **err, const char *const *args)
{
    const char *argv[24];
    size_t n = tu_central_argv(argv);
    for (size_t i = 0; args[i] && n < 23; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return tu_run_argv(out, err, NULL, argv);
}

/* A SQLite receiver at file with 14 SWVs, a second revision for some:
 * the benchmark it answers (caller frees), a reader's token and the token
 * of PO 30-05. */
static char *fill_sqlite(const char *file, char **reader, char **keep)
{
    struct tu_server s;
    char swv[24], key[32], idem[64], pgdb[512];
    const char *now[] = {"--snapshot-interval", "0", NULL};
    snprintf(pgdb, sizeof pgdb, "%s", db);
    snprintf(db, sizeof db, "%s", file);   /* new_token works on db */
    tu_server_start(&s, file, tmp, now);
    *reader = new_token("VO 99-99");
    for (int i = 1; i <= 14; i++) {
        snprintf(swv, sizeof swv, "PO 30-%02d", i);
        char *tok = new_token(swv);
        for (int rev = 1; rev <= (i % 3 ? 1 : 2); rev++) {
            snprintf(key, sizeof key, "MIG-%d", i);
            snprintf(idem, sizeof idem, "%s/%d", key, rev);
            char *body = body_for(swv, key, 1.0 + (double)((i * 7) % 30) / 10.0);
            if (rev == 2)
                strstr(body, "\"revision\":1")[11] = '2';
            ck_assert_int_eq(post_to(s.port, tok, idem, body), 201);
            free(body);
        }
        if (i == 5)
            *keep = tok;
        else
            free(tok);
    }
    char *answer = NULL;
    ck_assert_int_eq(get_status(s.port, "/v1/benchmark?rubric=po-gereedheid@1", *reader,
                                &answer), 200);
    free(tu_server_stop(&s));
    snprintf(db, sizeof db, "%s", pgdb);
    return answer;
}

START_TEST(migrate_sqlite_to_postgresql)
{
    struct tu_server s;
    char file[400], *out = NULL, *err = NULL, *reader = NULL, *keep = NULL;
    const char *now[] = {"--snapshot-interval", "0", NULL};
    const char *path = "/v1/benchmark?rubric=po-gereedheid@1";
    snprintf(file, sizeof file, "%s/bron.db", tmp);
    char *before = fill_sqlite(file, &reader, &keep);

    const char *mig[] = {"migrate", "--from", file, "--to", db, NULL};
    ck_assert_int_eq(run_central(&out, &err, mig), 0);
    ck_assert_ptr_nonnull(strstr(out, "token\t15\n"));
    ck_assert_ptr_nonnull(strstr(out, "submission\t18\n"));
    ck_assert_ptr_nonnull(strstr(out, "latest\t14\n"));
    free(out);
    free(err);
    static const char *const counts[] = {
        "SELECT count(*) FROM token", "SELECT count(*) FROM submission",
        "SELECT count(*) FROM submission_domain", "SELECT count(*) FROM latest",
        "SELECT count(*) FROM rubric_scale", "SELECT count(*) FROM daily_count",
        "SELECT count(*) FROM snapshot"};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        ck_assert_int_eq(tdb_count(file, counts[i]), tdb_count(db, counts[i]));
    char *b1 = tdb_value(file, "SELECT body FROM submission WHERE key = $1", "MIG-3/2");
    char *b2 = tdb_value(db, "SELECT body FROM submission WHERE key = $1", "MIG-3/2");
    ck_assert_str_eq(b1, b2);
    free(b1);
    free(b2);

    /* the same benchmark from PostgreSQL; old tokens work there */
    tu_server_start(&s, db, tmp, now);
    char *after = NULL;
    ck_assert_int_eq(get_status(s.port, path, reader, &after), 200);
    ck_assert_str_eq(without_time(after), without_time(before));
    char *body = body_for("PO 30-05", "MIG-5", 1.0 + (double)((5 * 7) % 30) / 10.0);
    ck_assert_int_eq(post_to(s.port, keep, "MIG-5/1", body), 200);   /* known there */
    free(body);
    char *fresh = new_token("PO 30-15");   /* the id sequence goes on past 15 */
    free(fresh);
    ck_assert_int_eq(tdb_count(db, "SELECT max(id) FROM token"), 16);
    free(tu_server_stop(&s));

    /* a second migration into a database that is not empty: refused */
    ck_assert_int_eq(run_central(&out, &err, mig), 3);
    ck_assert_ptr_nonnull(strstr(err, "niet leeg"));
    /* and the message never shows the database's password */
    const char *u = tdb_pg_uri(), *colon = strchr(u + 13, ':'), *at = strchr(u, '@');
    char pw[128];
    snprintf(pw, sizeof pw, "%.*s", (int)(at - colon - 1), colon + 1);
    ck_assert(strlen(pw) > 8);
    ck_assert_ptr_null(strstr(err, pw));
    free(out);
    free(err);
    const char *wrong[] = {"migrate", "--from", file, "--to", file, NULL};
    ck_assert_int_eq(run_central(&out, &err, wrong), 2);
    free(out);
    free(err);
    free(before);
    free(after);
    free(keep);
    free(reader);
}
END_TEST

/* The database ends every connection of the receiver (as a restart of
 * the server would): the next requests are answered, none with 500. */
START_TEST(connections_lost_to_the_database_are_made_again)
{
    struct tu_server a;
    char swv[24], key[32], idem[64], dbname[128];
    tu_server_start(&a, db, tmp, limits);
    char *reader = new_token("VO 99-99");
    snprintf(dbname, sizeof dbname, "%s", strrchr(db, '/') + 1);
    for (int round = 0; round < 3; round++) {
        char *v = tdb_value(db, "SELECT count(pg_terminate_backend(pid)) FROM "
                            "pg_stat_activity WHERE datname = $1 AND "
                            "pid <> pg_backend_pid()", dbname);
        /* all 9 (pool and counter) the first time; later those made again */
        ck_assert_msg(v && strtol(v, NULL, 10) >= (round ? 2 : 9), "ended %s connections", v);
        free(v);
        usleep(200 * 1000);
        for (int i = 0; i < 12; i++) {
            snprintf(swv, sizeof swv, "PO 31-%02d", i + 1);
            snprintf(key, sizeof key, "LOST-%d-%d", round, i);
            snprintf(idem, sizeof idem, "%s/1", key);
            char *tok = new_token(swv), *body = body_for(swv, key, 2.0);
            ck_assert_int_eq(post_to(a.port, tok, idem, body), 201);
            ck_assert_int_eq(get_status(a.port, "/v1/benchmark?rubric=po-gereedheid@1",
                                        reader, NULL), 200);
            free(tok);
            free(body);
        }
    }
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM submission"), 36);
    char *log = tu_server_stop(&a);
    ck_assert_ptr_null(strstr(log, " 500"));
    free(log);
    free(reader);
}
END_TEST

/* Four commands open a new database at the same moment: one creates the
 * schema under the migration lock, the others wait and find it done. */
START_TEST(schema_made_once_when_four_start_at_once)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "p='%s'; d='%s'; e='%s'; "
             "\"$p\" token list --db \"$d\" >/dev/null 2>\"$e/l1\" & a=$!; "
             "\"$p\" token list --db \"$d\" >/dev/null 2>\"$e/l2\" & b=$!; "
             "\"$p\" token list --db \"$d\" >/dev/null 2>\"$e/l3\" & c=$!; "
             "\"$p\" token list --db \"$d\" >/dev/null 2>\"$e/l4\" & f=$!; "
             "wait $a && wait $b && wait $c && wait $f", tu_central_program(), db, tmp);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM pt_schema"), 1);
    ck_assert_int_eq(tdb_count(db, "SELECT version FROM pt_schema"), 2);
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM pg_tables WHERE "
                                   "schemaname = 'public'"), 9);
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, two_receivers_under_faults_store_each_key_once);
    tcase_add_test(tc, same_key_at_both_receivers_at_once);
    tcase_add_test(tc, kill_9_of_one_receiver_the_other_serves);
    tcase_add_test(tc, rate_limit_and_snapshot_shared_by_both);
    tcase_set_timeout(tc, 180);
}

Suite *receivers_suite(void)
{
    Suite *s = suite_create("receivers");
    TCase *sq = tcase_create("sqlite");
    tcase_add_checked_fixture(sq, setup, teardown);
    add_tests(sq);
    suite_add_tcase(s, sq);
    if (tdb_pg_uri()) {
        TCase *pg = tcase_create("postgresql");
        tcase_add_checked_fixture(pg, setup_pg, teardown);
        add_tests(pg);
        tcase_add_test(pg, migrate_sqlite_to_postgresql);
        tcase_add_test(pg, connections_lost_to_the_database_are_made_again);
        tcase_add_test(pg, schema_made_once_when_four_start_at_once);
        suite_add_tcase(s, pg);
    }
    return s;
}
