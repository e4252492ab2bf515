/*
 * check_web.c — the mirror team's web app (web.md): the commands invite and
 * phase end to end, the form and path parsers as units, and the server
 * started in the test process (pt_web_start on 127.0.0.1:0) and talked to
 * with libcurl: every handler, the permission matrix of web.md and forged
 * requests (another rater's scores in scoring, missing or wrong CSRF, a
 * reader writing, expired and revoked links, an unknown link hammered from
 * one address, bodies too large or malformed).
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <curl/curl.h>
#include <sqlite3.h>

#include "app.h"
#include "listen.h"
#include "store.h"
#include "store_web.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"
#include "util.h"
#include "web.h"

#define ID "PT-PO2899-2014-1"
#define SAMPLE "cases/voorbeeld-po"
/* A sentence of case C01 of the sample: no reader page may hold it. */
#define C01_TEXT "hardnekkige achterstand in technisch lezen"

static char *tmp;
static char db[600], map[600], base[64];
static struct pt_web *srv;

/* ---- fixture: the sample without sheets, imported; a server on it ------- */

static void run_ok(const char *const *args)
{
    char *out = NULL, *err = NULL;
    int st = tu_run(&out, &err, NULL, args);
    ck_assert_msg(st == 0, "%s: %s", args[0], err);
    free(out);
    free(err);
}

static void setup(void)
{
    char cmd[1300];
    tmp = tu_tmpdir();
    snprintf(db, sizeof db, "%s/web.db", tmp);
    snprintf(map, sizeof map, "%s/map", tmp);
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp -R %s/assessment.json %s/cases %s/", map, SAMPLE,
             SAMPLE, map);
    ck_assert_int_eq(system(cmd), 0);
    const char *imp[] = {"--db", db, "import", map, NULL};
    run_ok(imp);
    struct pt_web_options o = {.db_path = db, .listen = "127.0.0.1:0",
                               .quiet = true, .token_failures = 5, .max_body = 8192};
    unsigned port = 0;
    struct pt_error err = {""};
    ck_assert_int_eq(pt_web_start(&o, &srv, &port, &err), PT_OK);
    snprintf(base, sizeof base, "http://127.0.0.1:%u", port);
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void teardown(void)
{
    pt_web_stop(srv);
    srv = NULL;
    curl_global_cleanup();
    tu_rmrf(tmp);
    free(tmp);
}

/* A link token made through the store (the invite command is tested below). */
static void invite(enum pt_web_role role, const char *who, char token[64])
{
    struct pt_app app = {.db_path = db};
    struct pt_error err = {""};
    int rc = pt_app_invite(&app, ID, role, role == PT_WEB_RATER ? who : NULL,
                           role == PT_WEB_READER ? who : NULL, 30, token, 64, &err);
    ck_assert_msg(rc == PT_OK, "%s", err.msg);
    pt_app_close(&app);
}

/* The first column of sql's first row on the test's database (testdb.h). */
static long long sql_count(const char *sql)
{
    return tdb_count(db, sql);
}

static void sql_exec(const char *sql)
{
    tdb_exec(db, sql);
}

/* ---- HTTP --------------------------------------------------------------- */

struct resp {
    long status;
    struct pt_buf body, head;
};

static size_t collect(char *p, size_t size, size_t n, void *cls)
{
    pt_buf_add(cls, p, size * n);
    return size * n;
}

static void resp_free(struct resp *r)
{
    pt_buf_free(&r->body);
    pt_buf_free(&r->head);
}

/* One request; cookie is the session id or NULL, csrf the header or NULL. */
static void http(struct resp *r, const char *method, const char *path, const char *cookie,
                 const char *csrf, const char *ctype, const char *body, size_t len)
{
    char url[512], line[300];
    struct curl_slist *h = NULL;
    memset(r, 0, sizeof *r);
    CURL *c = curl_easy_init();
    snprintf(url, sizeof url, "%s%s", base, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
    if (cookie) {
        snprintf(line, sizeof line, "pt_session=%s", cookie);
        curl_easy_setopt(c, CURLOPT_COOKIE, line);
    }
    if (csrf) {
        snprintf(line, sizeof line, "X-CSRF-Token: %s", csrf);
        h = curl_slist_append(h, line);
    }
    if (ctype) {
        snprintf(line, sizeof line, "Content-Type: %s", ctype);
        h = curl_slist_append(h, line);
    }
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    ck_assert_int_eq(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    if (!r->body.data)
        pt_buf_adds(&r->body, "");
    if (!r->head.data)
        pt_buf_adds(&r->head, "");
}

static void get(struct resp *r, const char *path, const char *cookie)
{
    http(r, "GET", path, cookie, NULL, NULL, NULL, 0);
}

static void send_json(struct resp *r, const char *method, const char *path, const char *cookie,
                      const char *csrf, const char *json)
{
    http(r, method, path, cookie, csrf, "application/json", json, strlen(json));
}

static void send_form(struct resp *r, const char *path, const char *cookie, const char *form)
{
    http(r, "POST", path, cookie, NULL, "application/x-www-form-urlencoded", form, strlen(form));
}

/* A logged-in session: the cookie and the CSRF token. */
struct who {
    char cookie[64], csrf[64];
};

static void login_token(struct who *w, const char *token)
{
    struct resp r;
    char path[128];
    snprintf(path, sizeof path, "/t/%s", token);
    get(&r, path, NULL);
    ck_assert_int_eq(r.status, 303);
    const char *sc = strstr(r.head.data, "Set-Cookie: pt_session=");
    ck_assert_ptr_nonnull(sc);
    sc += strlen("Set-Cookie: pt_session=");
    size_t n = strcspn(sc, ";");
    ck_assert_uint_lt(n, sizeof w->cookie);
    memcpy(w->cookie, sc, n);
    w->cookie[n] = '\0';
    resp_free(&r);
    get(&r, "/api/v1/session", w->cookie);
    ck_assert_int_eq(r.status, 200);
    cJSON *j = cJSON_Parse(r.body.data);
    snprintf(w->csrf, sizeof w->csrf, "%s",
             cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "csrf_token")));
    cJSON_Delete(j);
    resp_free(&r);
}

