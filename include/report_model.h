/*
 * report_model.h — one report, built once, written in every format.
 *
 * pt_rmodel_build filters by audience and composes every section of the
 * feedback report as Dutch text: numbers already formatted ("2,68"), trend
 * signs already chosen ("▲ +0,47"), statuses already in words ("te laat").
 * The emitters (report_html.c, report_md.c, report_csv.c, result_text.c)
 * only lay the blocks out and escape them for their format, so every format
 * says the same thing. Audiences: docs/reports.md.
 */
#ifndef PT_REPORT_MODEL_H
#define PT_REPORT_MODEL_H

#include "arena.h"
#include "report.h"

/* How a cell or line should look; each format shows it as it can. */
enum pt_rtone {
    PT_TONE_NONE,
    PT_TONE_HEAT1, PT_TONE_HEAT2, PT_TONE_HEAT3, PT_TONE_HEAT4,  /* low .. high */
    PT_TONE_FLAG,           /* needs attention */
    PT_TONE_UP, PT_TONE_DOWN, PT_TONE_SAME,                      /* trend */
    PT_TONE_GOOD, PT_TONE_MID, PT_TONE_BAD, PT_TONE_GREY         /* verdict */
};

struct pt_rcell {
    const char *text;
    enum pt_rtone tone;
};

struct pt_rtable {
    const char *caption;        /* what the table shows, one line */
    const char **head;          /* [ncols] */
    size_t ncols, nrows;
    struct pt_rcell *cells;     /* [nrows * ncols], row by row */
    bool row_heads;             /* the first column names the row */
    bool wide;                  /* on a phone: one block per row */
};

/* A chart drawn by the formats that can (HTML); the table beside it holds
 * the same figures and is its text alternative. */
struct pt_rbar {
    const char *label, *value;  /* value "" when there is none */
    double f;                   /* position on the scale, 0..1 */
    double box[3];              /* national: q1, median, q3 (0..1); never min or max */
    bool has_box, bold;
    enum pt_rtone tone;
};
struct pt_rchart {
    const char *title;          /* accessible name */
    struct pt_rbar *bars;
    size_t nbars;
    const char **ticks;         /* the scale values, evenly spread */
    size_t nticks;
    double *marks;              /* threshold lines (0..1) */
    const char **mark_labels;
    size_t nmarks;
    bool national;              /* box plots instead of bars */
};

enum pt_rblock_kind {
    PT_RB_PARA, PT_RB_NOTE, PT_RB_WARN, PT_RB_SUBHEAD, PT_RB_LIST, PT_RB_TABLE,
    PT_RB_CHART, PT_RB_VERDICT
};

struct pt_rblock {
    enum pt_rblock_kind kind;
    const char *text;           /* PARA, NOTE, WARN, SUBHEAD, VERDICT (its label) */
    enum pt_rtone tone;         /* VERDICT */
    const char **items;         /* LIST */
    size_t nitems;
    struct pt_rtable *table;    /* TABLE */
    struct pt_rchart *chart;    /* CHART */
};

struct pt_rsection {
    const char *id;             /* stable anchor: "oordeel", "domeinen", ... */
    const char *title;
    struct pt_rblock *blocks;
    size_t nblocks, cap;
};

struct pt_rmodel {
    struct pt_arena arena;
    const char *title;          /* "Praktijktoets passend onderwijs" */
    const char *doc_title;      /* "Praktijktoets PT-PO2899-2014-1" */
    const char *meta;           /* id · swv · date · audience */
    enum pt_audience audience;
    struct pt_rsection *sections;
    size_t nsections, cap;
};

/* What to build: the full report, or the terminal summary of `assess`
 * (no comments, no tables per case and criterion). */
enum pt_rmodel_kind { PT_RMODEL_REPORT, PT_RMODEL_SUMMARY };

/* Builds the model. prev and bench may be NULL. Returns 0, or -1 when out
 * of memory. Free with pt_rmodel_free. */
int pt_rmodel_build(const struct pt_result *res, const struct pt_result *prev,
                    const struct pt_benchmark *bench, enum pt_audience aud,
                    enum pt_rmodel_kind kind, struct pt_rmodel *m);
void pt_rmodel_free(struct pt_rmodel *m);

/* The emitters. */
void pt_rmodel_html(const struct pt_rmodel *m, struct pt_buf *out);
void pt_rmodel_md(const struct pt_rmodel *m, struct pt_buf *out);
void pt_rmodel_csv(const struct pt_rmodel *m, struct pt_buf *out);
void pt_rmodel_text(const struct pt_rmodel *m, struct pt_buf *out);

/* How a plain emitter (text, CSV) writes a section's blocks: a text block is
 * one line, lead[kind] + its text + tail[kind] (NULL: the kind is left out);
 * a list one line per item, lead[PT_RB_LIST] + item + tail[PT_RB_LIST];
 * tables go to table. */
struct pt_rplain {
    const char *lead[PT_RB_VERDICT + 1];
    const char *tail[PT_RB_VERDICT + 1];
    void (*line)(struct pt_buf *b, const char *lead, const char *text, const char *tail);
    void (*table)(const struct pt_rtable *t, struct pt_buf *b);
};
void pt_rm_plain_blocks(const struct pt_rsection *s, const struct pt_rplain *f,
                        struct pt_buf *b);

/* Helpers the model's builders share (report_model.c, report_sections.c). */
struct pt_rsection *pt_rm_section(struct pt_rmodel *m, const char *id, const char *title);
struct pt_rblock *pt_rm_block(struct pt_rmodel *m, struct pt_rsection *s,
                              enum pt_rblock_kind kind, const char *text);
char *pt_rm_printf(struct pt_rmodel *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *pt_rm_num(struct pt_rmodel *m, bool has, double v, int dec);
struct pt_rtable *pt_rm_table(struct pt_rmodel *m, struct pt_rsection *s, size_t ncols,
                              size_t nrows, const char *caption);
void pt_rm_cell(struct pt_rtable *t, size_t row, size_t col, const char *text,
                enum pt_rtone tone);
enum pt_rtone pt_rm_heat(const struct pt_rubric *r, double v);
/* A number, a dash or a trend sign: aligned right. */
bool pt_rm_numeric(const char *s);
/* Every cell of the column is. */
bool pt_rm_numeric_column(const struct pt_rtable *t, size_t col);

#endif
