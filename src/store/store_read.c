/*
 * store_read.c — where a stored toetsmap is read back.
 *
 * The stored documents go through the same loaders as a folder, so a stored
 * assessment is scored exactly like the folder it came from.
 */
#include "store_db.h"

#include <stdio.h>
#include <string.h>

#include "assessment.h"
#include "jsonfield.h"
#include "rubric.h"
#include "sheet.h"
#include "toetsmap.h"

/* Parses a stored document with the loader for its kind. */
static cJSON *parse_doc(const unsigned char *text, const char *name, struct pt_diags *diags)
{
    const char *s = text ? (const char *)text : "";
    return pt_json_parse(s, strlen(s), name, diags);
}

/* What a step of reading back came to. */
enum step { READ_OK, READ_DBERR, READ_CORRUPT, READ_MISSING };

/* The assessment and its rubric, through their loaders. */
static enum step read_docs(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                           struct pt_diags *diags)
{
    sqlite3_stmt *st = NULL;
    char name[256];
    if (!(st = pt_store_prepare_id(s, "SELECT a.doc, r.doc FROM assessment a JOIN rubric r"
                           " ON r.id = a.rubric_id AND r.version = a.rubric_version"
                           " WHERE a.id = ?1", id)))
        return READ_DBERR;
    int step = sqlite3_step(st);
    if (step != SQLITE_ROW) {
        sqlite3_finalize(st);
        return step == SQLITE_DONE ? READ_MISSING : READ_DBERR;
    }
    snprintf(name, sizeof name, "%s:assessment/%s", s->path, id);
    cJSON *root = parse_doc(sqlite3_column_text(st, 0), name, diags);
    if (root)
        t->assessment = pt_assessment_from_json(root, name, &t->arena, diags);
    cJSON_Delete(root);
    snprintf(name, sizeof name, "%s:rubric/%s", s->path, id);
    root = parse_doc(sqlite3_column_text(st, 1), name, diags);
    if (root)
        t->rubric = pt_rubric_from_json(root, name, &t->arena, diags);
    cJSON_Delete(root);
    sqlite3_finalize(st);
    return t->assessment && t->rubric ? READ_OK : READ_CORRUPT;
}

/* The cases, in the order of the assessment. */
static enum step read_cases(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                            struct pt_diags *diags)
{
    sqlite3_stmt *st = NULL;
    char name[256];
    enum step rc = READ_DBERR;
    t->cases = pt_arena_array(&t->arena, t->assessment->ncases, sizeof *t->cases);
    if (!(st = pt_store_prepare_id(s, "SELECT case_id, doc FROM case_doc WHERE assessment_id = ?1"
                           " ORDER BY position", id)))
        return READ_DBERR;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cid = (const char *)sqlite3_column_text(st, 0);
        snprintf(name, sizeof name, "%s:case/%s/%s", s->path, id, cid ? cid : "?");
        cJSON *root = parse_doc(sqlite3_column_text(st, 1), name, diags);
        struct pt_case *k = root ? pt_case_from_json(root, name, &t->arena, diags) : NULL;
        cJSON_Delete(root);
        long c = k ? pt_assessment_case(t->assessment, k->id) : -1;
        if (c < 0) {
            rc = READ_CORRUPT;
            goto cleanup;
        }
        t->cases[c] = k;
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    rc = READ_OK;
    for (size_t c = 0; c < t->assessment->ncases; c++)
        if (!t->cases[c])
            rc = READ_CORRUPT;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* The sheets the scores came from, by number (0: the score command). */
static enum step read_sheets(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                             const char ***sheets, size_t *nsheets)
{
    sqlite3_stmt *st = NULL;
    enum step rc = READ_CORRUPT;
    *sheets = NULL;
    *nsheets = 0;
    if (!(st = pt_store_prepare_id(s, "SELECT no, path FROM sheet WHERE assessment_id = ?1"
                           " ORDER BY no DESC", id)))
        return READ_DBERR;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 no = sqlite3_column_int64(st, 0);
        if (!*sheets) { /* the highest number comes first */
            if (no < 0 || no > 100000)
                goto cleanup;
            *nsheets = (size_t)no + 1;
            *sheets = pt_arena_array(&t->arena, *nsheets, sizeof **sheets);
        }
        if (no < 0 || (size_t)no >= *nsheets)
            goto cleanup;
        (*sheets)[no] = pt_arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 1));
    }
    rc = step == SQLITE_DONE ? READ_OK : READ_DBERR;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* The scores, through the same rules as a sheet. */
static enum step read_scores(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                             const char **sheets, size_t nsheets, struct pt_diags *diags)
{
    sqlite3_stmt *st = NULL;
    char name[256];
    enum step rc = READ_CORRUPT;
    if (!(st = pt_store_prepare_id(s, "SELECT rater, case_id, criterion, level, nvt, comment, sheet"
                           " FROM score WHERE assessment_id = ?1", id)))
        return READ_DBERR;
    snprintf(name, sizeof name, "%s:score/%s", s->path, id);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char level[24];
        sqlite3_int64 sheet = sqlite3_column_int64(st, 6);
        if (sheet < 0 || (size_t)sheet >= nsheets || !sheets[sheet])
            goto cleanup;
        if (sqlite3_column_int(st, 4))
            memcpy(level, "nvt", 4);
        else
            pt_format_long(level, sizeof level, sqlite3_column_int(st, 3));
        if (!pt_sheet_add_score(t, name, NULL, NULL, (const char *)sqlite3_column_text(st, 0),
                                (const char *)sqlite3_column_text(st, 1),
                                (const char *)sqlite3_column_text(st, 2), level,
                                (const char *)sqlite3_column_text(st, 5), false, diags))
            goto cleanup;
        /* Keep where the score came from (sheet file or the score command). */
        t->scores[t->nscores - 1].source = sheets[sheet];
    }
    rc = step == SQLITE_DONE ? READ_OK : READ_DBERR;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

int pt_store_load(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                  struct pt_diags *diags, struct pt_error *err)
{
    size_t before = diags->n;
    const char **sheets = NULL;
    size_t nsheets = 0;
    t->origin = pt_arena_strdup(&t->arena, s->path);
    enum step rc = read_docs(s, id, t, diags);
    if (rc == READ_OK)
        rc = read_cases(s, id, t, diags);
    if (rc == READ_OK) {
        pt_toetsmap_index(t);
        rc = read_sheets(s, id, t, &sheets, &nsheets);
    }
    if (rc == READ_OK)
        rc = read_scores(s, id, t, sheets, nsheets, diags);
    switch (rc) {
    case READ_OK:
        pt_toetsmap_warnings(t);
        return PT_OK;
    case READ_MISSING:
        pt_diag_add(diags, s->path, NULL, "assessment \"%s\" staat niet in de database "
                    "(zie praktijktoets list)", id);
        return PT_INVALID;
    case READ_CORRUPT:
        if (diags->n == before)
            pt_diag_add(diags, s->path, NULL, "assessment \"%s\" is in de database beschadigd", id);
        pt_error_set(err, "%s: assessment %s kan niet worden gelezen", s->path, id);
        return PT_FAILED;
    case READ_DBERR:
        break;
    }
    return pt_store_dberr(s, err);
}
