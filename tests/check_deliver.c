/*
 * check_deliver.c — submission end to end on loopback: the real client
 * (praktijktoets submit / outbox) against the real receiver
 * (praktijktoets-central serve), with faults injected by faultproxy.c
 * between them. Every wait is bounded; every process is stopped.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>
#include <sqlite3.h>

#include "faultproxy.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"
#include "util.h"

static char *tmp;
static char cdb[512], sdb[512], map[512], endpoint[128];
static char *token;
static struct tu_server central;
static pid_t proxy = -1;
/* The receiver's limits made generous: these tests submit hundreds of times
 * a minute from one SWV (the limits are tested in check_central.c). */
static const char *const limits[] = {"--rate-limit", "1000000", "--daily-cap", "1000000",
                                     "--snapshot-interval", "0", NULL};

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    ck_assert_msg(st == 0, "failed: %s", cmd);
}

/* Runs praktijktoets-central with args; returns its stdout (caller frees). */
static char *central_run(const char *const *args)
{
    char cmd[2048] = "";
    size_t n = (size_t)snprintf(cmd, sizeof cmd, "'%s'", tu_central_program());
    for (size_t i = 0; args[i]; i++)
        n += (size_t)snprintf(cmd + n, sizeof cmd - n, " '%s'", args[i]);
    snprintf(cmd + n, sizeof cmd - n, " 2>/dev/null");
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    struct pt_buf b = {0};
    char buf[512];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, p)) > 0)
        pt_buf_add(&b, buf, got);
    ck_assert_int_eq(pclose(p), 0);
    return pt_buf_detach(&b);
}

static char *new_token(const char *swv)
{
    const char *args[] = {"token", "add", "--swv", swv, "--db", sdb, NULL};
    char *t = central_run(args);
    size_t len = strlen(t);
    while (len && (t[len - 1] == '\n' || t[len - 1] == '\r'))
        t[--len] = '\0';
    ck_assert_uint_gt(len, 16);
    return t;
}

static long count(const char *db, const char *sql)
{
    return tdb_count(db, sql);
}

static void set_endpoint(int port)
{
    snprintf(endpoint, sizeof endpoint, "http://127.0.0.1:%d", port);
}

static void setup(void)
{
    tmp = tu_tmpdir();
    snprintf(cdb, sizeof cdb, "%s/client.db", tmp);
    snprintf(sdb, sizeof sdb, "%s/central.db", tmp);
    snprintf(map, sizeof map, "%s/mini", tmp);
    tu_copy("tests/fixtures/mini", map);
    /* No user configuration file may take part. */
    setenv("XDG_CONFIG_HOME", tmp, 1);
    unsetenv("PRAKTIJKTOETS_CONFIG");
    unsetenv("PRAKTIJKTOETS_ENDPOINT");
    unsetenv("PRAKTIJKTOETS_CACERT");
    unsetenv("PT_TEST_KILL_SUBMIT");
    token = new_token("PO 27-01");
    setenv("PRAKTIJKTOETS_TOKEN", token, 1);
    const char *args[] = {"--db", cdb, "import", map, NULL};
    ck_assert_int_eq(tu_run(NULL, NULL, NULL, args), 0);
    tu_server_start(&central, sdb, tmp, limits);
    set_endpoint(central.port);
}

static void central_stop(void)
{
    if (central.pid > 0)
        free(tu_server_stop(&central));
}

static void teardown(void)
{
    /* The proxy is a fork of this process: SIGKILL, so that a valgrind
     * around the suite does not report the parent's memory as its leaks. */
    fp_stop(proxy);
    proxy = -1;
    central_stop();
    unsetenv("PRAKTIJKTOETS_TOKEN");
    unsetenv("XDG_CONFIG_HOME");
    free(token);
    token = NULL;
    tu_rmrf(tmp);
    free(tmp);
}

/* Runs the client; fails the test on an unexpected exit status and checks
 * that the token never shows. */
