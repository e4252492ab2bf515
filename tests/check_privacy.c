/*
 * check_privacy.c — the privacy scanner (privacy.md; domain.md 5.2, 4.6):
 * every kind in every written form, and the look-alikes that must pass.
 *
 * Every text is scanned from an exact-size heap copy, so under
 * AddressSanitizer or valgrind a read past the NUL is caught.
 *
 * 11-proef sums used below, S = 9·d1 + 8·d2 + … + 2·d8 − d9, by hand:
 *   123456782: 9+16+21+24+25+24+21+16−2 = 154 = 14·11      → BSN
 *   111222333: 9+8+7+12+10+8+9+6−3     =  66 =  6·11      → BSN
 *   102345673: 9+0+14+18+20+20+18+14−3 = 110 = 10·11      → BSN (starts with 10)
 *   123456789: 156−9                   = 147 = 13·11 + 4  → nothing
 *   123456788: 156−8                   = 148 = 13·11 + 5  → nothing (rem 5, not 10…)
 *   111111111: 44−1                    =  43 =  3·11 + 10 → nothing
 *   000000000: S = 0, excluded by "not 0"                 → nothing
 *   101222331: 9+0+7+12+10+8+9+6−1     =  60 =  5·11 + 5  → onderwijsnummer
 *   102345679: 113−9                   = 104 =  9·11 + 5  → onderwijsnummer
 *   102345678: 113−8                   = 105 =  9·11 + 6  → nothing
 *   020130909 (2013-09-09 padded): 0+16+0+6+15+0+27+0−9 = 55 = 5·11: passes,
 *   so the date must never be read as those digits.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "privacy_evalset.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static enum pt_pii scan(const char *text)
{
    char *copy = pt_xstrdup(text);
    enum pt_pii kind = pt_privacy_scan(copy);
    free(copy);
    return kind;
}

#define PII(text, kind)                                                                  \
    do {                                                                                 \
        enum pt_pii got_ = scan(text);                                                   \
        ck_assert_msg(got_ == (kind), "\"%s\": %s (%d), expected %s (%d)", (text),       \
                      pt_pii_name(got_), (int)got_, pt_pii_name(kind), (int)(kind));     \
    } while (0)
#define NONE(text) PII(text, PT_PII_NONE)

START_TEST(elfproef_sum)
{
    const int bsn[9] = {1, 2, 3, 4, 5, 6, 7, 8, 2};
    const int fails[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const int onr[9] = {1, 0, 1, 2, 2, 2, 3, 3, 1};
    const int date[9] = {0, 2, 0, 1, 3, 0, 9, 0, 9};
    const int zero[9] = {0};
    ck_assert_int_eq(pt_elfproef_sum(bsn), 154);
    ck_assert_int_eq(pt_elfproef_sum(fails), 147);
    ck_assert_int_eq(pt_elfproef_sum(onr), 60);
    ck_assert_int_eq(pt_elfproef_sum(date), 55);
    ck_assert_int_eq(pt_elfproef_sum(zero), 0);
}
END_TEST

START_TEST(names)
{
    ck_assert_str_eq(pt_pii_name(PT_PII_NONE), "geen persoonsgegevens");
    ck_assert_str_eq(pt_pii_name(PT_PII_BSN), "een BSN");
    ck_assert_str_eq(pt_pii_name(PT_PII_ONDERWIJSNUMMER), "een onderwijsnummer");
    ck_assert_str_eq(pt_pii_name(PT_PII_EMAIL), "een e-mailadres");
    ck_assert_str_eq(pt_pii_name(PT_PII_PHONE), "een telefoonnummer");
    ck_assert_str_eq(pt_pii_name(PT_PII_POSTCODE_HUISNUMMER), "een postcode met huisnummer");
    ck_assert_str_eq(pt_pii_name(PT_PII_BIRTHDATE), "een geboortedatum");
}
END_TEST

START_TEST(bsn_written_forms)
{
    PII("123456782", PT_PII_BSN);
    PII("BSN 123456782", PT_PII_BSN);
    PII("BSN123456782", PT_PII_BSN);            /* glued to letters */
    PII("bsn:123456782.", PT_PII_BSN);
    PII("1234.56.782", PT_PII_BSN);             /* as on a passport */
    PII("BSN 1234.56.782 van de leerling", PT_PII_BSN);
    PII("123 456 782", PT_PII_BSN);
    PII("123.456.782", PT_PII_BSN);
    PII("123-456-782", PT_PII_BSN);
    PII("123\xC2\xA0" "456\xC2\xA0" "782", PT_PII_BSN); /* no-break spaces */
    PII("111222333", PT_PII_BSN);               /* S = 66: passes, so it is one */
    PII("102345673", PT_PII_BSN);               /* starts with 10 but S = 110: a BSN */
    PII("in 2013 123 456 782", PT_PII_BSN);     /* a year before the groups */
    PII("op 12-03-2013 123 456 782", PT_PII_BSN); /* a date before the groups */
}
END_TEST

