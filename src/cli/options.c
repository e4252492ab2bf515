/*
 * options.c — the one declarative table of commands and options, every
 * usage and help text, and the parser that reads argv with them (cli.h).
 * To add a command: a row in commands[] (with its help text and options)
 * and its cmd_<name>() in cmd_<name>.c. To add an option: a value in enum
 * pt_opt and a row in options[].
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util.h"

struct option_def {
    const char *name;       /* long name, without "--" */
    char short_name;        /* 0: none */
    bool has_value;
};

static const struct option_def options[PT_OPT_COUNT] = {
    [PT_OPT_DB] = {"db", 0, true},
    [PT_OPT_HELP] = {"help", 'h', false},
    [PT_OPT_FORMAT] = {"format", 0, true},
    [PT_OPT_AUDIENCE] = {"audience", 0, true},
    [PT_OPT_OUTPUT] = {"output", 'o', true},
    [PT_OPT_BENCHMARK] = {"benchmark", 0, false},
    [PT_OPT_ENDPOINT] = {"endpoint", 0, true},
    [PT_OPT_CACERT] = {"cacert", 0, true},
    [PT_OPT_TIMEOUT] = {"timeout", 0, true},
    [PT_OPT_CONNECT_TIMEOUT] = {"connect-timeout", 0, true},
    [PT_OPT_RATER] = {"rater", 0, true},
    [PT_OPT_CASE] = {"case", 0, true},
    [PT_OPT_CRITERION] = {"criterion", 0, true},
    [PT_OPT_LEVEL] = {"level", 0, true},
    [PT_OPT_COMMENT] = {"comment", 0, true},
    [PT_OPT_REPLACE] = {"replace", 0, false},
    [PT_OPT_DISCARD_CORRECTIONS] = {"discard-corrections", 0, false},
    [PT_OPT_NOW] = {"now", 0, false},
    [PT_OPT_WAIT] = {"wait", 0, true},
    [PT_OPT_RUBRIC] = {"rubric", 0, true},
    /* web (issue 12) */
    [PT_OPT_LISTEN] = {"listen", 0, true},
    [PT_OPT_PUBLIC_URL] = {"public-url", 0, true},
    [PT_OPT_TLS_CERT] = {"tls-cert", 0, true},
    [PT_OPT_TLS_KEY] = {"tls-key", 0, true},
    [PT_OPT_QUIET] = {"quiet", 0, false},
    [PT_OPT_COORDINATOR] = {"coordinator", 0, false},
    [PT_OPT_READER] = {"reader", 0, true},
    [PT_OPT_DAYS] = {"days", 0, true},
    [PT_OPT_LIST] = {"list", 0, false},
    [PT_OPT_REVOKE] = {"revoke", 0, true},
};

#define OPT(o) (1u << (o))
#define NET_OPTS (OPT(PT_OPT_ENDPOINT) | OPT(PT_OPT_CACERT) | OPT(PT_OPT_TIMEOUT) | \
                  OPT(PT_OPT_CONNECT_TIMEOUT))
/* Every command takes these. */
#define COMMON_OPTS (OPT(PT_OPT_DB) | OPT(PT_OPT_HELP))

struct command_def {
    const char *name;
    int (*run)(struct pt_cli *cli);
    unsigned options;       /* OPT() bits beside COMMON_OPTS */
    const char *help;
};

