/*
 * report_sections.c — the report model's sections after the case scores:
 * strengths and improvement points, the heat table, deadlines, discussion
 * points, perspectives, levels per case and criterion, comments,
 * reliability, the team and the warnings. What each audience sees is
 * decided here (docs/reports.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"

static void strengths(struct pt_rmodel *m, const struct pt_result *res)
{
    const struct pt_rubric *r = res->t->rubric;
    struct pt_rsection *s = pt_rm_section(m, "sterk", "Sterke punten en verbeterpunten");
    size_t order[1024], n = 0;
    pt_rep_ranked(res, order, &n);
    size_t top = n / 2 < 3 ? n / 2 : 3, low = n - top < 3 ? n - top : 3;
    pt_rm_block(m, s, PT_RB_NOTE, "De criteria met de hoogste en de laagste gemiddelde "
                "score over de casussen.");
    for (int part = 0; part < 2; part++) {
        size_t from = part ? n - low : 0, cnt = part ? low : top;
        pt_rm_block(m, s, PT_RB_SUBHEAD, part ? "Verbeterpunten" : "Sterk");
        if (!cnt) {
            pt_rm_block(m, s, PT_RB_PARA, "Geen.");
            continue;
        }
        const char **it = pt_rm_list(m, s, cnt);
        for (size_t i = 0; i < cnt; i++) {
            double mean = 0;
            size_t k = order[from + i];
            pt_rep_criterion_mean(res, k, &mean);
            it[i] = pt_rm_printf(m, "%s (%s) — %s", r->criteria[k].question, r->criteria[k].id,
                                 pt_rm_num(m, true, mean, 2));
        }
    }
}

static void heat_legend(struct pt_rmodel *m, struct pt_rsection *s, const struct pt_rubric *r)
{
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    const char *q[3];
    for (int i = 0; i < 3; i++)
        q[i] = pt_rm_num(m, true, lo + (hi - lo) * 0.25 * (i + 1), 2);
    struct pt_rtable *t = pt_rm_table(m, s, 4, 1, "Kleurschaal van de scores");
    static const char *const head[] = {"Rood", "Oranje", "Geelgroen", "Groen"};
    memcpy(t->head, head, sizeof head);
    pt_rm_cell(t, 0, 0, pt_rm_printf(m, "lager dan %s", q[0]), PT_TONE_HEAT1);
    pt_rm_cell(t, 0, 1, pt_rm_printf(m, "%s tot %s", q[0], q[1]), PT_TONE_HEAT2);
    pt_rm_cell(t, 0, 2, pt_rm_printf(m, "%s tot %s", q[1], q[2]), PT_TONE_HEAT3);
    pt_rm_cell(t, 0, 3, pt_rm_printf(m, "%s of hoger", q[2]), PT_TONE_HEAT4);
}

static void heat(struct pt_rmodel *m, const struct pt_result *res)
{
    const struct pt_toetsmap *tm = res->t;
    const struct pt_rubric *r = tm->rubric;
    size_t nc = tm->assessment->ncases;
    struct pt_rsection *s = pt_rm_section(m, "warmtekaart", "Scores per criterium en casus");
    pt_rm_block(m, s, PT_RB_NOTE, "Elke cel is de score van een criterium in een casus. "
                "* de beoordelaars lopen uiteen; nvt: niet van toepassing; ?: te weinig "
                "beoordelaars.");
    heat_legend(m, s, r);
    struct pt_rtable *t = pt_rm_table(m, s, nc + 1, r->ncriteria, NULL);
    t->head[0] = "Criterium";
    for (size_t c = 0; c < nc; c++)
        t->head[c + 1] = tm->assessment->case_ids[c];
    t->row_heads = true;
    t->wide = true;
    for (size_t k = 0; k < r->ncriteria; k++) {
        pt_rm_cell(t, k, 0, pt_rm_printf(m, "%s (%s)", r->criteria[k].question,
                                         r->criteria[k].id), PT_TONE_NONE);
        for (size_t c = 0; c < nc; c++) {
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            if (x->status == PT_CRIT_SCORED)
                pt_rm_cell(t, k, c + 1, pt_rm_printf(m, "%s%s", pt_rm_num(m, true, x->score, 1),
                                                     x->disagreement ? "*" : ""),
                           pt_rm_heat(r, x->score));
            else
                pt_rm_cell(t, k, c + 1, x->status == PT_CRIT_NVT ? "nvt" : "?", PT_TONE_NONE);
        }
    }
}

static const char *check_word(enum pt_check_status st)
{
    return st == PT_CHECK_OK ? "op tijd" : st == PT_CHECK_FAIL ? "te laat" : "loopt nog";
}

static void deadlines(struct pt_rmodel *m, const struct pt_result *res)
{
    const struct pt_toetsmap *tm = res->t;
    const struct pt_rubric *r = tm->rubric;
    size_t nc = tm->assessment->ncases, n = 0;
    for (size_t c = 0; c < nc; c++)
        for (size_t i = 0; i < r->nchecks; i++)
            n += res->cases[c].checks[i].status != PT_CHECK_NA;
    struct pt_rsection *s = pt_rm_section(m, "termijnen", "Termijnen per casus");
    pt_rm_block(m, s, PT_RB_NOTE, "Dagen tussen de twee gebeurtenissen; bij \"loopt nog\" "
                "tot de datum van de praktijktoets.");
    struct pt_rtable *t = pt_rm_table(m, s, 5, n, NULL);
    static const char *const head[] = {"Casus", "Termijn", "Status", "Dagen", "Maximaal"};
    memcpy(t->head, head, sizeof head);
    t->wide = true;
    size_t row = 0;
    for (size_t c = 0; c < nc; c++)
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct pt_check_result *x = &res->cases[c].checks[i];
            if (x->status == PT_CHECK_NA)
                continue;
            pt_rm_cell(t, row, 0, tm->assessment->case_ids[c], PT_TONE_NONE);
            pt_rm_cell(t, row, 1, r->checks[i].label, PT_TONE_NONE);
            pt_rm_cell(t, row, 2, check_word(x->status),
                       x->status == PT_CHECK_FAIL ? PT_TONE_FLAG : PT_TONE_NONE);
            pt_rm_cell(t, row, 3, pt_rm_printf(m, "%ld", x->days), PT_TONE_NONE);
            pt_rm_cell(t, row, 4, pt_rm_printf(m, "%ld", r->checks[i].max_days), PT_TONE_NONE);
            row++;
        }
}

/* The levels of one case and criterion: for the team "r1 3, r2 nvt"; for
 * a geleding its levels sorted (numbers up, then nvt), so no order gives a
 * rater away. */
