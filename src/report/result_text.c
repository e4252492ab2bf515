/*
 * result_text.c — the report model as plain text for the terminal, and the
 * summary `praktijktoets assess DIR` prints: the model's summary kind
 * (numbers, ids and the team's composition; no case text, no comments).
 */
#include "result.h"

#include <string.h>

#include "report_model.h"

/* Characters, not bytes: titles hold é, – and ▲. */
static size_t cols(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(struct pt_buf *out, size_t n)
{
    for (; n; n--)
        pt_buf_addc(out, ' ');
}


/* Columns as wide as their widest cell; numbers right, text left. */
static void text_table(const struct pt_rtable *t, struct pt_buf *out)
{
    size_t w[64] = {0}, nc = t->ncols < 64 ? t->ncols : 64;
    for (size_t j = 0; j < nc; j++) {
        w[j] = cols(t->head[j]);
        for (size_t i = 0; i < t->nrows; i++) {
            size_t c = cols(t->cells[i * t->ncols + j].text);
            w[j] = c > w[j] ? c : w[j];
        }
    }
    for (size_t i = 0; i <= t->nrows; i++) {
        pt_buf_adds(out, " ");
        for (size_t j = 0; j < nc; j++) {
            const char *s = i ? t->cells[(i - 1) * t->ncols + j].text : t->head[j];
            bool right = j > 0 && (i ? pt_rm_numeric(s) : false);
            size_t fill = w[j] - cols(s);
            pt_buf_adds(out, " ");
            if (right)
                pad(out, fill);
            pt_buf_adds(out, s);
            if (!right && j + 1 < nc)
                pad(out, fill);
            if (j + 1 < nc)
                pt_buf_adds(out, " ");
        }
        pt_buf_addc(out, '\n');
    }
}

static void text_line(struct pt_buf *out, const char *lead, const char *text, const char *tail)
{
    pt_buf_printf(out, "%s%s%s\n", lead, text, tail);
}

static const struct pt_rplain text_plain = {
    .lead = {[PT_RB_VERDICT] = "  OORDEEL: ", [PT_RB_PARA] = "  ", [PT_RB_NOTE] = "  ",
             [PT_RB_WARN] = "  Let op: ", [PT_RB_SUBHEAD] = "  ", [PT_RB_LIST] = "  - "},
    .tail = {[PT_RB_VERDICT] = "", [PT_RB_PARA] = "", [PT_RB_NOTE] = "", [PT_RB_WARN] = "",
             [PT_RB_SUBHEAD] = ":", [PT_RB_LIST] = ""},
    .line = text_line,
    .table = text_table,
};

void pt_rmodel_text(const struct pt_rmodel *m, struct pt_buf *out)
{
    pt_buf_printf(out, "%s\n%s\n", m->title, m->meta);
    for (size_t i = 0; i < m->nsections; i++) {
        const struct pt_rsection *s = &m->sections[i];
        if (s->title)
            pt_buf_printf(out, "\n%s\n", s->title);
        pt_rm_plain_blocks(s, &text_plain, out);
    }
}

void pt_result_summary(const struct pt_result *res, struct pt_buf *out)
{
    struct pt_rmodel m;
    pt_rmodel_build(res, NULL, NULL, PT_AUD_TEAM, PT_RMODEL_SUMMARY, &m);
    pt_rmodel_text(&m, out);
    pt_rmodel_free(&m);
}