static void login(struct who *w, enum pt_web_role role, const char *who)
{
    char token[64];
    invite(role, who, token);
    login_token(w, token);
}

static void put_level(struct resp *r, const struct who *w, const char *kase, const char *crit,
                      const char *json)
{
    char path[200];
    snprintf(path, sizeof path, "/api/v1/scores/%s/%s", kase, crit);
    send_json(r, "PUT", path, w->cookie, w->csrf, json);
}

static void expect(const struct who *w, const char *method, const char *path, const char *json,
                   long status)
{
    struct resp r;
    if (json)
        send_json(&r, method, path, w ? w->cookie : NULL, w ? w->csrf : NULL, json);
    else
        http(&r, method, path, w ? w->cookie : NULL, w ? w->csrf : NULL, NULL, NULL, 0);
    ck_assert_msg(r.status == status, "%s %s: %ld, expected %ld: %s", method, path, r.status,
                  status, r.body.data);
    resp_free(&r);
}

static void set_phase(const struct who *coord, const char *phase)
{
    char json[64];
    snprintf(json, sizeof json, "{\"phase\":\"%s\"}", phase);
    expect(coord, "POST", "/api/v1/phase", json, 200);
}

/* ---- units --------------------------------------------------------------- */

START_TEST(form_parsing)
{
    const char *f = "csrf=a%2Bb&level=3&comment=een+twee%21&empty=";
    char *v = pt_web_form_get(f, strlen(f), "csrf");
    ck_assert_str_eq(v, "a+b");
    free(v);
    v = pt_web_form_get(f, strlen(f), "comment");
    ck_assert_str_eq(v, "een twee!");
    free(v);
    v = pt_web_form_get(f, strlen(f), "empty");
    ck_assert_str_eq(v, "");
    free(v);
    ck_assert_ptr_null(pt_web_form_get(f, strlen(f), "nope"));
    ck_assert_ptr_null(pt_web_form_get("a=%zz", 5, "a"));
    ck_assert_ptr_null(pt_web_form_get("a=%4", 4, "a"));
    ck_assert_ptr_null(pt_web_form_get("a=%00", 5, "a"));   /* NUL */
    ck_assert_ptr_null(pt_web_form_get("a=%ff", 5, "a"));   /* not UTF-8 */
    ck_assert_ptr_null(pt_web_form_get("a=1&a=2", 7, "a")); /* twice */
    static const char *const names[] = {"csrf", "level", "comment", "empty", NULL};
    ck_assert(pt_web_form_only(f, strlen(f), names));
    ck_assert(!pt_web_form_only("csrf=1&x=2", 10, names));
    ck_assert(!pt_web_form_only("csrf=1&csrf=2", 13, names));
}
END_TEST

START_TEST(path_and_listen_parsing)
{
    char seg[3][64];
    ck_assert_int_eq(pt_web_path_split("/api/v1/scores/C01/k-1", "/api/v1/", seg, 3), 3);
    ck_assert_str_eq(seg[1], "C01");
    ck_assert_str_eq(seg[2], "k-1");
    ck_assert_int_eq(pt_web_path_split("/api/v1/scores/C01/", "/api/v1/", seg, 3), -1);
    ck_assert_int_eq(pt_web_path_split("/api/v1/scores//x", "/api/v1/", seg, 3), -1);
    ck_assert_int_eq(pt_web_path_split("/api/v1/a/b/c/d", "/api/v1/", seg, 3), -1);
    ck_assert_int_eq(pt_web_path_split("/api/v1/%2e%2e", "/api/v1/", seg, 3), -1);
    ck_assert_int_eq(pt_web_path_split("/case/C01", "/api/v1/", seg, 3), -1);
    struct sockaddr_storage ss;
    socklen_t len;
    ck_assert(pt_parse_listen("127.0.0.1:8080", &ss, &len));
    ck_assert(pt_parse_listen("[::1]:0", &ss, &len));
    ck_assert(pt_parse_listen("localhost:80", &ss, &len));
    ck_assert(!pt_parse_listen("127.0.0.1", &ss, &len));
    ck_assert(!pt_parse_listen("127.0.0.1:99999", &ss, &len));
    ck_assert(!pt_parse_listen("example.org:80", &ss, &len));
    ck_assert(!pt_parse_listen("127.0.0.1:+80", &ss, &len)); /* as the receiver */
    ck_assert(!pt_parse_listen("127.0.0.1:080", &ss, &len));
    struct pt_buf b = {0};
    pt_web_html(&b, "<a href=\"x\">'&'</a>");
    ck_assert_str_eq(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    pt_buf_free(&b);
}
END_TEST

/* ---- the commands -------------------------------------------------------- */

START_TEST(invite_command)
{
    char *out = NULL, *err = NULL;
    const char *mk[] = {"--db", db, "invite", ID, "--rater", "r2", "--days", "3",
                        "--public-url", "https://toets.example.nl/", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, mk), 0);
    ck_assert_msg(strncmp(out, "https://toets.example.nl/t/", 27) == 0, "%s", out);
    char token[64];
    snprintf(token, sizeof token, "%.*s", (int)strcspn(out + 27, "\n"), out + 27);
    ck_assert_uint_ge(strlen(token), 32); /* 24 random bytes = 192 bits */
    free(out);
    free(err);
    /* Only the hash is stored. */
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM web_invitation WHERE token_hash = '%s'",
             token);
    ck_assert_int_eq(sql_count(sql), 0);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_invitation WHERE length(token_hash)"
                               " = 64 AND expires_at - created_at = 3 * 86400"), 1);
    const char *ls[] = {"--db", db, "invite", ID, "--list", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, ls), 0);
    ck_assert_ptr_null(strstr(out, token));
    ck_assert_ptr_nonnull(strstr(out, "rater\tr2"));
    char prefix[8];
    snprintf(prefix, sizeof prefix, "%.6s", token);
    ck_assert_ptr_nonnull(strstr(out, prefix));
    free(out);
    free(err);
    /* The link works until it is revoked. */
    struct who w;
    login_token(&w, token);
    const char *rv[] = {"--db", db, "invite", ID, "--revoke", prefix, NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, rv), 0);
    free(out);
    free(err);
    expect(&w, "GET", "/api/v1/session", NULL, 401); /* its session ended at once */
    char path[100];
    snprintf(path, sizeof path, "/t/%s", token);
    expect(NULL, "GET", path, NULL, 401);
    /* Refusals. */
    const char *bad1[] = {"--db", db, "invite", ID, "--rater", "r9", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, bad1), 3);
    ck_assert_ptr_nonnull(strstr(err, "staat niet in het team"));
    free(out);
    free(err);
    const char *bad2[] = {"--db", db, "invite", ID, "--rater", "r1", "--coordinator", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, bad2), 2);
    free(out);
    free(err);
    const char *bad3[] = {"--db", db, "invite", ID, "--reader", "ouders", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, bad3), 2);
    free(out);
    free(err);
    const char *bad4[] = {"--db", db, "invite", "PT-ONBEKEND", "--coordinator", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, bad4), 3);
    free(out);
    free(err);
}
END_TEST

