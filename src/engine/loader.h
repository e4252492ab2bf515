/*
 * loader.h — what the engine's JSON loaders (rubric.c, assessment.c,
 * case.c) share on top of jsonfield.h: the start of a document and the walk
 * over an array of objects. Private to src/engine.
 */
#ifndef PT_LOADER_H
#define PT_LOADER_H

#include "jsonfield.h"

/* The start of a document: once root is an object of the expected format
 * (otherwise NULL, with the error added), refuses keys not in keys and
 * returns a zeroed object of size bytes in c's arena. */
void *pt_load_document(struct pt_jctx *c, const cJSON *root, const char *format,
                       const char *const *keys, size_t size);

/* The array under key of root (an error when it is required and absent),
 * its length in *n (0 when absent); an empty one is refused with the
 * message if_empty, unless that is NULL. */
const cJSON *pt_load_array(struct pt_jctx *c, const cJSON *root, const char *key,
                           bool required, const char *if_empty, size_t *n);

/* What pt_load_objects hands on: object i of the array and its path
 * ("team[2]"). */
typedef void pt_load_object_fn(struct pt_jctx *c, const cJSON *obj, const char *path,
                               size_t i, void *data);

/* Each element of arr, the array at path: one that is no object is refused
 * with the message not_object; the others have their keys checked against
 * keys and go to fn, in order. */
void pt_load_objects(struct pt_jctx *c, const cJSON *arr, const char *path,
                     const char *const *keys, const char *not_object,
                     pt_load_object_fn *fn, void *data);

#endif
