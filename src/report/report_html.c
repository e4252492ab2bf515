/*
 * report_html.c — the report model as one self-contained HTML file: inline
 * CSS and SVG, no scripts, no external resources. On a phone (360–390 px)
 * nothing scrolls sideways: charts are drawn to the width (viewBox) and
 * wide tables become one block per row; on A4 the pages are numbered,
 * table headers repeat and headings stay with what follows. Every text
 * from cases, comments and rubrics goes through esc().
 */
#include <stdio.h>
#include <string.h>

#include "report_model.h"
#include "html.h"

static void esc(struct pt_buf *b, const char *s)
{
    pt_html_esc(b, s);
}

static const char css[] =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
    "max-width:60rem;padding:1rem;color:#1d1d1d;line-height:1.45;overflow-wrap:break-word}"
    "h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;border-bottom:2px solid #ddd;"
    "padding-bottom:.2rem;margin-top:1.6rem}h3{font-size:1rem;margin:1rem 0 .3rem}"
    ".meta,.note,caption{color:#4a4a4a}.note{font-size:.9rem}"
    ".verdict{padding:.8rem 1rem;border-radius:.4rem;margin:1rem 0;border-left:.5rem solid}"
    ".verdict .label{font-size:1.3rem;margin:0}"
    ".v-good{background:#e7f5e6;border-color:#3c8d3a}.v-mid{background:#fff4dc;border-color:#d39a19}"
    ".v-bad{background:#fde8e6;border-color:#c0392b}.v-grey{background:#eee;border-color:#777}"
    "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem;max-width:100%}"
    "caption{text-align:left;font-size:.85rem;padding:.2rem 0}"
    "th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}"
    "td{overflow-wrap:anywhere}table.wide{width:100%}td.n{text-align:right;white-space:nowrap}"
    ".h1{background:#f4b6b0}.h2{background:#f9d9a8}.h3{background:#e3eeb0}.h4{background:#b9e0b4}"
    ".flag{color:#a8261a;font-weight:bold}.up{color:#17692b;font-weight:bold}"
    ".down{color:#a8261a;font-weight:bold}.same{color:#4a4a4a}"
    ".warn{background:#fff4dc;padding:.4rem .7rem;border-radius:.3rem}"
    "figure{margin:.5rem 0}figure svg{display:block;width:100%;max-width:30rem;height:auto}"
    "figcaption{font-size:.85rem;color:#4a4a4a}"
    "@media screen and (max-width:40rem){body{padding:.6rem}th[scope=row]{overflow-wrap:anywhere}"
    "table.wide thead{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}"
    "table.wide,table.wide tbody,table.wide tr,table.wide caption{display:block;width:auto}"
    "table.wide tr{border:1px solid #ccc;border-radius:.3rem;margin:.5rem 0;padding:.3rem}"
    "table.wide th{display:block;border:none;padding:.1rem .2rem}"
    "table.wide td{display:inline-block;border:none;margin:.1rem;padding:.1rem .35rem;"
    "text-align:left}table.wide td::before{content:attr(data-label) ': ';font-weight:600}}"
    "@page{size:A4;margin:15mm 14mm 18mm;"
    "@bottom-center{content:'Pagina ' counter(page) ' van ' counter(pages);"
    "font-family:system-ui,sans-serif;font-size:9pt;color:#4a4a4a}}"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "h2,h3,caption,.lead{break-after:avoid}"
    "figure,.verdict,table.small,tr,section.keep{break-inside:avoid}"
    "thead{display:table-header-group}table.wide{font-size:8.5pt}"
    "table.wide td,table.wide th{padding:1px 4px}}";

static const char *tone_class(enum pt_rtone t)
{
    static const char *const c[] = {"", "h1", "h2", "h3", "h4", "flag", "up", "down", "same",
                                    "v-good", "v-mid", "v-bad", "v-grey"};
    return (unsigned)t < sizeof c / sizeof *c ? c[t] : "";
}

static const char *tone_fill(enum pt_rtone t)
{
    switch (t) {
    case PT_TONE_HEAT1: return "#f4b6b0";
    case PT_TONE_HEAT2: return "#f9d9a8";
    case PT_TONE_HEAT3: return "#e3eeb0";
    case PT_TONE_HEAT4: return "#b9e0b4";
    default: return "#ddd";
    }
}


/* The chart on a 360-unit wide canvas: each row its label above its bar,
 * so that it reads at phone width without scaling the text away. */
