/*
 * gen_national.c — the synthetic national data set for `make bench`.
 *
 *   gen_national RUBRIC.json OUTDIR ROWS.csv [--swvs N] [--cases N]
 *   gen_national --version
 *
 * Writes one toetsmap per samenwerkingsverband under OUTDIR/<assessment id>/
 * (assessment.json, cases/C01.json ..., scores/r1-management.json ...),
 * exactly in the formats of docs/formats.md, and every score row once more
 * in ROWS.csv (assessment,rater,case,criterion,level,comment) for the
 * sqlite3 floor the benchmark compares with. The rubric is read from
 * RUBRIC.json for its criterion ids and which of them allow "nvt"; the
 * toetsmappen name it by id@version and carry no rubric.json of their own.
 *
 * Defaults: 152 SWVs (PO 01-01 ... PO 19-08), 20 cases each, a team of six
 * (the four required geledingen, a second personeel and jeugdhulp), every
 * criterion of the rubric: 152 × 20 × 6 × 35 = 638,400 scores.
 *
 * Everything comes from one fixed seed (splitmix64), so the set is the same
 * on every machine and every run. Case texts are bland phrases without any
 * number except "groep N": nothing the privacy scanner could read as a BSN,
 * phone number, address or date of birth. Levels follow a simple model
 * (SWV quality + case difficulty + criterion + rater role + noise, rounded
 * to the scale 1–4), with some "nvt" where the rubric allows it and a
 * comment on a few percent of the rows.
 */
#include <cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bump when the output changes, so run.sh regenerates. */
#define GEN_VERSION "gen_national/3"
#define SEED 0x5057505450544f31ULL /* fixed: the set is deterministic */

#define MAX_CRIT 128
#define NTEAM 6

static uint64_t rng_state = SEED;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double frand(void)
{
    return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]. */
static int irand(int lo, int hi)
{
    return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

/* Roughly normal, mean 0, sd 1 (sum of four uniforms). */
static double nrand(void)
{
    return (frand() + frand() + frand() + frand() - 2.0) * 1.7320508075688772;
}

#define PICK(arr) (arr[rnd() % (sizeof arr / sizeof arr[0])])

static void die(const char *fmt, ...)
{
    va_list ap;
    fputs("gen_national: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void mkdir_p(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf)
        die("pad te lang: %s", path);
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                die("%s: %s", buf, strerror(errno));
            buf[i] = c;
        }
    }
}

static FILE *open_out(const char *fmt, ...)
{
    char path[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    FILE *f = fopen(path, "w");
    if (!f)
        die("%s: %s", path, strerror(errno));
    return f;
}

static void close_out(FILE *f)
{
    if (ferror(f) || fclose(f) != 0)
        die("schrijven mislukt: %s", strerror(errno));
}

/* A JSON string (the texts here are plain, but escape anyway). */
static void jstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* ---- dates (days since 1970-01-01, proleptic Gregorian) ---- */

static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil(long z, char out[16])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, 16, "%04ld-%02ld-%02ld", y % 10000, m % 100, d % 100);
}

/* ---- the rubric ---- */

struct crit {
    char id[65];
    int na_allowed;
    double offset; /* how hard this criterion is, the same in every SWV */
};

static struct crit crits[MAX_CRIT];
static size_t ncrit;
static char rubric_ref[160];

static void load_rubric(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *root = cJSON_Parse(text);
    if (!root)
        die("%s: geen geldige JSON", path);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    if (!cJSON_IsString(id) || !cJSON_IsNumber(version) || !cJSON_IsArray(domains))
        die("%s: geen rubric (id, version, domains)", path);
    snprintf(rubric_ref, sizeof rubric_ref, "%s@%d", id->valuestring, version->valueint);
    const cJSON *d;
    cJSON_ArrayForEach(d, domains) {
        const cJSON *criteria = cJSON_GetObjectItemCaseSensitive(d, "criteria");
        const cJSON *k;
        cJSON_ArrayForEach(k, criteria) {
            const cJSON *kid = cJSON_GetObjectItemCaseSensitive(k, "id");
            if (!cJSON_IsString(kid) || ncrit == MAX_CRIT)
                die("%s: criterium zonder id of te veel criteria", path);
            snprintf(crits[ncrit].id, sizeof crits[ncrit].id, "%s", kid->valuestring);
            crits[ncrit].na_allowed =
                cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "na_allowed"));
            ncrit++;
        }
    }
    cJSON_Delete(root);
    if (!ncrit)
        die("%s: geen criteria", path);
}

