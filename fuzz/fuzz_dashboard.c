/*
 * fuzz_dashboard.c — libFuzzer target for the national dashboard (issue 15):
 * any bytes as a stored body (pc_dash_record), then that record as the
 * latest result of 12 SWVs of one rubric (aggregate) and the page. The
 * bodies in the database were validated when they came in, but the reader
 * must not trust that. Invariants: a record's counts hold (missed ≤
 * applicable), published quartiles are ordered and never below q1 nor
 * above q3, the page has no script and no style attribute and never the
 * SWV code. Built and run by `make fuzz`; seeds in fuzz/corpus/dashboard/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_dashboard.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_box(const struct pc_dash_box *b)
{
    if (b->shown && !(b->q1 <= b->median && b->median <= b->q3))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pc_dash_swv rec;
    struct pc_dash_input in = {0};
    struct pc_dash_rubric r;
    struct pt_buf b = {0};
    if (pc_dash_record((const char *)data, size, &rec) != PT_OK)
        return 0;
    for (size_t i = 0; i < rec.nchecks; i++)
        if (rec.checks[i].missed > rec.checks[i].applicable)
            abort();
    snprintf(in.rubric_id, sizeof in.rubric_id, "fuzz");
    in.rubric_version = 1;
    for (int i = 0; i < 12; i++) {
        struct pc_dash_swv copy = rec;
        snprintf(copy.swv, sizeof copy.swv, "PO 2%d-%02d", i % 10, i + 1);
        copy.domains = rec.ndomains ? pt_xmalloc(rec.ndomains * sizeof *rec.domains) : NULL;
        copy.checks = rec.nchecks ? pt_xmalloc(rec.nchecks * sizeof *rec.checks) : NULL;
        if (rec.ndomains)
            memcpy(copy.domains, rec.domains, rec.ndomains * sizeof *rec.domains);
        if (rec.nchecks)
            memcpy(copy.checks, rec.checks, rec.nchecks * sizeof *rec.checks);
        if (pc_dash_input_add(&in, &copy) != PT_OK)
            abort();
    }
    if (pc_dash_aggregate(&in, &r) != PT_OK)
        abort();
    check_box(&r.overall);
    for (size_t i = 0; i < r.ndomains; i++)
        check_box(&r.domains[i]);
    pc_dashboard_html(&r, 1, "2026-11-30 00:00 UTC", &b);
    if (strstr(b.data, "<script") || strstr(b.data, "style=\"") || strstr(b.data, "PO 20-01"))
        abort();
    pt_buf_free(&b);
    pc_dash_rubric_free(&r);
    pc_dash_input_free(&in);
    pc_dash_swv_free(&rec);
    return 0;
}
