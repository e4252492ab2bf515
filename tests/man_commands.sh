#!/bin/sh
# Every command that "praktijktoets help" (and "praktijktoets-central help")
# lists has its own subsection ".SS name" in the man page, so that the man
# page cannot silently fall behind the program, and every option that
# "COMMAND --help" names appears in it. Run by make check.
#   PT_PROGRAM / PT_CENTRAL: the programs (default build/...).
set -u
cd "$(dirname "$0")/.."
prog=${PT_PROGRAM:-build/praktijktoets}
central=${PT_CENTRAL:-build/praktijktoets-central}
fail=0

# The commands of a usage text: the first word of each line indented by two
# to four spaces ("  assess MAP|ID ...", "  token add ..."), and every word
# of a line such as "  version, help".
commands() {
    "$1" help | awk '
        /^  [ ]?[ ]?[a-z][a-z-]*(,|$| )/ {
            line = $0; sub(/^ +/, "", line)
            if (line ~ /^[a-z-]+(, [a-z-]+)+$/) {
                n = split(line, w, /, /); for (i = 1; i <= n; i++) print w[i]
            } else { split(line, w, / /); print w[1] }
        }' | sort -u
}

check_page() {    # program man-page
    list=$(commands "$1")
    if [ -z "$list" ]; then
        echo "man_commands: $1 help noemt geen opdrachten" >&2
        fail=1
        return
    fi
    n=0
    for c in $list; do
        n=$((n + 1))
        if ! grep -q "^\.SS \"\{0,1\}$c\"\{0,1\}\$" "$2"; then
            echo "man_commands: $2 beschrijft de opdracht \"$c\" niet (geen .SS $c)" >&2
            fail=1
        fi
    done
    echo "man_commands: $2: $n opdrachten van $1 help beschreven: $(echo $list)"
}

# Every option that "praktijktoets COMMAND --help" names is in the man page.
check_options() {    # program man-page
    for c in $(commands "$1"); do
        case $c in version | help) continue ;; esac
        for o in $("$1" "$c" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u); do
            pat=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
            if ! grep -q -- "$pat" "$2"; then
                echo "man_commands: $2 noemt de optie $o van \"$c\" niet" >&2
                fail=1
            fi
        done
    done
}

check_page "$prog" man/praktijktoets.1
check_options "$prog" man/praktijktoets.1
check_page "$central" man/praktijktoets-central.8
check_options "$central" man/praktijktoets-central.8
exit $fail