START_TEST(phase_command_and_cli_rules)
{
    char *out = NULL, *err = NULL;
    const char *show[] = {"--db", db, "phase", ID, NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, show), 0);
    ck_assert_str_eq(out, ID ": fase scoring\n"); /* imported without sheets */
    free(out);
    free(err);
    /* score is a correction: refused in scoring, nothing stored. */
    const char *sc[] = {"--db", db, "score", ID, "--rater", "r1", "--case", "C01",
                        "--criterion", "ond-signalering", "--level", "2", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, sc), 3);
    ck_assert_ptr_nonnull(strstr(err, "alleen in fase discussion"));
    free(out);
    free(err);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score"), 0);
    const char *skip[] = {"--db", db, "phase", ID, "closed", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, skip), 3);
    free(out);
    free(err);
    const char *disc[] = {"--db", db, "phase", ID, "discussion", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, disc), 0);
    ck_assert_ptr_nonnull(strstr(out, "fase discussion"));
    ck_assert_ptr_nonnull(strstr(out, "verder zonder ingeleverd blad van r1, r2, r3, r4, r5, r6"));
    free(out);
    free(err);
    ck_assert_int_eq(tu_run(&out, &err, NULL, sc), 0);
    free(out);
    free(err);
    const char *close[] = {"--db", db, "phase", ID, "closed", NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, close), 0);
    free(out);
    free(err);
    /* import --replace of a closed assessment: reopen first. */
    /* (the score above is a correction: main's import refuses to drop it
     * without --discard-corrections) */
    const char *rep[] = {"--db", db, "import", "--replace", "--discard-corrections", map, NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, rep), 3);
    ck_assert_ptr_nonnull(strstr(err, "phase " ID " discussion"));
    free(out);
    free(err);
    ck_assert_int_eq(tu_run(&out, &err, NULL, disc), 0);
    free(out);
    free(err);
    ck_assert_int_eq(tu_run(&out, &err, NULL, rep), 0);
    free(out);
    free(err);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_phase_log"), 3);
    /* Scores from the browser are never wiped by a replace. */
    struct who w;
    struct resp r;
    sql_exec("UPDATE web_phase SET phase = 'scoring'");
    login(&w, PT_WEB_RATER, "r3");
    put_level(&r, &w, "C02", "ond-sop", "{\"level\":\"2\"}");
    ck_assert_int_eq(r.status, 200);
    resp_free(&r);
    ck_assert_int_eq(tu_run(&out, &err, NULL, rep), 3);
    ck_assert_ptr_nonnull(strstr(err, "in de browser"));
    free(out);
    free(err);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score WHERE rater = 'r3'"), 1);
    /* The sample with every sheet starts in discussion. */
    char db2[700];
    snprintf(db2, sizeof db2, "%s/full.db", tmp);
    const char *imp[] = {"--db", db2, "import", SAMPLE, NULL};
    run_ok(imp);
    const char *show2[] = {"--db", db2, "phase", ID, NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, show2), 0);
    ck_assert_str_eq(out, ID ": fase discussion\n");
    free(out);
    free(err);
}
END_TEST

START_TEST(migration_3_to_4_keeps_the_data)
{
    /* The imported database as version 3 had it: no web tables. */
    sql_exec("DROP TABLE web_correction; DROP TABLE web_handin; DROP TABLE web_phase_log;"
             " DROP TABLE web_phase; DROP TABLE web_session; DROP TABLE web_invitation;"
             " PRAGMA user_version = 3");
    ck_assert_int_eq(sql_count("PRAGMA user_version"), 3);
    char *out = NULL, *err = NULL;
    const char *show[] = {"--db", db, "phase", ID, NULL};
    ck_assert_int_eq(tu_run(&out, &err, NULL, show), 0);
    ck_assert_str_eq(out, ID ": fase scoring\n");
    free(out);
    free(err);
    ck_assert_int_eq(sql_count("PRAGMA user_version"), 4 /* schema version */);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM case_doc"), 10);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'web_%'"
                               " AND type = 'table'"), 6);
}
END_TEST

/* ---- links and sessions -------------------------------------------------- */

