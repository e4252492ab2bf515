/*
 * check_central.c — praktijktoets-central, the central receiver: the body
 * validator, SHA-256, tokens, request parsing and quartiles as units; then
 * the real program ($PT_CENTRAL, default build/praktijktoets-central)
 * served on 127.0.0.1:0 and talked to with libcurl and raw sockets.
 *
 * Every server a test starts is stopped by the test (SIGTERM, exit 0
 * checked) and dies with the test process otherwise (PR_SET_PDEATHSIG).
 */
#include <arpa/inet.h>
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>
#include <curl/curl.h>
#include <sqlite3.h>

#include "central_benchmark.h"
#include "central_request.h"
#include "central_sha256.h"
#include "central_token.h"
#include "central_validate.h"
#include "listen.h"
#include "suites.h"
#include "testdb.h"
#include "testutil.h"
#include "util.h"

#define FIXTURE "tests/fixtures/central/body.json"
/* The moment the unit tests validate at: 2026-11-18T12:53:20Z. */
#define NOW 1795006400LL

/* ---- the body validator ------------------------------------------------ */

static char *fixture(void)
{
    char *s = tu_read(FIXTURE);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* The fixture with its text changed: the first from → to (caller frees). */
static char *body_text_replace(const char *from, const char *to)
{
    char *text = fixture();
    char *at = strstr(text, from);
    ck_assert_ptr_nonnull(at);
    struct pt_buf b = {0};
    pt_buf_add(&b, text, (size_t)(at - text));
    pt_buf_adds(&b, to);
    pt_buf_adds(&b, at + strlen(from));
    free(text);
    return pt_buf_detach(&b);
}

static enum pc_body check_text(const char *text, struct pt_error *err)
{
    struct pc_summary sum;
    enum pc_body rc = pc_validate(text, strlen(text), NOW, &sum, err);
    pc_summary_free(&sum);
    return rc;
}

/* The fixture with one change made through cJSON, then validated. */
typedef void (*edit_fn)(cJSON *root);

static enum pc_body check_edit(edit_fn edit, struct pt_error *err)
{
    char *text = fixture();
    cJSON *root = cJSON_Parse(text);
    ck_assert_ptr_nonnull(root);
    edit(root);
    char *out = cJSON_PrintUnformatted(root);
    enum pc_body rc = check_text(out, err);
    cJSON_free(out);
    cJSON_Delete(root);
    free(text);
    return rc;
}

static cJSON *at(cJSON *root, const char *key)
{
    cJSON *x = cJSON_GetObjectItemCaseSensitive(root, key);
    ck_assert_ptr_nonnull(x);
    return x;
}

static cJSON *criterion0(cJSON *root)
{
    return cJSON_GetArrayItem(at(cJSON_GetArrayItem(at(root, "cases"), 0), "criteria"), 0);
}

static void set(cJSON *obj, const char *key, cJSON *value)
{
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
    else
        cJSON_AddItemToObject(obj, key, value);
}

static void e_top_name(cJSON *r) { set(r, "naam", cJSON_CreateString("Jan Jansen")); }
static void e_nested(cJSON *r) { set(criterion0(r), "comment", cJSON_CreateString("geen")); }
static void e_score_text(cJSON *r) { set(criterion0(r), "score", cJSON_CreateString("3.5")); }
static void e_digit_key(cJSON *r) { set(at(r, "team"), "123456782", cJSON_CreateNumber(1)); }
static void e_verdict_text(cJSON *r)
{
    set(r, "verdict", cJSON_CreateString("Jan woont aan de Dorpsstraat 1"));
}
static void e_purpose(cJSON *r) { set(r, "purpose", cJSON_CreateString("anders")); }
static void e_swv_loose(cJSON *r) { set(r, "swv", cJSON_CreateString("PO2899")); }
static void e_swv_bad(cJSON *r) { set(r, "swv", cJSON_CreateString("MBO 1")); }
static void e_date(cJSON *r) { set(r, "date", cJSON_CreateString("2014-02-30")); }
static void e_submitted(cJSON *r) { set(r, "submitted_at", cJSON_CreateString("2026-11-23 11:30")); }
static void e_case_id(cJSON *r)
{
    set(cJSON_GetArrayItem(at(r, "cases"), 0), "id", cJSON_CreateString("C 01"));
}
static void e_revision0(cJSON *r) { set(r, "revision", cJSON_CreateNumber(0)); }
static void e_revision_frac(cJSON *r) { set(r, "revision", cJSON_CreateNumber(1.5)); }
static void e_format2(cJSON *r) { set(r, "format", cJSON_CreateString("praktijktoets-submission/3")); }
static void e_format1(cJSON *r) { set(r, "format", cJSON_CreateString("praktijktoets-submission/1")); }
static void e_no_format(cJSON *r) { cJSON_DeleteItemFromObjectCaseSensitive(r, "format"); }
static void e_no_swv(cJSON *r) { cJSON_DeleteItemFromObjectCaseSensitive(r, "swv"); }
static void e_role(cJSON *r) { set(at(at(r, "team"), "roles"), "buurman", cJSON_CreateNumber(1)); }
static void e_role_zero(cJSON *r) { set(at(at(r, "team"), "roles"), "expert", cJSON_CreateNumber(0)); }
static void e_dup_domain(cJSON *r)
{
    cJSON *d = at(r, "domains");
    cJSON_AddItemToArray(d, cJSON_Duplicate(cJSON_GetArrayItem(d, 0), 1));
}
static void e_finding(cJSON *r)
{
    cJSON *f = cJSON_GetArrayItem(at(r, "critical_findings"), 1);
    cJSON_DeleteItemFromObjectCaseSensitive(f, "check");
}
static void e_interp(cJSON *r)
{
    set(at(r, "reliability"), "interpretation", cJSON_CreateString("prima"));
}
static void e_interp_null(cJSON *r) { set(at(r, "reliability"), "interpretation", cJSON_CreateNull()); }
static void e_big_array(cJSON *r)
{
    cJSON *c = cJSON_CreateArray();
    for (int i = 0; i < 1001; i++)
        cJSON_AddItemToArray(c, cJSON_CreateObject());
    set(r, "perspectives", c);
}
static void e_empty_arrays(cJSON *r)
{
    set(r, "cases", cJSON_CreateArray());
    set(r, "domains", cJSON_CreateArray());
    set(r, "critical_findings", cJSON_CreateArray());
    set(r, "perspectives", cJSON_CreateArray());
}
static void e_mean_text(cJSON *r)
{
    cJSON *p = cJSON_GetArrayItem(at(r, "perspectives"), 0);
    set(cJSON_GetArrayItem(at(p, "roles"), 0), "mean", cJSON_CreateString("hoog"));
}

START_TEST(validator_accepts_documented_body)
{
    struct pt_error err = {0};
    char *text = fixture();
    struct pc_summary sum;
    ck_assert_int_eq(pc_validate(text, strlen(text), NOW, &sum, &err), PC_BODY_OK);
    ck_assert_str_eq(sum.assessment, "PT-PO2899-2014-1");
    ck_assert_int_eq(sum.revision, 1);
    ck_assert_str_eq(sum.swv, "PO 28-99");
    ck_assert_str_eq(sum.date, "2014-05-21");
    ck_assert_str_eq(sum.rubric_id, "po-gereedheid");
    ck_assert_int_eq(sum.rubric_version, 1);
    ck_assert(sum.scale_min == 1.0 && sum.scale_max == 4.0);
    ck_assert(sum.has_overall && sum.overall == 2.68);
    ck_assert_uint_eq(sum.ndomains, 2);
    ck_assert_str_eq(sum.domains[0].id, "ondersteuning");
    ck_assert(sum.domains[0].has_score && sum.domains[0].score == 2.88);
    ck_assert_str_eq(sum.domains[1].id, "samenwerking");
    ck_assert(!sum.domains[1].has_score);
    pc_summary_free(&sum);
    /* not NUL-terminated: only len bytes are read */
    size_t len = strlen(text);
    char *copy = pt_xmalloc(len);
    memcpy(copy, text, len);
    ck_assert_int_eq(pc_validate(copy, len, NOW, &sum, &err), PC_BODY_OK);
    pc_summary_free(&sum);
    free(copy);
    free(text);
    ck_assert_int_eq(check_edit(e_empty_arrays, &err), PC_BODY_OK);
    ck_assert_int_eq(check_edit(e_interp_null, &err), PC_BODY_OK);
}
END_TEST

START_TEST(validator_refuses_unknown_fields_with_path)
{
    struct pt_error err = {0};
    ck_assert_int_eq(check_edit(e_top_name, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "naam: onbekend veld \"naam\" (niet in het formaat)");
    ck_assert_int_eq(check_edit(e_nested, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "cases[0].criteria[0].comment: onbekend veld \"comment\" (niet in het formaat)");
    /* a key that could carry personal data is not quoted */
    ck_assert_int_eq(check_edit(e_digit_key, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "team.?: onbekend veld (niet in het formaat)");
    ck_assert_int_eq(check_edit(e_role, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "team.roles.buurman: onbekend veld \"buurman\" (niet in het formaat)");
    /* a repeated key cannot hide a second value */
    char *text = fixture();
    char *dup = pt_xmalloc(strlen(text) + 64);
    char *brace = strchr(text, '{');
    size_t head = (size_t)(brace - text) + 1;
    memcpy(dup, text, head);
    strcpy(dup + head, "\"swv\": \"PO 27-01\",");
    strcat(dup, text + head);
    ck_assert_int_eq(check_text(dup, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "swv: veld \"swv\" komt meer dan eens voor");
    free(dup);
    free(text);
}
END_TEST

START_TEST(validator_refuses_wrong_types_and_free_text)
{
    struct pt_error err = {0};
    ck_assert_int_eq(check_edit(e_score_text, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "cases[0].criteria[0].score: moet een getal of null zijn");
    ck_assert_int_eq(check_edit(e_verdict_text, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "verdict: geen geldige id (1–64 tekens A-Z a-z 0-9 . _ -)");
    ck_assert_ptr_null(strstr(err.msg, "Jan"));
    ck_assert_int_eq(check_edit(e_purpose, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "purpose: moet een van: leerinstrument, toetsinstrument, feedback zijn");
    ck_assert_int_eq(check_edit(e_interp, &err), PC_BODY_INVALID);
    ck_assert_ptr_nonnull(strstr(err.msg, "reliability.interpretation: moet een van: "));
    ck_assert_int_eq(check_edit(e_mean_text, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "perspectives[0].roles[0].mean: moet een getal of null zijn");
    ck_assert_int_eq(check_edit(e_revision0, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "revision: moet een geheel getal ≥ 1 zijn");
    ck_assert_int_eq(check_edit(e_revision_frac, &err), PC_BODY_INVALID);
    ck_assert_int_eq(check_edit(e_role_zero, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "team.roles.expert: moet een geheel getal ≥ 1 zijn");
    ck_assert_int_eq(check_edit(e_no_swv, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "swv: verplicht veld ontbreekt");
    ck_assert_int_eq(check_edit(e_dup_domain, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "domains[2].id: id komt al eerder voor in domains");
    ck_assert_int_eq(check_edit(e_finding, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "critical_findings[1]: verwacht een veld criterion of check");
    ck_assert_int_eq(check_edit(e_big_array, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "perspectives: lijst met meer dan 1000 elementen");
    ck_assert_int_eq(check_text("{\"format\":\"praktijktoets-submission/2\",\"revision\":1e400}",
                                &err), PC_BODY_INVALID);
}
END_TEST

START_TEST(validator_refuses_bad_swv_date_id)
{
    struct pt_error err = {0};
    ck_assert_int_eq(check_edit(e_swv_loose, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "swv: verwacht een SWV-code in de vorm \"PO 27-01\"");
    ck_assert_int_eq(check_edit(e_swv_bad, &err), PC_BODY_INVALID);
    ck_assert_int_eq(check_edit(e_date, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "date: verwacht een bestaande datum JJJJ-MM-DD");
    ck_assert_int_eq(check_edit(e_submitted, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "submitted_at: verwacht een UTC-tijd JJJJ-MM-DDTUU:MM:SSZ");
    ck_assert_int_eq(check_edit(e_case_id, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "cases[0].id: geen geldige id (1–64 tekens A-Z a-z 0-9 . _ -)");
    ck_assert(pc_is_utc_timestamp("2024-02-29T23:59:59Z"));
    ck_assert(!pc_is_utc_timestamp("2023-02-29T23:59:59Z"));
    ck_assert(!pc_is_utc_timestamp("2024-02-28T24:00:00Z"));
    ck_assert(!pc_is_utc_timestamp("2024-02-28T23:00:00+01:00"));
}
END_TEST

/* ---- issue 14: scale, dates and \u0000 ------------------------------- */

static cJSON *rubric_of(cJSON *r) { return at(r, "rubric"); }
static void e_overall_huge(cJSON *r) { set(at(r, "overall"), "score", cJSON_CreateNumber(-1e9)); }
static void e_overall_low(cJSON *r) { set(at(r, "overall"), "score", cJSON_CreateNumber(0.99)); }
static void e_domain_high(cJSON *r)
{
    set(cJSON_GetArrayItem(at(r, "domains"), 0), "score", cJSON_CreateNumber(4.01));
}
static void e_crit_high(cJSON *r) { set(criterion0(r), "score", cJSON_CreateNumber(1e9)); }
static void e_case_low(cJSON *r)
{
    set(cJSON_GetArrayItem(at(r, "cases"), 0), "score", cJSON_CreateNumber(-3));
}
static void e_mean_high(cJSON *r)
{
    cJSON *p = cJSON_GetArrayItem(at(r, "perspectives"), 0);
    set(cJSON_GetArrayItem(at(p, "roles"), 0), "mean", cJSON_CreateNumber(5));
}
static void e_finding_high(cJSON *r)
{
    set(cJSON_GetArrayItem(at(r, "critical_findings"), 0), "score", cJSON_CreateNumber(9));
}
static void e_percent(cJSON *r) { set(at(r, "overall"), "percent", cJSON_CreateNumber(100.5)); }
static void e_gap(cJSON *r)
{
    set(cJSON_GetArrayItem(at(r, "perspectives"), 0), "gap", cJSON_CreateNumber(3.5));
}
static void e_no_scale(cJSON *r) { cJSON_DeleteItemFromObjectCaseSensitive(rubric_of(r), "scale"); }
static void e_scale_flat(cJSON *r)
{
    set(at(rubric_of(r), "scale"), "max", cJSON_CreateNumber(1));
}
static void e_date_2013(cJSON *r) { set(r, "date", cJSON_CreateString("2013-12-31")); }
static void e_date_2014(cJSON *r) { set(r, "date", cJSON_CreateString("2014-01-01")); }
static void e_date_tomorrow(cJSON *r) { set(r, "date", cJSON_CreateString("2026-11-19")); }
static void e_date_future(cJSON *r) { set(r, "date", cJSON_CreateString("2026-11-20")); }
static void e_date_9999(cJSON *r) { set(r, "date", cJSON_CreateString("9999-12-31")); }

START_TEST(validator_scale_and_dates)
{
    /* the two-answer solve needs scores far outside the scale: refused */
    struct pt_error err = {0};
    ck_assert_int_eq(check_edit(e_overall_huge, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "overall.score: buiten de schaal van de rubric: verwacht 1 tot en "
                     "met 4");
    ck_assert_int_eq(check_edit(e_overall_low, &err), PC_BODY_INVALID);
    ck_assert_int_eq(check_edit(e_domain_high, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "domains[0].score: buiten de schaal van de rubric: verwacht 1 tot en "
                     "met 4");
    ck_assert_int_eq(check_edit(e_crit_high, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "cases[0].criteria[0].score: buiten de schaal van de rubric: "
                     "verwacht 1 tot en met 4");
    ck_assert_int_eq(check_edit(e_case_low, &err), PC_BODY_INVALID);
    ck_assert_int_eq(check_edit(e_mean_high, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "perspectives[0].roles[0].mean: buiten de schaal van de rubric: "
                     "verwacht 1 tot en met 4");
    ck_assert_int_eq(check_edit(e_finding_high, &err), PC_BODY_INVALID);
    ck_assert_int_eq(check_edit(e_percent, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "overall.percent: buiten het bereik: verwacht 0 tot en met 100");
    ck_assert_int_eq(check_edit(e_gap, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "perspectives[0].gap: buiten het bereik: verwacht 0 tot en met 3");
    ck_assert_int_eq(check_edit(e_no_scale, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "rubric.scale: verplicht veld ontbreekt");
    ck_assert_int_eq(check_edit(e_scale_flat, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "rubric.scale: verwacht min kleiner dan max (en beide hoogstens "
                     "1000000 groot)");
    /* dates: from 2014-01-01 to one day after receipt (NOW is 2026-11-18) */
    ck_assert_int_eq(check_edit(e_date_2013, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "date: datum vóór 2014-01-01");
    ck_assert_int_eq(check_edit(e_date_2014, &err), PC_BODY_OK);
    ck_assert_int_eq(check_edit(e_date_tomorrow, &err), PC_BODY_OK);
    ck_assert_int_eq(check_edit(e_date_future, &err), PC_BODY_INVALID);
    ck_assert_str_eq(err.msg, "date: datum ligt meer dan een dag na ontvangst (in de toekomst)");
    ck_assert_int_eq(check_edit(e_date_9999, &err), PC_BODY_INVALID);
}
END_TEST

START_TEST(validator_refuses_escaped_nul)
{
    /* cJSON ends a string at \u0000; what follows it must never be stored */
    struct pt_error err = {0};
    char *body = body_text_replace("\"verdict\": \"niet-klaar\"",
                                   "\"verdict\": \"niet-klaar\\u0000Jan Jansen 123456782\"");
    ck_assert_int_eq(check_text(body, &err), PC_BODY_NUL);
    ck_assert_str_eq(err.msg, "een tekst in het bericht bevat \\u0000 (een NUL-teken)");
    free(body);
    body = body_text_replace("\"assessment\": \"PT-PO2899-2014-1\"",
                             "\"assessment\": \"PT-PO2899-2014-1\\u0000\"");
    ck_assert_int_eq(check_text(body, &err), PC_BODY_NUL);
    free(body);
    /* in a key too */
    body = body_text_replace("\"complete\": true,", "\"complete\": true, \"x\\u0000y\": 1,");
    ck_assert_int_eq(check_text(body, &err), PC_BODY_NUL);
    free(body);
    ck_assert(pc_has_escaped_nul("\"\\u0000\"", 8));
    ck_assert(!pc_has_escaped_nul("\"\\\\u0000\"", 9));   /* a backslash, then u0000 */
    ck_assert(!pc_has_escaped_nul("\"\\u0000\"", 6));     /* cut short */
    ck_assert(pc_has_escaped_nul("\"\\\\\\u0000\"", 10));
}
END_TEST

START_TEST(validator_format_and_syntax)
{
    struct pt_error err = {0};
    ck_assert_int_eq(check_edit(e_format2, &err), PC_BODY_FORMAT);
    ck_assert_str_eq(err.msg, "format moet \"praktijktoets-submission/2\" zijn");
    /* an old client hears that it must upgrade */
    ck_assert_int_eq(check_edit(e_format1, &err), PC_BODY_FORMAT);
    ck_assert_str_eq(err.msg, "praktijktoets-submission/1 wordt niet meer aangenomen: werk "
                     "praktijktoets bij naar een versie die praktijktoets-submission/2 "
                     "verstuurt (met rubric.scale)");
    ck_assert_int_eq(check_edit(e_no_format, &err), PC_BODY_FORMAT);
    ck_assert_int_eq(check_text("[1, 2]", &err), PC_BODY_FORMAT);
    ck_assert_int_eq(check_text("\"praktijktoets-submission/1\"", &err), PC_BODY_FORMAT);
    ck_assert_int_eq(check_text("", &err), PC_BODY_MALFORMED);
    ck_assert_int_eq(check_text("{\"format\": ", &err), PC_BODY_MALFORMED);
    ck_assert_int_eq(check_text("{} trailing", &err), PC_BODY_MALFORMED);
    ck_assert_int_eq(check_text("{\"a\": \"\xff\"}", &err), PC_BODY_MALFORMED);
    struct pc_summary sum;
    ck_assert_int_eq(pc_validate("{}\0{}", 5, NOW, &sum, &err), PC_BODY_MALFORMED);
    ck_assert_str_eq(err.msg, "het bericht is geen JSON (leeg, geen UTF-8 of een NUL-teken)");
}
END_TEST

/* ---- SHA-256, tokens, request parsing ---------------------------------- */

static void hex_of(const void *data, size_t len, char out[PC_SHA256_HEX_SIZE])
{
    uint8_t d[PC_SHA256_SIZE];
    pc_sha256(data, len, d);
    pc_hex(d, sizeof d, out);
}

START_TEST(sha256_fips180_vectors)
{
    char hex[PC_SHA256_HEX_SIZE];
    hex_of("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hex_of("", 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(two, strlen(two), hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* one million 'a', fed in uneven pieces */
    char *a = pt_xmalloc(1000000);
    memset(a, 'a', 1000000);
    struct pc_sha256 c;
    uint8_t d[PC_SHA256_SIZE];
    pc_sha256_init(&c);
    for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 997 + 1)
        pc_sha256_update(&c, a + off, off + step > 1000000 ? 1000000 - off : step);
    pc_sha256_final(&c, d);
    pc_hex(d, sizeof d, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
    /* 55, 56 and 64 bytes: the padding boundaries */
    hex_of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 64, hex);
    ck_assert_str_eq(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}
END_TEST

START_TEST(tokens_and_headers)
{
    char t1[PC_TOKEN_SIZE], t2[PC_TOKEN_SIZE], out[PC_TOKEN_SIZE];
    struct pt_error err = {0};
    ck_assert_int_eq(pc_token_new(t1, &err), PT_OK);
    ck_assert_int_eq(pc_token_new(t2, &err), PT_OK);
    ck_assert_uint_eq(strlen(t1), PC_TOKEN_LEN);
    ck_assert(strncmp(t1, "ptk_", 4) == 0);
    ck_assert(pc_token_wellformed(t1));
    ck_assert_str_ne(t1, t2);
    ck_assert(!pc_token_wellformed("ptk_abc"));
    char upper[PC_TOKEN_SIZE];
    memcpy(upper, t1, sizeof upper);
    upper[10] = 'G';
    ck_assert(!pc_token_wellformed(upper));

    char header[128];
    snprintf(header, sizeof header, "Bearer %s", t1);
    ck_assert(pc_bearer_token(header, out));
    ck_assert_str_eq(out, t1);
    snprintf(header, sizeof header, "bearer   %s ", t1);
    ck_assert(pc_bearer_token(header, out));
    snprintf(header, sizeof header, "Basic %s", t1);
    ck_assert(!pc_bearer_token(header, out));
    ck_assert(!pc_bearer_token("Bearer ", out));
    ck_assert(!pc_bearer_token(NULL, out));

    uint8_t h1[PC_SHA256_SIZE], h2[PC_SHA256_SIZE];
    pc_token_hash(t1, h1);
    pc_token_hash(t1, h2);
    ck_assert(pc_equal_ct(h1, h2, sizeof h1));
    h2[31] ^= 1;
    ck_assert(!pc_equal_ct(h1, h2, sizeof h1));

    char id[PC_ID_SIZE];
    long v = 0;
    ck_assert(pc_parse_rubric("po-gereedheid@12", id, &v));
    ck_assert_str_eq(id, "po-gereedheid");
    ck_assert_int_eq(v, 12);
    ck_assert(!pc_parse_rubric("po-gereedheid", id, &v));
    ck_assert(!pc_parse_rubric("po-gereedheid@0", id, &v));
    ck_assert(!pc_parse_rubric("po-gereedheid@01", id, &v));
    ck_assert(!pc_parse_rubric("po-gereedheid@1x", id, &v));
    ck_assert(!pc_parse_rubric("@1", id, &v));
    ck_assert(!pc_parse_rubric("po gereedheid@1", id, &v));
    ck_assert(!pc_parse_rubric("x@99999999999999999999", id, &v));

    struct pc_summary sum;
    memset(&sum, 0, sizeof sum);
    snprintf(sum.assessment, sizeof sum.assessment, "PT-1");
    sum.revision = 3;
    ck_assert(pc_key_matches("PT-1/3", &sum));
    ck_assert(!pc_key_matches("PT-1/03", &sum));
    ck_assert(!pc_key_matches("PT-1/3 ", &sum));
    ck_assert(!pc_key_matches(NULL, &sum));

    size_t n = 0;
    ck_assert(pc_content_length("1048577", &n) && n == 1048577);
    ck_assert(pc_content_length("99999999999999999999999", &n) && n == SIZE_MAX);
    ck_assert(!pc_content_length("12a", &n));
    ck_assert(!pc_content_length("-1", &n));

    struct sockaddr_storage a;
    socklen_t alen;
    ck_assert(pt_parse_listen("127.0.0.1:0", &a, &alen) && a.ss_family == AF_INET);
    ck_assert(pt_parse_listen("localhost:8443", &a, &alen));
    ck_assert_int_eq(ntohs(((struct sockaddr_in *)&a)->sin_port), 8443);
    ck_assert(pt_parse_listen("[::1]:8443", &a, &alen) && a.ss_family == AF_INET6);
    ck_assert(!pt_parse_listen("127.0.0.1", &a, &alen));
    ck_assert(!pt_parse_listen("127.0.0.1:65536", &a, &alen));
    ck_assert(!pt_parse_listen("example.org:80", &a, &alen));

    char *j = pc_error_json("token", "zeg \"nee\"");
    ck_assert_str_eq(j, "{\"error\":\"token\",\"message\":\"zeg \\\"nee\\\"\"}");
    cJSON_free(j);
}
END_TEST

/* ---- quartiles and the benchmark answer -------------------------------- */

START_TEST(quartiles_type7_by_hand)
{
    /* sorted 2.2 2.5 2.9 3.0 3.1 3.7, n = 6, h = 5p:
     * q1 h = 1.25: 2.5 + 0.25 (2.9 − 2.5) = 2.6
     * median h = 2.5: 2.9 + 0.5 (3.0 − 2.9) = 2.95
     * q3 h = 3.75: 3.0 + 0.75 (3.1 − 3.0) = 3.075 */
    double x[] = {3.1, 2.2, 2.9, 3.7, 2.5, 3.0};
    struct pc_dist d;
    pc_distribution(x, 6, &d);
    ck_assert_uint_eq(d.count, 6);
    ck_assert_double_eq_tol(d.min, 2.2, 1e-12);
    ck_assert_double_eq_tol(d.q1, 2.6, 1e-12);
    ck_assert_double_eq_tol(d.median, 2.95, 1e-12);
    ck_assert_double_eq_tol(d.q3, 3.075, 1e-12);
    ck_assert_double_eq_tol(d.max, 3.7, 1e-12);
    /* 1..10: q1 3.25, median 5.5, q3 7.75 (Excel QUARTILE.INC) */
    double y[10];
    for (int i = 0; i < 10; i++)
        y[i] = 10 - i;
    pc_distribution(y, 10, &d);
    ck_assert_double_eq_tol(d.q1, 3.25, 1e-12);
    ck_assert_double_eq_tol(d.median, 5.5, 1e-12);
    ck_assert_double_eq_tol(d.q3, 7.75, 1e-12);
    double one = 2.5;
    pc_distribution(&one, 1, &d);
    ck_assert(d.min == 2.5 && d.q1 == 2.5 && d.median == 2.5 && d.q3 == 2.5 && d.max == 2.5);
    pc_distribution(NULL, 0, &d);
    ck_assert_uint_eq(d.count, 0);
}
END_TEST

START_TEST(benchmark_answer_and_threshold)
{
    /* Ten SWVs give quartiles; nine give only the count. Never min or
     * max; one decimal. */
    struct pc_bench_values v = {0};
    char swv[24];
    for (int i = 0; i < 10; i++) {
        snprintf(swv, sizeof swv, "PO 20-%02d", i + 1);
        pc_bench_add(&v, swv, "", true, 1.0 + 0.3 * i);     /* 1.0 … 3.7 */
        pc_bench_add(&v, swv, "a", true, 2.0 + 0.05 * i);   /* 2.0 … 2.45 */
        pc_bench_add(&v, swv, "b", i != 0, 1.0);            /* nine scores */
    }
    char *json = pc_benchmark_json("r", 1, &v, 1764500000LL);
    /* overall: h = 9p; q1 h 2.25 → 1.6 + 0.25·0.3 = 1.675 → 1.7, median
     * h 4.5 → 2.35 → 2.4 (2.35 is 2.35000000000000008882 in binary),
     * q3 h 6.75 → 2.8 + 0.75·0.3 = 3.025 → 3.0 */
    ck_assert_str_eq(json,
        "{\"rubric\":{\"id\":\"r\",\"version\":1},\"snapshot_at\":\"2025-11-30T10:53:20Z\","
        "\"swvs\":10,\"overall\":{\"count\":10,\"q1\":1.7,\"median\":2.4,\"q3\":3},"
        "\"domains\":[{\"id\":\"a\",\"count\":10,\"q1\":2.1,\"median\":2.2,\"q3\":2.3},"
        "{\"id\":\"b\",\"count\":9,\"q1\":null,\"median\":null,\"q3\":null}]}");
    free(json);
    ck_assert(pc_round1(-0.04) == 0.0 && !signbit(pc_round1(-0.04)));
    pc_bench_free(&v);
}
END_TEST

/* ---- the real server --------------------------------------------------- */

static char *tmp;
static char db[512];



static void open_db(void)
{
    tmp = tu_tmpdir();
    tdb_new(db, sizeof db, tmp);   /* issue 15: SQLite file or PostgreSQL database */
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The fixtures name their backend: with CK_FORK=no one test case's choice
 * must not carry over to the next. */
static void e2e_setup(void)
{
    tdb_backend = TDB_SQLITE;
    open_db();
}

static void e2e_teardown(void)
{
    curl_global_cleanup();
    tdb_drop(db);
    tu_rmrf(tmp);
    free(tmp);
}

/* issue 15: the same tests on PostgreSQL. */
static void e2e_setup_pg(void)
{
    tdb_backend = TDB_PG;
    open_db();
}

/* Runs praktijktoets-central with args (NULL-terminated); stdout and
 * stderr captured (caller frees); returns the exit status. */
static int central(char **out, char **err, const char *const *args)
{
    const char *argv[48];
    size_t n = tu_central_argv(argv);
    for (size_t i = 0; args[i] && n < 47; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return tu_run_argv(out, err, NULL, argv);
}

/* A new token for swv (caller frees). */
static char *token_for(const char *swv)
{
    char *out = NULL, *err = NULL;
    const char *args[] = {"token", "add", "--swv", swv, "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, args), 0);
    size_t len = strlen(out);
    ck_assert_msg(len == PC_TOKEN_LEN + 1 && out[len - 1] == '\n', "token line: %s", out);
    out[len - 1] = '\0';
    ck_assert(pc_token_wellformed(out));
    ck_assert_ptr_null(strstr(err, out));   /* shown once, on stdout only */
    free(err);
    return out;
}


struct reply {
    long status;
    CURLcode cc;
    char *body;
    char ctype[64];
    char retry_after[32];   /* the Retry-After header, "" when none */
};

static size_t header_line(char *data, size_t size, size_t n, void *cls)
{
    struct reply *r = cls;
    size_t len = size * n;
    if (len > 13 && strncasecmp(data, "Retry-After: ", 13) == 0) {
        size_t k = len - 13;
        while (k > 0 && (data[13 + k - 1] == '\r' || data[13 + k - 1] == '\n'))
            k--;
        snprintf(r->retry_after, sizeof r->retry_after, "%.*s", (int)k, data + 13);
    }
    return len;
}

static size_t collect(char *data, size_t size, size_t n, void *cls)
{
    pt_buf_add(cls, data, size * n);
    return size * n;
}

/* The total time a request may take, in seconds. */
static long http_timeout = 20;

/* One request. token/key/body/cainfo may be NULL. */
static void http(struct reply *r, const char *method, const char *url, const char *token,
                 const char *key, const char *body, size_t len, const char *cainfo)
{
    struct pt_buf b = {0};
    struct curl_slist *h = NULL;
    char line[256];
    CURL *c = curl_easy_init();
    ck_assert_ptr_nonnull(c);
    pt_buf_adds(&b, "");
    if (token) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, line);
    }
    if (key) {
        snprintf(line, sizeof line, "Idempotency-Key: %s", key);
        h = curl_slist_append(h, line);
    }
    h = curl_slist_append(h, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, http_timeout);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    if (cainfo)
        curl_easy_setopt(c, CURLOPT_CAINFO, cainfo);
    memset(r, 0, sizeof *r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_line);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    r->cc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    char *ct = NULL;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    snprintf(r->ctype, sizeof r->ctype, "%s", ct ? ct : "");
    r->body = pt_buf_detach(&b);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
}

static void post(struct reply *r, const struct tu_server *s, const char *token, const char *key,
                 const char *body)
{
    char url[128];
    snprintf(url, sizeof url, "%s/v1/results", s->url);
    http(r, "POST", url, token, key, body, strlen(body), NULL);
}

static void get(struct reply *r, const struct tu_server *s, const char *path, const char *token)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", s->url, path);
    http(r, "GET", url, token, NULL, NULL, 0, NULL);
}

/* The reply has status and, for an error, {"error": code, ...} as JSON. */
static void expect(struct reply *r, long status, const char *code)
{
    ck_assert_msg(r->cc == CURLE_OK, "curl: %s", curl_easy_strerror(r->cc));
    ck_assert_msg(r->status == status, "status %ld, want %ld: %s", r->status, status, r->body);
    ck_assert_str_eq(r->ctype, "application/json");
    cJSON *j = cJSON_Parse(r->body);
    ck_assert_msg(j != NULL, "not JSON: %s", r->body);
    if (code) {
        cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
        cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "message");
        ck_assert_msg(cJSON_IsString(e) && strcmp(e->valuestring, code) == 0,
                      "error %s, want %s", r->body, code);
        ck_assert(cJSON_IsString(m) && m->valuestring[0]);
        ck_assert_int_eq(cJSON_GetArraySize(j), 2);
    }
    cJSON_Delete(j);
}

static void done(struct reply *r)
{
    free(r->body);
    r->body = NULL;
}

static void healthy(const struct tu_server *s)
{
    struct reply r;
    get(&r, s, "/healthz", NULL);
    expect(&r, 200, NULL);
    ck_assert_str_eq(r.body, "{\"status\":\"ok\"}");
    done(&r);
}

/* The fixture with its text changed: every from → to (caller frees). */
static char *body_replace(const char *from, const char *to)
{
    char *text = fixture();
    struct pt_buf b = {0};
    const char *p = text, *q;
    pt_buf_adds(&b, "");
    while ((q = strstr(p, from))) {
        pt_buf_add(&b, p, (size_t)(q - p));
        pt_buf_adds(&b, to);
        p = q + strlen(from);
    }
    pt_buf_adds(&b, p);
    free(text);
    return pt_buf_detach(&b);
}

START_TEST(e2e_token_command_line)
{
    char *out = NULL, *err = NULL;
    char *t1 = token_for("PO2701");
    char *t2 = token_for("vo-27-01");
    const char *list[] = {"token", "list", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, list), 0);
    char want[128];
    snprintf(want, sizeof want, "1\t%.12s…\tPO 27-01\t", t1);
    ck_assert_msg(strstr(out, want) != NULL, "list: %s", out);
    snprintf(want, sizeof want, "2\t%.12s…\tVO 27-01\t", t2);
    ck_assert_ptr_nonnull(strstr(out, want));
    ck_assert_ptr_null(strstr(out, t1));
    ck_assert_ptr_null(strstr(out, t2));
    free(out);
    free(err);

    const char *revoke[] = {"token", "revoke", "2", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, revoke), 0);
    ck_assert_ptr_nonnull(strstr(err, "token 2 ingetrokken"));
    free(out);
    free(err);
    ck_assert_int_eq(central(&out, &err, revoke), 0);
    ck_assert_ptr_nonnull(strstr(err, "was al ingetrokken"));
    free(out);
    free(err);
    ck_assert_int_eq(central(&out, &err, list), 0);
    ck_assert_ptr_nonnull(strstr(out, "\tVO 27-01\t"));
    ck_assert_ptr_null(strstr(strstr(out, "\tVO 27-01\t"), "Z\t\n"));   /* revoked time set */
    free(out);
    free(err);

    const char *missing[] = {"token", "revoke", "99", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, missing), 3);
    free(out);
    free(err);
    const char *badswv[] = {"token", "add", "--swv", "MBO 1", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, badswv), 2);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    const char *bogus[] = {"serve", "--bogus", NULL};
    ck_assert_int_eq(central(&out, &err, bogus), 2);
    free(out);
    free(err);
    const char *badlisten[] = {"serve", "--listen", "nergens", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, badlisten), 2);
    free(out);
    free(err);
    const char *halftls[] = {"serve", "--tls-cert", "x.pem", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, halftls), 2);
    free(out);
    free(err);
    const char *help[] = {"help", NULL};
    ck_assert_int_eq(central(&out, &err, help), 0);
    ck_assert_ptr_nonnull(strstr(out, "token add --swv SWV"));
    free(out);
    free(err);
    free(t1);
    free(t2);
}
END_TEST

/* The stored bytes of key in the receiver's database (caller frees). */
static char *stored_body(const char *key)
{
    return tdb_value(db, "SELECT body FROM submission WHERE key = $1", key);
}

/* Once per key: stored, duplicate, conflict; a new revision is new; the
 * exact bytes are kept. */
static void results_once_per_key(const struct tu_server *s, const char *tok, const char *key,
                                 const char *body)
{
    struct reply r;
    post(&r, s, tok, key, body);
    expect(&r, 201, NULL);
    ck_assert_str_eq(r.body, "{\"status\":\"stored\",\"key\":\"PT-PO2899-2014-1/1\"}");
    done(&r);
    post(&r, s, tok, key, body);
    expect(&r, 200, NULL);
    ck_assert_str_eq(r.body, "{\"status\":\"duplicate\",\"key\":\"PT-PO2899-2014-1/1\"}");
    done(&r);
    char *changed = body_replace("\"score\": 2.68", "\"score\": 2.69");
    post(&r, s, tok, key, changed);
    expect(&r, 409, "conflict");
    done(&r);
    char *rev2 = body_replace("\"revision\": 1", "\"revision\": 2");
    post(&r, s, tok, "PT-PO2899-2014-1/2", rev2);
    expect(&r, 201, NULL);
    done(&r);
    char *kept = stored_body(key);
    ck_assert_ptr_nonnull(kept);
    ck_assert_str_eq(kept, body);   /* the exact bytes, not a re-encoding */
    free(kept);
    free(changed);
    free(rev2);
}

/* Tokens: unknown (fake, made here), missing, for another SWV, revoked
 * while serving (tok_revoked is token 2). */
static void results_tokens(const struct tu_server *s, const char *key, const char *body,
                           const char *tok_revoked, const char *tok_other,
                           char fake[PC_TOKEN_SIZE])
{
    struct reply r;
    char *out = NULL, *err = NULL;
    struct pt_error why = {0};
    ck_assert_int_eq(pc_token_new(fake, &why), PT_OK);
    post(&r, s, fake, key, body);
    expect(&r, 401, "token");
    done(&r);
    post(&r, s, NULL, key, body);
    expect(&r, 401, "token");
    done(&r);
    post(&r, s, tok_other, key, body);
    expect(&r, 403, "token");
    ck_assert_ptr_nonnull(strstr(r.body, "niet voor de SWV"));
    done(&r);
    char *rev3 = body_replace("\"revision\": 1", "\"revision\": 3");
    post(&r, s, tok_revoked, "PT-PO2899-2014-1/3", rev3);
    expect(&r, 201, NULL);
    done(&r);
    const char *revoke[] = {"token", "revoke", "2", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, revoke), 0);
    free(out);
    free(err);
    char *rev4 = body_replace("\"revision\": 1", "\"revision\": 4");
    post(&r, s, tok_revoked, "PT-PO2899-2014-1/4", rev4);
    expect(&r, 401, "token");
    done(&r);
    free(rev3);
    free(rev4);
}

/* Refused bodies: size, syntax, format, schema (no pupil text echoed). */
static void results_bad_bodies(const struct tu_server *s, const char *tok, const char *key,
                               const char *body)
{
    struct reply r;
    struct pt_buf big = {0};
    pt_buf_adds(&big, body);
    while (big.len <= 8192)
        pt_buf_adds(&big, "          ");
    post(&r, s, tok, key, big.data);
    expect(&r, 413, "too_large");
    done(&r);
    post(&r, s, tok, key, "{\"format\": ");
    expect(&r, 400, "malformed_json");
    done(&r);
    char *v2 = body_replace("praktijktoets-submission/2", "praktijktoets-submission/1");
    post(&r, s, tok, key, v2);
    expect(&r, 422, "format");
    done(&r);
    char *smuggle = body_replace("\"verdict\": \"niet-klaar\",",
                                 "\"verdict\": \"niet-klaar\", \"naam\": \"Jan Jansen\",");
    post(&r, s, tok, key, smuggle);
    expect(&r, 422, "invalid");
    ck_assert_ptr_nonnull(strstr(r.body, "naam: onbekend veld"));
    ck_assert_ptr_null(strstr(r.body, "Jansen"));
    done(&r);
    /* \u0000 ends the string for cJSON; what follows must not be stored */
    char *nul = body_replace("\"verdict\": \"niet-klaar\",",
                             "\"verdict\": \"niet-klaar\\u0000Jan Jansen, 123456782\",");
    post(&r, s, tok, key, nul);
    expect(&r, 422, "invalid");
    ck_assert_ptr_nonnull(strstr(r.body, "\\u0000"));
    ck_assert_ptr_null(strstr(r.body, "Jansen"));
    done(&r);
    free(nul);
    char *wrongtype = body_replace("\"score\": 3.5,", "\"score\": \"3.5\",");
    post(&r, s, tok, key, wrongtype);
    expect(&r, 422, "invalid");
    ck_assert_ptr_nonnull(strstr(r.body, "cases[0].criteria[0].score: moet een getal"));
    done(&r);
    pt_buf_free(&big);
    free(v2);
    free(smuggle);
    free(wrongtype);
}

START_TEST(e2e_results_store_once_per_key)
{
    struct tu_server s;
    struct reply r;
    char *tok = token_for("PO 28-99");
    char *tok_revoked = token_for("PO-28-99");
    char *tok_other = token_for("PO 27-01");
    char *body = fixture();
    const char *key = "PT-PO2899-2014-1/1";
    const char *extra[] = {"--max-body", "8192", NULL};
    char fake[PC_TOKEN_SIZE];
    tu_server_start(&s, db, tmp, extra);
    healthy(&s);

    results_once_per_key(&s, tok, key, body);
    results_tokens(&s, key, body, tok_revoked, tok_other, fake);
    /* size, syntax, format, schema, Idempotency-Key */
    results_bad_bodies(&s, tok, key, body);
    post(&r, &s, tok, NULL, body);
    expect(&r, 422, "idempotency_key");
    done(&r);
    post(&r, &s, tok, "PT-PO2899-2014-1/9", body);
    expect(&r, 422, "idempotency_key");
    done(&r);

    /* routes */
    get(&r, &s, "/v1/results", tok);
    expect(&r, 405, "method_not_allowed");
    done(&r);
    get(&r, &s, "/v1/nergens", tok);
    expect(&r, 404, "not_found");
    done(&r);
    healthy(&s);

    char *log = tu_server_stop(&s);
    ck_assert_ptr_nonnull(log);
    ck_assert_ptr_nonnull(strstr(log, "POST /v1/results 201"));
    ck_assert_ptr_null(strstr(log, "ptk_"));
    ck_assert_ptr_null(strstr(log, tok + 4));
    ck_assert_ptr_null(strstr(log, fake + 4));
    ck_assert_ptr_null(strstr(log, "Jansen"));
    free(log);
    free(body);
    free(tok);
    free(tok_revoked);
    free(tok_other);
}
END_TEST

static int raw_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static void raw_send(int fd, const char *text, size_t len)
{
    ck_assert_int_eq(send(fd, text, len, MSG_NOSIGNAL), (ssize_t)len);
}

/* Waits up to ms for the server to close fd (EOF or reset); true if it did.
 * What the server sent before closing is put in got (may be NULL). */
static bool closed_within(int fd, int ms, char *got, size_t size)
{
    size_t have = 0;
    if (got)
        got[0] = '\0';
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int n = poll(&p, 1, ms);
        if (n <= 0)
            return false;
        char buf[1024];
        ssize_t k = recv(fd, buf, sizeof buf, 0);
        if (k <= 0)
            return true;
        if (got && have + 1 < size) {
            size_t take = (size_t)k < size - 1 - have ? (size_t)k : size - 1 - have;
            memcpy(got + have, buf, take);
            have += take;
            got[have] = '\0';
        }
    }
}

/* A slow client (half a request), garbage instead of HTTP and headers far
 * beyond the head limit: each closed, the server healthy after each. */
static void bad_clients_slow_garbage_long(const struct tu_server *s)
{
    char got[2048];
    /* a slow client (half a request) does not block others, and is cut
     * off after the timeout */
    int slow = raw_connect(s->port);
    const char partial[] = "POST /v1/results HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{";
    raw_send(slow, partial, sizeof partial - 1);
    healthy(s);
    ck_assert_msg(closed_within(slow, 10000, NULL, 0), "idle connection kept past the timeout");
    close(slow);

    /* garbage instead of HTTP */
    int g = raw_connect(s->port);
    const char garbage[] = "\x01\x02 nonsense \xff\r\n\r\n";
    raw_send(g, garbage, sizeof garbage - 1);
    ck_assert(closed_within(g, 10000, got, sizeof got));
    close(g);
    healthy(s);

    /* headers far beyond the head limit (once MHD's per-connection memory) */
    int h = raw_connect(s->port);
    struct pt_buf hb = {0};
    pt_buf_adds(&hb, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: ");
    for (int i = 0; i < 64 * 1024; i++)
        pt_buf_addc(&hb, 'a');
    pt_buf_adds(&hb, "\r\n\r\n");
    send(h, hb.data, hb.len, MSG_NOSIGNAL);   /* may be cut off midway */
    ck_assert(closed_within(h, 10000, got, sizeof got));
    close(h);
    pt_buf_free(&hb);
    healthy(s);
}

/* Bodies over --max-body: announced (refused before it is read) and
 * chunked (413 once past the limit). */
static void bad_clients_oversized(const struct tu_server *s, const char *tok)
{
    char got[2048];
    /* an announced oversized body is refused before it is read */
    int big = raw_connect(s->port);
    char head[256];
    int n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                     "Authorization: Bearer %s\r\nContent-Length: 100000000\r\n\r\n", tok);
    raw_send(big, head, (size_t)n);
    ck_assert(closed_within(big, 10000, got, sizeof got));
    ck_assert_msg(strncmp(got, "HTTP/1.1 413", 12) == 0, "reply: %.40s", got);
    close(big);

    /* a chunked body that passes the limit: 413, nothing buffered beyond it */
    int ch = raw_connect(s->port);
    n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n", tok);
    raw_send(ch, head, (size_t)n);
    char chunk[1100];
    memset(chunk, ' ', sizeof chunk);
    memcpy(chunk, "400\r\n", 5);
    memcpy(chunk + 5 + 0x400, "\r\n", 2);
    for (int i = 0; i < 6; i++)
        raw_send(ch, chunk, 5 + 0x400 + 2);
    raw_send(ch, "0\r\n\r\n", 5);
    ck_assert(closed_within(ch, 10000, got, sizeof got) || strstr(got, "413"));
    ck_assert_msg(strncmp(got, "HTTP/1.1 413", 12) == 0, "reply: %.40s", got);
    close(ch);
}

/* The connection limit: with 2 held open a third is not served (issue
 * 14: it gets a JSON 503 "busy" at once and is closed; under MHD it
 * waited in the listen queue), and it is served again once they close. */
static void connection_limit_holds(void)
{
    struct tu_server s;
    struct reply r;
    const char *limit[] = {"--max-connections", "2", NULL};
    tu_server_start(&s, db, tmp, limit);
    int c1 = raw_connect(s.port), c2 = raw_connect(s.port);
    http_timeout = 1;
    get(&r, &s, "/healthz", NULL);
    http_timeout = 20;
    expect(&r, 503, "busy");
    done(&r);
    close(c1);
    close(c2);
    bool back = false;
    for (int i = 0; i < 100 && !back; i++) {
        get(&r, &s, "/healthz", NULL);
        back = r.cc == CURLE_OK && r.status == 200;
        done(&r);
        if (!back)
            usleep(50000);
    }
    ck_assert_msg(back, "not serving again after the held connections closed");
    free(tu_server_stop(&s));
}

START_TEST(e2e_robust_against_bad_clients)
{
    struct tu_server s;
    struct reply r;
    char *tok = token_for("PO 28-99");
    const char *extra[] = {"--timeout", "1", "--max-body", "4096", NULL};
    tu_server_start(&s, db, tmp, extra);
    bad_clients_slow_garbage_long(&s);
    bad_clients_oversized(&s, tok);

    /* and still serving, with the token intact */
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid@1", tok);
    expect(&r, 200, NULL);
    done(&r);
    healthy(&s);
    char *log = tu_server_stop(&s);
    ck_assert_ptr_null(strstr(log, tok + 4));
    free(log);

    connection_limit_holds();
    free(tok);
}
END_TEST

/* A small body for the benchmark (caller frees): scores as JSON text. */
static char *bench_body(const char *swv, const char *assessment, int revision,
                        const char *date, int version, const char *overall,
                        const char *d1, const char *d2)
{
    struct pt_buf b = {0};
    pt_buf_printf(&b,
        "{\"format\":\"praktijktoets-submission/2\",\"assessment\":\"%s\",\"revision\":%d,"
        "\"submitted_at\":\"2026-11-23T11:30:00Z\",\"swv\":\"%s\",\"date\":\"%s\","
        "\"purpose\":\"leerinstrument\",\"rubric\":{\"id\":\"po-gereedheid\",\"version\":%d,"
        "\"scale\":{\"min\":1,\"max\":4}},"
        "\"team\":{\"size\":2,\"complete\":false,\"roles\":{\"ouders\":1,\"personeel\":1}},"
        "\"overall\":{\"score\":%s,\"percent\":null},\"verdict\":\"geen-oordeel\","
        "\"complete\":false,\"domains\":[{\"id\":\"ondersteuning\",\"score\":%s,\"cases\":1},"
        "{\"id\":\"samenwerking\",\"score\":%s,\"cases\":1}],\"cases\":[],"
        "\"critical_findings\":[],\"reliability\":{\"alpha_interval\":null,"
        "\"alpha_ordinal\":null,\"units\":0,\"interpretation\":null},\"perspectives\":[]}",
        assessment, revision, swv, date, version, overall, d1, d2);
    return pt_buf_detach(&b);
}

/* Posts a bench_body for swv with a new token; expects status (and code). */
static void submit_as(const struct tu_server *s, const char *swv, const char *assessment,
                      int revision, const char *date, int version, const char *overall,
                      const char *d1, const char *d2, long status, const char *code)
{
    struct reply r;
    char key[128];
    char *tok = token_for(swv);
    char *body = bench_body(swv, assessment, revision, date, version, overall, d1, d2);
    snprintf(key, sizeof key, "%s/%d", assessment, revision);
    post(&r, s, tok, key, body);
    expect(&r, status, code);
    done(&r);
    free(body);
    free(tok);
}

static void submit(const struct tu_server *s, const char *swv, const char *assessment,
                   int revision, const char *date, int version, const char *overall,
                   const char *d1, const char *d2)
{
    submit_as(s, swv, assessment, revision, date, version, overall, d1, d2, 201, NULL);
}

/* The keys of a distribution are exactly count, q1, median, q3. */
static void only_quartiles(const cJSON *d)
{
    int n = 0;
    for (const cJSON *k = d->child; k; k = k->next, n++)
        ck_assert_msg(strcmp(k->string, "id") == 0 || strcmp(k->string, "count") == 0 ||
                      strcmp(k->string, "q1") == 0 || strcmp(k->string, "median") == 0 ||
                      strcmp(k->string, "q3") == 0, "key %s in the benchmark", k->string);
    ck_assert_int_ge(n, 4);
}

/* Exact-k: with 2 … 9 SWVs the answer holds counts only, never a value. */
static void benchmark_counts_only_below_ten(const struct tu_server *s, const char *tok,
                                            const char *path)
{
    struct reply r;
    char swv[24], id[16];
    for (int i = 2; i <= 9; i++) {
        snprintf(swv, sizeof swv, "PO 20-%02d", i);
        snprintf(id, sizeof id, "S-%d", i);
        char overall[8];
        snprintf(overall, sizeof overall, "%.1f", 1.0 + 0.3 * i);
        submit(s, swv, id, 1, "2014-06-01", 1, overall, "2.5", i == 9 ? "null" : "3.0");
        get(&r, s, path, tok);
        expect(&r, 200, NULL);
        cJSON *j = cJSON_Parse(r.body);
        cJSON *o = cJSON_GetObjectItemCaseSensitive(j, "overall");
        only_quartiles(o);
        ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(j, "swvs")->valueint, i);
        ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(o, "count")->valueint, i);
        ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "median")));
        cJSON_Delete(j);
        done(&r);
    }
}

/* The two-answer solve: scores far off the scale, a date far ahead, a
 * scale of one's own: all refused, nothing stored. */
static void benchmark_refuses_solves(const struct tu_server *s)
{
    struct reply r;
    submit_as(s, "PO 20-02", "S-2", 2, "2014-06-02", 1, "-1e9", "2.5", "3.0", 422, "invalid");
    submit_as(s, "PO 20-02", "S-2", 3, "2014-06-03", 1, "1e9", "2.5", "3.0", 422, "invalid");
    submit_as(s, "PO 20-02", "S-2", 4, "9999-12-31", 1, "4.0", "2.5", "3.0", 422, "invalid");
    submit_as(s, "PO 20-02", "S-2", 5, "2013-12-31", 1, "4.0", "2.5", "3.0", 422, "invalid");
    char *other_scale = bench_body("PO 20-02", "S-2", 6, "2014-06-04", 1, "2.0", "2.5", "3.0");
    char *p = strstr(other_scale, "\"max\":4}");
    memcpy(p, "\"max\":5}", 8);
    char *tok2 = token_for("PO 20-02");
    post(&r, s, tok2, "S-2/6", other_scale);
    expect(&r, 409, "scale");
    done(&r);
    free(tok2);
    free(other_scale);
}

/* The tenth SWV: quartiles appear, one decimal, never min or max. */
static void benchmark_quartiles_at_ten(const struct tu_server *s, const char *tok,
                                       const char *path)
{
    struct reply r;
    submit(s, "PO 20-10", "S-10", 1, "2014-06-01", 1, "4.0", "2.5", "3.0");
    get(&r, s, path, tok);
    expect(&r, 200, NULL);
    /* overall 1.6 1.9 2.0 2.2 2.5 2.8 3.1 3.4 3.7 4.0 (PO 20-01 at 2.0):
     * q1 h 2.25 → 2.0 + 0.25·0.2 = 2.05 → 2.1 (2.05 is 2.04999… in binary:
     * 2.0), median h 4.5 → 2.65 → 2.7 (2.6499… → 2.6), q3 h 6.75 →
     * 3.1 + 0.75·0.3 = 3.325 → 3.3 */
    cJSON *j = cJSON_Parse(r.body);
    cJSON *o = cJSON_GetObjectItemCaseSensitive(j, "overall");
    only_quartiles(o);
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(o, "count")->valueint, 10);
    double q1 = cJSON_GetObjectItemCaseSensitive(o, "q1")->valuedouble;
    double med = cJSON_GetObjectItemCaseSensitive(o, "median")->valuedouble;
    double q3 = cJSON_GetObjectItemCaseSensitive(o, "q3")->valuedouble;
    ck_assert_msg(fabs(q1 * 10 - round(q1 * 10)) < 1e-9, "q1 %g has one decimal", q1);
    ck_assert_msg(fabs(q1 - 2.05) < 0.051 && fabs(med - 2.65) < 0.051 && fabs(q3 - 3.3) < 1e-9,
                  "%s", r.body);
    cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "domains"), 1);
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(d, "id")->valuestring, "samenwerking");
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(d, "count")->valueint, 9);
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(d, "q1")));
    ck_assert_ptr_null(strstr(r.body, "min"));
    ck_assert_ptr_null(strstr(r.body, "max"));
    cJSON_Delete(j);
    done(&r);
}

START_TEST(e2e_benchmark_reveals_no_swv)
{
    struct tu_server s;
    struct reply r;
    char *tok = token_for("VO 99-99");   /* any SWV's token may read */
    const char *extra[] = {"--snapshot-interval", "0", NULL};
    tu_server_start(&s, db, tmp, extra);
    const char *path = "/v1/benchmark?rubric=po-gereedheid@1";

    /* PO 20-01: a later revision and an earlier assessment sent later;
     * the latest is the highest date, then revision: overall 2.0 */
    submit(&s, "PO 20-01", "A-2015", 1, "2015-05-21", 1, "1.1", "1.0", "1.0");
    submit(&s, "PO 20-01", "A-2015", 2, "2015-05-21", 1, "2.0", "3.1", "2.0");
    submit(&s, "PO 20-01", "A-2014", 1, "2014-01-10", 1, "3.9", "3.9", "3.9");
    /* another version of the rubric does not count */
    submit(&s, "PO 20-99", "X-2014", 1, "2014-06-02", 2, "3.9", "3.9", "3.9");
    benchmark_counts_only_below_ten(&s, tok, path);
    benchmark_refuses_solves(&s);
    benchmark_quartiles_at_ten(&s, tok, path);

    /* other version: counts only; bad parameter; no token */
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid@2", tok);
    expect(&r, 200, NULL);
    ck_assert_ptr_nonnull(strstr(r.body, "\"swvs\":1,"));
    ck_assert_ptr_nonnull(strstr(r.body, "\"q1\":null"));
    done(&r);
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid", tok);
    expect(&r, 400, "rubric");
    done(&r);
    get(&r, &s, path, NULL);
    expect(&r, 401, "token");
    done(&r);
    free(tu_server_stop(&s));
    free(tok);
}
END_TEST

/* Before/after differencing: what is published comes from a snapshot kept
 * in the database, so a submission does not move it until the interval is
 * over, also for a second receiver on the same database. */
START_TEST(e2e_benchmark_snapshot_defeats_differencing)
{
    struct tu_server s, s2;
    struct reply before, after, other;
    char swv[24], id[16];
    char *tok = token_for("VO 99-99");
    const char *extra[] = {"--snapshot-interval", "3600", NULL};
    const char *path = "/v1/benchmark?rubric=po-gereedheid@1";
    tu_server_start(&s, db, tmp, extra);
    for (int i = 1; i <= 10; i++) {
        snprintf(swv, sizeof swv, "PO 21-%02d", i);
        snprintf(id, sizeof id, "T-%d", i);
        submit(&s, swv, id, 1, "2014-06-01", 1, i % 2 ? "2.0" : "3.0", "2.5", "3.0");
    }
    get(&before, &s, path, tok);
    expect(&before, 200, NULL);
    /* the attacker's eleventh SWV, and a move of another one's result */
    submit(&s, "PO 21-11", "T-11", 1, "2014-06-01", 1, "4.0", "4.0", "4.0");
    submit(&s, "PO 21-01", "T-1", 2, "2014-06-02", 1, "4.0", "4.0", "4.0");
    get(&after, &s, path, tok);
    expect(&after, 200, NULL);
    ck_assert_str_eq(after.body, before.body);
    ck_assert_ptr_nonnull(strstr(after.body, "\"swvs\":10,"));
    free(tu_server_stop(&s));
    /* a second receiver on the same database publishes the same snapshot */
    tu_server_start(&s2, db, tmp, extra);
    get(&other, &s2, path, tok);
    expect(&other, 200, NULL);
    ck_assert_str_eq(other.body, before.body);
    free(tu_server_stop(&s2));
    /* with the interval over (0), the new figures appear */
    const char *now[] = {"--snapshot-interval", "0", NULL};
    tu_server_start(&s2, db, tmp, now);
    done(&other);
    get(&other, &s2, path, tok);
    expect(&other, 200, NULL);
    ck_assert_ptr_nonnull(strstr(other.body, "\"swvs\":11,"));
    free(tu_server_stop(&s2));
    done(&before);
    done(&after);
    done(&other);
    free(tok);
}
END_TEST

/* One token cannot flood the service: a rate per token (429 with
 * Retry-After, checked before the body is read) and a cap per SWV per day. */
START_TEST(e2e_token_flood_is_limited)
{
    struct tu_server s;
    struct reply r;
    char key[64];
    char *tok = token_for("PO 22-01");
    const char *extra[] = {"--rate-limit", "5", "--daily-cap", "3", NULL};
    tu_server_start(&s, db, tmp, extra);
    for (int i = 1; i <= 5; i++) {
        char *body = bench_body("PO 22-01", "F-1", i, "2014-06-01", 1, "2.0", "2.0", "2.0");
        snprintf(key, sizeof key, "F-1/%d", i);
        post(&r, &s, tok, key, body);
        if (i <= 3) {
            expect(&r, 201, NULL);
        } else {
            /* the fourth and fifth of the day: the daily cap */
            expect(&r, 429, "daily_cap");
            long secs = strtol(r.retry_after, NULL, 10);
            ck_assert_msg(secs >= 1 && secs <= 86400, "Retry-After %s", r.retry_after);
        }
        done(&r);
        free(body);
    }
    /* the sixth request of the minute: the rate, before any body */
    post(&r, &s, tok, "F-1/6", "{}");
    expect(&r, 429, "rate_limit");
    long secs = strtol(r.retry_after, NULL, 10);
    ck_assert_msg(secs >= 1 && secs <= 60, "Retry-After %s", r.retry_after);
    done(&r);
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid@1", tok);
    expect(&r, 429, "rate_limit");
    done(&r);
    /* another token is not affected */
    char *tok2 = token_for("PO 22-02");
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid@1", tok2);
    expect(&r, 200, NULL);
    done(&r);
    healthy(&s);
    free(tu_server_stop(&s));
    /* nothing beyond the cap was stored */
    ck_assert_int_eq(tdb_count(db, "SELECT count(*) FROM submission WHERE swv = 'PO 22-01'"),
                     3);
    free(tok);
    free(tok2);
}
END_TEST

/* Connects to 127.0.0.1:port from source address src (any 127/8). */
static int raw_connect_from(int port, const char *src)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in me = {.sin_family = AF_INET};
    ck_assert_int_eq(inet_pton(AF_INET, src, &me.sin_addr), 1);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

/* Sends a raw request; the server must answer 400 with a JSON "framing"
 * error and close the connection at once (within 2 s), answering nothing
 * else (no smuggled second request). */
static void framing_refused(int port, const char *req, size_t len)
{
    char got[4096];
    int fd = raw_connect(port);
    send(fd, req, len, MSG_NOSIGNAL);
    ck_assert_msg(closed_within(fd, 2000, got, sizeof got), "kept open: %s", got);
    close(fd);
    ck_assert_msg(strncmp(got, "HTTP/1.1 400 ", 13) == 0, "reply: %s", got);
    ck_assert_ptr_nonnull(strstr(got, "Connection: close"));
    ck_assert_ptr_null(strstr(strstr(got, "\r\n\r\n"), "HTTP/1.1"));   /* one answer */
    ck_assert_msg(strstr(got, "Content-Type: application/json") != NULL, "reply: %s", got);
    ck_assert_ptr_nonnull(strstr(got, "{\"error\":\"framing\""));
}

START_TEST(e2e_framing_is_strict)
{
    struct tu_server s;
    char got[4096], req[1024];
    char *tok = token_for("PO 28-99");
    tu_server_start(&s, db, tmp, NULL);
    int n;

    /* Content-Length with chunked, a request hidden after the last chunk */
    n = snprintf(req, sizeof req, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nContent-Length: 5\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                 "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", tok);
    framing_refused(s.port, req, (size_t)n);
    /* two different Content-Lengths */
    n = snprintf(req, sizeof req, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
                 tok);
    framing_refused(s.port, req, (size_t)n);
    /* an unknown transfer coding: an answer at once, not after a timeout */
    n = snprintf(req, sizeof req, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: gzip\r\n\r\nabc");
    framing_refused(s.port, req, (size_t)n);
    n = snprintf(req, sizeof req, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
    framing_refused(s.port, req, (size_t)n);
    /* a NUL inside the Authorization header, a header name, the path */
    static const char nul_auth[] = "GET /v1/benchmark?rubric=a@1 HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer ptk_0\0abc\r\n\r\n";
    framing_refused(s.port, nul_auth, sizeof nul_auth - 1);
    static const char nul_name[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A\0b: c\r\n\r\n";
    framing_refused(s.port, nul_name, sizeof nul_name - 1);   /* issue 14: JSON too */
    static const char nul_path[] = "GET /healthz\0/../v1 HTTP/1.1\r\nHost: x\r\n\r\n";
    framing_refused(s.port, nul_path, sizeof nul_path - 1);
    static const char nul_path2[] = "GET /healthz\0HTTP/1.1 HTTP/1.1\r\nHost: x\r\n\r\n";
    framing_refused(s.port, nul_path2, sizeof nul_path2 - 1);

    /* the token is checked before the body is read: a 401 comes while the
     * announced body has not been sent */
    int fd = raw_connect(s.port);
    n = snprintf(req, sizeof req, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer ptk_%064d\r\nContent-Length: 50000\r\n\r\n", 7);
    raw_send(fd, req, (size_t)n);
    ck_assert(closed_within(fd, 2000, got, sizeof got));
    ck_assert_msg(strncmp(got, "HTTP/1.1 401 ", 13) == 0, "reply: %s", got);
    ck_assert_ptr_nonnull(strstr(got, "{\"error\":\"token\""));
    close(fd);

    /* a large head gets our JSON 431, not MHD's HTML */
    struct pt_buf hb = {0};
    pt_buf_adds(&hb, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: ");
    for (int i = 0; i < 20000; i++)
        pt_buf_addc(&hb, 'a');
    pt_buf_adds(&hb, "\r\n\r\n");
    fd = raw_connect(s.port);
    raw_send(fd, hb.data, hb.len);
    ck_assert(closed_within(fd, 2000, got, sizeof got));
    ck_assert_msg(strncmp(got, "HTTP/1.1 431 ", 13) == 0, "reply: %s", got);
    ck_assert_ptr_nonnull(strstr(got, "{\"error\":\"header_too_large\""));
    close(fd);
    pt_buf_free(&hb);

    /* keep-alive still works for well-framed requests */
    fd = raw_connect(s.port);
    static const char two[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                              "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    raw_send(fd, two, sizeof two - 1);
    ck_assert(closed_within(fd, 2000, got, sizeof got));
    ck_assert_ptr_nonnull(strstr(strstr(got, "{\"status\":\"ok\"}") + 1, "{\"status\":\"ok\"}"));
    close(fd);
    healthy(&s);
    free(tu_server_stop(&s));
    free(tok);
}
END_TEST

/* ---- issue 14: every error is JSON, on the receiver's own server ------- */

/* The answer starting at got is status with a JSON {"error": code, "message"}
 * body, Content-Type application/json, and Connection: close. */
static void json_refusal(const char *got, int status, const char *code)
{
    char line[32];
    snprintf(line, sizeof line, "HTTP/1.1 %d ", status);
    ck_assert_msg(strncmp(got, line, strlen(line)) == 0, "want %d %s, reply: %s", status, code,
                  got);
    const char *end = strstr(got, "\r\n\r\n");
    ck_assert_ptr_nonnull(end);
    ck_assert_msg(strstr(got, "\r\nContent-Type: application/json\r\n") != NULL &&
                  strstr(got, "\r\nContent-Type: application/json\r\n") < end, "reply: %s", got);
    ck_assert_msg(strstr(got, "\r\nConnection: close\r\n") != NULL &&
                  strstr(got, "\r\nConnection: close\r\n") < end, "reply: %s", got);
    cJSON *j = cJSON_Parse(end + 4);
    ck_assert_msg(j != NULL, "not JSON: %s", end + 4);
    cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "error");
    cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "message");
    ck_assert_msg(cJSON_IsString(e) && strcmp(e->valuestring, code) == 0, "error %s, want %s",
                  end + 4, code);
    ck_assert(cJSON_IsString(m) && m->valuestring[0]);
    cJSON_Delete(j);
}

/* Sends req on a new connection (after `good` answers when good is set:
 * a keep-alive follow-up); the server answers status/code in JSON and
 * closes within 2 s. */
static void refused_json(int port, const char *good, const char *req, size_t len, int status,
                         const char *code)
{
    static char got[65536];
    int fd = raw_connect(port);
    if (good)
        raw_send(fd, good, strlen(good));
    send(fd, req, len, MSG_NOSIGNAL);   /* a long head may be cut off midway */
    ck_assert_msg(closed_within(fd, 2000, got, sizeof got), "kept open: %s", got);
    close(fd);
    const char *answer = got;
    if (good) {
        ck_assert_msg(strncmp(got, "HTTP/1.1 200 ", 13) == 0, "first reply: %s", got);
        answer = strstr(got + 1, "HTTP/1.1 ");
        ck_assert_msg(answer != NULL, "no second answer: %s", got);
        const char *close_ = strstr(got, "Connection: close");
        ck_assert(close_ > answer);   /* the first one kept the connection alive */
    }
    json_refusal(answer, status, code);
}

START_TEST(e2e_every_error_is_json)
{
    struct tu_server s;
    tu_server_start(&s, db, tmp, NULL);
    static const char nul_name[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A\0b: c\r\n\r\n";
    static const char nul_value[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\0c\r\n\r\n";
    static const struct {
        const char *req;
        size_t len;
        int status;
        const char *code;
    } cases[] = {
        {"GET /healthz\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"GET  /healthz  HTTP/1.1\r\nHost: x\r\n\r\n", 0, 400, "request_line"},
        {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-No-Colon\r\n\r\n", 0, 400, "header_syntax"},
        {nul_name, sizeof nul_name - 1, 400, "framing"},
        {nul_value, sizeof nul_value - 1, 400, "framing"},
        {"GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n", 0, 400, "header_syntax"},
        {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n", 0, 400, "header_syntax"},
        {"GET /healthz HTTP/1.1\r\n\r\n", 0, 400, "host"},
        {"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", 0, 505, "http_version"},
        {"GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n", 0, 505, "http_version"},
        {"GET /healthz HTTP/1.1\nHost: x\n\n", 0, 400, "line_end"},
        {"POST /v1/results HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 0, 417,
         "expectation"},
    };
    static const char good[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].req);
        refused_json(s.port, NULL, cases[i].req, len, cases[i].status, cases[i].code);
        /* the same as a keep-alive follow-up after a good request */
        refused_json(s.port, good, cases[i].req, len, cases[i].status, cases[i].code);
    }
    /* a head over the limit: 431, alone and as a follow-up */
    struct pt_buf hb = {0};
    pt_buf_adds(&hb, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: ");
    for (int i = 0; i < 20000; i++)
        pt_buf_addc(&hb, 'a');
    pt_buf_adds(&hb, "\r\n\r\n");
    refused_json(s.port, NULL, hb.data, hb.len, 431, "header_too_large");
    refused_json(s.port, good, hb.data, hb.len, 431, "header_too_large");
    pt_buf_free(&hb);
    /* 101 header fields: 431 too */
    pt_buf_adds(&hb, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100; i++) {
        char f[32];
        snprintf(f, sizeof f, "X-%d: y\r\n", i);
        pt_buf_adds(&hb, f);
    }
    pt_buf_adds(&hb, "\r\n");
    refused_json(s.port, NULL, hb.data, hb.len, 431, "header_too_large");
    pt_buf_free(&hb);
    /* and the server is fine */
    healthy(&s);
    char *log = tu_server_stop(&s);
    ck_assert_ptr_nonnull(strstr(log, "verzoek geweigerd: 505 http_version"));
    free(log);
}
END_TEST

/* Reads from fd until needle has come (true) or ms passed; got holds it. */
static bool read_until(int fd, const char *needle, int ms, char *got, size_t size)
{
    size_t have = 0;
    got[0] = '\0';
    while (!strstr(got, needle)) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, ms) <= 0)
            return false;
        ssize_t k = recv(fd, got + have, size - 1 - have, 0);
        if (k <= 0)
            return strstr(got, needle) != NULL;
        have += (size_t)k;
        got[have] = '\0';
    }
    return true;
}

/* A chunked encoding of body in pieces of n bytes. */
static void chunked(struct pt_buf *b, const char *body, size_t n)
{
    size_t len = strlen(body);
    for (size_t at = 0; at < len; at += n) {
        size_t k = len - at < n ? len - at : n;
        char size[32];
        snprintf(size, sizeof size, "%zx\r\n", k);
        pt_buf_adds(b, size);
        pt_buf_add(b, body + at, k);
        pt_buf_adds(b, "\r\n");
    }
    pt_buf_adds(b, "0\r\n\r\n");
}

/* Expect: 100-continue: with a bad token 401 at once, no 100, the body
 * unread; with a good one 100 first, then the body, then 201. */
static void continue_answers(const struct tu_server *s, const char *tok, const char *key,
                             const char *body)
{
    static char got[65536];
    char head[512];
    /* 100-continue with a bad token: 401 at once, no 100, the body unread */
    int fd = raw_connect(s->port);
    int n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                     "Authorization: Bearer ptk_%064d\r\nContent-Length: 5000\r\n"
                     "Expect: 100-continue\r\n\r\n", 7);
    raw_send(fd, head, (size_t)n);
    ck_assert(closed_within(fd, 2000, got, sizeof got));
    ck_assert_ptr_null(strstr(got, "100 Continue"));
    json_refusal(got, 401, "token");
    close(fd);

    /* 100-continue with a good token: 100 first, then the body, then 201 */
    fd = raw_connect(s->port);
    n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nIdempotency-Key: %s\r\nContent-Length: %zu\r\n"
                 "Expect: 100-continue\r\n\r\n", tok, key, strlen(body));
    raw_send(fd, head, (size_t)n);
    ck_assert_msg(read_until(fd, "\r\n\r\n", 2000, got, sizeof got), "no 100: %s", got);
    ck_assert_str_eq(got, "HTTP/1.1 100 Continue\r\n\r\n");
    raw_send(fd, body, strlen(body));
    ck_assert_msg(read_until(fd, "\"stored\"", 5000, got, sizeof got), "reply: %s", got);
    ck_assert_msg(strncmp(got, "HTTP/1.1 201 ", 13) == 0, "reply: %s", got);
    close(fd);
}

/* Chunked bodies: stored as sent; malformed 400; over --max-body 413 (as
 * announced and as the chunks add up); nothing else stored. body2 is the
 * fixture at revision 2 (stored under .../2). */
static void chunked_bodies(const struct tu_server *s, const char *tok, const char *body2)
{
    static char got[65536];
    char head[512];
    /* a chunked body (revision 2), in pieces of 100 bytes: stored as sent */
    struct pt_buf b = {0};
    int n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nIdempotency-Key: PT-PO2899-2014-1/2\r\n"
                 "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", tok);
    pt_buf_add(&b, head, (size_t)n);
    chunked(&b, body2, 100);
    int fd = raw_connect(s->port);
    raw_send(fd, b.data, b.len);
    ck_assert(closed_within(fd, 5000, got, sizeof got));
    ck_assert_msg(strncmp(got, "HTTP/1.1 201 ", 13) == 0, "reply: %s", got);
    close(fd);
    char *stored = stored_body("PT-PO2899-2014-1/2");
    ck_assert_str_eq(stored, body2);
    free(stored);
    pt_buf_free(&b);

    /* a malformed chunked body: 400 "chunked", nothing stored */
    n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nIdempotency-Key: PT-PO2899-2014-1/3\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":1}\r\n0\r\n\r\n", tok);
    refused_json(s->port, NULL, head, (size_t)n, 400, "chunked");
    /* a chunked body over --max-body: 413 when the chunk is announced */
    n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "10000\r\n{", tok);
    refused_json(s->port, NULL, head, (size_t)n, 413, "too_large");
    /* ... and when the chunks together pass it */
    b = (struct pt_buf){0};
    n = snprintf(head, sizeof head, "POST /v1/results HTTP/1.1\r\nHost: x\r\n"
                 "Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n", tok);
    pt_buf_add(&b, head, (size_t)n);
    for (int i = 0; i < 9; i++) {
        pt_buf_adds(&b, "400\r\n");
        for (int k = 0; k < 0x400; k++)
            pt_buf_addc(&b, ' ');
        pt_buf_adds(&b, "\r\n");
    }
    refused_json(s->port, NULL, b.data, b.len, 413, "too_large");
    pt_buf_free(&b);
    char *count = tdb_value(db, "SELECT count(*) FROM submission", NULL);
    ck_assert_str_eq(count, "2");
    free(count);
}

/* Connection ends: 408 for a request not whole in --timeout, an idle
 * keep-alive closed silently, HTTP/1.0 closed after its answer,
 * pipelined requests answered in order until a 404 closes. */
static void timeouts_and_closing(const struct tu_server *s)
{
    static char got[65536];
    /* a request that does not arrive whole in --timeout: 408, closed */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int fd = raw_connect(s->port);
    raw_send(fd, "GET /healthz HTTP/1.1\r\nHo", 25);
    ck_assert(closed_within(fd, 5000, got, sizeof got));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(fd);
    json_refusal(got, 408, "timeout");
    ck_assert(t1.tv_sec - t0.tv_sec >= 1);
    /* an idle keep-alive connection is closed after --timeout, silently */
    fd = raw_connect(s->port);
    raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 34);
    ck_assert(read_until(fd, "{\"status\":\"ok\"}", 2000, got, sizeof got));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert(closed_within(fd, 5000, got, sizeof got));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(fd);
    ck_assert_str_eq(got, "");
    ck_assert(t1.tv_sec - t0.tv_sec >= 1);
    /* HTTP/1.0 closes after its answer */
    fd = raw_connect(s->port);
    raw_send(fd, "GET /healthz HTTP/1.0\r\n\r\n", 25);
    ck_assert(closed_within(fd, 1000, got, sizeof got));
    close(fd);
    ck_assert_msg(strncmp(got, "HTTP/1.1 200 ", 13) == 0, "reply: %s", got);
    ck_assert_ptr_nonnull(strstr(got, "Connection: close"));
    /* pipelined: answered in order, the second's 404 closes */
    fd = raw_connect(s->port);
    static const char three[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /nergens HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    raw_send(fd, three, sizeof three - 1);
    ck_assert(closed_within(fd, 2000, got, sizeof got));
    close(fd);
    const char *second = strstr(got + 1, "HTTP/1.1 ");
    ck_assert_ptr_nonnull(second);
    json_refusal(second, 404, "not_found");
    ck_assert_ptr_null(strstr(second + 1, "HTTP/1.1 "));
}

START_TEST(e2e_bodies_timeouts_and_continue)
{
    struct tu_server s;
    char *tok = token_for("PO 28-99");
    char *body = fixture();
    const char *key = "PT-PO2899-2014-1/1";
    const char *extra[] = {"--timeout", "2", "--max-body", "8192", NULL};
    tu_server_start(&s, db, tmp, extra);

    continue_answers(&s, tok, key, body);
    char *body2 = body_replace("\"revision\": 1", "\"revision\": 2");
    chunked_bodies(&s, tok, body2);
    timeouts_and_closing(&s);
    healthy(&s);
    free(tu_server_stop(&s));
    free(body2);
    free(body);
    free(tok);
}
END_TEST

/* Slowloris: hundreds of slow connections from one address (127.0.0.2)
 * hold at most --max-per-address of the server's connections; a new client
 * (127.0.0.1) gets /healthz at once. */
START_TEST(e2e_slowloris_from_one_address)
{
    struct tu_server s;
    enum { SLOW = 300 };
    static int fds[SLOW];
    const char *extra[] = {"--timeout", "3", NULL};
    tu_server_start(&s, db, tmp, extra);
    for (int i = 0; i < SLOW; i++) {
        fds[i] = raw_connect_from(s.port, "127.0.0.2");
        raw_send(fds[i], "GET /healthz HTTP/1.1\r\nHo", 25);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long saved = http_timeout;
    http_timeout = 2;
    healthy(&s);
    http_timeout = saved;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* all but a few of the slow ones were closed at once */
    int open_ = 0;
    for (int i = 0; i < SLOW; i++)
        if (!closed_within(fds[i], i < 20 ? 200 : 0, NULL, 0))
            open_++;
    ck_assert_msg(open_ <= 8, "%d slow connections kept", open_);
    /* the few that were kept trickle a byte every 200 ms (which resets an
     * idle timeout): they are cut off anyway once their request has taken
     * longer than --timeout to arrive */
    int kept = 0;
    bool gone[SLOW] = {false};
    for (int round = 0; round < 40; round++) {   /* 8 s */
        kept = 0;
        for (int i = 0; i < SLOW; i++) {
            if (gone[i])
                continue;
            if (closed_within(fds[i], 0, NULL, 0)) {
                gone[i] = true;
                continue;
            }
            send(fds[i], "s", 1, MSG_NOSIGNAL);
            kept++;
        }
        if (!kept)
            break;
        struct timespec pause = {0, 200000000L};
        nanosleep(&pause, NULL);
    }
    for (int i = 0; i < SLOW; i++)
        close(fds[i]);
    ck_assert_int_eq(kept, 0);
    healthy(&s);
    /* issue 14: a connection over the per-address limit gets a JSON 503
     * "busy" (here one that sent nothing, so nothing unread resets it) */
    int quiet[9];
    for (int i = 0; i < 8; i++)
        quiet[i] = raw_connect_from(s.port, "127.0.0.3");
    usleep(200000);
    quiet[8] = raw_connect_from(s.port, "127.0.0.3");
    char got[2048];
    ck_assert(closed_within(quiet[8], 2000, got, sizeof got));
    json_refusal(got, 503, "busy");
    for (int i = 0; i < 9; i++)
        close(quiet[i]);
    free(tu_server_stop(&s));
    (void)t0;
    (void)t1;
}
END_TEST

/* issue 14: sends req (printf format) over TLS with openssl s_client and
 * checks the JSON refusal (after a 200 when follow_up). */
static void tls_refused(int port, const char *ca, const char *req, int status,
                        const char *code, bool follow_up)
{
    static char got[16384];
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "printf '%s' | timeout 10 openssl s_client -connect 127.0.0.1:%d "
             "-CAfile '%s' -verify_return_error -quiet 2>/dev/null", req, port, ca);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(got, 1, sizeof got - 1, p);
    got[n] = '\0';
    pclose(p);
    const char *answer = got;
    if (follow_up) {
        ck_assert_msg(strncmp(got, "HTTP/1.1 200 ", 13) == 0, "first reply: %s", got);
        answer = strstr(got + 1, "HTTP/1.1 ");
        ck_assert_msg(answer != NULL, "no second answer: %s", got);
    }
    json_refusal(answer, status, code);
}

START_TEST(e2e_tls_with_own_ca)
{
    struct tu_server s;
    struct reply r;
    char cmd[4096], ca[600], cert[600], key[600], url[128];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n"
             "basicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > san.ext && "
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-subj '/CN=praktijktoets test CA' -days 2 -keyout ca.key -out ca.pem "
             ">/dev/null 2>&1 && "
             "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-subj '/CN=localhost' -keyout server.key -out server.csr >/dev/null 2>&1 && "
             "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
             "-days 2 -extfile san.ext -out server.pem >/dev/null 2>&1", tmp);
    ck_assert_msg(system(cmd) == 0, "openssl failed: %s", cmd);
    snprintf(ca, sizeof ca, "%s/ca.pem", tmp);
    snprintf(cert, sizeof cert, "%s/server.pem", tmp);
    snprintf(key, sizeof key, "%s/server.key", tmp);
    const char *extra[] = {"--tls-cert", cert, "--tls-key", key, "--timeout", "2", NULL};
    tu_server_start(&s, db, tmp, extra);
    ck_assert(strncmp(s.url, "https://", 8) == 0);

    /* issue 14: malformed requests over TLS get JSON too, alone and as a
     * keep-alive follow-up */
    tls_refused(s.port, ca, "GET /healthz HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n", 505,
                "http_version", false);
    tls_refused(s.port, ca, "GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                "GET /healthz HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n", 400, "header_syntax", true);
    tls_refused(s.port, ca, "GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nX-A: b\\000c\\r\\n\\r\\n",
                400, "framing", false);
    /* a handshake that does not finish within --timeout is cut */
    int stall = raw_connect(s.port);
    raw_send(stall, "\x16\x03\x01", 3);
    ck_assert_msg(closed_within(stall, 5000, NULL, 0), "stalled handshake kept");
    close(stall);

    snprintf(url, sizeof url, "%s/healthz", s.url);
    http(&r, "GET", url, NULL, NULL, NULL, 0, ca);
    expect(&r, 200, NULL);
    done(&r);
    /* without our CA the certificate is not trusted */
    http(&r, "GET", url, NULL, NULL, NULL, 0, NULL);
    ck_assert_msg(r.cc == CURLE_PEER_FAILED_VERIFICATION, "curl: %s",
                  curl_easy_strerror(r.cc));
    done(&r);
    /* plain HTTP on the TLS port gets nothing useful, and breaks nothing */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/healthz", s.port);
    http(&r, "GET", url, NULL, NULL, NULL, 0, NULL);
    ck_assert(r.cc != CURLE_OK || r.status != 200);
    done(&r);
    snprintf(url, sizeof url, "%s/healthz", s.url);
    http(&r, "GET", url, NULL, NULL, NULL, 0, ca);
    expect(&r, 200, NULL);
    done(&r);
    free(tu_server_stop(&s));
}
END_TEST

/* ---- issue 15: the national dashboard, for analyst tokens only --------- */

static char *analyst_token(void)
{
    char *out = NULL, *err = NULL;
    const char *args[] = {"token", "add", "--role", "analyst", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, args), 0);
    size_t len = strlen(out);
    ck_assert_msg(len == PC_TOKEN_LEN + 1, "token line: %s", out);
    out[len - 1] = '\0';
    free(err);
    return out;
}

static size_t csp_header_line(char *data, size_t size, size_t n, void *cls)
{
    const char name[] = "Content-Security-Policy: ";
    if (size * n > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0)
        pt_buf_add(cls, data + sizeof name - 1, size * n - (sizeof name - 1));
    return size * n;
}

/* GET /dashboard with token: status, body and the CSP header. */
static long dashboard(const struct tu_server *s, const char *token, char **body, char **csp)
{
    struct pt_buf b = {0}, h = {0};
    struct curl_slist *hs = NULL;
    char url[128], line[256];
    long status = 0;
    CURL *c = curl_easy_init();
    snprintf(url, sizeof url, "%s/dashboard", s->url);
    if (token) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", token);
        hs = curl_slist_append(hs, line);
    }
    pt_buf_adds(&b, "");
    pt_buf_adds(&h, "");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hs);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, csp_header_line);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    ck_assert_int_eq(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hs);
    curl_easy_cleanup(c);
    *body = pt_buf_detach(&b);
    *csp = pt_buf_detach(&h);
    return status;
}

START_TEST(e2e_dashboard_for_analysts_only)
{
    struct tu_server s;
    struct reply r;
    char *out = NULL, *err = NULL, *html = NULL, *csp = NULL, swv[24], id[16];
    const char *both[] = {"token", "add", "--role", "analyst", "--swv", "PO 20-01", "--db",
                          db, NULL};
    ck_assert_int_eq(central(&out, &err, both), 2);
    free(out);
    free(err);
    const char *bad[] = {"token", "add", "--role", "baas", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, bad), 2);
    free(out);
    free(err);
    char *an = analyst_token();
    const char *list[] = {"token", "list", "--db", db, NULL};
    ck_assert_int_eq(central(&out, &err, list), 0);
    ck_assert_ptr_nonnull(strstr(out, "\tanalist\t"));
    free(out);
    free(err);

    tu_server_start(&s, db, tmp, NULL);
    for (int i = 1; i <= 12; i++) {
        snprintf(swv, sizeof swv, "PO 20-%02d", i);
        snprintf(id, sizeof id, "D-%d", i);
        submit(&s, swv, id, 1, "2014-06-01", 1, i % 2 ? "2.0" : "3.0", "2.5", "3.5");
    }
    char *swv_token = token_for("PO 20-01");
    ck_assert_int_eq(dashboard(&s, NULL, &html, &csp), 401);
    ck_assert_ptr_nonnull(strstr(html, "\"error\":\"token\""));
    free(html);
    free(csp);
    ck_assert_int_eq(dashboard(&s, swv_token, &html, &csp), 403);
    ck_assert_ptr_nonnull(strstr(html, "analistentoken"));
    free(html);
    free(csp);

    ck_assert_int_eq(dashboard(&s, an, &html, &csp), 200);
    ck_assert(strncmp(html, "<!DOCTYPE html>\n<html lang=\"nl\">", 32) == 0);
    ck_assert_ptr_nonnull(strstr(csp, "default-src 'none'; style-src 'sha256-"));
    ck_assert_ptr_null(strstr(csp, "unsafe-inline"));
    ck_assert_ptr_nonnull(strstr(html, "12 SWV's deden mee"));
    ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\">Groningen</th><td>12</td>"));
    /* overall 2.0 ×6 and 3.0 ×6: q1 2.0, median 2.5, q3 3.0 */
    ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\">totaal</th><td>12</td>"
                                       "<td>2,0</td><td>2,5</td><td>3,0</td>"));
    ck_assert_ptr_nonnull(strstr(html, "<th scope=\"row\">geen-oordeel</th><td>12</td>"));
    ck_assert_ptr_null(strstr(html, "PO 20-"));
    /* a 13th SWV does not move the page before the snapshot interval */
    submit(&s, "PO 20-13", "D-13", 1, "2014-06-01", 1, "4.0", "4.0", "4.0");
    char *again = NULL, *csp2 = NULL;
    ck_assert_int_eq(dashboard(&s, an, &again, &csp2), 200);
    ck_assert_str_eq(again, html);
    free(again);
    free(csp2);
    free(html);
    free(csp);

    /* an analyst cannot submit, and may read the benchmark */
    char *body = bench_body("PO 20-01", "D-99", 1, "2014-06-01", 1, "2.0", "2.0", "2.0");
    post(&r, &s, an, "D-99/1", body);
    expect(&r, 403, "token");
    done(&r);
    free(body);
    get(&r, &s, "/v1/benchmark?rubric=po-gereedheid@1", an);
    expect(&r, 200, NULL);
    done(&r);
    free(tu_server_stop(&s));
    free(swv_token);
    free(an);
}
END_TEST

