#!/bin/sh
# web_team.sh DIR N — the sample toetsmap (cases/voorbeeld-po) without its
# sheets and with a team of N raters (r1..rN; the four required geledingen
# first, then personeel), in DIR. Shared by bench/web_bench.sh and
# tests/web_kill.sh.
set -eu
dir=$1
n=$2
rm -rf "$dir"
mkdir -p "$dir"
cp -R cases/voorbeeld-po/cases "$dir/"
roles="management ouders personeel gemeente"
{
    sed -n '1,/"team"/p' cases/voorbeeld-po/assessment.json
    i=1
    while [ "$i" -le "$n" ]; do
        role=$(echo "$roles" | cut -d' ' -f"$i" 2>/dev/null)
        [ -n "$role" ] || role=personeel
        sep=,
        [ "$i" -eq "$n" ] && sep=
        printf '    {"id": "r%d", "role": "%s"}%s\n' "$i" "$role" "$sep"
        i=$((i + 1))
    done
    printf '  ],\n'
    sed -n '/"cases"/,$p' cases/voorbeeld-po/assessment.json
} > "$dir/assessment.json"
