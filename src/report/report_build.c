/*
 * report_build.c — the building blocks of the report model (report_model.h):
 * sections, blocks, tables and cells, numbers formatted for people, the heat
 * colour of a score. Used by report_model.c and report_sections.c, which
 * build the sections; everything lives in the model's arena.
 */
#include "report_model.h"
#include "report_sections.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* arr (n elements of size bytes, room for *cap) with room for one more: the
 * capacity doubles, starting at first. */
static void *grow(void *arr, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : first;
    return pt_xrealloc(arr, *cap * size);
}

struct pt_rsection *pt_rm_section(struct pt_rmodel *m, const char *id, const char *title)
{
    m->sections = grow(m->sections, m->nsections, &m->cap, sizeof *m->sections, 16);
    m->sections[m->nsections] = (struct pt_rsection){.id = id, .title = title};
    return &m->sections[m->nsections++];
}

struct pt_rblock *pt_rm_block(struct pt_rmodel *m, struct pt_rsection *s,
                              enum pt_rblock_kind kind, const char *text)
{
    (void)m;
    s->blocks = grow(s->blocks, s->nblocks, &s->cap, sizeof *s->blocks, 8);
    s->blocks[s->nblocks] = (struct pt_rblock){.kind = kind, .text = text};
    return &s->blocks[s->nblocks++];
}

char *pt_rm_printf(struct pt_rmodel *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    size_t len = n > 0 ? (size_t)n : 0;
    char *s = pt_arena_alloc(&m->arena, len + 1);
    va_start(ap, fmt);
    vsnprintf(s, len + 1, fmt, ap);
    va_end(ap);
    return s;
}

const char *pt_rm_num(struct pt_rmodel *m, bool has, double v, int dec)
{
    char x[48];
    if (!has)
        return "–";
    pt_fmt_nl(x, sizeof x, v, dec);
    return pt_arena_strdup(&m->arena, x);
}

struct pt_rtable *pt_rm_table(struct pt_rmodel *m, struct pt_rsection *s, size_t ncols,
                              size_t nrows, const char *caption)
{
    struct pt_rtable *t = pt_arena_array(&m->arena, 1, sizeof *t);
    t->ncols = ncols;
    t->nrows = nrows;
    t->caption = caption;
    t->head = pt_arena_array(&m->arena, ncols ? ncols : 1, sizeof *t->head);
    t->cells = pt_arena_array(&m->arena, (nrows ? nrows : 1) * (ncols ? ncols : 1),
                              sizeof *t->cells);
    for (size_t i = 0; i < nrows * ncols; i++)
        t->cells[i].text = "";
    pt_rm_block(m, s, PT_RB_TABLE, NULL)->table = t;
    return t;
}

void pt_rm_cell(struct pt_rtable *t, size_t row, size_t col, const char *text,
                enum pt_rtone tone)
{
    t->cells[row * t->ncols + col].text = text;
    t->cells[row * t->ncols + col].tone = tone;
}

bool pt_rm_numeric(const char *s)
{
    if (strcmp(s, "nvt") == 0 || strcmp(s, "?") == 0)     /* in a column of numbers */
        return true;
    if (!((*s >= '0' && *s <= '9') || strncmp(s, "–", 3) == 0 || strncmp(s, "▲", 3) == 0 ||
          strncmp(s, "▼", 3) == 0 || strcmp(s, "=") == 0))
        return false;
    for (; *s; s++)         /* "1,75 tot 2,50" is text */
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            return false;
    return true;
}

bool pt_rm_numeric_column(const struct pt_rtable *t, size_t col)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (!pt_rm_numeric(t->cells[i * t->ncols + col].text))
            return false;
    return t->nrows > 0;
}

enum pt_rtone pt_rm_heat(const struct pt_rubric *r, double v)
{
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    double f = (v - lo) / (hi - lo);
    if (f < 0.25 - PT_EPS)
        return PT_TONE_HEAT1;
    if (f < 0.5 - PT_EPS)
        return PT_TONE_HEAT2;
    if (f < 0.75 - PT_EPS)
        return PT_TONE_HEAT3;
    return PT_TONE_HEAT4;
}

double pt_rm_frac(const struct pt_rubric *r, double v)
{
    double lo = r->scale[0], hi = r->scale[r->nscale - 1];
    double f = (v - lo) / (hi - lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* A list block of n items, to be filled by the caller. */
const char **pt_rm_list(struct pt_rmodel *m, struct pt_rsection *s, size_t n)
{
    struct pt_rblock *b = pt_rm_block(m, s, PT_RB_LIST, NULL);
    b->items = pt_arena_array(&m->arena, n ? n : 1, sizeof *b->items);
    b->nitems = n;
    return b->items;
}


void pt_rm_plain_blocks(const struct pt_rsection *s, const struct pt_rplain *f,
                        struct pt_buf *b)
{
    for (size_t k = 0; k < s->nblocks; k++) {
        const struct pt_rblock *bl = &s->blocks[k];
        const char *lead = f->lead[bl->kind], *tail = f->tail[bl->kind];
        if (bl->kind == PT_RB_TABLE)
            f->table(bl->table, b);
        else if (bl->kind == PT_RB_LIST)
            for (size_t j = 0; j < bl->nitems; j++)
                f->line(b, lead, bl->items[j], tail);
        else if (lead)
            f->line(b, lead, bl->text, tail);
    }
}
