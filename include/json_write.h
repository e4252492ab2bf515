/*
 * json_write.h — writing a cJSON tree as text, byte for byte what
 * cJSON_Print (formatted) and cJSON_PrintUnformatted of libcjson 1.7 write,
 * at a fraction of the cost.
 *
 * cJSON formats every number with sprintf("%1.15g"), reads it back with
 * sscanf and, when that differs, formats it again with "%1.17g": a third of
 * `assess --format json` (make bench, callgrind). The numbers this program
 * writes are integers or rounded to at most 3 decimals; those are written
 * digit by digit, everything else still with the same printf formats.
 * tests/check_json_write.c holds the two writers side by side.
 */
#ifndef PT_JSON_WRITE_H
#define PT_JSON_WRITE_H

#include <stdbool.h>

#include <cJSON.h>

#include "util.h"

/* Appends item as JSON text to b: formatted (tabs and newlines like
 * cJSON_Print) or compact (like cJSON_PrintUnformatted). No trailing
 * newline. Returns false (b unchanged past its old length) for an item that
 * cJSON cannot print either: an invalid type. */
bool pt_json_write(struct pt_buf *b, const cJSON *item, bool formatted);

/* The same into a new string, to be released with free(). NULL when the
 * item cannot be printed. */
char *pt_json_print(const cJSON *item, bool formatted);

#endif
