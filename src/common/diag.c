/*
 * diag.c — collecting and printing refusals (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void pt_diag_add(struct pt_diags *d, const char *file, const char *place,
                 const char *fmt, ...)
{
    struct pt_buf msg = {0};
    char tmp[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    pt_buf_adds(&msg, tmp);

    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = pt_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    d->items[d->n].file = pt_xstrdup(file ? file : "-");
    d->items[d->n].place = place && *place ? pt_xstrdup(place) : NULL;
    d->items[d->n].message = pt_buf_detach(&msg);
    d->n++;
}

void pt_diag_format(const struct pt_diag *g, char *buf, size_t size)
{
    if (g->place)
        snprintf(buf, size, "%s:%s: %s", g->file, g->place, g->message);
    else
        snprintf(buf, size, "%s: %s", g->file, g->message);
}

void pt_diags_print(const struct pt_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct pt_diag *g = &d->items[i];
        if (g->place)
            fprintf(out, "%s:%s: %s\n", g->file, g->place, g->message);
        else
            fprintf(out, "%s: %s\n", g->file, g->message);
    }
}

void pt_diags_free(struct pt_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].place);
        free(d->items[i].message);
    }
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}
