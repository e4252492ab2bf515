/*
 * web_api.c — the JSON API below /api/v1/ (web.md "API") and the report.
 * Every handler: session (401), role (403), CSRF for writes (403), body
 * (400 malformed, 413 too large, 422 unknown field or value), phase (409).
 * The independence rule is enforced here and in web_sees_others: until the
 * discussion opens no answer holds another rater's level or comment.
 */
#include "web_internal.h"
#include "web_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "report.h"
#include "score.h"

static bool need_role(struct web_req *r, bool rater, bool coordinator, bool reader)
{
    return web_role_ok(r, rater, coordinator, reader, "dat mag met deze link niet");
}

static bool need_csrf(struct web_req *r)
{
    if (web_csrf_ok(r))
        return true;
    web_error(r, 403, "csrf", "het CSRF-token ontbreekt of klopt niet; laad de pagina opnieuw");
    return false;
}

/* The body as a JSON object whose keys are all in names; NULL: answered. */
static cJSON *json_body(struct web_req *r, const char *const *names)
{
    char msg[160];
    unsigned status = 0;
    cJSON *j = pt_web_json_object(r->body, r->len, names, &status, msg, sizeof msg);
    if (!j)
        web_error(r, status, status == 400 ? "malformed_json" : "unknown_field", msg);
    return j;
}

/* The start of a write: the role (rater or coordinator), the CSRF token, and
 * the body as a JSON object whose keys are all in names; NULL: answered. */
static cJSON *write_body(struct web_req *r, bool rater, bool coordinator,
                         const char *const *names)
{
    if (!need_role(r, rater, coordinator, false) || !need_csrf(r))
        return NULL;
    return json_body(r, names);
}

/* A string field (or null when allow_null); *ok false: answered 422. */
static const char *str_field(struct web_req *r, const cJSON *j, const char *name, bool required,
                             bool allow_null, bool *ok)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, name);
    char msg[160];
    if (!f && !required)
        return NULL;
    if (f && cJSON_IsString(f))
        return f->valuestring;
    if (f && cJSON_IsNull(f) && allow_null)
        return NULL;
    snprintf(msg, sizeof msg, "veld \"%s\" ontbreekt of is geen tekst", name);
    web_error(r, 422, "invalid", msg);
    *ok = false;
    return NULL;
}

static cJSON *score_json(const char *rater, const char *kase, const char *crit, const char *level,
                         const char *comment)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rater", rater);
    cJSON_AddStringToObject(o, "case", kase);
    cJSON_AddStringToObject(o, "criterion", crit);
    if (level)
        cJSON_AddStringToObject(o, "level", level);
    else
        cJSON_AddNullToObject(o, "level");
    if (comment && *comment)
        cJSON_AddStringToObject(o, "comment", comment);
    else
        cJSON_AddNullToObject(o, "comment");
    return o;
}

/* The answer to a write of score s: s as JSON, or the store's error. */
static void answer_score(struct web_req *r, int rc, const struct pt_error *err,
                         const struct pt_web_score *s)
{
    if (rc == PT_OK)
        web_json(r, 200, score_json(s->rater, s->kase, s->criterion, s->level, s->comment));
    else
        web_store_error(r, rc, err->msg);
}

static void get_session(struct web_req *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "role", pt_web_role_name(r->s.inv.role));
    if (r->s.inv.role == PT_WEB_RATER)
        cJSON_AddStringToObject(o, "rater", r->s.inv.rater);
    else
        cJSON_AddNullToObject(o, "rater");
    if (r->s.inv.role == PT_WEB_READER)
        cJSON_AddStringToObject(o, "audience", r->s.inv.audience);
    cJSON_AddStringToObject(o, "assessment", r->s.inv.assessment);
    cJSON_AddStringToObject(o, "phase", pt_phase_name(r->phase));
    cJSON_AddStringToObject(o, "csrf_token", r->s.csrf);
    web_json(r, 200, o);
}

