/*
 * dates.h — values both programs read the same way: calendar dates and SWV
 * codes (the common library, src/common).
 */
#ifndef PT_DATES_H
#define PT_DATES_H

/* Dates: parses strict YYYY-MM-DD of a real calendar day into days since
 * 1970-01-01. Returns 0 or -1. */
int pt_date_parse(const char *s, long *day);
/* Normalises an SWV code ("PO2701", "PO-27-01", "po 27-01") to "PO 27-01"
 * in out (at least 9 bytes). Returns 0 or -1 when it is not one. */
int pt_swv_normalise(const char *s, char out[16]);

#endif
