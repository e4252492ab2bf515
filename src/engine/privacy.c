/*
 * privacy.c — the privacy guard: recognise personal data in one string
 * (privacy.md; domain.md 5.2). See privacy.h for the contract.
 *
 * Approach. The text is read as bytes (UTF-8 is never decoded, except to
 * recognise a few multibyte spaces and to tell letters from punctuation at
 * word boundaries); nothing is allocated or copied and nothing is read past
 * the NUL. Two linear passes:
 *
 *   1. Numbers. Every personal number starts at the first digit of a digit
 *      run (a digit not preceded by a digit; letters before it are fine, so
 *      "BSN123456782" counts), or at the '+' of +31. At each run start, in
 *      this order:
 *        a. a DATE (12-03-2006, 12/03/2006, 12.03.2006, 2006-03-12,
 *           12 maart 2006, 12 mrt 2006, 12 maart). A date is checked for a
 *           birth keyword nearby (geboren, geboortedatum, geb., DOB, date
 *           of birth): with one it is a date of birth, without one it is
 *           skipped whole: its digits are masked, never read as anything
 *           else.
 *        b. a postcode with house number (1234 AB 12, 1234AB 12a);
 *        c. a BSN or onderwijsnummer, only in the written layouts: nine
 *           digits in a row, 1234.56.782, or 123 456 782 (one space, '.'
 *           or '-' between three groups of three);
 *        d. a phone number: digit groups of at least two digits separated
 *           by one space or '-' ("(020) 123 45 67" too) that add up to ten
 *           digits starting with 0 (not 00), or +31/0031 followed by nine.
 *      Masking is complete because dates are tried first at every run start
 *      (left to right, so no later match can start inside a date), and the
 *      only matchers that step over several digit groups (phone, house
 *      number) refuse to step into a group where a date begins. The BSN
 *      layouts cannot contain a date start: their groups have three digits
 *      (or 4.2.3 with dots), a date starts with one or two digits or a
 *      year followed by '-'.
 *      Digit groups are never joined loosely: "kosten 1200 1500 en 900" or
 *      "op 01-02-2014 12 uur" give no nine- or ten-digit number.
 *   2. E-mail: at every '@', a local part before it and a domain with a
 *      dot and a TLD of at least two letters after it.
 *
 * The kind whose match starts first in the text wins; on a tie the e-mail
 * address wins (its local part may be digits). The number matchers look
 * ahead or back a bounded number of bytes and the main loop never revisits
 * a digit run; the e-mail walks stop at the neighbouring '@'. So the scan is
 * linear in the length of the text.
 *
 * Known limits (all err on the side of refusing, or are outside the spec):
 * all-capital text such as "2013 EN 2014" reads as a postcode with house
 * number; the account part of an IBAN (NL91ABNA0417164300) reads as a phone
 * number; 8-digit BSNs are not padded with a 0 (domain.md 5.2: padding makes
 * dates such as 20130909 pass); "Kerkstraat 5, 1234 AB" (number before the
 * postcode) is not an address here, as privacy.md names only "1234 AB 12".
 */
#include "privacy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How far a birth keyword may be from the date it marks (bytes). */
#define BIRTH_BEFORE 32
#define BIRTH_AFTER 16

/* ---- character classes (bytes, no locale) ---- */

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || is_upper(c);
}

static bool is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

static unsigned char to_lower(unsigned char c)
{
    return is_upper(c) ? (unsigned char)(c - 'A' + 'a') : c;
}

/* True when the character at p is a letter: an ASCII letter or a multibyte
 * UTF-8 character whose lead byte is outside the ranges of punctuation and
 * symbols (0xC2: U+0080–U+00BF such as NBSP and «; 0xE2: U+2000–U+2FFF such
 * as – ‘ € and the typographic spaces; 0xF0+: emoji). So é and ë are letters,
 * an en dash is not. */
static bool letter_at(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return is_alpha(c);
    return (c >= 0xC3 && c <= 0xDF) || (c >= 0xE0 && c <= 0xEF && c != 0xE2);
}