#define CLIENT(want, ...) do { \
        const char *args_[] = {"--db", cdb, __VA_ARGS__, NULL}; \
        free(out); free(err); out = err = NULL; \
        int st_ = tu_run(&out, &err, NULL, args_); \
        ck_assert_msg(st_ == (want), "exit %d, want %d; stderr: %s", st_, (want), err); \
        ck_assert_msg(strstr(out, token) == NULL && strstr(err, token) == NULL, \
                      "the token was printed"); \
    } while (0)

/* Changes one score so that the assessment gets a new revision. */
static void rescore(int i)
{
    const char *args[] = {"--db", cdb, "score", "PT-MINI-1", "--rater", "r1", "--case", "K1",
                          "--criterion", "a1", "--level", i % 2 ? "2" : "3", NULL};
    char *err = NULL;
    int st = tu_run(NULL, &err, NULL, args);
    ck_assert_msg(st == 0, "score: %s", err);
    free(err);
}

#define STORED(where) count(sdb, "SELECT count(*) FROM submission " where)
#define OUTBOX(where) count(cdb, "SELECT count(*) FROM outbox " where)

START_TEST(submit_stores_once_and_a_new_revision_anew)
{
    char *out = NULL, *err = NULL;
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "Ingediend: PT-MINI-1 revisie 1"));
    ck_assert_int_eq(STORED(""), 1);
    ck_assert_int_eq(STORED("WHERE key = 'PT-MINI-1/1' AND swv = 'PO 27-01'"), 1);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "al afgeleverd"));
    ck_assert_int_eq(STORED(""), 1);
    ck_assert_int_eq(OUTBOX(""), 1);
    rescore(1);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "revisie 2"));
    ck_assert_int_eq(STORED(""), 2);
    ck_assert_int_eq(STORED("WHERE key = 'PT-MINI-1/2'"), 1);
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), 2);
    /* What was stored centrally is exactly the body in the outbox. */
    ck_assert_int_eq(count(cdb, "SELECT length(body) FROM outbox WHERE revision = 2"),
                     count(sdb, "SELECT length(body) FROM submission WHERE key = 'PT-MINI-1/2'"));
    CLIENT(0, "outbox", "list");
    ck_assert_ptr_nonnull(strstr(out, "PT-MINI-1/2\tPO 27-01\tafgeleverd\t1\t-\t"));
    free(out);
    free(err);
}
END_TEST

START_TEST(receiver_down_then_delivered_by_flush)
{
    char *out = NULL, *err = NULL;
    central_stop();
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "In de wachtrij"));
    ck_assert_ptr_nonnull(strstr(err, "geen antwoord"));
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending' AND attempts = 1 AND last_error LIKE 'geen antwoord%'"), 1);
    CLIENT(4, "outbox", "flush", "--now");
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending' AND attempts = 2"), 1);
    /* Not due yet: flush without --now leaves it (backoff 2 s and more). */
    CLIENT(4, "outbox", "flush");
    ck_assert_ptr_nonnull(strstr(err, "Niets aan de beurt"));
    ck_assert_int_eq(OUTBOX("WHERE attempts = 2"), 1);
    /* The receiver comes back on another port: flush --endpoint. */
    tu_server_start(&central, sdb, tmp, limits);
    set_endpoint(central.port);
    CLIENT(0, "outbox", "flush", "--now", "--endpoint", endpoint);
    ck_assert_int_eq(STORED(""), 1);
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), 1);
    CLIENT(0, "outbox", "flush", "--now");
    ck_assert_ptr_nonnull(strstr(err, "Niets aan de beurt"));
    free(out);
    free(err);
}
END_TEST

