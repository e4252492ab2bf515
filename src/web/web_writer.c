/*
 * web_writer.c — every write of the web app goes through one writer thread
 * with its own connection, in groups: the writer takes all waiting writes,
 * runs them in one BEGIN IMMEDIATE transaction (each a SAVEPOINT, so that a
 * refused write changes nothing), COMMITs once, and only then wakes the
 * requests, which answer 200/303. One fsync for many scores instead of one
 * each, and no request thread ever waits in SQLite's busy handler for
 * another's write lock (make bench-web). A failed COMMIT fails every write
 * of the group: nothing is acknowledged that is not on disk.
 */
#include "web_writer.h"

#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GROUP_MAX 256

struct web_job {
    web_job_fn fn;
    void *arg;
    int rc;
    struct pt_error err;
    bool done;
    struct web_job *next;
};

/* Runs one group in one transaction; fills each job's rc and err. */
static void run_group(struct pt_web *w, struct web_job *jobs)
{
    struct pt_error err = {""};
    if (pt_store_begin(w->wstore, &err) != PT_OK) {
        for (struct web_job *j = jobs; j; j = j->next) {
            j->rc = PT_FAILED;
            j->err = err;
        }
        return;
    }
    pt_web_batch_mode(true);
    for (struct web_job *j = jobs; j; j = j->next) {
        j->err.msg[0] = '\0';
        j->rc = j->fn(w->wstore, j->arg, &j->err);
    }
    pt_web_batch_mode(false);
    if (pt_store_commit(w->wstore, &err) != PT_OK) {
        pt_store_rollback(w->wstore);
        for (struct web_job *j = jobs; j; j = j->next)
            if (j->rc == PT_OK) {
                j->rc = PT_FAILED;
                j->err = err;
            }
    }
}

static void *writer_main(void *p)
{
    struct pt_web *w = p;
    pt_web_stmt_cache(true);
    pthread_mutex_lock(&w->wlock);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->wcond, &w->wlock);
        if (!w->head)
            break;
        struct web_job *group = w->head, *last = group;
        for (int n = 1; n < GROUP_MAX && last->next; n++)
            last = last->next;
        w->head = last->next;
        if (!w->head)
            w->tail = NULL;
        last->next = NULL;
        pthread_mutex_unlock(&w->wlock);
        run_group(w, group);
        pthread_mutex_lock(&w->wlock);
        for (struct web_job *j = group; j;) {
            struct web_job *next = j->next; /* j lives on a waiter's stack */
            j->done = true;
            j = next;
        }
        pthread_cond_broadcast(&w->wdone);
    }
    pthread_mutex_unlock(&w->wlock);
    pt_web_stmt_cache_clear();
    return NULL;
}

int web_write(struct pt_web *w, web_job_fn fn, void *arg, struct pt_error *err)
{
    struct web_job job = {.fn = fn, .arg = arg};
    pthread_mutex_lock(&w->wlock);
    if (w->tail)
        w->tail->next = &job;
    else
        w->head = &job;
    w->tail = &job;
    pthread_cond_signal(&w->wcond);
    while (!job.done)
        pthread_cond_wait(&w->wdone, &w->wlock);
    pthread_mutex_unlock(&w->wlock);
    *err = job.err;
    return job.rc;
}

int web_writer_start(struct pt_web *w, struct pt_error *err)
{
    if (pt_store_open(w->db_path, PT_STORE_EXISTING, &w->wstore, err) != PT_OK)
        return PT_FAILED;
    pthread_mutex_init(&w->wlock, NULL);
    pthread_cond_init(&w->wcond, NULL);
    pthread_cond_init(&w->wdone, NULL);
    w->writer_init = true;
    if (pthread_create(&w->writer, NULL, writer_main, w) != 0) {
        pt_error_set(err, "de schrijfthread kan niet starten");
        return PT_FAILED;
    }
    w->writer_running = true;
    return PT_OK;
}