START_TEST(postgres_required_in_ci)
{
    ck_abort_msg("PT_PG_URI ontbreekt terwijl CI=true: de PostgreSQL-tests worden in CI "
                 "nooit overgeslagen (installeer postgresql-15)");
}
END_TEST

/* Every test of a running receiver; added once per backend (issue 15). */
static void add_server_tests(TCase *e2e)
{
    tcase_add_test(e2e, e2e_token_command_line);
    tcase_add_test(e2e, e2e_results_store_once_per_key);
    tcase_add_test(e2e, e2e_robust_against_bad_clients);
    tcase_add_test(e2e, e2e_benchmark_reveals_no_swv);
    tcase_add_test(e2e, e2e_benchmark_snapshot_defeats_differencing);
    tcase_add_test(e2e, e2e_token_flood_is_limited);
    tcase_add_test(e2e, e2e_framing_is_strict);
    tcase_add_test(e2e, e2e_every_error_is_json);           /* issue 14 */
    tcase_add_test(e2e, e2e_bodies_timeouts_and_continue);  /* issue 14 */
    tcase_add_test(e2e, e2e_slowloris_from_one_address);
    tcase_add_test(e2e, e2e_tls_with_own_ca);
    tcase_add_test(e2e, e2e_dashboard_for_analysts_only);
    tcase_set_timeout(e2e, 120);
}