START_TEST(every_fault_keeps_it_pending_and_flush_delivers_each_once)
{
    static const char *const plan[] = {"500", "503", "429", "drop", "hang", "503date", "reset",
                                       "huge"};
    const size_t nplan = sizeof plan / sizeof plan[0];
    char *out = NULL, *err = NULL;
    int pport = 0;
    proxy = fp_start(central.port, "500,503,429,drop,hang,503date,reset,huge", 1, &pport);
    ck_assert_int_gt(proxy, 0);
    set_endpoint(pport);
    for (size_t i = 0; i < nplan; i++) {
        if (i)
            rescore((int)i);
        time_t before = time(NULL);
        CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint, "--timeout", "2");
        char q[256];
        snprintf(q, sizeof q, "SELECT next_attempt - %ld FROM outbox WHERE revision = %zu",
                 (long)before, i + 1);
        long wait = count(cdb, q);
        if (strcmp(plan[i], "503") == 0 || strcmp(plan[i], "429") == 0) {
            /* Retry-After: 1 honoured exactly */
            ck_assert_msg(wait >= 1 && wait <= 3, "%s: next attempt in %ld s", plan[i], wait);
            ck_assert_ptr_nonnull(strstr(err, plan[i]));
        } else if (strcmp(plan[i], "503date") == 0) {
            ck_assert_msg(wait >= 0 && wait <= 3, "503date: next attempt in %ld s", wait);
        } else if (strcmp(plan[i], "500") == 0) {
            ck_assert_ptr_nonnull(strstr(err, "500"));
        } else {
            ck_assert_ptr_nonnull(strstr(err, "geen antwoord"));
            if (strcmp(plan[i], "huge") == 0)
                ck_assert_ptr_nonnull(strstr(err, "groter dan 1048576 bytes"));
        }
    }
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending'"), (long)nplan);
    /* The dropped answer came after the receiver had stored it. */
    ck_assert_int_eq(STORED(""), 1);
    CLIENT(0, "outbox", "flush", "--now", "--timeout", "2");
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), (long)nplan);
    ck_assert_int_eq(STORED(""), (long)nplan);
    ck_assert_int_eq(count(sdb, "SELECT count(DISTINCT key) FROM submission"), (long)nplan);
    free(out);
    free(err);
}
END_TEST

START_TEST(two_hundred_submissions_under_random_faults_each_stored_once)
{
    const int total = 200;
    char *out = NULL, *err = NULL;
    int pport = 0;
    proxy = fp_start(central.port, "random:35", 20261123, &pport);
    ck_assert_int_gt(proxy, 0);
    set_endpoint(pport);
    int first_try = 0;
    for (int i = 0; i < total; i++) {
        if (i)
            rescore(i);
        const char *args[] = {"--db", cdb, "submit", "PT-MINI-1", "--endpoint", endpoint,
                              "--timeout", "1", NULL};
        int st = tu_run(NULL, NULL, NULL, args);
        ck_assert_msg(st == 0 || st == 4, "submit %d: exit %d", i, st);
        first_try += st == 0;
    }
    ck_assert_int_eq(OUTBOX(""), total);
    ck_assert_int_lt(first_try, total);          /* faults did happen */
    int rounds = 0;
    for (; rounds < 100 && OUTBOX("WHERE state = 'pending'") > 0; rounds++) {
        const char *args[] = {"--db", cdb, "outbox", "flush", "--now", "--timeout", "1", NULL};
        int st = tu_run(NULL, NULL, NULL, args);
        ck_assert_msg(st == 0 || st == 4, "flush: exit %d", st);
    }
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), total);
    ck_assert_int_eq(STORED(""), total);
    ck_assert_int_eq(count(sdb, "SELECT count(DISTINCT key) FROM submission"), total);
    ck_assert_int_eq(count(sdb, "SELECT min(revision) FROM submission"), 1);
    ck_assert_int_eq(count(sdb, "SELECT max(revision) FROM submission"), total);
    free(out);
    free(err);
}
END_TEST

START_TEST(killed_between_storing_and_delivering_nothing_lost_nothing_twice)
{
    char *out = NULL, *err = NULL;
    /* Killed right after the outbox row was committed, before sending. */
    {
        const char *args[] = {"--db", cdb, "submit", "PT-MINI-1", "--endpoint", endpoint, NULL};
        ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_SUBMIT=stored", args), -SIGKILL);
    }
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending' AND attempts = 0"), 1);
    ck_assert_int_eq(STORED(""), 0);
    /* Killed after the receiver stored it, before the answer was recorded. */
    rescore(1);
    {
        const char *args[] = {"--db", cdb, "submit", "PT-MINI-1", "--endpoint", endpoint, NULL};
        ck_assert_int_eq(tu_run(NULL, NULL, "PT_TEST_KILL_SUBMIT=sent", args), -SIGKILL);
    }
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending'"), 2);
    ck_assert_int_eq(STORED(""), 1);
    CLIENT(0, "outbox", "flush", "--now");
    ck_assert_ptr_nonnull(strstr(err, "PT-MINI-1/2: afgeleverd (stond er al)"));
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), 2);
    ck_assert_int_eq(STORED(""), 2);
    free(out);
    free(err);
}
END_TEST

