/*
 * toetsmap.c — where a whole praktijktoets folder is loaded and its parts
 * are validated against each other (load → validate; nothing is written).
 */
#include "toetsmap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assessment.h"
#include "jsonfield.h"
#include "rubric.h"
#include "sheet.h"
#include "util.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **pt_list_dir(const char *dir, const char *const *suffixes, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(e->d_name);
        bool match = suffixes == NULL;
        for (size_t i = 0; suffixes && suffixes[i]; i++) {
            size_t sl = strlen(suffixes[i]);
            if (len > sl && strcmp(e->d_name + len - sl, suffixes[i]) == 0)
                match = true;
        }
        if (!match)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            names = pt_xrealloc(names, cap * sizeof *names);
        }
        names[(*n)++] = pt_xstrdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

void pt_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int pt_is_toetsmap_dir(const char *path)
{
    struct stat st;
    struct pt_buf p = {0};
    pt_buf_printf(&p, "%s/assessment.json", path);
    int ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
             stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
    pt_buf_free(&p);
    return ok;
}

/* dir + "/" + name, without doubling a trailing slash of dir. */
static char *join(const char *dir, const char *name)
{
    struct pt_buf b = {0};
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    pt_buf_add(&b, dir, n);
    pt_buf_addc(&b, '/');
    pt_buf_adds(&b, name);
    return pt_buf_detach(&b);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The rubric: the folder's rubric.json when there is one (it must be the
 * one the assessment names), else looked up by id@version. */
static struct pt_rubric *load_rubric(const char *dir, struct pt_toetsmap *t,
                                     const char *assessment_file, struct pt_diags *diags)
{
    const struct pt_assessment *a = t->assessment;
    char *path = join(dir, "rubric.json");
    struct pt_rubric *r = NULL;
    if (is_file(path)) {
        cJSON *root = pt_json_load_file(path, diags);
        if (root)
            r = pt_rubric_from_json(root, path, &t->arena, diags);
        cJSON_Delete(root);
        if (r && a && (strcmp(r->id, a->rubric_id) != 0 || r->version != a->rubric_version)) {
            pt_diag_add(diags, path, "id",
                        "dit is rubric %s@%ld, maar het assessment noemt %s@%ld",
                        r->id, r->version, a->rubric_id, a->rubric_version);
            r = NULL;
        }
    } else if (a) {
        r = pt_rubric_find(a->rubric_id, a->rubric_version, assessment_file, "rubric",
                           &t->arena, diags);
    }
    free(path);
    return r;
}

/* Every cases/<id>.json; the ones the assessment names go to t->cases. */
static int load_cases(const char *dir, struct pt_toetsmap *t, const char *assessment_file,
                      struct pt_diags *diags)
{
    static const char *const json[] = {".json", NULL};
    char *cdir = join(dir, "cases");
    size_t n = 0, errors = 0;
    char **names = pt_list_dir(cdir, NULL, &n);
    const struct pt_assessment *a = t->assessment;
    struct pt_case **found = pt_arena_array(&t->arena, n ? n : 1, sizeof *found);
    size_t nfound = 0;
    (void)json;

    for (size_t i = 0; i < n; i++) {
        char *path = join(cdir, names[i]);
        size_t len = strlen(names[i]);
        if (len < 6 || strcmp(names[i] + len - 5, ".json") != 0) {
            if (is_file(path)) {
                pt_diag_add(diags, path, NULL,
                            "onbekend bestand in cases/: een casus is een .json-bestand");
                errors++;
            }
            free(path);
            continue;
        }
        cJSON *root = pt_json_load_file(path, diags);
        struct pt_case *k = root ? pt_case_from_json(root, path, &t->arena, diags) : NULL;
        cJSON_Delete(root);
        if (!k) {
            errors++;
        } else {
            for (size_t j = 0; j < nfound; j++)
                if (strcmp(found[j]->id, k->id) == 0) {
                    pt_diag_add(diags, path, "id", "casus %s staat ook al in %s",
                                k->id, found[j]->file);
                    errors++;
                    k = NULL;
                    break;
                }
            if (k)
                found[nfound++] = k;
        }
        free(path);
    }
    if (a) {
        t->cases = pt_arena_array(&t->arena, a->ncases, sizeof *t->cases);
        for (size_t c = 0; c < a->ncases; c++) {
            for (size_t j = 0; j < nfound; j++)
                if (strcmp(found[j]->id, a->case_ids[c]) == 0)
                    t->cases[c] = found[j];
            if (!t->cases[c]) {
                char place[PT_PATH_MAX];
                pt_jpath_index(place, sizeof place, "cases", c);
                /* Only report a missing case when its file was not refused
                 * already (then the refusal says why). */
                if (!errors)
                    pt_diag_add(diags, assessment_file, place,
                                "casus \"%s\" niet gevonden in %s/", a->case_ids[c], cdir);
                errors++;
            } else if (a->swv && strcmp(t->cases[c]->swv, a->swv) != 0) {
                pt_diag_add(diags, t->cases[c]->file, "swv",
                            "de casus hoort bij een ander samenwerkingsverband dan "
                            "het assessment (%s)", a->swv);
                errors++;
            }
        }
        for (size_t j = 0; j < nfound; j++)
            if (pt_assessment_case(a, found[j]->id) < 0)
                pt_toetsmap_warn(t, "Casus %s staat in cases/ maar niet in het assessment; "
                                 "niet meegenomen.", found[j]->id);
    }
    pt_names_free(names, n);
    free(cdir);
    return errors ? -1 : 0;
}

