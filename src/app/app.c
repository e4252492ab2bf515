/*
 * app.c — the session, loading a toetsmap by folder or id, the previous
 * assessment, import and recording a score (app.h). Never prints.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sheet.h"
#include "store_web.h"
#include "toetsmap.h"
#include "util.h"

const char *pt_app_db_path(const struct pt_app *app)
{
    return pt_store_default_path(app->db_path);
}

int pt_app_store(struct pt_app *app, enum pt_store_mode mode, struct pt_store **out,
                 struct pt_error *err)
{
    if (!app->store) {
        int rc = pt_store_open(pt_app_db_path(app), mode, &app->store, err);
        if (rc != PT_OK)
            return rc;
    }
    *out = app->store;
    return PT_OK;
}

void pt_app_close(struct pt_app *app)
{
    pt_store_close(app->store);
    app->store = NULL;
}

int pt_app_list(struct pt_app *app, enum pt_list_kind kind, struct pt_rows *out,
                struct pt_error *err)
{
    struct pt_store *s = NULL;
    memset(out, 0, sizeof *out);
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    return rc == PT_OK ? pt_store_list(s, kind, out, err) : rc;
}

int pt_app_outbox(struct pt_app *app, struct pt_outbox_entry **out, size_t *n,
                  struct pt_error *err)
{
    struct pt_store *s = NULL;
    *out = NULL;
    *n = 0;
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    return rc == PT_OK ? pt_outbox_select(s, false, 0, out, n, err) : rc;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int pt_app_load(struct pt_app *app, const char *source, struct pt_toetsmap *t,
                struct pt_diags *diags, struct pt_error *err)
{
    struct pt_store *s = NULL;
    if (is_dir(source))
        return pt_toetsmap_load_dir(source, t, diags);
    if (!pt_is_identifier(source)) {
        pt_diag_add(diags, source, NULL, "bestaat niet (geef een toetsmap of het id van een "
                    "opgeslagen assessment)");
        return PT_INVALID;
    }
    struct pt_error why = {""};
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, &why);
    if (rc == PT_INVALID) {
        pt_diag_add(diags, source, NULL, "is geen map, en de database %s bestaat nog niet "
                    "(eerst praktijktoets import)", pt_app_db_path(app));
        return PT_INVALID;
    }
    if (rc != PT_OK) {
        *err = why;
        return rc;
    }
    rc = pt_store_load(s, source, t, diags, err);
    if (rc == PT_FAILED && !err->msg[0])
        pt_error_set(err, "%s: assessment %s kan niet worden gelezen", pt_store_path(s), source);
    return rc;
}

bool pt_app_previous_fits(const struct pt_assessment *a, const struct pt_assessment *prev,
                          const char *file, struct pt_diags *diags)
{
    const char *why = NULL;
    if (strcmp(prev->id, a->id) == 0)
        why = "is dit assessment zelf";
    else if (strcmp(prev->swv, a->swv) != 0)
        why = "is van een ander samenwerkingsverband";
    else if (strcmp(prev->rubric_id, a->rubric_id) != 0)
        why = "gebruikt een andere rubric";
    else if (strcmp(prev->date, a->date) >= 0)
        why = "is niet eerder afgenomen";
    if (why)
        pt_diag_add(diags, file, "previous", "vorige praktijktoets %s %s (%s, %s, %s); een "
                    "vorige praktijktoets is een eerdere van hetzelfde samenwerkingsverband met "
                    "dezelfde rubric", prev->id, why, prev->swv, prev->rubric_id, prev->date);
    return why == NULL;
}

int pt_app_load_previous(struct pt_app *app, const struct pt_toetsmap *t,
                         struct pt_toetsmap *prev_t, struct pt_result *prev,
                         struct pt_error *note)
{
    const char *id = t->assessment->previous;
    const char *path = pt_app_db_path(app);
    struct pt_store *s = NULL;
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, &err);
    if (rc == PT_INVALID)
        pt_error_set(note, "Vorige praktijktoets %s: geen database %s; rapport zonder "
                     "ontwikkeling.", id, path);
    else if (rc != PT_OK)
        pt_error_set(note, "%s; rapport zonder ontwikkeling.", err.msg);
    else if ((rc = pt_store_load(s, id, prev_t, &diags, &err)) != PT_OK)
        pt_error_set(note, "Vorige praktijktoets %s staat niet (leesbaar) in %s; rapport "
                     "zonder ontwikkeling.", id, path);
    else if (!pt_app_previous_fits(t->assessment, prev_t->assessment, t->origin, &diags)) {
        char line[600];
        pt_diag_format(&diags.items[diags.n - 1], line, sizeof line);
        pt_error_set(note, "%s; rapport zonder ontwikkeling.", line);
        rc = PT_INVALID;
    } else {
        pt_score_compute(prev_t, prev);
    }
    pt_diags_free(&diags);
    return rc;
}

int pt_app_check_previous(struct pt_app *app, const struct pt_toetsmap *t,
                          struct pt_diags *diags)
{
    struct pt_store *s = NULL;
    struct pt_toetsmap p = {0};
    struct pt_diags ignore = {0};
    struct pt_error err = {""};
    int rc = PT_OK;
    if (!t->assessment->previous ||
        pt_app_store(app, PT_STORE_EXISTING, &s, &err) != PT_OK)
        return PT_OK;
    if (pt_store_load(s, t->assessment->previous, &p, &ignore, &err) == PT_OK &&
        !pt_app_previous_fits(t->assessment, p.assessment, t->origin, diags))
        rc = PT_INVALID;
    pt_diags_free(&ignore);
    pt_toetsmap_free(&p);
    return rc;
}

/* import --replace of an assessment with corrections needs
 * --discard-corrections. */
