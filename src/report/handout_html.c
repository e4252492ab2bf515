/*
 * handout_html.c — the cases as a printable HTML handout for the team
 * meeting (`praktijktoets show --format html`): one self-contained page,
 * lang="nl", no scripts, no external resources; readable on a phone, each
 * case on its own A4 page in print, with room for notes. Every text from a
 * case goes through esc().
 */
#include "handout.h"
#include "html.h"

#include <stdio.h>
#include <string.h>

static void esc(struct pt_buf *b, const char *s)
{
    pt_html_esc(b, s);
}

/* A case id as part of an HTML id: only [A-Za-z0-9_-] (ids are identifiers
 * already; anything else becomes '_'). */
static void anchor(struct pt_buf *b, const char *id)
{
    pt_buf_adds(b, "casus-");
    for (; *id; id++) {
        char c = *id;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        pt_buf_addc(b, ok ? c : '_');
    }
}

static const char css[] =
    ":root{color-scheme:light}"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
    "max-width:48rem;padding:1rem;color:#1d1d1d;line-height:1.5;font-size:1rem}"
    "h1{font-size:1.45rem;margin:.2rem 0}h2{font-size:1.25rem;margin:0 0 .4rem;"
    "padding-bottom:.2rem;border-bottom:2px solid #2a5d8f}"
    "h3{font-size:1rem;margin:1rem 0 .3rem;color:#2a5d8f}.meta{color:#4a4a4a;margin:.2rem 0}"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}"
    "nav a{display:inline-block;padding:.35rem .7rem;border:1px solid #2a5d8f;border-radius:.3rem;"
    "color:#1b4a75;text-decoration:none;min-width:2.5rem;text-align:center}"
    "nav a:focus,nav a:hover{background:#e6eef7;outline:2px solid #1b4a75}"
    "article{border-top:1px solid #ccc;padding-top:1rem;margin-top:1.5rem}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.3rem 0}"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}"
    "ol.timeline{list-style:none;padding:0;margin:0;border-left:3px solid #2a5d8f}"
    "ol.timeline li{padding:.1rem 0 .6rem .8rem;break-inside:avoid}"
    ".when{font-weight:600}.event{font-weight:600;color:#1b4a75}.gap{color:#4a4a4a}"
    ".note{display:block}"
    "blockquote{margin:.3rem 0;padding:.5rem .8rem;background:#f3f6f9;border-left:4px solid #8aa8c6}"
    ".notes{border:1px solid #999;border-radius:.3rem;min-height:7rem;margin-top:.4rem;"
    "background:repeating-linear-gradient(transparent,transparent 1.9rem,#ddd 1.9rem,#ddd 2rem)}"
    ".empty{color:#4a4a4a;font-style:italic}"
    "@media (max-width:30rem){dl.facts{grid-template-columns:1fr;gap:0}"
    "dl.facts dd{margin-bottom:.35rem}}"
    "@media print{body{max-width:none;font-size:10.5pt;padding:0}nav{display:none}"
    "article{border-top:0;margin-top:0;break-before:page}"
    "article:first-of-type{break-before:auto}h3{break-after:avoid}"
    ".notes{min-height:3cm;break-inside:avoid}}"
    "@page{size:A4;margin:15mm}";

/* Each fact a label and its values (joined by ", "); a fact without values
 * is left out. */
static void facts(struct pt_buf *b, const struct pt_case *k)
{
    const struct { const char *label; const char *const *items; size_t n; } facts[] = {
        {"Sector", &k->sector, 1},
        {"Schoolsoort", &k->school_type, 1},
        {"Leerjaar", &k->grade, k->grade ? 1 : 0},
        {"Ondersteuningsbehoefte", k->needs, k->nneeds},
        {"Betrokken", k->parties, k->nparties},
    };
    pt_buf_adds(b, "<dl class=\"facts\">");
    for (size_t l = 0; l < sizeof facts / sizeof *facts; l++) {
        if (facts[l].n == 0)
            continue;
        pt_buf_printf(b, "<dt>%s</dt><dd>", facts[l].label);
        for (size_t i = 0; i < facts[l].n; i++) {
            if (i)
                pt_buf_adds(b, ", ");
            esc(b, facts[l].items[i]);
        }
        pt_buf_adds(b, "</dd>");
    }
    pt_buf_adds(b, "</dl>");
}