START_TEST(bsn_look_alikes)
{
    NONE("123456789");                          /* S = 147, remainder 4 */
    NONE("123 456 789");
    NONE("1234.56.789");
    NONE("123456788");                          /* remainder 5, but no 10 in front */
    NONE("111111111");                          /* S = 43 */
    NONE("000000000");                          /* S = 0 */
    NONE("1234567820");                         /* ten digits: part of a longer number */
    NONE("12345678");
    NONE("1.123.456.782");                      /* a longer dotted number */
    NONE("€ 123.456.782");                      /* an amount */
    NONE("123 456 78");                         /* truncated */
    NONE("1234.56.78");
    NONE("kosten 1200 1500 en 900");            /* no nine-digit layout */
    NONE("kosten 123 45 6782");                 /* 3 2 4 is not a BSN layout */
    NONE("€ 12.500");
    NONE("€ 1.250.000,00");
}
END_TEST

START_TEST(onderwijsnummer)
{
    PII("101222331", PT_PII_ONDERWIJSNUMMER);   /* S = 60, remainder 5 */
    PII("onderwijsnummer 102345679", PT_PII_ONDERWIJSNUMMER);
    PII("1012.22.331", PT_PII_ONDERWIJSNUMMER);
    PII("101 222 331", PT_PII_ONDERWIJSNUMMER);
    PII("ONR101222331", PT_PII_ONDERWIJSNUMMER);
    NONE("102345678");                          /* remainder 6 */
    PII("102345673", PT_PII_BSN);               /* remainder 0: BSN, not onderwijsnummer */
}
END_TEST

START_TEST(email)
{
    PII("jan.jansen@school.nl", PT_PII_EMAIL);
    PII("mail: j_de-vries+ouders@mail.example.org.", PT_PII_EMAIL);
    PII("(moeder: mjansen@Gemeente-Utrecht.NL)", PT_PII_EMAIL);
    /* issue 13: "moeder: M.Jansen" is a name (initial and surname after a
     * relation word) and starts before the address */
    PII("(moeder: M.Jansen@Gemeente-Utrecht.NL)", PT_PII_NAME);
    PII("josé@école.fr", PT_PII_EMAIL);
    PII("123456782@school.nl", PT_PII_EMAIL);   /* starts there: the address wins */
    NONE("ouders @ school");
    NONE("jan@school");                         /* no TLD */
    NONE("@school.nl");
    NONE("a@b.c");                              /* TLD of one letter */
    NONE("x@1.2.3.4");
    NONE("x@");
    NONE("@@@@");
}
END_TEST

START_TEST(phone_written_forms)
{
    PII("06-12345678", PT_PII_PHONE);
    PII("06 1234 5678", PT_PII_PHONE);
    PII("06 12 34 56 78", PT_PII_PHONE);
    PII("06-12-34-56-78", PT_PII_PHONE);        /* not the date 06-12-34 */
    PII("0612345678", PT_PII_PHONE);
    PII("+31 6 12345678", PT_PII_PHONE);
    PII("+31612345678", PT_PII_PHONE);
    PII("+31 (0)6 12345678", PT_PII_PHONE);
    PII("+31-20-1234567", PT_PII_PHONE);
    PII("0031 6 12345678", PT_PII_PHONE);
    PII("0031612345678", PT_PII_PHONE);
    PII("010-1234567", PT_PII_PHONE);
    PII("0201234567", PT_PII_PHONE);
    PII("(020) 123 45 67", PT_PII_PHONE);
    PII("tel06-12345678", PT_PII_PHONE);        /* glued to letters */
    PII("bel 06\xC2\xA0" "1234\xC2\xA0" "5678 na 17 uur", PT_PII_PHONE);
}
END_TEST

