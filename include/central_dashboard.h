/*
 * central_dashboard.h — the national dashboard, GET /dashboard (issue 15).
 *
 * Three pure steps, no I/O, so they are tested without a server:
 *
 *   1. pc_dash_record: one stored submission body (validated when it was
 *      received) → what the dashboard needs of it: SWV code (only for its
 *      sector and province, never shown), overall and domain scores, the
 *      verdict, and per deadline check the cases it applied to and the
 *      cases where it was missed (status "fail").
 *   2. pc_dash_aggregate: the latest record of each SWV for one rubric →
 *      the published figures, with the rules of the benchmark applied
 *      (submission.md, "The national benchmark"): at least
 *      PC_DASH_MIN_SWVS contributors before any distribution, never a
 *      minimum or maximum, q1/median/q3 rounded to one decimal; counts
 *      below PC_DASH_MIN_SWVS (but above 0) suppressed, and when a group
 *      with a known total has exactly one suppressed count, the smallest
 *      shown count of that group (a zero when there is no other) is
 *      suppressed too, so that none can be computed back.
 *   3. pc_dashboard_html: the figures → one self-contained HTML page in
 *      Dutch: SVG box plots and bars drawn here (no script), a table
 *      beside every chart, one <style> element whose SHA-256 is in the
 *      Content-Security-Policy (pc_dashboard_csp), no style attributes.
 *
 * Provinces come from the SWV code's region number (domain.md: 20
 * Groningen … 31 Limburg); any other number counts as "overig".
 */
#ifndef PC_DASHBOARD_H
#define PC_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "central.h"
#include "central_validate.h"
#include "util.h"

/* Tokens have a role: an SWV's (its code in the token's swv column), or
 * an analyst's, stored with this word in that column (it can never be an
 * SWV code). An analyst reads the dashboard and cannot submit; an SWV
 * token cannot read the dashboard. */
#define PC_ANALYST "analist"


/* The "at least 10" rule of the benchmark (submission.md). */
#define PC_DASH_MIN_SWVS 10
#define PC_DASH_NPROVINCES 13   /* 12 provinces and "overig" */
#define PC_DASH_LABEL_SIZE 72   /* ≥ PC_ID_SIZE: a verdict id is a label */

struct pc_dash_check {
    char id[PC_ID_SIZE];
    size_t applicable;   /* cases with status ok, open or fail */
    size_t missed;       /* cases with status fail */
};

/* What the dashboard takes from one SWV's latest submission. */
struct pc_dash_swv {
    char swv[PC_SWV_SIZE];
    bool has_overall;
    double overall;
    struct pc_domain_score *domains;   /* owned */
    size_t ndomains;
    char verdict[PC_ID_SIZE];
    struct pc_dash_check *checks;      /* owned; one per check id */
    size_t nchecks;
    bool has_scale;                    /* rubric.scale in the body */
    double scale_min, scale_max;
};

/* The latest record of each SWV for one rubric id@version. */
struct pc_dash_input {
    char rubric_id[PC_ID_SIZE];
    long rubric_version;
    struct pc_dash_swv *swvs;          /* owned */
    size_t n, cap;
};

/* Reads body[0..len) into *out (free with pc_dash_swv_free). PT_INVALID
 * when it is not a submission object; PT_FAILED when out of memory. */
enum pt_status pc_dash_record(const char *body, size_t len, struct pc_dash_swv *out);
void pc_dash_swv_free(struct pc_dash_swv *s);

/* Moves *rec into in (rec is emptied). Returns PT_OK or PT_FAILED. */
enum pt_status pc_dash_input_add(struct pc_dash_input *in, struct pc_dash_swv *rec);
void pc_dash_input_free(struct pc_dash_input *in);

/* A published count: shown, or suppressed ("minder dan 10"). */
struct pc_dash_cell {
    char label[PC_DASH_LABEL_SIZE];
    size_t n;            /* meaningful only when shown */
    bool shown;
};

/* A published distribution: q1/median/q3 rounded to one decimal, only
 * when count ≥ PC_DASH_MIN_SWVS. */
struct pc_dash_box {
    char id[PC_ID_SIZE];
    size_t count;
    bool shown;
    double q1, median, q3;
};

/* A deadline check: in how many of the cases it applied to it was missed,
 * over the SWVs that applied it (only checks applied by at least
 * PC_DASH_MIN_SWVS SWVs are listed, most often missed first). */
struct pc_dash_miss {
    char id[PC_ID_SIZE];
    size_t swvs, applicable, missed;
    double percent;      /* missed / applicable × 100, one decimal */
};

struct pc_dash_rubric {
    char id[PC_ID_SIZE];
    long version;
    size_t nswvs;
    bool shown;                          /* nswvs ≥ PC_DASH_MIN_SWVS */
    double axis_lo, axis_hi;             /* the scale, or whole numbers
                                            around the published figures */
    struct pc_dash_cell sectors[2];      /* PO, VO */
    struct pc_dash_cell provinces[PC_DASH_NPROVINCES];
    struct pc_dash_box overall;
    struct pc_dash_box *domains;         /* owned; in order of appearance */
    size_t ndomains;
    struct pc_dash_cell *verdicts;       /* owned; most frequent first */
    size_t nverdicts;
    struct pc_dash_miss *misses;         /* owned */
    size_t nmisses;
};

/* The province of an SWV code in stored form ("PO 28-99": Zuid-Holland):
 * an index into the province list, PC_DASH_NPROVINCES - 1 for "overig". */
size_t pc_dash_province(const char *swv);
const char *pc_dash_province_name(size_t index);

/* The figures of one rubric. Returns PT_OK or PT_FAILED (out of memory);
 * free with pc_dash_rubric_free. */
enum pt_status pc_dash_aggregate(const struct pc_dash_input *in, struct pc_dash_rubric *out);
void pc_dash_rubric_free(struct pc_dash_rubric *r);

/* Suppresses cells[0..n) below PC_DASH_MIN_SWVS (0 stays shown), and when
 * exactly one is suppressed, also the smallest shown non-zero cell, or a
 * zero cell when there is none. */
void pc_dash_suppress(struct pc_dash_cell *cells, size_t n);

/* The whole page. snapshot: when the figures were taken ("2026-11-30
 * 17:00 UTC"), shown on the page. */
void pc_dashboard_html(const struct pc_dash_rubric *rubrics, size_t n, const char *snapshot,
                       struct pt_buf *out);

/* The Content-Security-Policy that goes with the page: its one <style>
 * allowed by hash, nothing else. */
void pc_dashboard_csp(char *out, size_t size);

#endif
