/*
 * dates.c — calendar dates and SWV codes, shared by both programs
 * (dates.h).
 */
#include "dates.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Days from civil date (proleptic Gregorian), after H. Hinnant's algorithm. */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int pt_date_parse(const char *s, long *day)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return -1;
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    long m = (s[5] - '0') * 10 + (s[6] - '0');
    long d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return -1;
    *day = days_from_civil(y, m, d);
    return 0;
}

int pt_swv_normalise(const char *s, char out[16])
{
    char sector[3];
    char digits[5];
    size_t nd = 0;
    if (strlen(s) > 12)
        return -1;
    if (!isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]))
        return -1;
    sector[0] = (char)toupper((unsigned char)s[0]);
    sector[1] = (char)toupper((unsigned char)s[1]);
    sector[2] = '\0';
    if (strcmp(sector, "PO") != 0 && strcmp(sector, "VO") != 0)
        return -1;
    const char *p = s + 2;
    if (*p == ' ' || *p == '-')
        p++;
    /* two digits, optional '-', two digits */
    for (int part = 0; part < 2; part++) {
        for (int k = 0; k < 2; k++) {
            if (!isdigit((unsigned char)*p))
                return -1;
            digits[nd++] = *p++;
        }
        if (part == 0 && *p == '-')
            p++;
    }
    if (*p != '\0')
        return -1;
    digits[nd] = '\0';
    snprintf(out, 16, "%s %c%c-%c%c", sector, digits[0], digits[1], digits[2], digits[3]);
    return 0;
}
