/*
 * privacy_names.c — names and addresses in normalised text (privacy_scan.h),
 * after the rules of DEDUCE (the rule-based de-identifier for Dutch clinical
 * text): lookup lists for given names, surnames, tussenvoegsels, titles and
 * relation words, and what is never a name, combined with the shape of the
 * words around them. The lists are the files in data/privacy/, compiled in.
 *
 * The text is cut into tokens (words, initials "K.", numbers, punctuation).
 * A name is, at the first token where one of these holds:
 *   R1  a title or relation word ("mevrouw", "dhr.", "fam.", "moeder",
 *       "broer", "leerling") followed by a capitalised word, initials or a
 *       surname with tussenvoegsel: "mevrouw Mulder", "fam. De Boer";
 *   R2  initials followed by a surname: "K. de Wit", "J.P. van den Berg";
 *       one initial only with a listed surname or a tussenvoegsel (so
 *       "Bijlage A. Verslag" is none); "N.B.", "P.S." are no initials;
 *   R3  a listed given name followed by a surname: "Ahmed Yilmaz";
 *   R4  a listed given name on its own, capitalised; one that is also an
 *       ordinary word ("Roos", "Mark", "Storm") not at a sentence start;
 *   R5  a listed surname on its own, capitalised, that is no ordinary word;
 *   R6  a tussenvoegsel inside a sentence followed by a capitalised word:
 *       "Van Dam", "El Idrissi"; "de", "het" only before a listed surname
 *       ("De Vlinder" is a school).
 * Capitals ("AHMED YILMAZ") count as capitalised for listed words only, so
 * a heading in capitals ("VERSLAG OBSERVATIE") is no name. Words and
 * phrases of niet-namen.txt (places, schools, months, methods, laws,
 * organisations) are never a name, nor a name followed by an institution
 * word ("Jac. P. Thijsse College") or after "Sint".
 *
 * An address is a house number after a street: a capitalised word ending in
 * a street word ("Kerkstraat 12", "Van Goghlaan\n5", "KERKSTRAAT 12"), a
 * street word on its own after a capitalised word ("Het Plein 2"), or a
 * street word followed by "van ..." ("Laan van Meerdervoort 231").
 */
#include "privacy_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum tok_kind { T_WORD, T_INITIAL, T_NUM, T_PUNCT };

struct tok {
    uint32_t start, len;
    uint8_t kind;
    uint8_t cap;        /* first letter a capital, the rest not all capitals */
    uint8_t allcaps;    /* two or more letters, all capitals */
    uint8_t sent_start; /* first word of a sentence or line */
    uint8_t digits;     /* a word with digits in it ("C03") */
    uint8_t looked;
    uint16_t flags;     /* PT_W_* once looked up */
};

struct toks {
    const unsigned char *s;
    struct tok *t;
    size_t n;
};

unsigned pt_priv_lookup(const unsigned char *w, size_t n)
{
    char key[41];
    if (n == 0 || n > 40)
        return 0;
    unsigned h = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = pt_priv_upper(w[k]) ? (unsigned char)(w[k] - 'A' + 'a') : w[k];
        if (c < 32 || c > 126)
            return 0; /* the lists are printable ASCII */
        key[k] = (char)c;
        h = (h * 31 + c) % PT_PRIV_HASH_SIZE;
    }
    key[n] = '\0';
    for (unsigned probe = 0; probe < PT_PRIV_HASH_SIZE; probe++) {
        unsigned short slot = pt_priv_hash[(h + probe) % PT_PRIV_HASH_SIZE];
        if (!slot)
            return 0;
        if (strcmp(pt_priv_words[slot - 1].word, key) == 0)
            return pt_priv_words[slot - 1].flags;
    }
    return 0;
}

/* Flags of token k, looked up once; a possessive ("Ahmeds", "Daan's")
 * takes the name flags of the word without its s. */
static unsigned flags(struct toks *x, size_t k)
{
    if (k >= x->n)
        return 0;
    struct tok *t = &x->t[k];
    if (t->kind != T_WORD || t->digits)
        return 0;
    if (!t->looked) {
        const unsigned char *w = x->s + t->start;
        unsigned f = pt_priv_lookup(w, t->len);
        if (!(f & (PT_W_GIVEN | PT_W_SURNAME)) && t->len > 3) {
            size_t cut = w[t->len - 2] == '\'' ? 2 : (w[t->len - 1] == 's' || w[t->len - 1] == 'S');
            if (cut)
                f |= pt_priv_lookup(w, t->len - cut) & (PT_W_GIVEN | PT_W_SURNAME);
        }
        t->flags = (uint16_t)f;
        t->looked = 1;
    }
    return t->flags;
}

