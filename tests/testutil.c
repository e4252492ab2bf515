/* testutil.c — helpers for the Check suites (see testutil.h). */
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
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

char *tu_fixture_mini(char *db, size_t dbsize, char *map, size_t mapsize)
{
    char *tmp = tu_tmpdir();
    snprintf(db, dbsize, "%s/t.db", tmp);
    snprintf(map, mapsize, "%s/mini", tmp);
    tu_copy("tests/fixtures/mini", map);
    return tmp;
}

void tu_fixture_done(char *tmp)
{
    tu_rmrf(tmp);
    free(tmp);
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

void tu_replace(const char *path, const char *from, const char *to)
{
    char *s = tu_read(path);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    char *at = strstr(s, from);
    ck_assert_msg(at != NULL, "%s not in %s", from, path);
    struct pt_buf b = {0};
    pt_buf_add(&b, s, (size_t)(at - s));
    pt_buf_adds(&b, to);
    pt_buf_adds(&b, at + strlen(from));
    tu_write(path, b.data);
    pt_buf_free(&b);
    free(s);
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
    const char *argv[64];
    size_t n = 0;
    argv[n++] = tu_program();
    for (size_t i = 0; args[i] && n < 63; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    return tu_run_argv(out, err, env, argv);
}

int tu_run_argv(char **out, char **err, const char *env, const char *const *argv)
{
    char outp[] = "/tmp/pt-out-XXXXXX", errp[] = "/tmp/pt-err-XXXXXX";
    int ofd = mkstemp(outp), efd = mkstemp(errp);
    ck_assert(ofd >= 0 && efd >= 0);
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

/* ---- the receiver, praktijktoets-central ---- */

const char *tu_central_program(void)
{
    const char *p = getenv("PT_CENTRAL");
    return p && *p ? p : "build/praktijktoets-central";
}

/* argv for running the program: under valgrind when $PT_CENTRAL_VALGRIND
 * is set (make valgrind), so the server's own leaks and errors fail the
 * test through its exit status. Returns the number of entries filled. */
size_t tu_central_argv(const char **argv)
{
    static const char *const vg[] = {
        "/usr/bin/valgrind", "--quiet", "--leak-check=full",
        "--show-leak-kinds=definite,indirect,possible",
        "--errors-for-leak-kinds=definite,indirect,possible", "--error-exitcode=99",
    };
    size_t n = 0;
    const char *v = getenv("PT_CENTRAL_VALGRIND");
    if (v && *v && strcmp(v, "0") != 0)
        for (size_t i = 0; i < sizeof vg / sizeof vg[0]; i++)
            argv[n++] = vg[i];
    argv[n++] = tu_central_program();
    return n;
}

/* Starts "serve --listen 127.0.0.1:0 --db db" plus extra (NULL-terminated,
 * may be NULL) and reads the port from its first line. */
void tu_server_start(struct tu_server *s, const char *db, const char *dir,
                     const char *const *extra)
{
    int fds[2];
    memset(s, 0, sizeof *s);
    snprintf(s->errpath, sizeof s->errpath, "%s/server.err", dir);
    ck_assert_int_eq(pipe(fds), 0);
    pid_t parent = getpid();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        /* No stray server when the test process dies on a failed assert. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
        const char *argv[48];
        size_t n = tu_central_argv(argv);
        argv[n++] = "serve";
        argv[n++] = "--listen";
        argv[n++] = "127.0.0.1:0";
        argv[n++] = "--db";
        argv[n++] = db;
        for (size_t i = 0; extra && extra[i] && n < 47; i++)
            argv[n++] = extra[i];
        argv[n] = NULL;
        int efd = open(s->errpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(fds[1], 1);
        dup2(efd, 2);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    s->pid = pid;
    close(fds[1]);
    char line[256] = "";
    size_t len = 0;
    while (len < sizeof line - 1 && !strchr(line, '\n')) {
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        ck_assert_msg(poll(&p, 1, 20000) > 0, "the receiver did not start in 20 s");
        ssize_t got = read(fds[0], line + len, sizeof line - 1 - len);
        ck_assert_msg(got > 0, "the receiver exited before listening: %s", line);
        len += (size_t)got;
        line[len] = '\0';
    }
    close(fds[0]);
    const char *scheme = strstr(line, "https://") ? "https" : "http";
    ck_assert_msg(sscanf(line, "praktijktoets-central: luistert op %*[a-z]://127.0.0.1:%d\n",
                         &s->port) == 1, "first line: %s", line);
    ck_assert_int_gt(s->port, 0);
    snprintf(s->url, sizeof s->url, "%s://127.0.0.1:%d", scheme, s->port);
}

/* SIGTERM, then the exit status within 20 s: 0 after a clean stop. Returns
 * the server's stderr (caller frees). */
char *tu_server_stop(struct tu_server *s)
{
    int st = 0;
    pid_t got = 0;
    ck_assert_int_eq(kill(s->pid, SIGTERM), 0);
    for (int i = 0; i < 2000 && got == 0; i++) {
        got = waitpid(s->pid, &st, WNOHANG);
        if (got == 0)
            usleep(10000);
    }
    if (got == 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, &st, 0);
        ck_abort_msg("the receiver did not stop on SIGTERM within 20 s");
    }
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "receiver exit status %d", st);
    ck_assert_int_eq(kill(s->pid, 0), -1);   /* gone, no stray process */
    s->pid = 0;
    return tu_read(s->errpath);
}
