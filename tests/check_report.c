/*
 * check_report.c — the feedback report: content by audience, escaping,
 * charts present, every format saying the same thing, Dutch for people,
 * trend signs, and golden files of every format × audience of both
 * samples (tests/golden/; PT_GOLDEN_UPDATE=1 rewrites them).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "result.h"
#include "suites.h"
#include "testutil.h"

static struct pt_toetsmap t;
static struct pt_result res;

static void setup(void)
{
    memset(&t, 0, sizeof t);
    tu_load("tests/fixtures/mini", &t);
    pt_score_compute(&t, &res);
}

static void teardown(void)
{
    pt_result_free(&res);
    pt_toetsmap_free(&t);
}

static char *report(enum pt_report_format f, enum pt_audience a)
{
    struct pt_buf b = {0};
    ck_assert_int_eq(pt_report_write(&res, NULL, f, a, &b), 0);
    return pt_buf_detach(&b);
}

START_TEST(html_content)
{
    char *h = report(PT_REP_HTML, PT_AUD_TEAM);
    ck_assert(strncmp(h, "<!DOCTYPE html>", 15) == 0);
    ck_assert_ptr_nonnull(strstr(h, "<div class=\"verdict v-bad\"><p class=\"label\">Oordeel: "
                                    "<strong>Onvoldoende</strong></p><p>Totaalscore 2,58 op een "
                                    "schaal van 1 tot 4 (52,78%).</p>"));
    ck_assert_ptr_nonnull(strstr(h, "<svg viewBox=\"0 0 360 "));        /* fits the width */
    ck_assert_ptr_nonnull(strstr(h, "role=\"img\" aria-labelledby=\"domeinen-t\""));
    ck_assert_ptr_nonnull(strstr(h, "stroke-dasharray"));              /* thresholds drawn */
    ck_assert_ptr_nonnull(strstr(h, "<tr><td data-label=\"Casus\">K2</td><td data-label=\"Termijn\">"
                                    "Besluit binnen 10 weken</td><td data-label=\"Status\" "
                                    "class=\"flag\">te laat</td><td data-label=\"Dagen\" "
                                    "class=\"n\">128</td>"));
    ck_assert_ptr_nonnull(strstr(h, "Casus K1, r1 (management): Goed geregeld"));
    ck_assert_ptr_nonnull(strstr(h, "Niet alle vier vaste geledingen (management, ouders, "
                                    "personeel en gemeente) deden mee: gemeente ontbreekt."));
    ck_assert_ptr_nonnull(strstr(h, "Het aantal beoordeelde eenheden is klein"));
    ck_assert_ptr_nonnull(strstr(h, "(mini@1)"));
    ck_assert_ptr_nonnull(strstr(h, "<h2 id=\"h-bespreekpunten\">Bespreekpunten</h2>\n<p class=\"lead\">1 keer"));
    ck_assert_ptr_nonnull(strstr(h, "<thead><tr><th scope=\"col\">"));  /* repeated on paper */
    ck_assert_ptr_nonnull(strstr(h, "@bottom-center{content:'Pagina ' counter(page)"));
    ck_assert_ptr_null(strstr(h, "<script"));
    ck_assert_ptr_null(strstr(h, "http://") == strstr(h, "http://www.w3.org/2000/svg") ? NULL : "x");
    free(h);
}
END_TEST

