/*
 * privacy_text.c — e-mail addresses and dates of birth in normalised text
 * (privacy_scan.h).
 *
 * E-mail: an address written plainly (naam@school.nl) or the ways people
 * write around spam filters: "naam [at] school.nl", "naam (at) school.nl",
 * "naam apenstaartje school.nl", "naam at school punt nl", with "punt",
 * "dot", "[dot]" or "(dot)" for a dot. The plain "at" form is only read with
 * a known top-level domain, so English "at" in a sentence is no address.
 *
 * Dates of birth are tied to their keyword (geboren, geb., geboortedatum,
 * DOB, date of birth, born) by the sentence and its grammar, not by a byte
 * distance:
 *   - after the keyword, in the same sentence, within ten words ("geboren in
 *     Den Haag op 12-03-2006"); a comma may be crossed only into "op",
 *     "namelijk", "en wel" ("geboren, op 12 maart 2006"), so "vader, geboren
 *     in Turkije, werkt sinds 03-09-2012" is no date of birth; a conjunction
 *     (en, maar, want, ...) or a negation right after the keyword ("niet",
 *     "onbekend") ends the search, and a date governed by another
 *     preposition (sinds, vanaf, per, tot, ...) is no date of birth;
 *   - on the next line when the keyword ends its line ("Geboortedatum:\n
 *     12-03-2006");
 *   - before the keyword in the same clause ("op 12-03-2006 is hij
 *     geboren", "12-03-2006 (geb.)");
 *   - in parentheses right after a child or a name: "Ahmed (12-03-2006)",
 *     "zusje (14-02-2013)"; not after an adult ("gesprek met moeder
 *     (12-03-2014)" is an appointment).
 * The date itself may be written in any form pt_priv_date_any reads: with
 * the year as '06, the day in words, spaces around the dashes.
 */
#include "privacy_scan.h"

#include <stdint.h>
#include <string.h>

/* ---- e-mail ---- */

static bool local_char(unsigned char c)
{
    return pt_priv_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' ||
           c >= 0x80;
}

static bool label_char(unsigned char c)
{
    return pt_priv_alnum(c) || c == '-' || c >= 0x80;
}

/* A written-out dot in a domain at p: its length, or 0. */
static size_t dot_marker(const unsigned char *p)
{
    static const char *const dots[] = {" punt ", " dot ", "[dot]", "(dot)", "[punt]",
                                       "(punt)", " [dot] ", " (dot) ", NULL};
    if (p[0] == '.')
        return 1;
    for (size_t k = 0; dots[k]; k++) {
        size_t n = pt_priv_starts_ci(p, dots[k]);
        if (n)
            return n;
    }
    return 0;
}

static bool known_tld(const unsigned char *p, size_t n)
{
    static const char *const tlds[] = {"nl", "com", "net", "org", "be", "de", "eu", "info",
                                       "edu", "fr", "uk", "tr", "ma", "pl", "nu", "biz",
                                       "io", "me", "es", "it", "sr", "cw", NULL};
    for (size_t k = 0; tlds[k]; k++)
        if (strlen(tlds[k]) == n && pt_priv_starts_ci(p, tlds[k]))
            return true;
    return false;
}

/* True when d starts a domain: labels joined by dot markers, at least two,
 * the last of two or more ASCII letters (a known one when strict). */
static bool domain_at(const unsigned char *d, bool strict)
{
    size_t k = 0, labels = 0, last = 0, last_len = 0;
    while (k < 256) {
        size_t a = k;
        while (label_char(d[k]) && k - a < 64)
            k++;
        if (k == a)
            break;
        labels++;
        last = a;
        last_len = k - a;
        size_t dm = dot_marker(d + k);
        if (!dm || !label_char(d[k + dm]))
            break;
        k += dm;
    }
    if (labels < 2 || last_len < 2)
        return false;
    for (size_t q = last; q < last + last_len; q++)
        if (!pt_priv_alpha(d[q]))
            return false;
    return !strict || known_tld(d + last, last_len);
}

/* An at-sign at s[i], written or written out: its length, and whether the
 * domain must be strict (the bare word "at"). Spaces around are included. */
static size_t at_marker(const unsigned char *s, size_t i, bool *strict, size_t *lead)
{
    static const char *const marks[] = {"[at]", "(at)", "{at}", "[@]", "(@)", "apenstaartje",
                                        NULL};
    *strict = false;
    *lead = 0;
    if (s[i] == '@')
        return 1;
    size_t sp = s[i] == ' ' ? 1 : 0;
    unsigned char c = s[i + sp];
    if (c != '[' && c != '(' && c != '{' && c != 'a' && c != 'A')
        return 0;
    for (size_t k = 0; marks[k]; k++) {
        size_t n = pt_priv_starts_ci(s + i + sp, marks[k]);
        if (n) {
            *lead = sp;
            return sp + n + (s[i + sp + n] == ' ' ? 1 : 0);
        }
    }
    if (sp && pt_priv_starts_ci(s + i + 1, "at ")) {
        *strict = true;
        *lead = 1;
        return 4;
    }
    return 0;
}

