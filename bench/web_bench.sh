#!/bin/sh
# web_bench.sh — `make bench-web` (issue 12): `praktijktoets serve` under
# load on loopback. A team of 30 (the sample's ten cases, 35 criteria) whose
# 30 raters save scores at once, then 64 concurrent clients (two sessions
# for most raters: laptop and phone), each a keep-alive connection that
# PUTs a score as soon as the previous one is answered, for BENCH_SECONDS.
# Every PUT is a BEGIN IMMEDIATE ... COMMIT with synchronous=FULL: the
# figures include an fsync per score. Goal: p99 < 50 ms, no errors.
# Writes $BUILD/bench/web-results.txt.
set -eu
BUILD=${BUILD:-build}
SECONDS_EACH=${BENCH_SECONDS:-10}
P=./$BUILD/praktijktoets
W=./$BUILD/bench/web_load
out=$BUILD/bench/web
rm -rf "$out"
mkdir -p "$out"
sh bench/web_team.sh "$out/map" 30
db=$out/web.db
$P --db "$db" import "$out/map" 2>/dev/null
: > "$out/links"
i=1
while [ "$i" -le 30 ]; do
    printf 'r%d %s\n' "$i" "$($P --db "$db" invite PT-PO2899-2014-1 --rater "r$i" 2>/dev/null | sed 's|.*/t/||')" >> "$out/links"
    i=$((i + 1))
done
rm -f "$out/serve.out"
$P --db "$db" serve --listen 127.0.0.1:0 --quiet > "$out/serve.out" &
spid=$!
trap 'kill $spid 2>/dev/null || true' EXIT
n=0
while ! grep -q luistert "$out/serve.out" 2>/dev/null; do
    n=$((n + 1)); [ $n -lt 100 ] || { echo "server start niet" >&2; exit 1; }
    sleep 0.1
done
url=$(sed -n 's/.*luistert op \(http[^ ]*\).*/\1/p' "$out/serve.out")
{
    echo "praktijktoets serve, loopback, $(nproc) CPU, a thread per connection, group commit, synchronous=FULL"
    echo "team of 30: $($W run "$url" "$out/links" 30 "$SECONDS_EACH")"
    echo "64 clients: $($W run "$url" "$out/links" 64 "$SECONDS_EACH")"
    echo "scores stored: $(sqlite3 "$db" 'SELECT count(*) FROM score')"
} | tee "$BUILD/bench/web-results.txt"
kill "$spid"
wait "$spid" 2>/dev/null || true
trap - EXIT
grep -q ' 0 errors, 0 not 200' "$BUILD/bench/web-results.txt"