START_TEST(link_starts_session_with_headers)
{
    char token[64], path[100];
    struct resp r;
    invite(PT_WEB_RATER, "r1", token);
    snprintf(path, sizeof path, "/t/%s", token);
    get(&r, path, NULL);
    ck_assert_int_eq(r.status, 303);
    ck_assert_ptr_nonnull(strstr(r.head.data, "Location: /\r\n"));
    ck_assert_ptr_nonnull(strstr(r.head.data, "; HttpOnly; SameSite=Strict; Path=/\r\n"));
    ck_assert_ptr_nonnull(strstr(r.head.data, "Content-Security-Policy: default-src 'none'; "
                                 "script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 "connect-src 'self'; form-action 'self'; "
                                 "frame-ancestors 'none'; base-uri 'none'\r\n"));
    ck_assert_ptr_nonnull(strstr(r.head.data, "X-Content-Type-Options: nosniff"));
    ck_assert_ptr_nonnull(strstr(r.head.data, "Referrer-Policy: no-referrer"));
    ck_assert_ptr_nonnull(strstr(r.head.data, "Cache-Control: no-store"));
    resp_free(&r);
    /* Every answer has them, errors too; no answer holds unsafe-inline. */
    const char *paths[] = {"/", "/api/v1/scores", "/nergens", "/static/app.js",
                           "/static/app.css", "/t/onbekend"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        get(&r, paths[i], NULL);
        ck_assert_ptr_nonnull(strstr(r.head.data, "Content-Security-Policy: default-src"));
        ck_assert_ptr_nonnull(strstr(r.head.data, "Referrer-Policy: no-referrer"));
        ck_assert_ptr_null(strstr(r.head.data, "unsafe-inline"));
        ck_assert_ptr_null(strstr(r.body.data, "<script>"));
        ck_assert_ptr_null(strstr(r.body.data, "<style>"));
        ck_assert_ptr_null(strstr(r.body.data, " style="));
        resp_free(&r);
    }
    /* Used again (laptop and phone): a second session. */
    struct who a, b;
    login_token(&a, token);
    login_token(&b, token);
    ck_assert_str_ne(a.cookie, b.cookie);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_session"), 3);
    /* Sessions are stored hashed. */
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM web_session WHERE hash = '%s'", a.cookie);
    ck_assert_int_eq(sql_count(sql), 0);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_invitation WHERE last_used_at"
                               " IS NOT NULL"), 1);
}
END_TEST

START_TEST(expired_and_revoked_links)
{
    char token[64], path[100];
    struct who w, c;
    invite(PT_WEB_RATER, "r1", token);
    login_token(&w, token);
    login(&c, PT_WEB_COORDINATOR, NULL);
    expect(&w, "GET", "/api/v1/session", NULL, 200);
    /* The link expires: its sessions end with it, a new one cannot start. */
    sql_exec("UPDATE web_invitation SET expires_at = unixepoch() - 1 WHERE rater = 'r1'");
    expect(&w, "GET", "/api/v1/session", NULL, 401);
    expect(&w, "GET", "/", NULL, 401);
    snprintf(path, sizeof path, "/t/%s", token);
    expect(NULL, "GET", path, NULL, 401);
    /* An idle session expires after 8 hours. */
    expect(&c, "GET", "/api/v1/session", NULL, 200);
    sql_exec("UPDATE web_session SET idle_expires = unixepoch() - 1");
    expect(&c, "GET", "/api/v1/progress", NULL, 401);
    /* A forged or missing cookie. */
    expect(NULL, "GET", "/api/v1/session", NULL, 401);
    struct who forged = {.cookie = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", .csrf = "x"};
    expect(&forged, "GET", "/api/v1/scores", NULL, 401);
}
END_TEST

START_TEST(unknown_links_rate_limited)
{
    char token[64], path[100];
    invite(PT_WEB_RATER, "r1", token);
    for (int i = 0; i < 5; i++)
        expect(NULL, "GET", "/t/ditisgeenechtelinkmaarwelzolangalseenlink", NULL, 401);
    expect(NULL, "GET", "/t/nogeen", NULL, 429);
    /* From this address even a valid link waits now; the rest keeps serving. */
    snprintf(path, sizeof path, "/t/%s", token);
    expect(NULL, "GET", path, NULL, 429);
    expect(NULL, "GET", "/static/app.css", NULL, 200);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_session"), 0);
}
END_TEST

/* ---- rater writes -------------------------------------------------------- */

/* Every malformed score a rater can send is refused and nothing changes:
 * 422 for what is off the scale or unknown, 400 for malformed JSON, 413
 * for too large. */
static void refuses_bad_scores(struct who *w)
{
    struct resp r;
    /* Off the scale, nvt where not allowed, unknown case or criterion, unknown
     * or duplicate field, wrong type: 422. */
    const char *bad[][3] = {
        {"C01", "ond-signalering", "{\"level\":\"7\"}"},
        {"C01", "ond-signalering", "{\"level\":\"03\"}"},
        {"C01", "ond-signalering", "{\"level\":\" 3\"}"},
        {"C01", "ond-signalering", "{\"level\":\"nvt\"}"},
        {"C99", "ond-signalering", "{\"level\":\"3\"}"},
        {"C01", "geen-criterium", "{\"level\":\"3\"}"},
        {"C01", "ond-signalering", "{\"level\":\"3\",\"rater\":\"r2\"}"},
        {"C01", "ond-signalering", "{\"level\":\"3\",\"level\":\"2\"}"},
        {"C01", "ond-signalering", "{\"level\":3}"},
        {"C01", "ond-signalering", "{\"comment\":\"alleen tekst\"}"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        put_level(&r, w, bad[i][0], bad[i][1], bad[i][2]);
        ck_assert_msg(r.status == 422, "%s: %ld %s", bad[i][2], r.status, r.body.data);
        ck_assert_ptr_nonnull(strstr(r.body.data, "\"message\":"));
        resp_free(&r);
    }
    /* "03" is on no scale even though strtol reads 3. */
    ck_assert_int_eq(sql_count("SELECT level FROM score WHERE rater = 'r1'"), 3);
    /* Malformed JSON: 400; too large: 413. */
    const char *mal[] = {"", "{", "[1]", "{\"level\":\"3\"} extra", "\"3\"", "nul"};
    for (size_t i = 0; i < sizeof mal / sizeof mal[0]; i++) {
        put_level(&r, w, "C01", "ond-signalering", mal[i]);
        ck_assert_msg(r.status == 400, "%s: %ld", mal[i], r.status);
        resp_free(&r);
    }
    char *big = pt_xmalloc(20000);
    memset(big, 'a', 19999);
    big[19999] = '\0';
    memcpy(big, "{\"level\":\"3\",\"comment\":\"", 24);
    put_level(&r, w, "C01", "ond-signalering", big);
    ck_assert_int_eq(r.status, 413);
    resp_free(&r);
    free(big);
}

START_TEST(rater_put_score_validation)
{
    struct who w;
    struct resp r;
    login(&w, PT_WEB_RATER, "r1");
    put_level(&r, &w, "C01", "ond-signalering", "{\"level\":\"3\",\"comment\":\"goed <b>\"}");
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body.data, "{\"rater\":\"r1\",\"case\":\"C01\",\"criterion\":"
                                  "\"ond-signalering\",\"level\":\"3\",\"comment\":\"goed <b>\"}");
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT level FROM score WHERE rater = 'r1'"), 3);
    /* The assessment as the rater's page reads it. */
    get(&r, "/api/v1/assessment", w.cookie);
    ck_assert_int_eq(r.status, 200);
    cJSON *a = cJSON_Parse(r.body.data);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "cases")), 10);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "team")), 6);
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                         cJSON_GetObjectItemCaseSensitive(a, "rubric"), "id")), "po-gereedheid");
    ck_assert_ptr_nonnull(strstr(r.body.data, C01_TEXT));
    cJSON_Delete(a);
    resp_free(&r);
    /* Escaped on the page. */
    get(&r, "/case/C01", w.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "goed &lt;b&gt;</textarea>"));
    resp_free(&r);
    /* A phone number in a comment: 422, nothing stored. */
    put_level(&r, &w, "C01", "ond-signalering",
              "{\"level\":\"2\",\"comment\":\"moeder belt 06-12345678\"}");
    ck_assert_int_eq(r.status, 422);
    ck_assert_ptr_nonnull(strstr(r.body.data, "een telefoonnummer"));
    ck_assert_ptr_null(strstr(r.body.data, "12345678"));
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT level FROM score WHERE rater = 'r1'"), 3);
    refuses_bad_scores(&w);
    /* nvt where allowed, then null removes. */
    put_level(&r, &w, "C01", "ond-basis", "{\"level\":\"nvt\",\"comment\":null}");
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, "\"level\":\"nvt\""));
    resp_free(&r);
    put_level(&r, &w, "C01", "ond-signalering", "{\"level\":null}");
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, "\"level\":null"));
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score WHERE criterion = 'ond-signalering'"),
                     0);
    /* The server keeps serving. */
    expect(&w, "GET", "/api/v1/session", NULL, 200);
}
END_TEST

