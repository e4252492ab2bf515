/*
 * csv.h — RFC 4180 reading of spreadsheet exports (score sheets).
 *
 * The delimiter is ';', ',' or a tab, detected from the first line (Dutch
 * spreadsheets write ';'), fields may be quoted with '"' ("" inside quotes,
 * line breaks inside quotes allowed), a UTF-8 byte-order mark is skipped,
 * UTF-16 and Windows-1252 are read as such (textenc.h), line ends may be
 * LF, CRLF or CR. Blank lines are skipped. Each record remembers the line
 * number on which it starts, for error messages.
 */
#ifndef PT_CSV_H
#define PT_CSV_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "textenc.h"

/* What to do when a sheet cannot be read, in LibreOffice's and Excel's
 * words: the end of every such message. */
#define PT_CSV_SAVE_HINT \
    "Sla het blad opnieuw op als CSV: in LibreOffice met Opslaan als, Tekst CSV (.csv), " \
    "tekenset Unicode (UTF-8), veldscheidingsteken ';'; in Excel met Opslaan als, " \
    "CSV UTF-8 (door komma's gescheiden)."

struct pt_csv_record {
    size_t line;     /* 1-based line where the record starts */
    size_t nfields;
    char **fields;   /* NUL-terminated, quotes removed; in the csv's arena */
};

struct pt_csv {
    struct pt_arena arena;         /* every field and field array */
    char delim;                    /* ';', ',' or '\t' */
    enum pt_textenc encoding;      /* what the file was in */
    struct pt_csv_record header;   /* the first non-blank record */
    struct pt_csv_record *rows;    /* the records after the header */
    size_t nrows;
};

/* Parses data[0..len) (data need not be NUL-terminated). On success returns
 * 0 and fills *out (free with pt_csv_free). On failure (unterminated quote,
 * text after a closing quote, invalid UTF-8, no header line, a field or a
 * line over the limits) returns -1 and adds one diagnostic naming file and
 * line; *out is then empty. */
int pt_csv_parse(const char *data, size_t len, const char *file,
                 struct pt_csv *out, struct pt_diags *diags);

/* Index of the header column named name (compared case-insensitively after
 * trimming spaces), or -1. */
int pt_csv_column(const struct pt_csv *csv, const char *name);
/* The same in any record. */
int pt_csv_record_column(const struct pt_csv_record *rec, const char *name);

void pt_csv_free(struct pt_csv *csv);

/* Writes one field to buf, quoted when it holds the delimiter, a quote, CR
 * or LF, or leading/trailing space. */
struct pt_buf;
void pt_csv_write_field(struct pt_buf *buf, const char *field, char delim);

#endif
