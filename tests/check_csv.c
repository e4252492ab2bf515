/*
 * check_csv.c — the CSV reader and writer: delimiter detection, BOM, line
 * ends, quoting, record line numbers, column lookup, every refusal with its
 * exact line, and the writer read back by the reader.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "suites.h"
#include "util.h"

/* Parses a string literal of known length (it may hold NUL bytes). */
#define PARSE_LIT(lit, csv, diags) \
    pt_csv_parse((lit), sizeof(lit) - 1, "t.csv", (csv), (diags))

static int parse_str(const char *s, struct pt_csv *csv, struct pt_diags *d)
{
    return pt_csv_parse(s, strlen(s), "t.csv", csv, d);
}

/* Asserts a refusal: rc -1, exactly one diagnostic at the given line whose
 * message holds want, and an empty result. */
static void expect_error(int rc, struct pt_csv *csv, struct pt_diags *d,
                         const char *line, const char *want)
{
    ck_assert_int_eq(rc, -1);
    ck_assert_uint_eq(d->n, 1);
    ck_assert_str_eq(d->items[0].file, "t.csv");
    ck_assert_ptr_nonnull(d->items[0].place);
    ck_assert_str_eq(d->items[0].place, line);
    ck_assert_msg(strstr(d->items[0].message, want) != NULL, "message \"%s\" lacks \"%s\"",
                  d->items[0].message, want);
    ck_assert_ptr_null(strchr(d->items[0].message, '\n'));
    ck_assert_uint_eq(csv->nrows, 0);
    ck_assert_ptr_null(csv->rows);
    ck_assert_uint_eq(csv->header.nfields, 0);
    ck_assert_ptr_null(csv->header.fields);
    pt_csv_free(csv);
    pt_diags_free(d);
}

static void expect_fields(const struct pt_csv_record *r, size_t line, size_t n,
                          const char *const *want)
{
    ck_assert_uint_eq(r->line, line);
    ck_assert_uint_eq(r->nfields, n);
    for (size_t k = 0; k < n; k++)
        ck_assert_str_eq(r->fields[k], want[k]);
}

START_TEST(test_semicolon)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("rater;case;criterion;level;comment\n"
                               "r2;C01;ond-signalering;3;Snel gesignaleerd\n"
                               "r2;C01;ond-opp;nvt;\n",
                               &csv, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_int_eq(csv.delim, ';');
    expect_fields(&csv.header, 1, 5,
                  (const char *[]){"rater", "case", "criterion", "level", "comment"});
    ck_assert_uint_eq(csv.nrows, 2);
    expect_fields(&csv.rows[0], 2, 5,
                  (const char *[]){"r2", "C01", "ond-signalering", "3", "Snel gesignaleerd"});
    expect_fields(&csv.rows[1], 3, 5, (const char *[]){"r2", "C01", "ond-opp", "nvt", ""});
    pt_csv_free(&csv);
    ck_assert_ptr_null(csv.rows);
    pt_csv_free(&csv); /* twice is harmless */
}
END_TEST

