/*
 * report_md.c — the report model in Markdown: a heading per section, pipe
 * tables, lists. Charts are left out; their tables carry the same figures.
 */
#include <string.h>

#include "report_model.h"

/* Escapes what would change the layout; line breaks become spaces. */
static void md_text(struct pt_buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]<>|#!", *s))
            pt_buf_addc(b, '\\');
        pt_buf_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

static void line(struct pt_buf *b, const char *pre, const char *text, const char *post)
{
    pt_buf_adds(b, pre);
    md_text(b, text);
    pt_buf_adds(b, post);
}

static void md_table(const struct pt_rtable *t, struct pt_buf *b)
{
    if (t->caption)
        line(b, "*", t->caption, "*\n\n");
    pt_buf_adds(b, "|");
    for (size_t j = 0; j < t->ncols; j++)
        line(b, " ", t->head[j], " |");
    pt_buf_adds(b, "\n|");
    for (size_t j = 0; j < t->ncols; j++)
        pt_buf_adds(b, pt_rm_numeric_column(t, j) ? "---:|" : "---|");
    pt_buf_addc(b, '\n');
    for (size_t i = 0; i < t->nrows; i++) {
        pt_buf_adds(b, "|");
        for (size_t j = 0; j < t->ncols; j++)
            line(b, " ", t->cells[i * t->ncols + j].text, " |");
        pt_buf_addc(b, '\n');
    }
    pt_buf_addc(b, '\n');
}

void pt_rmodel_md(const struct pt_rmodel *m, struct pt_buf *b)
{
    line(b, "# ", m->title, "\n\n");
    line(b, "", m->meta, "\n\n");
    for (size_t i = 0; i < m->nsections; i++) {
        const struct pt_rsection *s = &m->sections[i];
        if (s->title)
            line(b, "## ", s->title, "\n\n");
        for (size_t k = 0; k < s->nblocks; k++) {
            const struct pt_rblock *bl = &s->blocks[k];
            switch (bl->kind) {
            case PT_RB_VERDICT: line(b, "**Oordeel: ", bl->text, "**\n\n"); break;
            case PT_RB_PARA: line(b, "", bl->text, "\n\n"); break;
            case PT_RB_NOTE: line(b, "*", bl->text, "*\n\n"); break;
            case PT_RB_WARN: line(b, "> **Let op:** ", bl->text, "\n\n"); break;
            case PT_RB_SUBHEAD: line(b, "### ", bl->text, "\n\n"); break;
            case PT_RB_LIST:
                for (size_t j = 0; j < bl->nitems; j++)
                    line(b, "- ", bl->items[j], "\n");
                pt_buf_addc(b, '\n');
                break;
            case PT_RB_TABLE: md_table(bl->table, b); break;
            case PT_RB_CHART: break;
            }
        }
    }
}
