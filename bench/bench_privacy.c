/*
 * bench_privacy.c — throughput of the privacy guard (pt_privacy_scan) for
 * `make bench` (issue 13).
 *
 *   bench_privacy FILE...
 *
 * Every line of the files is one text (case notes and comments are a line
 * or a paragraph): they are scanned one by one, as the loaders scan every
 * string of a case and every comment, and then all together as one long
 * text. Each measurement repeats until at least 0.3 s have passed, three
 * times; the best of three counts. Time is the process's CPU time (the
 * machine is shared; wall time would measure the neighbours). Prints MB/s
 * (10^6 bytes of input per second of CPU) and a last line
 * "RESULT per_text_MBps one_text_MBps".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "privacy.h"
#include "util.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile unsigned sink; /* keeps the scans from being optimised away */

/* MB/s of scanning texts[0..n) (total bytes) repeatedly; best of three. */
static double throughput(char **texts, size_t n, size_t bytes)
{
    double best = 0;
    for (int round = 0; round < 3; round++) {
        size_t reps = 0;
        double t0 = now_s(), t1;
        do {
            for (size_t i = 0; i < n; i++)
                sink += (unsigned)pt_privacy_scan(texts[i]);
            reps++;
            t1 = now_s();
        } while (t1 - t0 < 0.3);
        double mbps = (double)bytes * (double)reps / (t1 - t0) / 1e6;
        if (mbps > best)
            best = mbps;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("gebruik: bench_privacy BESTAND...\n", stderr);
        return 2;
    }
    struct pt_buf all = {0};
    char **texts = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    for (int a = 1; a < argc; a++) {
        char *data = NULL, why[256];
        size_t len = 0;
        if (pt_read_file(argv[a], 1 << 24, &data, &len, why, sizeof why) != 0) {
            fprintf(stderr, "bench_privacy: %s\n", why);
            return 1;
        }
        for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                texts = pt_xrealloc(texts, cap * sizeof *texts);
            }
            texts[n++] = pt_xstrdup(line);
            bytes += strlen(line);
            pt_buf_adds(&all, line);
            pt_buf_addc(&all, '\n');
        }
        free(data);
    }
    double per_text = throughput(texts, n, bytes);
    char *one[1] = {all.data};
    double one_text = throughput(one, 1, all.len);
    printf("privacyscan: %zu teksten, %zu bytes (gemiddeld %.0f bytes per tekst)\n", n, bytes,
           n ? (double)bytes / (double)n : 0.0);
    printf("  per tekst:        %8.1f MB/s\n", per_text);
    printf("  als een tekst:    %8.1f MB/s\n", one_text);
    printf("RESULT %.1f %.1f\n", per_text, one_text);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    pt_buf_free(&all);
    return 0;
}
