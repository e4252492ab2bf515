/*
 * html.c — escaping text on its way into another language (html.h): one
 * table-driven escaper, and the HTML table used by every HTML writer (the
 * reports, the handout, the web app, the receiver's dashboard).
 */
#include "html.h"

void pt_buf_escape(struct pt_buf *b, const char *s, const struct pt_escape *map)
{
    for (; s && *s; s++) {
        const struct pt_escape *e = map;
        while (e->c && e->c != *s)
            e++;
        if (e->c)
            pt_buf_adds(b, e->with);
        else
            pt_buf_addc(b, *s);
    }
}

void pt_html_esc(struct pt_buf *b, const char *s)
{
    static const struct pt_escape html[] = {
        {'<', "&lt;"}, {'>', "&gt;"}, {'&', "&amp;"}, {'"', "&quot;"}, {'\'', "&#39;"}, {0, NULL},
    };
    pt_buf_escape(b, s, html);
}
