/*
 * web_request.c — what every handler of the web app uses for one request:
 * the thread's own store connection and assessment model, the session of
 * the cookie, the CSRF check, and the answers (JSON, an error, a redirect).
 * web_server.c routes to the handlers; the handlers (web_api.c,
 * web_pages*.c) answer through these.
 */
#include "web_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "secret.h"

long long web_now(void)
{
    return (long long)time(NULL);
}

/* ---- per-thread connection ---------------------------------------------- */

void web_thread_free(void *p)
{
    struct web_thread *th = p;
    if (!th)
        return;
    if (th->loaded)
        pt_toetsmap_free(&th->t);
    pt_web_stmt_cache_clear(); /* TSD destructors run in the ending thread */
    pt_store_close(th->store);
    free(th);
}

struct web_thread *web_thread_state(struct pt_web *w, struct pt_error *err)
{
    struct web_thread *th = pthread_getspecific(w->key);
    if (th)
        return th;
    th = pt_xcalloc(1, sizeof *th);
    if (pt_store_open(w->db_path, PT_STORE_EXISTING, &th->store, err) != PT_OK) {
        free(th);
        return NULL;
    }
    pthread_setspecific(w->key, th);
    pt_web_stmt_cache(true);
    return th;
}

/* The model of assessment id, reloaded when it was replaced or corrected. */
static int thread_model(struct web_thread *th, const char *id, struct pt_error *err)
{
    long revision = 0;
    char imported[40] = "";
    bool found = false;
    int rc = pt_web_stamp(th->store, id, &found, &revision, imported, sizeof imported, err);
    if (rc != PT_OK)
        return rc;
    if (!found) {
        pt_error_set(err, "het assessment van deze link staat niet meer in de database");
        return PT_INVALID;
    }
    if (th->loaded && th->revision == revision && strcmp(th->imported, imported) == 0 &&
        strcmp(th->id, id) == 0)
        return PT_OK;
    if (th->loaded)
        pt_toetsmap_free(&th->t);
    memset(&th->t, 0, sizeof th->t);
    th->loaded = false;
    struct pt_diags diags = {0};
    rc = pt_store_load(th->store, id, &th->t, &diags, err);
    pt_diags_free(&diags);
    if (rc != PT_OK) {
        pt_toetsmap_free(&th->t);
        return rc;
    }
    th->loaded = true;
    th->revision = revision;
    snprintf(th->id, sizeof th->id, "%s", id);
    snprintf(th->imported, sizeof th->imported, "%s", imported);
    return PT_OK;
}

/* ---- answers ------------------------------------------------------------- */

void web_reset_answer(struct web_req *r)
{
    pt_buf_free(&r->out);
    r->location[0] = '\0';
    r->allow = NULL;
}

void web_json(struct web_req *r, unsigned code, cJSON *json)
{
    web_reset_answer(r);
    char *text = json ? cJSON_PrintUnformatted(json) : NULL;
    cJSON_Delete(json);
    if (!text) {
        r->code = 500;
        r->ctype = "application/json";
        pt_buf_adds(&r->out, "{\"error\":\"internal\",\"message\":\"interne fout\"}");
        return;
    }
    r->code = code;
    r->ctype = "application/json";
    pt_buf_adds(&r->out, text);
    cJSON_free(text);
}

void web_error(struct web_req *r, unsigned code, const char *error, const char *message)
{
    web_reset_answer(r);
    r->code = code;
    if (r->api) {
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "error", error);
        cJSON_AddStringToObject(j, "message", message);
        web_json(r, code, j);
        return;
    }
    r->ctype = "text/html; charset=utf-8";
    pt_buf_adds(&r->out, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                         "<link rel=\"icon\" href=\"data:,\"><title>Praktijktoets: ");
    pt_web_html(&r->out, message);
    pt_buf_adds(&r->out, "</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
                         "<body><main id=\"inhoud\"><h1>Dat lukt niet</h1><p class=\"fout\">");
    pt_web_html(&r->out, message);
    pt_buf_adds(&r->out, "</p>");
    if (code != 401)
        pt_buf_adds(&r->out, "<p><a href=\"/\">Terug naar het begin</a></p>");
    else /* a link opened from another site: the SameSite=Strict cookie comes
          * with the next click on this site */
        pt_buf_adds(&r->out, "<p>Kom je net binnen via je persoonlijke link? "
                             "<a href=\"/\">Ga dan verder</a>.</p>");
    pt_buf_adds(&r->out, "</main></body></html>\n");
}

