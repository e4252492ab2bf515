/*
 * handout.h — the cases of a toetsmap as a team reads them in the meeting:
 * per case its facts, summary, timeline with dates (and days since the event
 * before) and the parents' view. As text (handout.c, for `praktijktoets
 * show`) and as a printable HTML handout (handout_html.c, `show --format
 * html`). Only the case texts of the toetsmap, never scores or raters.
 */
#ifndef PT_HANDOUT_H
#define PT_HANDOUT_H

#include "model.h"
#include "util.h"

/* The width the text handout wraps at. */
#define PT_HANDOUT_WIDTH 76

/* Appends the handout of case index only, or of every case when only < 0. */
void pt_handout_text(const struct pt_toetsmap *t, long only, struct pt_buf *b);
void pt_handout_html(const struct pt_toetsmap *t, long only, struct pt_buf *b);

/* "23 september 2013" for YYYY-MM-DD (the text itself when it is not one). */
void pt_handout_date_nl(const char *iso, char *buf, size_t size);
/* "23-09-2013" for YYYY-MM-DD. */
void pt_handout_date_short(const char *iso, char *buf, size_t size);

/* Event i of a case's timeline as both handouts show it. */
struct pt_handout_event {
    const char *iso;        /* the date as written in the case */
    char date[64];          /* the date for people: long (date_nl) or short */
    const char *event;      /* the event's name */
    long days;              /* since the event before; -1 for the first */
    const char *unit;       /* "dag" or "dagen" */
    const char *note;       /* NULL when there is none */
};
void pt_handout_event(const struct pt_case *k, size_t i, bool long_date,
                      struct pt_handout_event *ev);

#endif
