/* check_main.c — runs every suite; run from the repository root. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
    SRunner *sr = srunner_create(load_suite());
    srunner_add_suite(sr, privacy_suite());
    srunner_add_suite(sr, csv_suite());
    srunner_add_suite(sr, alpha_suite());
    srunner_add_suite(sr, engine_suite());
    srunner_add_suite(sr, store_suite());
    srunner_add_suite(sr, cli_suite());
    srunner_add_suite(sr, report_suite());
    srunner_add_suite(sr, submit_suite());
    srunner_add_suite(sr, deliver_suite());
    srunner_add_suite(sr, central_suite());
    srunner_add_suite(sr, json_write_suite());
    srunner_add_suite(sr, arch_suite()); /* issue 10 */
    srunner_add_suite(sr, dashboard_suite());   /* issue 15 */
    srunner_add_suite(sr, receivers_suite());   /* issue 15 */
    srunner_add_suite(sr, central_head_suite());   /* issue 14 */
    srunner_add_suite(sr, showlog_suite());
    srunner_add_suite(sr, web_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
