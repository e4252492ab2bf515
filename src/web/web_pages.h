/*
 * web_pages.h — what web_pages.c, web_page_parts.c and web_pages_coord.c share.
 */
#ifndef PT_WEB_PAGES_H
#define PT_WEB_PAGES_H

#include "web_internal.h"

const char *web_phase_label(enum pt_phase p);
/* Starts r's answer as a page with the header bar; web_page_end closes it. */
void web_page_begin(struct web_req *r, const char *title);
void web_page_end(struct web_req *r);
void web_csrf_field(struct web_req *r);
/* The scores the page may show (only one rater's when only is set). */
bool web_rows(struct web_req *r, const char *only, struct pt_web_rows *rows);
const struct pt_web_row *web_find(const struct pt_web_rows *rows, const char *rater,
                                  const char *kase, const char *crit);
void web_case_text(struct pt_buf *b, const struct pt_case *k);
void web_levels_table(struct pt_buf *b, const struct pt_toetsmap *t,
                      const struct pt_web_rows *rows, const char *kase, const char *crit);

/* web_pages_coord.c */
void web_coordinator_home(struct web_req *r);
void web_coordinator_phase(struct web_req *r);
void web_discussion(struct web_req *r, const char *kase);
void web_discussion_save(struct web_req *r, const char *kase);
void web_reader_home(struct web_req *r);

#endif
