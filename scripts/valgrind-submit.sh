#!/bin/sh
# The submission path under valgrind (used by `make valgrind`): the client's
# submit, outbox list/flush and report --benchmark against a real receiver
# on loopback, delivered, queued (receiver gone) and delivered again.
# Usage: scripts/valgrind-submit.sh BUILD_DIR
set -eu
BUILD=${1:-build}
P=./$BUILD/praktijktoets
C=./$BUILD/praktijktoets-central
VG="valgrind --quiet --leak-check=full --error-exitcode=99"
T=$(mktemp -d /tmp/pt-vg-XXXXXX)
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM

start() {
    # A fresh file: grep must not see the previous server's line (its port).
    rm -f "$T/serve.out"
    "$C" serve --listen 127.0.0.1:0 --db "$T/central.db" >"$T/serve.out" 2>"$T/serve.err" &
    SERVER=$!
    i=0
    while ! grep -q "luistert op" "$T/serve.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 100 ] && { echo "receiver did not start" >&2; exit 1; }
        sleep 0.1
    done
    PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/serve.out")
}

export XDG_CONFIG_HOME="$T"
start
PRAKTIJKTOETS_TOKEN=$("$C" token add --swv "PO 27-01" --db "$T/central.db" 2>/dev/null)
export PRAKTIJKTOETS_TOKEN
"$P" --db "$T/c.db" import tests/fixtures/mini >/dev/null 2>&1
$VG "$P" --db "$T/c.db" submit PT-MINI-1 --endpoint "http://127.0.0.1:$PORT"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
"$P" --db "$T/c.db" score PT-MINI-1 --rater r1 --case K1 --criterion a1 --level 2 2>/dev/null
st=0; $VG "$P" --db "$T/c.db" submit PT-MINI-1 --endpoint "http://127.0.0.1:$PORT" || st=$?
[ $st -eq 4 ] || { echo "submit to a stopped receiver: exit $st, want 4" >&2; exit 1; }
$VG "$P" --db "$T/c.db" outbox list >/dev/null
start
$VG "$P" --db "$T/c.db" outbox flush --now --endpoint "http://127.0.0.1:$PORT"
st=0; $VG "$P" --db "$T/c.db" report PT-MINI-1 --format html --benchmark \
    --endpoint "http://127.0.0.1:$PORT" -o "$T/r.html" || st=$?
[ $st -eq 0 ] || { echo "report --benchmark: exit $st" >&2; exit 1; }
echo "valgrind: submit, outbox, report --benchmark clean"
