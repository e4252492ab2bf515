/*
 * report_model.c — the report model: the sections at the top of the report
 * (verdict, findings, domains, trend, national comparison, cases). The
 * other sections are in report_sections.c; the building blocks both use
 * (sections, blocks, tables, cells, numbers) are in report_build.c.
 */
#include "report_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"

/* The scale as chart ticks. */
static void chart_ticks(struct pt_rmodel *m, const struct pt_rubric *r, struct pt_rchart *c)
{
    c->nticks = r->nscale;
    c->ticks = pt_arena_array(&m->arena, r->nscale, sizeof *c->ticks);
    for (size_t i = 0; i < r->nscale; i++)
        c->ticks[i] = pt_rm_printf(m, "%d", r->scale[i]);
}

/* Section: the verdict, why, and what each verdict level asks. */
static void sec_verdict(struct pt_rmodel *m, const struct pt_result *res)
{
    const struct pt_rubric *r = res->t->rubric;
    struct pt_rsection *s = pt_rm_section(m, "oordeel", "Oordeel");
    bool none = strcmp(res->verdict_id, "geen-oordeel") == 0;
    bool bad = res->nfindings || strcmp(res->verdict_id, r->fallback.id) == 0;
    bool good = r->nverdicts && strcmp(res->verdict_id, r->verdicts[0].id) == 0;
    pt_rm_block(m, s, PT_RB_VERDICT, res->verdict_label)->tone =
        none ? PT_TONE_GREY : bad ? PT_TONE_BAD : good ? PT_TONE_GOOD : PT_TONE_MID;
    if (res->has_overall) {
        pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "Totaalscore %s op een schaal van %d "
                    "tot %d (%s%%).", pt_rm_num(m, true, res->overall, 2), r->scale[0],
                    r->scale[r->nscale - 1], pt_rm_num(m, true, res->percent, 2)));
        pt_rm_block(m, s, PT_RB_NOTE, pt_rm_printf(m, "Het percentage zegt waar de "
                    "totaalscore ligt tussen de laagste score %d (0%%) en de hoogste %d "
                    "(100%%).", r->scale[0], r->scale[r->nscale - 1]));
    } else {
        pt_rm_block(m, s, PT_RB_PARA, "Totaalscore: niet te berekenen.");
    }
    if (res->nfindings)
        pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "Het oordeel is \"%s\" omdat er %zu "
                    "%s %s; zie Kritieke bevindingen.", res->verdict_label, res->nfindings,
                    res->nfindings == 1 ? "kritieke bevinding" : "kritieke bevindingen",
                    res->nfindings == 1 ? "is" : "zijn"));
    else {
        const char **it = pt_rm_list(m, s, res->nreasons);
        for (size_t i = 0; i < res->nreasons; i++)
            it[i] = res->reasons[i];
    }
    pt_rm_block(m, s, PT_RB_SUBHEAD, "Wanneer welk oordeel");
    const char **it = pt_rm_list(m, s, r->nverdicts + 2);
    for (size_t v = 0; v < r->nverdicts; v++)
        it[v] = pt_rm_printf(m, "%s: de totaalscore is minstens %s én elk domein scoort "
                             "minstens %s, zonder kritieke bevinding.", r->verdicts[v].label,
                             pt_rm_num(m, true, r->verdicts[v].min_overall, 2),
                             pt_rm_num(m, true, r->verdicts[v].min_domain, 2));
    it[r->nverdicts] = pt_rm_printf(m, "%s: als geen van beide lukt, of bij een kritieke "
                                    "bevinding (een kritiek criterium onder %s of een "
                                    "kritieke termijn niet gehaald).", r->fallback.label,
                                    pt_rm_num(m, true, r->critical_min, 2));
    it[r->nverdicts + 1] = pt_rm_printf(m, "Geen oordeel mogelijk: minder dan %ld %s met "
                                        "een score.", r->min_cases,
                                        r->min_cases == 1 ? "casus" : "casussen");
}