static bool is_word(const struct toks *x, size_t k)
{
    return k < x->n && x->t[k].kind == T_WORD;
}

static bool punct_is(const struct toks *x, size_t k, unsigned char c)
{
    return k < x->n && x->t[k].kind == T_PUNCT && x->s[x->t[k].start] == c;
}

static bool word_eq(const struct toks *x, size_t k, const char *w)
{
    return is_word(x, k) && x->t[k].len == strlen(w) && pt_priv_starts_ci(x->s + x->t[k].start, w);
}

static bool word_in(const struct toks *x, size_t k, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (word_eq(x, k, list[i]))
            return true;
    return false;
}

/* ---- tokens ---- */

static bool word_byte(const unsigned char *s, size_t k)
{
    return pt_priv_letter_at(s + k) || (s[k] & 0xC0) == 0x80 ||
           (s[k] == '\'' && k > 0 && pt_priv_alpha(s[k - 1]) && pt_priv_alpha(s[k + 1]));
}

static const char *const initial_digraphs[] = {"th", "chr", "ph", "sj", "ij", NULL};

/* Reads the word at s[i] into t; returns its end. */
static size_t read_word(const unsigned char *s, size_t i, struct tok *t)
{
    size_t k = i, letters = 0, uppers = 0;
    bool digits = false;
    while (word_byte(s, k) || pt_priv_digit(s[k])) {
        digits |= pt_priv_digit(s[k]);
        letters += pt_priv_alpha(s[k]);
        uppers += pt_priv_upper(s[k]);
        k++;
    }
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)i;
    t->len = (uint32_t)(k - i);
    t->kind = T_WORD;
    t->digits = digits;
    t->allcaps = letters >= 2 && uppers == letters;
    t->cap = pt_priv_upper(s[i]) && !t->allcaps;
    if (s[k] == '.' && !digits && pt_priv_upper(s[i])) {
        bool initial = t->len == 1;
        for (size_t d = 0; !initial && initial_digraphs[d]; d++)
            initial = strlen(initial_digraphs[d]) == t->len &&
                      pt_priv_starts_ci(s + i, initial_digraphs[d]);
        if (initial)
            t->kind = T_INITIAL;
    }
    return k;
}

/* Cuts s[0..n) into tokens, into x->t (room for n + 1). */
static void tokenise(const unsigned char *s, size_t n, struct toks *x)
{
    x->s = s;
    x->n = 0;
    bool start = true, after_initial = false;
    for (size_t i = 0; i < n;) {
        struct tok *t = &x->t[x->n];
        if (s[i] == ' ') {
            i++;
            continue;
        }
        if (pt_priv_letter_at(s + i)) {
            i = read_word(s, i, t);
            t->sent_start = start;
            start = false;
            x->n++;
            after_initial = s[i] == '.' && (t->kind == T_INITIAL ||
                                            (t->len <= 4 && (flags(x, x->n - 1) & PT_W_TITLE)));
            continue;
        }
        memset(t, 0, sizeof *t);
        t->start = (uint32_t)i;
        t->len = 1;
        t->kind = pt_priv_digit(s[i]) ? T_NUM : T_PUNCT;
        if (t->kind == T_NUM) {
            while (pt_priv_digit(s[i + t->len]))
                t->len++;
            start = false;
        } else if (s[i] == '!' || s[i] == '?' || s[i] == ':' || s[i] == ';' || s[i] == '\n' ||
                   (s[i] == '.' && !after_initial)) {
            start = true;
        }
        after_initial = false;
        i += t->len;
        x->n++;
    }
}

/* The next token after k, stepping over line breaks. */
static size_t next_tok(const struct toks *x, size_t k)
{
    k++;
    while (punct_is(x, k, '\n'))
        k++;
    return k;
}

/* Phrases of niet-namen.txt ("den haag", "veilig thuis", "bergen op zoom"):
 * two or three words joined by one space or '-' mark all their words as no
 * name. */
