/*
 * privacy_numbers.c — personal numbers in normalised text (privacy_scan.h):
 * dates (masked, never read as anything else), postcode with house number,
 * BSN and onderwijsnummer, phone numbers and IBANs.
 *
 * Numbers are read as people type them. After normalisation (fullwidth
 * digits folded, zero-width characters dropped, every dash a '-') a
 * separator inside a number is up to four spaces, at most one of - / . and
 * at most one line break, in any order: "06 - 1234\n5678", "123.456.782",
 * "06/12345678". Every personal number starts at the first digit of a digit
 * run (letters before it are fine: "BSN123456782"), or at the '+' of +31,
 * or at the country code of an IBAN. At each run start, in this order:
 *   a. a DATE (12-03-2006, 12 - 03 - 2006, 12/3/'06, 2006-03-12,
 *      12 maart 2006, 12e mrt. 2006): skipped whole, its digits masked;
 *      dates of birth are found by privacy_text.c from their keyword;
 *   b. a postcode with house number: 1234 AB 12, 1234ab 12, or the number
 *      written apart ("postcode 2312 BK, nr. 9", "1056 XZ\nHuisnummer: 203");
 *   c. a BSN or onderwijsnummer in a written layout: nine digits, 3-3-3 or
 *      4-2-3 groups, or eight digits whose leading zero a spreadsheet
 *      dropped (only with the word BSN on the same line: padding would make
 *      a ninth of all eight-digit numbers pass, dates among them);
 *   d. a phone number: digit groups of at least two digits (the first after
 *      +31 may have one) adding up to ten digits starting with 0 (not 00),
 *      or +31/0031 followed by nine.
 * A group where a date begins ends a phone number, so a date is never part
 * of one. Every look-ahead is bounded, and the main loop visits each run
 * start once: linear in the length of the text.
 */
#include "privacy_scan.h"

#include <stdint.h>
#include <string.h>

bool pt_priv_letter_before(const unsigned char *s, size_t i)
{
    size_t k = i;
    for (int steps = 0; k > 0 && steps < 4; steps++) {
        k--;
        if ((s[k] & 0xC0) != 0x80)
            return pt_priv_letter_at(s + k);
    }
    return false;
}

size_t pt_priv_starts_ci(const unsigned char *s, const char *w)
{
    size_t k = 0;
    for (; w[k]; k++) {
        unsigned char c = s[k];
        if (pt_priv_upper(c))
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)w[k])
            return 0;
    }
    return k;
}

void pt_priv_hit(struct pt_priv_hit *h, enum pt_pii kind, size_t pos)
{
    if (h->kind == PT_PII_NONE || pos < h->pos) {
        h->kind = kind;
        h->pos = pos;
    }
}

/* ---- small readers ---- */

static size_t digit_run(const unsigned char *p, size_t cap)
{
    size_t n = 0;
    while (n <= cap && pt_priv_digit(p[n]))
        n++;
    return n;
}

static int digits_value(const unsigned char *p, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n; k++)
        v = v * 10 + (p[k] - '0');
    return v;
}

/* A separator inside a number at p (see the header comment); its length,
 * 0 when none. *punct gets its - / . or '\0'. */
static size_t num_sep(const unsigned char *p, unsigned char *punct)
{
    size_t k = 0;
    int spaces = 0;
    bool nl = false;
    *punct = 0;
    for (;;) {
        unsigned char c = p[k];
        if (c == ' ' && spaces < 4)
            spaces++;
        else if (c == '\n' && !nl)
            nl = true;
        else if ((c == '-' || c == '/' || c == '.') && !*punct)
            *punct = c;
        else
            break;
        k++;
    }
    return k;
}

/* Spaces (at most four) at p. */
static size_t spaces(const unsigned char *p)
{
    size_t k = 0;
    while (k < 4 && p[k] == ' ')
        k++;
    return k;
}

/* ---- dates ---- */

static const char *const month_names[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december", "jan", "feb", "mrt", "apr", "jun",
    "jul", "aug", "sept", "sep", "okt", "nov", "dec", "january", "february", "march", "may",
    "june", "july", "august", "october", "mar", "oct", NULL};

static size_t month_at(const unsigned char *p)
{
    for (size_t m = 0; month_names[m]; m++) {
        size_t n = pt_priv_starts_ci(p, month_names[m]);
        if (n && !pt_priv_letter_at(p + n))
            return n;
    }
    return 0;
}

/* True when s[a..b) (a grouped number with punctuation sep) continues
 * before or after with the same punctuation and digits: "06-12-34-56-78" is
 * no date 06-12-34, "1.123.456.782" no BSN. */