/* flush --wait keeps trying as each attempt falls due, and gives up after
 * its time. */
START_TEST(flush_wait_retries_until_delivered_or_time_is_up)
{
    char *out = NULL, *err = NULL;
    int pport = 0;
    proxy = fp_start(central.port, "500,503", 7, &pport);
    ck_assert_int_gt(proxy, 0);
    set_endpoint(pport);
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint);
    time_t before = time(NULL);
    CLIENT(0, "outbox", "flush", "--wait", "30");
    ck_assert_int_le(time(NULL) - before, 10);
    ck_assert_ptr_nonnull(strstr(err, "Volgende poging over"));
    ck_assert_ptr_nonnull(strstr(err, "PT-MINI-1/1: afgeleverd"));
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered' AND attempts = 3"), 1);
    ck_assert_int_eq(STORED(""), 1);
    /* nobody answers: it gives up after about --wait seconds */
    central_stop();
    fp_stop(proxy);
    proxy = -1;
    rescore(1);
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint);
    before = time(NULL);
    CLIENT(4, "outbox", "flush", "--wait", "3");
    ck_assert_int_le(time(NULL) - before, 5);
    ck_assert_int_ge(OUTBOX("WHERE state = 'pending' AND attempts >= 2"), 1);
    CLIENT(2, "outbox", "flush", "--wait", "0");
    free(out);
    free(err);
}
END_TEST

/* Eight processes deliver the same pending submission at the same moment:
 * the receiver stores it once and every process ends with it delivered. */
START_TEST(concurrent_flushes_store_once)
{
    char *out = NULL, *err = NULL;
    central_stop();
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint);
    tu_server_start(&central, sdb, tmp, limits);
    set_endpoint(central.port);
    enum { N = 8 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        ck_assert_int_ge(pids[i], 0);
        if (pids[i] == 0) {
            /* exec at once: under valgrind a fork that returns would be
             * leak-checked as a copy of the whole test process */
            const char *argv[] = {tu_program(), "--db", cdb, "outbox", "flush", "--now",
                                  "--endpoint", endpoint, NULL};
            int devnull = open("/dev/null", O_RDWR);
            dup2(devnull, 0);
            dup2(devnull, 1);
            dup2(devnull, 2);
            execv(argv[0], (char *const *)argv);
            _exit(127);
        }
    }
    for (int i = 0; i < N; i++) {
        int st = 0;
        ck_assert_int_eq(waitpid(pids[i], &st, 0), pids[i]);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "flush %d: status %d", i, st);
    }
    ck_assert_int_eq(STORED(""), 1);
    ck_assert_int_eq(OUTBOX("WHERE state = 'delivered'"), 1);
    free(out);
    free(err);
}
END_TEST

/* Makes the pending row's body something the receiver must refuse. */
static void corrupt_body(const char *sql)
{
    tdb_exec(cdb, sql);
}

