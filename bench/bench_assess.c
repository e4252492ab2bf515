/*
 * bench_assess.c — in-process timing of assessing one toetsmap, for
 * `make bench`: the engine itself, without process start-up, linked against
 * build/libpraktijktoets.a.
 *
 *   bench_assess DIR [RUNS]               load the folder + score + result JSON
 *   bench_assess --db FILE --id ID [RUNS] the same from the database
 *
 * Each run does what `praktijktoets assess ... --format json` does inside
 * the process: load (and validate, privacy scan included) the toetsmap,
 * compute the result (scoring.md), build and print the JSON result object
 * (into memory, not to stdout). Timed with CLOCK_MONOTONIC per run; prints
 * the median, mean and minimum of the total and of each step, in ms, and a
 * last line "RESULT median_ms mean_ms min_ms" for bench/run.sh. Two warm-up
 * runs are not counted (file and page caches).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_write.h"
#include "result.h"
#include "score.h"
#include "store.h"
#include "toetsmap.h"

enum { STEP_LOAD, STEP_SCORE, STEP_JSON, STEP_TOTAL, NSTEPS };
static const char *const step_names[NSTEPS] = {"laden+valideren", "scoren", "resultaat-JSON",
                                               "totaal"};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One run; the step times are added to t[]. Returns 0, or -1 on failure. */
static int run_once(const char *dir, const char *db, const char *id, double t[NSTEPS])
{
    struct pt_toetsmap tm = {0};
    struct pt_result res = {0};
    struct pt_diags diags = {0};
    int rc = -1;
    double t0 = now_ms();
    if (db) {
        struct pt_store *store = NULL;
        struct pt_error err = {""};
        if (pt_store_open(db, PT_STORE_EXISTING, &store, &err) != PT_OK) {
            fprintf(stderr, "bench_assess: %s\n", err.msg);
            goto cleanup;
        }
        int st = pt_store_load(store, id, &tm, &diags, &err);
        pt_store_close(store);
        if (st != PT_OK) {
            pt_diags_print(&diags, stderr);
            fprintf(stderr, "bench_assess: %s\n", err.msg);
            goto cleanup;
        }
    } else if (pt_toetsmap_load_dir(dir, &tm, &diags) != 0) {
        pt_diags_print(&diags, stderr);
        goto cleanup;
    }
    double t1 = now_ms();
    pt_score_compute(&tm, &res);
    double t2 = now_ms();
    cJSON *json = pt_result_to_json(&res);
    char *text = json ? pt_json_print(json, true) : NULL; /* as cmd_assess writes it */
    cJSON_Delete(json);
    if (!text)
        goto cleanup;
    free(text);
    double t3 = now_ms();
    t[STEP_LOAD] = t1 - t0;
    t[STEP_SCORE] = t2 - t1;
    t[STEP_JSON] = t3 - t2;
    t[STEP_TOTAL] = t3 - t0;
    rc = 0;
cleanup:
    pt_result_free(&res);
    pt_toetsmap_free(&tm);
    pt_diags_free(&diags);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *db = NULL, *id = NULL;
    long runs = 200;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--id") == 0 && i + 1 < argc)
            id = argv[++i];
        else if (!dir && !db && argv[i][0] != '-')
            dir = argv[i];
        else if (argv[i][0] != '-')
            runs = strtol(argv[i], NULL, 10);
        else
            break;
    }
    if (i < argc || (!dir && !(db && id)) || runs < 1) {
        fputs("gebruik: bench_assess MAP [RUNS] | bench_assess --db BESTAND --id ID [RUNS]\n",
              stderr);
        return 2;
    }
    double *samples[NSTEPS];
    for (int s = 0; s < NSTEPS; s++) {
        samples[s] = calloc((size_t)runs, sizeof(double));
        if (!samples[s])
            return 1;
    }
    double warm[NSTEPS];
    for (int w = 0; w < 2; w++)
        if (run_once(dir, db, id, warm) != 0)
            return 1;
    for (long r = 0; r < runs; r++) {
        double t[NSTEPS];
        if (run_once(dir, db, id, t) != 0)
            return 1;
        for (int s = 0; s < NSTEPS; s++)
            samples[s][r] = t[s];
    }
    double med = 0, mean = 0, min = 0;
    printf("%s (%s), %ld runs, in ms:\n", db ? id : dir, db ? "database" : "map", runs);
    for (int s = 0; s < NSTEPS; s++) {
        double sum = 0;
        for (long r = 0; r < runs; r++)
            sum += samples[s][r];
        qsort(samples[s], (size_t)runs, sizeof(double), cmp_double);
        med = runs % 2 ? samples[s][runs / 2]
                       : (samples[s][runs / 2 - 1] + samples[s][runs / 2]) / 2;
        mean = sum / (double)runs;
        min = samples[s][0];
        printf("  %-16s mediaan %8.3f  gemiddeld %8.3f  min %8.3f\n", step_names[s], med, mean,
               min);
    }
    printf("RESULT %.3f %.3f %.3f\n", med, mean, min);
    for (int s = 0; s < NSTEPS; s++)
        free(samples[s]);
    return 0;
}
