#!/bin/sh
# make bench-backends (issue 15): the receiver on SQLite, on PostgreSQL with
# one receiver and on PostgreSQL with two receivers, side by side in one run,
# wrk on loopback: POST /v1/results (a new key each request) and GET
# /v1/benchmark as it is served in production (the token, the shared rate
# counter and the snapshot read from the database on every request), at
# concurrency 16 and 64. Two receivers: two wrk processes at c/2 each, one
# per receiver, started together; req/s is their sum, p50 the mean and p99
# the larger of the two. PostgreSQL is a throwaway cluster
# (scripts/pg-cluster.sh, fsync on), loaded by `migrate` from the same
# 100-row SQLite database the SQLite rows use. Table in
# $BUILD/bench-backends/results.txt.
set -eu
BUILD=${BUILD:-build}
DIR=$BUILD/bench-backends
SECS=${BENCH_SECONDS:-10}
CENTRAL=$BUILD/praktijktoets-central
GEN=$BUILD/bench/gen_central
rm -rf "$DIR"
mkdir -p "$DIR"
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

"$GEN" "$DIR/seed.db" 100 "$DIR/token" >/dev/null
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/pt-bench-pg.XXXXXX")
PIDS=
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null || true; done
    sh scripts/pg-cluster.sh stop "$PGDIR"
}
trap cleanup EXIT INT TERM
URI=$(sh scripts/pg-cluster.sh start "$PGDIR")
"$CENTRAL" migrate --from "$DIR/seed.db" --to "$URI" > "$DIR/migrate.txt" 2>&1

serve() {   # serve DB NAME: starts a receiver, sets PORT
    "$CENTRAL" serve --listen 127.0.0.1:0 --db "$1" --rate-limit 1000000 \
        --daily-cap 100000000 --max-per-address 1000 --max-connections 1000 \
        > "$DIR/$2.out" 2> "$DIR/$2.err" &
    PIDS="$PIDS $!"
    for _ in $(seq 100); do
        port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$DIR/$2.out")
        [ -n "$port" ] && { PORT=$port; return 0; }
        sleep 0.1
    done
    echo "receiver $2 did not start" >&2; exit 1
}
stop_all() {
    for p in $PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    PIDS=
}

wrk1() {   # wrk1 OUT PORT CONC SCRIPT PATH SEED
    t=$3; [ "$t" -gt 2 ] && t=2
    SEED=$6 TOKEN=$(cat "$DIR/token") wrk -t "$t" -c "$3" -d "${SECS}s" --latency \
        -s "bench/$4" "http://127.0.0.1:$2$5" > "$1" 2>&1
}
ms() {   # a wrk latency (850.00us, 1.20ms, 2.00s) in ms
    echo "$1" | awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) \
        {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; printf "%.2f", v}'
}
field() { sed -n "s/^Requests\/sec: *\([0-9.]*\).*/\1/p" "$1"; }
pct() { ms "$(awk -v p="$2" '$1 == p {print $2}' "$1")"; }
bad() { b=$(sed -n 's/^non2xx=//p' "$1"); s=$(sed -n 's/.*Socket errors: //p' "$1"); \
        echo "${b:-0}${s:+ ($s)}"; }

line() {   # line LABEL C RPS P50 P99 BAD
    printf '| %-34s | %3s | %9s | %8s | %8s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" |
        tee -a "$DIR/results.txt"
}

one() {   # one LABEL PORT C SCRIPT PATH
    wrk1 "$DIR/w.txt" "$2" "$3" "$4" "$5" 1
    line "$1" "$3" "$(field "$DIR/w.txt")" "$(pct "$DIR/w.txt" 50%)" \
        "$(pct "$DIR/w.txt" 99%)" "$(bad "$DIR/w.txt")"
}

two() {   # two LABEL PORTA PORTB C SCRIPT PATH
    h=$(($4 / 2))
    wrk1 "$DIR/a.txt" "$2" "$h" "$5" "$6" 11 &
    wa=$!
    wrk1 "$DIR/b.txt" "$3" "$h" "$5" "$6" 22 &
    wb=$!
    wait "$wa" "$wb"
    rps=$(echo "$(field "$DIR/a.txt") + $(field "$DIR/b.txt")" | bc)
    p50=$(echo "$(pct "$DIR/a.txt" 50%) $(pct "$DIR/b.txt" 50%)" | awk '{printf "%.2f", ($1+$2)/2}')
    p99=$(echo "$(pct "$DIR/a.txt" 99%) $(pct "$DIR/b.txt" 99%)" | awk '{print ($1>$2)?$1:$2}')
    line "$1" "$4" "$rps" "$p50" "$p99" "$(bad "$DIR/a.txt") + $(bad "$DIR/b.txt")"
}

: > "$DIR/results.txt"
{
    echo "# bench-backends $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, ${SECS} s per row"
    echo "| what | c | req/s | p50 ms | p99 ms | non-2xx |"
    echo "|---|---:|---:|---:|---:|---|"
} | tee -a "$DIR/results.txt"
BENCH='/v1/benchmark?rubric=po-gereedheid@1'
cp "$DIR/seed.db" "$DIR/sqlite.db"
for c in 16 64; do
    serve "$DIR/sqlite.db" sqlite; P=$PORT
    one "SQLite: POST" "$P" "$c" backends_post.lua /v1/results
    one "SQLite: GET benchmark" "$P" "$c" central_get.lua "$BENCH"
    stop_all
    serve "$URI" pg1; P=$PORT
    one "PostgreSQL, 1 receiver: POST" "$P" "$c" backends_post.lua /v1/results
    one "PostgreSQL, 1 receiver: GET benchmark" "$P" "$c" central_get.lua "$BENCH"
    stop_all
    serve "$URI" pga; A=$PORT
    serve "$URI" pgb; B=$PORT
    two "PostgreSQL, 2 receivers: POST" "$A" "$B" "$c" backends_post.lua /v1/results
    two "PostgreSQL, 2 receivers: GET benchmark" "$A" "$B" "$c" central_get.lua "$BENCH"
    stop_all
done