START_TEST(rejections_are_final_and_the_receiver_keeps_serving)
{
    char *out = NULL, *err = NULL;
    /* wrong token */
    setenv("PRAKTIJKTOETS_TOKEN", "ptk_dezetokenbestaatnietenisooknooitgemaakt", 1);
    CLIENT(5, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "token"));
    ck_assert_ptr_null(strstr(err, "ptk_dezetoken"));
    ck_assert_int_eq(OUTBOX("WHERE state = 'rejected' AND last_status = 401"), 1);
    /* a rejected row is not retried by flush */
    CLIENT(0, "outbox", "flush", "--now");
    ck_assert_int_eq(OUTBOX("WHERE attempts = 1"), 1);
    /* the token of another SWV */
    char *other = new_token("PO 30-02");
    setenv("PRAKTIJKTOETS_TOKEN", other, 1);
    CLIENT(5, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_int_eq(OUTBOX("WHERE state = 'rejected' AND last_status = 403"), 1);
    ck_assert_ptr_null(strstr(err, other));
    free(other);
    /* the right token: submit again delivers the rejected row */
    setenv("PRAKTIJKTOETS_TOKEN", token, 1);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_int_eq(STORED(""), 1);

    /* bodies the receiver must refuse, each on a new pending row */
    struct { const char *sql; long status; } bad[] = {
        {"UPDATE outbox SET body = '{niet json' WHERE revision = 2", 400},
        {"UPDATE outbox SET body = replace(body, 'praktijktoets-submission/2',"
         " 'praktijktoets-submission/9') WHERE revision = 3", 422},
        {"UPDATE outbox SET body = replace(body, '\"purpose\":', '\"naam\":\"Jan\",\"purpose\":')"
         " WHERE revision = 4", 422},
        {"UPDATE outbox SET body = body || printf('%.*c', 2000000, ' ') WHERE revision = 5", 413},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rescore((int)i + 1);
        central_stop();
        CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint, "--timeout", "2");
        corrupt_body(bad[i].sql);
        tu_server_start(&central, sdb, tmp, limits);
        set_endpoint(central.port);
        CLIENT(5, "outbox", "flush", "--now", "--endpoint", endpoint);
        char q[160];
        snprintf(q, sizeof q, "SELECT last_status FROM outbox WHERE revision = %zu", i + 2);
        ck_assert_int_eq(count(cdb, q), bad[i].status);
        ck_assert_ptr_nonnull(strstr(err, "geweigerd"));
    }
    ck_assert_int_eq(OUTBOX("WHERE state = 'rejected'"), 4);
    ck_assert_int_eq(STORED(""), 1);
    /* and it still serves */
    rescore(9);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_int_eq(STORED(""), 2);
    free(out);
    free(err);
}
END_TEST

/* http_proxy and friends point at a listener that only counts: a
 * submission to a loopback endpoint must not go through it (the token would
 * travel in clear text through the proxy). */
START_TEST(no_proxy_for_a_loopback_endpoint)
{
    char *out = NULL, *err = NULL, url[64];
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(lfd, 16), 0);
    ck_assert_int_eq(getsockname(lfd, (struct sockaddr *)&a, &alen), 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    static const char *const vars[] = {"http_proxy", "HTTP_PROXY", "https_proxy",
                                       "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        setenv(vars[i], url, 1);
    unsetenv("no_proxy");
    unsetenv("NO_PROXY");
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);
    rescore(1);
    char local[128];
    snprintf(local, sizeof local, "http://localhost:%d", central.port);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", local);
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
    ck_assert_int_eq(STORED(""), 2);
    struct pollfd p = {.fd = lfd, .events = POLLIN};
    ck_assert_msg(poll(&p, 1, 200) == 0, "the proxy got a connection");
    close(lfd);
    free(out);
    free(err);
}
END_TEST

/* A redirect is not followed: the submission stays pending and the user
 * hears where the endpoint went. */
START_TEST(a_redirect_is_reported_and_kept_pending)
{
    char *out = NULL, *err = NULL;
    int pport = 0;
    proxy = fp_start(central.port, "307,307", 1, &pport);
    ck_assert_int_gt(proxy, 0);
    set_endpoint(pport);
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_msg(strstr(err, "het eindpunt is verhuisd naar "
                              "https://elders.example/v1/results") != NULL, "%s", err);
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending' AND last_status = 307"), 1);
    ck_assert_int_eq(STORED(""), 0);
    CLIENT(4, "outbox", "flush", "--now");
    ck_assert_int_eq(OUTBOX("WHERE state = 'pending' AND attempts = 2"), 1);
    /* the user points it at the receiver itself: delivered */
    set_endpoint(central.port);
    CLIENT(0, "outbox", "flush", "--now", "--endpoint", endpoint);
    ck_assert_int_eq(STORED(""), 1);
    free(out);
    free(err);
}
END_TEST

