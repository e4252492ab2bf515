/*
 * fuzz_loaders.c — libFuzzer targets for every loader. One source, one
 * target per -DFUZZ_<NAME>: rubric, case, assessment, sheet_json,
 * sheet_csv, privacy, response (what the client reads from the central
 * endpoint: an error body, a benchmark, a Retry-After value), and
 * json_write (any JSON text cJSON reads is written by pt_json_write
 * exactly as cJSON_Print and cJSON_PrintUnformatted write it). Built and run by `make fuzz`; seeds in fuzz/corpus/.
 * A crash found here becomes a regression test in tests/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "benchmark.h"
#include "deliver.h"
#include "http_client.h"
#include "json_write.h"
#include "jsonfield.h"
#include "privacy.h"
#include "rubric.h"
#include "sheet.h"
#include "toetsmap.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One run(): the body of the target this source is built as. */
#if defined(FUZZ_PRIVACY)
/* the scanner with its normalisation: same answer twice, a hint for every
 * kind, and the refusal names the kind */
static void run(const char *text, size_t size, struct pt_diags *diags, struct pt_arena *arena)
{
    (void)size;
    (void)arena;
    enum pt_pii kind = pt_privacy_scan(text);
    if (pt_privacy_scan(text) != kind || !pt_pii_hint(kind) || !pt_pii_name(kind))
        abort();
    if (pt_privacy_check(diags, "f", "p", "een opmerking", text) != (kind == PT_PII_NONE) ||
        diags->n != (kind == PT_PII_NONE ? 0u : 1u))
        abort();
}
#elif defined(FUZZ_JSON_WRITE)
static void run(const char *text, size_t size, struct pt_diags *diags, struct pt_arena *arena)
{
    (void)diags;
    (void)arena;
    cJSON *any = cJSON_ParseWithLength(text, size);
    for (int fmt = 0; any && fmt <= 1; fmt++) {
        char *want = fmt ? cJSON_Print(any) : cJSON_PrintUnformatted(any);
        char *got = pt_json_print(any, fmt);
        if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
            abort();
        cJSON_free(want);
        free(got);
    }
    cJSON_Delete(any);
}
#elif defined(FUZZ_RESPONSE)
static void run(const char *text, size_t size, struct pt_diags *diags, struct pt_arena *arena)
{
    (void)diags;
    (void)arena;
    struct pt_delivery d;
    static const long statuses[] = {200, 201, 400, 401, 403, 409, 413, 422, 429, 500, 503,
                                    307};
    /* a 3xx names its Location in the message: the input's first line */
    char location[128];
    size_t ln = 0;
    while (ln < size && ln + 1 < sizeof location && text[ln] && text[ln] != '\n')
        ln++;
    memcpy(location, text, ln);
    location[ln] = '\0';
    pt_delivery_classify(statuses[size % 12], text, -1, location, (long)(size % 20), 0.5, &d);
    if (strlen(d.message) >= sizeof d.message || strchr(d.message, '\n'))
        abort();
    struct pt_benchmark b;
    struct pt_error err = {""};
    if (pt_benchmark_parse(text, &b, &err) == 0) {
        for (size_t i = 0; i < b.ndomains; i++)
            (void)pt_benchmark_position(&b.domains[i], 2.5);
        pt_benchmark_free(&b);
    }
    (void)pt_http_parse_retry_after(text, 1795435200);
}
#elif defined(FUZZ_SHEET_CSV) || defined(FUZZ_SHEET_JSON)
/* Sheets are read in the context of a real toetsmap. */
static void run(const char *text, size_t size, struct pt_diags *diags, struct pt_arena *arena)
{
    (void)arena;
    struct pt_toetsmap t = {0};
    if (pt_toetsmap_load_dir("tests/fixtures/mini", &t, diags) != 0)
        abort();
    t.nscores = 0;
    pt_toetsmap_index(&t);
#if defined(FUZZ_SHEET_CSV)
    pt_sheet_read_csv(text, size, "fuzz.csv", &t, diags);
#else
    cJSON *root = pt_json_parse(text, size, "fuzz.json", diags);
    if (root)
        pt_sheet_read_json(root, "fuzz.json", &t, diags);
    cJSON_Delete(root);
#endif
    pt_toetsmap_free(&t);
}
#else
static void run(const char *text, size_t size, struct pt_diags *diags, struct pt_arena *arena)
{
    cJSON *root = pt_json_parse(text, size, "fuzz.json", diags);
    if (root) {
#if defined(FUZZ_RUBRIC)
        pt_rubric_from_json(root, "fuzz.json", arena, diags);
#elif defined(FUZZ_CASE)
        pt_case_from_json(root, "fuzz.json", arena, diags);
#elif defined(FUZZ_ASSESSMENT)
        pt_assessment_from_json(root, "fuzz.json", arena, diags);
#else
#error "define one FUZZ_<NAME>"
#endif
    }
    cJSON_Delete(root);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = pt_xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct pt_diags diags = {0};
    struct pt_arena arena = {0};
    run(text, size, &diags, &arena);
    pt_arena_free(&arena);
    pt_diags_free(&diags);
    free(text);
    return 0;
}