START_TEST(csrf_required_on_every_write)
{
    struct who w, c;
    struct resp r;
    login(&w, PT_WEB_RATER, "r1");
    login(&c, PT_WEB_COORDINATOR, NULL);
    struct who wrong = w, other = w;
    snprintf(wrong.csrf, sizeof wrong.csrf, "%s", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    snprintf(other.csrf, sizeof other.csrf, "%s", c.csrf); /* another session's token */
    const struct who *forged[] = {&wrong, &other};
    for (size_t i = 0; i < 2; i++) {
        expect(forged[i], "PUT", "/api/v1/scores/C01/ond-signalering", "{\"level\":\"2\"}", 403);
        expect(forged[i], "POST", "/api/v1/sheet", "{}", 403);
    }
    /* No header at all. */
    http(&r, "PUT", "/api/v1/scores/C01/ond-signalering", w.cookie, NULL, "application/json",
         "{\"level\":\"2\"}", 14);
    ck_assert_int_eq(r.status, 403);
    ck_assert_ptr_nonnull(strstr(r.body.data, "\"error\":\"csrf\""));
    resp_free(&r);
    /* Forms: the csrf field. */
    send_form(&r, "/case/C01", w.cookie, "criterion=ond-signalering&level=2");
    ck_assert_int_eq(r.status, 403);
    resp_free(&r);
    send_form(&r, "/case/C01", w.cookie, "csrf=fout&criterion=ond-signalering&level=2");
    ck_assert_int_eq(r.status, 403);
    resp_free(&r);
    send_form(&r, "/sheet", w.cookie, "");
    ck_assert_int_eq(r.status, 403);
    resp_free(&r);
    send_form(&r, "/phase", c.cookie, "phase=discussion");
    ck_assert_int_eq(r.status, 403);
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score"), 0);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_handin"), 0);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_phase_log"), 0);
}
END_TEST

