/*
 * arena.c — region allocation (see arena.h).
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE 16384

struct pt_arena_block {
    struct pt_arena_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

void *pt_arena_alloc(struct pt_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    struct pt_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        b = pt_xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        /* A block made for one big object goes behind the current one, so
         * the current block's free space stays usable. */
        if (a->head && size > BLOCK_SIZE) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

void *pt_arena_array(struct pt_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        pt_out_of_memory();
    return pt_arena_alloc(a, n * size);
}

char *pt_arena_strdup(struct pt_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *p = pt_arena_alloc(a, n + 1);
    memcpy(p, s, n + 1);
    return p;
}

char *pt_arena_strndup(struct pt_arena *a, const char *s, size_t n)
{
    char *p = pt_arena_alloc(a, n + 1); /* zeroed: p[n] is the NUL */
    memcpy(p, s, n);
    return p;
}

void pt_arena_free(struct pt_arena *a)
{
    struct pt_arena_block *b = a->head;
    while (b) {
        struct pt_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