static const struct command_def commands[] = {
    {"assess", cmd_assess, OPT(PT_OPT_FORMAT),
     "gebruik: praktijktoets assess MAP|ID [--format text|json]\n"
     "\n"
     "Scoort een toetsmap (er wordt niets opgeslagen) of een opgeslagen assessment.\n"
     "  --format text   een leesbare samenvatting (standaard)\n"
     "  --format json   het resultaatobject praktijktoets-result/1 op stdout\n"},
    {"check", cmd_check, OPT(PT_OPT_RUBRIC),
     "gebruik: praktijktoets check BESTAND|MAP... [--rubric RUBRIC.json]\n"
     "\n"
     "Controleert rubrics, casussen (ook op persoonsgegevens), assessments en\n"
     "scorebladen (.json of .csv). Een toetsmap (een map met assessment.json)\n"
     "wordt als geheel gecontroleerd; van een andere map elk .json- en .csv-bestand.\n"
     "Een scoreblad in scores/ van een toetsmap wordt tegen de rubric en het team\n"
     "van die toetsmap gecontroleerd; een los scoreblad met --rubric tegen die rubric\n"
     "(niveaus en criteria), zonder --rubric alleen op zijn vorm.\n"
     "Meldt alle problemen, niet alleen het eerste; afsluitcode 3 bij een probleem.\n"
     "Wat mag maar waarschijnlijk een vergissing is (zoals een gebeurtenis na de datum\n"
     "van het assessment) meldt check als \"waarschuwing: ...\"; de afsluitcode blijft.\n"},
    {"import", cmd_import, OPT(PT_OPT_REPLACE) | OPT(PT_OPT_DISCARD_CORRECTIONS),
     "gebruik: praktijktoets import MAP... [--replace [--discard-corrections]]\n"
     "\n"
     "Controleert elke toetsmap en slaat hem in één transactie op in de database:\n"
     "alles of niets van die map. Een assessment dat al is opgeslagen wordt\n"
     "geweigerd, tenzij --replace: dan worden de casussen en scores vervangen (de\n"
     "revisie telt door). Heeft het opgeslagen assessment correcties (gemaakt met\n"
     "praktijktoets score), dan weigert --replace, tenzij --discard-corrections.\n"
     "Met meer mappen gaat elke map apart: een geweigerde map\n"
     "houdt de andere niet tegen; de uitgangsstatus is dan 3 (of 1 bij een fout\n"
     "van de database).\n"},
    {"invite", cmd_invite,
     OPT(PT_OPT_RATER) | OPT(PT_OPT_COORDINATOR) | OPT(PT_OPT_READER) | OPT(PT_OPT_DAYS) |
     OPT(PT_OPT_LIST) | OPT(PT_OPT_REVOKE) | OPT(PT_OPT_PUBLIC_URL),
     "gebruik: praktijktoets invite ID (--rater R | --coordinator | --reader swv|opr) [--days N]\n"
     "                             [--public-url URL]\n"
     "         praktijktoets invite ID --list\n"
     "         praktijktoets invite ID --revoke PREFIX\n"
     "\n"
     "Maakt een persoonlijke link voor de webapp (praktijktoets serve) en drukt hem\n"
     "één keer af: bewaar hem niet, stuur hem naar die ene persoon. Alleen een hash\n"
     "van de link wordt opgeslagen. Een link verloopt na N dagen (standaard 30).\n"
     "--list toont de links (begin, rol, wie, verloopt, laatst gebruikt), nooit de\n"
     "link zelf; --revoke trekt de link in die met PREFIX begint en beëindigt zijn\n"
     "sessies meteen, ook op een draaiende server. De URL komt van --public-url,\n"
     "anders $PRAKTIJKTOETS_PUBLIC_URL, anders http://127.0.0.1:8080.\n"},
    {"list", cmd_list, 0,
     "gebruik: praktijktoets list [assessments|cases|rubrics]\n"
     "\n"
     "Toont wat er in de database staat, met tabs tussen de kolommen\n"
     "(standaard: assessments). Casussen worden getoond zonder hun tekst.\n"},
    {"log", cmd_log, 0,
     "gebruik: praktijktoets log ID\n"
     "\n"
     "Toont het logboek van correcties van een opgeslagen assessment: elke wijziging\n"
     "met praktijktoets score, de oudste eerst, met tabs tussen de kolommen: wanneer\n"
     "(UTC), de revisie die de wijziging maakte, de beoordelaar van wie de score is,\n"
     "casus, criterium, oude en nieuwe waarde (nvt: niet van toepassing, -: er was nog\n"
     "geen score) en de reden (de toelichting die bij de correctie is gegeven).\n"},
    {"outbox", cmd_outbox, OPT(PT_OPT_NOW) | OPT(PT_OPT_WAIT) | NET_OPTS,
     "gebruik: praktijktoets outbox [list]\n"
     "         praktijktoets outbox flush [--now] [--wait S] [--endpoint URL] [--cacert BESTAND]\n"
     "                                    [--timeout S] [--connect-timeout S]\n"
     "\n"
     "list    de wachtrij: elke inzending met zijn toestand (wacht, afgeleverd,\n"
     "        geweigerd), het aantal pogingen, de volgende poging en de laatste fout\n"
     "flush   levert af wat aan de beurt is (na 1, 2, 4 … seconden, hooguit een uur,\n"
     "        of zo lang als het eindpunt met Retry-After vraagt)\n"
     "  --now           probeer alles wat wacht nu meteen, ook wat nog niet aan de beurt is\n"
     "  --wait S        blijf het tot S seconden opnieuw proberen, telkens zodra iets aan de\n"
     "                  beurt is, tot de wachtrij leeg is\n"
     "  --endpoint URL  lever af bij dit eindpunt in plaats van het opgeslagen eindpunt\n"
     "\n"
     "Een eindpunt dat niet antwoordt of om uitstel vraagt, krijgt in deze ronde\n"
     "niets meer. Draai flush bijvoorbeeld elk kwartier vanuit cron of een systemd-timer.\n"
     "Afsluitcode 0 niets meer in de wachtrij, 4 er wacht nog iets, 5 er is iets geweigerd.\n"},
    {"phase", cmd_phase, 0,
     "gebruik: praktijktoets phase ID [scoring|discussion|closed]\n"
     "\n"
     "Zonder fase: toont de fase van het assessment en het logboek van de\n"
     "wijzigingen. Met een fase: zet het assessment in die fase (scoring →\n"
     "discussion → closed; closed → discussion heropent). Naar discussion gaan\n"
     "terwijl niet iedereen heeft ingeleverd mag: het logboek noemt wie niet.\n"
     "score (een correctie) kan alleen in fase discussion; import --replace van een\n"
     "gesloten assessment vraagt eerst phase ID discussion.\n"},
    {"report", cmd_report,
     OPT(PT_OPT_FORMAT) | OPT(PT_OPT_AUDIENCE) | OPT(PT_OPT_OUTPUT) | OPT(PT_OPT_BENCHMARK) |
     NET_OPTS,
     "gebruik: praktijktoets report MAP|ID --format html|md|json|csv [--audience team|swv|opr] [-o BESTAND]\n"
     "                              [--benchmark [--endpoint URL] [--cacert BESTAND]]\n"
     "\n"
     "Schrijft het terugkoppelrapport. --audience team toont alles, ook welke\n"
     "beoordelaar wat gaf; swv en opr zien niveaus en toelichtingen per geleding,\n"
     "nooit per beoordelaar (standaard: swv). Zonder -o naar stdout.\n"
     "\n"
     "  --benchmark   haalt bij het centrale eindpunt de landelijke verdeling op (alleen\n"
     "                de rubric gaat mee) en zet de domeinscores ernaast; het eindpunt en\n"
     "                het token komen uit --endpoint, de omgeving of het configuratiebestand\n"
     "                (zie praktijktoets submit --help). Lukt dat niet, dan volgt het\n"
     "                rapport zonder vergelijking, met een melding.\n"},
    {"score", cmd_score,
     OPT(PT_OPT_RATER) | OPT(PT_OPT_CASE) | OPT(PT_OPT_CRITERION) | OPT(PT_OPT_LEVEL) |
     OPT(PT_OPT_COMMENT),
     "gebruik: praktijktoets score ID --rater R --case C --criterion K --level L [--comment TEKST]\n"
     "\n"
     "Legt één score vast in een opgeslagen assessment, of corrigeert hem. L is een\n"
     "waarde van de schaal van de rubric, of nvt waar het criterium dat toestaat.\n"
     "Zonder --comment blijft een eerdere toelichting staan. Elke wijziging verhoogt\n"
     "de revisie van het assessment en komt in het logboek van correcties.\n"},
    {"serve", cmd_serve,
     OPT(PT_OPT_LISTEN) | OPT(PT_OPT_PUBLIC_URL) | OPT(PT_OPT_TLS_CERT) | OPT(PT_OPT_TLS_KEY) |
     OPT(PT_OPT_QUIET),
     "gebruik: praktijktoets serve [--listen ADRES:POORT] [--public-url URL]\n"
     "                             [--tls-cert BESTAND --tls-key BESTAND] [--quiet]\n"
     "\n"
     "Start de webapp voor het spiegelteam op dezelfde database als de opdrachtregel\n"
     "(standaard op 127.0.0.1:8080). Iedereen komt binnen met een persoonlijke link\n"
     "van praktijktoets invite. Op een ander adres dan 127.0.0.1: zet er een TLS\n"
     "reverse proxy voor, of geef --tls-cert en --tls-key. --public-url is het adres\n"
     "waarop mensen de app bereiken (https://... zet de Secure-vlag op de cookie).\n"
     "--quiet schrijft geen regel per verzoek naar stderr.\n"
     "Stoppen met Ctrl-C of SIGTERM.\n"},
    {"sheet", cmd_sheet, OPT(PT_OPT_RATER) | OPT(PT_OPT_OUTPUT),
     "gebruik: praktijktoets sheet MAP|ID --rater R [-o BESTAND]\n"
     "\n"
     "Schrijft een leeg scoreblad (CSV met ';', UTF-8) voor beoordelaar R: één regel per\n"
     "casus en criterium, met de vraag en de schaal. Vul de kolom niveau in met een\n"
     "spreadsheet, sla op als CSV, zet het bestand in scores/ van de toetsmap en\n"
     "importeer. Lege regels tellen niet als score. Zonder -o naar stdout.\n"},
    {"show", cmd_show, OPT(PT_OPT_FORMAT) | OPT(PT_OPT_OUTPUT),
     "gebruik: praktijktoets show MAP|ID [CASUS] [--format text|html] [-o BESTAND]\n"
     "\n"
     "Toont de casussen zoals het team ze leest voor het overleg: kenmerken,\n"
     "samenvatting, tijdlijn met datums (en de dagen sinds de vorige gebeurtenis) en\n"
     "de visie van de ouders; met CASUS alleen die casus.\n"
     "  --format text   tekst, afgebroken op 76 tekens (standaard)\n"
     "  --format html   een hand-out om te printen (A4, elke casus op een nieuwe pagina)\n"
     "  -o BESTAND      naar BESTAND in plaats van naar stdout\n"},
    {"submit", cmd_submit, NET_OPTS,
     "gebruik: praktijktoets submit ID [--endpoint URL] [--cacert BESTAND]\n"
     "                             [--timeout S] [--connect-timeout S]\n"
     "\n"
     "Zet het resultaat van een opgeslagen assessment in de wachtrij (de outbox in de\n"
     "database) en levert het af bij het centrale eindpunt. Er gaan alleen getallen,\n"
     "statussen en id's mee: geen casustekst, geen toelichtingen, geen beoordelaars.\n"
     "Wat niet meteen lukt, blijft in de wachtrij: praktijktoets outbox flush.\n"
     "\n"
     "  --endpoint URL      het centrale eindpunt (https://…; http:// alleen naar 127.0.0.1)\n"
     "  --cacert BESTAND    de CA waarmee het certificaat van het eindpunt wordt gecontroleerd\n"
     "  --timeout S         hoe lang één verzending mag duren (standaard 60)\n"
     "  --connect-timeout S hoe lang het verbinden mag duren (standaard 10)\n"
     "\n"
     "Token: $PRAKTIJKTOETS_TOKEN of \"token = …\" in het configuratiebestand\n"
     "($PRAKTIJKTOETS_CONFIG, anders ~/.config/praktijktoets/config, rechten 600).\n"
     "Afsluitcode 0 afgeleverd, 4 in de wachtrij (wordt opnieuw geprobeerd),\n"
     "5 geweigerd door het eindpunt.\n"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char usage[] =
    "gebruik: praktijktoets [--db BESTAND] OPDRACHT [ARGUMENTEN]\n"
    "\n"
    "  assess MAP|ID [--format text|json]   een toetsmap of opgeslagen assessment scoren\n"
    "  check BESTAND|MAP... [--rubric R]     rubrics, casussen, assessments en scorebladen controleren\n"
    "  import MAP... [--replace [--discard-corrections]]\n"
    "                                        toetsmappen opslaan (elk in één transactie)\n"
    "  list [assessments|cases|rubrics]      wat er in de database staat\n"
    "  log ID                                het logboek van correcties van een assessment\n"
    "  score ID --rater R --case C --criterion K --level L [--comment TEKST]\n"
    "                                        één score vastleggen of corrigeren\n"
    "  sheet MAP|ID --rater R [-o BESTAND]   een leeg CSV-scoreblad voor een beoordelaar\n"
    "  show MAP|ID [CASUS] [--format text|html] [-o BESTAND]\n"
    "                                        de casussen voor het overleg (html: hand-out)\n"
    "  report MAP|ID --format html|md|json|csv [--audience team|swv|opr] [-o BESTAND]\n"
    "         [--benchmark]                  het terugkoppelrapport (met --benchmark naast\n"
    "                                        de landelijke verdeling)\n"
    "  submit ID [--endpoint URL]            het resultaat in de wachtrij zetten en afleveren\n"
    "  outbox [list|flush]                   de wachtrij van inzendingen; afleveren wat wacht\n"
    "  serve [--listen ADRES:POORT] [--public-url URL]  de webapp voor het spiegelteam\n"
    "  invite ID (--rater R|--coordinator|--reader swv|opr) [--days N] | --list | --revoke P\n"
    "                                        persoonlijke links voor de webapp\n"
    "  phase ID [scoring|discussion|closed]  de fase van een assessment tonen of zetten\n"
    "  version, help\n"
    "\n"
    "Netwerk (submit, outbox flush, report --benchmark): --endpoint URL, --cacert BESTAND,\n"
    "--timeout S, --connect-timeout S. Hulp bij een opdracht: praktijktoets OPDRACHT --help.\n"
    "Database: --db BESTAND (voor of na de opdracht), anders $PRAKTIJKTOETS_DB,\n"
    "anders ./praktijktoets.db.\n"
    "Afsluitcodes: 0 klaar, 1 mislukt, 2 verkeerd gebruik, 3 ongeldige invoer,\n"
    "4 inzending wacht nog op aflevering, 5 inzending geweigerd door het eindpunt.\n";

/* Levenshtein distance of two short words (capped at 64 bytes). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strnlen(a, 64), lb = strnlen(b, 64);
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The closest of names (n of them, stride bytes apart) to word, when it is
 * close enough to be a typing error; NULL otherwise. */
static const char *closest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t bd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!names[i])
            continue;
        size_t d = distance(word, names[i]);
        if (d < bd) {
            bd = d;
            best = names[i];
        }
    }
    size_t len = strlen(word);
    return best && bd <= (len > 5 ? 2u : 1u) ? best : NULL;
}

