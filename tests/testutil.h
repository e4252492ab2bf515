/* testutil.h — helpers for the Check suites: fixtures, temp folders, and
 * running the real program end to end. */
#ifndef PT_TESTUTIL_H
#define PT_TESTUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* The program under test ($PT_PROGRAM, default build/praktijktoets). */
const char *tu_program(void);

/* A fresh temporary folder (caller frees the string; removed by tu_rmrf). */
char *tu_tmpdir(void);
void tu_rmrf(const char *path);
/* Copies a folder tree (cp -R src dst). */
void tu_copy(const char *src, const char *dst);
/* The mini fixture in a fresh temporary folder: db "<folder>/t.db" (not
 * created yet) and map a copy of tests/fixtures/mini. Returns the folder;
 * tu_fixture_done removes and frees it. */
char *tu_fixture_mini(char *db, size_t dbsize, char *map, size_t mapsize);
void tu_fixture_done(char *tmp);
/* Writes text to a file, creating it. */
void tu_write(const char *path, const char *text);
/* Reads a whole file (caller frees), NULL when missing. */
char *tu_read(const char *path);
/* Replaces the first occurrence of from by to in a file (fails the test
 * when the file or the text is missing). */
void tu_replace(const char *path, const char *from, const char *to);

/* Runs the program with the given arguments (NULL-terminated) and an
 * optional environment assignment ("NAME=value" or NULL). Captures stdout
 * and stderr (caller frees) and returns the exit status (-signal when
 * killed). */
int tu_run(char **out, char **err, const char *env, const char *const *args);
/* Runs the program with the arguments into the caller's char *out and
 * *err (freed first) and asserts its exit status. */
#define TU_RUN(want, ...) do { \
        const char *args_[] = {__VA_ARGS__, NULL}; \
        free(out); free(err); \
        int st_ = tu_run(&out, &err, NULL, args_); \
        ck_assert_msg(st_ == (want), "exit %d, want %d; stderr: %s", st_, (want), err); \
    } while (0)
/* The same for any program: argv[0] is its path. */
int tu_run_argv(char **out, char **err, const char *env, const char *const *argv);

/* Loads a fixture folder; fails the test when it is refused. */
void tu_load(const char *dir, struct pt_toetsmap *t);

/* The receiver under test ($PT_CENTRAL, default build/praktijktoets-central). */
const char *tu_central_program(void);
/* argv to run it: under valgrind when $PT_CENTRAL_VALGRIND is set (make
 * valgrind), so the server's own leaks fail the test through its exit
 * status. Fills argv (room for 8 + the caller's) and returns the count. */
size_t tu_central_argv(const char **argv);

/* A running "praktijktoets-central serve" on a free loopback port. */
struct tu_server {
    pid_t pid;
    int port;
    char url[64];           /* http(s)://127.0.0.1:PORT */
    char errpath[600];      /* its stderr, in dir */
};
/* Starts "serve --listen 127.0.0.1:0 --db db" plus extra (NULL-terminated,
 * may be NULL), its stderr to dir/server.err; reads the port from its first
 * line. The server dies with the test process. */
void tu_server_start(struct tu_server *s, const char *db, const char *dir,
                     const char *const *extra);
/* SIGTERM; asserts a clean exit 0 within 20 s and no stray process.
 * Returns the server's stderr (caller frees). */
char *tu_server_stop(struct tu_server *s);

#endif
