/*
 * main.c — the praktijktoets command. Everything is in the library:
 * src/cli/options.c parses, cmd_<name>.c runs a command.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return pt_cli_main(argc, argv);
}