START_TEST(test_comma)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    /* no final line end */
    ck_assert_int_eq(parse_str("rater,case,level\nr1,C01,3\nr1,C02,4", &csv, &d), 0);
    ck_assert_int_eq(csv.delim, ',');
    ck_assert_uint_eq(csv.nrows, 2);
    expect_fields(&csv.rows[1], 3, 3, (const char *[]){"r1", "C02", "4"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_delimiter_detection)
{
    static const struct {
        const char *text;
        char delim;
    } cases[] = {
        {"a;b,c\n", ';'},            /* tie: ';' wins */
        {"abc\n1,2\n", ';'},         /* neither in the header */
        {"a,b;c,d\n", ','},          /* more ',' */
        {"a;b;c,d\n", ';'},
        {"\"x;y;z\",b\n", ','},      /* quoted ';' do not count */
        {"\"x,\"\"y,z\";b\n", ';'},  /* quoted ',' and doubled quotes */
        {"\n\n  \na,b\n1;2;3;4\n", ','}, /* first non-blank record only */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct pt_csv csv = {0};
        struct pt_diags d = {0};
        ck_assert_int_eq(parse_str(cases[k].text, &csv, &d), 0);
        ck_assert_msg(csv.delim == cases[k].delim, "case %zu: delim '%c'", k, csv.delim);
        pt_csv_free(&csv);
    }
}
END_TEST

START_TEST(test_bom)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("\xEF\xBB\xBFlevel;rater\n3;r1\n", &csv, &d), 0);
    expect_fields(&csv.header, 1, 2, (const char *[]){"level", "rater"});
    ck_assert_int_eq(pt_csv_column(&csv, "level"), 0);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"3", "r1"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_crlf)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b\r\n1;2\r\n\r\n3;4\r\n", &csv, &d), 0);
    expect_fields(&csv.header, 1, 2, (const char *[]){"a", "b"});
    ck_assert_uint_eq(csv.nrows, 2);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"1", "2"});
    expect_fields(&csv.rows[1], 4, 2, (const char *[]){"3", "4"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_cr)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b\r1;2\r\r3;4", &csv, &d), 0);
    ck_assert_uint_eq(csv.nrows, 2);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"1", "2"});
    expect_fields(&csv.rows[1], 4, 2, (const char *[]){"3", "4"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_mixed_line_ends)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    /* LF, CR, CRLF, then LF CR (two line ends: a blank line between) */
    ck_assert_int_eq(parse_str("h\n1\r2\r\n3\n\r4\n", &csv, &d), 0);
    ck_assert_uint_eq(csv.nrows, 4);
    ck_assert_uint_eq(csv.rows[0].line, 2);
    ck_assert_uint_eq(csv.rows[1].line, 3);
    ck_assert_uint_eq(csv.rows[2].line, 4);
    ck_assert_uint_eq(csv.rows[3].line, 6);
    ck_assert_str_eq(csv.rows[3].fields[0], "4");
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_quoted_delimiter)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b;c\n\"x;y\";\"\";\"plain\"\n", &csv, &d), 0);
    expect_fields(&csv.rows[0], 2, 3, (const char *[]){"x;y", "", "plain"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_doubled_quote)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b\n\"zegt \"\"ja\"\"\";\"\"\"\"\n", &csv, &d), 0);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"zegt \"ja\"", "\""});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_quote_inside_unquoted)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    /* A quote that does not open a field is an ordinary character. */
    ck_assert_int_eq(parse_str("a;b\n12\" scherm;x\"y\n", &csv, &d), 0);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"12\" scherm", "x\"y"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_newline_in_quotes)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b\n\"regel 1\nregel 2\";x\n3;4\n", &csv, &d), 0);
    ck_assert_uint_eq(csv.nrows, 2);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"regel 1\nregel 2", "x"});
    expect_fields(&csv.rows[1], 4, 2, (const char *[]){"3", "4"});
    pt_csv_free(&csv);

    /* CRLF inside and outside quotes, two breaks in one field, a CR alone */
    ck_assert_int_eq(parse_str("a;b\r\n\"l1\r\nl2\r\nl3\";\"c\rd\"\r\n5;6\r\n\r\n7;8", &csv, &d), 0);
    ck_assert_uint_eq(csv.nrows, 3);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"l1\r\nl2\r\nl3", "c\rd"});
    expect_fields(&csv.rows[1], 6, 2, (const char *[]){"5", "6"});
    expect_fields(&csv.rows[2], 8, 2, (const char *[]){"7", "8"});
    pt_csv_free(&csv);
    ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(test_blank_lines)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("\n\na;b\n\n  \t\n1;2\n;\n\n3;4\n\n", &csv, &d), 0);
    expect_fields(&csv.header, 3, 2, (const char *[]){"a", "b"});
    ck_assert_uint_eq(csv.nrows, 3);
    expect_fields(&csv.rows[0], 6, 2, (const char *[]){"1", "2"});
    /* only delimiters: a record of empty fields, kept */
    expect_fields(&csv.rows[1], 7, 2, (const char *[]){"", ""});
    expect_fields(&csv.rows[2], 9, 2, (const char *[]){"3", "4"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_spaces_kept)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str(" a ; b ;\n  x ;\" y \";\n", &csv, &d), 0);
    expect_fields(&csv.header, 1, 3, (const char *[]){" a ", " b ", ""});
    expect_fields(&csv.rows[0], 2, 3, (const char *[]){"  x ", " y ", ""});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_utf8_content)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("opmerking;niveau\n\"Zoë – één € 😀\";3\n", &csv, &d), 0);
    expect_fields(&csv.rows[0], 2, 2, (const char *[]){"Zoë – één € 😀", "3"});
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_column_lookup)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str(" Level ;RATER;\"  Case\";vraag;comment\n3;r1;C01;;\n", &csv, &d), 0);
    ck_assert_int_eq(pt_csv_column(&csv, "level"), 0);
    ck_assert_int_eq(pt_csv_column(&csv, "rater"), 1);
    ck_assert_int_eq(pt_csv_column(&csv, "case"), 2);
    ck_assert_int_eq(pt_csv_column(&csv, "CASE"), 2);
    ck_assert_int_eq(pt_csv_column(&csv, " Comment "), 4);
    ck_assert_int_eq(pt_csv_column(&csv, "criterion"), -1);
    ck_assert_int_eq(pt_csv_column(&csv, "lev"), -1);
    ck_assert_int_eq(pt_csv_column(&csv, ""), -1);
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_err_unterminated_quote)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    int rc = parse_str("a;b\n1;2\n\"open;x\n3;4\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "aanhalingsteken niet afgesloten");
    /* the line where the quoted field opens, after CRLF and a quoted break */
    rc = parse_str("a;b\r\n\"x\r\ny\";1\r\n\r\n2;\"open\r\nmore\r\n", &csv, &d);
    expect_error(rc, &csv, &d, "5", "aanhalingsteken niet afgesloten");
    rc = parse_str("\"", &csv, &d);
    expect_error(rc, &csv, &d, "1", "aanhalingsteken niet afgesloten");
}
END_TEST

