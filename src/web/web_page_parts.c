/*
 * web_page_parts.c — the building blocks of the web app's pages (the frame
 * of a page, the CSRF field, the case text, the levels table, the stored
 * rows), shared by the rater's pages (web_pages.c) and the coordinator's
 * and reader's pages (web_pages_coord.c).
 */
#include "web_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *web_phase_label(enum pt_phase p)
{
    return p == PT_PHASE_SCORING ? "scoren" : p == PT_PHASE_DISCUSSION ? "bespreking"
                                                                       : "gesloten";
}

void web_page_begin(struct web_req *r, const char *title)
{
    struct pt_buf *b = &r->out;
    pt_buf_free(b);
    r->code = 200;
    r->ctype = "text/html; charset=utf-8";
    pt_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<link rel=\"icon\" href=\"data:,\"><title>");
    pt_web_html(b, title);
    pt_buf_adds(b, " · Praktijktoets</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
                   "<script src=\"/static/app.js\" defer></script></head>\n<body>"
                   "<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>"
                   "<header class=\"top\"><p class=\"brand\"><a href=\"/\">Praktijktoets</a> ");
    pt_web_html(b, r->s.inv.assessment);
    pt_buf_adds(b, "</p><p class=\"who\">");
    if (r->s.inv.role == PT_WEB_RATER) {
        long i = pt_toetsmap_rater(r->t, r->s.inv.rater);
        pt_buf_adds(b, "Beoordelaar ");
        pt_web_html(b, r->s.inv.rater);
        if (i >= 0)
            pt_buf_printf(b, " (%s)", pt_role_label(r->t->assessment->team[i].role));
    } else if (r->s.inv.role == PT_WEB_COORDINATOR) {
        pt_buf_adds(b, "Coördinator");
    } else {
        pt_buf_printf(b, "Lezer %s", strcmp(r->s.inv.audience, "opr") == 0 ? "OPR" : "SWV");
    }
    pt_buf_printf(b, " · fase: <strong>%s</strong></p></header>\n<main id=\"inhoud\">",
                  web_phase_label(r->phase));
}

void web_page_end(struct web_req *r)
{
    pt_buf_adds(&r->out, "</main></body></html>\n");
}

void web_csrf_field(struct web_req *r)
{
    pt_buf_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->s.csrf);
}

bool web_form_only(struct web_req *r, const char *const *fields)
{
    if (pt_web_form_only(r->body, r->len, fields))
        return true;
    web_error(r, 422, "unknown_field", "onbekend of dubbel veld in het formulier");
    return false;
}

void web_form_get(struct web_req *r, const char *const *names, size_t n, char **v)
{
    for (size_t i = 0; i < n; i++)
        v[i] = pt_web_form_get(r->body, r->len, names[i]);
}

void web_form_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

struct pt_web_score web_form_score(const char *rater, const char *kase, const char *crit,
                                   const char *level, const char *comment)
{
    return (struct pt_web_score){.rater = rater, .kase = kase, .criterion = crit,
                                 .level = level && *level ? level : NULL,
                                 .comment = comment && *comment ? comment : NULL};
}

void web_form_done(struct web_req *r, int rc, const struct pt_error *err, const char *loc)
{
    if (rc == PT_OK)
        web_redirect(r, loc);
    else
        web_store_error(r, rc, err->msg);
}

const struct pt_web_row *web_find(const struct pt_web_rows *rows, const char *rater,
                                  const char *kase, const char *crit)
{
    for (size_t i = 0; i < rows->n; i++)
        if (strcmp(rows->v[i].kase, kase) == 0 && strcmp(rows->v[i].criterion, crit) == 0 &&
            (!rater || strcmp(rows->v[i].rater, rater) == 0))
            return &rows->v[i];
    return NULL;
}

bool web_rows(struct web_req *r, const char *only, struct pt_web_rows *rows)
{
    struct pt_error err = {""};
    int rc = pt_web_scores(r->th->store, r->s.inv.assessment, only, rows, &err);
    if (rc != PT_OK)
        web_store_error(r, rc, err.msg);
    return rc == PT_OK;
}

