/*
 * sheet.c — where score sheets are read (JSON and CSV) and where the blank
 * CSV sheet is written.
 *
 * Both readers hand each row to pt_sheet_add_score, which holds the rules of
 * formats.md "Score sheet": the rater is in the team, the case in the
 * assessment, the criterion in the rubric, the level a scale value or "nvt"
 * where the criterion allows it, and each (rater, case, criterion) occurs
 * once over all sheets.
 */
#include "sheet.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "jsonfield.h"
#include "privacy.h"

static const char *const sheet_keys[] = {"format", "assessment", "scores", NULL};
static const char *const row_keys[] = {"rater", "case", "criterion", "level", "comment", NULL};

/* Short printable copy of user text for a message (sheets are no case data,
 * but a message stays one line). */
static void quote_short(char *out, size_t size, const char *s)
{
    size_t j = 0;
    for (size_t i = 0; s[i] && j + 4 < size && i < 24; i++) {
        unsigned char ch = (unsigned char)s[i];
        out[j++] = (ch < 0x20 || ch == 0x7f) ? ' ' : (char)ch;
    }
    if (strlen(s) > 24 && j + 4 < size) {
        memcpy(out + j, "...", 3);
        j += 3;
    }
    out[j] = '\0';
}

static void describe_scale(const struct pt_rubric *r, char *out, size_t size)
{
    bool contiguous = true;
    for (size_t i = 1; i < r->nscale; i++)
        if (r->scale[i] != r->scale[i - 1] + 1)
            contiguous = false;
    if (contiguous) {
        snprintf(out, size, "%d–%d", r->scale[0], r->scale[r->nscale - 1]);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->nscale && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%d", i ? ", " : "", r->scale[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static bool is_nvt(const char *s)
{
    if ((*s | 0x20) != 'n') /* most levels are digits: one test, not three */
        return false;
    return strcasecmp(s, "nvt") == 0 || strcasecmp(s, "n.v.t.") == 0 ||
           strcasecmp(s, "n.v.t") == 0;
}

/* A whole number, also as a spreadsheet shows one with a decimal comma or
 * point ("3,0", "3.00"); spaces after it are allowed. */
static bool whole_number(const char *s, long *v)
{
    char *end = NULL;
    errno = 0;
    *v = strtol(s, &end, 10);
    if (end == s || errno || !isdigit((unsigned char)end[-1]))
        return false;
    if ((*end == ',' || *end == '.') && end[1] == '0') {
        end++;
        while (*end == '0')
            end++;
    }
    while (isspace((unsigned char)*end))
        end++;
    return *end == '\0';
}

/* The level of a score row: "nvt" (where criterion ki allows it) or a
 * value of the scale, surrounding blanks ignored. False with a diagnostic
 * when it is neither. */
static bool parse_level(const struct pt_rubric *r, long ki, const char *level_text,
                        const char *file, const char *level_place, struct pt_score *s,
                        struct pt_diags *diags)
{
    char q[64], scale[96];
    bool ok = true;
    char text[64];
    size_t len = strlen(level_text);
    while (len && isspace((unsigned char)level_text[len - 1]))
        len--;
    while (len && isspace((unsigned char)*level_text)) {
        level_text++;
        len--;
    }
    if (len >= sizeof text)
        len = sizeof text - 1;
    memcpy(text, level_text, len);
    text[len] = '\0';
    /* The scale is described (snprintf per value) only for a message: this
     * runs once per score row, 4200 times for a typical toetsmap. */
    if (is_nvt(text)) {
        s->nvt = true;
        if (ki >= 0 && !r->criteria[ki].na_allowed) {
            pt_diag_add(diags, file, level_place,
                        "\"nvt\" is niet toegestaan bij criterium %s", r->criteria[ki].id);
            ok = false;
        }
    } else {
        long v = 0;
        quote_short(q, sizeof q, text);
        if (!whole_number(text, &v)) {
            describe_scale(r, scale, sizeof scale);
            pt_diag_add(diags, file, level_place,
                        "niveau \"%s\" is geen schaalwaarde (%s) en geen \"nvt\"", q, scale);
            ok = false;
        } else if (pt_rubric_scale_index(r, v) < 0) {
            describe_scale(r, scale, sizeof scale);
            pt_diag_add(diags, file, level_place,
                        "niveau \"%s\" staat niet op de schaal %s van rubric %s@%ld",
                        q, scale, r->id, r->version);
            ok = false;
        } else {
            s->level = (int)v;
        }
    }
    return ok;
}

bool pt_sheet_add_score(struct pt_toetsmap *t, const char *file, const char *place,
                        const char *level_place, const char *rater,
                        const char *kase, const char *criterion,
                        const char *level_text, const char *comment,
                        bool replace, struct pt_diags *diags)
{
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    char q[64];
    bool ok = true;

    long ri = pt_toetsmap_rater(t, rater);
    long ci = pt_toetsmap_case(t, kase);
    long ki = pt_toetsmap_criterion(t, criterion);
    if (ri < 0) {
        quote_short(q, sizeof q, rater);
        pt_diag_add(diags, file, place, "beoordelaar \"%s\" staat niet in het team van %s", q, a->id);
        ok = false;
    }
    if (ci < 0) {
        quote_short(q, sizeof q, kase);
        pt_diag_add(diags, file, place, "casus \"%s\" hoort niet bij assessment %s", q, a->id);
        ok = false;
    }
    if (ki < 0) {
        quote_short(q, sizeof q, criterion);
        pt_diag_add(diags, file, place, "criterium \"%s\" staat niet in rubric %s@%ld",
                    q, r->id, r->version);
        ok = false;
    }

    /* Comments reach every report: the same privacy guard as case texts, on
     * every comment that comes in (a sheet, the score command). A JSON row
     * names the field (scores[3].comment), a CSV row its line. Rows the
     * store reads back (no level_place) were checked when they came in. */
    char cp[PT_PATH_MAX];
    const char *where = place;
    if (comment && *comment && place && level_place && strcmp(place, level_place) != 0) {
        pt_jpath_key(cp, sizeof cp, place, "comment");
        where = cp;
    }
    if (comment && level_place && !pt_privacy_check(diags, file, where, "een opmerking", comment))
        ok = false;

    struct pt_score s = {0};
    ok = parse_level(r, ki, level_text, file, level_place, &s, diags) && ok;
    if (!ok)
        return false;

    s.rater = (size_t)ri;
    s.kase = (size_t)ci;
    s.criterion = (size_t)ki;
    s.comment = comment && *comment ? pt_arena_strdup(&t->arena, comment) : NULL;
    /* Rows come sheet by sheet: share the previous row's copy of the name. */
    const char *last = t->nscores ? t->scores[t->nscores - 1].source : NULL;
    s.source = last && strcmp(last, file) == 0 ? last : pt_arena_strdup(&t->arena, file);
    s.place = place ? pt_arena_strdup(&t->arena, place) : NULL;
    size_t prev = pt_toetsmap_slot(t, s.kase, s.criterion, s.rater);
    if (prev && replace) {
        t->scores[prev - 1] = s;
        return true;
    }
    if (prev) {
        const struct pt_score *o = &t->scores[prev - 1];
        pt_diag_add(diags, file, place,
                    "beoordelaar %s heeft casus %s, criterium %s al gescoord in %s%s%s",
                    a->team[s.rater].id, a->case_ids[s.kase], r->criteria[s.criterion].id,
                    o->source, o->place ? ":" : "", o->place ? o->place : "");
        return false;
    }
    pt_toetsmap_add_score(t, &s);
    return true;
}

size_t pt_sheet_read_json(const cJSON *root, const char *file,
                          struct pt_toetsmap *t, struct pt_diags *diags)
{
    struct pt_arena scratch = {0};
    struct pt_jctx c = {.file = file, .diags = diags, .arena = &scratch};
    char p[PT_PATH_MAX], lp[PT_PATH_MAX], num[32];

    if (!pt_jf_format(&c, root, PT_SCORES_FORMAT))
        goto cleanup;
    pt_jf_only(&c, root, "", sheet_keys);
    const char *aid = pt_jf_ident(&c, root, "", "assessment", true);
    if (aid && t && strcmp(aid, t->assessment->id) != 0)
        pt_jerr(&c, "assessment", "dit scoreblad hoort bij assessment \"%s\", niet bij \"%s\"",
                aid, t->assessment->id);
    const cJSON *scores = pt_jf_array(&c, root, "", "scores", true);
    if (!scores || c.errors)
        goto cleanup;
    size_t i = 0;
    for (const cJSON *row = scores->child; row; row = row->next, i++) {
        pt_jpath_index(p, sizeof p, "scores", i);
        if (!cJSON_IsObject(row)) {
            pt_jerr(&c, p, "moet een object zijn met rater, case, criterion en level");
            continue;
        }
        size_t before = c.errors;
        pt_jf_only(&c, row, p, row_keys);
        const char *rater = pt_jf_ident(&c, row, p, "rater", true);
        const char *kase = pt_jf_ident(&c, row, p, "case", true);
        const char *crit = pt_jf_ident(&c, row, p, "criterion", true);
        const cJSON *level = pt_jf_get(&c, row, p, "level", true);
        const cJSON *comment = pt_jf_get(&c, row, p, "comment", false);
        pt_jpath_key(lp, sizeof lp, p, "level");
        const char *level_text = NULL;
        long v;
        if (level && cJSON_IsString(level) && is_nvt(level->valuestring)) {
            level_text = "nvt";
        } else if (level && pt_json_integer(level, -1000000, 1000000, &v)) {
            pt_format_long(num, sizeof num, v);
            level_text = num;
        } else if (level) {
            pt_jerr(&c, lp, "niveau moet een schaalwaarde (geheel getal) of \"nvt\" zijn");
        }
        if (comment && !cJSON_IsString(comment) && !cJSON_IsNull(comment)) {
            char cp[PT_PATH_MAX];
            pt_jpath_key(cp, sizeof cp, p, "comment");
            pt_jerr(&c, cp, "moet een tekst zijn");
        }
        if (c.errors != before || !t)
            continue;
        if (!pt_sheet_add_score(t, file, p, lp, rater, kase, crit, level_text,
                                cJSON_IsString(comment) ? comment->valuestring : NULL,
                                false, diags))
            c.errors++;
    }
cleanup:
    pt_arena_free(&scratch);
    return c.errors;
}

/* Copies a cell into out, truncated to size like snprintf "%s" but without
 * its cost: four snprintf calls per CSV row were 6% of assessing a toetsmap of
 * 4200 scores (make bench, callgrind). */
static void copy_cell(char *out, size_t size, const char *cell)
{
    size_t n = strlen(cell);
    if (n >= size)
        n = size - 1;
    memcpy(out, cell, n);
    out[n] = '\0';
}

/* A line number as text, without snprintf (this runs per score row; see
 * copy_cell). */
static void line_number(char *line, size_t size, size_t v)
{
    size_t ln = size;
    line[--ln] = '\0';
    do {
        line[--ln] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memmove(line, line + ln, size - ln);
}

/* Structure only (no rubric): a level must at least look like one. */
static bool level_looks_right(const char *lv, const char *file, const char *line,
                              struct pt_diags *diags)
{
    long v;
    while (isspace((unsigned char)*lv))
        lv++;
    if (!is_nvt(lv) && !whole_number(lv, &v)) {
        char q[64];
        quote_short(q, sizeof q, lv);
        pt_diag_add(diags, file, line, "niveau \"%s\" is geen getal en geen \"nvt\"", q);
        return false;
    }
    return true;
}

/* The columns of a CSV sheet, each by its contract name and its Dutch one
 * (the blank sheet's); the first four are required. */
static const char *const col_names[5][2] = {
    {"rater", "beoordelaar"}, {"case", "casus"}, {"criterion", "criterium"},
    {"level", "niveau"}, {"comment", "toelichting"},
};

static int find_col(const struct pt_csv_record *rec, size_t k)
{
    int c = pt_csv_record_column(rec, col_names[k][0]);
    return c >= 0 ? c : pt_csv_record_column(rec, col_names[k][1]);
}

static bool header_like(const struct pt_csv_record *rec)
{
    for (size_t k = 0; k < 4; k++)
        if (find_col(rec, k) < 0)
            return false;
    return true;
}

/* Record i of the file: the first one, then the rest. */
static const struct pt_csv_record *record(const struct pt_csv *csv, size_t i)
{
    return i == 0 ? &csv->header : &csv->rows[i - 1];
}

/* A line above the header with at most one filled cell: a title or a
 * note, not a score. */
static bool title_line(const struct pt_csv_record *rec)
{
    size_t filled = 0;
    for (size_t k = 0; k < rec->nfields; k++)
        for (const char *c = rec->fields[k]; *c; c++)
            if (!isspace((unsigned char)*c)) {
                filled++;
                break;
            }
    return filled <= 1;
}

/* The header may be anywhere: below a title, or sorted in among the rows. */
static bool locate_header(const struct pt_csv *csv, const char *file, size_t *h,
                          struct pt_diags *diags)
{
    for (*h = 0; *h <= csv->nrows; (*h)++)
        if (header_like(record(csv, *h)))
            return true;
    char line[32];
    snprintf(line, sizeof line, "%zu", csv->header.line);
    const char *f0 = csv->header.nfields ? csv->header.fields[0] : "";
    if ((strstr(f0, "rater") || strstr(f0, "beoordelaar")) && strpbrk(f0, ";,\t")) {
        pt_diag_add(diags, file, line, "de kopregel staat in één cel: het blad is geopend met "
                    "een ander scheidingsteken dan waarmee het was opgeslagen. %s",
                    PT_CSV_SAVE_HINT);
        return false;
    }
    struct pt_buf miss = {0};
    size_t nmiss = 0;
    for (size_t k = 0; k < 4; k++)
        if (find_col(&csv->header, k) < 0)
            pt_buf_printf(&miss, "%s%s (%s)", nmiss++ ? ", " : "", col_names[k][1],
                          col_names[k][0]);
    pt_diag_add(diags, file, line, "geen kopregel met beoordelaar, casus, criterium en niveau: "
                "in de eerste regel %s %s; die heeft %zu %s, gescheiden door '%s'. %s",
                nmiss == 1 ? "ontbreekt" : "ontbreken", miss.data, csv->header.nfields,
                csv->header.nfields == 1 ? "veld" : "velden",
                csv->delim == '\t' ? "tab" : csv->delim == ';' ? ";" : ",", PT_CSV_SAVE_HINT);
    pt_buf_free(&miss);
    return false;
}

size_t pt_sheet_read_csv(const char *data, size_t len, const char *file,
                         struct pt_toetsmap *t, struct pt_diags *diags)
{
    struct pt_csv csv = {0};
    size_t errors = 0, h = 0;
    int col[5];

    if (pt_csv_parse(data, len, file, &csv, diags) != 0)
        return 1;
    if (!locate_header(&csv, file, &h, diags)) {
        errors++;
        goto cleanup;
    }
    for (size_t k = 0; k < 5; k++)
        col[k] = find_col(record(&csv, h), k);
    for (size_t i = 0; i <= csv.nrows; i++) {
        const struct pt_csv_record *rec = record(&csv, i);
        if (i == h || header_like(rec) || (i < h && title_line(rec)))
            continue;
        const char *f[5];
        for (size_t k = 0; k < 5; k++)
            f[k] = col[k] >= 0 && (size_t)col[k] < rec->nfields ? rec->fields[col[k]] : "";
        /* An empty level is no score: a blank sheet not yet filled in. */
        bool empty_level = true;
        for (const char *s = f[3]; *s; s++)
            if (!isspace((unsigned char)*s))
                empty_level = false;
        if (empty_level)
            continue;
        /* The line number is the place of every row: made without snprintf
         * (this loop runs per score row; see copy_cell). */
        char line[32];
        line_number(line, sizeof line, rec->line);
        bool bad = false;
        for (size_t k = 0; k < 3; k++)
            if (!*f[k]) {
                pt_diag_add(diags, file, line, "kolom \"%s\" is leeg",
                            record(&csv, h)->fields[col[k]]);
                bad = true;
            }
        if (bad) {
            errors++;
            continue;
        }
        if (!t) {
            errors += !level_looks_right(f[3], file, line, diags);
            continue;
        }
        char rater[128], kase[128], crit[128];
        copy_cell(rater, sizeof rater, f[0]);
        copy_cell(kase, sizeof kase, f[1]);
        copy_cell(crit, sizeof crit, f[2]);
        /* Spreadsheets pad cells; ids themselves never hold spaces. */
        char *ids[3] = {rater, kase, crit};
        for (size_t k = 0; k < 3; k++) {
            char *s = ids[k];
            size_t n = strlen(s);
            while (n && isspace((unsigned char)s[n - 1]))
                s[--n] = '\0';
            size_t lead = strspn(s, " \t");
            memmove(s, s + lead, n - lead + 1);
        }
        if (!pt_sheet_add_score(t, file, line, line, rater, kase, crit, f[3],
                                f[4], false, diags))
            errors++;
    }
cleanup:
    pt_csv_free(&csv);
    return errors;
}

void pt_sheet_write_blank(const struct pt_toetsmap *t, size_t rater, struct pt_buf *out)
{
    const struct pt_rubric *r = t->rubric;
    const struct pt_assessment *a = t->assessment;
    const char delim = ';';
    struct pt_buf scale = {0};

    for (size_t i = 0; i < r->nscale; i++)
        pt_buf_printf(&scale, "%s%d = %s", i ? ", " : "", r->scale[i], r->scale_labels[i]);

    /* A BOM so that spreadsheets open it as UTF-8; CRLF as RFC 4180 says. */
    pt_buf_adds(out, "\xEF\xBB\xBF");
    pt_buf_adds(out, "beoordelaar;casus;criterium;niveau;toelichting;domein;vraag;schaal\r\n");
    for (size_t c = 0; c < a->ncases; c++) {
        for (size_t k = 0; k < r->ncriteria; k++) {
            const struct pt_criterion *crit = &r->criteria[k];
            pt_csv_write_field(out, a->team[rater].id, delim);
            pt_buf_addc(out, delim);
            pt_csv_write_field(out, a->case_ids[c], delim);
            pt_buf_addc(out, delim);
            pt_csv_write_field(out, crit->id, delim);
            pt_buf_addc(out, delim);
            pt_buf_addc(out, delim); /* level: to fill in */
            pt_buf_addc(out, delim); /* comment */
            pt_csv_write_field(out, r->domains[crit->domain].title, delim);
            pt_buf_addc(out, delim);
            pt_csv_write_field(out, crit->question, delim);
            pt_buf_addc(out, delim);
            struct pt_buf hint = {0};
            pt_buf_adds(&hint, scale.data);
            if (crit->na_allowed)
                pt_buf_adds(&hint, ", nvt = niet van toepassing");
            pt_csv_write_field(out, hint.data, delim);
            pt_buf_free(&hint);
            pt_buf_adds(out, "\r\n");
        }
    }
    pt_buf_free(&scale);
}