/* True when the character that ends just before s[i] is a letter. Steps back
 * over UTF-8 continuation bytes (at most three) to the lead byte. */
static bool letter_before(const unsigned char *s, size_t i)
{
    size_t k = i;
    int steps = 0;
    while (k > 0 && steps < 4) {
        k--;
        steps++;
        if ((s[k] & 0xC0) != 0x80)
            return letter_at(s + k);
    }
    return false;
}

/* Length in bytes of one space at p: ' ', tab, U+00A0 no-break space,
 * U+2000–U+200A typographic spaces or U+202F narrow no-break space; else 0.
 * The && chains never read past a NUL: a byte is only read when the one
 * before it matched a non-NUL value. */
static size_t space_len(const unsigned char *p)
{
    if (p[0] == ' ' || p[0] == '\t')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF))
        return 3;
    return 0;
}

/* Number of digits at p, counting at most cap + 1 (so "more than cap" is
 * visible without walking a long run to its end). */
static size_t digit_run(const unsigned char *p, size_t cap)
{
    size_t n = 0;
    while (n <= cap && is_digit(p[n]))
        n++;
    return n;
}

/* Value of n (at most 4) digits at p. */
static int digits_value(const unsigned char *p, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n; k++)
        v = v * 10 + (p[k] - '0');
    return v;
}

/* Length of w (lower case ASCII) when p starts with it, ignoring case; else
 * 0. Stops at the first mismatch, so never reads past a NUL in p. */
static size_t starts_with_ci(const unsigned char *p, const char *w)
{
    size_t k = 0;
    for (; w[k]; k++)
        if (to_lower(p[k]) != (unsigned char)w[k])
            return 0;
    return k;
}

/* ---- dates ---- */

static const char *const month_names[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
    "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
    "january", "february", "march", "may", "june", "july", "august", "october",
    "mar", "oct", NULL};

/* Length of a month name at p that is a whole word ("mei" but not
 * "meisjes"), or 0. */
static size_t month_at(const unsigned char *p)
{
    for (size_t m = 0; month_names[m]; m++) {
        size_t n = starts_with_ci(p, month_names[m]);
        if (n && !letter_at(p + n))
            return n;
    }
    return 0;
}

/* Bytes of one to three spaces at p, or 0. */
static size_t spaces(const unsigned char *p)
{
    size_t n = 0;
    for (int k = 0; k < 3; k++) {
        size_t sl = space_len(p + n);
        if (!sl)
            break;
        n += sl;
    }
    return n;
}

/* True when the grouped number s[i..end) with separator sep (a date, or a
 * BSN in 1234.56.782 or 123.456.782 layout) is really part of a longer chain
 * of numbers with the same separator: "06-12-34-56-78" is a phone number,
 * not the date 06-12-34; "1.123.456.782" is not a BSN. */
static bool in_chain(const unsigned char *s, size_t i, size_t end, unsigned char sep)
{
    if (i >= 2 && s[i - 1] == sep && is_digit(s[i - 2]))
        return true;
    return s[end] == sep && is_digit(s[end + 1]);
}

/* Length of a date starting at s[i] (a digit that starts a digit run), or 0.
 * Forms: yyyy-m-d; d-m-y, d/m/y, d.m.y (one separator, year of two or four
 * digits); d maart [yyyy], d mrt. [yyyy], d-mrt-yyyy. Day 1–31, month 1–12;
 * the last number must end its digit run. */