START_TEST(phone_look_alikes)
{
    NONE("06-1234567");                         /* nine digits */
    NONE("06123456789");                        /* eleven */
    NONE("0012345678");                         /* 00 but not 0031 */
    NONE("+31 6 1234567");
    NONE("+3");
    NONE("06-");
    NONE("om 09.30 uur");
    NONE("09.30-10.15 en 11.00-11.45");
    NONE("op 01-02-2014 12 uur");               /* joined loosely: 0102201412 */
    NONE("06 01-02-2014");                      /* a date is not part of a number */
    NONE("PO 27-01");
    NONE("VO 27-01 en PO 27-01");
}
END_TEST

START_TEST(postcode)
{
    PII("1234 AB 12", PT_PII_POSTCODE_HUISNUMMER);
    PII("1234AB 12a", PT_PII_POSTCODE_HUISNUMMER);
    PII("1234 AB, 12", PT_PII_POSTCODE_HUISNUMMER);
    PII("woont op 3511 CE 7-bis", PT_PII_POSTCODE_HUISNUMMER);
    NONE("1234 AB");                            /* a postcode alone names an area */
    NONE("1234AB Utrecht");
    NONE("regio 3500 AB tot 3599 ZZ");
    NONE("2013 en 2014");                       /* capitals only */
    NONE("in 2013 en 2014 12 scholen");
    PII("1234 ab 12", PT_PII_POSTCODE_HUISNUMMER); /* issue 13: lower case counts */
    NONE("1234 en 12");                         /* a word, not letters of a postcode */
    NONE("1234 of 12");                         /* O is not used in postcodes */
    NONE("0123 AB 12");                         /* postcodes start at 1000 */
    NONE("1234 ABC 12");
    NONE("1234 SS 12");                         /* SA, SD, SS are not issued */
}
END_TEST

START_TEST(dates_without_keyword)
{
    NONE("12-03-2006");
    NONE("12/03/2006");
    NONE("12.03.2006");
    NONE("12 maart 2006");
    NONE("12 mrt 2006");
    NONE("12 mrt. 2006");
    NONE("2006-03-12");
    NONE("12-03-06");
    NONE("2013-09-09");                         /* padded 020130909 passes the 11-proef */
    NONE("{\"date\": \"2013-09-09\", \"event\": \"signalering\"}");
    NONE("Toegelaten per 2014-03-10.");
    NONE("per 2014-03-10 1 dagdeel");
    NONE("2013-09-09 2013-10-14 2013-11-04");
    NONE("tot einde schooljaar 2015/16");
    NONE("groep 6");
    NONE("12 meisjes en 3 jongens");
}
END_TEST

START_TEST(birthdate)
{
    PII("geboren 12-03-2006", PT_PII_BIRTHDATE);
    PII("geb. 12/03/2006", PT_PII_BIRTHDATE);
    PII("Geboortedatum: 12.03.2006", PT_PII_BIRTHDATE);
    PII("DOB 2006-03-12", PT_PII_BIRTHDATE);
    PII("geboren op 12 maart 2006", PT_PII_BIRTHDATE);
    PII("geb. 12 mrt 2006", PT_PII_BIRTHDATE);
    PII("GEBOREN 12-03-2006", PT_PII_BIRTHDATE);
    PII("geb.datum 2006-03-12", PT_PII_BIRTHDATE);
    PII("geboren d.d. 12-03-2006", PT_PII_BIRTHDATE);
    PII("geboren in Den Haag op 12-03-2006", PT_PII_BIRTHDATE);
    PII("zusje (12-03-2014 geboren)", PT_PII_BIRTHDATE);
    PII("pasgeboren broertje 2014-01-10", PT_PII_BIRTHDATE);
    PII("geboren op 12\xC2\xA0maart 2006", PT_PII_BIRTHDATE);
    PII("geboren 2013-09-09", PT_PII_BIRTHDATE);
    PII("geboren 12-03-2006, BSN 123456782", PT_PII_BIRTHDATE); /* the first one */
    PII("Geboorte: 12-03-2006", PT_PII_BIRTHDATE);
    PII("12-03-2006 (geb.)", PT_PII_BIRTHDATE);
    PII("date of birth: 12/03/2006", PT_PII_BIRTHDATE);
    PII("geboren op 1 jan. 2006", PT_PII_BIRTHDATE);
    PII("geboren 12 maart", PT_PII_BIRTHDATE);   /* a birthday without the year */
    NONE("12 maart");
    /* the same dates without a keyword, or with it elsewhere */
    NONE("op 12-03-2006");
    NONE("Vader is in Turkije geboren. Op 12-03-2014 gesprek.");
    NONE("geboren; 12-03-2014 gesprek");
    NONE("het gebouw 12-03-2006");
    NONE("adobe 12-03-2006");
    NONE("sinds 01-01-2010, moeder geboren 1980"); /* the keyword belongs elsewhere */
    NONE("geboorteland Marokko, sinds 01-01-2010 in Nederland");
    NONE("geboren in 2006");                     /* a year is not a date */
    NONE("geboren");
    NONE("geb 12-03-");
}
END_TEST

