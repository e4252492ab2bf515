/*
 * web_load.c — a load client for `praktijktoets serve` (issue 12): clients
 * that log in with rater links and save scores through the API, one
 * keep-alive connection each, as fast as the server answers.
 *
 *   web_load run URL LINKS CLIENTS SECONDS [ACKFILE]
 *       LINKS: one "RATER TOKEN" a line. Client i uses link i % n. Each
 *       client walks every case × criterion of the assessment again and
 *       again (starting at its own offset, the level changing each round)
 *       and PUTs a level. Prints requests, errors and the latency
 *       percentiles of the PUTs. With ACKFILE (the kill test; one client a
 *       rater) each attempt is appended as "A RATER CASE CRITERION LEVEL"
 *       before it is sent and "OK ..." the moment its 200 arrives, and a
 *       client stops at its first failed request (the server died).
 *   web_load verify DB ACKFILE ID
 *       Every key must hold its last acknowledged level, or the level of an
 *       attempt made after it that got no answer (it may have committed).
 *
 * Exit status 0 when there were no errors (run) or nothing was lost
 * (verify); 1 otherwise.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>
#include <curl/curl.h>
#include <sqlite3.h>

struct keyset {
    char (*kase)[64], (*crit)[64];
    size_t n;
    int levels[16];
    size_t nlevels;
};

struct client {
    int index;
    const char *url, *rater, *token;
    const struct keyset *keys;
    double seconds;
    FILE *ack;
    pthread_mutex_t *ack_lock;
    double *lat;            /* ms of each PUT */
    size_t nlat, caplat;
    long requests, errors, non200;
};

struct buf {
    char *data;
    size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *cls)
{
    struct buf *b = cls;
    char *d = realloc(b->data, b->len + size * n + 1);
    if (!d)
        return 0;
    memcpy(d + b->len, p, size * n);
    b->len += size * n;
    d[b->len] = '\0';
    b->data = d;
    return size * n;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One request on the client's handle; the answer's body in b (reset). */
static long request(CURL *c, const char *method, const char *url, const char *body,
                    struct curl_slist *h, struct buf *b)
{
    long status = 0;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    if (!body)
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    if (curl_easy_perform(c) != CURLE_OK)
        return -1;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

static void *run_client(void *p)
{
    struct client *cl = p;
    struct buf b = {0};
    char url[512], hdr[128];
    struct curl_slist *h = NULL;
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, ""); /* keep the session cookie */
    snprintf(url, sizeof url, "%s/t/%s", cl->url, cl->token);
    if (request(c, "GET", url, NULL, NULL, &b) != 303)
        goto fail;
    snprintf(url, sizeof url, "%s/api/v1/session", cl->url);
    if (request(c, "GET", url, NULL, NULL, &b) != 200)
        goto fail;
    cJSON *s = cJSON_Parse(b.data);
    const char *csrf = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, "csrf_token"));
    snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", csrf ? csrf : "");
    cJSON_Delete(s);
    h = curl_slist_append(h, hdr);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "Expect:");
    double end = now_ms() + cl->seconds * 1e3;
    size_t n = cl->keys->n;
    for (size_t i = 0; now_ms() < end; i++) {
        size_t k = (i + (size_t)cl->index * 37) % n;
        int level = cl->keys->levels[(i + i / n + (size_t)cl->index) % cl->keys->nlevels];
        if (cl->ack) { /* the attempt first: it may land although no answer comes */
            pthread_mutex_lock(cl->ack_lock);
            fprintf(cl->ack, "A %s %s %s %d\n", cl->rater, cl->keys->kase[k], cl->keys->crit[k],
                    level);
            fflush(cl->ack);
            pthread_mutex_unlock(cl->ack_lock);
        }
        char body[96];
        snprintf(url, sizeof url, "%s/api/v1/scores/%s/%s", cl->url, cl->keys->kase[k],
                 cl->keys->crit[k]);
        snprintf(body, sizeof body, "{\"level\":\"%d\",\"comment\":\"belasting %d\"}", level,
                 cl->index);
        double t0 = now_ms();
        long st = request(c, "PUT", url, body, h, &b);
        double dt = now_ms() - t0;
        cl->requests++;
        if (st < 0) {
            cl->errors++;
            if (cl->ack)
                break;
            continue;
        }
        if (st != 200) {
            cl->non200++;
            continue;
        }
        if (cl->nlat == cl->caplat) {
            cl->caplat = cl->caplat ? cl->caplat * 2 : 1024;
            cl->lat = realloc(cl->lat, cl->caplat * sizeof *cl->lat);
        }
        cl->lat[cl->nlat++] = dt;
        if (cl->ack) {
            pthread_mutex_lock(cl->ack_lock);
            fprintf(cl->ack, "OK %s %s %s %d\n", cl->rater, cl->keys->kase[k],
                    cl->keys->crit[k], level);
            fflush(cl->ack);
            pthread_mutex_unlock(cl->ack_lock);
        }
    }
    goto done;
