#!/bin/sh
# scripts/fnlen.sh [MAX] FILE... — lists every function longer than MAX
# (80) lines: from the line of its opening brace in column 0 to its closing
# brace in column 0 (the project's style: K&R, function braces on their own
# line). Exit status 1 when there is one.
max=80
case "${1:-}" in [0-9]*) max=$1; shift ;; esac
awk -v max="$max" '
    FNR == 1 { name = ""; start = 0 }
    /^[A-Za-z_].*\(/ && !/;[ \t]*$/ { name = $0 }
    /^\{/ { start = FNR; fn = name }
    /^\}/ && start { n = FNR - start - 1
        if (n > max) { sub(/\(.*/, "", fn); printf "%s:%d: %s: %d regels (meer dan %d)\n", FILENAME, start, fn, n, max; bad = 1 }
        start = 0 }
    END { exit bad }
' "$@"
