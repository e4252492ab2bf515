/*
 * cmd_check.c — `praktijktoets check FILE|DIR...`: validate rubrics, cases,
 * assessments, score sheets and whole toetsmappen, listing every problem.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "assessment.h"
#include "cli.h"
#include "jsonfield.h"
#include "lint.h"
#include "rubric.h"
#include "sheet.h"
#include "toetsmap.h"

static const char help[] =
    "gebruik: praktijktoets check BESTAND|MAP...\n"
    "\n"
    "Controleert rubrics, casussen (ook op persoonsgegevens), assessments en\n"
    "scorebladen (.json of .csv). Een toetsmap (een map met assessment.json)\n"
    "wordt als geheel gecontroleerd; van een andere map elk .json- en .csv-bestand.\n"
    "Meldt alle problemen, niet alleen het eerste; afsluitcode 3 bij een probleem.\n"
    "Wat mag maar waarschijnlijk een vergissing is (zoals een gebeurtenis na de datum\n"
    "van het assessment) meldt check als \"waarschuwing: ...\"; de afsluitcode blijft.\n";

/* Prints "waarschuwing: file:place: message" on stderr for each likely
 * mistake (lint.h) in a loaded toetsmap t, or else in a case k on its own. */
static void lint_warn(const struct pt_toetsmap *t, const struct pt_case *k)
{
    struct pt_diags w = {0};
    char line[2048];
    if (t)
        pt_lint_toetsmap(t, (long)(time(NULL) / 86400), &w);
    else if (k)
        pt_lint_case(k, NULL, &w);
    for (size_t i = 0; i < w.n; i++) {
        pt_diag_format(&w.items[i], line, sizeof line);
        fprintf(stderr, "waarschuwing: %s\n", line);
    }
    pt_diags_free(&w);
}

/* One file on its own. Returns the number of problems. */
static size_t check_file(const char *path, struct pt_diags *diags)
{
    size_t before = diags->n;
    size_t len = strlen(path);
    char *data = NULL;
    size_t dlen = 0;
    char why[256];
    struct pt_arena arena = {0};
    cJSON *root = NULL;

    if (pt_read_file(path, PT_SHEET_MAX_FILE, &data, &dlen, why, sizeof why) != 0) {
        pt_diag_add(diags, path, NULL, "%s", why);
        goto cleanup;
    }
    if (len > 4 && strcasecmp(path + len - 4, ".csv") == 0) {
        pt_sheet_read_csv(data, dlen, path, NULL, diags);
        goto cleanup;
    }
    root = pt_json_parse(data, dlen, path, diags);
    if (!root)
        goto cleanup;
    const cJSON *f = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    const char *format = cJSON_IsString(f) ? f->valuestring : "";
    if (strcmp(format, PT_RUBRIC_FORMAT) == 0)
        pt_rubric_from_json(root, path, &arena, diags);
    else if (strcmp(format, PT_CASE_FORMAT) == 0)
        lint_warn(NULL, pt_case_from_json(root, path, &arena, diags));  /* issue 16 */
    else if (strcmp(format, PT_ASSESSMENT_FORMAT) == 0)
        pt_assessment_from_json(root, path, &arena, diags);
    else if (strcmp(format, PT_SCORES_FORMAT) == 0)
        pt_sheet_read_json(root, path, NULL, diags);
    else if (!f)
        pt_diag_add(diags, path, "format", "veld format ontbreekt; geen praktijktoets-bestand");
    else
        pt_diag_add(diags, path, "format", "onbekend formaat (verwacht een van %s, %s, %s, %s)",
                    PT_RUBRIC_FORMAT, PT_CASE_FORMAT, PT_ASSESSMENT_FORMAT, PT_SCORES_FORMAT);
cleanup:
    cJSON_Delete(root);
    free(data);
    pt_arena_free(&arena);
    return diags->n - before;
}

static size_t check_path(const char *path, struct pt_diags *diags, size_t *checked)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        pt_diag_add(diags, path, NULL, "bestaat niet");
        (*checked)++;
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*checked)++;
        return check_file(path, diags);
    }
    if (pt_is_toetsmap_dir(path)) {
        struct pt_toetsmap t = {0};
        size_t before = diags->n;
        if (pt_toetsmap_load_dir(path, &t, diags) == 0)
            lint_warn(&t, NULL);  /* issue 16: likely mistakes, exit status unchanged */
        pt_toetsmap_free(&t);
        (*checked)++;
        return diags->n - before;
    }
    static const char *const kinds[] = {".json", ".csv", ".CSV", NULL};
    size_t n = 0, problems = 0;
    char **names = pt_list_dir(path, kinds, &n);
    for (size_t i = 0; i < n; i++) {
        struct pt_buf p = {0};
        pt_buf_printf(&p, "%s/%s", path, names[i]);
        (*checked)++;
        problems += check_file(p.data, diags);
        pt_buf_free(&p);
    }
    if (n == 0) {
        pt_diag_add(diags, path, NULL, "bevat geen assessment.json en geen .json- of .csv-bestanden");
        problems++;
    }
    pt_names_free(names, n);
    return problems;
}

int cmd_check(struct pt_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    (void)cli;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return PT_OK;
        }
        return pt_cli_usage("check", "onbekende optie");
    }
    if (optind >= argc)
        return pt_cli_usage("check", "geef een of meer bestanden of mappen");

    struct pt_diags diags = {0};
    size_t checked = 0, problems = 0;
    for (int i = optind; i < argc; i++) {
        size_t p = check_path(argv[i], &diags, &checked);
        if (!p)
            printf("%s: in orde\n", argv[i]);
        problems += p;
    }
    pt_diags_print(&diags, stderr);
    if (problems)
        fprintf(stderr, "praktijktoets check: %zu %s gevonden\n", problems,
                problems == 1 ? "probleem" : "problemen");
    pt_diags_free(&diags);
    return problems ? PT_INVALID : PT_OK;
}