static bool allowed(const struct command_def *c, enum pt_opt o)
{
    return ((COMMON_OPTS | (c ? c->options : 0)) >> o) & 1u;
}

/* Writes the usage error for an unknown option word of command c (NULL:
 * before the command). */
static int unknown_option(const struct pt_cli *cli, const struct command_def *c,
                          const char *word)
{
    const char *names[PT_OPT_COUNT] = {0};
    char want[80];
    snprintf(want, sizeof want, "%s", word + (word[1] == '-' ? 2 : 1));
    want[strcspn(want, "=")] = '\0';
    for (int o = 0; o < PT_OPT_COUNT; o++)
        if (allowed(c, (enum pt_opt)o))
            names[o] = options[o].name;
    const char *hint = closest(want, names, PT_OPT_COUNT);
    char tail[128] = "";
    if (hint)
        snprintf(tail, sizeof tail, "; bedoelde u '--%s'?", hint);
    if (!c) {
        fprintf(stderr, "praktijktoets: onbekende optie '%s'%s\n%s", word, tail, usage);
        return PT_USAGE;
    }
    return pt_cli_usage(cli, "onbekende optie '%s'%s", word, tail);
}

/* The option a word names ("--name", "--name=value", a unique prefix of a
 * name, or "-x"); -1 when none allowed for c does. */