START_TEST(forms_work_without_javascript)
{
    struct who w, c;
    struct resp r;
    char form[300];
    login(&w, PT_WEB_RATER, "r1");
    login(&c, PT_WEB_COORDINATOR, NULL);
    snprintf(form, sizeof form, "csrf=%s&criterion=ond-signalering&level=2&comment=prima+zo",
             w.csrf);
    send_form(&r, "/case/C01", w.cookie, form);
    ck_assert_int_eq(r.status, 303);
    ck_assert_ptr_nonnull(strstr(r.head.data,
                                 "Location: /case/C01?opgeslagen=ond-signalering#k-ond-signalering"));
    resp_free(&r);
    get(&r, "/case/C01?opgeslagen=ond-signalering", w.cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, "<html lang=\"nl\">"));
    ck_assert_ptr_nonnull(strstr(r.body.data, "value=\"2\" checked"));
    ck_assert_ptr_nonnull(strstr(r.body.data, "prima zo</textarea>"));
    ck_assert_ptr_nonnull(strstr(r.body.data, "role=\"status\">Opgeslagen<"));
    ck_assert_ptr_nonnull(strstr(r.body.data, C01_TEXT)); /* the case beside the criteria */
    resp_free(&r);
    /* A refused form: the message, nothing stored. */
    snprintf(form, sizeof form, "csrf=%s&criterion=ond-signalering&level=3&comment="
             "info%%40voorbeeld.nl", w.csrf);
    send_form(&r, "/case/C01", w.cookie, form);
    ck_assert_int_eq(r.status, 422);
    ck_assert_ptr_nonnull(strstr(r.body.data, "een e-mailadres"));
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT level FROM score"), 2);
    snprintf(form, sizeof form, "csrf=%s&criterion=ond-signalering&level=3&extra=1", w.csrf);
    send_form(&r, "/case/C01", w.cookie, form);
    ck_assert_int_eq(r.status, 422);
    resp_free(&r);
    /* Hand in by form; then read-only. */
    snprintf(form, sizeof form, "csrf=%s", w.csrf);
    send_form(&r, "/sheet", w.cookie, form);
    ck_assert_int_eq(r.status, 303);
    resp_free(&r);
    send_form(&r, "/sheet", w.cookie, form);
    ck_assert_int_eq(r.status, 409);
    resp_free(&r);
    get(&r, "/", w.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "Je hebt je scoreblad ingeleverd."));
    resp_free(&r);
    expect(&w, "PUT", "/api/v1/scores/C01/ond-signalering", "{\"level\":\"4\"}", 409);
    /* The coordinator moves the phase by form. */
    snprintf(form, sizeof form, "csrf=%s&phase=discussion", c.csrf);
    send_form(&r, "/phase", c.cookie, form);
    ck_assert_int_eq(r.status, 303);
    resp_free(&r);
    get(&r, "/discussion/C01", c.cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, C01_TEXT));
    ck_assert_ptr_nonnull(strstr(r.body.data, "prima zo"));
    resp_free(&r);
    snprintf(form, sizeof form, "csrf=%s&rater=r2&criterion=ond-signalering&level=3&comment="
             "&reason=besproken+in+het+team", c.csrf);
    send_form(&r, "/discussion/C01", c.cookie, form);
    ck_assert_int_eq(r.status, 303);
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_correction WHERE reason ="
                               " 'besproken in het team'"), 1);
    /* The coordinator's page shows the phase log: who had not handed in. */
    get(&r, "/", c.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "verder zonder ingeleverd blad van r2, r3, r4, r5,"
                                              " r6"));
    resp_free(&r);
    get(&r, "/case/C01", w.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "In deze casus heb je 1 van de 35 criteria"));
    resp_free(&r);
}
END_TEST

/* ---- the permission matrix and independence ----------------------------- */

START_TEST(independence_in_scoring)
{
    struct who r1, r2, c, reader;
    struct resp r;
    login(&r1, PT_WEB_RATER, "r1");
    login(&r2, PT_WEB_RATER, "r2");
    login(&c, PT_WEB_COORDINATOR, NULL);
    login(&reader, PT_WEB_READER, "swv");
    put_level(&r, &r2, "C01", "ond-signalering", "{\"level\":\"1\",\"comment\":\"GEHEIMR2\"}");
    ck_assert_int_eq(r.status, 200);
    resp_free(&r);
    put_level(&r, &r1, "C01", "ond-signalering", "{\"level\":\"4\",\"comment\":\"eigen r1\"}");
    resp_free(&r);
    /* r1 asks for everything: gets its own only, in JSON and on every page. */
    const char *reads[] = {"/api/v1/scores", "/", "/case/C01", "/case/C02",
                           "/api/v1/assessment", "/report?format=csv", "/discussion/C01"};
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
        get(&r, reads[i], r1.cookie);
        ck_assert_msg(!strstr(r.body.data, "GEHEIMR2") && !strstr(r.body.data, "\"r2\",\"case"),
                      "%s leaks r2", reads[i]);
        resp_free(&r);
    }
    get(&r, "/api/v1/scores", r1.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "eigen r1"));
    resp_free(&r);
    /* The coordinator: counts only. */
    expect(&c, "GET", "/api/v1/scores", NULL, 409);
    expect(&c, "GET", "/discussion/C01", NULL, 409);
    expect(&c, "GET", "/report?format=json", NULL, 409);
    get(&r, "/api/v1/progress", c.cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, "{\"rater\":\"r2\",\"role\":\"ouders\","
                                              "\"scored\":1,\"handed_in\":false}"));
    ck_assert_ptr_null(strstr(r.body.data, "GEHEIMR2"));
    resp_free(&r);
    get(&r, "/", c.cookie);
    ck_assert_ptr_null(strstr(r.body.data, "GEHEIMR2"));
    ck_assert_ptr_nonnull(strstr(r.body.data, "Naar de bespreking"));
    resp_free(&r);
    /* Roles that may not. */
    expect(&r1, "GET", "/api/v1/progress", NULL, 403);
    expect(&r1, "POST", "/api/v1/phase", "{\"phase\":\"discussion\"}", 403);
    expect(&r1, "POST", "/api/v1/corrections", "{\"rater\":\"r2\",\"case\":\"C01\","
           "\"criterion\":\"ond-signalering\",\"level\":\"4\",\"reason\":\"x\"}", 403);
    expect(&c, "PUT", "/api/v1/scores/C01/ond-signalering", "{\"level\":\"2\"}", 403);
    expect(&c, "POST", "/api/v1/sheet", "{}", 403);
    expect(&c, "GET", "/case/C01", NULL, 403);
    expect(&r1, "GET", "/discussion/C01", NULL, 403);
    /* A correction in scoring: not in this phase. */
    expect(&c, "POST", "/api/v1/corrections", "{\"rater\":\"r2\",\"case\":\"C01\","
           "\"criterion\":\"ond-signalering\",\"level\":\"4\",\"reason\":\"x\"}", 409);
    /* The reader: nothing, and never a case text. */
    const char *rdenied[] = {"/api/v1/assessment", "/api/v1/scores", "/api/v1/progress"};
    for (size_t i = 0; i < 3; i++)
        expect(&reader, "GET", rdenied[i], NULL, 403);
    expect(&reader, "PUT", "/api/v1/scores/C01/ond-signalering", "{\"level\":\"2\"}", 403);
    expect(&reader, "POST", "/api/v1/sheet", "{}", 403);
    expect(&reader, "POST", "/api/v1/phase", "{\"phase\":\"discussion\"}", 403);
    expect(&reader, "GET", "/case/C01", NULL, 403);
    expect(&reader, "GET", "/report", NULL, 409);
    get(&r, "/", reader.cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body.data, C01_TEXT));
    ck_assert_ptr_nonnull(strstr(r.body.data, "zodra de coördinator"));
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score"), 2);
}
END_TEST

