/* html.h — what the HTML writers share (report_html.c, handout_html.c). */
#ifndef PT_HTML_H
#define PT_HTML_H

#include "util.h"

/* Appends s with < > & " ' escaped, for text and attribute values. */
void pt_html_esc(struct pt_buf *b, const char *s);

#endif