static bool in_chain(const unsigned char *s, size_t a, size_t b, unsigned char sep)
{
    size_t k = a;
    while (k > 0 && s[k - 1] == ' ' && a - k < 2)
        k--;
    if (k >= 2 && s[k - 1] == sep && pt_priv_digit(s[k - 2]))
        return true;
    unsigned char p;
    size_t sl = num_sep(s + b, &p);
    return sl && p == sep && pt_priv_digit(s[b + sl]);
}

/* A year at p: four digits, two digits, or '\'' and two digits; its length
 * or 0. The digits must end their run. */
static size_t year_at(const unsigned char *p)
{
    size_t n = digit_run(p, 4);
    if (n == 4 || n == 2)
        return n;
    if (p[0] == '\'' && digit_run(p + 1, 2) == 2)
        return 3;
    return 0;
}

/* Month-name form after the day digits (and an ordinal 12e/1ste/2de) at
 * p + q: "12 maart 2006", "12 mrt. '06", "12-mrt-2006", "12 maart". */
static size_t month_form(const unsigned char *p, size_t q)
{
    size_t ord = pt_priv_starts_ci(p + q, "ste") ? 3 : pt_priv_starts_ci(p + q, "de") ? 2
               : (p[q] == 'e' || p[q] == 'E') ? 1 : 0;
    if (ord && !pt_priv_letter_at(p + q + ord))
        q += ord;
    size_t sl = p[q] == '-' ? 1 : spaces(p + q);
    if (!sl)
        return 0;
    q += sl;
    size_t ml = month_at(p + q);
    if (!ml)
        return 0;
    q += ml;
    if (p[q] == '.')
        q++;
    size_t yl = p[q] == '-' ? 1 : spaces(p + q);
    size_t y = yl ? year_at(p + q + yl) : 0;
    if (y == 4 || y == 3)
        q += yl + y;
    return q;
}

/* d-m-y with one punctuation, optionally spaced ("12 - 03 - 2006"). */
static size_t dmy_form(const unsigned char *s, size_t i, size_t n1)
{
    const unsigned char *p = s + i;
    unsigned char sep, sep2;
    size_t a = num_sep(p + n1, &sep);
    if (!a || !sep)
        return 0;
    size_t m = n1 + a, n2 = digit_run(p + m, 2);
    if (n2 < 1 || n2 > 2)
        return 0;
    size_t b = num_sep(p + m + n2, &sep2);
    if (!b || sep2 != sep)
        return 0;
    size_t y = m + n2 + b, yl = year_at(p + y);
    int month = digits_value(p + m, n2);
    if (!yl || month < 1 || month > 12 || in_chain(s, i, i + y + yl, sep))
        return 0;
    return y + yl;
}

size_t pt_priv_date_len(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    size_t n1 = digit_run(p, 4);
    if (n1 == 4) { /* ISO 2006-03-12 */
        if (p[4] != '-')
            return 0;
        size_t n2 = digit_run(p + 5, 2);
        if (n2 < 1 || n2 > 2 || p[5 + n2] != '-')
            return 0;
        size_t n3 = digit_run(p + 6 + n2, 2);
        if (n3 < 1 || n3 > 2)
            return 0;
        int month = digits_value(p + 5, n2), day = digits_value(p + 6 + n2, n3);
        size_t len = 6 + n2 + n3;
        if (month < 1 || month > 12 || day < 1 || day > 31 || in_chain(s, i, i + len, '-'))
            return 0;
        return len;
    }
    if (n1 < 1 || n1 > 2)
        return 0;
    int day = digits_value(p, n1);
    if (day < 1 || day > 31)
        return 0;
    size_t len = dmy_form(s, i, n1);
    return len ? len : month_form(p, n1);
}

/* Day numbers in words; ordinals are these plus "de" or "ste", and
 * "eerste", "derde". Longest first where one is a prefix of another. */
static const char *const day_words[] = {
    "eenendertig", "eenentwintig", "tweeentwintig", "drieentwintig", "vierentwintig",
    "vijfentwintig", "zesentwintig", "zevenentwintig", "achtentwintig", "negenentwintig",
    "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien",
    "twintig", "dertig", "twaalf", "tien", "elf", "een", "twee", "drie", "vier", "vijf",
    "zeven", "zes", "acht", "negen", "eerste", "derde", NULL};