static void mark_phrases(struct toks *x)
{
    for (size_t k = 0; k + 1 < x->n; k++) {
        if (!is_word(x, k) || !(flags(x, k) & PT_W_PHRASE))
            continue;
        for (size_t len = 3; len >= 2; len--) {
            size_t last = k, words = 1;
            while (words < len && is_word(x, last + 1)) {
                size_t gap = x->t[last + 1].start - (x->t[last].start + x->t[last].len);
                if (gap != 1)
                    break;
                last++;
                words++;
            }
            if (words < len)
                continue;
            size_t span = x->t[last].start + x->t[last].len - x->t[k].start;
            if (pt_priv_lookup(x->s + x->t[k].start, span) & PT_W_NOTNAME) {
                for (size_t j = k; j <= last; j++) {
                    flags(x, j);
                    x->t[j].flags |= PT_W_NOTNAME;
                }
                break;
            }
        }
    }
}

/* ---- names ---- */

static const char *const abbrev_titles[] = {"mw", "mevr", "mvr", "dhr", "hr", "fam", "dr", "drs",
                                            "mr", "ir", "ing", "prof", "ds", "mej", "mnr", NULL};
static const char *const not_initials[] = {"nb", "ps", "oa", "tav", "ivm", "mbt", "zsm", "ed",
                                           "dd", "vo", "po", "so", "bv", "cq", "ca", "evt", "zgn",
                                           "dwz", "ok", "ib", "ad", "av", "pc", "nr", NULL};
static const char *const institutions[] = {"college", "lyceum", "school", "basisschool",
                                           "scholengemeenschap", "stichting", "centrum",
                                           "gymnasium", "academie", "instituut", "ziekenhuis",
                                           "museum", "huis", "fonds", "kliniek", "prijs", "stadion", NULL};
static const char *const saints[] = {"sint", "st", NULL};
static const char *const weak_particles[] = {"de", "het", "den", "te", "ter", "ten", NULL};

/* True when word k can be (part of) a name; support is a title, initials,
 * a given name or a tussenvoegsel before it. */
static bool nameish(struct toks *x, size_t k, bool support)
{
    if (!is_word(x, k))
        return false;
    const struct tok *t = &x->t[k];
    unsigned f = flags(x, k);
    if (t->digits || (f & (PT_W_NOTNAME | PT_W_TITLE)) || !(t->cap || t->allcaps))
        return false;
    bool listed = (f & (PT_W_GIVEN | PT_W_SURNAME)) != 0;
    if ((f & PT_W_TUSSEN) && !listed)
        return false;
    if (t->allcaps)
        return listed;
    if (f & PT_W_COMMON)
        return support && listed;
    return support || listed;
}

/* A surname at k: tussenvoegsels (up to three) and a name word. Returns the
 * token after it, or 0. */
static size_t surname_at(struct toks *x, size_t k, bool support)
{
    size_t j = k;
    int particles = 0;
    while (particles < 3 && is_word(x, j) && (flags(x, j) & PT_W_TUSSEN) &&
           is_word(x, next_tok(x, j))) {
        j = next_tok(x, j);
        particles++;
    }
    if (!nameish(x, j, support || particles > 0))
        return 0;
    j++;
    while (punct_is(x, j, '-') && is_word(x, j + 1)) /* Jansen-de Vries */
        j += 2;
    return j;
}

/* Initials at k ("K.", "J.P.", "Th."), then a surname: the token after
 * it, or 0. */
static size_t initials_at(struct toks *x, size_t k, bool support)
{
    char letters[8];
    size_t n = 0, j = k;
    while (j < x->n && x->t[j].kind == T_INITIAL && punct_is(x, j + 1, '.')) {
        if (n + 3 < sizeof letters)
            for (size_t c = 0; c < x->t[j].len; c++)
                letters[n++] = (char)(x->s[x->t[j].start + c] | 0x20);
        j += 2;
    }
    if (j == k)
        return 0;
    letters[n] = '\0';
    for (size_t a = 0; not_initials[a]; a++)
        if (strcmp(letters, not_initials[a]) == 0)
            return 0;
    return surname_at(x, j < x->n && punct_is(x, j, '\n') ? next_tok(x, j - 1) : j,
                      support || (j - k) / 2 >= 2);
}

