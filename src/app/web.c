/*
 * web.c — the application side of the web app's commands (app.h): invitation
 * links and phases. The web handlers and the commands invite, phase call
 * these; the phase rules of score and import are in app.c. Never prints.
 */
#include "app.h"

#include "store_web.h"

/* The web statuses of the store are refusals for the command line. */
static int as_status(int rc)
{
    return rc == PT_WEB_CONFLICT || rc == PT_WEB_UNPROCESSABLE || rc == PT_WEB_FORBIDDEN
               ? PT_INVALID
               : rc;
}

/* The store of app, which must exist already; NULL with *rc and err. */
static struct pt_store *existing_store(struct pt_app *app, int *rc, struct pt_error *err)
{
    struct pt_store *s = NULL;
    *rc = pt_app_store(app, PT_STORE_EXISTING, &s, err);
    return *rc == PT_OK ? s : NULL;
}

int pt_app_invite(struct pt_app *app, const char *id, enum pt_web_role role, const char *rater,
                  const char *audience, long days, char *token, size_t tokensize,
                  struct pt_error *err)
{
    int rc;
    struct pt_store *s = existing_store(app, &rc, err);
    return as_status(s ? pt_web_invite(s, id, role, rater, audience, days, token, tokensize, err)
                       : rc);
}

int pt_app_invite_list(struct pt_app *app, const char *id, struct pt_buf *out,
                       struct pt_error *err)
{
    int rc;
    struct pt_store *s = existing_store(app, &rc, err);
    return as_status(s ? pt_web_invite_list(s, id, out, err) : rc);
}

int pt_app_invite_revoke(struct pt_app *app, const char *id, const char *prefix,
                         struct pt_error *err)
{
    int rc;
    struct pt_store *s = existing_store(app, &rc, err);
    return as_status(s ? pt_web_invite_revoke(s, id, prefix, err) : rc);
}

int pt_app_phase_set(struct pt_app *app, const char *id, enum pt_phase to, const char *who,
                     struct pt_error *err)
{
    int rc;
    struct pt_store *s = existing_store(app, &rc, err);
    return s ? pt_web_phase_set(s, id, to, who, err) : rc;
}

int pt_app_phase(struct pt_app *app, const char *id, const enum pt_phase *to, const char *who,
                 enum pt_phase *phase, struct pt_buf *log, struct pt_error *err)
{
    int rc;
    struct pt_store *s = existing_store(app, &rc, err);
    if (rc == PT_OK && to)
        rc = pt_app_phase_set(app, id, *to, who, err);
    if (rc == PT_OK)
        rc = pt_web_phase(s, id, phase, err);
    if (rc == PT_OK)
        rc = pt_web_phase_log(s, id, log, err);
    return as_status(rc);
}
