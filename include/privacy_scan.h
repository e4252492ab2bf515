/*
 * privacy_scan.h — inside the privacy guard (not for callers: they use
 * privacy.h). The text is first normalised (privacy_norm.c), then each
 * matcher reports the earliest place where it finds its kind of personal
 * data: numbers, dates of birth and e-mail in privacy_numbers.c and
 * privacy_text.c, names and addresses in privacy_names.c. The word lists
 * come from the files in data/privacy/, compiled into pt_priv_words at build time
 * by scripts/gen_privacy_words.sh.
 */
#ifndef PT_PRIVACY_SCAN_H
#define PT_PRIVACY_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "privacy.h"

/* Lists a word is on (bit set), data/privacy/<file>.txt. */
enum {
    PT_W_GIVEN = 1,     /* voornamen.txt */
    PT_W_SURNAME = 2,   /* achternamen.txt */
    PT_W_TUSSEN = 4,    /* tussenvoegsels.txt */
    PT_W_TITLE = 8,     /* titels-relaties.txt */
    PT_W_NOTNAME = 16,  /* niet-namen.txt */
    PT_W_COMMON = 32,   /* gewone-woorden.txt */
    PT_W_STREET = 64,   /* straatwoorden.txt */
    PT_W_PHRASE = 128   /* the first word of a phrase of niet-namen.txt */
};

struct pt_priv_word {
    const char *word; /* lower case ASCII, sorted bytewise */
    unsigned flags;
};
extern const struct pt_priv_word pt_priv_words[];
extern const size_t pt_priv_nwords;
/* Hash index into pt_priv_words: h = h * 31 + byte over the lower-cased
 * word, mod PT_PRIV_HASH_SIZE; linear probing; a slot holds index + 1, 0
 * is empty. */
#define PT_PRIV_HASH_SIZE 8192
extern const unsigned short pt_priv_hash[PT_PRIV_HASH_SIZE];
/* The street words (NULL-terminated). */
extern const char *const pt_priv_streets[];

/* Flags of word w[0..n) (any case; looked up lower-cased), 0 when on no
 * list or longer than 40 bytes. */
unsigned pt_priv_lookup(const unsigned char *w, size_t n);

/* The earliest finding so far: matchers lower pos (ties keep the first). */
struct pt_priv_hit {
    enum pt_pii kind;
    size_t pos;
};
void pt_priv_hit(struct pt_priv_hit *h, enum pt_pii kind, size_t pos);

/* Normalises NUL-terminated UTF-8 in into out (room for strlen(in) + 1; the
 * result is never longer) and returns its length: compatibility forms of
 * digits, letters and punctuation folded to ASCII (fullwidth, mathematical,
 * Arabic-Indic, super- and subscript digits; Latin letters with accents to
 * their base letter), every dash to '-', typographic quotes to ' and ",
 * fraction slashes to '/', every kind of space and the tab to ' ', every
 * line break (CR LF, CR, U+2028, U+0085, VT, FF) to '\n', and zero-width
 * characters and the soft hyphen dropped. Other bytes are copied. */
size_t pt_priv_normalise(const char *in, unsigned char *out);

/* ---- character classes on normalised text (inline: they run per byte) ---- */
static inline bool pt_priv_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline bool pt_priv_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool pt_priv_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool pt_priv_alpha(unsigned char c)
{
    return pt_priv_lower((unsigned char)(c | 0x20));
}

static inline bool pt_priv_alnum(unsigned char c)
{
    return pt_priv_alpha(c) || pt_priv_digit(c);
}

/* A letter at p: ASCII, or a multibyte character that is not punctuation:
 * after normalisation the lead bytes 0xC2 (U+0080–U+00BF), 0xE2
 * (U+2000–U+2FFF, such as € and •) and 0xF0+ (emoji) are symbols. */
static inline bool pt_priv_letter_at(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return pt_priv_alpha(c);
    return (c >= 0xC3 && c <= 0xDF) || (c >= 0xE0 && c <= 0xEF && c != 0xE2);
}

bool pt_priv_letter_before(const unsigned char *s, size_t i);
/* Length of w (lower case) when s starts with it, ignoring ASCII case. */
size_t pt_priv_starts_ci(const unsigned char *s, const char *w);

/* Length of a date at s[i] (a digit starting a digit run), or 0: see
 * privacy_numbers.c for the forms. */
size_t pt_priv_date_len(const unsigned char *s, size_t i);
/* Length of a date at s[i] in any form, also with the day written out in
 * words ("twaalf maart 2006", "de derde januari 2007"), or 0. */
size_t pt_priv_date_any(const unsigned char *s, size_t i);

/* The matchers, each over the whole normalised text s of length n. */
void pt_priv_numbers(const unsigned char *s, size_t n, struct pt_priv_hit *h);
void pt_priv_email(const unsigned char *s, size_t n, struct pt_priv_hit *h);
void pt_priv_birthdates(const unsigned char *s, size_t n, struct pt_priv_hit *h);
void pt_priv_names(const unsigned char *s, size_t n, struct pt_priv_hit *h);

#endif