size_t pt_priv_date_any(const unsigned char *s, size_t i)
{
    if (pt_priv_digit(s[i]))
        return (i > 0 && pt_priv_digit(s[i - 1])) ? 0 : pt_priv_date_len(s, i);
    if (pt_priv_letter_before(s, i))
        return 0;
    size_t q = 0;
    if (pt_priv_starts_ci(s + i, "de ")) /* "de derde januari", "de 12e maart" */
        q = 3;
    if (q && pt_priv_digit(s[i + q])) {
        size_t d = pt_priv_date_len(s, i + q);
        return d ? q + d : 0;
    }
    for (size_t k = 0; day_words[k]; k++) {
        size_t n = pt_priv_starts_ci(s + i + q, day_words[k]);
        if (!n)
            continue;
        if (pt_priv_starts_ci(s + i + q + n, "ste"))
            n += 3;
        else if (pt_priv_starts_ci(s + i + q + n, "de"))
            n += 2;
        if (pt_priv_letter_at(s + i + q + n))
            continue;
        size_t len = month_form(s + i + q, n);
        if (len)
            return q + len;
    }
    return 0;
}

/* ---- postcode with house number ---- */

/* Lower-case letter pairs that are words, not postcodes ("2013 en 2014"). */
static const char *const pc_words[] = {"en", "de", "te", "ze", "we", "je", "na", "al", "er",
                                       "nl", "cm", "mm", "km", "kg", "ml", "pm", "am", "ct",
                                       "st", "nr", "vs", "dr", "mr", "ha", "he", "ja", "nee",
                                       NULL};

/* Length of "1234 AB" / "1234ab" at s[i] (a run start), or 0. Capitals
 * always; lower case when the pair uses the letters postcodes use (no F I O
 * Q U Y) and is no word. SA, SD and SS are not issued. */
static size_t postcode_len(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    if (p[0] == '0' || digit_run(p, 4) != 4)
        return 0;
    size_t j = 4 + (p[4] == ' ' ? 1 : 0);
    unsigned char a = p[j], b = a ? p[j + 1] : 0;
    if (!pt_priv_alpha(a) || !pt_priv_alpha(b) || pt_priv_letter_at(p + j + 2))
        return 0;
    if (pt_priv_lower(a) != pt_priv_lower(b))
        return 0;
    if (pt_priv_lower(a)) {
        if (strchr("fioquy", a) || strchr("fioquy", b))
            return 0;
        for (size_t k = 0; pc_words[k]; k++)
            if (pc_words[k][0] == a && pc_words[k][1] == b && !pc_words[k][2])
                return 0;
        a = (unsigned char)(a - 'a' + 'A');
        b = (unsigned char)(b - 'a' + 'A');
    }
    if (a == 'S' && (b == 'A' || b == 'D' || b == 'S'))
        return 0;
    return j + 2;
}

/* A house number at p: 1–5 digits not starting with 0, not a date. */
static bool house_number_at(const unsigned char *s, size_t j)
{
    return s[j] >= '1' && s[j] <= '9' && digit_run(s + j, 5) <= 5 && !pt_priv_date_len(s, j);
}

static const char *const number_words[] = {"huisnummer", "huisnr", "hnr", "nummer", "nr", "no",
                                           NULL};

/* After a postcode ending at s[j]: its house number, right after it
 * (spaces, commas, one line break) or after a word for it within a few
 * words ("2512 CK Den Haag, nummer 31", "1056 XZ\nHuisnummer: 203"). */
static bool postcode_number_after(const unsigned char *s, size_t j)
{
    size_t k = j;
    for (int n = 0; n < 4 && (s[k] == ' ' || s[k] == ',' || s[k] == '\n'); n++)
        k++;
    if (k > j && house_number_at(s, k))
        return true;
    for (int words = 0; words < 5; words++) {
        while (s[k] == ' ' || s[k] == ',' || s[k] == '\n' || s[k] == ':')
            k++;
        if (!pt_priv_alpha(s[k]))
            return false;
        for (size_t w = 0; number_words[w]; w++) {
            size_t n = pt_priv_starts_ci(s + k, number_words[w]);
            if (!n || pt_priv_alpha(s[k + n]))
                continue;
            size_t q = k + n;
            while (s[q] == '.' || s[q] == ':' || s[q] == ' ')
                q++;
            if (house_number_at(s, q))
                return true;
        }
        while (pt_priv_letter_at(s + k) || (s[k] & 0xC0) == 0x80)
            k++;
    }
    return false;
}

/* ---- BSN and onderwijsnummer ---- */

long pt_elfproef_sum(const int d[9])
{
    long sum = 0;
    for (int k = 0; k < 8; k++)
        sum += (long)(9 - k) * d[k];
    return sum - d[8];
}

static enum pt_pii classify_nine(const int d[9])
{
    long sum = pt_elfproef_sum(d);
    if (d[0] == 1 && d[1] == 0 && ((sum % 11) + 11) % 11 == 5)
        return PT_PII_ONDERWIJSNUMMER;
    if (sum != 0 && sum % 11 == 0)
        return PT_PII_BSN;
    return PT_PII_NONE;
}