/* Reports: the coordinator any audience; a reader waits for closed, then
 * gets the own audience only and never a case text. */
static void reports_after_closing(struct who *c, struct who *reader)
{
    struct resp r;
    /* Reports: coordinator any audience; reader waits for closed. */
    expect(c, "GET", "/report?format=json&audience=team", NULL, 200);
    expect(c, "GET", "/report?format=pdf", NULL, 422);
    expect(reader, "GET", "/report", NULL, 409);
    expect(c, "POST", "/api/v1/phase", "{\"phase\":\"scoring\"}", 409);
    expect(c, "POST", "/api/v1/phase", "{\"phase\":\"later\"}", 422);
    set_phase(c, "closed");
    expect(c, "POST", "/api/v1/corrections", "{\"rater\":\"r2\",\"case\":\"C01\","
           "\"criterion\":\"ond-signalering\",\"level\":\"2\",\"reason\":\"x\"}", 409);
    get(&r, "/report?format=html&audience=team", reader->cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.head.data, "Content-Type: text/html"));
    ck_assert_ptr_null(strstr(r.body.data, C01_TEXT));
    ck_assert_ptr_null(strstr(r.body.data, "<style>"));
    ck_assert_ptr_nonnull(strstr(r.body.data, "/report.css"));
    resp_free(&r);
    get(&r, "/report?format=csv", reader->cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body.data, ",r1,")); /* by geleding, never by rater id */
    resp_free(&r);
    get(&r, "/", reader->cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "/report?format=html"));
    ck_assert_ptr_null(strstr(r.body.data, C01_TEXT));
    resp_free(&r);
    expect(reader, "GET", "/api/v1/scores", NULL, 403);
    get(&r, "/api/v1/session", reader->cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "\"role\":\"reader\",\"rater\":null,"
                                              "\"audience\":\"opr\""));
    ck_assert_ptr_nonnull(strstr(r.body.data, "\"phase\":\"closed\""));
    resp_free(&r);
}

START_TEST(discussion_and_closed)
{
    struct who r1, r2, c, reader;
    struct resp r;
    login(&r1, PT_WEB_RATER, "r1");
    login(&r2, PT_WEB_RATER, "r2");
    login(&c, PT_WEB_COORDINATOR, NULL);
    login(&reader, PT_WEB_READER, "opr");
    put_level(&r, &r1, "C01", "ond-signalering", "{\"level\":\"4\",\"comment\":\"van r1\"}");
    resp_free(&r);
    put_level(&r, &r2, "C01", "ond-signalering", "{\"level\":\"1\",\"comment\":\"van r2\"}");
    resp_free(&r);
    expect(&r1, "POST", "/api/v1/sheet", "{}", 200);
    expect(&r1, "POST", "/api/v1/sheet", "{}", 409);
    set_phase(&c, "discussion");
    ck_assert_int_eq(sql_count("SELECT count(*) FROM web_phase_log WHERE note LIKE"
                               " '%zonder ingeleverd blad van r2, r3, r4, r5, r6'"), 1);
    /* r1 handed in: sees r2. r2 did not: own only until they hand in. */
    get(&r, "/api/v1/scores", r1.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "van r2"));
    resp_free(&r);
    get(&r, "/api/v1/scores", r2.cookie);
    ck_assert_ptr_null(strstr(r.body.data, "van r1"));
    resp_free(&r);
    get(&r, "/case/C01", r2.cookie);
    ck_assert_ptr_null(strstr(r.body.data, "van r1"));
    resp_free(&r);
    expect(&r2, "PUT", "/api/v1/scores/C01/ond-signalering", "{\"level\":\"2\"}", 409);
    expect(&r2, "POST", "/api/v1/sheet", "{}", 200);
    get(&r, "/case/C01", r2.cookie);
    ck_assert_ptr_nonnull(strstr(r.body.data, "van r1"));
    resp_free(&r);
    /* The coordinator: levels by rater, disagreement first. */
    get(&r, "/api/v1/scores", c.cookie);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body.data, "van r1"));
    resp_free(&r);
    get(&r, "/discussion/C01", c.cookie);
    ck_assert_int_eq(r.status, 200);
    char *first = strstr(r.body.data, "<article");
    ck_assert_ptr_nonnull(first);
    ck_assert_msg(strncmp(first, "<article class=\"bespreek verschil\" id=\"k-ond-signalering\"",
                          56) == 0, "%.80s", first);
    resp_free(&r);
    /* A correction with a reason, logged like `score`. */
    send_json(&r, "POST", "/api/v1/corrections", c.cookie, c.csrf,
              "{\"rater\":\"r2\",\"case\":\"C01\",\"criterion\":\"ond-signalering\","
              "\"level\":\"3\",\"comment\":\"na bespreking\",\"reason\":\"team eens\"}");
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.body.data, "{\"rater\":\"r2\",\"case\":\"C01\",\"criterion\":"
                                  "\"ond-signalering\",\"level\":\"3\",\"comment\":"
                                  "\"na bespreking\"}");
    resp_free(&r);
    ck_assert_int_eq(sql_count("SELECT count(*) FROM score_log l JOIN web_correction w"
                               " ON w.log_seq = l.seq WHERE l.rater = 'r2' AND l.old_level = 1"
                               " AND l.level = 3 AND w.reason = 'team eens'"
                               " AND l.source = 'praktijktoets score'"), 1);
    ck_assert_int_eq(sql_count("SELECT revision FROM assessment"), 2);
    expect(&c, "POST", "/api/v1/corrections", "{\"rater\":\"r2\",\"case\":\"C01\","
           "\"criterion\":\"ond-signalering\",\"level\":\"3\"}", 422); /* no reason */
    expect(&c, "POST", "/api/v1/corrections", "{\"rater\":\"r2\",\"case\":\"C01\","
           "\"criterion\":\"ond-signalering\",\"level\":\"3\",\"reason\":\"bel 0612345678\"}",
           422);
    reports_after_closing(&c, &reader);
}
END_TEST

