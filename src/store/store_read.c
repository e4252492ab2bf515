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

int pt_store_load(struct pt_store *s, const char *id, struct pt_toetsmap *t,
                  struct pt_diags *diags, struct pt_error *err)
{
    sqlite3_stmt *st = NULL;
    cJSON *root = NULL;
    int rc = PT_FAILED;
    size_t before = diags->n;
    char name[256];

    t->origin = pt_arena_strdup(&t->arena, s->path);
    if (sqlite3_prepare_v2(s->db, "SELECT a.doc, r.doc FROM assessment a JOIN rubric r"
                           " ON r.id = a.rubric_id AND r.version = a.rubric_version"
                           " WHERE a.id = ?1", -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        pt_diag_add(diags, s->path, NULL, "assessment \"%s\" staat niet in de database "
                    "(zie praktijktoets list)", id);
        rc = PT_INVALID;
        goto cleanup;
    }
    if (step != SQLITE_ROW)
        goto dberr;
    snprintf(name, sizeof name, "%s:assessment/%s", s->path, id);
    root = parse_doc(sqlite3_column_text(st, 0), name, diags);
    if (root)
        t->assessment = pt_assessment_from_json(root, name, &t->arena, diags);
    cJSON_Delete(root);
    snprintf(name, sizeof name, "%s:rubric/%s", s->path, id);
    root = parse_doc(sqlite3_column_text(st, 1), name, diags);
    if (root)
        t->rubric = pt_rubric_from_json(root, name, &t->arena, diags);
    cJSON_Delete(root);
    root = NULL;
    sqlite3_finalize(st);
    st = NULL;
    if (!t->assessment || !t->rubric)
        goto corrupt;

    t->cases = pt_arena_array(&t->arena, t->assessment->ncases, sizeof *t->cases);
    if (sqlite3_prepare_v2(s->db, "SELECT case_id, doc FROM case_doc WHERE assessment_id = ?1"
                           " ORDER BY position", -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *cid = (const char *)sqlite3_column_text(st, 0);
        snprintf(name, sizeof name, "%s:case/%s/%s", s->path, id, cid ? cid : "?");
        root = parse_doc(sqlite3_column_text(st, 1), name, diags);
        struct pt_case *k = root ? pt_case_from_json(root, name, &t->arena, diags) : NULL;
        cJSON_Delete(root);
        root = NULL;
        long c = k ? pt_assessment_case(t->assessment, k->id) : -1;
        if (c < 0)
            goto corrupt;
        t->cases[c] = k;
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(st);
    st = NULL;
    for (size_t c = 0; c < t->assessment->ncases; c++)
        if (!t->cases[c])
            goto corrupt;

    pt_toetsmap_index(t);

    /* The sheets the scores came from, by number (0: the score command). */
    size_t nsheets = 0;
    const char **sheets = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT no, path FROM sheet WHERE assessment_id = ?1"
                           " ORDER BY no DESC", -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 no = sqlite3_column_int64(st, 0);
        if (!sheets) { /* the highest number comes first */
            if (no < 0 || no > 100000)
                goto corrupt;
            nsheets = (size_t)no + 1;
            sheets = pt_arena_array(&t->arena, nsheets, sizeof *sheets);
        }
        if (no < 0 || (size_t)no >= nsheets)
            goto corrupt;
        sheets[no] = pt_arena_strdup(&t->arena, (const char *)sqlite3_column_text(st, 1));
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(st);
    st = NULL;

    if (sqlite3_prepare_v2(s->db, "SELECT rater, case_id, criterion, level, nvt, comment, sheet"
                           " FROM score WHERE assessment_id = ?1", -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    snprintf(name, sizeof name, "%s:score/%s", s->path, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char level[24];
        sqlite3_int64 sheet = sqlite3_column_int64(st, 6);
        if (sheet < 0 || (size_t)sheet >= nsheets || !sheets[sheet])
            goto corrupt;
        if (sqlite3_column_int(st, 4))
            memcpy(level, "nvt", 4);
        else
            pt_format_long(level, sizeof level, sqlite3_column_int(st, 3));
        if (!pt_sheet_add_score(t, name, NULL, NULL, (const char *)sqlite3_column_text(st, 0),
                                (const char *)sqlite3_column_text(st, 1),
                                (const char *)sqlite3_column_text(st, 2), level,
                                (const char *)sqlite3_column_text(st, 5), false, diags))
            goto corrupt;
        /* Keep where the score came from (sheet file or the score command). */
        t->scores[t->nscores - 1].source = sheets[sheet];
    }
    if (step != SQLITE_DONE)
        goto dberr;
    pt_toetsmap_warnings(t);
    rc = PT_OK;
    goto cleanup;
corrupt:
    if (diags->n == before)
        pt_diag_add(diags, s->path, NULL, "assessment \"%s\" is in de database beschadigd", id);
    rc = PT_FAILED;
    pt_error_set(err, "%s: assessment %s kan niet worden gelezen", s->path, id);
    goto cleanup;
dberr:
    rc = pt_store_dberr(s, err);
cleanup:
    sqlite3_finalize(st);
    return rc;
}