static size_t date_len(const unsigned char *s, size_t i)
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

    unsigned char sep = p[n1];
    if (sep == '-' || sep == '/' || sep == '.') { /* 12-03-2006, 12/03/06 */
        size_t n2 = digit_run(p + n1 + 1, 2);
        if (n2 >= 1 && n2 <= 2 && p[n1 + 1 + n2] == sep) {
            size_t y = n1 + 2 + n2;
            size_t n3 = digit_run(p + y, 4);
            int month = digits_value(p + n1 + 1, n2);
            if ((n3 == 2 || n3 == 4) && month >= 1 && month <= 12 &&
                !in_chain(s, i, i + y + n3, sep))
                return y + n3;
        }
        if (sep != '-')
            return 0;
    }

    /* 12 maart 2006, 12 mrt. 2006, 12-mrt-2006, 12 maart (no year) */
    size_t q = n1;
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
    if (yl && digit_run(p + q + yl, 4) == 4)
        q += yl + 4;
    return q;
}

/* ---- birth keywords ---- */

struct keyword {
    const char *word;  /* lower case */
    bool left_bound;   /* must not follow a letter */
    bool right_bound;  /* must not be followed by a letter */
};

/* "geboren" needs no left boundary: "pasgeboren broertje 12-03-2014" is a
 * date of birth too. "geboorte" only as a word or in geboortedatum/-dag, not
 * in geboorteland or geboorteplaats. */
static const struct keyword birth_keywords[] = {
    {"geboren", false, false},      {"geboortedatum", false, false},
    {"geboortedag", false, false},  {"geboorte", false, true},
    {"geb.", true, false},          {"geb", true, true}, /* geb. geb.datum geb: */
    {"d.o.b.", true, false},        {"d.o.b", true, false},
    {"dob", true, true},            {"birthdate", false, false},
    {"birthday", false, false},     {"birth", false, true}, /* date of birth */
};
#define N_BIRTH_KEYWORDS (sizeof birth_keywords / sizeof birth_keywords[0])

/* Length of the birth keyword kw at s[q], or 0. */
static size_t keyword_at(const unsigned char *s, size_t q, const struct keyword *kw)
{
    size_t n = starts_with_ci(s + q, kw->word);
    if (!n)
        return 0;
    if (kw->left_bound && letter_before(s, q))
        return 0;
    if (kw->right_bound && letter_at(s + q + n))
        return 0;
    return n;
}

/* True when s[a..b) between a keyword and a date crosses no sentence or line
 * boundary: no ; ! ? or newline, and no '.' followed by space(s) and a
 * capital ("geboren. Op 12-03-2014 …"; "geboren d.d. 12-03-2006" is fine).
 * The capital may lie at or after b; the look-ahead stops at the NUL. */
static bool same_clause(const unsigned char *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        unsigned char c = s[k];
        if (c == ';' || c == '!' || c == '?' || c == '\n' || c == '\r')
            return false;
        if (c == '.') {
            size_t sp = spaces(s + k + 1);
            if (sp && is_upper(s[k + 1 + sp]))
                return false;
        }
    }
    return true;
}

/* True when s[a..b) holds only spaces and punctuation that is not a
 * sentence or line break: "12-03-2014 (geboren)", "12-03-2006, geb.". */
static bool filler_only(const unsigned char *s, size_t a, size_t b)
{
    size_t k = a;
    while (k < b) {
        size_t sl = space_len(s + k);
        if (sl) {
            k += sl;
            continue;
        }
        unsigned char c = s[k];
        if (c >= 0x80 || is_alnum(c) || c == ';' || c == '!' || c == '?' || c == '\n' ||
            c == '\r')
            return false;
        k++;
    }
    return true;
}

/* True when a birth keyword ends at most BIRTH_BEFORE bytes before the date
 * s[start..end), words between allowed but in the same clause ("geboren in
 * Den Haag op 12-03-2006"), or follows it within BIRTH_AFTER bytes with only
 * spaces and punctuation between ("12-03-2014 (geboren)"; not "sinds
 * 01-01-2010, moeder geboren 1980"). */
