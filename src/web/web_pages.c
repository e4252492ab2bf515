/*
 * web_pages.c — the HTML pages, rendered on the server: every page works
 * without JavaScript (forms, 303 after POST); app.js only saves a choice at
 * once and says so. This file: the layout, the rater's pages and the
 * routes; web_pages_coord.c: the coordinator's and the reader's pages.
 */
#include "web_pages.h"
#include "web_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the rater ----------------------------------------------------------- */

static void rater_home(struct web_req *r)
{
    const struct pt_toetsmap *t = r->t;
    struct pt_web_rows rows = {0};
    bool handed = false;
    struct pt_error err = {""};
    if (!web_rows(r, r->s.inv.rater, &rows))
        return;
    pt_web_handed_in(r->th->store, r->s.inv.assessment, r->s.inv.rater, &handed, &err);
    size_t total = t->assessment->ncases * t->rubric->ncriteria;
    struct pt_buf *b = &r->out;
    web_page_begin(r, "Jouw scoreblad");
    pt_buf_printf(b, "<h1>Jouw scoreblad</h1><p><label for=\"voortgang\">Je hebt %zu van de %zu "
                     "criteria gescoord.</label> <progress id=\"voortgang\" max=\"%zu\" "
                     "value=\"%zu\">%zu van %zu</progress></p>", rows.n, total, total, rows.n,
                  rows.n, total);
    if (handed)
        pt_buf_adds(b, "<p class=\"melding\">Je hebt je scoreblad ingeleverd.</p>");
    pt_buf_adds(b, "<h2>Casussen</h2><ol class=\"casussen\">");
    for (size_t c = 0; c < t->assessment->ncases; c++) {
        size_t n = 0;
        for (size_t i = 0; i < rows.n; i++)
            n += strcmp(rows.v[i].kase, t->assessment->case_ids[c]) == 0;
        pt_buf_adds(b, "<li><a href=\"/case/");
        pt_web_html(b, t->assessment->case_ids[c]);
        pt_buf_adds(b, "\">Casus ");
        pt_web_html(b, t->assessment->case_ids[c]);
        pt_buf_printf(b, "</a> <span class=\"telling\">%zu van %zu gescoord</span></li>", n,
                      t->rubric->ncriteria);
    }
    pt_buf_adds(b, "</ol>");
    if (!handed && r->phase != PT_PHASE_CLOSED) {
        pt_buf_adds(b, "<h2>Inleveren</h2><form method=\"post\" action=\"/sheet\">");
        web_csrf_field(r);
        if (rows.n < total)
            pt_buf_printf(b, "<p>Er staan nog %zu criteria open. ", total - rows.n);
        else
            pt_buf_adds(b, "<p>Alles is gescoord. ");
        pt_buf_adds(b, "Na het inleveren kun je niets meer wijzigen; in de bespreking zie je "
                       "dan ook de scores van de anderen.</p><button type=\"submit\">Scoreblad "
                       "inleveren</button></form>");
    }
    web_page_end(r);
    pt_web_rows_free(&rows);
}

static void criterion_form(struct web_req *r, const char *kase, const struct pt_criterion *k,
                           const struct pt_web_row *mine, bool editable, bool saved)
{
    const struct pt_rubric *ru = r->t->rubric;
    struct pt_buf *b = &r->out;
    pt_buf_adds(b, "<form method=\"post\" class=\"criterium\" id=\"k-");
    pt_web_html(b, k->id);
    pt_buf_adds(b, "\" action=\"/case/");
    pt_web_html(b, kase);
    pt_buf_adds(b, "\" data-case=\"");
    pt_web_html(b, kase);
    pt_buf_adds(b, "\" data-criterion=\"");
    pt_web_html(b, k->id);
    pt_buf_adds(b, "\">");
    web_csrf_field(r);
    pt_buf_adds(b, "<input type=\"hidden\" name=\"criterion\" value=\"");
    pt_web_html(b, k->id);
    pt_buf_adds(b, "\"><fieldset><legend><span class=\"kid\">");
    pt_web_html(b, k->id);
    pt_buf_adds(b, "</span> ");
    pt_web_html(b, k->question);
    pt_buf_adds(b, "</legend><div class=\"niveaukeuze\">");
    const char *dis = editable ? "" : " disabled";
    for (size_t i = 0; i < ru->nscale; i++) {
        char v[16];
        snprintf(v, sizeof v, "%d", ru->scale[i]);
        bool on = mine && strcmp(mine->level, v) == 0;
        pt_buf_printf(b, "<label><input type=\"radio\" name=\"level\" value=\"%s\"%s%s> "
                         "<span><span class=\"nr\">%s</span> ", v, on ? " checked" : "", dis, v);
        pt_web_html(b, k->levels[i]);
        pt_buf_adds(b, "</span></label>");
    }
    if (k->na_allowed)
        pt_buf_printf(b, "<label><input type=\"radio\" name=\"level\" value=\"nvt\"%s%s> "
                         "<span>niet van toepassing</span></label>",
                      mine && strcmp(mine->level, "nvt") == 0 ? " checked" : "", dis);
    pt_buf_printf(b, "<label><input type=\"radio\" name=\"level\" value=\"\"%s%s> <span>(nog) geen "
                     "score</span></label></div>", mine ? "" : " checked", dis);
    pt_buf_adds(b, "<label class=\"toel\" for=\"c-");
    pt_web_html(b, k->id);
    pt_buf_adds(b, "\">Toelichting (zonder namen, adressen of andere persoonsgegevens)</label>"
                   "<textarea name=\"comment\" rows=\"2\" id=\"c-");
    pt_web_html(b, k->id);
    pt_buf_printf(b, "\"%s>", dis);
    pt_web_html(b, mine && mine->comment ? mine->comment : "");
    pt_buf_adds(b, "</textarea><p class=\"acties\">");
    if (editable)
        pt_buf_adds(b, "<button type=\"submit\">Opslaan</button> ");
    pt_buf_printf(b, "<span class=\"status\" role=\"status\">%s</span></p></fieldset></form>",
                  saved ? "Opgeslagen" : "");
}