START_TEST(test_err_after_closing_quote)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    int rc = parse_str("a;b\n1;2\n\n\"x\"y;z\n", &csv, &d);
    expect_error(rc, &csv, &d, "4", "na een afsluitend aanhalingsteken");
    /* a multi-line field: the line of the offending character */
    rc = parse_str("a;b\n\"x\ny\" ;1\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "na een afsluitend aanhalingsteken");
    /* the other delimiter is text too */
    rc = parse_str("a;b\n\"x\",y;1\n", &csv, &d);
    expect_error(rc, &csv, &d, "2", "na een afsluitend aanhalingsteken");
}
END_TEST

START_TEST(test_err_invalid_utf8)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    /* a file that says it is UTF-8 (its BOM) is held to it: Latin-1 "é"
     * inside a quoted multi-line field on line 3 */
    int rc = parse_str("\xEF\xBB\xBF" "a;b\r\n\"q\r\ncaf\xe9\";1\r\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "geen geldige UTF-8 (het bestand begint als UTF-8); "
                 PT_CSV_SAVE_HINT);
    /* so is one with valid multi-byte UTF-8 before the broken part */
    rc = parse_str("a;b\n\xC3\xA9\n\n1;\xE2\x82", &csv, &d);
    expect_error(rc, &csv, &d, "4", "geen geldige UTF-8");
    rc = parse_str("\xC3\xA9;b\r1;2\r\"\xED\xA0\x80\";3\r", &csv, &d);
    expect_error(rc, &csv, &d, "3", "geen geldige UTF-8");
}
END_TEST

/* Without a BOM and without valid UTF-8 before the first bad byte: what
 * spreadsheets save by default, Windows-1252. */
START_TEST(test_windows_1252)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("a;b\n\x80 caf\xe9;\x93\xe9\xe9n\x94\n", &csv, &d), 0);
    ck_assert_int_eq(csv.encoding, PT_ENC_CP1252);
    ck_assert_str_eq(csv.rows[0].fields[0], "€ café");
    ck_assert_str_eq(csv.rows[0].fields[1], "“één”");
    pt_csv_free(&csv);
    /* the five bytes Windows-1252 leaves undefined */
    int rc = parse_str("a;b\n1;2\nx\x81;3\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "byte 0x81 is geen UTF-8 en geen Windows-1252; "
                 PT_CSV_SAVE_HINT);
}
END_TEST

