/*
 * privacy.h — the privacy guard: recognise personal data in a string.
 *
 * Cases describe real children and must be pseudonymised (privacy.md). This
 * scanner finds, in one UTF-8 string: a BSN (9 digits passing the 11-proef,
 * also written 1234.56.782 or 123 456 782), an onderwijsnummer (9 digits
 * starting with 10 whose weighted sum leaves remainder 5), an e-mail address,
 * a Dutch phone number, a postcode with house number (capitals only), and a
 * date of birth (a date next to geboren/geb./geboortedatum/DOB). Dates are
 * recognised and masked first, so that a date is never read as a BSN or a
 * phone number. Look-alikes (nine digits failing the 11-proef, a postcode
 * alone, an ordinary date) are not personal data.
 *
 * The scanner never returns or stores the matched text: callers report only
 * the kind, so an error cannot leak what it protects.
 */
#ifndef PT_PRIVACY_H
#define PT_PRIVACY_H

enum pt_pii {
    PT_PII_NONE = 0,
    PT_PII_BSN,
    PT_PII_ONDERWIJSNUMMER,
    PT_PII_EMAIL,
    PT_PII_PHONE,
    PT_PII_POSTCODE_HUISNUMMER,
    PT_PII_BIRTHDATE
};

/* Returns the first kind of personal data found in text, or PT_PII_NONE.
 * text is NUL-terminated UTF-8; any length. Never allocates output. */
enum pt_pii pt_privacy_scan(const char *text);

/* Dutch name of the kind for messages, e.g. "een BSN", "een e-mailadres". */
const char *pt_pii_name(enum pt_pii kind);

/* The 11-proef on 9 digits d[0..8] (values 0–9): weighted sum
 * 9·d1 + … + 2·d8 − 1·d9; exposed for tests. */
long pt_elfproef_sum(const int d[9]);

#endif
