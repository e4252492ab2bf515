/*
 * web_pages_coord.c — the coordinator's pages (progress, phases, the
 * discussion view with corrections) and the reader's page (web.md). In the
 * scoring phase the coordinator sees counts only; the reader never sees a
 * case text, only the link to the report once the assessment is closed.
 */
#include "web_pages.h"
#include "web_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

/* The engine's result of the assessment as stored now. */
static bool compute(struct web_req *r, struct pt_toetsmap *t, struct pt_result *res)
{
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_store_load(r->th->store, r->s.inv.assessment, t, &diags, &err);
    pt_diags_free(&diags);
    if (rc != PT_OK) {
        web_store_error(r, PT_FAILED, err.msg);
        return false;
    }
    pt_score_compute(t, res);
    return true;
}

static void progress_table(struct web_req *r, long *missing)
{
    const struct pt_assessment *a = r->t->assessment;
    struct pt_buf *b = &r->out;
    struct pt_error err = {""};
    long *counts = pt_xcalloc(a->nteam + 1, sizeof *counts);
    bool *handed = pt_xcalloc(a->nteam + 1, sizeof *handed);
    size_t total = a->ncases * r->t->rubric->ncriteria;
    *missing = 0;
    if (pt_web_progress(r->th->store, r->t, counts, handed, &err) == PT_OK) {
        pt_buf_adds(b, "<h2>Voortgang</h2><table class=\"voortgang\"><thead><tr>"
                       "<th scope=\"col\">Beoordelaar</th><th scope=\"col\">Geleding</th>"
                       "<th scope=\"col\">Gescoord</th><th scope=\"col\">Ingeleverd</th></tr>"
                       "</thead><tbody>");
        for (size_t i = 0; i < a->nteam; i++) {
            pt_buf_adds(b, "<tr><td>");
            pt_web_html(b, a->team[i].id);
            pt_buf_printf(b, "</td><td>%s</td><td>%ld van %zu</td><td>%s</td></tr>",
                          pt_role_label(a->team[i].role), counts[i], total,
                          handed[i] ? "ja" : "nee");
            *missing += !handed[i];
        }
        pt_buf_adds(b, "</tbody></table>");
    }
    free(counts);
    free(handed);
}

static void phase_form(struct web_req *r, const char *to, const char *button, const char *note)
{
    struct pt_buf *b = &r->out;
    pt_buf_adds(b, "<form method=\"post\" action=\"/phase\" class=\"fase\">");
    web_csrf_field(r);
    pt_buf_printf(b, "<input type=\"hidden\" name=\"phase\" value=\"%s\">", to);
    if (note)
        pt_buf_printf(b, "<p>%s</p>", note);
    pt_buf_printf(b, "<button type=\"submit\">%s</button></form>", button);
}

static void case_list(struct web_req *r)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    struct pt_buf *b = &r->out;
    if (!compute(r, &t, &res)) {
        pt_result_free(&res);
        pt_toetsmap_free(&t);
        return;
    }
    pt_buf_adds(b, "<h2>Bespreking per casus</h2><ol class=\"casussen\">");
    for (size_t c = 0; c < t.assessment->ncases; c++) {
        size_t n = 0;
        for (size_t k = 0; k < t.rubric->ncriteria; k++)
            n += res.cases[c].criteria[k].disagreement;
        pt_buf_adds(b, "<li><a href=\"/discussion/");
        pt_web_html(b, t.assessment->case_ids[c]);
        pt_buf_adds(b, "\">Casus ");
        pt_web_html(b, t.assessment->case_ids[c]);
        pt_buf_printf(b, "</a> <span class=\"telling\">%zu %s</span></li>", n,
                      n == 1 ? "verschil" : "verschillen");
    }
    pt_buf_adds(b, "</ol><h2>Rapport</h2><ul class=\"rapporten\">");
    static const char *const auds[] = {"team", "swv", "opr"};
    for (size_t i = 0; i < 3; i++)
        pt_buf_printf(b, "<li>Voor %s: <a href=\"/report?audience=%s&amp;format=html\">HTML</a>,"
                         " <a href=\"/report?audience=%s&amp;format=md\">Markdown</a>,"
                         " <a href=\"/report?audience=%s&amp;format=csv\">CSV</a>,"
                         " <a href=\"/report?audience=%s&amp;format=json\">JSON</a></li>",
                      auds[i], auds[i], auds[i], auds[i], auds[i]);
    pt_buf_adds(b, "</ul>");
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}

/* Who moved the phase when, and who had not handed in. */
static void phase_log(struct web_req *r)
{
    struct pt_buf log = {0};
    struct pt_error err = {""};
    if (pt_web_phase_log(r->th->store, r->s.inv.assessment, &log, &err) == PT_OK &&
        log.data) {
        pt_buf_adds(&r->out, "<h2>Logboek van de fasen</h2><ul class=\"logboek\">");
        for (char *line = log.data, *nl; *line; line = nl + 1) {
            nl = strchr(line, '\n');
            if (!nl)
                break;
            *nl = '\0';
            pt_buf_adds(&r->out, "<li>");
            pt_web_html(&r->out, line);
            pt_buf_adds(&r->out, "</li>");
        }
        pt_buf_adds(&r->out, "</ul>");
    }
    pt_buf_free(&log);
}

