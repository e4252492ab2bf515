/*
 * report.c — the feedback report in Markdown, JSON and CSV, and what all
 * report formats share (audiences, who-said-what labels, criterion means).
 * The HTML report is in report_html.c.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json_write.h"
#include "report_common.h"
#include "result.h"

int pt_audience_parse(const char *s, enum pt_audience *out)
{
    if (strcmp(s, "team") == 0)
        *out = PT_AUD_TEAM;
    else if (strcmp(s, "swv") == 0)
        *out = PT_AUD_SWV;
    else if (strcmp(s, "opr") == 0)
        *out = PT_AUD_OPR;
    else
        return -1;
    return 0;
}

const char *pt_audience_name(enum pt_audience a)
{
    return a == PT_AUD_TEAM ? "team" : a == PT_AUD_SWV ? "swv" : "opr";
}

int pt_report_format_parse(const char *s, enum pt_report_format *out)
{
    if (strcmp(s, "html") == 0)
        *out = PT_REP_HTML;
    else if (strcmp(s, "md") == 0)
        *out = PT_REP_MD;
    else if (strcmp(s, "json") == 0)
        *out = PT_REP_JSON;
    else if (strcmp(s, "csv") == 0)
        *out = PT_REP_CSV;
    else
        return -1;
    return 0;
}

void pt_rep_who(const struct pt_toetsmap *t, size_t rater, enum pt_audience aud,
                char *buf, size_t size)
{
    const struct pt_rater *r = &t->assessment->team[rater];
    if (aud == PT_AUD_TEAM)
        snprintf(buf, size, "%s (%s)", r->id, pt_role_name(r->role));
    else
        snprintf(buf, size, "%s", pt_role_name(r->role));
}

bool pt_rep_criterion_mean(const struct pt_result *res, size_t k, double *mean)
{
    double sum = 0;
    size_t n = 0;
    for (size_t c = 0; c < res->t->assessment->ncases; c++) {
        const struct pt_crit_result *x = &res->cases[c].criteria[k];
        if (x->status == PT_CRIT_SCORED) {
            sum += x->score;
            n++;
        }
    }
    if (n)
        *mean = sum / (double)n;
    return n > 0;
}

size_t pt_rep_comments(const struct pt_toetsmap *t, size_t **order)
{
    size_t nk = t->rubric->ncriteria, n = 0;
    size_t *start = pt_xcalloc(nk + 1, sizeof *start);
    for (size_t i = 0; i < t->nscores; i++)
        if (t->scores[i].comment) {
            start[t->scores[i].criterion + 1]++;
            n++;
        }
    for (size_t k = 0; k < nk; k++)
        start[k + 1] += start[k];
    /* a counting sort by criterion: stable, so sheet order within one */
    size_t *v = pt_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < t->nscores; i++)
        if (t->scores[i].comment)
            v[start[t->scores[i].criterion]++] = i;
    free(start);
    *order = v;
    return n;
}

void pt_rep_ranked(const struct pt_result *res, size_t *order, size_t *n)
{
    const struct pt_rubric *r = res->t->rubric;
    double m[1024];
    *n = 0;
    for (size_t k = 0; k < r->ncriteria && *n < 1024; k++)
        if (pt_rep_criterion_mean(res, k, &m[*n]))
            order[(*n)++] = k;
    /* insertion sort, best first; ties keep rubric order */
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && m[j] > m[j - 1] + PT_EPS; j--) {
            double tm = m[j];
            m[j] = m[j - 1];
            m[j - 1] = tm;
            size_t to = order[j];
            order[j] = order[j - 1];
            order[j - 1] = to;
        }
}

/* Markdown: escape what would change the layout. */
static void md_text(struct pt_buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]<>|#!", *s))
            pt_buf_addc(b, '\\');
        pt_buf_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

static void md_num(struct pt_buf *b, bool has, double v, int dec)
{
    char x[32];
    if (has)
        pt_fmt_nl(x, sizeof x, v, dec);
    else
        snprintf(x, sizeof x, "-");
    pt_buf_adds(b, x);
}