/* True when a euro sign (U+20AC) precedes s[i], spaces between allowed. */
static bool euro_before(const unsigned char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    return k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x82 && s[k - 1] == 0xAC;
}

/* True when the line around s[i] names a BSN. */
static bool bsn_word_on_line(const unsigned char *s, size_t i, size_t n)
{
    static const char *const words[] = {"bsn", "burgerservicenummer", "burger service nummer",
                                        "sofinummer", "sofi-nummer", NULL};
    size_t a = i, b = i;
    while (a > 0 && s[a - 1] != '\n' && i - a < 200)
        a--;
    while (b < n && s[b] != '\n' && b - i < 200)
        b++;
    for (size_t k = a; k < b; k++)
        for (size_t w = 0; words[w]; w++)
            if (pt_priv_starts_ci(s + k, words[w]))
                return true;
    return false;
}

/* Eight digits at a run start: a BSN whose leading zero was dropped. */
static enum pt_pii eight_digits(const unsigned char *s, size_t i, size_t n)
{
    const unsigned char *p = s + i;
    int d[9] = {0};
    for (int k = 0; k < 8; k++)
        d[k + 1] = p[k] - '0';
    int y1 = digits_value(p, 4), m1 = digits_value(p + 4, 2), d1 = digits_value(p + 6, 2);
    int d2 = digits_value(p, 2), m2 = digits_value(p + 2, 2), y2 = digits_value(p + 4, 4);
    if ((y1 >= 1900 && y1 <= 2099 && m1 >= 1 && m1 <= 12 && d1 >= 1 && d1 <= 31) ||
        (y2 >= 1900 && y2 <= 2099 && m2 >= 1 && m2 <= 12 && d2 >= 1 && d2 <= 31))
        return PT_PII_NONE;
    if (in_chain(s, i, i + 8, '.') || in_chain(s, i, i + 8, '-') || euro_before(s, i))
        return PT_PII_NONE;
    if (classify_nine(d) != PT_PII_BSN || !bsn_word_on_line(s, i, n))
        return PT_PII_NONE;
    return PT_PII_BSN;
}

/* A BSN or onderwijsnummer at run start s[i]: 123456782, 3-3-3 or 4-2-3
 * groups with any number separator ("1234 56 782", "123 – 456 – 782"), or
 * eight digits (see eight_digits). A longer number is none: a longer run,
 * or groups chained on with the same punctuation. */
static enum pt_pii nine_digits_at(const unsigned char *s, size_t i, size_t n)
{
    const unsigned char *p = s + i;
    size_t run = digit_run(p, 9);
    int d[9];
    if (run == 9 || run == 8) {
        if (run == 8)
            return eight_digits(s, i, n);
        for (int k = 0; k < 9; k++)
            d[k] = p[k] - '0';
        return classify_nine(d);
    }
    if (run != 3 && run != 4)
        return PT_PII_NONE;
    size_t sizes[3] = {run, run == 4 ? 2u : 3u, 3};
    size_t j = i, nd = 0;
    unsigned char punct = 0;
    for (int g = 0; g < 3; g++) {
        if (g) {
            unsigned char pc;
            size_t sl = num_sep(s + j, &pc);
            if (!sl || (g == 2 && pc != punct))
                return PT_PII_NONE;
            punct = pc;
            j += sl;
        }
        if (digit_run(s + j, sizes[g]) != sizes[g])
            return PT_PII_NONE;
        for (size_t k = 0; k < sizes[g]; k++)
            d[nd++] = s[j + k] - '0';
        j += sizes[g];
    }
    if ((punct && in_chain(s, i, j, punct)) || euro_before(s, i))
        return PT_PII_NONE;
    return classify_nine(d);
}

/* ---- phone numbers ---- */

/* True when digit groups starting at s[j] add up to exactly want digits at
 * a group end. Groups have at least two digits (the first may have one when
 * first_short: the 6 of "+31 6 12345678"); after the first also ") "
 * ("(020) 123 45 67"). A group where a date begins ends the number. */
static bool phone_groups(const unsigned char *s, size_t j, size_t want, bool first_short)
{
    size_t total = 0;
    for (bool first = true;; first = false) {
        if (!first && pt_priv_date_len(s, j))
            return false;
        size_t g = digit_run(s + j, want);
        if (g > want - total || (g < 2 && !(first && first_short)))
            return false;
        total += g;
        j += g;
        if (total == want)
            return true;
        unsigned char punct;
        size_t sl;
        if (first && s[j] == ')')
            sl = 1 + num_sep(s + j + 1, &punct);
        else
            sl = num_sep(s + j, &punct);
        if (!sl || !pt_priv_digit(s[j + sl]))
            return false;
        j += sl;
    }
}