void web_writer_stop(struct pt_web *w)
{
    if (w->writer_running) {
        pthread_mutex_lock(&w->wlock);
        w->stopping = true;
        pthread_cond_signal(&w->wcond);
        pthread_mutex_unlock(&w->wlock);
        pthread_join(w->writer, NULL);
        w->writer_running = false;
    }
    if (w->writer_init) {
        pthread_mutex_destroy(&w->wlock);
        pthread_cond_destroy(&w->wcond);
        pthread_cond_destroy(&w->wdone);
        w->writer_init = false;
    }
    pt_store_close(w->wstore);
    w->wstore = NULL;
}

/* ---- the writes of the web app, as jobs ---------------------------------- */

struct put_args {
    const struct pt_toetsmap *t;
    const struct pt_web_score *s;
    const char *reason, *who, *id, *rater;
    enum pt_phase to;
};

static int job_put(struct pt_store *db, void *arg, struct pt_error *err)
{
    const struct put_args *a = arg;
    return pt_web_put_score(db, a->t, a->s, err);
}

/* A correction is written like `score` writes it (pt_app_record_score_in,
 * the same application function), in the writer's group, with its reason. */
static int job_correct(struct pt_store *db, void *arg, struct pt_error *err)
{
    const struct put_args *a = arg;
    struct pt_app app = {.store = db};
    struct pt_diags diags = {0};
    bool changed = false;
    struct pt_score_input in = {.id = a->t->assessment->id, .rater = a->s->rater,
                                .kase = a->s->kase, .criterion = a->s->criterion,
                                .level = a->s->level, .comment = a->s->comment};
    int rc = pt_web_correction_begin(db, in.id, err);
    if (rc != PT_OK)
        return rc;
    rc = pt_app_record_score_in(&app, &in, &changed, &diags, err);
    if (rc == PT_INVALID) {
        if (diags.n)
            pt_error_set(err, "%s", diags.items[0].message);
        rc = PT_WEB_UNPROCESSABLE;
    }
    if (rc == PT_OK && changed)
        rc = pt_web_correction_reason(db, in.id, a->reason, a->who, err);
    pt_diags_free(&diags);
    return pt_web_correction_end(db, rc, err);
}

static int job_hand_in(struct pt_store *db, void *arg, struct pt_error *err)
{
    const struct put_args *a = arg;
    return pt_web_hand_in(db, a->id, a->rater, err);
}

static int job_phase(struct pt_store *db, void *arg, struct pt_error *err)
{
    const struct put_args *a = arg;
    struct pt_app app = {.store = db}; /* the same function as `phase ID PHASE` */
    return pt_app_phase_set(&app, a->id, a->to, a->who, err);
}

int web_put_score(struct web_req *r, const struct pt_web_score *s, struct pt_error *err)
{
    /* Refusals that need no database are answered without the writer. */
    int rc = pt_web_validate_score(r->t, s, err);
    if (rc != PT_OK)
        return rc;
    struct put_args a = {.t = r->t, .s = s};
    return web_write(r->srv, job_put, &a, err);
}

int web_correct(struct web_req *r, const struct pt_web_score *s, const char *reason,
                const char *who, struct pt_error *err)
{
    struct put_args a = {.t = r->t, .s = s, .reason = reason, .who = who};
    int rc = pt_web_check_correction(r->t, s, reason, err);
    if (rc != PT_OK)
        return rc;
    return web_write(r->srv, job_correct, &a, err);
}

int web_hand_in(struct web_req *r, struct pt_error *err)
{
    struct put_args a = {.id = r->s.inv.assessment, .rater = r->s.inv.rater};
    return web_write(r->srv, job_hand_in, &a, err);
}

int web_phase_set(struct web_req *r, enum pt_phase to, const char *who, struct pt_error *err)
{
    struct put_args a = {.id = r->s.inv.assessment, .to = to, .who = who};
    return web_write(r->srv, job_phase, &a, err);
}

struct start_args {
    const char *token;
    long long now;
    bool *found;
    char *sid;
    size_t sidsize;
};

static int job_start(struct pt_store *db, void *arg, struct pt_error *err)
{
    const struct start_args *a = arg;
    return pt_web_session_start(db, a->token, a->now, a->found, a->sid, a->sidsize, err);
}

int web_session_start(struct pt_web *w, const char *token, long long now, bool *found,
                      char *sid, size_t sidsize, struct pt_error *err)
{
    struct start_args a = {token, now, found, sid, sidsize};
    return web_write(w, job_start, &a, err);
}
