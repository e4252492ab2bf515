/*
 * lint.c — likely mistakes in a valid toetsmap (see lint.h).
 */
#include "lint.h"

#include <stdio.h>
#include <string.h>

static const char *assessment_file(const struct pt_toetsmap *t, char *buf, size_t size)
{
    snprintf(buf, size, "%s/assessment.json", t->origin ? t->origin : ".");
    return buf;
}

size_t pt_lint_case(const struct pt_case *k, const struct pt_assessment *a,
                    struct pt_diags *w)
{
    const char *file = k->file ? k->file : k->id;
    char place[64];
    size_t n = 0;

    for (size_t i = 0; i < k->ntimeline; i++) {
        const struct pt_event_entry *e = &k->timeline[i];
        snprintf(place, sizeof place, "timeline[%zu].date", i);
        if (a && e->day > a->day) {
            pt_diag_add(w, file, place, "%s ligt na de datum van het assessment (%s); "
                        "het team beoordeelt wat ervoor gebeurde", pt_event_name(e->event),
                        a->date);
            n++;
        }
        for (size_t j = 0; j < i; j++)
            if (k->timeline[j].day == e->day && k->timeline[j].event == e->event) {
                pt_diag_add(w, file, place, "%s staat twee keer op dezelfde dag in de tijdlijn "
                            "(ook timeline[%zu])", pt_event_name(e->event), j);
                n++;
                break;
            }
    }
    if (k->ntimeline == 0) {
        pt_diag_add(w, file, "timeline", "de casus heeft geen tijdlijn; de termijnen kunnen "
                    "niet worden getoetst");
        n++;
    }
    if (a && k->ntimeline > 0 && a->day - k->timeline[k->ntimeline - 1].day > PT_LINT_STALE_DAYS) {
        snprintf(place, sizeof place, "timeline[%zu].date", k->ntimeline - 1);
        pt_diag_add(w, file, place, "de laatste gebeurtenis ligt meer dan %ld dagen voor de "
                    "datum van het assessment; is dit de goede casus?", PT_LINT_STALE_DAYS);
        n++;
    }
    if (!k->parents_view || !*k->parents_view) {
        pt_diag_add(w, file, "parents_view", "de visie van de ouders ontbreekt; het team "
                    "bespreekt de casus dan zonder hun kant");
        n++;
    }
    return n;
}

size_t pt_lint_toetsmap(const struct pt_toetsmap *t, long today, struct pt_diags *warnings)
{
    const struct pt_assessment *a = t->assessment;
    char file[1024];
    size_t n = 0;
    if (!a || !t->cases)
        return 0;
    if (a->day > today) {
        pt_diag_add(warnings, assessment_file(t, file, sizeof file), "date",
                    "de datum van het assessment (%s) ligt in de toekomst", a->date);
        n++;
    }
    for (size_t c = 0; c < a->ncases; c++)
        if (t->cases[c])
            n += pt_lint_case(t->cases[c], a, warnings);
    return n;
}