void web_coordinator_home(struct web_req *r)
{
    long missing = 0;
    char note[200];
    web_page_begin(r, "Overzicht");
    pt_buf_adds(&r->out, "<h1>Overzicht</h1>");
    progress_table(r, &missing);
    pt_buf_adds(&r->out, "<h2>Fase</h2>");
    if (r->phase == PT_PHASE_SCORING) {
        pt_buf_adds(&r->out, "<p>De beoordelaars scoren nu alleen. Je ziet per beoordelaar "
                             "alleen hoeveel er gescoord is.</p>");
        if (missing)
            snprintf(note, sizeof note, "Nog niet iedereen heeft ingeleverd (%ld open). Ga je "
                     "toch verder, dan komt in het logboek wie niet inleverde.", missing);
        phase_form(r, "discussion", "Naar de bespreking", missing ? note : NULL);
    } else if (r->phase == PT_PHASE_DISCUSSION) {
        phase_form(r, "closed", "Assessment sluiten", "Na het sluiten kunnen de lezers (SWV, "
                   "OPR) het rapport lezen.");
    } else {
        phase_form(r, "discussion", "Heropenen voor correcties", NULL);
    }
    if (r->phase != PT_PHASE_SCORING)
        case_list(r);
    phase_log(r);
    web_page_end(r);
}

void web_coordinator_phase(struct web_req *r)
{
    static const char *const fields[] = {"csrf", "phase", NULL};
    enum pt_phase to;
    struct pt_error err = {""};
    char who[64];
    char *p = pt_web_form_get(r->body, r->len, "phase");
    if (!pt_web_form_only(r->body, r->len, fields) || pt_phase_parse(p, &to) != 0) {
        web_error(r, 422, "invalid", "fase is scoring, discussion of closed");
        free(p);
        return;
    }
    free(p);
    snprintf(who, sizeof who, "coördinator (link %s…)", r->s.inv.prefix);
    web_form_done(r, web_phase_set(r, to, who, &err), &err, "/");
}

/* Criteria of case c: disagreements first (largest spread first), then in
 * rubric order. */
