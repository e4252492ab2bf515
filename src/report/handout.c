/*
 * handout.c — the cases as text for the team meeting (`praktijktoets show`),
 * wrapped at PT_HANDOUT_WIDTH characters (UTF-8 aware), and the Dutch dates
 * both handouts share.
 */
#include "handout.h"

#include <stdio.h>
#include <string.h>

static const char *const months[12] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"};

static int split_date(const char *iso, int *y, int *m, int *d)
{
    if (!iso || strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d", y, m, d) != 3 ||
        *m < 1 || *m > 12)
        return -1;
    return 0;
}

void pt_handout_date_nl(const char *iso, char *buf, size_t size)
{
    int y, m, d;
    if (split_date(iso, &y, &m, &d) != 0)
        snprintf(buf, size, "%s", iso ? iso : "");
    else
        snprintf(buf, size, "%d %s %d", d, months[m - 1], y);
}

void pt_handout_date_short(const char *iso, char *buf, size_t size)
{
    int y, m, d;
    if (split_date(iso, &y, &m, &d) != 0)
        snprintf(buf, size, "%s", iso ? iso : "");
    else
        snprintf(buf, size, "%02d-%02d-%04d", d, m, y);
}

/* Characters (code points) in s[0..n). */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Appends s wrapped at PT_HANDOUT_WIDTH, every line indented by indent
 * spaces; line breaks in s are kept. */
static void wrap(struct pt_buf *b, const char *s, size_t indent)
{
    size_t col = 0;
    while (*s) {
        if (*s == '\n') {
            pt_buf_addc(b, '\n');
            col = 0;
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t' || *s == '\r') {
            s++;
            continue;
        }
        size_t n = strcspn(s, " \t\r\n");
        size_t w = width(s, n);
        if (col > indent && col + 1 + w > PT_HANDOUT_WIDTH) {
            pt_buf_addc(b, '\n');
            col = 0;
        }
        if (col == 0) {
            for (size_t i = 0; i < indent; i++)
                pt_buf_addc(b, ' ');
            col = indent;
        } else {
            pt_buf_addc(b, ' ');
            col++;
        }
        pt_buf_add(b, s, n);
        col += w;
        s += n;
    }
    pt_buf_addc(b, '\n');
}

static void list(struct pt_buf *b, const char *label, const char **items, size_t n)
{
    if (n == 0)
        return;
    struct pt_buf line = {0};
    pt_buf_printf(&line, "%s: ", label);
    for (size_t i = 0; i < n; i++)
        pt_buf_printf(&line, "%s%s", i ? ", " : "", items[i]);
    wrap(b, line.data, 0);
    pt_buf_free(&line);
}

void pt_handout_event(const struct pt_case *k, size_t i, bool long_date,
                      struct pt_handout_event *ev)
{
    const struct pt_event_entry *e = &k->timeline[i];
    ev->iso = e->date;
    if (long_date)
        pt_handout_date_nl(e->date, ev->date, sizeof ev->date);
    else
        pt_handout_date_short(e->date, ev->date, sizeof ev->date);
    ev->event = pt_event_name(e->event);
    ev->days = i > 0 ? e->day - k->timeline[i - 1].day : -1;
    ev->unit = ev->days == 1 ? "dag" : "dagen";
    ev->note = e->note && *e->note ? e->note : NULL;
}

static void timeline(struct pt_buf *b, const struct pt_case *k)
{
    pt_buf_adds(b, "\nTijdlijn\n");
    for (size_t i = 0; i < k->ntimeline; i++) {
        struct pt_handout_event ev;
        pt_handout_event(k, i, false, &ev);
        pt_buf_printf(b, "  %s  %s", ev.date, ev.event);
        if (ev.days >= 0)
            pt_buf_printf(b, " (%ld %s later)", ev.days, ev.unit);
        pt_buf_addc(b, '\n');
        if (ev.note)
            wrap(b, ev.note, 14);
    }
}

static void one_case(struct pt_buf *b, const struct pt_case *k)
{
    char rule[PT_HANDOUT_WIDTH * 3 + 1];
    size_t n = 0;
    int head = snprintf(rule, sizeof rule, "== Casus %s ", k->id);
    n = head > 0 ? (size_t)head : 0;
    while (n < PT_HANDOUT_WIDTH && n + 1 < sizeof rule)
        rule[n++] = '=';
    rule[n] = '\0';
    pt_buf_printf(b, "\n%s\n", rule);
    pt_buf_printf(b, "%s · %s%s%s\n", k->sector, k->school_type, k->grade ? " · " : "",
                  k->grade ? k->grade : "");
    list(b, "Ondersteuningsbehoefte", k->needs, k->nneeds);
    list(b, "Betrokken", k->parties, k->nparties);
    pt_buf_adds(b, "\nSamenvatting\n");
    wrap(b, k->summary, 2);
    timeline(b, k);
    pt_buf_adds(b, "\nVisie van de ouders\n");
    if (k->parents_view && *k->parents_view)
        wrap(b, k->parents_view, 2);
    else
        pt_buf_adds(b, "  (niet beschreven)\n");
}

void pt_handout_text(const struct pt_toetsmap *t, long only, struct pt_buf *b)
{
    const struct pt_assessment *a = t->assessment;
    char date[64];
    pt_handout_date_nl(a->date, date, sizeof date);
    pt_buf_printf(b, "Casussen van %s · SWV %s · %s\n", a->id, a->swv, date);
    if (only >= 0)
        pt_buf_printf(b, "Rubric %s@%ld · casus %s (%ld van %zu)\n", a->rubric_id,
                      a->rubric_version, a->case_ids[only], only + 1, a->ncases);
    else
        pt_buf_printf(b, "Rubric %s@%ld · %zu %s\n", a->rubric_id, a->rubric_version,
                      a->ncases, a->ncases == 1 ? "casus" : "casussen");
    for (size_t i = 0; i < a->ncases; i++)
        if (only < 0 || (size_t)only == i)
            one_case(b, t->cases[i]);
}
