#!/bin/sh
# `praktijktoets serve` under valgrind (used by `make valgrind`; web, issue
# 12): a scripted session with curl — links, a rater saving by API and by
# form, refusals (CSRF, privacy, 413, unknown link), hand-in, the
# coordinator's pages, discussion, a correction, close, reports, a reader —
# then SIGTERM. valgrind's exit status 99 (an error or a leak) fails it.
# Usage: scripts/valgrind-serve.sh BUILD_DIR
set -eu
BUILD=${1:-build}
P=./$BUILD/praktijktoets
ID=PT-PO2899-2014-1
T=$(mktemp -d /tmp/pt-vgs-XXXXXX)
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
mkdir "$T/map"
cp -R cases/voorbeeld-po/assessment.json cases/voorbeeld-po/cases "$T/map/"
$P --db "$T/db" import "$T/map" 2>/dev/null
link() { $P --db "$T/db" invite $ID "$@" 2>/dev/null | sed 's|.*/t/||'; }
R1=$(link --rater r1)
CO=$(link --coordinator)
RD=$(link --reader swv)
valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    $P --db "$T/db" serve --listen 127.0.0.1:0 >"$T/out" 2>"$T/err" &
SERVER=$!
i=0
while ! grep -q "luistert op" "$T/out" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 300 ] && { echo "server did not start" >&2; cat "$T/err" >&2; exit 1; }
    sleep 0.1
done
U=$(sed -n 's/.*luistert op \(http[^ ]*\).*/\1/p' "$T/out")
c() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
expect() { want=$1; shift; got=$(c "$@"); [ "$got" = "$want" ] || { echo "FOUT: $* → $got, verwacht $want" >&2; exit 1; }; }
session() { # jar token → csrf
    curl -s -c "$T/$1" "$U/t/$2" -o /dev/null
    curl -s -b "$T/$1" "$U/api/v1/session" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/'
}
K1=$(session r1.jar "$R1")
KC=$(session co.jar "$CO")
KR=$(session rd.jar "$RD")
J="-H Content-Type:application/json"
expect 200 -b "$T/r1.jar" "$U/"
expect 200 -b "$T/r1.jar" "$U/case/C01"
expect 200 -b "$T/r1.jar" -X PUT $J -H "X-CSRF-Token: $K1" -d '{"level":"3","comment":"goed"}' "$U/api/v1/scores/C01/ond-signalering"
expect 422 -b "$T/r1.jar" -X PUT $J -H "X-CSRF-Token: $K1" -d '{"level":"3","comment":"bel 0612345678"}' "$U/api/v1/scores/C01/ond-signalering"
expect 400 -b "$T/r1.jar" -X PUT $J -H "X-CSRF-Token: $K1" -d '{"level":' "$U/api/v1/scores/C01/ond-signalering"
expect 403 -b "$T/r1.jar" -X PUT $J -H "X-CSRF-Token: fout" -d '{"level":"2"}' "$U/api/v1/scores/C01/ond-signalering"
head -c 40000 /dev/zero | tr '\0' a > "$T/big"
expect 413 -b "$T/r1.jar" -X PUT $J -H "X-CSRF-Token: $K1" --data-binary @"$T/big" "$U/api/v1/scores/C01/ond-signalering"
expect 303 -b "$T/r1.jar" --data-urlencode "csrf=$K1" -d criterion=ond-basis -d level=nvt "$U/case/C01"
expect 401 "$U/t/onbekendelink"
expect 200 -b "$T/r1.jar" "$U/api/v1/scores"
expect 200 -b "$T/r1.jar" "$U/api/v1/assessment"
expect 200 "$U/static/app.js"
expect 200 -b "$T/co.jar" "$U/"
expect 200 -b "$T/co.jar" "$U/api/v1/progress"
expect 409 -b "$T/co.jar" "$U/api/v1/scores"
expect 200 -b "$T/r1.jar" -X POST $J -H "X-CSRF-Token: $K1" -d '{}' "$U/api/v1/sheet"
expect 200 -b "$T/co.jar" -X POST $J -H "X-CSRF-Token: $KC" -d '{"phase":"discussion"}' "$U/api/v1/phase"
expect 200 -b "$T/co.jar" "$U/discussion/C01"
expect 200 -b "$T/co.jar" -X POST $J -H "X-CSRF-Token: $KC" -d '{"rater":"r1","case":"C01","criterion":"ond-signalering","level":"2","reason":"besproken"}' "$U/api/v1/corrections"
expect 303 -b "$T/co.jar" --data-urlencode "csrf=$KC" -d phase=closed "$U/phase"
expect 200 -b "$T/co.jar" "$U/report?format=html&audience=team"
expect 200 -b "$T/rd.jar" "$U/report?format=csv"
expect 200 -b "$T/rd.jar" "$U/report.css"
expect 403 -b "$T/rd.jar" "$U/api/v1/scores"
: "$KR"
kill -TERM "$SERVER"
st=0
wait "$SERVER" || st=$?
SERVER=
[ "$st" -eq 0 ] || { echo "valgrind: serve ended with $st" >&2; cat "$T/err" >&2; exit 1; }
echo "valgrind serve: schoon"
