/*
 * central_pool.h — (private to src/central: it names pthread types) the
 * fixed set of connections a store backend hands to one caller at a time.
 * Both backends (central_store_sqlite.c, central_store_pg.c) keep their
 * connections in one; what a connection is, and how it is opened, checked
 * and closed, stays with the backend.
 */
#ifndef PC_POOL_H
#define PC_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define PC_POOL_MAX 8

struct pc_pool {
    void *conn[PC_POOL_MAX];   /* conn[0..n): opened by the backend after init */
    bool busy[PC_POOL_MAX];
    size_t n;
    bool ready;                /* lock and freed were made */
    pthread_mutex_t lock;      /* guards busy[] */
    pthread_cond_t freed;
};

/* n (at most PC_POOL_MAX) empty slots. False when no mutex could be made. */
bool pc_pool_init(struct pc_pool *pool, size_t n);

/* Waits until a connection is free and takes it. */
void *pc_pool_take(struct pc_pool *pool);

/* Gives a connection back (to one waiting caller). */
void pc_pool_give(struct pc_pool *pool, const void *conn);

/* Closes every connection with close_conn and frees the mutex (also after
 * a failed or partial init). */
void pc_pool_destroy(struct pc_pool *pool, void (*close_conn)(void *conn));

#endif
