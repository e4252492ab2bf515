/*
 * central_pool.c — the store backends' connection pool (central_pool.h).
 */
#include "central_pool.h"

bool pc_pool_init(struct pc_pool *pool, size_t n)
{
    pool->n = n < PC_POOL_MAX ? n : PC_POOL_MAX;
    if (pthread_mutex_init(&pool->lock, NULL) != 0)
        return false;
    if (pthread_cond_init(&pool->freed, NULL) != 0) {
        pthread_mutex_destroy(&pool->lock);
        return false;
    }
    pool->ready = true;
    return true;
}

void *pc_pool_take(struct pc_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        for (size_t i = 0; i < pool->n; i++)
            if (!pool->busy[i]) {
                pool->busy[i] = true;
                pthread_mutex_unlock(&pool->lock);
                return pool->conn[i];
            }
        pthread_cond_wait(&pool->freed, &pool->lock);
    }
}

void pc_pool_give(struct pc_pool *pool, const void *conn)
{
    pthread_mutex_lock(&pool->lock);
    for (size_t i = 0; i < pool->n; i++)
        if (pool->conn[i] == conn)
            pool->busy[i] = false;
    pthread_cond_signal(&pool->freed);
    pthread_mutex_unlock(&pool->lock);
}

void pc_pool_destroy(struct pc_pool *pool, void (*close_conn)(void *conn))
{
    for (size_t i = 0; i < pool->n; i++)
        if (pool->conn[i])
            close_conn(pool->conn[i]);
    if (pool->ready) {
        pthread_mutex_destroy(&pool->lock);
        pthread_cond_destroy(&pool->freed);
    }
    pool->ready = false;
    pool->n = 0;
}