Suite *central_suite(void)
{
    Suite *s = suite_create("central");
    TCase *tc = tcase_create("units");
    tcase_add_test(tc, validator_accepts_documented_body);
    tcase_add_test(tc, validator_refuses_unknown_fields_with_path);
    tcase_add_test(tc, validator_refuses_wrong_types_and_free_text);
    tcase_add_test(tc, validator_refuses_bad_swv_date_id);
    tcase_add_test(tc, validator_format_and_syntax);
    tcase_add_test(tc, validator_scale_and_dates);
    tcase_add_test(tc, validator_refuses_escaped_nul);
    tcase_add_test(tc, sha256_fips180_vectors);
    tcase_add_test(tc, tokens_and_headers);
    tcase_add_test(tc, quartiles_type7_by_hand);
    tcase_add_test(tc, benchmark_answer_and_threshold);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);

    TCase *e2e = tcase_create("server");
    tcase_add_checked_fixture(e2e, e2e_setup, e2e_teardown);
    add_server_tests(e2e);
    suite_add_tcase(s, e2e);

    /* issue 15: the same tests on PostgreSQL, when `make check` started a
     * throwaway cluster; under CI=true its absence is a failure. */
    TCase *pg = tcase_create("server-pg");
    if (tdb_pg_uri()) {
        tcase_add_checked_fixture(pg, e2e_setup_pg, e2e_teardown);
        add_server_tests(pg);
    } else if (getenv("CI") && strcmp(getenv("CI"), "true") == 0) {
        tcase_add_test(pg, postgres_required_in_ci);
    }
    suite_add_tcase(s, pg);
    return s;
}