/* UTF-16 by its BOM, either order, or recognised without one. */
START_TEST(test_utf16)
{
    static const char le_bom[] = "\xFF\xFE" "a\0;\0b\0\n\0\xE9\0;\0" "2\0\n\0";
    static const char be[] = "\0a\0;\0b\0\n\0\xE9\0;\0" "2\0\n";
    static const char le[] = "a\0;\0b\0\n\0" "1\0;\0\x3D\xD8\x00\xDE\n\0";
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(PARSE_LIT(le_bom, &csv, &d), 0);
    ck_assert_int_eq(csv.encoding, PT_ENC_UTF16LE);
    ck_assert_str_eq(csv.rows[0].fields[0], "é");
    pt_csv_free(&csv);
    ck_assert_int_eq(PARSE_LIT(be, &csv, &d), 0);
    ck_assert_int_eq(csv.encoding, PT_ENC_UTF16BE);
    ck_assert_str_eq(csv.rows[0].fields[0], "é");
    pt_csv_free(&csv);
    ck_assert_int_eq(PARSE_LIT(le, &csv, &d), 0);       /* a surrogate pair: 😀 */
    ck_assert_str_eq(csv.rows[0].fields[1], "\xF0\x9F\x98\x80");
    pt_csv_free(&csv);
    static const char half[] = "\xFF\xFE" "a\0;\0b\0\n\0\x3D\xD8;\0";
    int rc = PARSE_LIT(half, &csv, &d);
    expect_error(rc, &csv, &d, "2", "half tekenpaar in UTF-16-tekst");
}
END_TEST

START_TEST(test_tab_delimiter)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("rater\tcase\tcriterion\tlevel\n\tK1\ta1\t3\n", &csv, &d), 0);
    ck_assert_int_eq(csv.delim, '\t');
    ck_assert_uint_eq(csv.rows[0].nfields, 4);
    ck_assert_str_eq(csv.rows[0].fields[0], "");       /* a leading empty field stays */
    ck_assert_str_eq(csv.rows[0].fields[3], "3");
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_err_empty)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    int rc = parse_str("", &csv, &d);
    expect_error(rc, &csv, &d, "1", "geen kopregel");
    rc = parse_str("\n\r\n  \t\n\r", &csv, &d);
    expect_error(rc, &csv, &d, "1", "geen kopregel");
    rc = parse_str("\xEF\xBB\xBF", &csv, &d);
    expect_error(rc, &csv, &d, "1", "geen kopregel");
    rc = pt_csv_parse(NULL, 0, "t.csv", &csv, &d);
    expect_error(rc, &csv, &d, "1", "geen kopregel");
}
END_TEST

START_TEST(test_header_only)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    ck_assert_int_eq(parse_str("rater;case;criterion;level\n", &csv, &d), 0);
    ck_assert_uint_eq(csv.header.nfields, 4);
    ck_assert_uint_eq(csv.nrows, 0);
    pt_csv_free(&csv);
}
END_TEST

START_TEST(test_err_nul)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    int rc = PARSE_LIT("a;b\n1;2\n3;\0\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "NUL");
    rc = PARSE_LIT("a;b\n\"x\ny\0\";1\n", &csv, &d);
    expect_error(rc, &csv, &d, "3", "NUL");
    /* the first problem in the file is the one reported */
    rc = PARSE_LIT("a;b\n\0\n\xff\n", &csv, &d);
    expect_error(rc, &csv, &d, "2", "NUL");
    rc = PARSE_LIT("a;b\n\xff\n\0\n", &csv, &d);
    expect_error(rc, &csv, &d, "2", "UTF-8");
    rc = PARSE_LIT("a;b\n\"x\"y\n\0\n", &csv, &d);
    expect_error(rc, &csv, &d, "2", "na een afsluitend aanhalingsteken");
}
END_TEST

/* A record of n fields "f" joined by ';' after a header line. */
static char *many_fields(size_t n)
{
    struct pt_buf b = {0};
    pt_buf_adds(&b, "h\n");
    for (size_t k = 0; k < n; k++) {
        if (k)
            pt_buf_addc(&b, ';');
        pt_buf_addc(&b, 'f');
    }
    pt_buf_addc(&b, '\n');
    return pt_buf_detach(&b);
}

