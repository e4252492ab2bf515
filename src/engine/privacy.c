/*
 * privacy.c — the privacy guard (privacy.md; see privacy.h for the
 * contract): normalises the text once and runs every matcher over it, the
 * earliest finding wins. The matchers live in privacy_numbers.c (dates,
 * postcode, BSN, onderwijsnummer, phone, IBAN), privacy_text.c (e-mail,
 * dates of birth) and privacy_names.c (names, addresses).
 *
 * The normalised copy lives on the stack for texts up to 4 KB (nearly every
 * field of a case and every comment) and on the heap above; it is never
 * returned, logged or kept.
 */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

#include "privacy_scan.h"
#include "util.h"

enum pt_pii pt_privacy_scan(const char *text)
{
    if (!text || !*text)
        return PT_PII_NONE;
    unsigned char stack[4096];
    size_t len = strlen(text);
    unsigned char *s = len < sizeof stack ? stack : pt_xmalloc(len + 1);
    size_t n = pt_priv_normalise(text, s);
    struct pt_priv_hit h = {PT_PII_NONE, 0};
    pt_priv_email(s, n, &h); /* first: on a tie the address wins */
    pt_priv_numbers(s, n, &h);
    pt_priv_birthdates(s, n, &h);
    pt_priv_names(s, n, &h);
    if (s != stack)
        free(s);
    return h.kind;
}

bool pt_privacy_check(struct pt_diags *diags, const char *file, const char *place,
                      const char *what, const char *text)
{
    enum pt_pii kind = pt_privacy_scan(text);
    if (kind == PT_PII_NONE)
        return true;
    pt_diag_add(diags, file, place,
                "bevat %s; %s moet gepseudonimiseerd zijn (persoonsgegevens zijn niet "
                "toegestaan): %s", pt_pii_name(kind), what, pt_pii_hint(kind));
    return false;
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
    case PT_PII_NAME:
        return "een naam";
    case PT_PII_ADDRESS:
        return "een adres";
    case PT_PII_IBAN:
        return "een rekeningnummer (IBAN)";
    }
    return "persoonsgegevens";
}

const char *pt_pii_hint(enum pt_pii kind)
{
    switch (kind) {
    case PT_PII_NONE:
        return "";
    case PT_PII_BSN:
    case PT_PII_ONDERWIJSNUMMER:
        return "haal het nummer weg; de casus heeft genoeg aan zijn id (bijvoorbeeld 'C03')";
    case PT_PII_EMAIL:
        return "haal het e-mailadres weg; schrijf alleen wie er mailde, bijvoorbeeld 'moeder "
               "mailde'";
    case PT_PII_PHONE:
        return "haal het telefoonnummer weg; schrijf alleen wie er belde, bijvoorbeeld "
               "'moeder belde'";
    case PT_PII_POSTCODE_HUISNUMMER:
    case PT_PII_ADDRESS:
        return "vervang het adres door een omschrijving, bijvoorbeeld 'woont in de wijk van "
               "de school'";
    case PT_PII_BIRTHDATE:
        return "vervang de geboortedatum door de leeftijd of de groep, bijvoorbeeld '8 jaar' "
               "of 'groep 5'";
    case PT_PII_NAME:
        return "vervang de naam door een rol, bijvoorbeeld 'moeder', 'de leerling' of 'de "
               "mentor'";
    case PT_PII_IBAN:
        return "haal het rekeningnummer weg; het hoort niet in een casus";
    }
    return "haal de persoonsgegevens weg";
}
