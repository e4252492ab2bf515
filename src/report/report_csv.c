/*
 * report_csv.c — the report model as one CSV file for a spreadsheet
 * (UTF-8 with BOM, semicolons, CRLF): every section in order, its title on
 * a row of its own, its text one field a row, its tables with their header
 * row; an empty row between sections. Charts are left out; their tables
 * carry the same figures.
 */
#include <stdbool.h>
#include <string.h>

#include "report_model.h"

/* A field, quoted only when it must be (the delimiter, a quote, a line
 * break, or spaces at its ends), so that "2,68" stays a number in a Dutch
 * spreadsheet. One that a spreadsheet would take for a formula (=, +, -, @
 * and more after it) gets an apostrophe in front, so that no text from a
 * rubric or a comment runs as one; a bare "=" (the trend sign) is no
 * formula. */
static void field(struct pt_buf *b, const char *s)
{
    size_t n = strlen(s);
    bool formula = strchr("=+-@", *s) && *s && s[1];
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == ';' || *p == '"' || *p == '\r' || *p == '\n';
    if (quote)
        pt_buf_addc(b, '"');
    if (formula)
        pt_buf_addc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            pt_buf_addc(b, '"');
        pt_buf_addc(b, *p);
    }
    if (quote)
        pt_buf_addc(b, '"');
}

/* A row of one field: lead and text (a plain line, report_model.h; CSV
 * has no tails). */
static void plain_row(struct pt_buf *b, const char *pre, const char *text, const char *tail)
{
    (void)tail;
    struct pt_buf f = {0};
    pt_buf_adds(&f, pre);
    pt_buf_adds(&f, text);
    field(b, f.data);
    pt_buf_adds(b, "\r\n");
    pt_buf_free(&f);
}

static void row(struct pt_buf *b, const char *text)
{
    plain_row(b, "", text, "");
}

static void csv_table(const struct pt_rtable *t, struct pt_buf *b)
{
    if (t->caption)
        row(b, t->caption);
    for (size_t j = 0; j < t->ncols; j++) {
        if (j)
            pt_buf_addc(b, ';');
        field(b, t->head[j]);
    }
    pt_buf_adds(b, "\r\n");
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t j = 0; j < t->ncols; j++) {
            if (j)
                pt_buf_addc(b, ';');
            field(b, t->cells[i * t->ncols + j].text);
        }
        pt_buf_adds(b, "\r\n");
    }
}

static const struct pt_rplain csv_plain = {
    .lead = {[PT_RB_VERDICT] = "Oordeel: ", [PT_RB_WARN] = "Let op: ", [PT_RB_PARA] = "",
             [PT_RB_NOTE] = "", [PT_RB_SUBHEAD] = "", [PT_RB_LIST] = ""},
    .line = plain_row,
    .table = csv_table,
};

void pt_rmodel_csv(const struct pt_rmodel *m, struct pt_buf *b)
{
    pt_buf_adds(b, "\xEF\xBB\xBF");
    row(b, m->title);
    row(b, m->meta);
    for (size_t i = 0; i < m->nsections; i++) {
        const struct pt_rsection *s = &m->sections[i];
        pt_buf_adds(b, "\r\n");
        if (s->title)
            row(b, s->title);
        pt_rm_plain_blocks(s, &csv_plain, b);
    }
}