static void write_md(const struct pt_result *res, enum pt_audience aud, struct pt_buf *b)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;

    pt_buf_adds(b, "# Praktijktoets ");
    md_text(b, a->id);
    pt_buf_adds(b, "\n\nSamenwerkingsverband ");
    md_text(b, a->swv);
    pt_buf_printf(b, ", %s. Rubric ", a->date);
    md_text(b, r->title);
    pt_buf_printf(b, " (%s@%ld). Rapport voor: %s.\n\n", r->id, r->version, pt_audience_name(aud));

    pt_buf_adds(b, "## Oordeel: ");
    md_text(b, res->verdict_label);
    pt_buf_adds(b, "\n\n");
    for (size_t i = 0; i < res->nreasons; i++) {
        pt_buf_adds(b, "- ");
        md_text(b, res->reasons[i]);
        pt_buf_addc(b, '\n');
    }
    pt_buf_adds(b, "\nTotaalscore: ");
    md_num(b, res->has_overall, res->overall, 2);
    pt_buf_adds(b, " (");
    md_num(b, res->has_overall, res->percent, 2);
    pt_buf_adds(b, "%)\n\n## Kritieke bevindingen\n\n");
    if (!res->nfindings)
        pt_buf_adds(b, "Geen.\n");
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        pt_buf_printf(b, "- Casus %s: ", a->case_ids[f->kase]);
        if (f->is_check) {
            md_text(b, r->checks[f->index].label);
            pt_buf_printf(b, " — %ld dagen (maximaal %ld)\n", f->days, r->checks[f->index].max_days);
        } else {
            md_text(b, r->criteria[f->index].id);
            pt_buf_adds(b, " scoort ");
            md_num(b, true, f->score, 2);
            pt_buf_addc(b, '\n');
        }
    }

    pt_buf_adds(b, "\n## Domeinen\n\n| Domein | Score | Casussen |\n|---|---:|---:|\n");
    for (size_t d = 0; d < r->ndomains; d++) {
        pt_buf_adds(b, "| ");
        md_text(b, r->domains[d].title);
        pt_buf_adds(b, " | ");
        md_num(b, res->has_domain[d], res->domain[d], 2);
        pt_buf_printf(b, " | %zu |\n", res->domain_cases[d]);
    }

    pt_buf_adds(b, "\n## Termijnen per casus\n\n| Casus | Termijn | Status | Dagen |\n|---|---|---|---:|\n");
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct pt_check_result *x = &res->cases[c].checks[i];
            if (x->status == PT_CHECK_NA)
                continue;
            pt_buf_printf(b, "| %s | ", a->case_ids[c]);
            md_text(b, r->checks[i].label);
            pt_buf_printf(b, " | %s | %ld |\n", pt_check_status_name(x->status), x->days);
        }

    pt_buf_adds(b, "\n## Bespreekpunten\n\n");
    size_t nd = 0;
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t k = 0; k < r->ncriteria; k++) {
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            if (x->status != PT_CRIT_SCORED || !x->disagreement)
                continue;
            pt_buf_printf(b, "- Casus %s, %s: spreiding ", a->case_ids[c], r->criteria[k].id);
            md_num(b, true, x->spread, 0);
            if (x->na)
                pt_buf_printf(b, ", %zu keer nvt", x->na);
            pt_buf_addc(b, '\n');
            nd++;
        }
    if (!nd)
        pt_buf_adds(b, "Geen.\n");

    pt_buf_adds(b, "\n## Betrouwbaarheid\n\nKrippendorff's alpha (ordinaal): ");
    md_num(b, res->alpha.has_ordinal, res->alpha.ordinal, 3);
    pt_buf_adds(b, ", interval: ");
    md_num(b, res->alpha.has_interval, res->alpha.interval, 3);
    pt_buf_printf(b, ", over %zu eenheden: %s.\n", res->alpha.units,
                  res->alpha.has_ordinal ? pt_alpha_interpretation(res->alpha.ordinal)
                                         : "niet te berekenen");

    pt_buf_adds(b, "\n## Perspectieven van de geledingen\n\n| Domein |");
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(b, " %s |", pt_role_name(res->roles[j]));
    pt_buf_adds(b, " verschil |\n|---|");
    for (size_t j = 0; j <= res->nroles; j++)
        pt_buf_adds(b, "---:|");
    pt_buf_addc(b, '\n');
    for (size_t d = 0; d < r->ndomains; d++) {
        pt_buf_adds(b, "| ");
        md_text(b, r->domains[d].title);
        pt_buf_adds(b, " |");
        for (size_t j = 0; j < res->nroles; j++) {
            pt_buf_addc(b, ' ');
            md_num(b, res->has_role_mean[d * res->nroles + j], res->role_mean[d * res->nroles + j], 2);
            pt_buf_adds(b, " |");
        }
        pt_buf_addc(b, ' ');
        md_num(b, res->has_gap[d], res->gap[d], 2);
        pt_buf_adds(b, res->gap_flag[d] ? " **let op** |\n" : " |\n");
    }

    pt_buf_adds(b, "\n## Toelichtingen per criterium\n\n");
    size_t *com = NULL, ncom = pt_rep_comments(t, &com);
    for (size_t i = 0; i < ncom; i++) {
        const struct pt_score *s = &t->scores[com[i]];
        if (i == 0 || t->scores[com[i - 1]].criterion != s->criterion) {
            if (i)
                pt_buf_addc(b, '\n');
            pt_buf_adds(b, "### ");
            md_text(b, r->criteria[s->criterion].id);
            pt_buf_adds(b, "\n\n");
        }
        char who[128];
        pt_rep_who(t, s->rater, aud, who, sizeof who);
        pt_buf_printf(b, "- Casus %s, ", a->case_ids[s->kase]);
        md_text(b, who);
        pt_buf_adds(b, ": ");
        md_text(b, s->comment);
        pt_buf_addc(b, '\n');
    }
    if (ncom)
        pt_buf_addc(b, '\n');
    free(com);

    pt_buf_printf(b, "## Spiegelteam\n\n%zu leden", a->nteam);
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(b, "%s%s %zu", j ? ", " : ": ", pt_role_name(res->roles[j]),
                      res->role_members[res->roles[j]]);
    pt_buf_adds(b, res->team_complete ? ". Alle vier geledingen deden mee.\n"
                                      : ". Niet alle vier geledingen deden mee.\n");
}

