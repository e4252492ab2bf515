/*
 * central_dashboard_html.c — the page of the national dashboard (see
 * central_dashboard.h): Dutch, no script, one <style> allowed by its hash,
 * SVG charts with a title and description each and a table beside them,
 * one column on a phone, two on a wide screen, printable.
 */
#include "central_dashboard.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "central_sha256.h"
#include "html.h"

static const char css[] =
    ":root{color-scheme:light}"
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}"
    "header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}"
    "header{padding-top:1rem}"
    "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}"
    "h2{font-size:1.35rem;border-top:4px solid #1f4e79;padding-top:.75rem;margin:2.5rem 0 .5rem}"
    "h3{font-size:1.1rem;margin:1.75rem 0 .5rem}"
    "p{margin:.5rem 0;max-width:48rem}"
    ".note{color:#3b3b3b}"
    ".grid{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem 2rem}"
    "@media (min-width:52rem){.grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr);"
    "align-items:start}}"
    "figure{margin:0}"
    "figcaption{font-weight:600;margin-bottom:.25rem}"
    "svg{display:block;width:100%;height:auto;max-width:34rem}"
    "table{border-collapse:collapse;width:100%;font-size:.92rem}"
    "caption{text-align:left;font-weight:600;padding-bottom:.25rem}"
    "th,td{border-bottom:1px solid #767676;padding:.3rem .4rem;text-align:right;"
    "vertical-align:top}"
    "thead th{border-bottom:2px solid #1a1a1a}"
    "td{white-space:nowrap}"
    "th:first-child,td:first-child{text-align:left;overflow-wrap:anywhere;white-space:normal}"
    "nav ul{padding-left:1.25rem}"
    "a{color:#0b4f8a}"
    "footer{margin-top:3rem;padding-bottom:2rem;border-top:1px solid #767676}"
    "@media print{header,main,footer{max-width:none;padding:0}"
    "nav{display:none}.rubric+.rubric{break-before:page}"
    "figure,table{break-inside:avoid}h2,h3{break-after:avoid}"
    ".grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}";

void pc_dashboard_csp(char *out, size_t size)
{
    uint8_t digest[PC_SHA256_SIZE];
    char hash[48];
    pc_sha256(css, sizeof css - 1, digest);
    pt_base64(digest, sizeof digest, hash, false);
    snprintf(out, size,
             "default-src 'none'; style-src 'sha256-%s'; img-src 'none'; base-uri 'none'; "
             "form-action 'none'; frame-ancestors 'none'", hash);
}

static void esc(struct pt_buf *b, const char *s)
{
    pt_html_esc(b, s);
}

/* One decimal with a decimal comma, as Dutch readers write it. */
static const char *fmt1(double v, char out[32])
{
    snprintf(out, 32, "%.1f", v);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = ',';
    if (strcmp(out, "-0,0") == 0)
        snprintf(out, 32, "0,0");
    return out;
}

static const char *count_text(const struct pc_dash_cell *c, char out[32])
{
    if (c->shown)
        snprintf(out, 32, "%zu", c->n);
    else
        snprintf(out, 32, "minder dan %d", PC_DASH_MIN_SWVS);
    return out;
}

static void head(struct pt_buf *b)
{
    pt_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"robots\" content=\"noindex\">\n"
                   "<title>Dashboard passend onderwijs — praktijktoets</title>\n<style>");
    pt_buf_adds(b, css);
    pt_buf_adds(b, "</style>\n</head>\n<body>\n");
}

static void intro(struct pt_buf *b, const struct pc_dash_rubric *r, size_t n, const char *snap)
{
    pt_buf_adds(b, "<header>\n<h1>Dashboard passend onderwijs</h1>\n<p>Landelijk overzicht van "
                   "de praktijktoetsen van de samenwerkingsverbanden (SWV's): per rubric het "
                   "laatste resultaat van elk SWV.</p>\n<p class=\"note\">Geen SWV wordt "
                   "genoemd. Verdelingen verschijnen pas vanaf ");
    pt_buf_printf(b, "%d SWV's, zonder laagste of hoogste waarde, afgerond op één decimaal; "
                     "aantallen onder de %d worden niet getoond. Momentopname: ",
                  PC_DASH_MIN_SWVS, PC_DASH_MIN_SWVS);
    esc(b, snap);
    pt_buf_adds(b, ".</p>\n");
    if (n > 1) {
        pt_buf_adds(b, "<nav aria-label=\"Rubrics\">\n<ul>\n");
        for (size_t i = 0; i < n; i++) {
            pt_buf_printf(b, "<li><a href=\"#r%zu\">", i + 1);
            esc(b, r[i].id);
            pt_buf_printf(b, " (versie %ld)</a></li>\n", r[i].version);
        }
        pt_buf_adds(b, "</ul>\n</nav>\n");
    }
    pt_buf_adds(b, "</header>\n<main>\n");
}