static void rater_case(struct web_req *r, const char *kase)
{
    const struct pt_toetsmap *t = r->t;
    struct pt_web_rows rows = {0};
    bool handed = false;
    struct pt_error err = {""};
    long c = pt_toetsmap_case(t, kase);
    if (c < 0) {
        web_error(r, 404, "not_found", "deze casus bestaat niet");
        return;
    }
    bool others = web_sees_others(r);
    if (!web_rows(r, others ? NULL : r->s.inv.rater, &rows))
        return;
    pt_web_handed_in(r->th->store, r->s.inv.assessment, r->s.inv.rater, &handed, &err);
    bool editable = r->phase == PT_PHASE_SCORING && !handed;
    const char *saved = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
                                                    "opgeslagen");
    struct pt_buf *b = &r->out;
    char title[96];
    snprintf(title, sizeof title, "Casus %s", kase);
    web_page_begin(r, title);
    pt_buf_adds(b, "<nav class=\"kruimel\" aria-label=\"Casussen\"><a href=\"/\">Alle casussen"
                   "</a>");
    if (c > 0) {
        pt_buf_adds(b, " · <a href=\"/case/");
        pt_web_html(b, t->assessment->case_ids[c - 1]);
        pt_buf_adds(b, "\">Vorige casus</a>");
    }
    if ((size_t)c + 1 < t->assessment->ncases) {
        pt_buf_adds(b, " · <a href=\"/case/");
        pt_web_html(b, t->assessment->case_ids[c + 1]);
        pt_buf_adds(b, "\">Volgende casus</a>");
    }
    pt_buf_adds(b, "</nav><h1>");
    pt_web_html(b, title);
    pt_buf_adds(b, "</h1>");
    size_t mine = 0;
    for (size_t i = 0; i < rows.n; i++)
        mine += strcmp(rows.v[i].kase, kase) == 0 && strcmp(rows.v[i].rater, r->s.inv.rater) == 0;
    pt_buf_printf(b, "<p>In deze casus heb je %zu van de %zu criteria gescoord.</p>", mine,
                  t->rubric->ncriteria);
    if (!editable)
        pt_buf_adds(b, "<p class=\"melding\">Je scores staan vast.</p>");
    pt_buf_adds(b, "<div class=\"naast\">");
    web_case_text(b, t->cases[c]);
    pt_buf_adds(b, "<section class=\"criteria\" aria-labelledby=\"crit-kop\"><h2 id=\"crit-kop\">"
                   "Criteria</h2>");
    for (size_t d = 0; d < t->rubric->ndomains; d++) {
        const struct pt_domain *dm = &t->rubric->domains[d];
        pt_buf_adds(b, "<h3>");
        pt_web_html(b, dm->title);
        pt_buf_adds(b, "</h3>");
        for (size_t i = dm->first; i < dm->first + dm->count; i++) {
            const struct pt_criterion *k = &t->rubric->criteria[i];
            criterion_form(r, kase, k, web_find(&rows, r->s.inv.rater, kase, k->id), editable,
                           saved && strcmp(saved, k->id) == 0);
            if (others) {
                pt_buf_adds(b, "<details class=\"anderen\"><summary>Scores van het team"
                               "</summary>");
                web_levels_table(b, t, &rows, kase, k->id);
                pt_buf_adds(b, "</details>");
            }
        }
    }
    pt_buf_adds(b, "</section></div>");
    web_page_end(r);
    pt_web_rows_free(&rows);
}