static void get_assessment(struct web_req *r)
{
    const struct pt_toetsmap *t = r->t;
    if (!need_role(r, true, true, false))
        return;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "assessment", cJSON_Parse(t->assessment->json));
    cJSON_AddItemToObject(o, "rubric", cJSON_Parse(t->rubric->json));
    cJSON *cases = cJSON_AddArrayToObject(o, "cases");
    for (size_t c = 0; c < t->assessment->ncases; c++)
        cJSON_AddItemToArray(cases, cJSON_Parse(t->cases[c]->json));
    cJSON *team = cJSON_AddArrayToObject(o, "team");
    for (size_t i = 0; i < t->assessment->nteam; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "id", t->assessment->team[i].id);
        cJSON_AddStringToObject(m, "role", pt_role_name(t->assessment->team[i].role));
        cJSON_AddItemToArray(team, m);
    }
    web_json(r, 200, o);
}

static void get_scores(struct web_req *r)
{
    struct pt_web_rows rows = {0};
    struct pt_error err = {""};
    if (!need_role(r, true, true, false))
        return;
    if (r->s.inv.role == PT_WEB_COORDINATOR && r->phase == PT_PHASE_SCORING) {
        web_error(r, 409, "phase", "in de fase scoring ziet de coördinator alleen de voortgang");
        return;
    }
    const char *only = web_sees_others(r) ? NULL : r->s.inv.rater;
    int rc = pt_web_scores(r->th->store, r->s.inv.assessment, only, &rows, &err);
    if (rc != PT_OK) {
        web_store_error(r, rc, err.msg);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(o, "scores");
    for (size_t i = 0; i < rows.n; i++)
        cJSON_AddItemToArray(a, score_json(rows.v[i].rater, rows.v[i].kase, rows.v[i].criterion,
                                           rows.v[i].level, rows.v[i].comment));
    pt_web_rows_free(&rows);
    web_json(r, 200, o);
}

static void put_score(struct web_req *r, const char *kase, const char *crit)
{
    static const char *const names[] = {"level", "comment", NULL};
    struct pt_error err = {""};
    bool ok = true;
    cJSON *j = write_body(r, true, false, names);
    if (!j)
        return;
    if (!cJSON_GetObjectItemCaseSensitive(j, "level")) {
        cJSON_Delete(j);
        web_error(r, 422, "invalid", "veld \"level\" ontbreekt (\"3\", \"nvt\" of null)");
        return;
    }
    struct pt_web_score s = {.rater = r->s.inv.rater, .kase = kase, .criterion = crit};
    s.level = str_field(r, j, "level", true, true, &ok);
    if (ok)
        s.comment = str_field(r, j, "comment", false, true, &ok);
    if (ok) {
        int rc = web_put_score(r, &s, &err);
        if (!s.level) /* no level: the score is gone, its comment with it */
            s.comment = NULL;
        answer_score(r, rc, &err, &s);
    }
    cJSON_Delete(j);
}

static void post_sheet(struct web_req *r)
{
    struct pt_error err = {""};
    if (!need_role(r, true, false, false) || !need_csrf(r))
        return;
    int rc = web_hand_in(r, &err);
    if (rc != PT_OK) {
        web_store_error(r, rc, err.msg);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rater", r->s.inv.rater);
    cJSON_AddBoolToObject(o, "handed_in", 1);
    web_json(r, 200, o);
}

static void get_progress(struct web_req *r)
{
    const struct pt_assessment *a = r->t->assessment;
    struct pt_error err = {""};
    if (!need_role(r, false, true, false))
        return;
    long *counts = pt_xcalloc(a->nteam + 1, sizeof *counts);
    bool *handed = pt_xcalloc(a->nteam + 1, sizeof *handed);
    int rc = pt_web_progress(r->th->store, r->t, counts, handed, &err);
    if (rc == PT_OK) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "phase", pt_phase_name(r->phase));
        cJSON_AddNumberToObject(o, "criteria",
                                (double)(a->ncases * r->t->rubric->ncriteria));
        cJSON *arr = cJSON_AddArrayToObject(o, "raters");
        for (size_t i = 0; i < a->nteam; i++) {
            cJSON *m = cJSON_CreateObject();
            cJSON_AddStringToObject(m, "rater", a->team[i].id);
            cJSON_AddStringToObject(m, "role", pt_role_name(a->team[i].role));
            cJSON_AddNumberToObject(m, "scored", (double)counts[i]);
            cJSON_AddBoolToObject(m, "handed_in", handed[i]);
            cJSON_AddItemToArray(arr, m);
        }
        web_json(r, 200, o);
    } else {
        web_store_error(r, rc, err.msg);
    }
    free(counts);
    free(handed);
}