static int find_option(const struct command_def *c, const char *word)
{
    if (word[1] != '-') {
        for (int o = 0; o < PT_OPT_COUNT; o++)
            if (word[2] == '\0' && options[o].short_name == word[1] && allowed(c, (enum pt_opt)o))
                return o;
        return -1;
    }
    const char *name = word + 2;
    size_t len = strcspn(name, "=");
    int found = -1, matches = 0;
    for (int o = 0; o < PT_OPT_COUNT; o++) {
        if (!allowed(c, (enum pt_opt)o) || strncmp(options[o].name, name, len) != 0)
            continue;
        if (options[o].name[len] == '\0')
            return o;   /* exact */
        found = o;
        matches++;
    }
    return matches == 1 ? found : -1;
}

/* Reads the option at argv[*i] (advancing *i past its value). */
static int take_option(struct pt_cli *cli, const struct command_def *c, int argc, char **argv,
                       int *i)
{
    const char *word = argv[*i];
    int o = find_option(c, word);
    if (o < 0)
        return unknown_option(cli, c, word);
    const char *eq = word[1] == '-' ? strchr(word, '=') : NULL;
    const char *value = "";
    if (options[o].has_value) {
        if (eq) {
            value = eq + 1;
        } else if (*i + 1 < argc) {
            value = argv[++*i];
        } else if (!c) {
            fprintf(stderr, "praktijktoets: --%s vraagt een %s\n", options[o].name,
                    o == PT_OPT_DB ? "bestandsnaam" : "waarde");
            return PT_USAGE;
        } else {
            return pt_cli_usage(cli, "optie '--%s' vraagt een waarde", options[o].name);
        }
    } else if (eq) {
        return pt_cli_usage(cli, "optie '--%s' heeft geen waarde", options[o].name);
    }
    cli->value[o] = value;
    if (o == PT_OPT_DB)
        cli->app.db_path = value;
    return PT_OK;
}

