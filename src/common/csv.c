/*
 * csv.c — RFC 4180 reading and writing of score sheets (see csv.h and
 * formats.md "Score sheet").
 *
 * One pass over the bytes with a small state machine. Before it runs, the
 * offset of the first byte that may never occur (a NUL, or the first byte of
 * an invalid UTF-8 sequence) is found once; the parser refuses the input when
 * it reaches that offset, so whichever problem comes first in the file is the
 * one reported, with the physical line it is on.
 *
 * Lines end in LF, CRLF or a lone CR; a CRLF counts as one line, also inside
 * a quoted field (whose line breaks are kept as they are). A blank line —
 * empty, or only spaces and tabs — is skipped; a line of only delimiters is
 * a record of empty fields. A '"' opens a quoted field only as the first
 * character of a field; elsewhere it is an ordinary character, as in common
 * spreadsheet programs.
 */
#include "csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define CSV_MAX_RECORDS ((size_t)1000000)        /* header included */
#define CSV_MAX_FIELD ((size_t)64 * 1024)        /* bytes, after unquoting */
#define CSV_MAX_FIELDS ((size_t)256)             /* per record */

static const char BOM[] = "\xEF\xBB\xBF";

enum bad_kind { BAD_NONE, BAD_NUL, BAD_UTF8 };

struct parser {
    const char *p;
    size_t len;
    size_t i;           /* current offset */
    size_t line;        /* 1-based physical line of offset i */
    size_t stop;        /* offset of the first forbidden byte, or len */
    enum bad_kind bad;  /* what sits at stop */
    char delim;
    const char *file;
    struct pt_diags *diags;
    /* Where fields go (the result's arena), and scratch space reused from
     * field to field and record to record: one allocation per field
     * instead of a buffer that grows (make bench, callgrind). */
    struct pt_arena *arena;
    struct pt_buf quoted;   /* the text of a quoted field */
    char **fields;          /* the fields of the record being read */
    size_t cap_fields;
};

/* Adds the single diagnostic of a refused parse. */
static void fail(struct parser *ps, size_t line, const char *msg)
{
    char place[32];
    snprintf(place, sizeof place, "%zu", line);
    pt_diag_add(ps->diags, ps->file, place, "%s", msg);
}

/* The diagnostic for the forbidden byte at ps->stop. */
static void fail_bad_byte(struct parser *ps)
{
    if (ps->bad == BAD_NUL)
        fail(ps, ps->line, "NUL-teken in het bestand; is dit wel een CSV-bestand? "
             PT_CSV_SAVE_HINT);
    else
        fail(ps, ps->line, "geen geldige UTF-8 (het bestand begint als UTF-8); "
             PT_CSV_SAVE_HINT);
}

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t';
}

/* Consumes one line end (LF, CRLF or CR) at ps->i, which must be one. */
static void eat_line_end(struct parser *ps)
{
    if (ps->p[ps->i] == '\r' && ps->i + 1 < ps->len && ps->p[ps->i + 1] == '\n')
        ps->i += 2;
    else
        ps->i += 1;
    ps->line++;
}

/* Offset where the line starting at from holds something other than spaces
 * and tabs, or the offset of its line end / len when it is blank. */
static size_t skip_blanks(const char *p, size_t len, size_t from)
{
    while (from < len && is_blank_char(p[from]))
        from++;
    return from;
}

/* Picks ';', ',' or a tab by counting them outside quotes in the first
 * non-blank record starting at offset from (a tie goes to ';', then ','). */