static char *who_of(const struct web_req *r, char *buf, size_t size)
{
    snprintf(buf, size, "coördinator (link %s…)", r->s.inv.prefix);
    return buf;
}

static void post_phase(struct web_req *r)
{
    static const char *const names[] = {"phase", NULL};
    struct pt_error err = {""};
    char who[64];
    enum pt_phase to;
    bool ok = true;
    cJSON *j = write_body(r, false, true, names);
    if (!j)
        return;
    const char *p = str_field(r, j, "phase", true, false, &ok);
    if (ok && pt_phase_parse(p, &to) != 0) {
        web_error(r, 422, "invalid", "fase is scoring, discussion of closed");
        ok = false;
    }
    if (ok) {
        int rc = web_phase_set(r, to, who_of(r, who, sizeof who), &err);
        if (rc == PT_OK && web_reload_phase(r)) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "phase", pt_phase_name(r->phase));
            web_json(r, 200, o);
        } else if (rc != PT_OK) {
            web_store_error(r, rc, err.msg);
        }
    }
    cJSON_Delete(j);
}

static void post_correction(struct web_req *r)
{
    static const char *const names[] = {"rater", "case", "criterion", "level", "comment",
                                        "reason", NULL};
    struct pt_error err = {""};
    char who[64];
    bool ok = true;
    cJSON *j = write_body(r, false, true, names);
    if (!j)
        return;
    struct pt_web_score s = {0};
    s.rater = str_field(r, j, "rater", true, false, &ok);
    if (ok)
        s.kase = str_field(r, j, "case", true, false, &ok);
    if (ok)
        s.criterion = str_field(r, j, "criterion", true, false, &ok);
    if (ok)
        s.level = str_field(r, j, "level", true, false, &ok);
    if (ok)
        s.comment = str_field(r, j, "comment", false, true, &ok);
    const char *reason = ok ? str_field(r, j, "reason", true, false, &ok) : NULL;
    if (ok) {
        int rc = web_correct(r, &s, reason, who_of(r, who, sizeof who), &err);
        answer_score(r, rc, &err, &s);
    }
    cJSON_Delete(j);
}

/* The API's paths below /api/v1/: the first segment and how many there
 * are, the methods allowed, the handler (three: with the 2nd and 3rd). */
static const struct api_route {
    const char *name;
    int nseg;
    const char *allow;
    void (*one)(struct web_req *r);
    void (*three)(struct web_req *r, const char *kase, const char *crit);
} routes[] = {
    {"session", 1, "GET, HEAD", get_session, NULL},
    {"assessment", 1, "GET, HEAD", get_assessment, NULL},
    {"scores", 1, "GET, HEAD", get_scores, NULL},
    {"progress", 1, "GET, HEAD", get_progress, NULL},
    {"scores", 3, "PUT", NULL, put_score},
    {"sheet", 1, "POST", post_sheet, NULL},
    {"phase", 1, "POST", post_phase, NULL},
    {"corrections", 1, "POST", post_correction, NULL},
};

void web_api(struct web_req *r)
{
    char seg[3][64];
    bool get = strcmp(r->method, "GET") == 0 || r->head;
    bool post = strcmp(r->method, "POST") == 0, put = strcmp(r->method, "PUT") == 0;
    int n = pt_web_path_split(r->url, "/api/v1/", seg, 3);
    const struct api_route *rt = NULL;
    for (size_t i = 0; n >= 1 && !rt && i < sizeof routes / sizeof routes[0]; i++)
        if (routes[i].nseg == n && strcmp(routes[i].name, seg[0]) == 0)
            rt = &routes[i];
    if (!rt) {
        web_error(r, 404, "not_found", "onbekend pad");
        return;
    }
    bool method_ok = (strcmp(rt->allow, "GET, HEAD") == 0 && get) ||
                     (strcmp(rt->allow, "PUT") == 0 && put) ||
                     (strcmp(rt->allow, "POST") == 0 && post);
    if (!method_ok) {
        r->allow = rt->allow;
        web_error(r, 405, "method", "deze methode is hier niet toegestaan");
        return;
    }
    if (!web_session(r))
        return;
    if (rt->three)
        rt->three(r, seg[1], seg[2]);
    else
        rt->one(r);
}

