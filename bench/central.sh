#!/bin/sh
# make bench-central: the receiver under wrk on loopback, side by side in one
# run. POST /v1/results and GET /v1/benchmark at concurrency 1, 16 and 64;
# the benchmark at 100 and at 1,000,000 stored submissions (rows written
# straight into the database by bench/gen_central.c), read from the snapshot
# (default) and recomputed from the latest table on every request
# (--snapshot-interval 0). Table in $BUILD/bench-central/results.txt.
set -eu
BUILD=${BUILD:-build}
DIR=$BUILD/bench-central
SECS=${BENCH_SECONDS:-5}
# CENTRAL: another build of the receiver, for a side-by-side run (issue 14)
CENTRAL=${CENTRAL:-$BUILD/praktijktoets-central}
GEN=$BUILD/bench/gen_central
mkdir -p "$DIR"
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

gen() {   # gen N: $DIR/rows-N.db once
    if [ ! -f "$DIR/rows-$1.db" ]; then
        rm -f "$DIR/rows-$1".db*
        t0=$(date +%s.%N)
        "$GEN" "$DIR/rows-$1.db" "$1" "$DIR/rows-$1.token"
        echo "generated $1 rows in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
    fi
}

PID=
serve() {   # serve DB [options]: starts the receiver, sets PORT
    db=$1; shift
    "$CENTRAL" serve --listen 127.0.0.1:0 --db "$db" --rate-limit 1000000 \
        --daily-cap 100000000 --max-per-address 1000 --max-connections 1000 "$@" \
        > "$DIR/serve.out" 2> "$DIR/serve.err" &
    PID=$!
    for _ in $(seq 50); do
        PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$DIR/serve.out")
        [ -n "$PORT" ] && return 0
        sleep 0.1
    done
    echo "receiver did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" || true; }

row() {   # row LABEL CONC SCRIPT PATH
    label=$1 c=$2 script=$3 path=$4
    t=$c; [ "$t" -gt 2 ] && t=2
    TOKEN=$(cat "$TOKENFILE") wrk -t "$t" -c "$c" -d "${SECS}s" --latency -s "bench/$script" \
        "http://127.0.0.1:$PORT$path" > "$DIR/wrk.txt" 2>&1
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$DIR/wrk.txt")
    p50=$(awk '/^ *50%/ {print $2}' "$DIR/wrk.txt")
    p99=$(awk '/^ *99%/ {print $2}' "$DIR/wrk.txt")
    bad=$(sed -n 's/^non2xx=//p' "$DIR/wrk.txt")
    sock=$(sed -n 's/.*Socket errors: //p' "$DIR/wrk.txt")
    printf '| %-44s | %3s | %9s | %9s | %9s | %s%s |\n' "$label" "$c" "$rps" "$p50" "$p99" \
        "${bad:-0}" "${sock:+ ($sock)}" | tee -a "$DIR/results.txt"
}

gen 100
gen 1000000
: > "$DIR/results.txt"
{
    echo "# bench-central $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, ${SECS} s per row"
    echo "| what | c | req/s | p50 | p99 | non-2xx |"
    echo "|---|---:|---:|---:|---:|---|"
} | tee -a "$DIR/results.txt"
BENCH='/v1/benchmark?rubric=po-gereedheid@1'
for size in 100 1000000; do
    TOKENFILE=$DIR/rows-$size.token
    serve "$DIR/rows-$size.db"
    for c in 1 16 64; do row "GET benchmark, $size rows (snapshot)" $c central_get.lua "$BENCH"; done
    stop
    serve "$DIR/rows-$size.db" --snapshot-interval 0
    for c in 1 16 64; do row "GET benchmark, $size rows (recomputed)" $c central_get.lua "$BENCH"; done
    stop
done
# POST into a copy of the small database, so that the sizes above stay put.
cp "$DIR/rows-100.db" "$DIR/post.db"
TOKENFILE=$DIR/rows-100.token
serve "$DIR/post.db"
for c in 1 16 64; do row "POST results (new key each)" $c central_post.lua /v1/results; done
stop
rm -f "$DIR/post.db"*