/* Options and operands after the command; options may come anywhere
 * ("--" ends them). */
static int parse_command_args(struct pt_cli *cli, const struct command_def *c, int argc,
                              char **argv, int first)
{
    bool only_operands = false;
    cli->args = pt_xcalloc((size_t)argc + 1, sizeof *cli->args);
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (!only_operands && strcmp(a, "--") == 0) {
            only_operands = true;
        } else if (!only_operands && a[0] == '-' && a[1] != '\0') {
            int rc = take_option(cli, c, argc, argv, &i);
            if (rc != PT_OK)
                return rc;
        } else {
            cli->args[cli->nargs++] = argv[i];
        }
    }
    return PT_OK;
}

static const struct command_def *find_command(const char *name)
{
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(name, commands[k].name) == 0)
            return &commands[k];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS + 2];
    for (size_t k = 0; k < NCOMMANDS; k++)
        names[k] = commands[k].name;
    names[NCOMMANDS] = "help";
    names[NCOMMANDS + 1] = "version";
    const char *hint = closest(name, names, NCOMMANDS + 2);
    if (hint)
        fprintf(stderr, "praktijktoets: onbekende opdracht \"%s\"; bedoelde u '%s'?\n", name,
                hint);
    else
        fprintf(stderr, "praktijktoets: onbekende opdracht \"%s\"\n%s", name, usage);
    return PT_USAGE;
}