START_TEST(tls_with_the_right_ca_only)
{
    char *out = NULL, *err = NULL;
    central_stop();
    sh("cd '%s' && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Test CA' "
       "-keyout ca.key -out ca.pem >/dev/null 2>&1 && "
       "openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout server.key "
       "-out server.csr >/dev/null 2>&1 && "
       "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext && "
       "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
       "-extfile san.ext -out server.pem >/dev/null 2>&1", tmp);
    char cert[600], key[600], ca[600];
    snprintf(cert, sizeof cert, "%s/server.pem", tmp);
    snprintf(key, sizeof key, "%s/server.key", tmp);
    snprintf(ca, sizeof ca, "%s/ca.pem", tmp);
    const char *extra[] = {"--tls-cert", cert, "--tls-key", key, NULL};
    tu_server_start(&central, sdb, tmp, extra);
    snprintf(endpoint, sizeof endpoint, "%s", central.url);
    ck_assert_ptr_nonnull(strstr(endpoint, "https://"));
    /* Without the CA the certificate cannot be verified: not delivered. */
    CLIENT(4, "submit", "PT-MINI-1", "--endpoint", endpoint, "--timeout", "5");
    ck_assert_ptr_nonnull(strstr(err, "geen antwoord"));
    ck_assert_int_eq(STORED(""), 0);
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint, "--cacert", ca);
    ck_assert_int_eq(STORED(""), 1);
    free(out);
    free(err);
}
END_TEST

START_TEST(settings_are_checked_before_anything_is_queued)
{
    char *out = NULL, *err = NULL;
    CLIENT(2, "submit", "PT-MINI-1", "--endpoint", "http://centraal.example.org");
    ck_assert_ptr_nonnull(strstr(err, "https://"));
    CLIENT(2, "submit", "PT-MINI-1");
    ck_assert_ptr_nonnull(strstr(err, "geen eindpunt"));
    CLIENT(2, "submit", "PT-MINI-1", "--endpoint", endpoint, "--timeout", "0");
    ck_assert_ptr_nonnull(strstr(err, "--timeout is een aantal seconden"));
    CLIENT(2, "submit", "PT-MINI-1", "--endpoint", endpoint, "--zomaar");
    CLIENT(2, "outbox", "leeg");
    CLIENT(2, "outbox", "list", "--now");
    CLIENT(2, "outbox", "flush", "--endpoint", "ftp://127.0.0.1/");
    CLIENT(2, "report", "PT-MINI-1", "--format", "md", "--benchmark", "--connect-timeout", "9999");
    unsetenv("PRAKTIJKTOETS_TOKEN");
    CLIENT(2, "submit", "PT-MINI-1", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "geen token"));
    /* a configuration file others can read is refused, as ssh does */
    char dir[600], cfg[700], text[300];
    snprintf(dir, sizeof dir, "%s/praktijktoets", tmp);
    mkdir(dir, 0700);
    snprintf(cfg, sizeof cfg, "%s/config", dir);
    snprintf(text, sizeof text, "endpoint = %s\ntoken = %s\n", endpoint, token);
    tu_write(cfg, text);
    chmod(cfg, 0644);
    CLIENT(3, "submit", "PT-MINI-1");
    ck_assert_ptr_nonnull(strstr(err, "chmod 600"));
    ck_assert_int_eq(OUTBOX(""), 0);
    chmod(cfg, 0600);
    CLIENT(0, "submit", "PT-MINI-1");
    ck_assert_int_eq(STORED(""), 1);
    CLIENT(3, "submit", "GEEN-SUCH");
    ck_assert_int_eq(OUTBOX(""), 1);
    setenv("PRAKTIJKTOETS_TOKEN", token, 1);
    free(out);
    free(err);
}
END_TEST

/* Toetsmappen of SWVs PO 27-02 … PO 27-(n+1), each submitted with its own
 * token. */
