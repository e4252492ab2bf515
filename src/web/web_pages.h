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
/* A form's fields are all in fields (each once); else answers 422, false. */
bool web_form_only(struct web_req *r, const char *const *fields);
/* The values of the form fields names[0..n) (NULL when absent) into v;
 * web_form_free frees them. */
void web_form_get(struct web_req *r, const char *const *names, size_t n, char **v);
void web_form_free(char **v, size_t n);
/* A score from a form's values: an empty level or comment is none. */
struct pt_web_score web_form_score(const char *rater, const char *kase, const char *crit,
                                   const char *level, const char *comment);
/* The answer to a form that wrote: 303 to loc, or the store's error. */
void web_form_done(struct web_req *r, int rc, const struct pt_error *err, const char *loc);
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
