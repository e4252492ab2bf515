/* faultproxy.c — see faultproxy.h. Test code: small, sequential, bounded. */
#include "faultproxy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_MSG (4 * 1024 * 1024)

/* Reads one HTTP message (headers + Content-Length body) from fd into a new
 * buffer; returns its length or -1. */
static ssize_t read_message(int fd, char **out)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap + 1);
    ssize_t want = -1;
    if (!buf)
        return -1;
    for (;;) {
        if (want >= 0 && len >= (size_t)want)
            break;
        if (len == cap) {
            if (cap >= MAX_MSG)
                goto fail;
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb)
                goto fail;
            buf = nb;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 20000) <= 0)
            goto fail;
        ssize_t n = read(fd, buf + len, cap - len);
        if (n <= 0)
            goto fail;
        len += (size_t)n;
        buf[len] = '\0';
        if (want < 0) {
            char *end = strstr(buf, "\r\n\r\n");
            if (end) {
                size_t head = (size_t)(end - buf) + 4;
                size_t body = 0;
                for (char *h = buf; h && h < end; h = strstr(h, "\r\n")) {
                    if (*h == '\r')
                        h += 2;
                    if (strncasecmp(h, "Content-Length:", 15) == 0)
                        body = strtoul(h + 15, NULL, 10);
                    h = strstr(h, "\r\n");
                    if (!h)
                        break;
                }
                want = (ssize_t)(head + body);
            }
        }
    }
    *out = buf;
    return (ssize_t)len;
fail:
    free(buf);
    return -1;
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void answer(int fd, int status, const char *reason, const char *extra)
{
    char body[128], head[512];
    int bl = snprintf(body, sizeof body, "{\"error\":\"fault\",\"message\":\"ingespoten %d\"}",
                      status);
    int hl = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
                      "Content-Length: %d\r\nConnection: close\r\n%s\r\n", status, reason, bl,
                      extra ? extra : "");
    write_all(fd, head, (size_t)hl);
    write_all(fd, body, (size_t)bl);
}

/* Forwards the request to the receiver; returns its answer (caller frees). */
static ssize_t forward(int upstream_port, const char *req, size_t len, char **resp)
{
    int u = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)upstream_port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (u < 0 || connect(u, (struct sockaddr *)&a, sizeof a) != 0) {
        if (u >= 0)
            close(u);
        return -1;
    }
    write_all(u, req, len);
    ssize_t n = read_message(u, resp);
    close(u);
    return n;
}

static void hang(int fd)
{
    /* Wait until the client gives up and closes (bounded). */
    char b[256];
    for (int i = 0; i < 60; i++) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 500) > 0 && read(fd, b, sizeof b) <= 0)
            return;
    }
}

/* The fault for the next connection: the plan's next step, or under
 * "random:PCT" a fault drawn for PCT % of the connections. */
struct plan {
    char *copy, *save;
    const char *step;
    int random_pct;
};

static const char *next_fault(struct plan *p)
{
    const char *what = "ok";
    if (p->random_pct < 0 && p->step && strncmp(p->step, "random:", 7) == 0) {
        p->random_pct = atoi(p->step + 7);
        p->step = NULL;
    }
    if (p->random_pct >= 0) {
        static const char *const faults[] = {"500", "503", "429", "drop", "reset",
                                             "503date", "hang"};
        if (random() % 100 < p->random_pct) {
            /* hang costs the client a whole timeout: make it rare */
            long k = random() % 13;
            what = faults[k < 6 ? k : (k < 12 ? k % 6 : 6)];
        }
    } else if (p->step) {
        what = p->step;
        p->step = strtok_r(NULL, ",", &p->save);
    }
    return what;
}

static void answer_retry_date(int fd)
{
    char h[128];
    time_t t = time(NULL) + 1;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(h, sizeof h, "Retry-After: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    answer(fd, 503, "Service Unavailable", h);
}

/* An answer far beyond the client's 1 MiB limit. */
static void answer_huge(int fd)
{
    static char chunk[65536];
    const size_t total = 4u << 20;
    char head[160];
    memset(chunk, ' ', sizeof chunk);
    int hl = snprintf(head, sizeof head, "HTTP/1.1 201 Created\r\nContent-Type: "
                      "application/json\r\nContent-Length: %zu\r\nConnection: close"
                      "\r\n\r\n", total);
    write_all(fd, head, (size_t)hl);
    for (size_t sent = 0; sent < total; sent += sizeof chunk)
        write_all(fd, chunk, sizeof chunk);
}

/* Forwards the request upstream and passes the answer on: whole (with
 * Connection: close added), or for "drop" the head and half the body. */
static void pass_on(int fd, const char *what, const char *req, size_t len, int upstream_port)
{
    char *resp = NULL;
    ssize_t n = forward(upstream_port, req, len, &resp);
    if (n < 0) {
        answer(fd, 502, "Bad Gateway", NULL);
    } else if (strcmp(what, "drop") == 0) {
        char *end = strstr(resp, "\r\n\r\n");
        size_t head = end ? (size_t)(end - resp) + 4 : (size_t)n / 2;
        write_all(fd, resp, head + ((size_t)n - head) / 2);
    } else {
        char *eol = strstr(resp, "\r\n");
        if (eol) {
            write_all(fd, resp, (size_t)(eol - resp) + 2);
            write_all(fd, "Connection: close\r\n", 19);
            write_all(fd, eol + 2, (size_t)n - (size_t)(eol - resp) - 2);
        }
    }
    free(resp);
}

/* Carries out one fault on a connection whose request has been read. */
static void act(int fd, const char *what, const char *req, size_t len, int upstream_port)
{
    if (strcmp(what, "500") == 0)
        answer(fd, 500, "Internal Server Error", NULL);
    else if (strcmp(what, "503") == 0)
        answer(fd, 503, "Service Unavailable", "Retry-After: 1\r\n");
    else if (strcmp(what, "429") == 0)
        answer(fd, 429, "Too Many Requests", "Retry-After: 1\r\n");
    else if (strcmp(what, "307") == 0)
        answer(fd, 307, "Temporary Redirect",
               "Location: https://elders.example/v1/results\r\n");
    else if (strcmp(what, "503date") == 0)
        answer_retry_date(fd);
    else if (strcmp(what, "hang") == 0)
        hang(fd);
    else if (strcmp(what, "huge") == 0)
        answer_huge(fd);
    else
        pass_on(fd, what, req, len, upstream_port);
}

static void serve(int lfd, int upstream_port, const char *plan, unsigned seed)
{
    struct plan p = {.random_pct = -1};
    p.copy = strdup(plan ? plan : "");
    p.step = p.copy ? strtok_r(p.copy, ",", &p.save) : NULL;
    srandom(seed);
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        const char *what = next_fault(&p);
        char *req = NULL;
        ssize_t rl = strcmp(what, "reset") == 0 ? -1 : read_message(fd, &req);
        if (rl >= 0)
            act(fd, what, req, (size_t)rl, upstream_port);
        free(req);
        close(fd);
    }
    free(p.copy);
}

pid_t fp_start(int upstream_port, const char *plan, unsigned seed, int *port)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &al) != 0) {
        close(lfd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGPIPE, SIG_IGN);
        signal(SIGTERM, SIG_DFL);
        serve(lfd, upstream_port, plan, seed);
        _exit(0);
    }
    close(lfd);
    return pid;
}

void fp_stop(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}