static const char *const case_fields[] = {"csrf", "criterion", "level", "comment", NULL};

static void rater_save(struct web_req *r, const char *kase)
{
    struct pt_error err = {""};
    char loc[256] = "";
    char *v[3]; /* criterion, level, comment: case_fields after csrf */
    if (!web_form_only(r, case_fields))
        return;
    web_form_get(r, case_fields + 1, 3, v);
    struct pt_web_score s = web_form_score(r->s.inv.rater, kase, v[0], v[1], v[2]);
    int rc = v[0] ? web_put_score(r, &s, &err) : PT_WEB_UNPROCESSABLE;
    if (!v[0])
        pt_error_set(&err, "het formulier noemt geen criterium");
    if (rc == PT_OK)
        snprintf(loc, sizeof loc, "/case/%s?opgeslagen=%s#k-%s", kase, v[0], v[0]);
    web_form_done(r, rc, &err, loc);
    web_form_free(v, 3);
}

static void rater_hand_in(struct web_req *r)
{
    struct pt_error err = {""};
    static const char *const fields[] = {"csrf", NULL};
    if (!web_form_only(r, fields))
        return;
    web_form_done(r, web_hand_in(r, &err), &err, "/");
}

/* ---- routes -------------------------------------------------------------- */

static bool allowed(struct web_req *r, bool rater, bool coordinator, bool reader)
{
    return web_role_ok(r, rater, coordinator, reader, "deze pagina is niet voor jouw rol");
}

static void report_css(struct web_req *r)
{
    pthread_mutex_lock(&r->srv->lock);
    pt_buf_free(&r->out);
    pt_buf_adds(&r->out, r->srv->report_css ? r->srv->report_css : "");
    pthread_mutex_unlock(&r->srv->lock);
    r->code = 200;
    r->ctype = "text/css; charset=utf-8";
}

void web_pages(struct web_req *r)
{
    char seg[2][64];
    bool get = strcmp(r->method, "GET") == 0 || r->head;
    bool post = strcmp(r->method, "POST") == 0;
    const char *u = r->url;
    int ncase = pt_web_path_split(u, "/case/", seg, 1);
    int ndisc = pt_web_path_split(u, "/discussion/", seg, 1);
    bool known = strcmp(u, "/") == 0 || strcmp(u, "/sheet") == 0 || strcmp(u, "/phase") == 0 ||
                 strcmp(u, "/report") == 0 || strcmp(u, "/report.css") == 0 || ncase == 1 ||
                 ndisc == 1;
    if (!known) {
        web_error(r, 404, "not_found", "deze pagina bestaat niet");
        return;
    }
    bool want_post = strcmp(u, "/sheet") == 0 || strcmp(u, "/phase") == 0;
    bool want_get = strcmp(u, "/") == 0 || strcmp(u, "/report") == 0 ||
                    strcmp(u, "/report.css") == 0;
    if ((want_post && !post) || (want_get && !get) || (!want_post && !want_get && !get && !post)) {
        r->allow = want_post ? "POST" : want_get ? "GET, HEAD" : "GET, HEAD, POST";
        web_error(r, 405, "method", "deze methode is hier niet toegestaan");
        return;
    }
    if (strcmp(u, "/report.css") == 0) {
        report_css(r);
        return;
    }
    if (strcmp(u, "/report") == 0) {
        web_report(r);
        return;
    }
    if (!web_session(r))
        return;
    if (post && !web_csrf_ok(r)) {
        web_error(r, 403, "csrf", "het formulier is verlopen (CSRF-token klopt niet); laad de "
                  "pagina opnieuw");
        return;
    }
    if (strcmp(u, "/") == 0) {
        if (r->s.inv.role == PT_WEB_RATER)
            rater_home(r);
        else if (r->s.inv.role == PT_WEB_COORDINATOR)
            web_coordinator_home(r);
        else
            web_reader_home(r);
    } else if (strcmp(u, "/sheet") == 0) {
        if (allowed(r, true, false, false))
            rater_hand_in(r);
    } else if (strcmp(u, "/phase") == 0) {
        if (allowed(r, false, true, false))
            web_coordinator_phase(r);
    } else if (ncase == 1) {
        if (allowed(r, true, false, false)) {
            if (post)
                rater_save(r, seg[0]);
            else
                rater_case(r, seg[0]);
        }
    } else if (allowed(r, false, true, false)) {
        if (post)
            web_discussion_save(r, seg[0]);
        else
            web_discussion(r, seg[0]);
    }
}
