/*
 * central_dashboard_page.c — GET /dashboard's page from the store (issue
 * 15): each SWV's latest submission of every rubric (ops.latest_bodies),
 * read into records, aggregated and written by the pure functions of
 * central_dashboard.h.
 *
 * Like the benchmark, the page is computed at most once per snapshot
 * interval and kept in the database (the snapshot table, under rubric id
 * "" and version 0, which no rubric has), so that every receiver on the
 * database shows the same page and submissions in between do not move it.
 */
#include "central_dashboard_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "central_dashboard.h"
#include "util.h"

struct collect {
    struct pc_dash_input *inputs;
    size_t n, cap;
};

static enum pt_status on_body(void *cls, const char *rubric_id, long version,
                              const char *body, size_t len)
{
    struct collect *c = cls;
    struct pc_dash_swv rec;
    struct pc_dash_input *in = c->n ? &c->inputs[c->n - 1] : NULL;
    if (!in || strcmp(in->rubric_id, rubric_id) != 0 || in->rubric_version != version) {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 8;
            c->inputs = pt_xrealloc(c->inputs, c->cap * sizeof *c->inputs);
        }
        in = &c->inputs[c->n++];
        memset(in, 0, sizeof *in);
        snprintf(in->rubric_id, sizeof in->rubric_id, "%s", rubric_id);
        in->rubric_version = version;
    }
    int rc = pc_dash_record(body, len, &rec);
    if (rc == PT_INVALID)
        return PT_OK;   /* cannot happen for a validated body; counted nowhere */
    if (rc != PT_OK)
        return rc;
    return pc_dash_input_add(in, &rec);
}

/* The page from the latest submissions as they are now (pc_snapshot_fn). */
static enum pt_status render(void *cls, struct pc_store *s, long long now, char **html,
                             struct pt_error *err)
{
    (void)cls;
    struct collect c = {0};
    struct pc_dash_rubric *rubrics = NULL;
    struct pt_buf b = {0};
    char when[40];
    size_t done = 0;
    int rc = pc_store_latest_bodies(s, on_body, &c, err);
    if (rc == PT_OK && c.n)
        rubrics = pt_xcalloc(c.n, sizeof *rubrics);
    for (; rc == PT_OK && done < c.n; done++)
        if (pc_dash_aggregate(&c.inputs[done], &rubrics[done]) != PT_OK) {
            pt_error_set(err, "onvoldoende geheugen voor het dashboard");
            rc = PT_FAILED;
        }
    if (rc == PT_OK) {
        time_t t = (time_t)now;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
        pc_dashboard_html(rubrics, c.n, when, &b);
        *html = pt_buf_detach(&b);
    }
    for (size_t i = 0; i < c.n; i++) {
        if (i < done)
            pc_dash_rubric_free(&rubrics[i]);
        pc_dash_input_free(&c.inputs[i]);
    }
    free(rubrics);
    free(c.inputs);
    return rc;
}

enum pt_status pc_dashboard_page(struct pc_store *s, long long now, long long interval,
                                 char **html, struct pt_error *err)
{
    return pc_store_snapshot(s, PC_DASHBOARD_SNAPSHOT, 0, now, interval, render, NULL, html,
                             err);
}