static bool birth_keyword_near(const unsigned char *s, size_t start, size_t end)
{
    size_t from = start > BIRTH_BEFORE + 16 ? start - BIRTH_BEFORE - 16 : 0;
    for (size_t q = from; q < start; q++)
        for (size_t k = 0; k < N_BIRTH_KEYWORDS; k++) {
            size_t n = keyword_at(s, q, &birth_keywords[k]);
            if (n && q + n <= start && start - (q + n) <= BIRTH_BEFORE &&
                same_clause(s, q + n, start))
                return true;
        }
    for (size_t q = end; q <= end + BIRTH_AFTER && s[q]; q++)
        for (size_t k = 0; k < N_BIRTH_KEYWORDS; k++)
            if (keyword_at(s, q, &birth_keywords[k]) && filler_only(s, end, q) &&
                same_clause(s, end, q))
                return true;
    return false;
}

/* ---- postcode with house number ---- */

/* True when s[i] starts "1234 AB 12", "1234AB 12a", "1234 AB, 12": four
 * digits (not starting with 0), at most one space, two capitals that do not
 * continue as a word (not SA, SD, SS, which are not issued), then spaces or
 * commas (at most three) and a house number of 1–5 digits not starting
 * with 0. A date in the place of the house number is not one. */
static bool postcode_huisnummer_at(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    if (p[0] == '0' || digit_run(p, 4) != 4)
        return false;
    size_t j = 4 + space_len(p + 4);
    if (!is_upper(p[j]) || !is_upper(p[j + 1]) || letter_at(p + j + 2))
        return false;
    if (p[j] == 'S' && (p[j + 1] == 'A' || p[j + 1] == 'D' || p[j + 1] == 'S'))
        return false;
    j += 2;
    for (int k = 0; k < 3; k++) {
        size_t sl = space_len(p + j);
        if (sl)
            j += sl;
        else if (p[j] == ',')
            j++;
        else
            break;
    }
    if (p[j] < '1' || p[j] > '9' || digit_run(p + j, 5) > 5)
        return false;
    return date_len(s, i + j) == 0;
}

/* ---- BSN and onderwijsnummer ---- */

long pt_elfproef_sum(const int d[9])
{
    long sum = 0;
    for (int k = 0; k < 8; k++)
        sum += (long)(9 - k) * d[k];
    return sum - d[8];
}

/* BSN when the 11-proef passes (sum divisible by 11, not 0); onderwijsnummer
 * when it starts with 10 and the sum leaves remainder 5. */
static enum pt_pii classify_nine(const int d[9])
{
    long sum = pt_elfproef_sum(d);
    if (d[0] == 1 && d[1] == 0 && ((sum % 11) + 11) % 11 == 5)
        return PT_PII_ONDERWIJSNUMMER;
    if (sum != 0 && sum % 11 == 0)
        return PT_PII_BSN;
    return PT_PII_NONE;
}

/* True when s[i] is preceded by a euro sign (spaces between allowed):
 * "€ 123.456.789" is an amount. */
static bool euro_before(const unsigned char *s, size_t i)
{
    size_t k = i;
    for (;;) {
        if (k >= 1 && s[k - 1] == ' ')
            k--;
        else if (k >= 2 && s[k - 2] == 0xC2 && s[k - 1] == 0xA0)
            k -= 2;
        else
            break;
    }
    return k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x82 && s[k - 1] == 0xAC;
}

/* Collects the digits of the groups starts[0..3) (lengths lens) into d. */
static void collect(const unsigned char *s, const size_t starts[3], const size_t lens[3], int d[9])
{
    int n = 0;
    for (int g = 0; g < 3; g++)
        for (size_t k = 0; k < lens[g]; k++)
            d[n++] = s[starts[g] + k] - '0';
}

/* A BSN or onderwijsnummer in one of the written layouts at run start s[i]:
 * 123456782, 1234.56.782, 123 456 782 (or 123.456.782, 123-456-782). Nine
 * digits that are part of a longer number are not one: a run of ten digits,
 * or grouped digits chained on with the same '.' or '-' ("1.123.456.782").
 * With spaces neighbouring numbers are ordinary text ("in 2013 123 456
 * 782" still holds a BSN). */