static void timeline(struct pt_buf *b, const struct pt_case *k)
{
    pt_buf_adds(b, "<h3>Tijdlijn</h3><ol class=\"timeline\">");
    for (size_t i = 0; i < k->ntimeline; i++) {
        struct pt_handout_event ev;
        pt_handout_event(k, i, true, &ev);
        pt_buf_adds(b, "<li><time class=\"when\" datetime=\"");
        esc(b, ev.iso);
        pt_buf_adds(b, "\">");
        esc(b, ev.date);
        pt_buf_printf(b, "</time> · <span class=\"event\">%s</span>", ev.event);
        if (ev.days >= 0)
            pt_buf_printf(b, " <span class=\"gap\">(%ld %s later)</span>", ev.days, ev.unit);
        if (ev.note) {
            pt_buf_adds(b, "<span class=\"note\">");
            esc(b, ev.note);
            pt_buf_adds(b, "</span>");
        }
        pt_buf_adds(b, "</li>");
    }
    pt_buf_adds(b, "</ol>");
}

static void one_case(struct pt_buf *b, const struct pt_case *k)
{
    struct pt_buf id = {0};
    anchor(&id, k->id);
    pt_buf_printf(b, "<article id=\"%s\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">Casus ",
                  id.data, id.data, id.data);
    pt_buf_free(&id);
    esc(b, k->id);
    pt_buf_adds(b, "</h2>");
    facts(b, k);
    pt_buf_adds(b, "<h3>Samenvatting</h3><p>");
    esc(b, k->summary);
    pt_buf_adds(b, "</p>");
    timeline(b, k);
    pt_buf_adds(b, "<h3>Visie van de ouders</h3>");
    if (k->parents_view && *k->parents_view) {
        pt_buf_adds(b, "<blockquote><p>");
        esc(b, k->parents_view);
        pt_buf_adds(b, "</p></blockquote>");
    } else {
        pt_buf_adds(b, "<p class=\"empty\">Niet beschreven.</p>");
    }
    pt_buf_adds(b, "<h3>Aantekeningen</h3><div class=\"notes\" role=\"presentation\"></div>"
                   "</article>\n");
}

void pt_handout_html(const struct pt_toetsmap *t, long only, struct pt_buf *b)
{
    const struct pt_assessment *a = t->assessment;
    char date[64];
    pt_handout_date_nl(a->date, date, sizeof date);
    pt_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>Casussen ");
    esc(b, a->id);
    pt_buf_adds(b, " – praktijktoets</title><style>");
    pt_buf_adds(b, css);
    pt_buf_adds(b, "</style></head>\n<body><header><h1>Casussen voor het overleg</h1>"
                   "<p class=\"meta\">Assessment ");
    esc(b, a->id);
    pt_buf_adds(b, " · SWV ");
    esc(b, a->swv);
    pt_buf_printf(b, " · %s · rubric ", date);
    esc(b, a->rubric_id);
    pt_buf_printf(b, "@%ld</p><p class=\"meta\">Gepseudonimiseerde casussen: alleen voor het "
                  "spiegelteam, niet verder verspreiden.</p></header>\n<main>", a->rubric_version);
    if (only < 0 && a->ncases > 1) {
        pt_buf_adds(b, "<nav aria-label=\"Casussen\"><ul>");
        for (size_t i = 0; i < a->ncases; i++) {
            pt_buf_adds(b, "<li><a href=\"#");
            anchor(b, t->cases[i]->id);
            pt_buf_adds(b, "\">");
            esc(b, t->cases[i]->id);
            pt_buf_adds(b, "</a></li>");
        }
        pt_buf_adds(b, "</ul></nav>\n");
    }
    for (size_t i = 0; i < a->ncases; i++)
        if (only < 0 || (size_t)only == i)
            one_case(b, t->cases[i]);
    pt_buf_adds(b, "</main></body></html>\n");
}