static void sec_findings(struct pt_rmodel *m, const struct pt_result *res)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    struct pt_rsection *s = pt_rm_section(m, "bevindingen", "Kritieke bevindingen");
    if (!res->nfindings) {
        pt_rm_block(m, s, PT_RB_PARA, "Geen.");
        return;
    }
    const char **it = pt_rm_list(m, s, res->nfindings);
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        const char *cid = t->assessment->case_ids[f->kase];
        if (f->is_check)
            it[i] = pt_rm_printf(m, "Casus %s: %s — %ld dagen (maximaal %ld).", cid,
                                 r->checks[f->index].label, f->days,
                                 r->checks[f->index].max_days);
        else
            it[i] = pt_rm_printf(m, "Casus %s: %s (%s) — score %s, ondergrens %s.", cid,
                                 r->criteria[f->index].question, r->criteria[f->index].id,
                                 pt_rm_num(m, true, f->score, 2),
                                 pt_rm_num(m, true, r->critical_min, 2));
    }
}

static void sec_domains(struct pt_rmodel *m, const struct pt_result *res, bool summary)
{
    const struct pt_rubric *r = res->t->rubric;
    struct pt_rsection *s = pt_rm_section(m, "domeinen", "Domeinscores");
    if (!summary) {
        struct pt_rchart *c = pt_arena_array(&m->arena, 1, sizeof *c);
        c->title = "Domeinscores op de schaal, met de drempels van de oordelen";
        c->nbars = r->ndomains;
        c->bars = pt_arena_array(&m->arena, r->ndomains ? r->ndomains : 1, sizeof *c->bars);
        for (size_t d = 0; d < r->ndomains; d++) {
            struct pt_rbar *b = &c->bars[d];
            b->label = r->domains[d].title;
            b->value = res->has_domain[d] ? pt_rm_num(m, true, res->domain[d], 2) : "";
            b->f = res->has_domain[d] ? pt_rm_frac(r, res->domain[d]) : 0;
            b->tone = res->has_domain[d] ? pt_rm_heat(r, res->domain[d]) : PT_TONE_NONE;
        }
        chart_ticks(m, r, c);
        c->nmarks = r->nverdicts;
        c->marks = pt_arena_array(&m->arena, r->nverdicts ? r->nverdicts : 1, sizeof *c->marks);
        c->mark_labels = pt_arena_array(&m->arena, r->nverdicts ? r->nverdicts : 1,
                                        sizeof *c->mark_labels);
        for (size_t v = 0; v < r->nverdicts; v++) {
            c->marks[v] = pt_rm_frac(r, r->verdicts[v].min_domain);
            c->mark_labels[v] = pt_rm_printf(m, "%s: elk domein ≥ %s, totaal ≥ %s",
                                             r->verdicts[v].label,
                                             pt_rm_num(m, true, r->verdicts[v].min_domain, 2),
                                             pt_rm_num(m, true, r->verdicts[v].min_overall, 2));
        }
        pt_rm_block(m, s, PT_RB_CHART, NULL)->chart = c;
    }
    struct pt_rtable *t = pt_rm_table(m, s, 3, r->ndomains, NULL);
    t->head[0] = "Domein";
    t->head[1] = "Score";
    t->head[2] = "Casussen";
    t->row_heads = true;
    for (size_t d = 0; d < r->ndomains; d++) {
        pt_rm_cell(t, d, 0, r->domains[d].title, PT_TONE_NONE);
        pt_rm_cell(t, d, 1, pt_rm_num(m, res->has_domain[d], res->domain[d], 2),
                   res->has_domain[d] ? pt_rm_heat(r, res->domain[d]) : PT_TONE_NONE);
        pt_rm_cell(t, d, 2, pt_rm_printf(m, "%zu", res->domain_cases[d]), PT_TONE_NONE);
    }
    if (!summary)
        pt_rm_block(m, s, PT_RB_NOTE, "De stippellijnen in de grafiek zijn de laagste "
                    "domeinscore die elk oordeel vraagt; het oordeel vraagt ook een totaalscore "
                    "(zie Wanneer welk oordeel).");
}

/* "▲ +0,47", "▼ −0,12" or "=": the same sign in every format. */
static const char *trend_change(struct pt_rmodel *m, bool has, double now, double before,
                                enum pt_rtone *tone)
{
    *tone = PT_TONE_NONE;
    if (!has)
        return "–";
    double dv = pt_round(now - before, 2);
    char x[48];
    pt_fmt_nl(x, sizeof x, dv < 0 ? -dv : dv, 2);
    if (dv > PT_EPS) {
        *tone = PT_TONE_UP;
        return pt_rm_printf(m, "▲ +%s", x);
    }
    if (dv < -PT_EPS) {
        *tone = PT_TONE_DOWN;
        return pt_rm_printf(m, "▼ −%s", x);
    }
    *tone = PT_TONE_SAME;
    return "=";
}