static char detect_delim(const char *p, size_t len, size_t from)
{
    size_t semi = 0, comma = 0, tab = 0;
    size_t i = from;

    /* Find the first non-blank line. */
    for (;;) {
        size_t j = skip_blanks(p, len, i);
        if (j >= len)
            return ';';
        if (p[j] == '\r' || p[j] == '\n') {
            i = j + 1;
            continue;
        }
        break;
    }
    bool field_start = true, quoted = false;
    while (i < len) {
        char c = p[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < len && p[i + 1] == '"')
                    i++;
                else
                    quoted = false;
            }
            i++;
            continue;
        }
        if (c == '\r' || c == '\n')
            break;
        if (c == '"' && field_start) {
            quoted = true;
            field_start = false;
        } else if (c == ';') {
            semi++;
            field_start = true;
        } else if (c == ',') {
            comma++;
            field_start = true;
        } else if (c == '\t') {
            tab++;
            field_start = true;
        } else {
            field_start = false;
        }
        i++;
    }
    if (tab > semi && tab > comma)
        return '\t';
    return comma > semi ? ',' : ';';
}

/* The inside of a quoted field, from just after its opening quote up to and
 * including its closing one, unquoted into ps->quoted. 0, or -1 after the
 * diagnostic. */
static int quoted_body(struct parser *ps, size_t start_line)
{
    struct pt_buf *b = &ps->quoted;
    for (;;) {
        if (ps->i >= ps->len) {
            fail(ps, start_line, "aanhalingsteken niet afgesloten; " PT_CSV_SAVE_HINT);
            return -1;
        }
        if (ps->i == ps->stop) {
            fail_bad_byte(ps);
            return -1;
        }
        char c = ps->p[ps->i];
        if (c == '"') {
            if (!(ps->i + 1 < ps->len && ps->p[ps->i + 1] == '"')) {
                ps->i++;
                return 0;
            }
            pt_buf_addc(b, '"');
            ps->i += 2;
        } else if (c == '\r') {
            pt_buf_addc(b, '\r');
            if (ps->i + 1 < ps->len && ps->p[ps->i + 1] == '\n')
                pt_buf_addc(b, '\n');
            eat_line_end(ps);
        } else if (c == '\n') {
            pt_buf_addc(b, '\n');
            eat_line_end(ps);
        } else {
            /* A run of ordinary bytes in one go. */
            size_t j = ps->i;
            while (j < ps->len && j != ps->stop && ps->p[j] != '"' &&
                   ps->p[j] != '\r' && ps->p[j] != '\n')
                j++;
            pt_buf_add(b, ps->p + ps->i, j - ps->i);
            ps->i = j;
        }
        if (b->len > CSV_MAX_FIELD) {
            fail(ps, start_line, "veld langer dan 64 KiB");
            return -1;
        }
    }
}

/* A quoted field (ps->i on its opening quote): it ends at a delimiter, a
 * line end or the end of the file. */
static int parse_quoted(struct parser *ps, char **out)
{
    struct pt_buf *b = &ps->quoted;
    b->len = 0;
    ps->i++;
    if (quoted_body(ps, ps->line) != 0)
        return -1;
    if (ps->i < ps->len) {
        char c = ps->p[ps->i];
        if (ps->i == ps->stop) {
            fail_bad_byte(ps);
            return -1;
        }
        if (c != ps->delim && c != '\r' && c != '\n') {
            fail(ps, ps->line,
                 "tekst na een afsluitend aanhalingsteken (schrijf \"\" voor een "
                 "aanhalingsteken binnen een veld; werd het blad geopend met een ander "
                 "scheidingsteken?) " PT_CSV_SAVE_HINT);
            return -1;
        }
    }
    *out = pt_arena_strndup(ps->arena, b->len ? b->data : "", b->len);
    return 0;
}

/* An unquoted field: up to a delimiter, a line end or the end. */
static int parse_plain(struct parser *ps, char **out)
{
    size_t j = ps->i;
    while (j < ps->len && ps->p[j] != ps->delim && ps->p[j] != '\r' && ps->p[j] != '\n') {
        if (j == ps->stop) {
            fail_bad_byte(ps);
            return -1;
        }
        j++;
    }
    if (j - ps->i > CSV_MAX_FIELD) {
        fail(ps, ps->line, "veld langer dan 64 KiB");
        return -1;
    }
    *out = pt_arena_strndup(ps->arena, ps->p + ps->i, j - ps->i);
    ps->i = j;
    return 0;
}