static const char *levels_of(struct pt_rmodel *m, const struct pt_toetsmap *tm, size_t c,
                             size_t k, long rater, int role)
{
    int lv[64];
    size_t n = 0, nvt = 0;
    struct pt_buf b = {0};
    for (size_t i = 0; i < tm->assessment->nteam; i++) {
        if ((rater >= 0 && (size_t)rater != i) ||
            (role >= 0 && (int)tm->assessment->team[i].role != role))
            continue;
        size_t sl = pt_toetsmap_slot(tm, c, k, i);
        if (!sl)
            continue;
        if (tm->scores[sl - 1].nvt)
            nvt++;
        else if (n < 64)
            lv[n++] = tm->scores[sl - 1].level;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && lv[j] < lv[j - 1]; j--) {
            int x = lv[j];
            lv[j] = lv[j - 1];
            lv[j - 1] = x;
        }
    for (size_t i = 0; i < n; i++)
        pt_buf_printf(&b, "%s%d", i ? " " : "", lv[i]);
    for (size_t i = 0; i < nvt; i++)
        pt_buf_printf(&b, "%snvt", b.len ? " " : "");
    const char *out = b.len ? pt_arena_strdup(&m->arena, b.data) : "–";
    pt_buf_free(&b);
    return out;
}

static void discussion(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud,
                       bool summary)
{
    const struct pt_toetsmap *tm = res->t;
    const struct pt_rubric *r = tm->rubric;
    size_t nc = tm->assessment->ncases, nk = r->ncriteria, n = 0;
    size_t cells = nc * nk;
    size_t *idx = pt_xmalloc((cells ? cells : 1) * sizeof *idx);
    for (size_t c = 0; c < nc; c++)
        for (size_t k = 0; k < nk; k++)
            if (res->cases[c].criteria[k].status == PT_CRIT_SCORED &&
                res->cases[c].criteria[k].disagreement)
                idx[n++] = c * nk + k;
    for (size_t i = 1; i < n; i++)      /* stable, largest spread first */
        for (size_t j = i; j > 0; j--) {
            double a = res->cases[idx[j] / nk].criteria[idx[j] % nk].spread;
            double b = res->cases[idx[j - 1] / nk].criteria[idx[j - 1] % nk].spread;
            if (a <= b)
                break;
            size_t x = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = x;
        }
    struct pt_rsection *s = pt_rm_section(m, "bespreekpunten", "Bespreekpunten");
    pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "%zu keer lopen de beoordelaars uiteen: een "
                "spreiding van %s of meer tussen het hoogste en laagste niveau, of een deel "
                "vond het criterium niet van toepassing.", n,
                pt_rm_num(m, true, r->disagreement_spread, 0)));
    bool team = aud == PT_AUD_TEAM;
    if (!summary && n) {
        struct pt_rtable *t = pt_rm_table(m, s, team ? 5 : 4, n, "Bespreekpunten, grootste "
                                          "spreiding eerst");
        static const char *const head[] = {"Casus", "Criterium", "Spreiding", "nvt",
                                           "Niveaus per beoordelaar"};
        memcpy(t->head, head, t->ncols * sizeof *head);
        t->wide = true;
        for (size_t i = 0; i < n; i++) {
            size_t c = idx[i] / nk, k = idx[i] % nk;
            const struct pt_crit_result *x = &res->cases[c].criteria[k];
            pt_rm_cell(t, i, 0, tm->assessment->case_ids[c], PT_TONE_NONE);
            pt_rm_cell(t, i, 1, pt_rm_printf(m, "%s (%s)", r->criteria[k].question,
                                             r->criteria[k].id), PT_TONE_NONE);
            pt_rm_cell(t, i, 2, pt_rm_num(m, true, x->spread, 0), PT_TONE_NONE);
            pt_rm_cell(t, i, 3, pt_rm_printf(m, "%zu", x->na), PT_TONE_NONE);
            if (team) {
                struct pt_buf b = {0};
                for (size_t j = 0; j < tm->assessment->nteam; j++)
                    if (pt_toetsmap_slot(tm, c, k, j))
                        pt_buf_printf(&b, "%s%s %s", b.len ? ", " : "", tm->assessment->team[j].id,
                                      levels_of(m, tm, c, k, (long)j, -1));
                pt_rm_cell(t, i, 4, pt_arena_strdup(&m->arena, b.data ? b.data : ""), PT_TONE_NONE);
                pt_buf_free(&b);
            }
        }
    }
    free(idx);
}

