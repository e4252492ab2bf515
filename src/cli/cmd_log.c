/*
 * cmd_log.c — `praktijktoets log ID`: the correction log of a stored
 * assessment (read by store_log.c), as a table with tabs.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "store_log.h"

static void add_value(struct pt_buf *b, const struct pt_log_value *v)
{
    if (!v->present)
        pt_buf_adds(b, "-");
    else if (v->nvt)
        pt_buf_adds(b, "nvt");
    else
        pt_buf_printf(b, "%ld", v->level);
}

/* A comment in one cell: tabs and line breaks become spaces. */
static void add_cell(struct pt_buf *b, const char *s)
{
    for (; s && *s; s++)
        pt_buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void format_log(const char *id, const struct pt_log *log, struct pt_buf *b)
{
    if (log->n == 0) {
        pt_buf_printf(b, "geen correcties voor %s\n", id);
        return;
    }
    pt_buf_adds(b, "tijd\trevisie\tdoor\tbeoordelaar\tcasus\tcriterium\toud\tnieuw\treden\n");
    for (size_t i = 0; i < log->n; i++) {
        const struct pt_log_entry *e = &log->items[i];
        pt_buf_printf(b, "%s\t%ld\t", e->at ? e->at : "", e->revision);
        add_cell(b, e->who ? e->who : e->source);
        pt_buf_printf(b, "\t%s\t%s\t%s\t", e->rater, e->case_id, e->criterion);
        add_value(b, &e->old);
        pt_buf_addc(b, '\t');
        add_value(b, &e->new);
        pt_buf_addc(b, '\t');
        /* The reason: given in the web app, or the comment given with
         * `score` (a comment kept from before, score without --comment, is
         * no reason). */
        const char *was = e->old.comment, *now = e->new.comment;
        if (e->reason)
            add_cell(b, e->reason);
        else if (now && !(was && strcmp(was, now) == 0))
            add_cell(b, now);
        pt_buf_addc(b, '\n');
    }
}

int cmd_log(struct pt_cli *cli)
{
    if (cli->nargs != 1)
        return pt_cli_usage(cli, "geef precies één assessment-id");
    const char *id = cli->args[0];
    struct pt_store *store = NULL;
    struct pt_log log = {0};
    struct pt_buf out = {0};
    struct pt_error err = {""};
    int rc = pt_app_store(&cli->app, PT_STORE_EXISTING, &store, &err);
    if (rc == PT_OK)
        rc = pt_store_log(store, id, &log, &err);
    if (rc != PT_OK) {
        rc = pt_cli_fail(cli, rc, &err);
        goto cleanup;
    }
    format_log(id, &log, &out);
    rc = pt_cli_write_output(NULL, out.data, out.len);
cleanup:
    pt_buf_free(&out);
    pt_log_free(&log);
    return rc;
}
