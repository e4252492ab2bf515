/*
 * report_html.c — the feedback report as one self-contained HTML file:
 * inline CSS and SVG, no scripts, no external resources; readable on a
 * phone and printable to A4. Every text from cases, comments and rubrics
 * goes through esc().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_common.h"
#include "html.h"
#include "util.h"

static void esc(struct pt_buf *b, const char *s)
{
    pt_html_esc(b, s);
}

static void num(struct pt_buf *b, bool has, double v, int dec)
{
    char x[32];
    if (has)
        pt_fmt_nl(x, sizeof x, v, dec);
    else
        snprintf(x, sizeof x, "–");
    pt_buf_adds(b, x);
}

/* Cell colour for a score on the scale: red (lo) → amber → green (hi). */
static const char *heat(const struct pt_rubric *r, double v)
{
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    double f = (v - lo) / (hi - lo);
    if (f < 0.25) return "#f4b6b0";
    if (f < 0.5) return "#f9d9a8";
    if (f < 0.75) return "#e3eeb0";
    return "#b9e0b4";
}

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
    "max-width:60rem;padding:1rem;color:#1d1d1d;line-height:1.45}"
    "h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;border-bottom:2px solid #ddd;"
    "padding-bottom:.2rem;margin-top:1.6rem}.meta{color:#555}"
    ".verdict{padding:.8rem 1rem;border-radius:.4rem;margin:1rem 0;border-left:.5rem solid}"
    ".v-good{background:#e7f5e6;border-color:#3c8d3a}.v-mid{background:#fff4dc;border-color:#d39a19}"
    ".v-bad{background:#fde8e6;border-color:#c0392b}.v-none{background:#eee;border-color:#777}"
    ".verdict strong{font-size:1.3rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}"
    "th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left}td.n{text-align:right}"
    ".scroll{overflow-x:auto}.heat td{text-align:center;min-width:2.2rem}"
    ".warn{background:#fff4dc;padding:.4rem .7rem;border-radius:.3rem}"
    ".flag{color:#c0392b;font-weight:bold}svg{max-width:100%;height:auto}"
    ".chart{overflow-x:auto}.chart svg{min-width:36rem}"
    "@media print{body{max-width:none;font-size:10pt}h2{break-after:avoid}"
    ".verdict,svg,tr{break-inside:avoid}.heat{font-size:7pt}.chart svg{min-width:0}}"
    "@page{size:A4;margin:15mm}";

static void domain_chart(const struct pt_result *res, struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    const int left = 330, width = 360, row = 26;
    const int bottom = (int)r->ndomains * row + 12;    /* where the axis is */
    int height = bottom + 24 + (int)r->nverdicts * 14;
    pt_buf_printf(b, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Domeinscores\" "
                  "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">", left + width + 60, height);
    for (size_t d = 0; d < r->ndomains; d++) {
        int y = (int)d * row + 10;
        pt_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 15);
        esc(b, r->domains[d].title);
        pt_buf_adds(b, "</text>");
        if (!res->has_domain[d])
            continue;
        double f = (res->domain[d] - lo) / (hi - lo);
        pt_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\" "
                      "stroke=\"#888\"/>", left, y + 2, f * width, heat(r, res->domain[d]));
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%d\">", left + f * width + 4, y + 15);
        num(b, true, res->domain[d], 2);
        pt_buf_adds(b, "</text>");
    }
    /* the scale as an axis */
    pt_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                  left, left + width, bottom, bottom);
    for (size_t i = 0; i < r->nscale; i++) {
        double f = (r->scale[i] - lo) / (hi - lo);
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d"
                      "</text>", left + f * width, bottom + 12, r->scale[i]);
    }
    /* the verdict thresholds for a domain, drawn as lines, labels stacked */
    for (size_t v = 0; v < r->nverdicts; v++) {
        double f = (r->verdicts[v].min_domain - lo) / (hi - lo);
        int ly = bottom + 26 + (int)v * 14;
        pt_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"%d\" stroke=\"#333\" "
                      "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\">",
                      left + f * width, left + f * width, ly - 9, left + f * width + 3, ly);
        esc(b, r->verdicts[v].label);
        pt_buf_adds(b, ": elk domein minstens ");
        num(b, true, r->verdicts[v].min_domain, 1);
        pt_buf_adds(b, "</text>");
    }
    pt_buf_adds(b, "</svg>");
}