void pt_priv_email(const unsigned char *s, size_t n, struct pt_priv_hit *h)
{
    for (size_t i = 0; i < n && (h->kind == PT_PII_NONE || i < h->pos); i++) {
        bool strict;
        size_t lead, m = at_marker(s, i, &strict, &lead);
        if (!m)
            continue;
        size_t a = i;
        bool word = false;
        while (a > 0 && i - a < 64) {
            if (a >= 7 && pt_priv_starts_ci(s + a - 6, " punt ") && local_char(s[a - 7]))
                a -= 6;
            else if (local_char(s[a - 1]))
                a--;
            else
                break;
            if (pt_priv_alnum(s[a]) || s[a] >= 0x80)
                word = true;
        }
        if (word && domain_at(s + i + m, strict)) {
            pt_priv_hit(h, PT_PII_EMAIL, a);
            return;
        }
    }
}

/* ---- dates of birth ---- */

struct keyword {
    const char *word; /* lower case */
    bool left_bound;  /* must not follow a letter */
    bool right_bound; /* must not be followed by a letter */
};

/* "geboren" needs no left boundary ("pasgeboren broertje"); "geboorte" only
 * as a word or in geboortedatum/-dag, not in geboorteland. */
static const struct keyword birth_keywords[] = {
    {"geboren", false, false},     {"geboortedatum", false, false},
    {"geboortedag", false, false}, {"geboorte", false, true},
    {"geb.", true, false},         {"geb", true, true},
    {"d.o.b.", true, false},       {"d.o.b", true, false},
    {"dob", true, true},           {"birthdate", false, false},
    {"birthday", false, false},    {"birth", false, true},
    {"born", true, true},
};
#define N_KEYWORDS (sizeof birth_keywords / sizeof birth_keywords[0])

static size_t keyword_at(const unsigned char *s, size_t q)
{
    for (size_t k = 0; k < N_KEYWORDS; k++) {
        const struct keyword *kw = &birth_keywords[k];
        size_t n = pt_priv_starts_ci(s + q, kw->word);
        if (!n || (kw->left_bound && pt_priv_letter_before(s, q)) ||
            (kw->right_bound && pt_priv_letter_at(s + q + n)))
            continue;
        /* "geb" + ".datum", "dob" + ":" ... take the word to its end */
        while (pt_priv_alpha(s[q + n]) || (s[q + n] == '.' && pt_priv_alpha(s[q + n + 1])))
            n++;
        return n;
    }
    return 0;
}

static bool word_is(const unsigned char *w, size_t n, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (strlen(list[k]) == n && pt_priv_starts_ci(w, list[k]))
            return true;
    return false;
}

/* Prepositions that tie a date to something else than a birth. */
static const char *const other_time[] = {"sinds", "sedert", "vanaf", "per", "tot", "tussen",
                                         "na", "voor", "rond", "uiterlijk", "tm", "t/m",
                                         "vanuit", "verwacht", NULL};
static const char *const conjunctions[] = {"en", "maar", "want", "dus", "toen", "terwijl",
                                           "omdat", "nadat", "sindsdien", "daarna", NULL};
static const char *const negations[] = {"niet", "onbekend", "nog", "ontbreekt", "volgt",
                                        NULL};
static const char *const after_comma[] = {"op", "namelijk", "en", "wel", "de", "d.d", "dd",
                                          "te", NULL};

/* True when the '.' at s[k] ends a sentence: followed by space(s) and a
 * capital, a line break or the end. */
static bool sentence_end(const unsigned char *s, size_t k)
{
    size_t q = k + 1;
    while (s[q] == ' ')
        q++;
    return s[q] == '\0' || s[q] == '\n' || (q > k + 1 && pt_priv_upper(s[q]));
}

/* Walks forward from the end of a keyword at s[e] (see the header comment);
 * the offset of the date of birth, or SIZE_MAX. */