static void write_csv(const struct pt_result *res, enum pt_audience aud, struct pt_buf *b)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    const char d = ';';
    char x[32];

    pt_buf_adds(b, "\xEF\xBB\xBF" "case;domain;criterion;status;score;n;spread;disagreement;nvt");
    /* team: a column per rater; swv/opr: a column per role with its levels */
    size_t ncols = aud == PT_AUD_TEAM ? a->nteam : res->nroles;
    for (size_t j = 0; j < ncols; j++) {
        pt_buf_addc(b, d);
        pt_csv_write_field(b, aud == PT_AUD_TEAM ? a->team[j].id : pt_role_name(res->roles[j]), d);
    }
    pt_buf_adds(b, "\r\n");
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t k = 0; k < r->ncriteria; k++) {
            const struct pt_crit_result *cr = &res->cases[c].criteria[k];
            bool sc = cr->status == PT_CRIT_SCORED;
            pt_csv_write_field(b, a->case_ids[c], d);
            pt_buf_addc(b, d);
            pt_csv_write_field(b, r->domains[r->criteria[k].domain].id, d);
            pt_buf_addc(b, d);
            pt_csv_write_field(b, r->criteria[k].id, d);
            pt_buf_printf(b, ";%s;", pt_crit_status_name(cr->status));
            if (sc) {
                pt_fmt_nl(x, sizeof x, cr->score, 2);
                pt_buf_printf(b, "%s;%zu;", x, cr->n);
                pt_fmt_nl(x, sizeof x, cr->spread, 2);
                pt_buf_printf(b, "%s;%s", x, cr->disagreement ? "ja" : "nee");
            } else {
                pt_buf_adds(b, ";;;");
            }
            pt_buf_printf(b, ";%zu", cr->na);
            for (size_t j = 0; j < ncols; j++) {
                struct pt_buf cell = {0};
                for (size_t i = 0; i < a->nteam; i++) {
                    if (aud == PT_AUD_TEAM ? i != j : a->team[i].role != res->roles[j])
                        continue;
                    size_t s = pt_toetsmap_slot(t, c, k, i);
                    if (!s)
                        continue;
                    if (cell.len)
                        pt_buf_addc(&cell, ' ');
                    if (t->scores[s - 1].nvt)
                        pt_buf_adds(&cell, "nvt");
                    else
                        pt_buf_printf(&cell, "%d", t->scores[s - 1].level);
                }
                pt_buf_addc(b, d);
                pt_csv_write_field(b, cell.data ? cell.data : "", d);
                pt_buf_free(&cell);
            }
            pt_buf_adds(b, "\r\n");
        }
}

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

bool pt_rep_prev_domain(const struct pt_result *prev, const char *id, double *score)
{
    const struct pt_rubric *r = prev->t->rubric;
    for (size_t d = 0; d < r->ndomains; d++)
        if (strcmp(r->domains[d].id, id) == 0 && prev->has_domain[d]) {
            *score = prev->domain[d];
            return true;
        }
    return false;
}