static void perspective_chart(const struct pt_result *res, struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    pt_buf_adds(b, "<div class=\"scroll\"><table class=\"heat\"><tr><th>Domein</th>");
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(b, "<th>%s</th>", pt_role_label(res->roles[j]));
    pt_buf_adds(b, "<th>verschil</th></tr>");
    for (size_t d = 0; d < r->ndomains; d++) {
        pt_buf_adds(b, "<tr><th>");
        esc(b, r->domains[d].title);
        pt_buf_adds(b, "</th>");
        for (size_t j = 0; j < res->nroles; j++) {
            size_t i = d * res->nroles + j;
            if (res->has_role_mean[i]) {
                pt_buf_printf(b, "<td style=\"background:%s\">", heat(r, res->role_mean[i]));
                num(b, true, res->role_mean[i], 2);
                pt_buf_adds(b, "</td>");
            } else {
                pt_buf_adds(b, "<td>–</td>");
            }
        }
        pt_buf_printf(b, "<td class=\"%s\">", res->gap_flag[d] ? "flag" : "n");
        num(b, res->has_gap[d], res->gap[d], 2);
        pt_buf_adds(b, res->gap_flag[d] ? " ⚑</td></tr>" : "</td></tr>");
    }
    pt_buf_adds(b, "</table></div>");
}

/* Disagreements, largest spread first, for the team's discussion. */
static void discussion(const struct pt_result *res, struct pt_buf *b)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    size_t nc = t->assessment->ncases, nk = r->ncriteria, n = 0;
    size_t cells = nc * nk;
    size_t *idx = pt_xmalloc((cells ? cells : 1) * sizeof *idx);
    for (size_t c = 0; c < nc; c++)
        for (size_t k = 0; k < nk; k++) {
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            if (x->status == PT_CRIT_SCORED && x->disagreement)
                idx[n++] = c * nk + k;
        }
    /* stable insertion sort on spread, largest first */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            const struct pt_crit_result *x = &res->cases[idx[j] / nk].criteria[idx[j] % nk];
            const struct pt_crit_result *y = &res->cases[idx[j - 1] / nk].criteria[idx[j - 1] % nk];
            if (x->spread <= y->spread)
                break;
            size_t tmp = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = tmp;
        }
    pt_buf_printf(b, "<section><h2>Bespreekpunten</h2><p>%zu keer lopen de beoordelaars uiteen "
                  "(spreiding van %s of meer, of een deel vond het niet van toepassing).</p>",
                  n, r->disagreement_spread == 2 ? "2" : "de drempel");
    if (n)
        pt_buf_adds(b, "<div class=\"scroll\"><table><tr><th>Casus</th><th>Criterium</th>"
                       "<th>Spreiding</th><th>nvt</th></tr>");
    for (size_t i = 0; i < n; i++) {
        const struct pt_crit_result *x = &res->cases[idx[i] / nk].criteria[idx[i] % nk];
        pt_buf_printf(b, "<tr><td>%s</td><td>", t->assessment->case_ids[idx[i] / nk]);
        esc(b, r->criteria[idx[i] % nk].question);
        pt_buf_adds(b, "</td><td class=\"n\">");
        num(b, true, x->spread, 0);
        pt_buf_printf(b, "</td><td class=\"n\">%zu</td></tr>", x->na);
    }
    if (n)
        pt_buf_adds(b, "</table></div>");
    pt_buf_adds(b, "</section>\n");
    free(idx);
}

static void trend(const struct pt_result *res, const struct pt_result *prev, struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    pt_buf_adds(b, "<section><h2>Ontwikkeling sinds de vorige praktijktoets</h2><p class=\"meta\">");
    esc(b, prev->t->assessment->id);
    pt_buf_printf(b, " (%s)</p><table><tr><th></th><th>Vorige</th><th>Nu</th><th>Verschil</th></tr>",
                  prev->t->assessment->date);
    for (size_t d = 0; d <= r->ndomains; d++) {
        bool hp, hn;
        double p = 0, n;
        if (d == r->ndomains) {
            hp = prev->has_overall;
            p = prev->overall;
            hn = res->has_overall;
            n = res->overall;
            pt_buf_adds(b, "<tr><th>Totaal</th>");
        } else {
            hp = pt_rep_prev_domain(prev, r->domains[d].id, &p);
            hn = res->has_domain[d];
            n = res->domain[d];
            pt_buf_adds(b, "<tr><th>");
            esc(b, r->domains[d].title);
            pt_buf_adds(b, "</th>");
        }
        pt_buf_adds(b, "<td class=\"n\">");
        num(b, hp, p, 2);
        pt_buf_adds(b, "</td><td class=\"n\">");
        num(b, hn, n, 2);
        pt_buf_adds(b, "</td><td class=\"n\">");
        if (hp && hn)
            pt_buf_adds(b, n - p > PT_EPS ? "▲ +" : n - p < -PT_EPS ? "▼ " : "= ");
        num(b, hp && hn, n - p, 2);
        pt_buf_adds(b, "</td></tr>");
    }
    pt_buf_adds(b, "</table></section>\n");
}