static void sec_trend(struct pt_rmodel *m, const struct pt_result *res,
                      const struct pt_result *prev)
{
    const struct pt_rubric *r = res->t->rubric;
    const struct pt_assessment *pa = prev->t->assessment;
    struct pt_rsection *s = pt_rm_section(m, "ontwikkeling",
                                          "Ontwikkeling sinds de vorige praktijktoets");
    pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "Vergeleken met %s van %s.", pa->id,
                                               pa->date));
    struct pt_rtable *t = pt_rm_table(m, s, 4, r->ndomains + 1, NULL);
    t->head[0] = "Domein";
    t->head[1] = "Vorige";
    t->head[2] = "Nu";
    t->head[3] = "Verschil";
    t->row_heads = true;
    t->wide = true;
    for (size_t d = 0; d <= r->ndomains; d++) {
        bool total = d == r->ndomains, hp, hn;
        double p = 0, n;
        if (total) {
            hp = prev->has_overall;
            p = prev->overall;
            hn = res->has_overall;
            n = res->overall;
        } else {
            hp = pt_rep_prev_domain(prev, r->domains[d].id, &p);
            hn = res->has_domain[d];
            n = res->domain[d];
        }
        enum pt_rtone tone;
        const char *ch = trend_change(m, hp && hn, n, p, &tone);
        pt_rm_cell(t, d, 0, total ? "Totaal" : r->domains[d].title, PT_TONE_NONE);
        pt_rm_cell(t, d, 1, pt_rm_num(m, hp, p, 2), PT_TONE_NONE);
        pt_rm_cell(t, d, 2, pt_rm_num(m, hn, n, 2), PT_TONE_NONE);
        pt_rm_cell(t, d, 3, ch, tone);
    }
    pt_rm_block(m, s, PT_RB_NOTE, "▲ hoger dan de vorige keer, ▼ lager, = gelijk (op twee "
                "decimalen).");
}

static void sec_national(struct pt_rmodel *m, const struct pt_result *res,
                         const struct pt_benchmark *bm)
{
    const struct pt_rubric *r = res->t->rubric;
    size_t rows = r->ndomains + 1;
    struct pt_rsection *s = pt_rm_section(m, "landelijk", "Landelijke vergelijking");
    pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "De scores van dit samenwerkingsverband "
                "naast die van %ld samenwerkingsverbanden met dezelfde rubric. In de "
                "grafiek loopt de balk van het eerste tot het derde kwartiel, de streep is "
                "de mediaan en de stip is dit samenwerkingsverband. De landelijke cijfers "
                "zijn afgerond op één decimaal; de laagste en de hoogste score worden niet "
                "getoond, omdat ze de score van één samenwerkingsverband zouden verraden.", bm->swvs));
    struct pt_rchart *c = pt_arena_array(&m->arena, 1, sizeof *c);
    c->title = "Dit samenwerkingsverband naast de landelijke verdeling";
    c->national = true;
    c->nbars = rows;
    c->bars = pt_arena_array(&m->arena, rows, sizeof *c->bars);
    chart_ticks(m, r, c);
    pt_rm_block(m, s, PT_RB_CHART, NULL)->chart = c;
    static const char *const head[] = {"Domein", "Dit swv", "1e kwartiel", "Mediaan",
                                       "3e kwartiel", "Positie"};
    struct pt_rtable *t = pt_rm_table(m, s, 6, rows, NULL);
    memcpy(t->head, head, sizeof head);
    t->row_heads = true;
    t->wide = true;
    for (size_t d = 0; d < rows; d++) {
        struct pt_rep_bench_row br;
        pt_rep_bench_row(res, bm, d, &br);
        struct pt_rbar *b = &c->bars[d];
        b->label = br.title;
        b->bold = br.is_total;
        b->value = br.has_own ? pt_rm_num(m, true, br.own, 2) : "";
        b->f = br.has_own ? pt_rm_frac(r, br.own) : 0;
        b->has_box = br.has;
        for (size_t i = 0; i < 3; i++)
            b->box[i] = br.has ? pt_rm_frac(r, br.v[i]) : 0;
        pt_rm_cell(t, d, 0, br.title, PT_TONE_NONE);
        pt_rm_cell(t, d, 1, pt_rm_num(m, br.has_own, br.own, 2), PT_TONE_NONE);
        for (size_t i = 0; i < 3; i++)
            pt_rm_cell(t, d, 2 + i, pt_rm_num(m, br.has, br.v[i], 1), PT_TONE_NONE);
        pt_rm_cell(t, d, 5, br.position, PT_TONE_NONE);
    }
}