/* ---- text pools (no digits, no capitals followed by numbers) ---- */

static const char *const needs_all[] = {
    "leren", "gedrag", "sociaal-emotioneel", "medisch", "lichamelijk",
    "hoogbegaafd", "meervoudig", "thuissituatie",
};

static const char *const need_phrase[] = {
    "een hardnekkige achterstand in technisch lezen",
    "forse gedragsproblemen in de klas",
    "faalangst en terugtrekgedrag",
    "een medische aandoening die veel verzuim geeft",
    "een lichamelijke beperking en vermoeidheid",
    "een ontwikkelingsvoorsprong en onderpresteren",
    "een combinatie van leer- en gedragsvragen",
    "spanningen thuis die doorwerken op school",
    "moeite met rekenen en met plannen",
    "een taalachterstand en weinig woordenschat",
};

static const char *const route_light[] = {
    "Na de basisondersteuning volgde een arrangement met ambulante begeleiding.",
    "De school zette extra begeleiding in met hulp van de consulent van het SWV.",
    "Een korte periode van intensieve begeleiding in een kleine groep werd afgesproken.",
};

static const char *const route_tlv[] = {
    "Na overleg met ouders is een toelaatbaarheidsverklaring aangevraagd.",
    "Het ondersteuningsteam adviseerde plaatsing in het speciaal basisonderwijs.",
    "De commissie van het SWV beoordeelde de aanvraag voor speciaal onderwijs.",
};

static const char *const route_home[] = {
    "De leerling ging enige tijd niet naar school en is via een maatwerktraject teruggekeerd.",
    "Na uitval is samen met leerplicht en jeugdhulp een plan voor terugkeer gemaakt.",
    "Er was een periode zonder onderwijs; daarna is gestart met een deeltijdrooster.",
};

static const char *const route_new[] = {
    "Ouders meldden de leerling aan bij een nieuwe school die de ondersteuning onderzocht.",
    "Bij de aanmelding is de zorgplicht opgepakt door de school van aanmelding.",
    "De school van aanmelding zocht met het SWV naar een passende plek.",
};

static const char *const outcome[] = {
    "Bij de evaluatie zijn de doelen grotendeels gehaald.",
    "De ondersteuning loopt nog en wordt regelmatig bijgesteld.",
    "Ouders en school zijn tevreden over de huidige plek.",
    "Het resultaat is wisselend; de samenwerking kan beter.",
    "De overgang verliep soepel en het OPP is actueel.",
};

static const char *const parents_pool[] = {
    "Ouders voelden zich gehoord en wisten wie hun aanspreekpunt was.",
    "Ouders vonden dat het lang duurde voordat er iets gebeurde.",
    "Ouders waren blij met de nieuwe plek maar misten uitleg over de procedure.",
    "Ouders hadden graag eerder van de consulent van het SWV gehoord.",
    "Ouders voelden zich niet altijd serieus genomen in het overleg.",
};

static const char *const notes[] = {
    "Besproken in het ondersteuningsteam.",
    "Ouders waren aanwezig bij het gesprek.",
    "Afspraken vastgelegd in het dossier.",
    "Consulent van het SWV sloot aan.",
    "Leerkracht en intern begeleider in overleg.",
};

static const char *const comments[] = {
    "Goed afgestemd met ouders.",
    "Duurde te lang voordat er actie kwam.",
    "Onduidelijk wie de regie had.",
    "Sterk punt van deze school.",
    "Hier is winst te halen.",
    "Niet terug te vinden in het dossier.",
    "Samenwerking met de gemeente verliep stroef.",
    "Na bespreking in het team bijgesteld.",
};

static const char *const roles[NTEAM] = {
    "management", "ouders", "personeel", "gemeente", "personeel", "jeugdhulp",
};
/* How the geledingen tend to score, relative to the team. */
static const double role_bias[NTEAM] = {0.25, -0.35, 0.10, 0.0, -0.05, -0.15};

/* ---- one case ---- */

struct event {
    long day;
    const char *name;
    const char *note;
};

/* The case's events by scenario (light, tlv, thuiszitten, new school),
 * late ones missing their legal term; what lies after the assessment date
 * has not happened yet. Fills ev (12 at most) and *route; returns the
 * number of events. */
