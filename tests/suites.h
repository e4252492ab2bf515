/* suites.h — every Check suite of the project; check_main.c runs them all. */
#ifndef PT_TEST_SUITES_H
#define PT_TEST_SUITES_H

#include <check.h>

Suite *util_suite(void);
Suite *privacy_suite(void);
Suite *csv_suite(void);
Suite *alpha_suite(void);

#endif