/* List items for the ranked criteria order[from..to): question and mean. */
static void criteria_items(const struct pt_result *res, const size_t *order, size_t from,
                           size_t to, struct pt_buf *b)
{
    for (size_t i = from; i < to; i++) {
        double m = 0;
        pt_rep_criterion_mean(res, order[i], &m);
        pt_buf_adds(b, "<li>");
        esc(b, res->t->rubric->criteria[order[i]].question);
        pt_buf_adds(b, " — ");
        num(b, true, m, 2);
        pt_buf_adds(b, "</li>");
    }
}

/* The SWV beside the national distribution: a box plot per domain (box
 * from the first to the third quartile, a line at the median, whiskers to
 * the lowest and highest) with the SWV's own score as a dot, and the same
 * numbers as a table. */
static void national(const struct pt_result *res, const struct pt_benchmark *bm,
                     struct pt_buf *b)
{
    const struct pt_rubric *r = res->t->rubric;
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    const int left = 330, width = 360, row = 26;
    size_t rows = r->ndomains + 1;
    int bottom = (int)rows * row + 12;
    pt_buf_printf(b, "<section><h2>Landelijke vergelijking</h2><p>De scores van dit "
                  "samenwerkingsverband (●) naast die van %ld samenwerkingsverbanden met "
                  "dezelfde rubric: de balk loopt van het eerste tot het derde kwartiel, de "
                  "streep is de mediaan, de lijnen lopen tot de laagste en hoogste score.</p>"
                  "<div class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" "
                  "aria-label=\"Landelijke vergelijking\" xmlns=\"http://www.w3.org/2000/svg\" "
                  "font-size=\"12\">", bm->swvs, left + width + 30, bottom + 20);
    for (size_t d = 0; d < rows; d++) {
        struct pt_rep_bench_row br;
        pt_rep_bench_row(res, bm, d, &br);
        int y = (int)d * row + 10;
        pt_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>", left - 8, y + 15,
                      br.is_total ? " font-weight=\"bold\"" : "");
        esc(b, br.title);
        pt_buf_adds(b, "</text>");
#define X(v) (left + ((v) - lo) / (hi - lo) * width)
        if (br.has) {
            pt_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#777\"/>",
                          X(br.v[0]), X(br.v[4]), y + 11, y + 11);
            pt_buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" "
                          "fill=\"#d6e4f0\" stroke=\"#4a6f8a\"/>", X(br.v[1]), y + 4,
                          X(br.v[3]) - X(br.v[1]));
            pt_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                          "stroke=\"#1d3c52\" stroke-width=\"2\"/>", X(br.v[2]),
                          X(br.v[2]), y + 3, y + 19);
        }
        if (br.has_own)
            pt_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#c0392b\"/>",
                          X(br.own), y + 11);
    }
    pt_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                  left, left + width, bottom, bottom);
    for (size_t i = 0; i < r->nscale; i++)
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d"
                      "</text>", X(r->scale[i]), bottom + 12, r->scale[i]);
#undef X
    pt_buf_adds(b, "</svg></div><div class=\"scroll\"><table><tr><th>Domein</th><th>Dit swv</th>"
                   "<th>Laagste</th><th>1e kwartiel</th><th>Mediaan</th><th>3e kwartiel</th>"
                   "<th>Hoogste</th><th>Positie</th></tr>");
    for (size_t d = 0; d < rows; d++) {
        struct pt_rep_bench_row br;
        pt_rep_bench_row(res, bm, d, &br);
        pt_buf_adds(b, "<tr><th>");
        esc(b, br.title);
        pt_buf_adds(b, "</th><td class=\"n\">");
        num(b, br.has_own, br.own, 2);
        for (size_t i = 0; i < 5; i++) {
            pt_buf_adds(b, "</td><td class=\"n\">");
            num(b, br.has, br.v[i], 2);
        }
        pt_buf_adds(b, "</td><td>");
        esc(b, br.position);
        pt_buf_adds(b, "</td></tr>");
    }
    pt_buf_adds(b, "</table></div></section>\n");
}