static enum pt_pii nine_digits_at(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    size_t n = digit_run(p, 9);
    int d[9];

    if (n == 9) {
        size_t starts[3] = {i, i + 3, i + 6}, lens[3] = {3, 3, 3};
        collect(s, starts, lens, d);
        return classify_nine(d);
    }
    if (n == 4) { /* 1234.56.782 */
        if (p[4] != '.' || digit_run(p + 5, 2) != 2 || p[7] != '.' || digit_run(p + 8, 3) != 3)
            return PT_PII_NONE;
        if (in_chain(s, i, i + 11, '.'))
            return PT_PII_NONE;
        size_t starts[3] = {i, i + 5, i + 8}, lens[3] = {4, 2, 3};
        collect(s, starts, lens, d);
        return classify_nine(d);
    }
    if (n != 3)
        return PT_PII_NONE;

    /* 123 456 782: the separator is '.', '-' or a space, the same each time */
    unsigned char sep = p[3];
    size_t starts[3], lens[3] = {3, 3, 3};
    starts[0] = i;
    size_t j = i + 3;
    for (int g = 1; g < 3; g++) {
        size_t sl = (sep == '.' || sep == '-') ? (s[j] == sep ? 1u : 0u) : space_len(s + j);
        if (!sl || digit_run(s + j + sl, 3) != 3)
            return PT_PII_NONE;
        starts[g] = j + sl;
        j += sl + 3;
    }
    if ((sep == '.' || sep == '-') && in_chain(s, i, j, sep))
        return PT_PII_NONE;
    if (euro_before(s, i))
        return PT_PII_NONE;
    collect(s, starts, lens, d);
    return classify_nine(d);
}

/* ---- phone numbers ---- */

/* True when digit groups starting at s[i] add up to exactly want digits at a
 * group end. Groups have at least two digits (the first may have one when
 * first_short: the 6 of "+31 6 12345678") and are separated by one space or
 * '-'; after the first group also ") " when bracket ("(020) 123 45 67"). A
 * group where a date begins ends the number: the date is masked. */
static bool phone_groups(const unsigned char *s, size_t i, size_t want, bool first_short,
                         bool bracket)
{
    size_t total = 0, j = i;
    for (bool first = true;; first = false) {
        if (!first && date_len(s, j))
            return false;
        size_t g = digit_run(s + j, want);
        if (g > want - total || (g < 2 && !(first && first_short)))
            return false;
        total += g;
        j += g;
        if (total == want)
            return true;
        size_t sl;
        if (first && bracket && s[j] == ')')
            sl = 1 + space_len(s + j + 1);
        else if (s[j] == '-')
            sl = 1;
        else
            sl = space_len(s + j);
        if (!sl || !is_digit(s[j + sl]))
            return false;
        j += sl;
    }
}

/* After +31 or 0031 at s[j]: an optional separator, an optional "(0)", then
 * nine digits starting with 1–9. */
static bool phone_international_rest(const unsigned char *s, size_t j)
{
    j += s[j] == '-' ? 1 : space_len(s + j);
    if (s[j] == '(' && s[j + 1] == '0' && s[j + 2] == ')') {
        j += 3;
        j += s[j] == '-' ? 1 : space_len(s + j);
    }
    if (!is_digit(s[j]) || s[j] == '0')
        return false;
    return phone_groups(s, j, 9, true, false);
}

/* A phone number at run start s[i]: ten digits starting with 0 (not 00), or
 * 0031 and nine digits. (+31 is tried by the main loop at the '+'.) */
static bool phone_at(const unsigned char *s, size_t i)
{
    const unsigned char *p = s + i;
    if (p[0] != '0')
        return false;
    if (p[1] == '0')
        return p[2] == '3' && p[3] == '1' && phone_international_rest(s, i + 4);
    if (!is_digit(p[1]))
        return false;
    return phone_groups(s, i, 10, false, i > 0 && s[i - 1] == '(');
}

/* ---- e-mail ---- */

static bool is_local_char(unsigned char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c >= 0x80;
}