/* R1: a title or relation word at k followed by a name. */
static size_t after_title(struct toks *x, size_t k)
{
    size_t j = k + 1;
    bool label = false; /* "Vader: Werkloos" is a label, not "vader Werkloos" */
    if (punct_is(x, j, '.') && word_in(x, k, abbrev_titles))
        j++;
    if (punct_is(x, j, ':')) {
        label = true;
        j++;
    }
    while (punct_is(x, j, '\n'))
        j++;
    if (punct_is(x, j, ',')) { /* "het zusje, Layla, zit" */
        j++;
        unsigned f = flags(x, j);
        bool strong = is_word(x, j) && x->t[j].cap && (f & (PT_W_GIVEN | PT_W_SURNAME)) &&
                      !(f & (PT_W_COMMON | PT_W_NOTNAME));
        return strong ? j + 1 : 0;
    }
    if (j < x->n && x->t[j].kind == T_INITIAL)
        return initials_at(x, j, true);
    return surname_at(x, j, !label);
}

/* R6: a tussenvoegsel at k inside a sentence, then a surname. */
static size_t particle_name(struct toks *x, size_t k)
{
    const struct tok *t = &x->t[k];
    if (t->sent_start || t->allcaps)
        return 0;
    size_t j = k;
    while (is_word(x, j) && (flags(x, j) & PT_W_TUSSEN) && j - k < 3)
        j = next_tok(x, j);
    if (!is_word(x, j) || !x->t[j].cap)
        return 0;
    unsigned f = flags(x, j);
    if (!t->cap || word_in(x, k, weak_particles)) /* "met de Vries"; not "de Baas" */
        return (f & PT_W_SURNAME) && !(f & PT_W_COMMON) && nameish(x, j, true) ? j + 1 : 0;
    return nameish(x, j, true) ? j + 1 : 0;
}

/* R4 and R5: a listed name on its own at k. */
static bool lone_name(struct toks *x, size_t k)
{
    const struct tok *t = &x->t[k];
    unsigned f = flags(x, k);
    if (t->len < 3 || (f & (PT_W_NOTNAME | PT_W_TITLE)) || t->digits)
        return false;
    if (t->allcaps)
        return t->len >= 4 && (f & (PT_W_GIVEN | PT_W_SURNAME)) && !(f & PT_W_COMMON);
    if (!t->cap)
        return false;
    if (f & PT_W_GIVEN)
        return !(f & PT_W_COMMON) || !t->sent_start;
    return (f & PT_W_SURNAME) && !(f & (PT_W_COMMON | PT_W_TUSSEN));
}

static bool plain_cap(struct toks *x, size_t k)
{
    if (!is_word(x, k))
        return false;
    const struct tok *t = &x->t[k];
    unsigned f = flags(x, k);
    return t->cap && t->len >= 3 && !t->digits && !word_in(x, k, institutions) &&
           !(f & (PT_W_NOTNAME | PT_W_COMMON | PT_W_TITLE | PT_W_TUSSEN));
}

/* R7: two capitalised words inside a sentence that are on no list, the
 * second maybe after lower-case tussenvoegsels, and no longer run of
 * capitalised words (a title, an organisation): "met Ilona Bakir". */
static size_t unknown_pair(struct toks *x, size_t k)
{
    if (x->t[k].sent_start || !plain_cap(x, k) || (k > 0 && is_word(x, k - 1) && x->t[k - 1].cap))
        return 0;
    size_t j = k + 1;
    while (j - k <= 3 && is_word(x, j) && (flags(x, j) & PT_W_TUSSEN) && !x->t[j].cap &&
           !x->t[j].allcaps)
        j++;
    if (!plain_cap(x, j) || (is_word(x, j + 1) && (x->t[j + 1].cap || x->t[j + 1].allcaps)))
        return 0;
    for (size_t m = k; m < j; m++)
        if (x->t[m + 1].start - (x->t[m].start + x->t[m].len) != 1)
            return 0;
    return j + 1;
}

/* The token after a name that starts at k, or 0 when none starts there. */
static size_t name_at(struct toks *x, size_t k)
{
    if (x->t[k].kind == T_INITIAL)
        return initials_at(x, k, false);
    if (!is_word(x, k))
        return 0;
    unsigned f = flags(x, k);
    size_t end = 0;
    if (f & PT_W_TITLE)
        end = after_title(x, k);
    if (!end && (f & PT_W_GIVEN) && (x->t[k].cap || x->t[k].allcaps) && !(f & PT_W_NOTNAME))
        end = surname_at(x, next_tok(x, k), true);
    if (!end && (f & PT_W_TUSSEN) && !(k > 0 && (flags(x, k - 1) & PT_W_TUSSEN)))
        end = particle_name(x, k);
    if (!end && lone_name(x, k))
        end = k + 1;
    if (!end)
        end = unknown_pair(x, k);
    return end;
}