/* Geledingen with one member, as "management, ouders en gemeente". */
static const char *single_roles(struct pt_rmodel *m, const struct pt_result *res, size_t *count)
{
    struct pt_buf b = {0};
    size_t n = 0, total = 0;
    for (size_t j = 0; j < res->nroles; j++)
        total += res->role_members[res->roles[j]] == 1;
    for (size_t j = 0; j < res->nroles; j++)
        if (res->role_members[res->roles[j]] == 1) {
            n++;
            pt_buf_printf(&b, "%s%s", n == 1 ? "" : n == total ? " en " : ", ",
                          pt_role_name(res->roles[j]));
        }
    *count = n;
    char *out = pt_arena_strdup(&m->arena, b.data ? b.data : "");
    pt_buf_free(&b);
    if (*out >= 'a' && *out <= 'z')     /* it begins a sentence */
        *out = (char)(*out - 'a' + 'A');
    return out;
}

static void perspectives(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud)
{
    const struct pt_rubric *r = res->t->rubric;
    size_t nr = res->nroles;
    struct pt_rsection *s = pt_rm_section(m, "perspectieven", "Perspectieven van de geledingen");
    pt_rm_block(m, s, PT_RB_NOTE, pt_rm_printf(m, "Gemiddelde score per domein per geleding. "
                "⚑: de hoogste en de laagste geleding verschillen %s punt of meer.",
                pt_rm_num(m, true, r->perspective_gap, 2)));
    struct pt_rtable *t = pt_rm_table(m, s, nr + 2, r->ndomains, NULL);
    t->head[0] = "Domein";
    for (size_t j = 0; j < nr; j++)
        t->head[j + 1] = pt_role_label(res->roles[j]);
    t->head[nr + 1] = "Verschil";
    t->row_heads = true;
    t->wide = nr > 3;
    for (size_t d = 0; d < r->ndomains; d++) {
        pt_rm_cell(t, d, 0, r->domains[d].title, PT_TONE_NONE);
        for (size_t j = 0; j < nr; j++) {
            size_t i = d * nr + j;
            pt_rm_cell(t, d, j + 1, pt_rm_num(m, res->has_role_mean[i], res->role_mean[i], 2),
                       res->has_role_mean[i] ? pt_rm_heat(r, res->role_mean[i]) : PT_TONE_NONE);
        }
        const char *g = pt_rm_num(m, res->has_gap[d], res->gap[d], 2);
        pt_rm_cell(t, d, nr + 1, res->gap_flag[d] ? pt_rm_printf(m, "%s ⚑", g) : g,
                   res->gap_flag[d] ? PT_TONE_FLAG : PT_TONE_NONE);
    }
    size_t ns;
    const char *singles = single_roles(m, res, &ns);
    if (aud != PT_AUD_TEAM && ns)
        pt_rm_block(m, s, PT_RB_NOTE, pt_rm_printf(m, "%s %s één lid in het spiegelteam; %s "
                    "alleen hier, per domein, en niet per casus en criterium, zodat niemand "
                    "als persoon herkenbaar is.", singles, ns == 1 ? "heeft" : "hebben elk",
                    ns == 1 ? "die geleding staat" : "die geledingen staan"));
}

