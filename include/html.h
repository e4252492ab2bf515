/* html.h — escaping text on its way into HTML or another text format
 * (src/common/html.c), shared by every writer of both programs. */
#ifndef PT_HTML_H
#define PT_HTML_H

#include "util.h"

/* One character and what it becomes; a table ends with {0, NULL}. */
struct pt_escape {
    char c;
    const char *with;
};

/* Appends s (NULL: nothing) with every character of map replaced. */
void pt_buf_escape(struct pt_buf *b, const char *s, const struct pt_escape *map);

/* Appends s with < > & " ' escaped, for text and attribute values. */
void pt_html_esc(struct pt_buf *b, const char *s);

#endif