static size_t *criteria_order(const struct pt_result *res, size_t c, size_t n)
{
    size_t *order = pt_xcalloc(n + 1, sizeof *order), m = 0;
    const struct pt_crit_result *cr = res->cases[c].criteria;
    for (size_t k = 0; k < n; k++)
        if (cr[k].disagreement)
            order[m++] = k;
    for (size_t i = 1; i < m; i++) /* insertion sort by spread, stable */
        for (size_t j = i; j > 0 && cr[order[j]].spread > cr[order[j - 1]].spread; j--) {
            size_t x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    for (size_t k = 0; k < n; k++)
        if (!cr[k].disagreement)
            order[m++] = k;
    return order;
}

static void correction_form(struct web_req *r, const struct pt_toetsmap *t, const char *kase,
                            const struct pt_criterion *k)
{
    struct pt_buf *b = &r->out;
    pt_buf_adds(b, "<form method=\"post\" class=\"correctie\" action=\"/discussion/");
    pt_web_html(b, kase);
    pt_buf_adds(b, "\"><details><summary>Correctie vastleggen</summary><fieldset>"
                   "<legend class=\"verborgen\">Correctie</legend>");
    web_csrf_field(r);
    pt_buf_adds(b, "<input type=\"hidden\" name=\"criterion\" value=\"");
    pt_web_html(b, k->id);
    pt_buf_printf(b, "\"><label for=\"r-%s\">Beoordelaar</label><select name=\"rater\" "
                     "id=\"r-%s\">", k->id, k->id);
    for (size_t i = 0; i < t->assessment->nteam; i++) {
        pt_buf_adds(b, "<option>");
        pt_web_html(b, t->assessment->team[i].id);
        pt_buf_adds(b, "</option>");
    }
    pt_buf_printf(b, "</select><label for=\"l-%s\">Niveau</label><select name=\"level\" "
                     "id=\"l-%s\">", k->id, k->id);
    for (size_t i = 0; i < t->rubric->nscale; i++)
        pt_buf_printf(b, "<option>%d</option>", t->rubric->scale[i]);
    if (k->na_allowed)
        pt_buf_adds(b, "<option>nvt</option>");
    pt_buf_printf(b, "</select><label for=\"m-%s\">Toelichting</label><textarea name=\"comment\""
                     " id=\"m-%s\" rows=\"2\"></textarea><label for=\"w-%s\">Reden van de "
                     "correctie</label><input type=\"text\" name=\"reason\" id=\"w-%s\" required>"
                     "<button type=\"submit\">Correctie vastleggen</button></fieldset></details></form>",
                  k->id, k->id, k->id, k->id);
}

void web_discussion(struct web_req *r, const char *kase)
{
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    struct pt_web_rows rows = {0};
    struct pt_buf *b = &r->out;
    long c = pt_toetsmap_case(r->t, kase);
    char title[96];
    if (c < 0) {
        web_error(r, 404, "not_found", "deze casus bestaat niet");
        return;
    }
    if (r->phase == PT_PHASE_SCORING) {
        web_error(r, 409, "phase", "de bespreking begint als de fase scoring voorbij is");
        return;
    }
    if (!compute(r, &t, &res) || !web_rows(r, NULL, &rows))
        goto cleanup;
    snprintf(title, sizeof title, "Bespreking casus %s", kase);
    web_page_begin(r, title);
    pt_buf_adds(b, "<nav class=\"kruimel\" aria-label=\"Casussen\"><a href=\"/\">Overzicht</a>");
    if (c > 0)
        pt_buf_printf(b, " · <a href=\"/discussion/%s\">Vorige casus</a>",
                      t.assessment->case_ids[c - 1]);
    if ((size_t)c + 1 < t.assessment->ncases)
        pt_buf_printf(b, " · <a href=\"/discussion/%s\">Volgende casus</a>",
                      t.assessment->case_ids[c + 1]);
    pt_buf_adds(b, "</nav><h1>");
    pt_web_html(b, title);
    pt_buf_adds(b, "</h1><div class=\"naast\">");
    web_case_text(b, t.cases[c]);
    pt_buf_adds(b, "<section class=\"criteria\" aria-labelledby=\"crit-kop\"><h2 id=\"crit-kop\">"
                   "Criteria, verschillen eerst</h2>");
    size_t *order = criteria_order(&res, (size_t)c, t.rubric->ncriteria);
    for (size_t i = 0; i < t.rubric->ncriteria; i++) {
        const struct pt_criterion *k = &t.rubric->criteria[order[i]];
        const struct pt_crit_result *cr = &res.cases[c].criteria[order[i]];
        pt_buf_printf(b, "<article class=\"bespreek%s\" id=\"k-%s\"><h3><span class=\"kid\">",
                      cr->disagreement ? " verschil" : "", k->id);
        pt_web_html(b, k->id);
        pt_buf_adds(b, "</span> ");
        pt_web_html(b, k->question);
        pt_buf_adds(b, "</h3>");
        if (cr->disagreement) {
            char sp[16];
            pt_fmt_nl(sp, sizeof sp, cr->spread, 0);
            pt_buf_printf(b, "<p class=\"badge\">Verschil: spreiding %s</p>", sp);
        }
        web_levels_table(b, &t, &rows, kase, k->id);
        if (r->phase == PT_PHASE_DISCUSSION)
            correction_form(r, &t, kase, k);
        pt_buf_adds(b, "</article>");
    }
    free(order);
    pt_buf_adds(b, "</section></div>");
    web_page_end(r);
cleanup:
    pt_web_rows_free(&rows);
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}

void web_discussion_save(struct web_req *r, const char *kase)
{
    static const char *const fields[] = {"csrf", "rater", "criterion", "level", "comment",
                                         "reason", NULL};
    struct pt_error err = {""};
    char who[64], loc[256] = "";
    char *v[5]; /* rater, criterion, level, comment, reason: fields after csrf */
    if (!web_form_only(r, fields))
        return;
    web_form_get(r, fields + 1, 5, v);
    struct pt_web_score s = web_form_score(v[0], kase, v[1], v[2], v[3]);
    snprintf(who, sizeof who, "coördinator (link %s…)", r->s.inv.prefix);
    int rc = web_correct(r, &s, v[4], who, &err);
    if (rc == PT_OK)
        snprintf(loc, sizeof loc, "/discussion/%s#k-%s", kase, v[1]);
    web_form_done(r, rc, &err, loc);
    web_form_free(v, 5);
}

void web_reader_home(struct web_req *r)
{
    struct pt_buf *b = &r->out;
    web_page_begin(r, "Rapport");
    pt_buf_adds(b, "<h1>Rapport</h1>");
    if (r->phase != PT_PHASE_CLOSED) {
        pt_buf_adds(b, "<p>Het rapport verschijnt hier zodra de coördinator het assessment "
                       "heeft gesloten.</p>");
    } else {
        pt_buf_adds(b, "<p>Het terugkoppelrapport voor jouw geleding:</p><ul class=\"rapporten\">"
                       "<li><a href=\"/report?format=html\">Rapport lezen (HTML)</a></li>"
                       "<li><a href=\"/report?format=md\">Markdown</a></li>"
                       "<li><a href=\"/report?format=csv\">CSV</a></li>"
                       "<li><a href=\"/report?format=json\">JSON</a></li></ul>");
    }
    web_page_end(r);
}