START_TEST(methods_and_paths)
{
    struct who w;
    login(&w, PT_WEB_RATER, "r1");
    expect(&w, "DELETE", "/api/v1/scores/C01/ond-signalering", NULL, 405);
    expect(&w, "POST", "/api/v1/scores", "{}", 405);
    expect(&w, "GET", "/api/v1/sheet", NULL, 405);
    expect(&w, "GET", "/api/v1/onbekend", NULL, 404);
    expect(&w, "GET", "/api/v1/scores/../../etc", NULL, 404);
    expect(&w, "GET", "/case/C99", NULL, 404);
    expect(&w, "GET", "/nergens", NULL, 404);
    expect(&w, "POST", "/t/abc", NULL, 405);
    /* An announced body over the limit is refused before it is read. */
    struct resp r;
    http(&r, "PUT", "/api/v1/scores/C01/ond-signalering", w.cookie, w.csrf, "application/json",
         NULL, 0);
    ck_assert_int_eq(r.status, 400);
    resp_free(&r);
}
END_TEST

/* The sample's sheets entered through the API give exactly the result the
 * sheets give (assess ID --format json). */
START_TEST(api_scores_equal_sheets)
{
    struct pt_toetsmap t = {0};
    struct who who[8], c;
    char *want = NULL, *got = NULL, *err = NULL;
    tu_load(SAMPLE, &t);
    ck_assert_uint_le(t.assessment->nteam, 8);
    for (size_t i = 0; i < t.assessment->nteam; i++)
        login(&who[i], PT_WEB_RATER, t.assessment->team[i].id);
    login(&c, PT_WEB_COORDINATOR, NULL);
    for (size_t i = 0; i < t.nscores; i++) {
        const struct pt_score *x = &t.scores[i];
        cJSON *o = cJSON_CreateObject();
        char level[16];
        if (x->nvt)
            snprintf(level, sizeof level, "nvt");
        else
            snprintf(level, sizeof level, "%d", x->level);
        cJSON_AddStringToObject(o, "level", level);
        if (x->comment)
            cJSON_AddStringToObject(o, "comment", x->comment);
        char *body = cJSON_PrintUnformatted(o);
        struct resp r;
        put_level(&r, &who[x->rater], t.assessment->case_ids[x->kase],
                  t.rubric->criteria[x->criterion].id, body);
        ck_assert_msg(r.status == 200, "%s: %s", body, r.body.data);
        resp_free(&r);
        cJSON_free(body);
        cJSON_Delete(o);
    }
    for (size_t i = 0; i < t.assessment->nteam; i++)
        expect(&who[i], "POST", "/api/v1/sheet", "{}", 200);
    set_phase(&c, "discussion");
    char db2[700];
    snprintf(db2, sizeof db2, "%s/sheets.db", tmp);
    const char *imp[] = {"--db", db2, "import", SAMPLE, NULL};
    run_ok(imp);
    const char *a1[] = {"--db", db2, "assess", ID, "--format", "json", NULL};
    const char *a2[] = {"--db", db, "assess", ID, "--format", "json", NULL};
    ck_assert_int_eq(tu_run(&want, &err, NULL, a1), 0);
    free(err);
    ck_assert_int_eq(tu_run(&got, &err, NULL, a2), 0);
    free(err);
    ck_assert_str_eq(got, want);
    free(want);
    free(got);
    pt_toetsmap_free(&t);
}
END_TEST

Suite *web_suite(void)
{
    Suite *s = suite_create("web");
    TCase *units = tcase_create("parsing");
    tcase_add_test(units, form_parsing);
    tcase_add_test(units, path_and_listen_parsing);
    suite_add_tcase(s, units);
    TCase *tc = tcase_create("server");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, invite_command);
    tcase_add_test(tc, phase_command_and_cli_rules);
    tcase_add_test(tc, migration_3_to_4_keeps_the_data);
    tcase_add_test(tc, link_starts_session_with_headers);
    tcase_add_test(tc, expired_and_revoked_links);
    tcase_add_test(tc, unknown_links_rate_limited);
    tcase_add_test(tc, rater_put_score_validation);
    tcase_add_test(tc, csrf_required_on_every_write);
    tcase_add_test(tc, forms_work_without_javascript);
    tcase_add_test(tc, independence_in_scoring);
    tcase_add_test(tc, discussion_and_closed);
    tcase_add_test(tc, methods_and_paths);
    tcase_add_test(tc, api_scores_equal_sheets);
    suite_add_tcase(s, tc);
    return s;
}
