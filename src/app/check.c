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
#include "csv.h"
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

/* Adds id to the list ids[0..*n) unless it is there (the arena owns it). */
static void add_id(struct pt_arena *arena, const char ***ids, size_t *n, size_t *cap,
                   const char *id)
{
    if (!id || !*id)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*ids)[i], id) == 0)
            return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        const char **grown = pt_arena_array(arena, *cap, sizeof *grown);
        if (*n)
            memcpy(grown, *ids, *n * sizeof *grown);
        *ids = grown;
    }
    (*ids)[(*n)++] = pt_arena_strdup(arena, id);
}

/* The raters and cases a sheet names, as a stand-in team and case list. */
static void sheet_ids(const char *data, size_t len, bool csv, struct pt_toetsmap *t,
                      struct pt_assessment *a)
{
    struct pt_diags ignore = {0};
    const char **raters = NULL;
    size_t nr = 0, rcap = 0, ccap = 0;
    if (csv) {
        struct pt_csv c = {0};
        if (pt_csv_parse(data, len, "", &c, &ignore) == 0) {
            int rc = pt_csv_column(&c, "rater"), cc = pt_csv_column(&c, "case");
            for (size_t i = 0; i < c.nrows && rc >= 0 && cc >= 0; i++) {
                const struct pt_csv_record *r = &c.rows[i];
                add_id(&t->arena, &raters, &nr, &rcap,
                       (size_t)rc < r->nfields ? r->fields[rc] : NULL);
                add_id(&t->arena, &a->case_ids, &a->ncases, &ccap,
                       (size_t)cc < r->nfields ? r->fields[cc] : NULL);
            }
        }
        pt_csv_free(&c);
    } else {
        cJSON *root = cJSON_ParseWithLength(data, len);
        const cJSON *aid = cJSON_GetObjectItemCaseSensitive(root, "assessment");
        if (cJSON_IsString(aid))
            a->id = pt_arena_strdup(&t->arena, aid->valuestring);
        const cJSON *row;
        cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(root, "scores")) {
            const cJSON *r = cJSON_GetObjectItemCaseSensitive(row, "rater");
            const cJSON *k = cJSON_GetObjectItemCaseSensitive(row, "case");
            add_id(&t->arena, &raters, &nr, &rcap, cJSON_IsString(r) ? r->valuestring : NULL);
            add_id(&t->arena, &a->case_ids, &a->ncases, &ccap,
                   cJSON_IsString(k) ? k->valuestring : NULL);
        }
        cJSON_Delete(root);
    }
    a->team = pt_arena_array(&t->arena, nr, sizeof *a->team);
    for (size_t i = 0; i < nr; i++)
        a->team[i].id = raters[i];
    a->nteam = nr;
    pt_diags_free(&ignore);
}

/* check --rubric FILE: the rubric from the file and, for team and cases,
 * whatever the sheet names; false (with the rubric's problems) when the
 * rubric does not load. */
static bool rubric_toetsmap(const char *rubric, const char *data, size_t len, bool csv,
                            struct pt_toetsmap *t, struct pt_diags *diags)
{
    cJSON *root = pt_json_load_file(rubric, diags);
    if (root)
        t->rubric = pt_rubric_from_json(root, rubric, &t->arena, diags);
    cJSON_Delete(root);
    if (!t->rubric)
        return false;
    struct pt_assessment *a = pt_arena_alloc(&t->arena, sizeof *a);
    a->id = "";
    sheet_ids(data, len, csv, t, a);
    t->assessment = a;
    pt_toetsmap_index(t);
    return true;
}

static void check_sheet(const char *path, const char *data, size_t len, bool csv,
                        const struct pt_check_options *opt, struct pt_diags *diags,
                        bool *partial)
{
    struct pt_toetsmap t = {0};
    bool full = sheet_toetsmap(path, &t);
    if (!full && opt && opt->rubric) {
        full = rubric_toetsmap(opt->rubric, data, len, csv, &t, diags);
        if (!full) {
            pt_toetsmap_free(&t);
            return;
        }
        *partial = true;
    } else if (!full) {
        *partial = true;
    }
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
static void check_json(const char *path, const char *data, size_t len,
                       const struct pt_check_options *opt, struct pt_diags *diags,
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
        check_sheet(path, data, len, false, opt, diags, partial);
    else if (!f)
        pt_diag_add(diags, path, "format", "veld format ontbreekt; geen praktijktoets-bestand");
    else
        pt_diag_add(diags, path, "format", "onbekend formaat (verwacht een van %s, %s, %s, %s)",
                    PT_RUBRIC_FORMAT, PT_CASE_FORMAT, PT_ASSESSMENT_FORMAT, PT_SCORES_FORMAT);
    cJSON_Delete(root);
    pt_arena_free(&arena);
}

/* One file on its own. Returns the number of problems. */
static size_t check_file(const char *path, const struct pt_check_options *opt,
                         struct pt_diags *diags, struct pt_diags *warnings, bool *partial)
{
    size_t before = diags->n;
    size_t len = strlen(path);
    char *data = NULL;
    size_t dlen = 0;
    char why[256];
    if (pt_read_file(path, PT_SHEET_MAX_FILE, &data, &dlen, why, sizeof why) != 0)
        pt_diag_add(diags, path, NULL, "%s", why);
    else if (len > 4 && strcasecmp(path + len - 4, ".csv") == 0)
        check_sheet(path, data, dlen, true, opt, diags, partial);
    else
        check_json(path, data, dlen, opt, diags, warnings, partial);
    free(data);
    return diags->n - before;
}

static size_t check_toetsmap(struct pt_app *app, const char *path, struct pt_diags *diags,
                             struct pt_diags *warnings)
{
    struct pt_toetsmap t = {0};
    size_t before = diags->n;
    if (pt_toetsmap_load_dir(path, &t, diags) == PT_OK) {
        pt_app_check_previous(app, &t, diags);
        pt_lint_toetsmap(&t, (long)(time(NULL) / 86400), warnings);
    }
    pt_toetsmap_free(&t);
    return diags->n - before;
}

size_t pt_app_check_path(struct pt_app *app, const char *path,
                         const struct pt_check_options *opt, struct pt_diags *diags,
                         struct pt_diags *warnings, bool *partial)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        pt_diag_add(diags, path, NULL, "bestaat niet");
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return check_file(path, opt, diags, warnings, partial);
    if (pt_is_toetsmap_dir(path))
        return check_toetsmap(app, path, diags, warnings);
    static const char *const kinds[] = {".json", ".csv", ".CSV", NULL};
    size_t n = 0, problems = 0;
    char **names = pt_list_dir(path, kinds, &n);
    for (size_t i = 0; i < n; i++) {
        struct pt_buf p = {0};
        pt_buf_printf(&p, "%s/%s", path, names[i]);
        problems += check_file(p.data, opt, diags, warnings, partial);
        pt_buf_free(&p);
    }
    if (n == 0) {
        pt_diag_add(diags, path, NULL, "bevat geen assessment.json en geen .json- of .csv-bestanden");
        problems++;
    }
    pt_names_free(names, n);
    return problems;
}