START_TEST(first_kind_wins)
{
    PII("mail jan@school.nl of bel 06-12345678", PT_PII_EMAIL);
    PII("bel 06-12345678 of mail jan@school.nl", PT_PII_PHONE);
    PII("1234 AB 12, BSN 123456782", PT_PII_POSTCODE_HUISNUMMER);
}
END_TEST

START_TEST(multibyte_and_edges)
{
    ck_assert_int_eq(pt_privacy_scan(NULL), PT_PII_NONE);
    NONE("");
    NONE("De ouders – één keer – waren tevreden; café 2013–2014.");
    PII("De ouders – één keer – bellen 06 1234 5678", PT_PII_PHONE);
    PII("De leerling, BSN 123456782 ëë", PT_PII_BSN);
    PII("Leerling José, BSN 123456782 ëë", PT_PII_NAME); /* issue 13: the name first */
    NONE("abc\xC2");                            /* truncated UTF-8 at the end */
    NONE("12\xE2\x80");
    NONE("geb 12 maa");
    NONE("1234 A");
    NONE("+31");
}
END_TEST

/* The three example cases of domain.md 4.6 contain no personal data, among
 * them PO 27-01, groep 6 and the date 2013-09-09. */
START_TEST(example_cases_pass)
{
    char *data = NULL, why[256];
    size_t len = 0;
    ck_assert_int_eq(pt_read_file("tests/fixtures/privacy/voorbeelden.json", 1 << 20, &data,
                                  &len, why, sizeof why), 0);
    ck_assert_uint_gt(len, 1000);
    ck_assert_ptr_nonnull(strstr(data, "2013-09-09"));
    ck_assert_int_eq(pt_privacy_scan(data), PT_PII_NONE);
    free(data);
}
END_TEST

/* 100 KB texts, including the worst shapes for each matcher; a scan that is
 * not linear runs into the test timeout. */
static char *repeat(const char *unit, size_t total, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail), n = 0;
    char *s = pt_xmalloc(total + tl + 1);
    while (n + ul <= total) {
        memcpy(s + n, unit, ul);
        n += ul;
    }
    memcpy(s + n, tail, tl + 1);
    return s;
}

