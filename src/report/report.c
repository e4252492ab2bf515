/*
 * report.c — the feedback report: audiences and formats by name, the JSON
 * report (English keys, the result of scoring.md section 9 and what the
 * audience may see), and the other formats through the one report model
 * (report_model.c) and its emitters.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "report_common.h"
#include "report_model.h"
#include "result.h"
#include "util.h"

static const char *const audience_names[] = {"team", "swv", "opr"};
static const char *const format_names[] = {"html", "md", "json", "csv"};

PT_NAME_PARSER(pt_audience_parse, enum pt_audience, audience_names)

const char *pt_audience_name(enum pt_audience a)
{
    return pt_name_at(PT_NAMES(audience_names), (size_t)a);
}

PT_NAME_PARSER(pt_report_format_parse, enum pt_report_format, format_names)

static cJSON *bench_stats_json(const struct pt_bench_stats *st)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "count", (double)st->count);
    if (st->has) {
        cJSON_AddNumberToObject(o, "q1", st->q1);
        cJSON_AddNumberToObject(o, "median", st->median);
        cJSON_AddNumberToObject(o, "q3", st->q3);
    }
    return o;
}

static int write_json(const struct pt_result *res, const struct pt_result *prev,
                      const struct pt_benchmark *bench, enum pt_audience aud, struct pt_buf *b)
{
    const struct pt_toetsmap *t = res->t;
    cJSON *o = pt_result_to_json(res);
    if (!o)
        return -1;
    cJSON_AddStringToObject(o, "audience", pt_audience_name(aud));
    if (prev) {
        cJSON *tr = cJSON_AddObjectToObject(o, "trend");
        cJSON_AddStringToObject(tr, "previous", prev->t->assessment->id);
        if (prev->has_overall)
            cJSON_AddNumberToObject(tr, "overall", pt_round(prev->overall, 2));
        else
            cJSON_AddNullToObject(tr, "overall");
        cJSON *doms = cJSON_AddArrayToObject(tr, "domains");
        for (size_t d = 0; doms && d < t->rubric->ndomains; d++) {
            double p;
            cJSON *x = cJSON_CreateObject();
            cJSON_AddStringToObject(x, "id", t->rubric->domains[d].id);
            if (pt_rep_prev_domain(prev, t->rubric->domains[d].id, &p))
                cJSON_AddNumberToObject(x, "score", pt_round(p, 2));
            else
                cJSON_AddNullToObject(x, "score");
            if (!cJSON_AddItemToArray(doms, x))
                cJSON_Delete(x);
        }
    }
    if (bench) {
        cJSON *nat = cJSON_AddObjectToObject(o, "national");
        cJSON_AddNumberToObject(nat, "swvs", (double)bench->swvs);
        cJSON_AddItemToObject(nat, "overall", bench_stats_json(&bench->overall));
        cJSON *doms = cJSON_AddArrayToObject(nat, "domains");
        for (size_t d = 0; doms && d < bench->ndomains; d++) {
            cJSON *x = bench_stats_json(&bench->domains[d]);
            cJSON_AddStringToObject(x, "id", bench->domains[d].id);
            if (!cJSON_AddItemToArray(doms, x))
                cJSON_Delete(x);
        }
    }
    cJSON *comments = cJSON_AddArrayToObject(o, "comments");
    for (size_t i = 0; comments && i < t->nscores; i++) {
        const struct pt_score *s = &t->scores[i];
        if (!s->comment)
            continue;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "case", t->assessment->case_ids[s->kase]);
        cJSON_AddStringToObject(x, "criterion", t->rubric->criteria[s->criterion].id);
        cJSON_AddStringToObject(x, "role", pt_role_name(t->assessment->team[s->rater].role));
        if (aud == PT_AUD_TEAM)
            cJSON_AddStringToObject(x, "rater", t->assessment->team[s->rater].id);
        cJSON_AddStringToObject(x, "comment", s->comment);
        if (!cJSON_AddItemToArray(comments, x))
            cJSON_Delete(x);
    }
    bool ok = pt_json_write(b, o, true);
    cJSON_Delete(o);
    if (!ok)
        return -1;
    pt_buf_addc(b, '\n');
    return 0;
}

int pt_report_write_ex(const struct pt_result *res, const struct pt_result *prev,
                       const struct pt_benchmark *bench, enum pt_report_format format,
                       enum pt_audience audience, struct pt_buf *out)
{
    if (format == PT_REP_JSON)
        return write_json(res, prev, bench, audience, out);
    struct pt_rmodel m;
    if (pt_rmodel_build(res, prev, bench, audience, PT_RMODEL_REPORT, &m) != 0)
        return -1;
    if (format == PT_REP_HTML)
        pt_rmodel_html(&m, out);
    else if (format == PT_REP_MD)
        pt_rmodel_md(&m, out);
    else
        pt_rmodel_csv(&m, out);
    pt_rmodel_free(&m);
    return 0;
}

int pt_report_write(const struct pt_result *res, const struct pt_result *prev,
                    enum pt_report_format format,
                    enum pt_audience audience, struct pt_buf *out)
{
    return pt_report_write_ex(res, prev, NULL, format, audience, out);
}
