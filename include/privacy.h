/*
 * privacy.h — the privacy guard: recognise personal data in free text.
 *
 * Cases describe real children and must be pseudonymised (privacy.md). Every
 * free text that can reach a report goes through this guard: every string
 * of a case, every comment of a score sheet, and (in the web app) every
 * comment and correction typed in. The ONE function to call for that is
 * pt_privacy_check() below; pt_privacy_scan() is the scanner behind it.
 *
 * What is recognised (docs/privacy.md has the full list and the limits):
 * BSN (11-proef; also 4-2-3 groups and the 8 digits left when a spreadsheet
 * dropped the leading zero), onderwijsnummer, e-mail (also "naam [at]
 * school.nl", "naam at school punt nl"), Dutch phone numbers, postcode with
 * house number, IBAN (mod 97), dates of birth (tied to their keyword by the
 * sentence, or in parentheses after a child or a name), names (word lists
 * compiled into the program, titles, relation words, initials) and
 * addresses (street word and house number). The text is normalised first:
 * fullwidth and other compatibility digits and letters folded, zero-width
 * characters dropped, every dash, slash, dot, no-break space and line break
 * inside a number read as a separator.
 *
 * The scanner never returns, stores or logs the matched text: callers
 * report only the kind, so an error cannot leak what it protects.
 */
#ifndef PT_PRIVACY_H
#define PT_PRIVACY_H

#include <stdbool.h>

#include "diag.h"

/* Values are stable (new kinds are added at the end). */
enum pt_pii {
    PT_PII_NONE = 0,
    PT_PII_BSN,
    PT_PII_ONDERWIJSNUMMER,
    PT_PII_EMAIL,
    PT_PII_PHONE,
    PT_PII_POSTCODE_HUISNUMMER,
    PT_PII_BIRTHDATE,
    PT_PII_NAME,
    PT_PII_ADDRESS,
    PT_PII_IBAN
};

/* THE check for a free text that may reach a report (case fields, sheet
 * comments, the web app's comments and corrections). When text holds
 * personal data, adds one diagnostic to diags,
 *
 *     file:place: bevat een naam; <what> moet gepseudonimiseerd zijn
 *     (persoonsgegevens zijn niet toegestaan): vervang de naam door een rol, ...
 *
 * (one line; what is e.g. "een casus" or "een opmerking"; place is the JSON
 * path or CSV line, may be NULL) and returns false; the text itself is
 * never quoted. Returns true when the text is clean (or NULL). The caller
 * refuses the input as a whole (exit 3, nothing stored). */
bool pt_privacy_check(struct pt_diags *diags, const char *file, const char *place,
                      const char *what, const char *text);

/* Returns the kind of the first personal data found in text (the one that
 * starts first), or PT_PII_NONE. text is NUL-terminated UTF-8 of any length
 * (invalid UTF-8 is read byte by byte); NULL is clean. Linear in the length;
 * allocates only a scratch copy, never output. Thread-safe. */
enum pt_pii pt_privacy_scan(const char *text);

/* Dutch name of the kind for messages, e.g. "een BSN", "een naam". */
const char *pt_pii_name(enum pt_pii kind);

/* How to fix a text holding this kind, for the person who wrote it, e.g.
 * "vervang de naam door een rol, bijvoorbeeld 'moeder', ...". */
const char *pt_pii_hint(enum pt_pii kind);

/* The 11-proef on 9 digits d[0..8] (values 0–9): weighted sum
 * 9·d1 + … + 2·d8 − 1·d9; exposed for tests. */
long pt_elfproef_sum(const int d[9]);

#endif