#define CW 300.0
static void chart(const struct pt_rchart *c, const char *id, struct pt_buf *b)
{
    const int row = 44;
    int bottom = 8 + (int)c->nbars * row + 2;
    int height = bottom + 22 + (int)c->nmarks * 18;
    pt_buf_printf(b, "<figure><svg viewBox=\"0 0 360 %d\" role=\"img\" aria-labelledby=\"%s-t\" "
                  "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\" "
                  "font-family=\"system-ui,sans-serif\"><title id=\"%s-t\">", height, id, id);
    esc(b, c->title);
    pt_buf_adds(b, "</title>");
    for (size_t d = 0; d < c->nbars; d++) {
        const struct pt_rbar *r = &c->bars[d];
        int y = 8 + (int)d * row;
        pt_buf_printf(b, "<text x=\"0\" y=\"%d\"%s>", y + 12, r->bold ? " font-weight=\"bold\"" : "");
        esc(b, r->label);
        pt_buf_adds(b, "</text>");
        pt_buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"%.0f\" height=\"18\" fill=\"#f3f3f3\"/>",
                      y + 17, CW);
        if (c->national && r->has_box) {
            pt_buf_printf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"#d6e4f0\" "
                          "stroke=\"#4a6f8a\"/>", r->box[0] * CW, y + 19, (r->box[2] - r->box[0]) * CW);
            pt_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#1d3c52\" "
                          "stroke-width=\"2\"/>", r->box[1] * CW, r->box[1] * CW, y + 17, y + 35);
        }
        if (*r->value && c->national)
            pt_buf_printf(b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#c0392b\"/>",
                          r->f * CW, y + 26);
        else if (*r->value)
            pt_buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\" "
                          "stroke=\"#666\"/>", y + 17, r->f * CW, tone_fill(r->tone));
        if (*r->value)
            pt_buf_printf(b, "<text x=\"%.0f\" y=\"%d\">%s</text>", CW + 6, y + 31, r->value);
        for (size_t v = 0; v < c->nmarks; v++)
            pt_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" "
                          "stroke-dasharray=\"%s\"/>", c->marks[v] * CW, c->marks[v] * CW,
                          y + 14, y + 38, v ? "2 2" : "5 3");
    }
    pt_buf_printf(b, "<line x1=\"0\" x2=\"%.0f\" y1=\"%d\" y2=\"%d\" stroke=\"#666\"/>", CW,
                  bottom, bottom);
    for (size_t i = 0; i < c->nticks; i++) {
        double x = c->nticks > 1 ? (double)i / (double)(c->nticks - 1) * CW : 0;
        pt_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"%s\">%s</text>",
                      x, bottom + 15, i == 0 ? "start" : i + 1 == c->nticks ? "end" : "middle",
                      c->ticks[i]);
    }
    for (size_t v = 0; v < c->nmarks; v++) {
        int ly = bottom + 34 + (int)v * 18;
        pt_buf_printf(b, "<line x1=\"0\" x2=\"22\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" "
                      "stroke-dasharray=\"%s\"/><text x=\"28\" y=\"%d\" font-size=\"11\">",
                      ly - 4, ly - 4, v ? "2 2" : "5 3", ly);
        esc(b, c->mark_labels[v]);
        pt_buf_adds(b, "</text>");
    }
    pt_buf_adds(b, "</svg><figcaption>Dezelfde cijfers staan in de tabel hieronder."
                   "</figcaption></figure>\n");
}

/* open, then each of the n items escaped between item_open and item_close,
 * then close: a table's header row, a list. */
static void escaped_items(struct pt_buf *b, const char *open, const char *item_open,
                          const char **items, size_t n, const char *item_close,
                          const char *close)
{
    pt_buf_adds(b, open);
    for (size_t i = 0; i < n; i++) {
        pt_buf_adds(b, item_open);
        esc(b, items[i]);
        pt_buf_adds(b, item_close);
    }
    pt_buf_adds(b, close);
}