static size_t plan_events(int scenario, int late, long assess_day, struct event *ev,
                          const char **route)
{
    size_t nev = 0;
    long day = assess_day - irand(200, 320);
#define ADD(what, gap_lo, gap_hi)                                                  \
    do {                                                                           \
        day += irand(gap_lo, gap_hi);                                              \
        ev[nev].day = day;                                                         \
        ev[nev].name = (what);                                                     \
        ev[nev].note = frand() < 0.5 ? PICK(notes) : NULL;                         \
        nev++;                                                                     \
    } while (0)
    switch (scenario) {
    case 0:
        *route = PICK(route_light);
        ADD("signalering", 0, 0);
        ADD("ondersteuningsvraag", 7, 28);
        ADD("arrangement", 10, 35);
        ADD("opp", 14, 60);
        ADD("evaluatie", 60, 120);
        break;
    case 1:
        *route = PICK(route_tlv);
        ADD("signalering", 0, 0);
        ADD("ondersteuningsvraag", 7, 28);
        ADD("aanmelding", 14, 42);
        ADD("tlv-aanvraag", 7, late ? 21 : 14);
        ADD("tlv-besluit", late ? 50 : 21, late ? 80 : 42); /* term 56 days */
        ADD("besluit", 0, late ? 14 : 7);                  /* 70 after aanmelding */
        ADD("plaatsing", 7, 42);
        ADD("opp", 14, 56);
        break;
    case 2:
        *route = PICK(route_home);
        ADD("signalering", 0, 0);
        ADD("uitval", 7, 35);
        ADD("aanmelding", 3, late ? 14 : 10);
        ADD("terugkeer", late ? 21 : 7, late ? 60 : 18); /* 28 days without school */
        ADD("besluit", 0, 21);
        ADD("arrangement", 7, 21);
        ADD("opp", 14, 56);
        break;
    default:
        *route = PICK(route_new);
        ADD("aanmelding", 0, 0);
        ADD("besluit", late ? 71 : 28, late ? 100 : 63); /* zorgplicht: 70 days */
        ADD("plaatsing", 7, 28);
        ADD("arrangement", 7, 28);
        ADD("opp", 14, 56);
        break;
    }
#undef ADD
    /* What lies after the assessment date has not happened yet: such a
     * case has an open term (the checks count up to the assessment date). */
    while (nev > 1 && ev[nev - 1].day > assess_day - 3)
        nev--;

    return nev;
}

/* The case's parties and, often, the parents' view. */
static void write_parties(FILE *f, int scenario)
{
    fputs("  ],\n  \"parties\": [\"ouders\", \"school\", \"swv\"", f);
    if (scenario == 1)
        fputs(", \"sbo\"", f);
    if (scenario == 2)
        fputs(", \"leerplicht\", \"jeugdhulp\"", f);
    if (frand() < 0.3)
        fputs(", \"gemeente\"", f);
    fputs("]", f);
    if (frand() < 0.7) {
        fputs(",\n  \"parents_view\": ", f);
        jstr(f, PICK(parents_pool));
    }
}

