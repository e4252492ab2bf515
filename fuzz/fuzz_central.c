/*
 * fuzz_central.c — libFuzzer target for the central receiver's input
 * handling: the body validator (praktijktoets-submission/2) on the whole
 * input (a found body must be on its scale and hold no \\u0000), and the request parsers (Authorization, rubric parameter,
 * Content-Length, Idempotency-Key, listen address) on its first lines.
 * Quartiles get the input read as numbers. Invariants that must hold for
 * any input abort when broken. Built and run by `make fuzz`; seeds in
 * fuzz/corpus/central/.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "central_benchmark.h"
#include "central_request.h"
#include "central_validate.h"
#include "listen.h"
#include "model.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_summary(const struct pc_summary *sum)
{
    char norm[16];
    if (!pt_is_identifier(sum->assessment) || !pt_is_identifier(sum->rubric_id) ||
        sum->revision < 1 || sum->rubric_version < 1 || sum->ndomains > PC_MAX_ARRAY ||
        pt_swv_normalise(sum->swv, norm) != 0 || strcmp(norm, sum->swv) != 0)
        abort();
    if (!(sum->scale_min < sum->scale_max) ||
        (sum->has_overall && (sum->overall < sum->scale_min || sum->overall > sum->scale_max)))
        abort();
    for (size_t i = 0; i < sum->ndomains; i++)
        if (!pt_is_identifier(sum->domains[i].id) ||
            (sum->domains[i].has_score && (!isfinite(sum->domains[i].score) ||
                                           sum->domains[i].score < sum->scale_min ||
                                           sum->domains[i].score > sum->scale_max)))
            abort();
    char key[PC_ID_SIZE + 24];
    snprintf(key, sizeof key, "%s/%ld", sum->assessment, sum->revision);
    if (!pc_key_matches(key, sum) || pc_key_matches(sum->assessment, sum))
        abort();
}

/* Line i of text (0-based) into out, at most size - 1 bytes. */
static void line(const char *text, size_t len, int i, char *out, size_t size)
{
    size_t at = 0;
    for (; i > 0 && at < len; at++)
        if (text[at] == '\n')
            i--;
    size_t n = 0;
    while (at + n < len && text[at + n] != '\n' && n + 1 < size)
        n++;
    memcpy(out, text + at, n);
    out[n] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct pt_error err = {0};
    struct pc_summary sum;

    /* the body */
    enum pc_body rc = pc_validate(text, size, 1795006400LL, &sum, &err);
    if (rc == PC_BODY_OK) {
        check_summary(&sum);
        if (pc_has_escaped_nul(text, size))
            abort();
        if (strlen(err.msg) != 0)
            abort();
    } else if (rc != PC_BODY_NOMEM && (sum.domains || sum.ndomains || err.msg[0] == '\0')) {
        abort();
    }
    pc_summary_free(&sum);

    /* the headers and parameters, from the first lines */
    char a[256], b[256], c[256], d[256];
    line(text, size, 0, a, sizeof a);
    line(text, size, 1, b, sizeof b);
    line(text, size, 2, c, sizeof c);
    line(text, size, 3, d, sizeof d);
    char token[PC_TOKEN_SIZE];
    if (pc_bearer_token(a, token) && !pc_token_wellformed(token))
        abort();
    char id[PC_ID_SIZE];
    long version = 0;
    if (pc_parse_rubric(b, id, &version) && (!pt_is_identifier(id) || version < 1))
        abort();
    size_t n = 0;
    (void)pc_content_length(c, &n);
    /* the head and chunked parsing: fuzz/fuzz_central_head.c (issue 14) */
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    (void)pt_parse_listen(d, &addr, &alen);

    /* answers always stay JSON, whatever the message */
    if (pt_utf8_valid(a, strlen(a), &n)) {
        char *j = pc_error_json("invalid", a);
        cJSON *back = j ? cJSON_Parse(j) : NULL;
        if (j && !back)
            abort();
        cJSON_Delete(back);
        cJSON_free(j);
    }

    /* quartiles of the input read as doubles */
    size_t count = size / sizeof(double);
    if (count > 0 && count <= 4096) {
        double *x = malloc(count * sizeof *x);
        size_t m = 0;
        for (size_t i = 0; i < count; i++) {
            double v;
            memcpy(&v, data + i * sizeof v, sizeof v);
            if (isfinite(v) && fabs(v) < 1e300)
                x[m++] = v;
        }
        struct pc_dist dist;
        pc_distribution(x, m, &dist);
        if (m && !(dist.min <= dist.q1 && dist.q1 <= dist.median && dist.median <= dist.q3 &&
                   dist.q3 <= dist.max))
            abort();
        free(x);
    }
    return 0;
}