/* ---- addresses ---- */

/* True when word k (lower-cased) ends in a street word of straatwoorden.txt
 * after at least two more letters ("Kerkstraat"), or is one (*alone). */
static bool street_word(struct toks *x, size_t k, bool *alone)
{
    const struct tok *t = &x->t[k];
    unsigned f = flags(x, k);
    *alone = (f & PT_W_STREET) != 0;
    if (*alone)
        return true;
    if (f & PT_W_NOTNAME)
        return false;
    const unsigned char *w = x->s + t->start;
    for (size_t i = 0; pt_priv_streets[i]; i++) {
        size_t sl = strlen(pt_priv_streets[i]);
        if (t->len >= sl + 2 && pt_priv_starts_ci(w + t->len - sl, pt_priv_streets[i]))
            return true;
    }
    return false;
}

static const char *const units[] = {"keer", "jaar", "jaren", "uur", "minuten", "weken", "dagen",
                                    "maanden", "procent", "euro", "km", "kilometer", "meter",
                                    "leerlingen", "kinderen", "scholen", "punten", NULL};

/* True when number token j has the shape of a house number: 1–4 digits not
 * starting with 0, no decimal, time, percentage, date or unit after it. */
static bool house_number(struct toks *x, size_t j)
{
    const struct tok *t = &x->t[j];
    const unsigned char *s = x->s;
    size_t e = t->start + t->len;
    if (t->len > 4 || s[t->start] == '0' || pt_priv_date_len(s, t->start))
        return false;
    if ((s[e] == ',' || s[e] == '.' || s[e] == ':') && pt_priv_digit(s[e + 1]))
        return false;
    if (s[e] == '%' || word_in(x, j + 1, units))
        return false;
    return true;
}

/* An address whose house number is token j: the token where it starts, or
 * SIZE_MAX. */
static size_t address_before(struct toks *x, size_t j)
{
    size_t k = j;
    while (k > 0 && punct_is(x, k - 1, '\n'))
        k--;
    if (k == 0 || !is_word(x, k - 1) || !house_number(x, j))
        return SIZE_MAX;
    k--;
    const struct tok *t = &x->t[k];
    bool alone;
    if ((t->cap || t->allcaps) && street_word(x, k, &alone)) {
        if (alone && k > 0 && is_word(x, k - 1) && (x->t[k - 1].cap || x->t[k - 1].allcaps))
            return k - 1; /* "Het Plein 2" */
        return k; /* "Kerkstraat 12", "naar Singel 240" */
    }
    /* "Laan van Meerdervoort 231": a street word, particles, capitalised words */
    for (size_t back = 1; back <= 4 && back <= k; back++) {
        size_t m = k - back;
        if (!is_word(x, m))
            return SIZE_MAX;
        if ((x->t[m].cap || x->t[m].allcaps) && (flags(x, m) & PT_W_STREET) &&
            (flags(x, m + 1) & PT_W_TUSSEN))
            return m;
        if (!(flags(x, m) & PT_W_TUSSEN) && !x->t[m].cap)
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* ---- the pass ---- */

void pt_priv_names(const unsigned char *s, size_t n, struct pt_priv_hit *h)
{
    struct tok stack[512];
    struct toks x;
    x.t = n < 512 ? stack : pt_xmalloc((n + 1) * sizeof *x.t);
    tokenise(s, n, &x);
    mark_phrases(&x);
    for (size_t k = 0; k < x.n && (h->kind == PT_PII_NONE || x.t[k].start < h->pos); k++) {
        if (x.t[k].kind == T_NUM) {
            size_t a = address_before(&x, k);
            if (a != SIZE_MAX) {
                pt_priv_hit(h, PT_PII_ADDRESS, x.t[a].start);
                break;
            }
            continue;
        }
        size_t end = name_at(&x, k);
        if (!end || (k > 0 && word_in(&x, k - 1, saints)) ||
            (k > 1 && punct_is(&x, k - 1, '.') && word_in(&x, k - 2, saints)))
            continue;
        if (word_in(&x, end, institutions) && x.t[end].cap) { /* "Anne Frank Huis" */
            k = end;
            continue;
        }
        pt_priv_hit(h, PT_PII_NAME, x.t[k].start);
        break;
    }
    if (x.t != stack)
        free(x.t);
}