static int check_corrections(struct pt_store *s, const struct pt_toetsmap *t,
                             const struct pt_import_options *opt, struct pt_diags *diags,
                             struct pt_error *err)
{
    long n = 0;
    if (!opt->replace || opt->discard_corrections)
        return PT_OK;
    int rc = pt_store_corrections(s, t->assessment->id, &n, err);
    if (rc == PT_INVALID || (rc == PT_OK && n == 0))
        return PT_OK;
    if (rc != PT_OK)
        return rc;
    pt_diag_add(diags, t->origin, NULL, "assessment %s heeft %ld %s met praktijktoets score; "
                "import --replace zou %s wissen. Voeg --discard-corrections toe om ze te "
                "laten vervallen", t->assessment->id, n, n == 1 ? "correctie" : "correcties",
                n == 1 ? "die" : "ze");
    return PT_INVALID;
}

int pt_app_import(struct pt_app *app, const char *dir, const struct pt_import_options *opt,
                  struct pt_import_outcome *out, struct pt_diags *diags, struct pt_error *err)
{
    struct pt_toetsmap t = {0};
    struct pt_store *s = NULL;
    int rc;
    memset(out, 0, sizeof *out);
    if (!is_dir(dir)) {
        pt_diag_add(diags, dir, NULL, "is geen map (een toetsmap is een map met assessment.json)");
        return PT_INVALID;
    }
    rc = pt_toetsmap_load_dir(dir, &t, diags);
    if (rc == PT_OK)
        rc = pt_app_check_previous(app, &t, diags);
    /* The database is opened with the first toetsmap that loads, so that a
     * wrong folder does not leave an empty database behind. */
    if (rc == PT_OK)
        rc = pt_app_store(app, PT_STORE_CREATE, &s, err);
    /* web.md: --replace of a closed assessment needs phase discussion first */
    if (rc == PT_OK)
        rc = pt_web_check_import(s, t.assessment->id, opt->replace, err);
    if (rc == PT_OK)
        rc = check_corrections(s, &t, opt, diags, err);
    if (rc == PT_OK)
        rc = pt_store_import(s, &t, opt->replace, diags, err);
    /* web.md: an assessment imported with a sheet of every team member starts
     * in discussion, else in scoring (a replace keeps the phase it has). The
     * import is committed already: should this fail, pt_web_phase applies
     * the same rule to an assessment without a stored phase. */
    enum pt_phase phase;
    struct pt_error ignored = {""};
    if (rc == PT_OK)
        (void)pt_web_phase_init(s, t.assessment->id, &phase, &ignored);
    if (rc == PT_OK) {
        snprintf(out->id, sizeof out->id, "%s", t.assessment->id);
        out->ncases = t.assessment->ncases;
        out->nscores = t.nscores;
        out->revision = 1;
        pt_store_revision(s, t.assessment->id, &out->revision, err);
    }
    pt_toetsmap_free(&t);
    return rc;
}

int pt_app_record_score_in(struct pt_app *app, const struct pt_score_input *in, bool *changed,
                           struct pt_diags *diags, struct pt_error *err)
{
    struct pt_store *s = NULL;
    struct pt_toetsmap t = {0};
    *changed = false;
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    if (rc == PT_OK)
        rc = pt_store_load(s, in->id, &t, diags, err);
    /* web.md: score is a correction and needs phase discussion */
    if (rc == PT_OK)
        rc = pt_web_check_score(s, in->id, err);
    if (rc != PT_OK)
        goto cleanup;
    /* Validated against the rubric and the team by the model's rules. */
    if (!pt_sheet_add_score(&t, PT_SCORE_SOURCE, NULL, " --level", in->rater, in->kase,
                            in->criterion, in->level, in->comment, true, diags)) {
        rc = PT_INVALID;
        goto cleanup;
    }
    size_t slot = pt_toetsmap_slot(&t, (size_t)pt_toetsmap_case(&t, in->kase),
                                   (size_t)pt_toetsmap_criterion(&t, in->criterion),
                                   (size_t)pt_toetsmap_rater(&t, in->rater));
    rc = pt_store_put_score(s, &t, &t.scores[slot - 1], in->comment == NULL, changed, err);
cleanup:
    if (rc != PT_OK)
        *changed = false;
    pt_toetsmap_free(&t);
    return rc;
}

int pt_app_record_score(struct pt_app *app, const struct pt_score_input *in, bool *changed,
                        long *revision, struct pt_diags *diags, struct pt_error *err)
{
    struct pt_store *s = NULL;
    *changed = false;
    *revision = 0;
    int rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    if (rc != PT_OK)
        return rc;
    /* The write lock first, so that nobody changes the scores between our
     * validation and our write. */
    rc = pt_store_begin(s, err);
    if (rc == PT_OK)
        rc = pt_app_record_score_in(app, in, changed, diags, err);
    if (rc == PT_OK)
        rc = pt_store_commit(s, err);
    if (rc == PT_OK)
        rc = pt_store_revision(s, in->id, revision, err);
    if (rc != PT_OK)
        *changed = false;
    pt_store_rollback(s);
    return rc;
}
