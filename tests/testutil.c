/* testutil.c — helpers for the Check suites (see testutil.h). */
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "toetsmap.h"
#include "util.h"

const char *tu_program(void)
{
    const char *p = getenv("PT_PROGRAM");
    return p && *p ? p : "build/praktijktoets";
}

char *tu_tmpdir(void)
{
    char tmpl[] = "/tmp/pt-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(d);
    return pt_xstrdup(d);
}

static void run_simple(const char *const *argv)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s failed", argv[0]);
}

void tu_rmrf(const char *path)
{
    const char *argv[] = {"rm", "-rf", path, NULL};
    run_simple(argv);
}

void tu_copy(const char *src, const char *dst)
{
    const char *argv[] = {"cp", "-R", src, dst, NULL};
    run_simple(argv);
}

void tu_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

char *tu_read(const char *path)
{
    char *data = NULL;
    size_t len;
    char why[128];
    if (pt_read_file(path, 1u << 28, &data, &len, why, sizeof why) != 0)
        return NULL;
    return data;
}

static char *slurp_fd(int fd)
{
    struct pt_buf b = {0};
    char tmp[4096];
    ssize_t n;
    while ((n = read(fd, tmp, sizeof tmp)) > 0)
        pt_buf_add(&b, tmp, (size_t)n);
    return pt_buf_detach(&b);
}

int tu_run(char **out, char **err, const char *env, const char *const *args)
{
    char outp[] = "/tmp/pt-out-XXXXXX", errp[] = "/tmp/pt-err-XXXXXX";
    int ofd = mkstemp(outp), efd = mkstemp(errp);
    ck_assert(ofd >= 0 && efd >= 0);
    const char *argv[64];
    size_t n = 0;
    argv[n++] = tu_program();
    for (size_t i = 0; args[i] && n < 63; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(ofd, 1);
        dup2(efd, 2);
        if (env)
            putenv((char *)env);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    char *o = slurp_fd(ofd), *e = slurp_fd(efd);
    close(ofd);
    close(efd);
    unlink(outp);
    unlink(errp);
    if (out)
        *out = o;
    else
        free(o);
    if (err)
        *err = e;
    else
        free(e);
    if (WIFSIGNALED(st))
        return -WTERMSIG(st);
    return WEXITSTATUS(st);
}

void tu_load(const char *dir, struct pt_toetsmap *t)
{
    struct pt_diags d = {0};
    int rc = pt_toetsmap_load_dir(dir, t, &d);
    if (rc != 0) {
        char line[512] = "";
        if (d.n)
            pt_diag_format(&d.items[0], line, sizeof line);
        pt_diags_free(&d);
        ck_abort_msg("fixture %s refused: %s", dir, line);
    }
    pt_diags_free(&d);
}
