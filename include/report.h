/*
 * report.h — the feedback report for people, by audience (privacy.md):
 * team sees everything including which rater gave which level; swv and opr
 * see levels and comments by geleding (role), never by rater id.
 */
#ifndef PT_REPORT_H
#define PT_REPORT_H

#include "benchmark.h"
#include "score.h"
#include "util.h"

enum pt_audience { PT_AUD_TEAM, PT_AUD_SWV, PT_AUD_OPR };
enum pt_report_format { PT_REP_HTML, PT_REP_MD, PT_REP_JSON, PT_REP_CSV };

int pt_audience_parse(const char *s, enum pt_audience *out);
int pt_report_format_parse(const char *s, enum pt_report_format *out);
const char *pt_audience_name(enum pt_audience a);

/* Writes the report of res in format for audience to out. Returns 0, or -1
 * when out of memory. All text from cases, comments and rubrics is escaped
 * for the format. prev, when not NULL, is the result of the assessment's
 * `previous` one: the report then shows per domain and overall what changed. */
int pt_report_write(const struct pt_result *res, const struct pt_result *prev,
                    enum pt_report_format format,
                    enum pt_audience audience, struct pt_buf *out);

/* The same, and when bench is not NULL the SWV's domain and overall scores
 * beside the national distribution (HTML, Markdown and JSON). */
int pt_report_write_ex(const struct pt_result *res, const struct pt_result *prev,
                       const struct pt_benchmark *bench, enum pt_report_format format,
                       enum pt_audience audience, struct pt_buf *out);

#endif
