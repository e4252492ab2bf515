/*
 * central_dashboard_page.h — the page of GET /dashboard from the store
 * (issue 15; the figures and the HTML are central_dashboard.h's).
 */
#ifndef PC_DASHBOARD_PAGE_H
#define PC_DASHBOARD_PAGE_H

#include "central_store.h"

/* The snapshot key of the page: no rubric id is empty. */
#define PC_DASHBOARD_SNAPSHOT ""

/* The page (caller frees with free()): the stored one when it is younger
 * than interval seconds, else a new one made at now and stored. */
enum pt_status pc_dashboard_page(struct pc_store *s, long long now, long long interval,
                                 char **html, struct pt_error *err);

#endif