fail:
    cl->errors++;
done:
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(b.data);
    return NULL;
}

/* The assessment's cases × criteria and scale, through the API. */
static int load_keys(const char *base, const char *token, struct keyset *ks)
{
    struct buf b = {0};
    char url[512];
    int rc = -1;
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
    snprintf(url, sizeof url, "%s/t/%s", base, token);
    if (request(c, "GET", url, NULL, NULL, &b) != 303)
        goto done;
    snprintf(url, sizeof url, "%s/api/v1/assessment", base);
    if (request(c, "GET", url, NULL, NULL, &b) != 200)
        goto done;
    cJSON *j = cJSON_Parse(b.data);
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(j, "cases");
    const cJSON *rubric = cJSON_GetObjectItemCaseSensitive(j, "rubric");
    const cJSON *scale = cJSON_GetObjectItemCaseSensitive(rubric, "scale");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(rubric, "domains");
    size_t nc = (size_t)cJSON_GetArraySize(cases), nk = 0;
    const cJSON *d, *k, *x;
    cJSON_ArrayForEach(d, domains)
        nk += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "criteria"));
    ks->kase = calloc(nc * nk + 1, sizeof *ks->kase);
    ks->crit = calloc(nc * nk + 1, sizeof *ks->crit);
    cJSON_ArrayForEach(x, cases)
        cJSON_ArrayForEach(d, domains)
            cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(d, "criteria")) {
                snprintf(ks->kase[ks->n], 64, "%s",
                         cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "id")));
                snprintf(ks->crit[ks->n], 64, "%s",
                         cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "id")));
                ks->n++;
            }
    cJSON_ArrayForEach(x, scale) {
        const cJSON *v = cJSON_IsObject(x) ? cJSON_GetObjectItemCaseSensitive(x, "value") : x;
        if (ks->nlevels < 16 && cJSON_IsNumber(v))
            ks->levels[ks->nlevels++] = (int)v->valuedouble;
    }
    cJSON_Delete(j);
    rc = ks->n && ks->nlevels ? 0 : -1;
done:
    curl_easy_cleanup(c);
    free(b.data);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run(int argc, char **argv)
{
    char rater[256][64], token[256][128];
    size_t nlinks = 0;
    if (argc < 6)
        return 2;
    const char *url = argv[2];
    int nclients = atoi(argv[4]);
    double seconds = atof(argv[5]);
    FILE *f = fopen(argv[3], "r");
    if (!f || nclients < 1 || nclients > 1024)
        return 2;
    while (nlinks < 256 && fscanf(f, "%63s %127s", rater[nlinks], token[nlinks]) == 2)
        nlinks++;
    fclose(f);
    if (!nlinks)
        return 2;
    FILE *ack = argc > 6 ? fopen(argv[6], "w") : NULL;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    struct keyset ks = {0};
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (load_keys(url, token[0], &ks) != 0) {
        fprintf(stderr, "web_load: assessment niet te lezen via %s\n", url);
        return 1;
    }
    struct client *cl = calloc((size_t)nclients, sizeof *cl);
    pthread_t *th = calloc((size_t)nclients, sizeof *th);
    double t0 = now_ms();
    for (int i = 0; i < nclients; i++) {
        cl[i] = (struct client){.index = i, .url = url, .rater = rater[i % (int)nlinks],
                                .token = token[i % (int)nlinks], .keys = &ks,
                                .seconds = seconds, .ack = ack, .ack_lock = &lock};
        pthread_create(&th[i], NULL, run_client, &cl[i]);
    }
    long req = 0, err = 0, non200 = 0;
    size_t nlat = 0;
    for (int i = 0; i < nclients; i++) {
        pthread_join(th[i], NULL);
        req += cl[i].requests;
        err += cl[i].errors;
        non200 += cl[i].non200;
        nlat += cl[i].nlat;
    }
    double wall = (now_ms() - t0) / 1e3;
    double *all = calloc(nlat + 1, sizeof *all);
    size_t m = 0;
    for (int i = 0; i < nclients; i++) {
        memcpy(all + m, cl[i].lat, cl[i].nlat * sizeof *all);
        m += cl[i].nlat;
        free(cl[i].lat);
    }
    qsort(all, nlat, sizeof *all, cmp_double);
#define PCT(p) (nlat ? all[(size_t)((double)(nlat - 1) * (p))] : 0.0)
    printf("clients %d, links %zu, %.1f s: %ld PUTs (%.0f/s), %ld errors, %ld not 200; "
           "latency ms p50 %.2f p90 %.2f p99 %.2f max %.2f\n", nclients, nlinks, wall, req,
           (double)req / wall, err, non200, PCT(0.50), PCT(0.90), PCT(0.99),
           nlat ? all[nlat - 1] : 0.0);
    free(all);
    free(cl);
    free(th);
    free(ks.kase);
    free(ks.crit);
    if (ack)
        fclose(ack);
    curl_global_cleanup();
    return ack ? 0 : (err || non200 ? 1 : 0);
}