/* A table: its caption and column heads (text without markup), then rows
 * that each start with row_head, then table_close. */
static void table_open(struct pt_buf *b, const char *caption, const char *const *cols,
                       size_t ncols)
{
    pt_buf_adds(b, "<table>\n<caption>");
    pt_buf_adds(b, caption);
    pt_buf_adds(b, "</caption>\n<thead><tr>");
    for (size_t i = 0; i < ncols; i++) {
        pt_buf_adds(b, "<th scope=\"col\">");
        pt_buf_adds(b, cols[i]);
        pt_buf_adds(b, "</th>");
    }
    pt_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

/* A row and its head cell, the label escaped; the caller ends the row. */
static void row_head(struct pt_buf *b, const char *label)
{
    pt_buf_adds(b, "<tr><th scope=\"row\">");
    esc(b, label);
    pt_buf_adds(b, "</th>");
}

static void table_close(struct pt_buf *b)
{
    pt_buf_adds(b, "</tbody>\n</table>\n");
}

static void count_table(struct pt_buf *b, const char *caption, const char *col,
                        const struct pc_dash_cell *cells, size_t n)
{
    char t[32];
    const char *const cols[] = {col, "SWV's"};
    table_open(b, caption, cols, 2);
    for (size_t i = 0; i < n; i++) {
        row_head(b, cells[i].label);
        pt_buf_printf(b, "<td>%s</td></tr>\n", count_text(&cells[i], t));
    }
    table_close(b);
}

#define SVG_W 400.0
#define PAD 12.0

static double xpos(const struct pc_dash_rubric *r, double v)
{
    double f = (v - r->axis_lo) / (r->axis_hi - r->axis_lo);
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return PAD + f * (SVG_W - 2 * PAD);
}

static void svg_open(struct pt_buf *b, const char *id, double height, const char *title)
{
    pt_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                     "role=\"img\" aria-labelledby=\"%s-t %s-d\" font-size=\"15\" "
                     "fill=\"#1a1a1a\">\n<title id=\"%s-t\">", SVG_W, height, id, id, id);
    pt_buf_adds(b, title);
    pt_buf_printf(b, "</title>\n<desc id=\"%s-d\">", id);
}

static const struct pc_dash_box *box_at(const struct pc_dash_rubric *r, size_t i)
{
    return i < r->ndomains ? &r->domains[i] : &r->overall;
}

static void box_desc(struct pt_buf *b, const struct pc_dash_rubric *r)
{
    char q1[32], md[32], q3[32];
    for (size_t i = 0; i <= r->ndomains; i++) {
        const struct pc_dash_box *x = box_at(r, i);
        esc(b, x->id);
        if (x->shown)
            pt_buf_printf(b, ": eerste kwartiel %s, mediaan %s, derde kwartiel %s. ",
                          fmt1(x->q1, q1), fmt1(x->median, md), fmt1(x->q3, q3));
        else
            pt_buf_printf(b, ": te weinig SWV's (%zu). ", x->count);
    }
}

static void axis_svg(struct pt_buf *b, const struct pc_dash_rubric *r, double top, double y)
{
    double span = r->axis_hi - r->axis_lo, step = span <= 10 ? 1 : ceil(span / 10);
    char t[32];
    if (span <= 2)
        step = 0.5;
    pt_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1a\"/>\n",
                  PAD, y, SVG_W - PAD, y);
    /* At most 21 ticks, counted rather than stepped, so that a scale whose
     * step vanishes beside its size cannot loop for ever (fuzzer). */
    double nt = span / step;
    size_t ticks = isfinite(nt) && nt >= 0 && nt <= 20 ? (size_t)nt + 1 : 0;
    for (size_t i = 0; i < ticks; i++) {
        double v = r->axis_lo + (double)i * step;
        double x = xpos(r, v);
        const char *anchor = v == r->axis_lo ? "start" : v + step > r->axis_hi + 1e-9 ? "end"
                                                                                     : "middle";
        pt_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                         "stroke=\"#c4c4c4\"/>\n", x, top, x, y + 4);
        fmt1(v, t);
        if (v == floor(v))
            snprintf(t, sizeof t, "%.0f", v);
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x,
                      y + 20, anchor, t);
    }
}