void pt_report_html(const struct pt_result *res, const struct pt_result *prev,
                    const struct pt_benchmark *bench, enum pt_audience aud, struct pt_buf *b)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    const char *vclass = strcmp(res->verdict_id, "geen-oordeel") == 0 ? "v-none"
                         : res->nfindings || strcmp(res->verdict_id, r->fallback.id) == 0 ? "v-bad"
                         : (r->nverdicts && strcmp(res->verdict_id, r->verdicts[0].id) == 0) ? "v-good"
                                                                                         : "v-mid";

    pt_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>Praktijktoets ");
    esc(b, a->id);
    pt_buf_printf(b, "</title><style>%s</style></head><body>\n", css);
    pt_buf_adds(b, "<h1>Praktijktoets passend onderwijs</h1><p class=\"meta\">");
    esc(b, a->id);
    pt_buf_adds(b, " · samenwerkingsverband ");
    esc(b, a->swv);
    pt_buf_printf(b, " · %s · rapport voor: %s</p>\n", a->date, pt_audience_name(aud));

    pt_buf_printf(b, "<section><div class=\"verdict %s\"><strong>", vclass);
    esc(b, res->verdict_label);
    pt_buf_adds(b, "</strong><br>Totaalscore ");
    num(b, res->has_overall, res->overall, 2);
    pt_buf_adds(b, " (");
    num(b, res->has_overall, res->percent, 2);
    pt_buf_adds(b, "%)<ul>");
    for (size_t i = 0; i < res->nreasons; i++) {
        pt_buf_adds(b, "<li>");
        esc(b, res->reasons[i]);
        pt_buf_adds(b, "</li>");
    }
    pt_buf_adds(b, "</ul></div></section>\n");

    pt_buf_adds(b, "<section><h2>Kritieke bevindingen</h2>");
    if (!res->nfindings)
        pt_buf_adds(b, "<p>Geen.</p>");
    else
        pt_buf_adds(b, "<ul>");
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        pt_buf_printf(b, "<li>Casus %s: ", a->case_ids[f->kase]);
        if (f->is_check) {
            esc(b, r->checks[f->index].label);
            pt_buf_printf(b, " — %ld dagen (maximaal %ld)", f->days, r->checks[f->index].max_days);
        } else {
            esc(b, r->criteria[f->index].question);
            pt_buf_adds(b, " — score ");
            num(b, true, f->score, 2);
        }
        pt_buf_adds(b, "</li>");
    }
    if (res->nfindings)
        pt_buf_adds(b, "</ul>");
    pt_buf_adds(b, "</section>\n<section><h2>Domeinscores</h2><div class=\"chart\">");
    domain_chart(res, b);
    pt_buf_adds(b, "</div></section>\n");
    if (bench)
        national(res, bench, b);
    if (prev)
        trend(res, prev, b);

    size_t order[1024], n = 0;
    pt_rep_ranked(res, order, &n);
    pt_buf_adds(b, "<section><h2>Sterke punten en verbeterpunten</h2><p><b>Sterk:</b></p><ul>");
    criteria_items(res, order, 0, n < 3 ? n : 3, b);
    pt_buf_adds(b, "</ul><p><b>Verbeterpunten:</b></p><ul>");
    criteria_items(res, order, n > 3 ? n - 3 : 0, n, b);
    pt_buf_adds(b, "</ul></section>\n");

    pt_buf_adds(b, "<section><h2>Casussen × criteria</h2><div class=\"scroll\"><table class=\"heat\">"
                   "<tr><th>Criterium</th>");
    for (size_t c = 0; c < a->ncases; c++)
        pt_buf_printf(b, "<th>%s</th>", a->case_ids[c]);
    pt_buf_adds(b, "</tr>");
    for (size_t k = 0; k < r->ncriteria; k++) {
        pt_buf_adds(b, "<tr><th title=\"");
        esc(b, r->criteria[k].question);
        pt_buf_adds(b, "\">");
        esc(b, r->criteria[k].id);
        pt_buf_adds(b, "</th>");
        for (size_t c = 0; c < a->ncases; c++) {
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            if (x->status == PT_CRIT_SCORED) {
                pt_buf_printf(b, "<td style=\"background:%s\">", heat(r, x->score));
                num(b, true, x->score, 1);
                pt_buf_adds(b, x->disagreement ? "*</td>" : "</td>");
            } else {
                pt_buf_printf(b, "<td>%s</td>", x->status == PT_CRIT_NVT ? "nvt" : "?");
            }
        }
        pt_buf_adds(b, "</tr>");
    }
    pt_buf_adds(b, "</table></div><p class=\"meta\">* de beoordelaars lopen uiteen; ? te weinig "
                   "beoordelaars.</p></section>\n");

    pt_buf_adds(b, "<section><h2>Termijnen per casus</h2><div class=\"scroll\"><table>"
                   "<tr><th>Casus</th><th>Termijn</th><th>Status</th><th>Dagen</th></tr>");
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct pt_check_result *x = &res->cases[c].checks[i];
            if (x->status == PT_CHECK_NA)
                continue;
            pt_buf_printf(b, "<tr><td>%s</td><td>", a->case_ids[c]);
            esc(b, r->checks[i].label);
            pt_buf_printf(b, "</td><td class=\"%s\">%s</td><td class=\"n\">%ld</td></tr>",
                          x->status == PT_CHECK_FAIL ? "flag" : "",
                          x->status == PT_CHECK_OK ? "op tijd" : x->status == PT_CHECK_OPEN
                              ? "loopt nog" : "te laat", x->days);
        }
    pt_buf_adds(b, "</table></div></section>\n");

    discussion(res, b);
    pt_buf_adds(b, "<section><h2>Perspectieven van de geledingen</h2>");
    perspective_chart(res, b);
    pt_buf_adds(b, "</section>\n<section><h2>Betrouwbaarheid van het spiegelteam</h2><p>"
                   "Krippendorff's alpha (ordinaal) ");
    num(b, res->alpha.has_ordinal, res->alpha.ordinal, 3);
    pt_buf_adds(b, ", interval ");
    num(b, res->alpha.has_interval, res->alpha.interval, 3);
    pt_buf_printf(b, ", over %zu eenheden: <b>%s</b>.</p>", res->alpha.units,
                  res->alpha.has_ordinal ? pt_alpha_interpretation(res->alpha.ordinal)
                                         : "niet te berekenen");
    if (res->alpha.units < 30)
        pt_buf_adds(b, "<p class=\"warn\">Het aantal beoordeelde eenheden is klein; lees dit "
                       "getal met voorzichtigheid.</p>");
    pt_buf_adds(b, "</section>\n<section><h2>Toelichtingen per criterium</h2>");
    size_t *com = NULL, ncom = pt_rep_comments(t, &com);
    for (size_t i = 0; i < ncom; i++) {
        const struct pt_score *s = &t->scores[com[i]];
        if (i == 0 || t->scores[com[i - 1]].criterion != s->criterion) {
            pt_buf_adds(b, i ? "</ul><h3>" : "<h3>");
            esc(b, r->criteria[s->criterion].question);
            pt_buf_adds(b, "</h3><ul>");
        }
        char who[128];
        pt_rep_who(t, s->rater, aud, who, sizeof who);
        pt_buf_printf(b, "<li>Casus %s, ", a->case_ids[s->kase]);
        esc(b, who);
        pt_buf_adds(b, ": ");
        esc(b, s->comment);
        pt_buf_adds(b, "</li>");
    }
    if (ncom)
        pt_buf_adds(b, "</ul>");
    free(com);
    pt_buf_printf(b, "</section>\n<section><h2>Spiegelteam</h2><p>%zu leden", a->nteam);
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(b, "%s%s %zu", j ? ", " : ": ", pt_role_name(res->roles[j]),
                      res->role_members[res->roles[j]]);
    pt_buf_adds(b, res->team_complete ? ". Alle vier geledingen deden mee.</p>"
                                      : ".</p><p class=\"warn\">Niet alle vier geledingen "
                                        "(management, ouders, personeel, gemeente) deden mee.</p>");
    pt_buf_adds(b, "<p class=\"meta\">Rubric: ");
    esc(b, r->title);
    pt_buf_printf(b, " (%s@%ld)</p></section>\n</body></html>\n", r->id, r->version);
}