START_TEST(test_limit_fields)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    char *ok = many_fields(256), *bad = many_fields(257);
    ck_assert_int_eq(parse_str(ok, &csv, &d), 0);
    ck_assert_uint_eq(csv.rows[0].nfields, 256);
    pt_csv_free(&csv);
    int rc = parse_str(bad, &csv, &d);
    expect_error(rc, &csv, &d, "2", "meer dan 256 velden");
    free(ok);
    free(bad);
}
END_TEST

/* "h\n\n" then a field of n bytes 'x', optionally quoted, then ";1\n". */
static char *long_field(size_t n, int quoted)
{
    struct pt_buf b = {0};
    pt_buf_adds(&b, "h\n\n");
    if (quoted)
        pt_buf_adds(&b, "\"a\n");
    for (size_t k = 0; k < n; k++)
        pt_buf_addc(&b, 'x');
    if (quoted)
        pt_buf_addc(&b, '"');
    pt_buf_adds(&b, ";1\n");
    return pt_buf_detach(&b);
}

START_TEST(test_limit_field_size)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    char *s = long_field(65536, 0);
    ck_assert_int_eq(parse_str(s, &csv, &d), 0);
    ck_assert_uint_eq(strlen(csv.rows[0].fields[0]), 65536);
    ck_assert_uint_eq(csv.rows[0].line, 3);
    pt_csv_free(&csv);
    free(s);

    s = long_field(65537, 0);
    int rc = parse_str(s, &csv, &d);
    expect_error(rc, &csv, &d, "3", "veld langer dan 64 KiB");
    free(s);

    /* quoted: "a\n" + n bytes; 2 + 65534 = 65536 is fine, one more is not */
    s = long_field(65534, 1);
    ck_assert_int_eq(parse_str(s, &csv, &d), 0);
    ck_assert_uint_eq(strlen(csv.rows[0].fields[0]), 65536);
    pt_csv_free(&csv);
    free(s);

    s = long_field(65535, 1);
    rc = parse_str(s, &csv, &d);
    expect_error(rc, &csv, &d, "3", "veld langer dan 64 KiB");
    free(s);
}
END_TEST

START_TEST(test_limit_records)
{
    struct pt_csv csv = {0};
    struct pt_diags d = {0};
    /* header + 999,999 rows = 1,000,000 records: accepted */
    size_t n = 1000000;
    size_t len = 2 + 2 * (n - 1);
    char *s = malloc(len + 2);
    ck_assert_ptr_nonnull(s);
    memcpy(s, "h\n", 2);
    for (size_t k = 2; k < len; k += 2) {
        s[k] = '1';
        s[k + 1] = '\n';
    }
    ck_assert_int_eq(pt_csv_parse(s, len, "t.csv", &csv, &d), 0);
    ck_assert_uint_eq(csv.nrows, n - 1);
    ck_assert_uint_eq(csv.rows[n - 2].line, n);
    pt_csv_free(&csv);

    /* one more record (after a blank line) is refused on its own line */
    s[len] = '\n';
    s[len + 1] = '1';
    int rc = pt_csv_parse(s, len + 2, "t.csv", &csv, &d);
    expect_error(rc, &csv, &d, "1000002", "meer dan 1.000.000 records");
    free(s);
}
END_TEST

static const char *const tricky[] = {
    "gewoon", "", "a;b", "a,b", "zegt \"ja\"", "\"", "regel 1\nregel 2",
    "cr\ralleen", "crlf\r\nerin", " voor", "achter ", "\t", "Zoë – één",
    "x\"", "\"\"", ";", ",",
};
#define NTRICKY (sizeof tricky / sizeof tricky[0])

