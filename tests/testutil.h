/* testutil.h — helpers for the Check suites: fixtures, temp folders, and
 * running the real program end to end. */
#ifndef PT_TESTUTIL_H
#define PT_TESTUTIL_H

#include <stddef.h>

#include "model.h"

/* The program under test ($PT_PROGRAM, default build/praktijktoets). */
const char *tu_program(void);

/* A fresh temporary folder (caller frees the string; removed by tu_rmrf). */
char *tu_tmpdir(void);
void tu_rmrf(const char *path);
/* Copies a folder tree (cp -R src dst). */
void tu_copy(const char *src, const char *dst);
/* Writes text to a file, creating it. */
void tu_write(const char *path, const char *text);
/* Reads a whole file (caller frees), NULL when missing. */
char *tu_read(const char *path);

/* Runs the program with the given arguments (NULL-terminated) and an
 * optional environment assignment ("NAME=value" or NULL). Captures stdout
 * and stderr (caller frees) and returns the exit status (-signal when
 * killed). */
int tu_run(char **out, char **err, const char *env, const char *const *args);

/* Loads a fixture folder; fails the test when it is refused. */
void tu_load(const char *dir, struct pt_toetsmap *t);

#endif
