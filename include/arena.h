/*
 * arena.h — region allocation for one loaded toetsmap.
 *
 * A toetsmap (rubric, assessment, cases, scores) is loaded once, used, and
 * dropped as a whole; every string and array of its model lives in one arena
 * that pt_arena_free releases at once. Nothing allocated here is freed alone.
 */
#ifndef PT_ARENA_H
#define PT_ARENA_H

#include <stddef.h>

struct pt_arena_block;

struct pt_arena {
    struct pt_arena_block *head;
};

/* Zeroed memory for n bytes, aligned for any type; never NULL. */
void *pt_arena_alloc(struct pt_arena *a, size_t n);
/* Zeroed array of n elements of size size (overflow-checked). */
void *pt_arena_array(struct pt_arena *a, size_t n, size_t size);
char *pt_arena_strdup(struct pt_arena *a, const char *s);
/* The n bytes at s (which need not be NUL-terminated) as a string. */
char *pt_arena_strndup(struct pt_arena *a, const char *s, size_t n);
void pt_arena_free(struct pt_arena *a);

#endif