/* The HTML report as a web page: its own stylesheet moves to /report.css
 * (no inline style under the CSP) and its body becomes the page's main
 * landmark. (For the report writer's rewrite: both could be done there.) */
static void web_page_report(struct web_req *r, struct pt_buf *out)
{
    char *open = out->data ? strstr(out->data, "<style>") : NULL;
    char *close = open ? strstr(open, "</style>") : NULL;
    char *body = close ? strstr(close, "<body>") : NULL;
    char *end = body ? strstr(body, "</body>") : NULL;
    if (!end)
        return;
    pthread_mutex_lock(&r->srv->lock);
    if (!r->srv->report_css)
        r->srv->report_css = pt_xstrndup(open + 7, (size_t)(close - open - 7));
    pthread_mutex_unlock(&r->srv->lock);
    struct pt_buf b = {0};
    pt_buf_add(&b, out->data, (size_t)(open - out->data));
    pt_buf_adds(&b, "<link rel=\"stylesheet\" href=\"/report.css\">");
    pt_buf_add(&b, close + 8, (size_t)(body + 6 - (close + 8)));
    /* main's report model writes its own main landmark; an older one did not */
    bool has_main = strstr(body, "<main") != NULL;
    if (!has_main)
        pt_buf_adds(&b, "<main>");
    pt_buf_add(&b, body + 6, (size_t)(end - (body + 6)));
    if (!has_main)
        pt_buf_adds(&b, "</main>");
    pt_buf_adds(&b, end);
    pt_buf_free(out);
    *out = b;
}

void web_report(struct web_req *r)
{
    enum pt_report_format fmt = PT_REP_HTML;
    enum pt_audience aud = PT_AUD_TEAM;
    struct pt_toetsmap t = {0};
    struct pt_result res = {0};
    struct pt_diags diags = {0};
    struct pt_error err = {""};
    static const char *const types[] = {"text/html; charset=utf-8",
                                        "text/markdown; charset=utf-8",
                                        "application/json", "text/csv; charset=utf-8"};
    if (!web_session(r) || !need_role(r, false, true, true))
        return;
    const char *f = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "format");
    const char *au = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "audience");
    if (f && pt_report_format_parse(f, &fmt) != 0) {
        web_error(r, 422, "invalid", "format is html, md, csv of json");
        return;
    }
    if (r->s.inv.role == PT_WEB_READER) {
        if (r->phase != PT_PHASE_CLOSED) {
            web_error(r, 409, "phase", "het rapport is er zodra het assessment is gesloten");
            return;
        }
        aud = strcmp(r->s.inv.audience, "opr") == 0 ? PT_AUD_OPR : PT_AUD_SWV;
    } else {
        if (r->phase == PT_PHASE_SCORING) {
            web_error(r, 409, "phase", "in de fase scoring is er nog geen rapport");
            return;
        }
        if (au && pt_audience_parse(au, &aud) != 0) {
            web_error(r, 422, "invalid", "audience is team, swv of opr");
            return;
        }
    }
    /* The same application functions as `report ID`: the stored
     * assessment, and its previous one for the trend when it is there. */
    struct pt_app app = {.db_path = r->srv->db_path, .store = r->th->store};
    struct pt_toetsmap pt = {0};
    struct pt_result prev = {0};
    struct pt_error note = {""};
    int rc = pt_app_load(&app, r->s.inv.assessment, &t, &diags, &err);
    if (rc != PT_OK) {
        web_store_error(r, PT_FAILED, err.msg[0] ? err.msg : "het assessment kan niet worden gelezen");
    } else {
        pt_score_compute(&t, &res);
        bool have_prev = pt_app_load_previous(&app, &t, &pt, &prev, &note) == PT_OK;
        struct pt_buf out = {0};
        if (pt_report_write(&res, have_prev ? &prev : NULL, fmt, aud, &out) != 0) {
            pt_buf_free(&out);
            web_store_error(r, PT_FAILED, "rapport schrijven mislukt");
        } else {
            if (fmt == PT_REP_HTML)
                web_page_report(r, &out);
            r->code = 200;
            pt_buf_free(&r->out);
            r->out = out;
            r->ctype = types[fmt];
        }
        pt_result_free(&res);
        if (have_prev)
            pt_result_free(&prev);
        pt_toetsmap_free(&pt);
    }
    pt_diags_free(&diags);
    pt_toetsmap_free(&t);
}