static void levels(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud)
{
    const struct pt_toetsmap *tm = res->t;
    const struct pt_assessment *a = tm->assessment;
    const struct pt_rubric *r = tm->rubric;
    bool team = aud == PT_AUD_TEAM;
    int cols[64];
    size_t ncols = 0;
    for (size_t i = 0; i < (team ? a->nteam : res->nroles) && ncols < 64; i++)
        if (team || res->role_members[res->roles[i]] >= 2)
            cols[ncols++] = (int)i;
    struct pt_rsection *s = pt_rm_section(m, "niveaus", team ? "Niveaus per beoordelaar"
                                                             : "Niveaus per geleding");
    if (!ncols) {
        pt_rm_block(m, s, PT_RB_PARA, "Geen geleding heeft twee of meer leden; per casus en "
                    "criterium staan daarom geen niveaus in dit rapport. De geledingen staan "
                    "per domein onder Perspectieven van de geledingen.");
        return;
    }
    pt_rm_block(m, s, PT_RB_NOTE, team ? "Welk niveau elke beoordelaar gaf, per casus en "
                "criterium." : "De niveaus van geledingen met minstens twee leden, per casus "
                "en criterium, van laag naar hoog: de volgorde zegt niet wie wat gaf.");
    pt_rm_block(m, s, PT_RB_NOTE, "Status: gescoord; nvt (niet van toepassing); onvoldoende "
                "(te weinig beoordelaars gaven een niveau, dus geen score).");
    size_t nk = r->ncriteria, nrows = a->ncases * nk;
    struct pt_rtable *t = pt_rm_table(m, s, ncols + 4, nrows, NULL);
    t->head[0] = "Casus";
    t->head[1] = "Criterium";
    t->head[2] = "Status";
    t->head[3] = "Score";
    t->wide = true;
    for (size_t j = 0; j < ncols; j++)
        t->head[j + 4] = team ? pt_rm_printf(m, "%s (%s)", a->team[cols[j]].id,
                                             pt_role_name(a->team[cols[j]].role))
                              : pt_rm_printf(m, "%s (%zu leden)",
                                             pt_role_name(res->roles[cols[j]]),
                                             res->role_members[res->roles[cols[j]]]);
    for (size_t row = 0; row < nrows; row++) {
        size_t c = row / nk, k = row % nk;
        const struct pt_crit_result *x = &res->cases[c].criteria[k];
        pt_rm_cell(t, row, 0, a->case_ids[c], PT_TONE_NONE);
        pt_rm_cell(t, row, 1, r->criteria[k].id, PT_TONE_NONE);
        pt_rm_cell(t, row, 2, x->status == PT_CRIT_SCORED ? "gescoord"
                   : x->status == PT_CRIT_NVT ? "nvt" : "onvoldoende", PT_TONE_NONE);
        pt_rm_cell(t, row, 3, pt_rm_num(m, x->status == PT_CRIT_SCORED, x->score, 2),
                   PT_TONE_NONE);
        for (size_t j = 0; j < ncols; j++)
            pt_rm_cell(t, row, j + 4, team ? levels_of(m, tm, c, k, cols[j], -1)
                       : levels_of(m, tm, c, k, -1, (int)res->roles[cols[j]]), PT_TONE_NONE);
    }
}