/* Reads one field at ps->i into *out (in the arena). Returns 0, or -1
 * after adding the diagnostic. */
static int parse_field(struct parser *ps, char **out)
{
    if (ps->i < ps->len && ps->p[ps->i] == '"')
        return parse_quoted(ps, out);
    return parse_plain(ps, out);
}

/* Reads one record starting at ps->i (not on a blank line) into *rec,
 * consuming its line end. Returns 0, or -1 after adding the diagnostic. */
static int parse_record(struct parser *ps, struct pt_csv_record *rec)
{
    size_t n = 0;
    memset(rec, 0, sizeof *rec);
    rec->line = ps->line;
    for (;;) {
        char *f = NULL;
        if (n == CSV_MAX_FIELDS) {
            fail(ps, rec->line, "meer dan 256 velden in een record");
            return -1;
        }
        if (parse_field(ps, &f) != 0)
            return -1;
        if (n == ps->cap_fields) {
            ps->cap_fields = ps->cap_fields ? ps->cap_fields * 2 : 16;
            ps->fields = pt_xrealloc(ps->fields, ps->cap_fields * sizeof *ps->fields);
        }
        ps->fields[n++] = f;
        if (ps->i >= ps->len)
            break;
        if (ps->p[ps->i] == ps->delim) {
            ps->i++;
            continue;
        }
        eat_line_end(ps); /* parse_field stops only at delim, line end or end */
        break;
    }
    rec->fields = pt_arena_array(ps->arena, n, sizeof *rec->fields);
    memcpy(rec->fields, ps->fields, n * sizeof *rec->fields);
    rec->nfields = n;
    return 0;
}

/* Data in another encoding than UTF-8 (Windows-1252, UTF-16) converted into
 * conv; data and len then point there. -1 with the diagnostic when it
 * cannot be read. */
static int decode(struct parser *ps, struct pt_csv *res, const char **data, size_t *len,
                  struct pt_buf *conv)
{
    res->encoding = pt_textenc_detect(*data, *len);
    if (res->encoding == PT_ENC_UTF8)
        return 0;
    size_t bad_line = 1;
    char why[128], msg[512];
    if (pt_textenc_to_utf8(*data, *len, res->encoding, conv, &bad_line, why, sizeof why) != 0) {
        snprintf(msg, sizeof msg, "%s; %s", why, PT_CSV_SAVE_HINT);
        fail(ps, bad_line, msg);
        return -1;
    }
    *data = conv->data ? conv->data : "";
    *len = conv->len;
    return 0;
}

/* The parser over data[off..len): it stops early at invalid UTF-8 or a NUL. */
static void parser_start(struct parser *ps, const char *data, size_t len, size_t off)
{
    ps->p = data;
    ps->len = len;
    ps->i = off;
    ps->line = 1;
    ps->stop = len;
    ps->bad = BAD_NONE;
    size_t bad = 0;
    const char *nul = len > off ? memchr(data + off, '\0', len - off) : NULL;
    if (!pt_utf8_valid(data + off, len - off, &bad)) {
        ps->stop = off + bad;
        ps->bad = BAD_UTF8;
    }
    if (nul && (size_t)(nul - data) < ps->stop) {
        ps->stop = (size_t)(nul - data);
        ps->bad = BAD_NUL;
    }
    ps->delim = detect_delim(data, len, off);
}

int pt_csv_parse(const char *data, size_t len, const char *file,
                 struct pt_csv *out, struct pt_diags *diags)
{
    struct pt_csv res = {0};
    struct parser ps = {0};
    size_t cap = 0, nrecords = 0, off = 0;
    bool have_header = false;
    int rc = -1;

