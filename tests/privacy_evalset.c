/* privacy_evalset.c — reads and scores the evaluation set (see the header).
 * The files are TSV: comment lines start with '#'; a positive is
 * "kind<TAB>form<TAB>text", a negative "form<TAB>text"; the text knows the
 * escapes \n \t \\ and \uXXXX (written as UTF-8). */
#include "privacy_evalset.h"

#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "util.h"

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Unescapes s in place (the result is never longer). */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (r[0] != '\\' || !r[1]) {
            *w++ = *r++;
            continue;
        }
        char c = r[1];
        if (c == 'n' || c == 't' || c == '\\') {
            *w++ = c == 'n' ? '\n' : c == 't' ? '\t' : '\\';
            r += 2;
        } else if (c == 'u' && strlen(r) >= 6) {
            char hex[5] = {r[2], r[3], r[4], r[5], 0};
            w += put_utf8(w, strtoul(hex, NULL, 16));
            r += 6;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static int read_set(const char *path, int positive, struct pt_eval_item **items, size_t *n,
                    char *why, size_t whysize)
{
    char *data = NULL;
    size_t len = 0, cap = 0;
    if (pt_read_file(path, 1 << 22, &data, &len, why, whysize) != 0)
        return -1;
    size_t line = 0;
    for (char *p = data, *next; p && *p; p = next) {
        line++;
        char *nl = strchr(p, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        if (*p == '#' || *p == '\0')
            continue;
        char *f[3] = {NULL, NULL, NULL};
        int nf = positive ? 3 : 2;
        f[0] = p;
        for (int k = 1; k < nf; k++) {
            char *tab = f[k - 1] ? strchr(f[k - 1], '\t') : NULL;
            if (!tab) {
                snprintf(why, whysize, "%s:%zu: te weinig kolommen", path, line);
                free(data);
                return -1;
            }
            *tab = '\0';
            f[k] = tab + 1;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            *items = pt_xrealloc(*items, cap * sizeof **items);
        }
        struct pt_eval_item *it = &(*items)[(*n)++];
        it->kind = pt_xstrdup(positive ? f[0] : "");
        it->form = pt_xstrdup(f[positive ? 1 : 0]);
        it->text = pt_xstrdup(f[positive ? 2 : 1]);
        unescape(it->text);
        it->line = line;
        it->got = (int)pt_privacy_scan(it->text);
    }
    free(data);
    return 0;
}

int pt_eval_run(const char *dir, struct pt_eval *e, char *why, size_t whysize)
{
    char path[1024];
    memset(e, 0, sizeof *e);
    snprintf(path, sizeof path, "%s/positives.tsv", dir);
    if (read_set(path, 1, &e->pos, &e->npos, why, whysize) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/negatives.tsv", dir);
    if (read_set(path, 0, &e->neg, &e->nneg, why, whysize) != 0)
        return -1;
    for (size_t i = 0; i < e->npos; i++) {
        int names = strcmp(e->pos[i].kind, "naam") == 0;
        e->names += (size_t)names;
        if (e->pos[i].got != PT_PII_NONE) {
            e->pos_hit++;
            e->names_hit += (size_t)names;
        }
    }
    for (size_t i = 0; i < e->nneg; i++)
        e->neg_hit += e->neg[i].got != PT_PII_NONE;
    return 0;
}

/* True when got is the kind the item is labelled with (an address found
 * by its postcode and number counts for both). */
static int right_kind(const struct pt_eval_item *it)
{
    static const struct {
        const char *label;
        enum pt_pii kind, also;
    } map[] = {
        {"naam", PT_PII_NAME, PT_PII_NAME},
        {"adres", PT_PII_ADDRESS, PT_PII_POSTCODE_HUISNUMMER},
        {"postcode", PT_PII_POSTCODE_HUISNUMMER, PT_PII_ADDRESS},
        {"bsn", PT_PII_BSN, PT_PII_BSN},
        {"onderwijsnummer", PT_PII_ONDERWIJSNUMMER, PT_PII_ONDERWIJSNUMMER},
        {"telefoon", PT_PII_PHONE, PT_PII_PHONE},
        {"email", PT_PII_EMAIL, PT_PII_EMAIL},
        {"iban", PT_PII_IBAN, PT_PII_IBAN},
        {"geboortedatum", PT_PII_BIRTHDATE, PT_PII_BIRTHDATE},
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strcmp(it->kind, map[k].label) == 0)
            return it->got == (int)map[k].kind || it->got == (int)map[k].also;
    return 0;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

double pt_eval_recall(const struct pt_eval *e)
{
    return pct(e->pos_hit, e->npos);
}

double pt_eval_recall_names(const struct pt_eval *e)
{
    return pct(e->names_hit, e->names);
}

double pt_eval_false_pos(const struct pt_eval *e)
{
    return pct(e->neg_hit, e->nneg);
}

/* One line per distinct key (kind, or kind + form), in file order. */
static void print_groups(const struct pt_eval *e, FILE *out, int by_form)
{
    for (size_t i = 0; i < e->npos; i++) {
        const struct pt_eval_item *a = &e->pos[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(e->pos[j].kind, a->kind) == 0 &&
                   (!by_form || strcmp(e->pos[j].form, a->form) == 0);
        if (seen)
            continue;
        size_t n = 0, hit = 0, right = 0;
        for (size_t j = i; j < e->npos; j++)
            if (strcmp(e->pos[j].kind, a->kind) == 0 &&
                (!by_form || strcmp(e->pos[j].form, a->form) == 0)) {
                n++;
                hit += e->pos[j].got != PT_PII_NONE;
                right += (size_t)right_kind(&e->pos[j]);
            }
        if (by_form)
            fprintf(out, "  %-16s %-26s %3zu/%-3zu %6.1f %%  (als deze soort %3zu)\n", a->kind,
                    a->form, hit, n, pct(hit, n), right);
        else
            fprintf(out, "  %-16s %3zu/%-3zu %6.1f %%  (als deze soort %3zu)\n", a->kind, hit,
                    n, pct(hit, n), right);
    }
}

void pt_eval_print(const struct pt_eval *e, FILE *out, int verbose)
{
    fprintf(out, "Recall per soort (geweigerd / aantal):\n");
    print_groups(e, out, 0);
    fprintf(out, "\nRecall per soort en schrijfwijze:\n");
    print_groups(e, out, 1);
    fprintf(out, "\nGemist (positives.tsv):\n");
    for (size_t i = 0; i < e->npos; i++)
        if (e->pos[i].got == PT_PII_NONE)
            fprintf(out, "  regel %zu: %s / %s%s%s\n", e->pos[i].line, e->pos[i].kind,
                    e->pos[i].form, verbose ? ": " : "", verbose ? e->pos[i].text : "");
    fprintf(out, "\nGeweigerd, maar als een andere soort:\n");
    for (size_t i = 0; i < e->npos; i++)
        if (e->pos[i].got != PT_PII_NONE && !right_kind(&e->pos[i]))
            fprintf(out, "  regel %zu: %s / %s, gelezen als %s%s%s\n", e->pos[i].line,
                    e->pos[i].kind, e->pos[i].form, pt_pii_name((enum pt_pii)e->pos[i].got),
                    verbose ? ": " : "", verbose ? e->pos[i].text : "");
    fprintf(out, "\nVals alarm (negatives.tsv):\n");
    for (size_t i = 0; i < e->nneg; i++)
        if (e->neg[i].got != PT_PII_NONE)
            fprintf(out, "  regel %zu: %s, gelezen als %s%s%s\n", e->neg[i].line,
                    e->neg[i].form, pt_pii_name((enum pt_pii)e->neg[i].got),
                    verbose ? ": " : "", verbose ? e->neg[i].text : "");
    fprintf(out, "\nTotaal: recall %.1f %% (%zu/%zu), namen %.1f %% (%zu/%zu), "
            "vals alarm %.1f %% (%zu/%zu)\n",
            pt_eval_recall(e), e->pos_hit, e->npos, pt_eval_recall_names(e), e->names_hit,
            e->names, pt_eval_false_pos(e), e->neg_hit, e->nneg);
}

static void free_items(struct pt_eval_item *it, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(it[i].kind);
        free(it[i].form);
        free(it[i].text);
    }
    free(it);
}

void pt_eval_free(struct pt_eval *e)
{
    free_items(e->pos, e->npos);
    free_items(e->neg, e->nneg);
    memset(e, 0, sizeof *e);
}
