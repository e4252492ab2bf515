/*
 * central_migrate.h — moving a SQLite receiver's data to PostgreSQL
 * (issue 15; see central_migrate.c).
 */
#ifndef PC_MIGRATE_H
#define PC_MIGRATE_H

#include <stdio.h>

#include "central.h"

/* Copies every table of the SQLite database from into the empty
 * PostgreSQL database to, in one transaction; writes "table<TAB>rows" per
 * table to report. PT_USAGE for a wrong kind of location, PT_INVALID when
 * the target is not empty, PT_FAILED otherwise (nothing copied). */
enum pt_status pc_migrate(const char *from, const char *to, FILE *report,
                          struct pt_error *err);

#endif
