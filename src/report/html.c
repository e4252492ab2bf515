/* html.c — HTML escaping for the report and handout writers (html.h). */
#include "html.h"

void pt_html_esc(struct pt_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': pt_buf_adds(b, "&lt;"); break;
        case '>': pt_buf_adds(b, "&gt;"); break;
        case '&': pt_buf_adds(b, "&amp;"); break;
        case '"': pt_buf_adds(b, "&quot;"); break;
        case '\'': pt_buf_adds(b, "&#39;"); break;
        default: pt_buf_addc(b, *s);
        }
    }
}