static void table(const struct pt_rtable *t, struct pt_buf *b)
{
    pt_buf_printf(b, "<table class=\"%s\">", t->wide ? "wide" : t->nrows <= 12 ? "small" : "");
    if (t->caption) {
        pt_buf_adds(b, "<caption>");
        esc(b, t->caption);
        pt_buf_adds(b, "</caption>");
    }
    escaped_items(b, "<thead><tr>", "<th scope=\"col\">", t->head, t->ncols, "</th>",
                  "</tr></thead><tbody>");
    for (size_t i = 0; i < t->nrows; i++) {
        pt_buf_adds(b, "<tr>");
        for (size_t j = 0; j < t->ncols; j++) {
            const struct pt_rcell *c = &t->cells[i * t->ncols + j];
            bool th = j == 0 && t->row_heads;
            const char *tc = tone_class(c->tone);
            pt_buf_adds(b, th ? "<th scope=\"row\"" : "<td data-label=\"");
            if (!th) {
                esc(b, t->head[j]);
                pt_buf_addc(b, '"');
            }
            bool n = !th && pt_rm_numeric(c->text);
            if (*tc || n)
                pt_buf_printf(b, " class=\"%s%s%s\"", tc, *tc && n ? " " : "", n ? "n" : "");
            pt_buf_addc(b, '>');
            esc(b, c->text);
            pt_buf_adds(b, th ? "</th>" : "</td>");
        }
        pt_buf_adds(b, "</tr>");
    }
    pt_buf_adds(b, "</tbody></table>\n");
}

static void list(const struct pt_rblock *bl, struct pt_buf *b)
{
    escaped_items(b, "<ul>", "<li>", bl->items, bl->nitems, "</li>", "</ul>\n");
}

static void text_block(const char *open, const char *text, const char *close, struct pt_buf *b)
{
    pt_buf_adds(b, open);
    esc(b, text);
    pt_buf_adds(b, close);
}

/* Small enough to keep on one page: no table over 12 rows, no more than
 * 12 list items. */
static bool small_section(const struct pt_rsection *s)
{
    size_t items = 0;
    for (size_t i = 0; i < s->nblocks; i++) {
        if (s->blocks[i].kind == PT_RB_TABLE && s->blocks[i].table->nrows > 12)
            return false;
        items += s->blocks[i].nitems;
    }
    return items <= 12;
}

/* A paragraph that introduces what follows stays with it on paper. */
static const char *lead(const struct pt_rsection *s, size_t i)
{
    if (i + 1 >= s->nblocks)
        return "";
    enum pt_rblock_kind k = s->blocks[i + 1].kind;
    return k == PT_RB_TABLE || k == PT_RB_LIST || k == PT_RB_CHART ? " class=\"lead\"" : "";
}

static void section(const struct pt_rsection *s, struct pt_buf *b)
{
    bool box = false;
    const char *keep = small_section(s) ? " class=\"keep\"" : "";
    if (s->title) {
        pt_buf_printf(b, "<section id=\"%s\"%s aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">", s->id,
                      keep, s->id, s->id);
        esc(b, s->title);
        pt_buf_adds(b, "</h2>\n");
    } else {
        pt_buf_printf(b, "<section id=\"%s\">", s->id);
    }
    for (size_t i = 0; i < s->nblocks; i++) {
        const struct pt_rblock *bl = &s->blocks[i];
        if (box && bl->kind == PT_RB_SUBHEAD) {
            pt_buf_adds(b, "</div>\n");
            box = false;
        }
        switch (bl->kind) {
        case PT_RB_VERDICT:
            pt_buf_printf(b, "<div class=\"verdict %s\"><p class=\"label\">Oordeel: <strong>",
                          tone_class(bl->tone));
            esc(b, bl->text);
            pt_buf_adds(b, "</strong></p>");
            box = true;
            break;
        case PT_RB_PARA:
            pt_buf_printf(b, "<p%s>", lead(s, i));
            text_block("", bl->text, "</p>\n", b);
            break;
        case PT_RB_NOTE:
            pt_buf_printf(b, "<p class=\"note%s\">", *lead(s, i) ? " lead" : "");
            text_block("", bl->text, "</p>\n", b);
            break;
        case PT_RB_WARN: text_block("<p class=\"warn\">", bl->text, "</p>\n", b); break;
        case PT_RB_SUBHEAD: text_block("<h3>", bl->text, "</h3>\n", b); break;
        case PT_RB_LIST: list(bl, b); break;
        case PT_RB_TABLE: table(bl->table, b); break;
        case PT_RB_CHART: chart(bl->chart, s->id, b); break;
        }
    }
    pt_buf_adds(b, box ? "</div></section>\n" : "</section>\n");
}

void pt_rmodel_html(const struct pt_rmodel *m, struct pt_buf *b)
{
    pt_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>");
    esc(b, m->doc_title);
    pt_buf_printf(b, "</title><style>%s</style></head><body>\n<header><h1>", css);
    esc(b, m->title);
    pt_buf_adds(b, "</h1><p class=\"meta\">");
    esc(b, m->meta);
    pt_buf_adds(b, "</p></header>\n<main>\n");
    for (size_t i = 0; i < m->nsections; i++)
        section(&m->sections[i], b);
    pt_buf_adds(b, "</main>\n</body></html>\n");
}
