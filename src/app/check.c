/*
 * check.c — choosing a loader for a file and checking folders (app.h,
 * pt_app_check_path). Never prints.
 */
#include "app.h"
#include "lint.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/stat.h>

#include "assessment.h"
#include "jsonfield.h"
#include "rubric.h"
#include "sheet.h"
#include "toetsmap.h"
#include "util.h"

/* The toetsmap a sheet at path sits in (MAP/scores/FILE), loaded without
 * its sheets, into *t; false when there is none or it does not load. */
static bool sheet_toetsmap(const char *path, struct pt_toetsmap *t)
{
    char *copy = pt_xstrdup(path);
    char *scores = dirname(copy);
    bool ok = false;
    if (strcmp(basename(scores), "scores") == 0) {
        char *map = pt_xstrdup(dirname(scores));
        struct pt_diags ignore = {0};
        if (pt_is_toetsmap_dir(map)) {
            pt_toetsmap_load_dir(map, t, &ignore);
            ok = t->rubric && t->assessment;
        }
        if (ok) { /* only this sheet's scores: the others are not its business */
            t->nscores = 0;
            pt_toetsmap_index(t);
        }
        pt_diags_free(&ignore);
        free(map);
    }
    free(copy);
    return ok;
}

static void check_sheet(const char *path, const char *data, size_t len, bool csv,
                        struct pt_diags *diags, bool *partial)
{
    struct pt_toetsmap t = {0};
    bool full = sheet_toetsmap(path, &t);
    if (!full)
        *partial = true;
    if (csv) {
        pt_sheet_read_csv(data, len, path, full ? &t : NULL, diags);
    } else {
        cJSON *root = pt_json_parse(data, len, path, diags);
        if (root)
            pt_sheet_read_json(root, path, full ? &t : NULL, diags);
        cJSON_Delete(root);
    }
    pt_toetsmap_free(&t);
}

/* A case file on its own: loaded, then its likely mistakes (lint.h). */
static void check_case(const cJSON *root, const char *path, struct pt_arena *arena,
                       struct pt_diags *diags, struct pt_diags *warnings)
{
    const struct pt_case *k = pt_case_from_json(root, path, arena, diags);
    if (k)
        pt_lint_case(k, NULL, warnings);
}

/* One JSON file, by its format field. */
static void check_json(const char *path, const char *data, size_t len, struct pt_diags *diags,
                       struct pt_diags *warnings, bool *partial)
{
    struct pt_arena arena = {0};
    cJSON *root = pt_json_parse(data, len, path, diags);
    if (!root)
        return;
    const cJSON *f = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "format") : NULL;
    const char *format = cJSON_IsString(f) ? f->valuestring : "";
    if (strcmp(format, PT_RUBRIC_FORMAT) == 0)
        pt_rubric_from_json(root, path, &arena, diags);
    else if (strcmp(format, PT_CASE_FORMAT) == 0)
        check_case(root, path, &arena, diags, warnings);
    else if (strcmp(format, PT_ASSESSMENT_FORMAT) == 0)
        pt_assessment_from_json(root, path, &arena, diags);
    else if (strcmp(format, PT_SCORES_FORMAT) == 0)
        check_sheet(path, data, len, false, diags, partial);
    else if (!f)
        pt_diag_add(diags, path, "format", "veld format ontbreekt; geen praktijktoets-bestand");
    else
        pt_diag_add(diags, path, "format", "onbekend formaat (verwacht een van %s, %s, %s, %s)",
                    PT_RUBRIC_FORMAT, PT_CASE_FORMAT, PT_ASSESSMENT_FORMAT, PT_SCORES_FORMAT);
    cJSON_Delete(root);
    pt_arena_free(&arena);
}

/* One file on its own. Returns the number of problems. */
static size_t check_file(const char *path, struct pt_diags *diags, struct pt_diags *warnings,
                         bool *partial)
{
    size_t before = diags->n;
    size_t len = strlen(path);
    char *data = NULL;
    size_t dlen = 0;
    char why[256];
    if (pt_read_file(path, PT_SHEET_MAX_FILE, &data, &dlen, why, sizeof why) != 0)
        pt_diag_add(diags, path, NULL, "%s", why);
    else if (len > 4 && strcasecmp(path + len - 4, ".csv") == 0)
        check_sheet(path, data, dlen, true, diags, partial);
    else
        check_json(path, data, dlen, diags, warnings, partial);
    free(data);
    return diags->n - before;
}

static size_t check_toetsmap(struct pt_app *app, const char *path, struct pt_diags *diags,
                             struct pt_diags *warnings)
{
    struct pt_toetsmap t = {0};
    size_t before = diags->n;
    if (pt_toetsmap_load_dir(path, &t, diags) == 0) {
        pt_app_check_previous(app, &t, diags);
        pt_lint_toetsmap(&t, (long)(time(NULL) / 86400), warnings);
    }
    pt_toetsmap_free(&t);
    return diags->n - before;
}

size_t pt_app_check_path(struct pt_app *app, const char *path, struct pt_diags *diags,
                         struct pt_diags *warnings, bool *partial)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        pt_diag_add(diags, path, NULL, "bestaat niet");
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return check_file(path, diags, warnings, partial);
    if (pt_is_toetsmap_dir(path))
        return check_toetsmap(app, path, diags, warnings);
    static const char *const kinds[] = {".json", ".csv", ".CSV", NULL};
    size_t n = 0, problems = 0;
    char **names = pt_list_dir(path, kinds, &n);
    for (size_t i = 0; i < n; i++) {
        struct pt_buf p = {0};
        pt_buf_printf(&p, "%s/%s", path, names[i]);
        problems += check_file(p.data, diags, warnings, partial);
        pt_buf_free(&p);
    }
    if (n == 0) {
        pt_diag_add(diags, path, NULL, "bevat geen assessment.json en geen .json- of .csv-bestanden");
        problems++;
    }
    pt_names_free(names, n);
    return problems;
}