/* After +31 or 0031 at s[j]: a separator, an optional "(0)", nine digits
 * starting with 1–9. */
static bool phone_international_rest(const unsigned char *s, size_t j)
{
    unsigned char punct;
    j += num_sep(s + j, &punct);
    if (s[j] == '(' && s[j + 1] == '0' && s[j + 2] == ')') {
        j += 3;
        j += num_sep(s + j, &punct);
    }
    if (!pt_priv_digit(s[j]) || s[j] == '0')
        return false;
    return phone_groups(s, j, 9, true);
}

static bool phone_at(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    if (p[0] != '0')
        return false;
    if (p[1] == '0')
        return p[2] == '3' && p[3] == '1' && phone_international_rest(s, i + 4);
    return pt_priv_digit(p[1]) && phone_groups(s, i, 10, false);
}

/* ---- IBAN ---- */

/* True when the IBAN c[0..n) passes the mod-97 check of ISO 13616: the
 * first four characters moved to the end, letters as 10–35, remainder 1. */
static bool iban_mod97(const char *c, size_t n)
{
    unsigned v = 0;
    for (size_t k = 0; k < n; k++) {
        char ch = c[(k + 4) % n];
        if (ch >= '0' && ch <= '9')
            v = (v * 10 + (unsigned)(ch - '0')) % 97;
        else
            v = (v * 100 + (unsigned)(ch - 'A' + 10)) % 97;
    }
    return v == 1;
}

/* An IBAN at s[i]: two letters (no letter or digit before them), two check
 * digits, then either one run of letters and digits or groups of four
 * separated by one space or line break (the last group 1–4), 15–34
 * characters in all, any case, passing the mod-97 check. In groups, the
 * check is tried at every group end, so a word after it does not hide it. */
static bool iban_at(const unsigned char *s, size_t i)
{
    char c[34];
    size_t n = 0, j = i;
    if (!pt_priv_alpha(s[i]) || !pt_priv_alpha(s[i + 1]) || !pt_priv_digit(s[i + 2]) ||
        !pt_priv_digit(s[i + 3]) || (i > 0 && (pt_priv_alnum(s[i - 1]) || s[i - 1] >= 0x80)))
        return false;
    for (;;) {
        size_t g = 0;
        while (pt_priv_alnum(s[j])) {
            if (n == sizeof c)
                return false;
            unsigned char ch = s[j++];
            c[n++] = (char)(pt_priv_lower(ch) ? ch - 'a' + 'A' : ch);
            g++;
        }
        if (n >= 15 && iban_mod97(c, n))
            return true;
        if (g != 4 || !((s[j] == ' ' || s[j] == '\n') && pt_priv_alnum(s[j + 1])))
            return false;
        j++;
    }
}

/* ---- the pass ---- */

/* The kind of personal number that starts at run start s[i], or NONE. */
static enum pt_pii number_at(const unsigned char *s, size_t i, size_t n)
{
    size_t pc = postcode_len(s, i);
    if (pc && postcode_number_after(s, i + pc))
        return PT_PII_POSTCODE_HUISNUMMER;
    enum pt_pii kind = nine_digits_at(s, i, n);
    if (kind == PT_PII_NONE && phone_at(s, i))
        kind = PT_PII_PHONE;
    return kind;
}

void pt_priv_numbers(const unsigned char *s, size_t n, struct pt_priv_hit *h)
{
    size_t i = 0;
    while (i < n && (h->kind == PT_PII_NONE || i < h->pos)) {
        if (s[i] == '+' && s[i + 1] == '3' && s[i + 2] == '1' &&
            phone_international_rest(s, i + 3)) {
            pt_priv_hit(h, PT_PII_PHONE, i);
            return;
        }
        if (pt_priv_alpha(s[i]) && iban_at(s, i)) {
            pt_priv_hit(h, PT_PII_IBAN, i);
            return;
        }
        if (!pt_priv_digit(s[i]) || (i > 0 && pt_priv_digit(s[i - 1]))) {
            i++;
            continue;
        }
        size_t dl = pt_priv_date_len(s, i);
        if (dl) {
            i += dl;
            continue;
        }
        enum pt_pii kind = number_at(s, i, n);
        if (kind != PT_PII_NONE) {
            pt_priv_hit(h, kind, i);
            return;
        }
        while (pt_priv_digit(s[i]))
            i++;
    }
}