static void sec_cases(struct pt_rmodel *m, const struct pt_result *res, bool summary)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    size_t nc = t->assessment->ncases;
    struct pt_rsection *s = pt_rm_section(m, "casussen", "Scores per casus");
    struct pt_rtable *tb = pt_rm_table(m, s, 5, nc, NULL);
    static const char *const head[] = {"Casus", "Score", "Op tijd", "Te laat", "Loopt nog"};
    memcpy(tb->head, head, sizeof head);
    tb->row_heads = true;
    for (size_t c = 0; c < nc; c++) {
        const struct pt_case_result *cr = &res->cases[c];
        size_t n[3] = {0, 0, 0};
        for (size_t i = 0; i < r->nchecks; i++)
            if (cr->checks[i].status != PT_CHECK_NA)
                n[cr->checks[i].status == PT_CHECK_OK ? 0
                  : cr->checks[i].status == PT_CHECK_FAIL ? 1 : 2]++;
        pt_rm_cell(tb, c, 0, t->assessment->case_ids[c], PT_TONE_NONE);
        pt_rm_cell(tb, c, 1, pt_rm_num(m, cr->has_score, cr->score, 2),
                   cr->has_score ? pt_rm_heat(r, cr->score) : PT_TONE_NONE);
        pt_rm_cell(tb, c, 2, pt_rm_printf(m, "%zu", n[0]), PT_TONE_NONE);
        pt_rm_cell(tb, c, 3, pt_rm_printf(m, "%zu", n[1]), n[1] ? PT_TONE_FLAG : PT_TONE_NONE);
        pt_rm_cell(tb, c, 4, pt_rm_printf(m, "%zu", n[2]), PT_TONE_NONE);
    }
    pt_rm_block(m, s, PT_RB_NOTE, summary ? "Op tijd, te laat en loopt nog tellen de "
                "termijnen van de casus." : "Op tijd, te laat en loopt nog tellen de termijnen "
                "van de casus (zie Termijnen per casus).");
}

static const char *audience_line(enum pt_audience aud)
{
    switch (aud) {
    case PT_AUD_TEAM:
        return "Rapport voor het spiegelteam: alles, ook welke beoordelaar welk niveau gaf.";
    case PT_AUD_SWV:
        return "Rapport voor het samenwerkingsverband: niveaus en toelichtingen per "
               "geleding, nooit per beoordelaar.";
    case PT_AUD_OPR:
        break;
    }
    return "Rapport voor de ondersteuningsplanraad: de uitkomsten per domein, casus en "
           "geleding; de toelichtingen en niveaus per geleding staan in het rapport voor "
           "het samenwerkingsverband.";
}

int pt_rmodel_build(const struct pt_result *res, const struct pt_result *prev,
                    const struct pt_benchmark *bench, enum pt_audience aud,
                    enum pt_rmodel_kind kind, struct pt_rmodel *m)
{
    const struct pt_assessment *a = res->t->assessment;
    const struct pt_rubric *r = res->t->rubric;
    bool summary = kind == PT_RMODEL_SUMMARY;
    memset(m, 0, sizeof *m);
    m->audience = aud;
    m->title = "Praktijktoets passend onderwijs";
    m->doc_title = pt_rm_printf(m, "Praktijktoets %s", a->id);
    m->meta = pt_rm_printf(m, "%s · samenwerkingsverband %s · %s · rubric %s (%s@%ld)",
                           a->id, a->swv, a->date, r->title, r->id, r->version);
    if (!summary)
        pt_rm_block(m, pt_rm_section(m, "voor", NULL), PT_RB_NOTE, audience_line(aud));
    sec_verdict(m, res);
    sec_findings(m, res);
    sec_domains(m, res, summary);
    if (prev)
        sec_trend(m, res, prev);
    if (bench)
        sec_national(m, res, bench);
    sec_cases(m, res, summary);
    pt_rsec_rest(m, res, aud, summary);
    return 0;
}

void pt_rmodel_free(struct pt_rmodel *m)
{
    for (size_t i = 0; i < m->nsections; i++)
        free(m->sections[i].blocks);
    free(m->sections);
    pt_arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}