START_TEST(audience_hides_rater_ids)
{
    enum pt_report_format fs[] = {PT_REP_HTML, PT_REP_MD, PT_REP_JSON, PT_REP_CSV};
    for (size_t i = 0; i < 4; i++) {
        char *s = report(fs[i], PT_AUD_OPR);
        ck_assert_msg(strstr(s, "r1") == NULL && strstr(s, "r2") == NULL && strstr(s, "r3") == NULL,
                      "format %zu names a rater", i);
        free(s);
        s = report(fs[i], PT_AUD_SWV);
        ck_assert_msg(strstr(s, "r1") == NULL && strstr(s, "r2") == NULL && strstr(s, "r3") == NULL,
                      "format %zu names a rater", i);
        free(s);
    }
    char *m = report(PT_REP_MD, PT_AUD_SWV);
    ck_assert_ptr_nonnull(strstr(m, "- Casus K1, management: Goed geregeld"));
    /* every geleding has one member: no levels per case, and it says so */
    ck_assert_ptr_nonnull(strstr(m, "Geen geleding heeft twee of meer leden"));
    ck_assert_ptr_nonnull(strstr(m, "Management, ouders en personeel hebben elk één lid"));
    free(m);
    char *j = report(PT_REP_JSON, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(j, "\"rater\":\t\"r3\""));
    free(j);
}
END_TEST

/* The team sees who gave which level, in every format. */
START_TEST(team_sees_levels_per_rater)
{
    char *m = report(PT_REP_MD, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(m, "| Casus | Criterium | Status | Score | r1 (management) | "
                                    "r2 (ouders) | r3 (personeel) |\n"));
    ck_assert_ptr_nonnull(strstr(m, "| K1 | b1 | gescoord | 3,00 | 4 | 2 | nvt |\n"));
    free(m);
    char *c = report(PT_REP_CSV, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(c, "Casus;Criterium;Status;Score;r1 (management);r2 (ouders);"
                                    "r3 (personeel)\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "K1;b1;gescoord;3,00;4;2;nvt\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "K3;a1;onvoldoende;–;3;–;–\r\n"));
    free(c);
    char *h = report(PT_REP_HTML, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(h, "<td data-label=\"r1 (management)\" class=\"n\">4</td>"));
    free(h);
}
END_TEST

START_TEST(opr_differs_from_swv)
{
    char *s = report(PT_REP_MD, PT_AUD_SWV), *o = report(PT_REP_MD, PT_AUD_OPR);
    ck_assert_ptr_nonnull(strstr(s, "## Toelichtingen per criterium"));
    ck_assert_ptr_nonnull(strstr(s, "## Bespreekpunten"));
    ck_assert_ptr_null(strstr(o, "## Toelichtingen per criterium"));
    ck_assert_ptr_null(strstr(o, "## Bespreekpunten"));
    ck_assert_ptr_null(strstr(o, "Goed geregeld"));
    ck_assert_ptr_nonnull(strstr(o, "Rapport voor de ondersteuningsplanraad"));
    ck_assert_ptr_nonnull(strstr(o, "## Perspectieven van de geledingen"));
    free(s);
    free(o);
}
END_TEST

START_TEST(text_is_escaped)
{
    /* a comment and a title holding markup show as text */
    t.scores[2].comment = "<script>alert(1)</script> & </svg>";
    t.rubric->domains[0].title = "A <b>vet</b>";
    char *h = report(PT_REP_HTML, PT_AUD_TEAM);
    ck_assert_ptr_null(strstr(h, "<script>"));
    ck_assert_ptr_null(strstr(h, "<b>vet"));
    ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/svg&gt;"));
    ck_assert_ptr_nonnull(strstr(h, "A &lt;b&gt;vet&lt;/b&gt;"));
    free(h);
    char *m = report(PT_REP_MD, PT_AUD_TEAM);
    ck_assert_ptr_nonnull(strstr(m, "\\<script\\>"));
    free(m);
    /* a field a spreadsheet would run as a formula stays text */
    t.rubric->domains[0].title = "=HYPERLINK(1)";
    char *c = report(PT_REP_CSV, PT_AUD_TEAM);
    ck_assert_ptr_null(strstr(c, ";=HYPERLINK"));
    ck_assert_ptr_null(strstr(c, "\n=HYPERLINK"));
    ck_assert_ptr_nonnull(strstr(c, "\n'=HYPERLINK(1);"));
    free(c);
}
END_TEST