START_TEST(long_texts)
{
    static const struct {
        const char *unit, *tail;
        enum pt_pii kind;
    } cases[] = {
        {"Meerdere incidenten op 2013-09-09 in groep 6 (PO 27-01), € 12.500. ", "", PT_PII_NONE},
        {"Meerdere incidenten op 2013-09-09 in groep 6. ", " BSN 123456782", PT_PII_BSN},
        {"1", "", PT_PII_NONE},
        {"0", "", PT_PII_NONE},
        {"@", "", PT_PII_NONE},
        {"a@", "b.nl", PT_PII_EMAIL},
        {"a.", "", PT_PII_NONE},
        {"0 ", "", PT_PII_NONE},
        {"06 ", "", PT_PII_PHONE},                /* 06 06 06 06 06: ten digits */
        {"06-1234 ", "", PT_PII_NONE},
        {"12 ", "", PT_PII_NONE},
        {"123 ", "", PT_PII_NONE},
        {"12-03-2006 ", "", PT_PII_NONE},
        {"12 maart ", "", PT_PII_NONE},
        {"geboren ", "", PT_PII_NONE},
        {"geboren ", "12-03-2006", PT_PII_BIRTHDATE},
        {"\xC2\xA0", "", PT_PII_NONE},
        {"aa ", "het zusje,", PT_PII_NONE},        /* a rule looking past the last token */
        {"Ahmed ", "", PT_PII_NAME},
        {"mevrouw ", "", PT_PII_NONE},
        {"Kerkstraat ", "12", PT_PII_ADDRESS},
        {"NL91 ", "", PT_PII_NONE},
        {"[at] ", "", PT_PII_NONE},
        {"geb. ", "12-03-2006", PT_PII_BIRTHDATE},
        {"é", "", PT_PII_NONE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *s = repeat(cases[k].unit, 100 * 1024, cases[k].tail);
        enum pt_pii got = pt_privacy_scan(s);
        ck_assert_msg(got == cases[k].kind, "100 KB of \"%s\" + \"%s\": %s", cases[k].unit,
                      cases[k].tail, pt_pii_name(got));
        free(s);
    }
}
END_TEST

/* ---- issue 13: what staff really write ---- */

START_TEST(normalised_numbers)
{
    PII("BSN 1234 56 782", PT_PII_BSN);                 /* 4-2-3 groups */
    PII("BSN 1234-56-782", PT_PII_BSN);
    PII("BSN 123 – 456 – 782", PT_PII_BSN);             /* en dashes with spaces */
    PII("BSN 123\xE2\x80\x8B" "456\xE2\x80\x8B" "782", PT_PII_BSN); /* zero-width spaces */
    PII("BSN 123 456\n782", PT_PII_BSN);                /* a line break inside */
    PII("BSN \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96"
        "\xEF\xBC\x97\xEF\xBC\x98\xEF\xBC\x92", PT_PII_BSN); /* fullwidth 123456782 */
    PII("BSN 65296163", PT_PII_BSN);                    /* 065296163: leading 0 dropped */
    NONE("kenmerk 65296163");                           /* eight digits without the word BSN */
    NONE("BSN 20130909");                               /* a date, padded it would pass */
    PII("tel 06/12345678", PT_PII_PHONE);
    PII("tel 06.12.34.56.78", PT_PII_PHONE);
    PII("tel 06 - 12345678", PT_PII_PHONE);
    PII("tel 06\xE2\x80\x93" "12345678", PT_PII_PHONE); /* en dash */
    PII("tel 06-1234\xE2\x80\x8B" "5678", PT_PII_PHONE);
    PII("tel 06-\n12345678", PT_PII_PHONE);
    PII("tel \xEF\xBC\x90\xEF\xBC\x96\xEF\xBC\x8D\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"
        "\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97\xEF\xBC\x98", PT_PII_PHONE);
    NONE("rooster 09.30-10.15 en 11.00-11.45");
    NONE("DMT 38-42-55, code 00-13-77, 0800-2000");
}
END_TEST

START_TEST(iban)
{
    PII("NL91ABNA0417164300", PT_PII_IBAN);
    PII("IBAN NL91 ABNA 0417 1643 00 t.n.v. ouders", PT_PII_IBAN);
    PII("iban nl91 abna 0417 1643 00", PT_PII_IBAN);
    PII("NL77 INGB 0004 0219 03", PT_PII_IBAN);         /* account starting with zeros */
    PII("BE66 1308 4046 8645 voor", PT_PII_IBAN);
    /* check digits wrong: no IBAN; its ten-digit account part starting with 0
     * still reads as a phone number, erring on the side of refusing */
    PII("NL92ABNA0417164300", PT_PII_PHONE);
    NONE("NL92ABNA1417164300");
    NONE("Dossiercode NL12 in het systeem");
    NONE("kenmerk NL-2014-0345");
}
END_TEST

START_TEST(email_written_out)
{
    PII("naam [at] school.nl", PT_PII_EMAIL);
    PII("jansen(at)ziggo.nl", PT_PII_EMAIL);
    PII("jansen at ziggo punt nl", PT_PII_EMAIL);
    PII("a.jansen apenstaartje gmail.com", PT_PII_EMAIL);
    PII("a.jansen@gmail[dot]com", PT_PII_EMAIL);
    NONE("contact via de app van school @ groep 7");
    NONE("we kijken at home naar tv");                  /* "at" without a known domain */
}
END_TEST

START_TEST(postcode_and_address)
{
    PII("postcode 2312 BK, nr. 9", PT_PII_POSTCODE_HUISNUMMER);
    PII("Postcode: 1056 XZ\nHuisnummer: 203", PT_PII_POSTCODE_HUISNUMMER);
    PII("2512 CK Den Haag, nummer 31", PT_PII_POSTCODE_HUISNUMMER);
    NONE("wijk 3511 CE in Utrecht");
    PII("woont aan de Kerkstraat 12", PT_PII_ADDRESS);
    PII("Laan van Meerdervoort 231", PT_PII_ADDRESS);
    PII("Van Goghlaan\n5", PT_PII_ADDRESS);
    PII("ADRES: KERKSTRAAT 12", PT_PII_ADDRESS);
    PII("verhuisd naar Singel 240", PT_PII_ADDRESS);
    NONE("de leerling is onderweg 3 keer gevallen");
    NONE("de gemengde leerweg 3 vakken");
    NONE("op het plein 2 keer per dag");
    NONE("fase 2 van het stappenplan");
}
END_TEST

START_TEST(person_names)
{
    PII("Ahmed Yilmaz zit in groep 6", PT_PII_NAME);
    PII("gesprek met mevrouw Mulder", PT_PII_NAME);
    PII("dhr. K. de Wit tekende", PT_PII_NAME);
    PII("J.P. van den Berg (vader)", PT_PII_NAME);
    PII("contact met fam. De Boer", PT_PII_NAME);
    PII("zijn broer Mehmet", PT_PII_NAME);
    PII("AHMED YILMAZ - VERSLAG", PT_PII_NAME);
    PII("met Roos gesproken", PT_PII_NAME);             /* ordinary word, inside a sentence */
    PII("Ahmeds moeder belde", PT_PII_NAME);
    NONE("Roos en Tijger zijn de kleutergroepen");     /* ... at the start of one */
    NONE("Aangemeld bij SBO De Vlinder in Den Haag");
    NONE("N.B. De ouders zijn gescheiden.");
    NONE("Bijlage A. Verslag van de observatie.");
    NONE("Moeder: \"Hij wil niet meer.\"");
    NONE("Vader Turks sprekend, tolk geregeld");
    NONE("Mevrouw van Veilig Thuis adviseert een melding");
    NONE("CBS De Wegwijzer en RKBS Sint Jozef");
    NONE("het Jac. P. Thijsse College");
    NONE("VERSLAG OBSERVATIE GROEP 6");
    NONE("Groep werkt met Veilig Leren Lezen en Taal Actief.");
    NONE("Vader: Werkloos. Moeder: Alleenstaand.");     /* labels, not "vader Werkloos" */
    PII("Leerling: Emre Kaya", PT_PII_NAME);
    PII("Opa Jan haalt hem op.", PT_PII_NAME);          /* a name, not the month "jan" */
    PII("Opa Piet haalt hem op.", PT_PII_NAME);
    NONE("Gesprek op 3 jan. 2014 met moeder.");
    NONE("Opgenomen in het Sophia Kinderziekenhuis.");
}
END_TEST

START_TEST(birthdate_grammar)
{
    PII("Hij is te vroeg geboren, namelijk op 3 januari 2007.", PT_PII_BIRTHDATE);
    PII("Geboortedatum:\n12-03-2006", PT_PII_BIRTHDATE);
    PII("op 12-03-2006 is hij geboren", PT_PII_BIRTHDATE);
    PII("de leerling (12-03-2006) zit in groep 6", PT_PII_BIRTHDATE);
    PII("zusje (14-02-2013)", PT_PII_BIRTHDATE);
    PII("geb. 12-03-'06", PT_PII_BIRTHDATE);
    PII("geboren op twaalf maart 2006", PT_PII_BIRTHDATE);
    PII("geboren op de derde januari 2007", PT_PII_BIRTHDATE);
    PII("geboren 12 - 03 - 2006", PT_PII_BIRTHDATE);
    NONE("Vader, geboren in Turkije, werkt sinds 03-09-2012 in Nederland.");
    NONE("Geboortedatum niet vermeld; aangemeld op 14-02-2014.");
    NONE("Geboren en getogen in Almere, sinds 01-08-2013 op het VSO.");
    NONE("Vader is in Eritrea geboren en kwam op 12-03-2014 naar school.");
    NONE("gesprek met moeder (12-03-2014)");
    NONE("de aanmelding (14-02-2014)");
}
END_TEST

START_TEST(hints)
{
    for (int k = PT_PII_BSN; k <= PT_PII_IBAN; k++) {
        const char *h = pt_pii_hint((enum pt_pii)k);
        ck_assert_msg(strlen(h) > 20, "kind %d has no hint", k);
    }
    ck_assert_str_eq(pt_pii_name(PT_PII_NAME), "een naam");
    ck_assert_str_eq(pt_pii_name(PT_PII_ADDRESS), "een adres");
    ck_assert_str_eq(pt_pii_name(PT_PII_IBAN), "een rekeningnummer (IBAN)");
    ck_assert_ptr_nonnull(strstr(pt_pii_hint(PT_PII_NAME), "vervang de naam door een rol"));

    struct pt_diags d = {0};
    ck_assert(pt_privacy_check(&d, "f.csv", "7", "een opmerking", "Goed overleg met moeder."));
    ck_assert(pt_privacy_check(&d, "f.csv", "7", "een opmerking", NULL));
    ck_assert(!pt_privacy_check(&d, "f.csv", "8", "een opmerking", "Gebeld met Ahmed Yilmaz."));
    ck_assert_uint_eq(d.n, 1);
    char line[512];
    pt_diag_format(&d.items[0], line, sizeof line);
    ck_assert_str_eq(line, "f.csv:8: bevat een naam; een opmerking moet gepseudonimiseerd zijn "
                           "(persoonsgegevens zijn niet toegestaan): vervang de naam door een "
                           "rol, bijvoorbeeld 'moeder', 'de leerling' of 'de mentor'");
    pt_diags_free(&d);
}
END_TEST

/* The evaluation set of issue 13 holds its thresholds: a regression in
 * recall or false alarms fails the suite (make privacy-eval prints why). */
START_TEST(evaluation_set_thresholds)
{
    struct pt_eval e;
    char why[512];
    ck_assert_msg(pt_eval_run("tests/privacy-eval", &e, why, sizeof why) == 0, "%s", why);
    ck_assert_uint_ge(e.npos, 300);
    ck_assert_uint_ge(e.nneg, 150);
    ck_assert_msg(pt_eval_recall(&e) >= PT_EVAL_MIN_RECALL, "recall %.1f %%", pt_eval_recall(&e));
    ck_assert_msg(pt_eval_recall_names(&e) >= PT_EVAL_MIN_RECALL_NAMES, "names %.1f %%",
                  pt_eval_recall_names(&e));
    ck_assert_msg(pt_eval_false_pos(&e) <= PT_EVAL_MAX_FALSE_POS, "false alarms %.1f %%",
                  pt_eval_false_pos(&e));
    pt_eval_free(&e);
}
END_TEST

/* ---- end to end: a refusal never echoes what it protects ---- */

static const struct {
    const char *text, *secret, *kind;
} secrets[] = {
    {"Gesprek met Ahmed Yilmaz over rekenen.", "Yilmaz", "een naam"},
    {"Moeder, mevrouw Mulder, belde.", "Mulder", "een naam"},
    {"Woont aan de Kerkstraat 12.", "Kerkstraat", "een adres"},
    {"BSN 1234 56 782 op het formulier.", "56 782", "een BSN"},
    {"Onderwijsnummer 101222331.", "101222331", "een onderwijsnummer"},
    {"Moeder belde vanaf 06-12345678.", "12345678", "een telefoonnummer"},
    {"Mail van a.jansen [at] gmail.com.", "jansen", "een e-mailadres"},
    {"Terugbetaling naar NL91 ABNA 0417 1643 00.", "ABNA", "een rekeningnummer (IBAN)"},
    {"Nieuw adres: postcode 2312 BK, nr. 9.", "2312", "een postcode met huisnummer"},
    {"Hij is geboren op 12 maart 2006 in Gouda.", "maart 2006", "een geboortedatum"},
};

/* Runs the program; asserts the exit status and that secret is in neither
 * stdout nor stderr; returns stderr (caller frees). */
static char *run_quiet(int want, const char *secret, const char *const *args)
{
    char *out = NULL, *err = NULL;
    int st = tu_run(&out, &err, NULL, args);
    ck_assert_msg(st == want, "exit %d, want %d; stderr: %s", st, want, err);
    ck_assert_msg(!strstr(out, secret) && !strstr(err, secret), "\"%s\" echoed", secret);
    free(out);
    return err;
}

START_TEST(refusal_never_echoes)
{
    char *tmp = tu_tmpdir();
    for (size_t k = 0; k < sizeof secrets / sizeof secrets[0]; k++) {
        for (int where = 0; where < 3; where++) { /* case text, CSV comment, JSON comment */
            char map[600], file[700], db[600], want[256];
            snprintf(map, sizeof map, "%s/m%zu-%d", tmp, k, where);
            snprintf(db, sizeof db, "%s/m%zu-%d.db", tmp, k, where);
            tu_copy("tests/fixtures/mini", map);
            static const char *const files[] = {"cases/K1.json", "scores/r2.csv", "scores/r1.json"};
            static const char *const olds[] = {
                "Leerling met een leesachterstand; arrangement op de eigen school.",
                "Tijdig; met ouders", "Goed geregeld"};
            static const char *const places[] = {"K1.json:summary: ", "r2.csv:3: ",
                                                 "r1.json:scores[2].comment: "};
            snprintf(file, sizeof file, "%s/%s", map, files[where]);
            tu_replace(file, olds[where], secrets[k].text);
            snprintf(want, sizeof want, "%sbevat %s; ", places[where], secrets[k].kind);
            const char *check[] = {"check", map, NULL};
            char *err = run_quiet(3, secrets[k].secret, check);
            ck_assert_msg(strstr(err, want) != NULL, "want \"%s\" in: %s", want, err);
            free(err);
            const char *import[] = {"--db", db, "import", map, NULL};
            free(run_quiet(3, secrets[k].secret, import));
            const char *list[] = {"--db", db, "list", NULL};
            char *out = NULL;
            err = NULL;
            int st = tu_run(&out, &err, NULL, list);
            ck_assert_msg(out == NULL || strstr(out, "PT-MINI-1") == NULL,
                          "stored after a refusal (exit %d)", st);
            free(out);
            free(err);
        }
    }
    /* a correction typed at the command line: the same guard */
    char map[600], db[600];
    snprintf(map, sizeof map, "%s/clean", tmp);
    snprintf(db, sizeof db, "%s/clean.db", tmp);
    tu_copy("tests/fixtures/mini", map);
    const char *import[] = {"--db", db, "import", map, NULL};
    free(run_quiet(0, "Yilmaz", import));
    for (size_t k = 0; k < sizeof secrets / sizeof secrets[0]; k++) {
        const char *score[] = {"--db", db, "score", "PT-MINI-1", "--rater", "r2", "--case", "K2",
                               "--criterion", "a2", "--level", "4", "--comment",
                               secrets[k].text, NULL};
        char *err = run_quiet(3, secrets[k].secret, score);
        ck_assert_msg(strstr(err, secrets[k].kind) != NULL, "%s", err);
        free(err);
    }
    tu_rmrf(tmp);
    free(tmp);
}
END_TEST

Suite *privacy_suite(void)
{
    Suite *s = suite_create("privacy");
    TCase *tc = tcase_create("scan");
    tcase_add_test(tc, elfproef_sum);
    tcase_add_test(tc, names);
    tcase_add_test(tc, bsn_written_forms);
    tcase_add_test(tc, bsn_look_alikes);
    tcase_add_test(tc, onderwijsnummer);
    tcase_add_test(tc, email);
    tcase_add_test(tc, phone_written_forms);
    tcase_add_test(tc, phone_look_alikes);
    tcase_add_test(tc, postcode);
    tcase_add_test(tc, dates_without_keyword);
    tcase_add_test(tc, birthdate);
    tcase_add_test(tc, first_kind_wins);
    tcase_add_test(tc, multibyte_and_edges);
    tcase_add_test(tc, example_cases_pass);
    tcase_add_test(tc, long_texts);
    tcase_add_test(tc, normalised_numbers);
    tcase_add_test(tc, iban);
    tcase_add_test(tc, email_written_out);
    tcase_add_test(tc, postcode_and_address);
    tcase_add_test(tc, person_names);
    tcase_add_test(tc, birthdate_grammar);
    tcase_add_test(tc, hints);
    tcase_add_test(tc, evaluation_set_thresholds);
    suite_add_tcase(s, tc);
    TCase *e2e = tcase_create("no echo");
    tcase_set_timeout(e2e, 60);
    tcase_add_test(e2e, refusal_never_echoes);
    suite_add_tcase(s, e2e);
    return s;
}