static void write_case(const char *dir, const char *swv, int c, long assess_day,
                       double quality, double *difficulty)
{
    char id[16];
    snprintf(id, sizeof id, "C%02d", c + 1);
    int type = irand(0, 9);
    const char *school = type < 6 ? "bao" : type < 9 ? "sbo" : "so";
    int grade = irand(3, 8);
    int scenario = irand(0, 3); /* light, tlv, thuiszitten, new school */
    /* Does this case miss its legal term? Rarely in a ready SWV, often in
     * one that is not (quality 1.9 .. 3.6). */
    double p_late = (3.3 - quality) / 1.4;
    int late = frand() < (p_late < 0.03 ? 0.03 : p_late > 0.8 ? 0.8 : p_late);
    struct event ev[12];
    const char *route;
    size_t nev = plan_events(scenario, late, assess_day, ev, &route);

    /* A case with a long or failed term is a harder case for the team too. */
    *difficulty = nrand() * 0.45 + (scenario == 2 ? -0.35 : 0.0) + (scenario == 1 ? -0.1 : 0.0);

    FILE *f = open_out("%s/cases/%s.json", dir, id);
    fprintf(f, "{\n  \"format\": \"praktijktoets-case/1\",\n  \"id\": \"%s\",\n", id);
    fprintf(f, "  \"swv\": \"%s\",\n  \"sector\": \"po\",\n  \"school_type\": \"%s\",\n", swv, school);
    if (strcmp(school, "so") != 0)
        fprintf(f, "  \"grade\": \"groep %d\",\n", grade);
    size_t need1 = rnd() % (sizeof needs_all / sizeof needs_all[0]);
    size_t need2 = rnd() % (sizeof needs_all / sizeof needs_all[0]);
    fprintf(f, "  \"needs\": [\"%s\"", needs_all[need1]);
    if (need2 != need1 && frand() < 0.5)
        fprintf(f, ", \"%s\"", needs_all[need2]);
    fputs("],\n  \"summary\": ", f);
    char summary[1024];
    if (strcmp(school, "so") != 0)
        snprintf(summary, sizeof summary, "Leerling in groep %d met %s. %s %s", grade,
                 PICK(need_phrase), route, PICK(outcome));
    else
        snprintf(summary, sizeof summary, "Leerling met %s. %s %s", PICK(need_phrase), route,
                 PICK(outcome));
    jstr(f, summary);
    fputs(",\n  \"timeline\": [\n", f);
    for (size_t i = 0; i < nev; i++) {
        char date[16];
        civil(ev[i].day, date);
        fprintf(f, "    {\"date\": \"%s\", \"event\": \"%s\"", date, ev[i].name);
        if (ev[i].note) {
            fputs(", \"note\": ", f);
            jstr(f, ev[i].note);
        }
        fprintf(f, "}%s\n", i + 1 < nev ? "," : "");
    }
    write_parties(f, scenario);
    fputs("\n}\n", f);
    close_out(f);
}

/* ---- one toetsmap ---- */

/* The toetsmap's assessment.json: its team and its cases. */
static void write_assessment(const char *dir, const char *id, const char *swv,
                             const char *date, int ncases)
{
    FILE *f = open_out("%s/assessment.json", dir);
    fprintf(f, "{\n  \"format\": \"praktijktoets-assessment/1\",\n  \"id\": \"%s\",\n", id);
    fprintf(f, "  \"swv\": \"%s\",\n  \"date\": \"%s\",\n  \"rubric\": \"%s\",\n", swv, date,
            rubric_ref);
    fprintf(f, "  \"purpose\": \"%s\",\n  \"requested_by\": \"%s\",\n  \"team\": [\n",
            frand() < 0.8 ? "leerinstrument" : "feedback", frand() < 0.85 ? "swv" : "opr");
    for (int r = 0; r < NTEAM; r++)
        fprintf(f, "    {\"id\": \"r%d\", \"role\": \"%s\"}%s\n", r + 1, roles[r],
                r + 1 < NTEAM ? "," : "");
    fputs("  ],\n  \"cases\": [", f);
    for (int c = 0; c < ncases; c++)
        fprintf(f, "%s\"C%02d\"", c ? ", " : "", c + 1);
    fputs("]\n}\n", f);
    close_out(f);
}

/* Rater r's sheet: r1, r3, r6 as JSON, r2 (';' with a BOM, as Excel
 * writes it), r4 (',') and r5 (';') as CSV; every score also as a row for
 * the sqlite3 floor. na_case marks the (case, criterion) pairs that do not
 * apply. */