void web_redirect(struct web_req *r, const char *location)
{
    web_reset_answer(r);
    r->code = 303;
    r->ctype = "text/plain; charset=utf-8";
    snprintf(r->location, sizeof r->location, "%s", location);
    pt_buf_adds(&r->out, "Zie ");
    pt_buf_adds(&r->out, r->location);
}

void web_store_error(struct web_req *r, int rc, const char *err)
{
    switch (rc) {
    case PT_WEB_FORBIDDEN: web_error(r, 403, "forbidden", err); break;
    case PT_WEB_CONFLICT: web_error(r, 409, "phase", err); break;
    case PT_WEB_UNPROCESSABLE: web_error(r, 422, "invalid", err); break;
    case PT_INVALID: web_error(r, 404, "not_found", err); break;
    case PT_USAGE: web_error(r, 422, "invalid", err); break;
    default:
        if (!r->srv->quiet)
            fprintf(stderr, "praktijktoets serve: interne fout: %s\n", err);
        web_error(r, 500, "internal", "interne fout van de server; probeer het zo opnieuw");
    }
}

/* ---- sessions ------------------------------------------------------------ */

bool web_reload_phase(struct web_req *r)
{
    struct pt_error err = {""};
    int rc = pt_web_phase(r->th->store, r->s.inv.assessment, &r->phase, &err);
    if (rc != PT_OK)
        web_store_error(r, rc, err.msg);
    return rc == PT_OK;
}

bool web_session(struct web_req *r)
{
    struct pt_error err = {""};
    bool found = false;
    const char *sid = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "pt_session");
    if (!sid || strlen(sid) > 64) {
        web_error(r, 401, "session", "geen geldige sessie: open je persoonlijke link opnieuw");
        return false;
    }
    int rc = pt_web_session_get(r->th->store, sid, web_now(), &found, &r->s, &err);
    if (rc != PT_OK) {
        web_store_error(r, rc, err.msg);
        return false;
    }
    if (!found) {
        web_error(r, 401, "session", "je sessie is verlopen of de link is ingetrokken: open je "
                  "persoonlijke link opnieuw");
        return false;
    }
    r->has_session = true;
    rc = thread_model(r->th, r->s.inv.assessment, &err);
    if (rc != PT_OK) {
        web_store_error(r, rc, err.msg);
        return false;
    }
    r->t = &r->th->t;
    return web_reload_phase(r);
}

bool web_csrf_ok(struct web_req *r)
{
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
    if (h)
        return pt_secret_equal(h, r->s.csrf);
    char *f = pt_web_form_get(r->body, r->len, "csrf");
    bool ok = f && pt_secret_equal(f, r->s.csrf);
    free(f);
    return ok;
}

bool web_role_ok(struct web_req *r, bool rater, bool coordinator, bool reader,
                 const char *message)
{
    enum pt_web_role role = r->s.inv.role;
    if ((role == PT_WEB_RATER && rater) || (role == PT_WEB_COORDINATOR && coordinator) ||
        (role == PT_WEB_READER && reader))
        return true;
    web_error(r, 403, "forbidden", message);
    return false;
}

const char *web_rater(const struct web_req *r)
{
    return r->has_session && r->s.inv.role == PT_WEB_RATER ? r->s.inv.rater : NULL;
}

bool web_sees_others(struct web_req *r)
{
    if (!r->has_session || r->s.inv.role == PT_WEB_READER)
        return false;
    if (r->phase == PT_PHASE_CLOSED)
        return true;
    if (r->phase == PT_PHASE_SCORING)
        return false;
    if (r->s.inv.role == PT_WEB_COORDINATOR)
        return true;
    bool handed = false;
    struct pt_error err = {""};
    return pt_web_handed_in(r->th->store, r->s.inv.assessment, r->s.inv.rater, &handed, &err) == PT_OK && handed;
}