static void round_trip(char delim)
{
    struct pt_buf b = {0};
    struct pt_csv csv = {0};
    struct pt_diags d = {0};

    /* header: one name per field, then the tricky fields forwards and
     * backwards */
    for (size_t k = 0; k < NTRICKY; k++) {
        if (k)
            pt_buf_addc(&b, delim);
        pt_buf_printf(&b, "kolom %zu", k);
    }
    pt_buf_adds(&b, "\r\n");
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < NTRICKY; k++) {
            if (k)
                pt_buf_addc(&b, delim);
            pt_csv_write_field(&b, pass ? tricky[NTRICKY - 1 - k] : tricky[k], delim);
        }
        pt_buf_addc(&b, '\n');
    }
    ck_assert_int_eq(pt_csv_parse(b.data, b.len, "t.csv", &csv, &d), 0);
    ck_assert_int_eq(csv.delim, delim);
    ck_assert_uint_eq(csv.header.nfields, NTRICKY);
    ck_assert_uint_eq(csv.nrows, 2);
    for (size_t pass = 0; pass < 2; pass++) {
        ck_assert_uint_eq(csv.rows[pass].nfields, NTRICKY);
        for (size_t k = 0; k < NTRICKY; k++)
            ck_assert_str_eq(csv.rows[pass].fields[k],
                             pass ? tricky[NTRICKY - 1 - k] : tricky[k]);
    }
    /* row 0 holds three line breaks inside quotes (one a CRLF) */
    ck_assert_uint_eq(csv.rows[0].line, 2);
    ck_assert_uint_eq(csv.rows[1].line, 6);
    pt_csv_free(&csv);
    pt_buf_free(&b);
}

START_TEST(test_write_round_trip)
{
    round_trip(';');
    round_trip(',');
}
END_TEST

START_TEST(test_write_quoting)
{
    static const struct {
        const char *in, *semi, *comma;
    } cases[] = {
        {"gewoon", "gewoon", "gewoon"},
        {"", "", ""},
        {"a;b", "\"a;b\"", "\"a;b\""},
        {"a,b", "\"a,b\"", "\"a,b\""},
        {"zegt \"ja\"", "\"zegt \"\"ja\"\"\"", "\"zegt \"\"ja\"\"\""},
        {"a\nb", "\"a\nb\"", "\"a\nb\""},
        {"a\rb", "\"a\rb\"", "\"a\rb\""},
        {" a", "\" a\"", "\" a\""},
        {"a ", "\"a \"", "\"a \""},
        {"a b", "a b", "a b"},
        {"Zoë", "Zoë", "Zoë"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct pt_buf b = {0};
        pt_csv_write_field(&b, cases[k].in, ';');
        ck_assert_str_eq(b.data ? b.data : "", cases[k].semi);
        pt_buf_free(&b);
        pt_csv_write_field(&b, cases[k].in, ',');
        ck_assert_str_eq(b.data ? b.data : "", cases[k].comma);
        pt_buf_free(&b);
    }
}
END_TEST

Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("read");
    tcase_add_test(tc, test_semicolon);
    tcase_add_test(tc, test_comma);
    tcase_add_test(tc, test_delimiter_detection);
    tcase_add_test(tc, test_bom);
    tcase_add_test(tc, test_crlf);
    tcase_add_test(tc, test_cr);
    tcase_add_test(tc, test_mixed_line_ends);
    tcase_add_test(tc, test_quoted_delimiter);
    tcase_add_test(tc, test_doubled_quote);
    tcase_add_test(tc, test_quote_inside_unquoted);
    tcase_add_test(tc, test_newline_in_quotes);
    tcase_add_test(tc, test_blank_lines);
    tcase_add_test(tc, test_spaces_kept);
    tcase_add_test(tc, test_utf8_content);
    tcase_add_test(tc, test_column_lookup);
    tcase_add_test(tc, test_header_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, test_err_unterminated_quote);
    tcase_add_test(tc, test_err_after_closing_quote);
    tcase_add_test(tc, test_err_invalid_utf8);
    tcase_add_test(tc, test_windows_1252);
    tcase_add_test(tc, test_utf16);
    tcase_add_test(tc, test_tab_delimiter);
    tcase_add_test(tc, test_err_empty);
    tcase_add_test(tc, test_err_nul);
    tcase_add_test(tc, test_limit_fields);
    tcase_add_test(tc, test_limit_field_size);
    suite_add_tcase(s, tc);

    /* a million records: slow under valgrind and sanitizers */
    tc = tcase_create("limit-records");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_limit_records);
    suite_add_tcase(s, tc);

    tc = tcase_create("write");
    tcase_add_test(tc, test_write_round_trip);
    tcase_add_test(tc, test_write_quoting);
    suite_add_tcase(s, tc);
    return s;
}