static bool is_domain_char(unsigned char c)
{
    return is_alnum(c) || c == '.' || c == '-' || c >= 0x80;
}

/* True when d (just after '@') starts a domain: letters, digits, '.', '-'
 * (and non-ASCII), containing a dot and ending in a TLD of at least two
 * ASCII letters; trailing dots and dashes (end of sentence) are ignored. */
static bool domain_at(const unsigned char *d)
{
    if (!is_alnum(d[0]) && d[0] < 0x80)
        return false;
    size_t n = 0;
    while (is_domain_char(d[n]))
        n++;
    while (n > 0 && (d[n - 1] == '.' || d[n - 1] == '-'))
        n--;
    size_t tld = n;
    while (tld > 0 && d[tld - 1] != '.')
        tld--;
    if (tld < 2 || n - tld < 2) /* no dot, nothing before it, or TLD too short */
        return false;
    for (size_t k = tld; k < n; k++)
        if (!is_alpha(d[k]))
            return false;
    return true;
}

/* Offset where the first e-mail address starts, or SIZE_MAX. The walks back
 * and forth from an '@' stop at the neighbouring '@' (not a local or domain
 * character), so every byte is visited a bounded number of times. */
static size_t find_email(const unsigned char *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '@')
            continue;
        size_t a = i;
        bool word = false; /* the local part holds more than dots and signs */
        while (a > 0 && is_local_char(s[a - 1])) {
            a--;
            if (is_alnum(s[a]) || s[a] >= 0x80)
                word = true;
        }
        if (word && domain_at(s + i + 1))
            return a;
    }
    return SIZE_MAX;
}

/* ---- the scanner ---- */

/* Pass 1 (see the header comment): the first number-shaped personal data,
 * with its offset in *pos. */
static enum pt_pii find_number(const unsigned char *s, size_t *pos)
{
    size_t i = 0;
    while (s[i]) {
        if (s[i] == '+' && s[i + 1] == '3' && s[i + 2] == '1' &&
            phone_international_rest(s, i + 3)) {
            *pos = i;
            return PT_PII_PHONE;
        }
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
            i++;
            continue;
        }
        /* s[i] starts a digit run: a date first, so its digits are masked */
        size_t dl = date_len(s, i);
        if (dl) {
            if (birth_keyword_near(s, i, i + dl)) {
                *pos = i;
                return PT_PII_BIRTHDATE;
            }
            i += dl;
            continue;
        }
        enum pt_pii kind = postcode_huisnummer_at(s, i) ? PT_PII_POSTCODE_HUISNUMMER
                                                        : nine_digits_at(s, i);
        if (kind == PT_PII_NONE && phone_at(s, i))
            kind = PT_PII_PHONE;
        if (kind != PT_PII_NONE) {
            *pos = i;
            return kind;
        }
        while (is_digit(s[i]))
            i++;
    }
    return PT_PII_NONE;
}

enum pt_pii pt_privacy_scan(const char *text)
{
    if (!text)
        return PT_PII_NONE;
    const unsigned char *s = (const unsigned char *)text;
    size_t num_pos = SIZE_MAX;
    enum pt_pii kind = find_number(s, &num_pos);
    size_t mail_pos = find_email(s);
    if (mail_pos != SIZE_MAX && mail_pos <= num_pos)
        return PT_PII_EMAIL;
    return kind;
}

const char *pt_pii_name(enum pt_pii kind)
{
    switch (kind) {
    case PT_PII_NONE:
        return "geen persoonsgegevens";
    case PT_PII_BSN:
        return "een BSN";
    case PT_PII_ONDERWIJSNUMMER:
        return "een onderwijsnummer";
    case PT_PII_EMAIL:
        return "een e-mailadres";
    case PT_PII_PHONE:
        return "een telefoonnummer";
    case PT_PII_POSTCODE_HUISNUMMER:
        return "een postcode met huisnummer";
    case PT_PII_BIRTHDATE:
        return "een geboortedatum";
    }
    return "persoonsgegevens";
}