static void submit_swvs(int n)
{
    for (int i = 2; i < 2 + n; i++) {
        char dir[600], swv[32];
        snprintf(dir, sizeof dir, "%s/swv%d", tmp, i);
        snprintf(swv, sizeof swv, "PO 27-%02d", i);
        sh("cp -R '%s' '%s' && sed -i -e 's/\"PO[ -]*27-*01\"/\"PO 27-%02d\"/; "
           "s/PT-MINI-1/PT-MINI-%d/' '%s'/assessment.json '%s'/cases/*.json '%s'/scores/* "
           "&& sed -i -e 's/\"level\": 4/\"level\": %d/' '%s'/scores/r1.json",
           map, dir, i, i, dir, dir, dir, 1 + i % 4, dir);
        const char *imp[] = {"--db", cdb, "import", dir, NULL};
        char *err = NULL;
        ck_assert_msg(tu_run(NULL, &err, NULL, imp) == 0, "import: %s", err);
        free(err);
        char *tok = new_token(swv);
        char env[256], id[32];
        snprintf(env, sizeof env, "PRAKTIJKTOETS_TOKEN=%s", tok);
        snprintf(id, sizeof id, "PT-MINI-%d", i);
        const char *sub[] = {"--db", cdb, "submit", id, "--endpoint", endpoint, NULL};
        ck_assert_int_eq(tu_run(NULL, NULL, env, sub), 0);
        free(tok);
    }
}

START_TEST(report_shows_the_national_distribution)
{
    char *out = NULL, *err = NULL;
    submit_swvs(9);
    CLIENT(0, "report", "PT-MINI-1", "--format", "json", "--benchmark", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(err, "te weinig"));
    ck_assert_ptr_nonnull(strstr(err, "minstens 10"));
    ck_assert_ptr_null(strstr(out, "\"national\""));
    CLIENT(0, "submit", "PT-MINI-1", "--endpoint", endpoint);     /* the tenth SWV */
    CLIENT(0, "report", "PT-MINI-1", "--format", "json", "--benchmark", "--endpoint", endpoint);
    cJSON *o = cJSON_Parse(out);
    ck_assert_ptr_nonnull(o);
    const cJSON *nat = cJSON_GetObjectItem(o, "national");
    ck_assert_ptr_nonnull(nat);
    ck_assert_int_eq(cJSON_GetObjectItem(nat, "swvs")->valueint, 10);
    /* never a minimum or maximum: those are one SWV's own score */
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(nat, "overall"), "min"));
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(nat, "overall"), "max"));
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(nat, "domains")), 2);
    cJSON_Delete(o);
    CLIENT(0, "report", "PT-MINI-1", "--format", "html", "--benchmark", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(out, "<h2 id=\"h-landelijk\">Landelijke vergelijking</h2>"));
    ck_assert_ptr_nonnull(strstr(out, "<title id=\"landelijk-t\">Dit samenwerkingsverband naast "
                                      "de landelijke verdeling</title>"));

    CLIENT(0, "report", "PT-MINI-1", "--format", "md", "--benchmark", "--endpoint", endpoint);
    ck_assert_ptr_nonnull(strstr(out, "## Landelijke vergelijking"));
    free(out);
    free(err);
}
END_TEST

Suite *deliver_suite(void)
{
    Suite *s = suite_create("deliver");
    TCase *tc = tcase_create("loopback");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, submit_stores_once_and_a_new_revision_anew);
    tcase_add_test(tc, receiver_down_then_delivered_by_flush);
    tcase_add_test(tc, every_fault_keeps_it_pending_and_flush_delivers_each_once);
    tcase_add_test(tc, two_hundred_submissions_under_random_faults_each_stored_once);
    tcase_add_test(tc, killed_between_storing_and_delivering_nothing_lost_nothing_twice);
    tcase_add_test(tc, flush_wait_retries_until_delivered_or_time_is_up);
    tcase_add_test(tc, concurrent_flushes_store_once);
    tcase_add_test(tc, rejections_are_final_and_the_receiver_keeps_serving);
    tcase_add_test(tc, tls_with_the_right_ca_only);
    tcase_add_test(tc, no_proxy_for_a_loopback_endpoint);
    tcase_add_test(tc, a_redirect_is_reported_and_kept_pending);
    tcase_add_test(tc, settings_are_checked_before_anything_is_queued);
    tcase_add_test(tc, report_shows_the_national_distribution);
    suite_add_tcase(s, tc);
    return s;
}