static void write_sheet(const char *dir, const char *id, FILE *rows, int r, int ncases,
                        double quality, const double *difficulty,
                        unsigned char (*na_case)[MAX_CRIT])
{
    int json = r == 0 || r == 2 || r == 5;
    char sep = r == 3 ? ',' : ';';
    FILE *f = open_out("%s/scores/r%d-%s.%s", dir, r + 1, roles[r], json ? "json" : "csv");
    if (json)
        fprintf(f, "{\n  \"format\": \"praktijktoets-scores/1\",\n  \"assessment\": \"%s\",\n"
                   "  \"scores\": [\n", id);
    else
        fprintf(f, "%srater%ccase%ccriterion%clevel%ccomment\n", r == 1 ? "\xEF\xBB\xBF" : "",
                sep, sep, sep, sep);
    double rater_noise = 0.45 + frand() * 0.3;
    int first = 1;
    for (int c = 0; c < ncases; c++) {
        for (size_t k = 0; k < ncrit; k++) {
            char level[8];
            if (na_case[c][k] && frand() < 0.85) {
                snprintf(level, sizeof level, "nvt");
            } else {
                double v = quality + difficulty[c] + crits[k].offset + role_bias[r] +
                           nrand() * rater_noise;
                long l = (long)(v + 0.5);
                l = l < 1 ? 1 : l > 4 ? 4 : l;
                snprintf(level, sizeof level, "%ld", l);
            }
            const char *comment = frand() < 0.04 ? PICK(comments) : NULL;
            char rater[16], kase[16];
            snprintf(rater, sizeof rater, "r%d", r + 1);
            snprintf(kase, sizeof kase, "C%02d", c + 1);
            if (json) {
                fprintf(f, "%s    {\"rater\": \"%s\", \"case\": \"%s\", \"criterion\": \"%s\", "
                           "\"level\": ", first ? "" : ",\n", rater, kase, crits[k].id);
                if (level[0] == 'n')
                    fputs("\"nvt\"", f);
                else
                    fputs(level, f);
                if (comment) {
                    fputs(", \"comment\": ", f);
                    jstr(f, comment);
                }
                fputc('}', f);
            } else {
                fprintf(f, "%s%c%s%c%s%c%s%c%s\n", rater, sep, kase, sep, crits[k].id, sep,
                        level, sep, comment ? comment : "");
            }
            /* The same row for the sqlite3 floor (comments hold no '"'). */
            fprintf(rows, "%s,%s,%s,%s,%s,%s%s%s\n", id, rater, kase, crits[k].id, level,
                    comment ? "\"" : "", comment ? comment : "", comment ? "\"" : "");
            first = 0;
        }
    }
    if (json)
        fputs("\n  ]\n}\n", f);
    close_out(f);
}

static void write_toetsmap(const char *outdir, FILE *rows, int s, int ncases)
{
    int region = 1 + s / 8, number = 1 + s % 8;
    char swv[16], id[64], dir[4096];
    snprintf(swv, sizeof swv, "PO %02d-%02d", region % 100, number % 100);
    snprintf(id, sizeof id, "PT-PO%02d%02d-2014-1", region % 100, number % 100);
    snprintf(dir, sizeof dir, "%s/%s", outdir, id);
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/cases", dir);
    mkdir_p(sub);
    snprintf(sub, sizeof sub, "%s/scores", dir);
    mkdir_p(sub);

    long assess_day = days_from_civil(2014, 3, 1) + irand(0, 100);
    char date[16];
    civil(assess_day, date);

    write_assessment(dir, id, swv, date, ncases);

    double quality = 1.9 + frand() * 1.7; /* the SWV's readiness, 1.9 .. 3.6 */
    double difficulty[100];
    for (int c = 0; c < ncases; c++)
        write_case(dir, swv, c, assess_day, quality, &difficulty[c]);
    /* Per (case, criterion): not applicable for this case? */
    static unsigned char na_case[100][MAX_CRIT];
    for (int c = 0; c < ncases; c++)
        for (size_t k = 0; k < ncrit; k++)
            na_case[c][k] = crits[k].na_allowed && frand() < 0.10;

    for (int r = 0; r < NTEAM; r++)
        write_sheet(dir, id, rows, r, ncases, quality, difficulty, na_case);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        puts(GEN_VERSION);
        return 0;
    }
    if (argc < 4) {
        fputs("gebruik: gen_national RUBRIC.json UITVOERMAP RIJEN.csv [--swvs N] [--cases N]\n"
              "         gen_national --version\n", stderr);
        return 2;
    }
    int nswv = 152, ncases = 20;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--swvs") == 0)
            nswv = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--cases") == 0)
            ncases = atoi(argv[i + 1]);
        else
            die("onbekende optie %s", argv[i]);
    }
    if (nswv < 1 || nswv > 99 * 8 || ncases < 1 || ncases > 99)
        die("--swvs 1..792, --cases 1..99");
    load_rubric(argv[1]);
    for (size_t k = 0; k < ncrit; k++)
        crits[k].offset = nrand() * 0.3;
    mkdir_p(argv[2]);
    FILE *rows = fopen(argv[3], "w");
    if (!rows)
        die("%s: %s", argv[3], strerror(errno));
    fputs("assessment,rater,case_id,criterion,level,comment\n", rows);
    for (int s = 0; s < nswv; s++)
        write_toetsmap(argv[2], rows, s, ncases);
    close_out(rows);
    printf("%s: %d toetsmappen, %d casussen, %d beoordelaars, %zu criteria: %ld scores\n",
           GEN_VERSION, nswv, ncases, NTEAM, ncrit, (long)nswv * ncases * NTEAM * (long)ncrit);
    return 0;
}