/* Like jq: output that could not be written is a failure, not a success. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("praktijktoets: schrijven naar standaarduitvoer mislukt\n", stderr);
        return rc ? rc : PT_FAILED;
    }
    return rc;
}

/* Global options before the command; *i ends on the command. */
static int parse_global(struct pt_cli *cli, int argc, char **argv, int *i, bool *done)
{
    for (*i = 1; *i < argc && argv[*i][0] == '-'; ++*i) {
        if (strcmp(argv[*i], "-h") == 0 || strcmp(argv[*i], "--help") == 0) {
            fputs(usage, stdout);
            *done = true;
            return PT_OK;
        }
        if (strcmp(argv[*i], "--version") == 0) {
            printf("praktijktoets %s\n", PT_VERSION);
            *done = true;
            return PT_OK;
        }
        if (find_option(NULL, argv[*i]) != PT_OPT_DB)
            return unknown_option(cli, NULL, argv[*i]);
        int rc = take_option(cli, NULL, argc, argv, i);
        if (rc != PT_OK)
            return rc;
    }
    return PT_OK;
}

static int run(struct pt_cli *cli, int argc, char **argv)
{
    bool done = false;
    int i = 1;
    int rc = parse_global(cli, argc, argv, &i, &done);
    if (rc != PT_OK || done)
        return rc;
    if (i >= argc) {
        fputs(usage, stderr);
        return PT_USAGE;
    }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        fputs(usage, stdout);
        return PT_OK;
    }
    if (strcmp(name, "version") == 0) {
        printf("praktijktoets %s\n", PT_VERSION);
        return PT_OK;
    }
    const struct command_def *c = find_command(name);
    if (!c)
        return unknown_command(name);
    cli->command = c->name;
    rc = parse_command_args(cli, c, argc, argv, i + 1);
    if (rc != PT_OK)
        return rc;
    if (cli->value[PT_OPT_HELP]) {
        fputs(c->help, stdout);
        return PT_OK;
    }
    return c->run(cli);
}

int pt_cli_main(int argc, char **argv)
{
    struct pt_cli cli = {0};
    /* Out of memory ends the program everywhere, also inside cJSON. */
    cJSON_InitHooks(&(cJSON_Hooks){.malloc_fn = pt_xmalloc, .free_fn = free});
    int rc = finish(run(&cli, argc, argv));
    pt_app_close(&cli.app);
    free(cli.args);
    return rc;
}