static void box_svg(struct pt_buf *b, const struct pc_dash_rubric *r, size_t k)
{
    const double row = 54;
    double height = 8 + (double)(r->ndomains + 1) * row + 30;
    char id[32], md[32];
    snprintf(id, sizeof id, "bp%zu", k);
    svg_open(b, id, height, "Spreiding van de scores per domein en totaal");
    box_desc(b, r);
    pt_buf_adds(b, "</desc>\n");
    double axis_y = 8 + (double)(r->ndomains + 1) * row + 4;
    axis_svg(b, r, 4, axis_y);
    for (size_t i = 0; i <= r->ndomains; i++) {
        const struct pc_dash_box *x = box_at(r, i);
        double y0 = 8 + (double)i * row;
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s>", PAD, y0 + 16,
                      i == r->ndomains ? " font-weight=\"bold\"" : "");
        esc(b, x->id);
        if (!x->shown) {
            pt_buf_printf(b, " — te weinig SWV's</text>\n");
            continue;
        }
        pt_buf_printf(b, " · mediaan %s</text>\n", fmt1(x->median, md));
        double a = xpos(r, x->q1), c = xpos(r, x->q3), m = xpos(r, x->median);
        pt_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"22\" "
                         "fill=\"#bcd4ec\" stroke=\"#1f4e79\" stroke-width=\"1.5\"/>\n",
                      a, y0 + 24, c - a < 1 ? 1 : c - a);
        pt_buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                         "stroke=\"#0b2540\" stroke-width=\"4\"/>\n", m, y0 + 21, m, y0 + 49);
    }
    pt_buf_adds(b, "</svg>\n");
}

static void box_table(struct pt_buf *b, const struct pc_dash_rubric *r)
{
    char q1[32], md[32], q3[32];
    static const char *const cols[] = {"Onderdeel", "SWV's", "Q1", "Mediaan", "Q3"};
    table_open(b, "Kwartielen per domein en totaal", cols, 5);
    for (size_t i = 0; i <= r->ndomains; i++) {
        const struct pc_dash_box *x = box_at(r, i);
        row_head(b, x->id);
        pt_buf_printf(b, "<td>%zu</td>", x->count);
        if (x->shown)
            pt_buf_printf(b, "<td>%s</td><td>%s</td><td>%s</td></tr>\n", fmt1(x->q1, q1),
                          fmt1(x->median, md), fmt1(x->q3, q3));
        else
            pt_buf_adds(b, "<td colspan=\"3\">niet getoond (te weinig SWV's)</td></tr>\n");
    }
    table_close(b);
}

/* Horizontal bars: label[i] with value[i] of max, or only a text when
 * hidden[i]. */
struct bar {
    const char *label;
    const char *text;     /* the figure, as shown */
    double value;
    bool hidden;
};

static void bars_svg(struct pt_buf *b, const char *id, const char *title, const struct bar *bars,
                     size_t n, double max)
{
    const double row = 44;
    svg_open(b, id, 8 + (double)n * row, title);
    for (size_t i = 0; i < n; i++) {
        esc(b, bars[i].label);
        pt_buf_printf(b, ": %s. ", bars[i].text);
    }
    pt_buf_adds(b, "</desc>\n");
    for (size_t i = 0; i < n; i++) {
        double y0 = 4 + (double)i * row;
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", PAD, y0 + 15);
        esc(b, bars[i].label);
        pt_buf_printf(b, ": %s</text>\n", bars[i].text);
        if (bars[i].hidden)
            continue;
        double w = max > 0 ? bars[i].value / max * (SVG_W - 2 * PAD) : 0;
        pt_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" "
                         "fill=\"#1f4e79\"/>\n", PAD, y0 + 22, w < 1 ? 1 : w);
    }
    pt_buf_adds(b, "</svg>\n");
}

static void verdict_part(struct pt_buf *b, const struct pc_dash_rubric *r, size_t k)
{
    struct bar bars[64];
    char texts[64][32], id[32];
    size_t n = r->nverdicts < 64 ? r->nverdicts : 64;
    for (size_t i = 0; i < n; i++) {
        bars[i] = (struct bar){r->verdicts[i].label, count_text(&r->verdicts[i], texts[i]),
                               (double)r->verdicts[i].n, !r->verdicts[i].shown};
    }
    pt_buf_adds(b, "<h3>Oordelen</h3>\n<div class=\"grid\">\n<figure>\n"
                   "<figcaption>Aantal SWV's per oordeel</figcaption>\n");
    snprintf(id, sizeof id, "ov%zu", k);
    bars_svg(b, id, "Aantal SWV's per oordeel", bars, n, (double)r->nswvs);
    pt_buf_adds(b, "</figure>\n");
    count_table(b, "Oordelen (laatste resultaat per SWV)", "Oordeel", r->verdicts, n);
    pt_buf_adds(b, "</div>\n");
}