static void comments(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud)
{
    const struct pt_toetsmap *tm = res->t;
    struct pt_rsection *s = pt_rm_section(m, "toelichtingen", "Toelichtingen per criterium");
    size_t *com = NULL, ncom = pt_rep_comments(tm, &com);
    if (!ncom)
        pt_rm_block(m, s, PT_RB_PARA, "Geen toelichtingen.");
    for (size_t i = 0; i < ncom;) {
        size_t k = tm->scores[com[i]].criterion, j = i;
        while (j < ncom && tm->scores[com[j]].criterion == k)
            j++;
        pt_rm_block(m, s, PT_RB_SUBHEAD, pt_rm_printf(m, "%s (%s)",
                    tm->rubric->criteria[k].question, tm->rubric->criteria[k].id));
        const char **it = pt_rm_list(m, s, j - i);
        for (size_t x = i; x < j; x++) {
            const struct pt_score *sc = &tm->scores[com[x]];
            char who[160];
            pt_rep_who(tm, sc->rater, aud, who, sizeof who);
            it[x - i] = pt_rm_printf(m, "Casus %s, %s: %s", tm->assessment->case_ids[sc->kase],
                                     who, sc->comment);
        }
        i = j;
    }
    free(com);
}

static void reliability(struct pt_rmodel *m, const struct pt_result *res)
{
    struct pt_rsection *s = pt_rm_section(m, "betrouwbaarheid",
                                          "Betrouwbaarheid van het spiegelteam");
    const struct pt_alpha *al = &res->alpha;
    pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "Krippendorff's alpha (ordinaal) %s, "
                "interval %s, over %zu eenheden: %s.", pt_rm_num(m, al->has_ordinal, al->ordinal, 3),
                pt_rm_num(m, al->has_interval, al->interval, 3), al->units,
                al->has_ordinal ? pt_alpha_interpretation(al->ordinal) : "niet te berekenen"));
    pt_rm_block(m, s, PT_RB_NOTE, "Alpha zegt hoe eens de beoordelaars het zijn (1 is "
                "volledig eens): 0,800 of hoger is betrouwbaar; 0,667 tot 0,800 is voorlopig, "
                "trek conclusies dan met voorzichtigheid; lager is onvoldoende betrouwbaar. Een "
                "eenheid is een criterium in een casus met minstens twee scores.");
    if (al->units < 30)
        pt_rm_block(m, s, PT_RB_WARN, "Het aantal beoordeelde eenheden is klein; lees dit "
                    "getal met voorzichtigheid.");
}