static size_t birth_after(const unsigned char *s, size_t e)
{
    size_t k = e, words = 0, prev = SIZE_MAX, prev_len = 0;
    bool comma = false, first = true;
    while (words <= 10) {
        unsigned char c = s[k];
        if (c == ' ' || c == ':' || c == '(' || c == ')' || c == '"' || c == '\'' ||
            c == '-' || (c == '.' && !sentence_end(s, k))) {
            k++;
            continue;
        }
        if (c == ',') {
            comma = true;
            k++;
            continue;
        }
        if (c == '\n') {
            if (!first) /* only a keyword that ends its line reaches the next */
                return SIZE_MAX;
            k++;
            continue;
        }
        if (!c || c == ';' || c == '!' || c == '?' || c == '.')
            return SIZE_MAX;
        if (pt_priv_date_any(s, k))
            return prev != SIZE_MAX && word_is(s + prev, prev_len, other_time) ? SIZE_MAX : k;
        size_t w = k;
        while (pt_priv_letter_at(s + k) || (s[k] & 0xC0) == 0x80 || pt_priv_digit(s[k]) ||
               s[k] == '/' || (s[k] == '.' && pt_priv_alpha(s[k + 1])))
            k++;
        if (k == w)
            k++;
        size_t wl = k - w;
        if ((first && word_is(s + w, wl, negations)) || word_is(s + w, wl, conjunctions) ||
            (comma && !word_is(s + w, wl, after_comma)))
            return SIZE_MAX;
        first = false;
        prev = w;
        prev_len = wl;
        words++;
    }
    return SIZE_MAX;
}

/* A date that ends at most five words before the keyword at s[q], in the
 * same clause (no comma, semicolon or sentence end between). */
static size_t birth_before(const unsigned char *s, size_t q)
{
    size_t from = q > 120 ? q - 120 : 0;
    for (size_t k = q; k > from; k--) {
        unsigned char c = s[k - 1];
        if (c == ',' || c == ';' || c == '!' || c == '?' || c == '\n' ||
            (c == '.' && sentence_end(s, k - 1) && k - 1 + 1 < q))
            return SIZE_MAX;
        size_t start = k - 1;
        if (start > 0 && (pt_priv_alnum(s[start - 1]) || s[start - 1] >= 0x80))
            continue;
        size_t dl = pt_priv_date_any(s, start);
        if (dl && start + dl <= q) {
            size_t words = 0;
            for (size_t j = start + dl; j < q; j++)
                words += s[j] == ' ' && pt_priv_alpha(s[j + 1]);
            if (words <= 5)
                return start;
        }
    }
    return SIZE_MAX;
}

/* Words for a child that a date in parentheses may follow. */
static const char *const child_words[] = {
    "leerling", "leerlinge", "zoon", "dochter", "broer", "broertje", "zus", "zusje",
    "tweeling", "tweelingbroer", "tweelingzus", "kind", "kindje", "baby", "jongen", "meisje",
    "pupil", "pleegkind", "pleegzoon", "pleegdochter", "stiefzoon", "stiefdochter",
    "halfbroer", "halfzus", "neefje", "nichtje", "kleinzoon", "kleindochter", NULL};

/* "Ahmed (12-03-2006)", "zusje (14-02-2013)": the '(' at s[i]. */
static bool birth_in_parentheses(const unsigned char *s, size_t i)
{
    size_t k = i + 1;
    while (s[k] == ' ')
        k++;
    size_t dl = pt_priv_digit(s[k]) ? pt_priv_date_len(s, k) : 0;
    if (!dl)
        return false;
    k += dl;
    while (s[k] == ' ')
        k++;
    if (s[k] != ')')
        return false;
    size_t e = i;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    size_t w = e;
    while (w > 0 && (pt_priv_alpha(s[w - 1]) || s[w - 1] >= 0x80 || s[w - 1] == '\''))
        w--;
    if (w == e)
        return false;
    if (word_is(s + w, e - w, child_words))
        return true;
    unsigned f = pt_priv_upper(s[w]) ? pt_priv_lookup(s + w, e - w) : 0;
    return (f & (PT_W_GIVEN | PT_W_SURNAME)) && !(f & (PT_W_NOTNAME | PT_W_COMMON));
}

void pt_priv_birthdates(const unsigned char *s, size_t n, struct pt_priv_hit *h)
{
    for (size_t q = 0; q < n && (h->kind == PT_PII_NONE || q < h->pos); q++) {
        if (s[q] == '(' && birth_in_parentheses(s, q)) {
            pt_priv_hit(h, PT_PII_BIRTHDATE, q + 1);
            return;
        }
        unsigned char c = (unsigned char)(s[q] | 0x20); /* every keyword starts g, d or b */
        if (c != 'g' && c != 'd' && c != 'b')
            continue;
        size_t kl = keyword_at(s, q);
        if (!kl)
            continue;
        size_t before = birth_before(s, q);
        size_t at = before != SIZE_MAX ? before : birth_after(s, q + kl);
        if (at != SIZE_MAX) {
            pt_priv_hit(h, PT_PII_BIRTHDATE, at);
            return;
        }
        q += kl - 1;
    }
}