static int load_sheets(const char *dir, struct pt_toetsmap *t, struct pt_diags *diags)
{
    char *sdir = join(dir, "scores");
    size_t n = 0, errors = 0;
    char **names = pt_list_dir(sdir, NULL, &n);
    bool ready = t->rubric && t->assessment && t->slot;

    for (size_t i = 0; i < n; i++) {
        char *path = join(sdir, names[i]);
        size_t len = strlen(names[i]);
        bool is_json = len > 5 && strcmp(names[i] + len - 5, ".json") == 0;
        bool is_csv = len > 4 && strcasecmp(names[i] + len - 4, ".csv") == 0;
        if (!is_json && !is_csv) {
            if (is_file(path) && strncmp(names[i], "~$", 2) != 0) {
                pt_diag_add(diags, path, NULL,
                            "onbekend formaat: een scoreblad is .json of .csv "
                            "(sla een spreadsheet op als CSV UTF-8)");
                errors++;
            }
            free(path);
            continue;
        }
        char *data = NULL;
        size_t dlen = 0;
        char why[256];
        if (pt_read_file(path, PT_SHEET_MAX_FILE, &data, &dlen, why, sizeof why) != 0) {
            pt_diag_add(diags, path, NULL, "%s", why);
            errors++;
        } else if (is_json) {
            cJSON *root = pt_json_parse(data, dlen, path, diags);
            if (!root)
                errors++;
            else
                errors += pt_sheet_read_json(root, path, ready ? t : NULL, diags);
            cJSON_Delete(root);
        } else {
            errors += pt_sheet_read_csv(data, dlen, path, ready ? t : NULL, diags);
        }
        free(data);
        free(path);
    }
    pt_names_free(names, n);
    free(sdir);
    return errors ? -1 : 0;
}

void pt_toetsmap_warnings(struct pt_toetsmap *t)
{
    const struct pt_assessment *a = t->assessment;
    const struct pt_rubric *r = t->rubric;
    bool present[PT_ROLE_COUNT] = {false};
    for (size_t i = 0; i < a->nteam; i++)
        present[a->team[i].role] = true;
    for (int role = 0; role < PT_ROLE_REQUIRED; role++)
        if (!present[role])
            pt_toetsmap_warn(t, "De geleding %s ontbreekt in het spiegelteam; het team is "
                             "niet compleet.", pt_role_name((enum pt_role)role));
    for (size_t c = 0; c < a->ncases; c++) {
        const struct pt_case *k = t->cases ? t->cases[c] : NULL;
        if (k && strcmp(r->sector, "po-vo") != 0 && strcmp(k->sector, r->sector) != 0)
            pt_toetsmap_warn(t, "Casus %s is een %s-casus, de rubric %s is voor %s.",
                             k->id, k->sector, r->id, r->sector);
    }
    size_t *given = pt_xcalloc(a->nteam, sizeof *given);
    for (size_t i = 0; i < t->nscores; i++)
        given[t->scores[i].rater]++;
    for (size_t i = 0; i < a->nteam; i++)
        if (!given[i])
            pt_toetsmap_warn(t, "Beoordelaar %s (%s) heeft nog geen scores gegeven.",
                             a->team[i].id, pt_role_name(a->team[i].role));
    free(given);
}

int pt_toetsmap_load_dir(const char *dir, struct pt_toetsmap *t, struct pt_diags *diags)
{
    size_t before = diags->n;
    char *apath = join(dir, "assessment.json");
    struct stat st;

    t->origin = pt_arena_strdup(&t->arena, dir);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        pt_diag_add(diags, dir, NULL, "is geen map (een toetsmap is een map met assessment.json)");
        goto cleanup;
    }
    if (!is_file(apath)) {
        pt_diag_add(diags, apath, NULL, "ontbreekt: een toetsmap heeft een assessment.json");
    } else {
        cJSON *root = pt_json_load_file(apath, diags);
        if (root)
            t->assessment = pt_assessment_from_json(root, apath, &t->arena, diags);
        cJSON_Delete(root);
    }
    t->rubric = load_rubric(dir, t, apath, diags);
    load_cases(dir, t, apath, diags);
    /* The sheets are checked against the rubric and the team whenever
     * those two loaded, also when a case has a problem: check lists every
     * problem in one run. Without them a sheet gets a structural check. */
    if (t->rubric && t->assessment)
        pt_toetsmap_index(t);
    bool cases_ok = diags->n == before;
    load_sheets(dir, t, diags);
    if (!cases_ok)
        t->cases = NULL;
    if (diags->n == before)
        pt_toetsmap_warnings(t);
cleanup:
    free(apath);
    return diags->n == before ? PT_OK : PT_INVALID;
}