static void team_section(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud)
{
    const struct pt_assessment *a = res->t->assessment;
    struct pt_rsection *s = pt_rm_section(m, "spiegelteam", "Spiegelteam");
    struct pt_buf b = {0}, miss = {0}, extra = {0};
    pt_buf_printf(&b, "%zu leden", a->nteam);
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(&b, "%s%s %zu", j ? ", " : ": ", pt_role_name(res->roles[j]),
                      res->role_members[res->roles[j]]);
    pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "%s.", b.data));
    if (aud == PT_AUD_TEAM) {
        b.len = 0;
        for (size_t i = 0; i < a->nteam; i++)
            pt_buf_printf(&b, "%s%s (%s)", i ? ", " : "Beoordelaars: ", a->team[i].id,
                          pt_role_name(a->team[i].role));
        pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "%s.", b.data));
    }
    size_t nmiss = 0;
    for (int r = 0; r < PT_ROLE_COUNT; r++) {
        if (r < PT_ROLE_REQUIRED && !res->role_members[r])
            pt_buf_printf(&miss, "%s%s", nmiss++ ? ", " : "", pt_role_name((enum pt_role)r));
        else if (r >= PT_ROLE_REQUIRED && res->role_members[r])
            pt_buf_printf(&extra, "%s%s", extra.len ? ", " : "", pt_role_name((enum pt_role)r));
    }
    if (!nmiss)
        pt_rm_block(m, s, PT_RB_PARA, pt_rm_printf(m, "Alle vier vaste geledingen (management, "
                    "ouders, personeel en gemeente) deden mee%s%s.", extra.len ? "; daarnaast " : "",
                    extra.len ? extra.data : ""));
    else
        pt_rm_block(m, s, PT_RB_WARN, pt_rm_printf(m, "Niet alle vier vaste geledingen "
                    "(management, ouders, personeel en gemeente) deden mee: %s %s.", miss.data,
                    nmiss == 1 ? "ontbreekt" : "ontbreken"));
    pt_buf_free(&b);
    pt_buf_free(&miss);
    pt_buf_free(&extra);
}

/* The engine's warnings that no section above already says: a missing
 * geleding is under Spiegelteam, too few units under Betrouwbaarheid. */
static bool said_above(const char *w)
{
    return strncmp(w, "De geleding ", 12) == 0 ||
           strncmp(w, "De betrouwbaarheid (alpha) rust op ", 35) == 0;
}

static void warnings(struct pt_rmodel *m, const struct pt_result *res)
{
    size_t n = 0;
    for (size_t i = 0; i < res->nwarnings; i++)
        n += !said_above(res->warnings[i]);
    if (!n)
        return;
    struct pt_rsection *s = pt_rm_section(m, "letop", "Let op");
    const char **it = pt_rm_list(m, s, n);
    n = 0;
    for (size_t i = 0; i < res->nwarnings; i++)
        if (!said_above(res->warnings[i]))
            it[n++] = res->warnings[i];
}

void pt_rsec_rest(struct pt_rmodel *m, const struct pt_result *res, enum pt_audience aud,
                  bool summary)
{
    if (!summary) {
        strengths(m, res);
        heat(m, res);
        deadlines(m, res);
    }
    if (aud != PT_AUD_OPR)
        discussion(m, res, aud, summary);
    perspectives(m, res, aud);
    if (!summary && aud != PT_AUD_OPR) {
        levels(m, res, aud);
        comments(m, res, aud);
    }
    reliability(m, res);
    team_section(m, res, aud);
    warnings(m, res);
}