    struct pt_buf conv = {0};
    memset(out, 0, sizeof *out);
    if (!data) {
        data = "";
        len = 0;
    }
    ps.file = file;
    ps.diags = diags;
    ps.arena = &res.arena;
    if (decode(&ps, &res, &data, &len, &conv) != 0)
        goto cleanup;
    if (len >= 3 && memcmp(data, BOM, 3) == 0)
        off = 3;
    parser_start(&ps, data, len, off);
    res.delim = ps.delim;

    while (ps.i < ps.len) {
        size_t j = skip_blanks(ps.p, ps.len, ps.i);
        if (j >= ps.len)
            break;
        if (ps.p[j] == '\r' || ps.p[j] == '\n') {
            ps.i = j;
            eat_line_end(&ps);
            continue;
        }
        if (nrecords == CSV_MAX_RECORDS) {
            fail(&ps, ps.line, "meer dan 1.000.000 records in het bestand");
            goto cleanup;
        }
        struct pt_csv_record rec = {0};
        if (parse_record(&ps, &rec) != 0)
            goto cleanup;
        nrecords++;
        if (!have_header) {
            res.header = rec;
            have_header = true;
            continue;
        }
        if (res.nrows == cap) {
            cap = cap ? cap * 2 : 64;
            res.rows = pt_xrealloc(res.rows, cap * sizeof *res.rows);
        }
        res.rows[res.nrows++] = rec;
    }
    if (!have_header) {
        fail(&ps, 1, "leeg bestand: geen kopregel gevonden");
        goto cleanup;
    }
    *out = res;
    memset(&res, 0, sizeof res);
    rc = 0;
cleanup:
    pt_csv_free(&res);
    pt_buf_free(&conv);
    pt_buf_free(&ps.quoted);
    free(ps.fields);
    return rc;
}

/* s[0..*n) with spaces and tabs trimmed at both ends. */
static const char *trim(const char *s, size_t *n)
{
    size_t len = strlen(s);
    while (len && is_blank_char(*s)) {
        s++;
        len--;
    }
    while (len && is_blank_char(s[len - 1]))
        len--;
    *n = len;
    return s;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int pt_csv_column(const struct pt_csv *csv, const char *name)
{
    return pt_csv_record_column(&csv->header, name);
}

int pt_csv_record_column(const struct pt_csv_record *rec, const char *name)
{
    size_t nlen = 0;
    const char *want = trim(name, &nlen);

    for (size_t k = 0; k < rec->nfields; k++) {
        size_t flen = 0;
        const char *have = trim(rec->fields[k], &flen);
        if (flen != nlen)
            continue;
        size_t c = 0;
        while (c < nlen && ascii_lower(have[c]) == ascii_lower(want[c]))
            c++;
        if (c == nlen)
            return (int)k;
    }
    return -1;
}

void pt_csv_free(struct pt_csv *csv)
{
    pt_arena_free(&csv->arena);
    free(csv->rows);
    memset(csv, 0, sizeof *csv);
}

void pt_csv_write_field(struct pt_buf *buf, const char *field, char delim)
{
    size_t n = strlen(field);
    /* Both candidate delimiters are quoted: an unquoted ',' in a ';' header
     * line could otherwise tip the delimiter detection when read back. */
    bool quote = n > 0 && (is_blank_char(field[0]) || is_blank_char(field[n - 1]));
    for (size_t k = 0; k < n && !quote; k++) {
        char c = field[k];
        if (c == delim || c == ';' || c == ',' || c == '"' || c == '\r' || c == '\n')
            quote = true;
    }
    if (!quote) {
        pt_buf_add(buf, field, n);
        return;
    }
    pt_buf_addc(buf, '"');
    for (size_t k = 0; k < n; k++) {
        if (field[k] == '"')
            pt_buf_addc(buf, '"');
        pt_buf_addc(buf, field[k]);
    }
    pt_buf_addc(buf, '"');
}
