/*
 * loader.c — what the engine's JSON loaders share (loader.h).
 */
#include "loader.h"

void *pt_load_document(struct pt_jctx *c, const cJSON *root, const char *format,
                       const char *const *keys, size_t size)
{
    if (!pt_jf_format(c, root, format))
        return NULL;
    pt_jf_only(c, root, "", keys);
    return pt_arena_alloc(c->arena, size);
}

const cJSON *pt_load_array(struct pt_jctx *c, const cJSON *root, const char *key,
                           bool required, const char *if_empty, size_t *n)
{
    const cJSON *arr = pt_jf_array(c, root, "", key, required);
    *n = arr ? (size_t)cJSON_GetArraySize(arr) : 0;
    if (arr && *n == 0 && if_empty)
        pt_jerr(c, key, "%s", if_empty);
    return arr;
}

void pt_load_objects(struct pt_jctx *c, const cJSON *arr, const char *path,
                     const char *const *keys, const char *not_object,
                     pt_load_object_fn *fn, void *data)
{
    char p[PT_PATH_MAX];
    size_t i = 0;
    for (const cJSON *it = arr->child; it; it = it->next, i++) {
        pt_jpath_index(p, sizeof p, path, i);
        if (!cJSON_IsObject(it)) {
            pt_jerr(c, p, "%s", not_object);
            continue;
        }
        pt_jf_only(c, it, p, keys);
        fn(c, it, p, i, data);
    }
}
