/*
 * web_writer.h — the web app's writes, committed in groups by one writer
 * thread (web_writer.c). Each function blocks until its group is COMMITted
 * and returns what the store function returned (PT_OK only when on disk).
 */
#ifndef PT_WEB_WRITER_H
#define PT_WEB_WRITER_H

#include "web_internal.h"

typedef int (*web_job_fn)(struct pt_store *db, void *arg, struct pt_error *err);

int web_writer_start(struct pt_web *w, struct pt_error *err);
void web_writer_stop(struct pt_web *w);
/* Runs fn(db, arg) in the writer's next group; its status after COMMIT. */
int web_write(struct pt_web *w, web_job_fn fn, void *arg, struct pt_error *err);

int web_put_score(struct web_req *r, const struct pt_web_score *s, struct pt_error *err);
int web_correct(struct web_req *r, const struct pt_web_score *s, const char *reason,
                const char *who, struct pt_error *err);
int web_hand_in(struct web_req *r, struct pt_error *err);
int web_phase_set(struct web_req *r, enum pt_phase to, const char *who, struct pt_error *err);
int web_session_start(struct pt_web *w, const char *token, long long now, bool *found,
                      char *sid, size_t sidsize, struct pt_error *err);

#endif
