/*
 * result_text.c — the readable Dutch summary of a result, for the terminal
 * (`praktijktoets assess DIR`). It shows numbers, ids and the team's
 * composition; no case text and no rater comments.
 */
#include "result.h"

#include <stdio.h>
#include <string.h>

#include "model.h"

static const char *check_status_nl(enum pt_check_status s)
{
    switch (s) {
    case PT_CHECK_OK: return "op tijd";
    case PT_CHECK_FAIL: return "TE LAAT";
    case PT_CHECK_OPEN: return "loopt nog";
    case PT_CHECK_NA: return "n.v.t.";
    }
    return "?";
}

static void fmt_or_dash(char *buf, size_t size, bool has, double v, int decimals)
{
    if (has)
        pt_fmt_nl(buf, size, v, decimals);
    else
        snprintf(buf, size, "-");
}

/* Appends s left-aligned in width columns (counting characters, not bytes:
 * titles hold é and –). */
static void pad(struct pt_buf *out, const char *s, size_t width)
{
    size_t cols = 0;
    for (const char *p = s; *p; p++)
        cols += ((unsigned char)*p & 0xC0) != 0x80;
    pt_buf_adds(out, s);
    for (; cols < width; cols++)
        pt_buf_addc(out, ' ');
}

void pt_result_summary(const struct pt_result *res, struct pt_buf *out)
{
    const struct pt_toetsmap *t = res->t;
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    char x[32], y[32];

    pt_buf_printf(out, "Praktijktoets %s — samenwerkingsverband %s, %s\n", a->id, a->swv, a->date);
    pt_buf_printf(out, "Rubric: %s (%s@%ld)\n", r->title, r->id, r->version);
    pt_buf_printf(out, "Spiegelteam: %zu leden (", a->nteam);
    for (size_t j = 0; j < res->nroles; j++)
        pt_buf_printf(out, "%s%s %zu", j ? ", " : "", pt_role_name(res->roles[j]),
                      res->role_members[res->roles[j]]);
    pt_buf_printf(out, ")%s\n\n", res->team_complete ? "" : " — NIET COMPLEET");

    pt_buf_printf(out, "OORDEEL: %s\n", res->verdict_label);
    for (size_t i = 0; i < res->nreasons; i++)
        pt_buf_printf(out, "  - %s\n", res->reasons[i]);
    if (res->has_overall) {
        pt_fmt_nl(x, sizeof x, res->overall, 2);
        pt_fmt_nl(y, sizeof y, res->percent, 2);
        pt_buf_printf(out, "\nTotaalscore: %s op een schaal %d–%d (%s%%)\n", x, r->scale[0],
                      r->scale[r->nscale - 1], y);
    } else {
        pt_buf_adds(out, "\nTotaalscore: niet te berekenen\n");
    }

    pt_buf_adds(out, "\n  ");
    pad(out, "Domein", 50);
    pt_buf_adds(out, " score  casussen\n");
    for (size_t d = 0; d < r->ndomains; d++) {
        fmt_or_dash(x, sizeof x, res->has_domain[d], res->domain[d], 2);
        pt_buf_adds(out, "  ");
        pad(out, r->domains[d].title, 50);
        pt_buf_printf(out, " %5s  %zu\n", x, res->domain_cases[d]);
    }

    pt_buf_adds(out, "\nCasussen\n");
    for (size_t c = 0; c < a->ncases; c++) {
        const struct pt_case_result *cr = &res->cases[c];
        fmt_or_dash(x, sizeof x, cr->has_score, cr->score, 2);
        pt_buf_adds(out, "  ");
        pad(out, a->case_ids[c], 10);
        pt_buf_printf(out, " score %5s", x);
        bool any = false;
        for (size_t i = 0; i < r->nchecks; i++) {
            const struct pt_check_result *ck = &cr->checks[i];
            if (ck->status == PT_CHECK_NA)
                continue;
            pt_buf_printf(out, "%s%s %s (%ld d)", any ? ", " : "   termijnen: ",
                          r->checks[i].id, check_status_nl(ck->status), ck->days);
            any = true;
        }
        pt_buf_addc(out, '\n');
    }

    pt_buf_printf(out, "\nKritieke bevindingen: %zu\n", res->nfindings);
    for (size_t i = 0; i < res->nfindings; i++) {
        const struct pt_finding *f = &res->findings[i];
        if (f->is_check)
            pt_buf_printf(out, "  - casus %s: %s — %ld dagen (maximaal %ld)\n",
                          a->case_ids[f->kase], r->checks[f->index].label, f->days,
                          r->checks[f->index].max_days);
        else {
            pt_fmt_nl(x, sizeof x, f->score, 2);
            pt_buf_printf(out, "  - casus %s: %s scoort %s\n", a->case_ids[f->kase],
                          r->criteria[f->index].id, x);
        }
    }

    size_t ndis = 0;
    for (size_t c = 0; c < a->ncases; c++)
        for (size_t k = 0; k < r->ncriteria; k++)
            ndis += res->cases[c].criteria[k].status == PT_CRIT_SCORED &&
                    res->cases[c].criteria[k].disagreement;
    pt_buf_printf(out, "Bespreekpunten (beoordelaars lopen uiteen): %zu\n", ndis);

    pt_buf_adds(out, "\nBetrouwbaarheid van het spiegelteam (Krippendorff's alpha)\n");
    if (res->alpha.has_ordinal) {
        pt_fmt_nl(x, sizeof x, res->alpha.ordinal, 3);
        fmt_or_dash(y, sizeof y, res->alpha.has_interval, res->alpha.interval, 3);
        pt_buf_printf(out, "  ordinaal %s, interval %s over %zu eenheden: %s\n", x, y,
                      res->alpha.units, pt_alpha_interpretation(res->alpha.ordinal));
    } else {
        pt_buf_printf(out, "  niet te berekenen (%zu eenheden met twee of meer scores)\n",
                      res->alpha.units);
    }

    size_t nflag = 0;
    for (size_t d = 0; d < r->ndomains; d++)
        nflag += res->gap_flag[d];
    pt_buf_printf(out, "\nPerspectieven van de geledingen: %zu %s met een verschil van "
                  "%s punt of meer\n", nflag, nflag == 1 ? "domein" : "domeinen",
                  (pt_fmt_nl(x, sizeof x, r->perspective_gap, 2), x));
    for (size_t d = 0; d < r->ndomains; d++) {
        if (!res->gap_flag[d])
            continue;
        pt_fmt_nl(x, sizeof x, res->gap[d], 2);
        pt_buf_printf(out, "  %s (verschil %s):", r->domains[d].title, x);
        for (size_t j = 0; j < res->nroles; j++) {
            if (!res->has_role_mean[d * res->nroles + j])
                continue;
            pt_fmt_nl(y, sizeof y, res->role_mean[d * res->nroles + j], 2);
            pt_buf_printf(out, " %s %s", pt_role_name(res->roles[j]), y);
        }
        pt_buf_addc(out, '\n');
    }
    if (res->nwarnings) {
        pt_buf_adds(out, "\nLet op\n");
        for (size_t i = 0; i < res->nwarnings; i++)
            pt_buf_printf(out, "  - %s\n", res->warnings[i]);
    }
}