START_TEST(csv_is_dutch)
{
    char *c = report(PT_REP_CSV, PT_AUD_TEAM);
    ck_assert(strncmp(c, "\xEF\xBB\xBF" "Praktijktoets passend onderwijs\r\n", 36) == 0);
    ck_assert_ptr_nonnull(strstr(c, "\r\nDomeinscores\r\nDomein;Score;Casussen\r\n"));
    ck_assert_ptr_nonnull(strstr(c, "Casus;Termijn;Status;Dagen;Maximaal\r\n"
                                    "K1;Besluit binnen 10 weken;op tijd;"));
    ck_assert_ptr_nonnull(strstr(c, "K2;Besluit binnen 10 weken;te laat;128;70\r\n"));
    const char *english[] = {";scored;", ";insufficient;", ";ok;", ";fail;", ";open;",
                             "case;domain", "disagreement"};
    for (size_t i = 0; i < sizeof english / sizeof *english; i++)
        ck_assert_msg(strstr(c, english[i]) == NULL, "English in the CSV: %s", english[i]);
    free(c);
}
END_TEST

/* ---- the samples, with their earlier round ---------------------------- */

struct sample {
    struct pt_toetsmap t, pt;
    struct pt_result res, prev;
};

static void sample_load(struct sample *s, const char *name)
{
    char dir[256], pdir[256];
    memset(s, 0, sizeof *s);
    snprintf(dir, sizeof dir, "cases/voorbeeld-%s", name);
    snprintf(pdir, sizeof pdir, "cases/voorbeeld-%s-vorige", name);
    tu_load(dir, &s->t);
    tu_load(pdir, &s->pt);
    ck_assert_str_eq(s->t.assessment->previous, s->pt.assessment->id);
    pt_score_compute(&s->t, &s->res);
    pt_score_compute(&s->pt, &s->prev);
}

static void sample_free(struct sample *s)
{
    pt_result_free(&s->res);
    pt_result_free(&s->prev);
    pt_toetsmap_free(&s->t);
    pt_toetsmap_free(&s->pt);
}

static char *sample_report(struct sample *s, enum pt_report_format f, enum pt_audience a)
{
    struct pt_buf b = {0};
    ck_assert_int_eq(pt_report_write(&s->res, &s->prev, f, a, &b), 0);
    return pt_buf_detach(&b);
}

/* The same trend, signs and order in every format: ▲ +, ▼ −, =, total last. */
START_TEST(trend_signs_agree)
{
    struct sample s;
    sample_load(&s, "po");
    enum pt_report_format fs[] = {PT_REP_HTML, PT_REP_MD, PT_REP_CSV};
    const char *want[] = {"▲ +0,46", "▼ −0,30", "▼ −0,01", "▲ +0,21"};
    for (size_t i = 0; i < 3; i++) {
        char *r = sample_report(&s, fs[i], PT_AUD_SWV);
        const char *prev = strstr(r, "Ontwikkeling sinds de vorige praktijktoets");
        ck_assert_ptr_nonnull(prev);
        for (size_t w = 0; w < 4; w++) {
            const char *at = strstr(prev, want[w]);
            ck_assert_msg(at != NULL, "format %zu lacks %s", i, want[w]);
            ck_assert_msg(w == 0 || at > strstr(prev, want[w - 1]), "format %zu: order", i);
        }
        ck_assert_ptr_nonnull(strstr(prev, "="));
        ck_assert_ptr_null(strstr(prev, "▼ 0,00"));
        ck_assert_ptr_null(strstr(prev, "▼ -"));
        free(r);
    }
    char *h = sample_report(&s, PT_REP_HTML, PT_AUD_SWV);
    ck_assert_ptr_nonnull(strstr(h, "class=\"down n\">▼ −0,30</td>"));
    ck_assert_ptr_nonnull(strstr(h, "class=\"up n\">▲ +0,21</td>"));
    free(h);
    sample_free(&s);
}
END_TEST