/* The pseudonymised case: facts, text, needs, parties, timeline. */
/* A heading and a list of texts; nothing when there are none. */
static void text_list(struct pt_buf *b, const char *heading, const char *const *items, size_t n)
{
    if (!n)
        return;
    pt_buf_adds(b, "<h3>");
    pt_buf_adds(b, heading);
    pt_buf_adds(b, "</h3><ul>");
    for (size_t i = 0; i < n; i++) {
        pt_buf_adds(b, "<li>");
        pt_web_html(b, items[i]);
        pt_buf_adds(b, "</li>");
    }
    pt_buf_adds(b, "</ul>");
}

void web_case_text(struct pt_buf *b, const struct pt_case *k)
{
    pt_buf_adds(b, "<section class=\"casus\" aria-labelledby=\"casus-kop\" tabindex=\"0\"><h2 id=\"casus-kop\">"
                   "De casus</h2><dl class=\"feiten\"><dt>Sector</dt><dd>");
    pt_web_html(b, k->sector);
    pt_buf_adds(b, "</dd><dt>Schoolsoort</dt><dd>");
    pt_web_html(b, k->school_type);
    if (k->grade) {
        pt_buf_adds(b, "</dd><dt>Leerjaar</dt><dd>");
        pt_web_html(b, k->grade);
    }
    pt_buf_adds(b, "</dd></dl><p>");
    pt_web_html(b, k->summary);
    pt_buf_adds(b, "</p>");
    if (k->parents_view) {
        pt_buf_adds(b, "<h3>Wat de ouders zeggen</h3><p>");
        pt_web_html(b, k->parents_view);
        pt_buf_adds(b, "</p>");
    }
    text_list(b, "Ondersteuningsbehoeften", k->needs, k->nneeds);
    text_list(b, "Betrokken partijen", k->parties, k->nparties);
    pt_buf_adds(b, "<h3>Tijdlijn</h3><table class=\"tijdlijn\"><thead><tr><th scope=\"col\">"
                   "Datum</th><th scope=\"col\">Gebeurtenis</th><th scope=\"col\">Toelichting"
                   "</th></tr></thead><tbody>");
    for (size_t i = 0; i < k->ntimeline; i++) {
        const struct pt_event_entry *e = &k->timeline[i];
        pt_buf_adds(b, "<tr><td>");
        pt_web_html(b, e->date);
        pt_buf_adds(b, "</td><td>");
        pt_web_html(b, pt_event_name(e->event));
        pt_buf_adds(b, "</td><td>");
        pt_web_html(b, e->note ? e->note : "");
        pt_buf_adds(b, "</td></tr>");
    }
    pt_buf_adds(b, "</tbody></table></section>");
}

/* Every level of one criterion of one case, by rater with geleding. */
void web_levels_table(struct pt_buf *b, const struct pt_toetsmap *t,
                      const struct pt_web_rows *rows, const char *kase, const char *crit)
{
    pt_buf_adds(b, "<table class=\"niveaus\"><thead><tr><th scope=\"col\">Beoordelaar</th>"
                   "<th scope=\"col\">Niveau</th><th scope=\"col\">Toelichting</th></tr>"
                   "</thead><tbody>");
    for (size_t i = 0; i < t->assessment->nteam; i++) {
        const struct pt_rater *m = &t->assessment->team[i];
        const struct pt_web_row *x = web_find(rows, m->id, kase, crit);
        pt_buf_adds(b, "<tr><th scope=\"row\">");
        pt_web_html(b, m->id);
        pt_buf_printf(b, " <span class=\"geleding\">%s</span></th><td class=\"niveau\">",
                      pt_role_label(m->role));
        pt_web_html(b, x ? x->level : "–");
        pt_buf_adds(b, "</td><td>");
        pt_web_html(b, x && x->comment ? x->comment : "");
        pt_buf_adds(b, "</td></tr>");
    }
    pt_buf_adds(b, "</tbody></table>");
}
