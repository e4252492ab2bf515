/* suites.h — every Check suite of the project; check_main.c runs them all. */
#ifndef PT_TEST_SUITES_H
#define PT_TEST_SUITES_H

#include <check.h>

Suite *privacy_suite(void);
Suite *csv_suite(void);
Suite *alpha_suite(void);
Suite *load_suite(void);
Suite *engine_suite(void);
Suite *store_suite(void);
Suite *cli_suite(void);
Suite *report_suite(void);
Suite *submit_suite(void);
Suite *deliver_suite(void);
Suite *central_suite(void);
Suite *json_write_suite(void);
Suite *arch_suite(void);  /* issue 10 */
/* issue 15: the national dashboard */
Suite *dashboard_suite(void);
/* issue 15: two receivers on one database */
Suite *receivers_suite(void);
Suite *central_head_suite(void);   /* issue 14 */
Suite *showlog_suite(void);   /* issue 16 */
Suite *web_suite(void);

#endif