static void miss_table(struct pt_buf *b, const struct pc_dash_rubric *r)
{
    char p[32];
    static const char *const cols[] = {"Termijncheck", "SWV's", "Casussen", "Gemist", "%"};
    table_open(b, "Gemiste termijnen", cols, 5);
    for (size_t i = 0; i < r->nmisses; i++) {
        const struct pc_dash_miss *m = &r->misses[i];
        row_head(b, m->id);
        pt_buf_printf(b, "<td>%zu</td><td>%zu</td><td>%zu</td><td>%s</td></tr>\n", m->swvs,
                      m->applicable, m->missed, fmt1(m->percent, p));
    }
    table_close(b);
}

static void miss_part(struct pt_buf *b, const struct pc_dash_rubric *r, size_t k)
{
    struct bar bars[64];
    char texts[64][48], id[32], p[32];
    size_t n = r->nmisses < 64 ? r->nmisses : 64;
    pt_buf_adds(b, "<h3>Termijnen die het vaakst worden gemist</h3>\n");
    if (n == 0) {
        pt_buf_printf(b, "<p>Geen termijncheck is door ten minste %d SWV's toegepast.</p>\n",
                      PC_DASH_MIN_SWVS);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(texts[i], sizeof texts[i], "%s%% van de casussen", fmt1(r->misses[i].percent, p));
        bars[i] = (struct bar){r->misses[i].id, texts[i], r->misses[i].percent, false};
    }
    pt_buf_adds(b, "<p class=\"note\">Het deel van de casussen waarin de wettelijke termijn "
                   "werd overschreden, van de casussen waarop de check van toepassing was; "
                   "alleen checks die ten minste 10 SWV's toepasten.</p>\n"
                   "<div class=\"grid\">\n<figure>\n<figcaption>Percentage gemiste termijnen"
                   "</figcaption>\n");
    snprintf(id, sizeof id, "tm%zu", k);
    bars_svg(b, id, "Percentage casussen met een gemiste termijn per check", bars, n, 100.0);
    pt_buf_adds(b, "</figure>\n");
    miss_table(b, r);
    pt_buf_adds(b, "</div>\n");
}

static void rubric_section(struct pt_buf *b, const struct pc_dash_rubric *r, size_t k)
{
    pt_buf_printf(b, "<section class=\"rubric\" id=\"r%zu\" aria-labelledby=\"r%zu-h\">\n"
                     "<h2 id=\"r%zu-h\">Rubric ", k, k, k);
    esc(b, r->id);
    pt_buf_printf(b, " (versie %ld)</h2>\n<p>%zu SWV's deden mee (het laatste resultaat van "
                     "elk SWV telt).</p>\n", r->version, r->nswvs);
    pt_buf_adds(b, "<h3>Deelname</h3>\n<div class=\"grid\">\n");
    count_table(b, "Deelname per sector", "Sector", r->sectors, 2);
    count_table(b, "Deelname per provincie", "Provincie", r->provinces, PC_DASH_NPROVINCES);
    pt_buf_adds(b, "</div>\n");
    if (!r->shown) {
        pt_buf_printf(b, "<p>Minder dan %d SWV's: voor deze rubric worden nog geen scores, "
                         "oordelen of termijnen getoond.</p>\n</section>\n", PC_DASH_MIN_SWVS);
        return;
    }
    pt_buf_adds(b, "<h3>Scores per domein en totaal</h3>\n<p class=\"note\">Het blok loopt "
                   "van het eerste tot het derde kwartiel (de middelste helft van de SWV's); "
                   "de dikke streep is de mediaan.</p>\n<div class=\"grid\">\n<figure>\n"
                   "<figcaption>Spreiding van de scores</figcaption>\n");
    box_svg(b, r, k);
    pt_buf_adds(b, "</figure>\n");
    box_table(b, r);
    pt_buf_adds(b, "</div>\n");
    verdict_part(b, r, k);
    miss_part(b, r, k);
    pt_buf_adds(b, "</section>\n");
}

void pc_dashboard_html(const struct pc_dash_rubric *rubrics, size_t n, const char *snapshot,
                       struct pt_buf *out)
{
    head(out);
    intro(out, rubrics, n, snapshot);
    if (n == 0)
        pt_buf_adds(out, "<p>Er zijn nog geen resultaten ontvangen.</p>\n");
    for (size_t i = 0; i < n; i++)
        rubric_section(out, &rubrics[i], i + 1);
    pt_buf_adds(out, "</main>\n<footer>\n<p class=\"note\">praktijktoets-central — dashboard "
                     "voor analisten. De cijfers tonen geen individuele SWV.</p>\n</footer>\n"
                     "</body>\n</html>\n");
}
