/*
 * main.c — the praktijktoets command: global options and the command table
 * (one cmd_<name> per subcommand, in cmd_<name>.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "gebruik: praktijktoets [--db BESTAND] OPDRACHT [ARGUMENTEN]\n"
    "\n"
    "  assess MAP|ID [--format text|json]   een toetsmap of opgeslagen assessment scoren\n"
    "  check BESTAND|MAP...                  rubrics, casussen, assessments en scorebladen controleren\n"
    "  import MAP... [--replace]             toetsmappen opslaan (elk in één transactie)\n"
    "  list [assessments|cases|rubrics]      wat er in de database staat\n"
    "  score ID --rater R --case C --criterion K --level L [--comment TEKST]\n"
    "                                        één score vastleggen of corrigeren\n"
    "  sheet MAP|ID --rater R [-o BESTAND]   een leeg CSV-scoreblad voor een beoordelaar\n"
    "  report MAP|ID --format html|md|json|csv [--audience team|swv|opr] [-o BESTAND]\n"
    "                                        het terugkoppelrapport\n"
    "  submit ID [--endpoint URL]            het resultaat in de wachtrij zetten en afleveren\n"
    "  outbox [list|flush]                   de wachtrij van inzendingen; afleveren wat wacht\n"
    "  serve [--listen ADRES:POORT] [--public-url URL]  de webapp voor het spiegelteam\n"
    "  invite ID (--rater R|--coordinator|--reader swv|opr) [--days N] | --list | --revoke P\n"
    "                                        persoonlijke links voor de webapp\n"
    "  phase ID [scoring|discussion|closed]  de fase van een assessment tonen of zetten\n"
    "  version, help\n"
    "\n"
    "Database: --db BESTAND, anders $PRAKTIJKTOETS_DB, anders ./praktijktoets.db.\n"
    "Afsluitcodes: 0 klaar, 1 mislukt, 2 verkeerd gebruik, 3 ongeldige invoer,\n"
    "4 inzending wacht nog op aflevering, 5 inzending geweigerd door het eindpunt.\n";

struct command {
    const char *name;
    int (*fn)(struct pt_cli *cli, int argc, char **argv);
};

static const struct command commands[] = {
    {"assess", cmd_assess},
    {"check", cmd_check},
    {"import", cmd_import},
    {"invite", cmd_invite},
    {"list", cmd_list},
    {"outbox", cmd_outbox},
    {"phase", cmd_phase},
    {"report", cmd_report},
    {"score", cmd_score},
    {"serve", cmd_serve},
    {"sheet", cmd_sheet},
    {"submit", cmd_submit},
};

/* Like jq: output that could not be written is a failure, not a success. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("praktijktoets: schrijven naar standaarduitvoer mislukt\n", stderr);
        return rc ? rc : PT_FAILED;
    }
    return rc;
}

int main(int argc, char **argv)
{
    struct pt_cli cli = {0};
    int i = 1;

    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) {
                fputs("praktijktoets: --db vraagt een bestandsnaam\n", stderr);
                return PT_USAGE;
            }
            cli.db = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli.db = argv[i] + 5;
            i++;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return finish(PT_OK);
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("praktijktoets %s\n", PT_VERSION);
            return finish(PT_OK);
        } else {
            fprintf(stderr, "praktijktoets: onbekende optie %s\n%s", argv[i], usage);
            return PT_USAGE;
        }
    }
    if (i >= argc) {
        fputs(usage, stderr);
        return PT_USAGE;
    }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        fputs(usage, stdout);
        return finish(PT_OK);
    }
    if (strcmp(name, "version") == 0) {
        printf("praktijktoets %s\n", PT_VERSION);
        return finish(PT_OK);
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(name, commands[k].name) == 0)
            return finish(commands[k].fn(&cli, argc - i, argv + i));
    fprintf(stderr, "praktijktoets: onbekende opdracht \"%s\"\n%s", name, usage);
    return PT_USAGE;
}