/* The last acknowledged and the last unanswered level of one key. */
struct key_state {
    char key[200];
    int acked, pending;     /* -1: none */
};

static struct key_state *key_find(struct key_state *tab, size_t cap, const char *key)
{
    size_t h = 5381;
    for (const char *p = key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    for (size_t i = h % cap;; i = (i + 1) % cap) {
        if (!tab[i].key[0]) {
            snprintf(tab[i].key, sizeof tab[i].key, "%s", key);
            tab[i].acked = tab[i].pending = -1;
            return &tab[i];
        }
        if (strcmp(tab[i].key, key) == 0)
            return &tab[i];
    }
}

static int verify(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char kind[4], rater[64], kase[64], crit[64], key[200];
    int level;
    long acked = 0, lost = 0, keys = 0;
    size_t cap = 1u << 16;
    if (argc != 5)
        return 2;
    FILE *f = fopen(argv[3], "r");
    struct key_state *tab = calloc(cap, sizeof *tab);
    if (!f || !tab || sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT level FROM score WHERE assessment_id = ?1 AND rater = ?2"
                           " AND case_id = ?3 AND criterion = ?4", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "web_load verify: kan %s of %s niet lezen\n", argv[2], argv[3]);
        return 2;
    }
    while (fscanf(f, "%3s %63s %63s %63s %d", kind, rater, kase, crit, &level) == 5) {
        snprintf(key, sizeof key, "%s %s %s", rater, kase, crit);
        struct key_state *k = key_find(tab, cap, key);
        if (strcmp(kind, "OK") == 0) {
            k->acked = level;
            k->pending = -1;
            acked++;
        } else {
            k->pending = level;
        }
    }
    fclose(f);
    for (size_t i = 0; i < cap; i++) {
        struct key_state *k = &tab[i];
        if (!k->key[0] || k->acked < 0)
            continue;
        keys++;
        sscanf(k->key, "%63s %63s %63s", rater, kase, crit);
        sqlite3_bind_text(st, 1, argv[4], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rater, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, kase, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, crit, -1, SQLITE_STATIC);
        int have = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
        if (have != k->acked && (k->pending < 0 || have != k->pending)) {
            lost++;
            fprintf(stderr, "VERLOREN: %s bevestigd %d, in de database %d\n", k->key, k->acked,
                    have);
        }
        sqlite3_reset(st);
    }
    free(tab);
    sqlite3_finalize(st);
    sqlite3_close(db);
    printf("bevestigd %ld keer (%ld scores), verloren %ld\n", acked, keys, lost);
    return lost || !acked ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "run") == 0)
        return run(argc, argv);
    if (argc > 1 && strcmp(argv[1], "verify") == 0)
        return verify(argc, argv);
    fputs("gebruik: web_load run URL LINKS CLIENTS SECONDS [ACKFILE]\n"
          "         web_load verify DB ACKFILE ID\n", stderr);
    return 2;
}
