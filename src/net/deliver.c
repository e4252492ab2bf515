/*
 * deliver.c — queueing a result in the outbox and delivering it. See
 * deliver.h.
 */
#include "deliver.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "score.h"
#include "submission.h"
#include "util.h"

/* Test hook for the crash-safety tests: PT_TEST_KILL_SUBMIT=stored kills
 * the process right after the outbox row is committed, =sent right after
 * the server answered and before the answer is recorded. */
static void test_kill(const char *point)
{
    const char *v = getenv("PT_TEST_KILL_SUBMIT");
    if (v && strcmp(v, point) == 0)
        raise(SIGKILL);
}

int pt_submit_enqueue(struct pt_store *s, const char *id, const char *endpoint, time_t now,
                      long *seq, bool *created, struct pt_diags *diags,
                      struct pt_error *err)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    char *body = NULL, *key = NULL;
    int rc = PT_FAILED;

    /* One transaction: the revision read, the scores scored and the row
     * written all belong to the same state of the database. */
    if (pt_store_begin(s, err) != PT_OK)
        goto cleanup;
    rc = pt_store_load(s, id, &t, diags, err);
    if (rc != PT_OK)
        goto cleanup;
    long revision = 0;
    rc = pt_store_revision(s, id, &revision, err);
    if (rc != PT_OK)
        goto cleanup;
    rc = PT_FAILED;
    pt_score_compute(&t, &res);
    if (pt_submission_build(&res, revision, now, &body) != 0) {
        pt_error_set(err, "%s: de inzending kan niet worden opgebouwd", id);
        goto cleanup;
    }
    key = pt_submission_key(id, revision);
    rc = pt_outbox_put(s, key, id, revision, t.assessment->swv, endpoint, body, now, seq,
                       created, err);
    if (rc != PT_OK)
        goto cleanup;
    rc = pt_store_commit(s, err);
    if (rc == PT_OK)
        test_kill("stored");
cleanup:
    pt_store_rollback(s);
    free(body);
    free(key);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
    return rc;
}

/* The server's message from an error body {"error": …, "message": …}, made
 * safe to print: one line, printable, bounded. */
static void server_message(const char *body, char *out, size_t size)
{
    out[0] = '\0';
    cJSON *root = body ? cJSON_Parse(body) : NULL;
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "message");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(root, "error");
    const char *text = cJSON_IsString(m) ? m->valuestring
                       : cJSON_IsString(code) ? code->valuestring : NULL;
    if (text) {
        size_t j = 0;
        for (size_t i = 0; text[i] && j + 1 < size && i < 300; i++) {
            unsigned char ch = (unsigned char)text[i];
            out[j++] = (ch < 0x20 || ch == 0x7f) ? ' ' : (char)ch;
        }
        out[j] = '\0';
    }
    cJSON_Delete(root);
}

void pt_delivery_classify(long status, const char *body, long retry_after,
                          const char *location, long attempts, double u,
                          struct pt_delivery *out)
{
    char msg[320];
    memset(out, 0, sizeof *out);
    out->status = status;
    server_message(body, msg, sizeof msg);
    if (status == 200 || status == 201) {
        out->state = PT_OUTBOX_DELIVERED;
        snprintf(out->message, sizeof out->message, "%s",
                 status == 201 ? "afgeleverd" : "afgeleverd (stond er al)");
    } else if (status == 409) {
        out->state = PT_OUTBOX_REJECTED;
        snprintf(out->message, sizeof out->message, "geweigerd (409): deze revisie is eerder "
                 "met een andere inhoud ingediend%s%s", msg[0] ? ": " : "", msg);
    } else if (status == 401 || status == 403) {
        out->state = PT_OUTBOX_REJECTED;
        snprintf(out->message, sizeof out->message, "geweigerd (%ld): het token ontbreekt, is "
                 "onjuist of hoort niet bij dit samenwerkingsverband%s%s", status,
                 msg[0] ? ": " : "", msg);
    } else if (status >= 300 && status < 400) {
        /* The client never follows a redirect (the token must not go where
         * the user did not point it); the user fixes the endpoint. */
        out->state = PT_OUTBOX_PENDING;
        out->delay = pt_outbox_backoff(attempts, u);
        snprintf(out->message, sizeof out->message, "het eindpunt is verhuisd naar %.200s "
                 "(%ld); pas het eindpunt aan (--endpoint of endpoint in de instellingen) "
                 "en lever opnieuw af met \"outbox flush\"",
                 location && *location ? location : "een onbekend adres", status);
    } else if (status == 408 || status == 429 || status >= 500) {
        out->state = PT_OUTBOX_PENDING;
        out->back_off = true;
        out->delay = pt_outbox_delay(attempts, retry_after, u);
        snprintf(out->message, sizeof out->message, "server antwoordde %ld%s%s", status,
                 msg[0] ? ": " : "", msg);
    } else {
        /* 400, 413, 422 and every other answer the protocol does not name:
         * the payload is wrong; retrying the same bytes cannot help. */
        out->state = PT_OUTBOX_REJECTED;
        snprintf(out->message, sizeof out->message, "geweigerd (%ld)%s%s", status,
                 msg[0] ? ": " : "", msg[0] ? msg : " zonder uitleg van de server");
    }
}

/* Removes every occurrence of the token from s (a server that echoes it
 * must not make us print it). */
static void scrub(char *s, const char *token)
{
    size_t tl = token ? strlen(token) : 0;
    if (tl < 4)
        return;
    for (char *p = strstr(s, token); p; p = strstr(p, token)) {
        memcpy(p, "***", 3);
        memmove(p + 3, p + tl, strlen(p + tl) + 1);
    }
}

static double jitter(void)
{
    return (double)(random() % 1000000) / 1000000.0;
}

int pt_deliver(struct pt_store *s, struct pt_http *http, const char *endpoint,
               const struct pt_outbox_entry *e, time_t now, struct pt_delivery *out,
               struct pt_error *err)
{
    struct pt_buf idem = {0};
    struct pt_http_response resp = {0};
    struct pt_error why = {""};
    char *url = pt_http_url(endpoint ? endpoint : e->endpoint, "/v1/results");
    pt_buf_printf(&idem, "Idempotency-Key: %s", e->key);
    const char *headers[] = {"Content-Type: application/json", "Accept: application/json",
                             idem.data, "Expect:", NULL};

    int sent = pt_http_request(http, "POST", url, headers, e->body, strlen(e->body),
                               &resp, &why);
    if (sent == 0) {
        test_kill("sent");
        pt_delivery_classify(resp.status, resp.body, resp.retry_after, resp.location,
                             e->attempts + 1, jitter(), out);
    } else {
        memset(out, 0, sizeof *out);
        out->state = PT_OUTBOX_PENDING;
        out->no_answer = true;
        out->delay = pt_outbox_backoff(e->attempts + 1, jitter());
        snprintf(out->message, sizeof out->message, "geen antwoord: %.480s", why.msg);
    }
    scrub(out->message, http->token);
    int rc = pt_outbox_record(s, e->seq, out->state, out->status, out->message, out->delay,
                              now, err);
    pt_buf_free(&idem);
    free(url);
    pt_http_response_free(&resp);
    return rc;
}