/* swv: levels per case and criterion only for geledingen of two or more,
 * sorted, so that no order gives a rater away. */
START_TEST(swv_levels_by_geleding_sorted)
{
    struct sample s;
    sample_load(&s, "po");
    char *c = sample_report(&s, PT_REP_CSV, PT_AUD_SWV);
    ck_assert_ptr_nonnull(strstr(c, "\r\nCasus;Criterium;Status;Score;personeel (2 leden)\r\n"));
    ck_assert_ptr_null(strstr(c, "management (1"));
    size_t rows = 0;
    for (const char *p = strstr(c, "personeel (2 leden)\r\n"); p && (p = strstr(p, "\r\nC")); p += 2) {
        int a = 0, b = 0;
        const char *last = strchr(p + 2, '\r');
        const char *cell = last;
        while (cell > p && cell[-1] != ';')
            cell--;
        if (sscanf(cell, "%d %d", &a, &b) == 2) {
            ck_assert_msg(a <= b, "levels not sorted: %.*s", (int)(last - cell), cell);
            rows++;
        }
    }
    ck_assert_uint_gt(rows, 250);
    ck_assert_ptr_nonnull(strstr(c, "Management, ouders, gemeente en jeugdhulp hebben elk één lid"));
    free(c);
    sample_free(&s);
}
END_TEST

/* Every format × audience of both samples, byte for byte. */
static void golden(const char *name, const char *ext, const char *got)
{
    char path[256];
    snprintf(path, sizeof path, "tests/golden/%s.%s", name, ext);
    const char *upd = getenv("PT_GOLDEN_UPDATE");
    if (upd && *upd == '1') {
        tu_write(path, got);
        return;
    }
    char *want = tu_read(path);
    ck_assert_msg(want != NULL, "%s missing (PT_GOLDEN_UPDATE=1 writes it)", path);
    size_t i = 0;
    while (want[i] && want[i] == got[i])
        i++;
    ck_assert_msg(want[i] == got[i], "%s differs at byte %zu: \"%.60s\"", path, i, got + i);
    free(want);
}

START_TEST(golden_files)
{
    static const char *const samples[] = {"po", "vo"};
    static const char *const exts[] = {"html", "md", "json", "csv"};
    enum pt_report_format fs[] = {PT_REP_HTML, PT_REP_MD, PT_REP_JSON, PT_REP_CSV};
    enum pt_audience as[] = {PT_AUD_TEAM, PT_AUD_SWV, PT_AUD_OPR};
    for (size_t i = 0; i < 2; i++) {
        struct sample s;
        sample_load(&s, samples[i]);
        char name[64];
        for (size_t f = 0; f < 4; f++)
            for (size_t a = 0; a < 3; a++) {
                char *r = sample_report(&s, fs[f], as[a]);
                snprintf(name, sizeof name, "%s-%s", samples[i], pt_audience_name(as[a]));
                golden(name, exts[f], r);
                free(r);
            }
        struct pt_buf b = {0};
        pt_result_summary(&s.res, &b);
        snprintf(name, sizeof name, "%s-assess", samples[i]);
        golden(name, "txt", b.data);
        pt_buf_free(&b);
        sample_free(&s);
    }
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("formats");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, html_content);
    tcase_add_test(tc, audience_hides_rater_ids);
    tcase_add_test(tc, team_sees_levels_per_rater);
    tcase_add_test(tc, opr_differs_from_swv);
    tcase_add_test(tc, text_is_escaped);
    tcase_add_test(tc, csv_is_dutch);
    suite_add_tcase(s, tc);
    TCase *sm = tcase_create("samples");
    tcase_set_timeout(sm, 60);
    tcase_add_test(sm, trend_signs_agree);
    tcase_add_test(sm, swv_levels_by_geleding_sorted);
    tcase_add_test(sm, golden_files);
    suite_add_tcase(s, sm);
    return s;
}