static void md_trend(const struct pt_result *res, const struct pt_result *prev, struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    pt_buf_adds(b, "\n## Ontwikkeling sinds ");
    md_text(b, prev->t->assessment->id);
    pt_buf_printf(b, " (%s)\n\n| | Vorige | Nu | Verschil |\n|---|---:|---:|---:|\n",
                  prev->t->assessment->date);
    pt_buf_adds(b, "| Totaal | ");
    md_num(b, prev->has_overall, prev->overall, 2);
    pt_buf_adds(b, " | ");
    md_num(b, res->has_overall, res->overall, 2);
    pt_buf_adds(b, " | ");
    md_num(b, prev->has_overall && res->has_overall, res->overall - prev->overall, 2);
    pt_buf_adds(b, " |\n");
    for (size_t d = 0; d < r->ndomains; d++) {
        double p = 0;
        bool hp = pt_rep_prev_domain(prev, r->domains[d].id, &p);
        pt_buf_adds(b, "| ");
        md_text(b, r->domains[d].title);
        pt_buf_adds(b, " | ");
        md_num(b, hp, p, 2);
        pt_buf_adds(b, " | ");
        md_num(b, res->has_domain[d], res->domain[d], 2);
        pt_buf_adds(b, " | ");
        md_num(b, hp && res->has_domain[d], res->domain[d] - p, 2);
        pt_buf_adds(b, " |\n");
    }
}

void pt_rep_bench_row(const struct pt_result *res, const struct pt_benchmark *bm, size_t d,
                      struct pt_rep_bench_row *row)
{
    const struct pt_rubric *r = res->t->rubric;
    row->is_total = d == r->ndomains;
    const struct pt_bench_stats *st = row->is_total ? &bm->overall
                                                    : pt_benchmark_domain(bm, r->domains[d].id);
    row->title = row->is_total ? "Totaal" : r->domains[d].title;
    row->has_own = row->is_total ? res->has_overall : res->has_domain[d];
    row->own = row->is_total ? res->overall : res->domain[d];
    row->has = st && st->has;
    const double v[] = {row->has ? st->q1 : 0, row->has ? st->median : 0,
                        row->has ? st->q3 : 0};
    memcpy(row->v, v, sizeof v);
    row->position = row->has && row->has_own ? pt_benchmark_position(st, row->own) : "";
}

static void md_national(const struct pt_result *res, const struct pt_benchmark *bm,
                        struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    pt_buf_printf(b, "\n## Landelijke vergelijking\n\nNaast %ld samenwerkingsverbanden met "
                  "dezelfde rubric.\n\n| | Dit swv | 1e kwartiel | Mediaan | "
                  "3e kwartiel | Positie |\n|---|---:|---:|---:|---:|---|\n",
                  bm->swvs);
    for (size_t d = 0; d <= r->ndomains; d++) {
        struct pt_rep_bench_row row;
        pt_rep_bench_row(res, bm, d, &row);
        pt_buf_adds(b, "| ");
        md_text(b, row.title);
        pt_buf_adds(b, " | ");
        md_num(b, row.has_own, row.own, 2);
        for (size_t i = 0; i < 3; i++) {
            pt_buf_adds(b, " | ");
            md_num(b, row.has, row.v[i], 1);
        }
        pt_buf_printf(b, " | %s |\n", row.position);
    }
}

int pt_report_write_ex(const struct pt_result *res, const struct pt_result *prev,
                       const struct pt_benchmark *bench, enum pt_report_format format,
                       enum pt_audience audience, struct pt_buf *out)
{
    switch (format) {
    case PT_REP_MD:
        write_md(res, audience, out);
        if (bench)
            md_national(res, bench, out);
        if (prev)
            md_trend(res, prev, out);
        return 0;
    case PT_REP_CSV:
        write_csv(res, audience, out);
        return 0;
    case PT_REP_JSON:
        return write_json(res, prev, bench, audience, out);
    case PT_REP_HTML:
        pt_report_html(res, prev, bench, audience, out);
        return 0;
    }
    return -1;
}

int pt_report_write(const struct pt_result *res, const struct pt_result *prev,
                    enum pt_report_format format,
                    enum pt_audience audience, struct pt_buf *out)
{
    return pt_report_write_ex(res, prev, NULL, format, audience, out);
}
