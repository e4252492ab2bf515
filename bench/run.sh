#!/bin/sh
# bench/run.sh — the benchmark behind `make bench` (issue 5).
#
# Generates the synthetic national data set once (bench/gen_national.c:
# 152 SWVs × 20 cases × 6 raters × 35 criteria = 638,400 scores) and times,
# as whole processes with GNU time (wall clock, peak resident memory):
#
#   floor  the same score rows in the sqlite3 command-line tool, one process:
#          CREATE TABLE, .import of the CSV, one GROUP BY per
#          assessment/case/criterion (count, nvt, mean level)
#   1      import of all 152 toetsmappen into one fresh database, one
#          `praktijktoets import MAP...` process (each map its own transaction)
#   1b     the same with one `praktijktoets import` process per toetsmap
#   2      `assess ID --format json` of all 152, from that database
#   3      `report ID --format html -o FILE` of all 152
#   4      one typical toetsmap end to end: import + assess + report into a
#          fresh database (mean of BENCH_E2E_RUNS rounds)
#   5      assessing the typical toetsmap, per process: hyperfine when it is
#          installed, else a loop of BENCH_RUNS runs divided by BENCH_RUNS
#   6      the same inside one process (build/bench/bench_assess, linked to
#          build/libpraktijktoets.a): load + validate + score + result JSON,
#          median of BENCH_INPROC_RUNS runs — the engine without process
#          start-up
#
# Peak memory of a loop is the largest resident set of any single process
# in it (GNU time reports the maximum over the waited-for children).
# Prints a table and writes it to $BUILD/bench/results.txt.
#
# Environment: BUILD (build), BENCH_ROUNDS (3: rounds of floor, 1 and 2,
# the median counts), BENCH_RUNS (50), BENCH_INPROC_RUNS (200),
# BENCH_E2E_RUNS (10), BENCH_TYPICAL (PT-PO1001-2014-1), BENCH_SWVS (152),
# BENCH_CASES (20) — fewer SWVs or cases make a quick trial, not the figures.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
B=$BUILD/bench
PROG=$BUILD/praktijktoets
GEN=$B/gen_national
INPROC=$B/bench_assess
NAT=$B/national
ROWS=$B/national-scores.csv
DB=$B/national.db
OUT=$B/out
RESULTS=$B/results.txt
RUBRIC=rubrics/po-gereedheid.json
RUNS=${BENCH_RUNS:-50}
ROUNDS=${BENCH_ROUNDS:-3}
INPROC_RUNS=${BENCH_INPROC_RUNS:-200}
E2E_RUNS=${BENCH_E2E_RUNS:-10}
TYPICAL=${BENCH_TYPICAL:-PT-PO1001-2014-1}
SWVS=${BENCH_SWVS:-152}
CASES=${BENCH_CASES:-20}

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for f in "$PROG" "$GEN" "$INPROC"; do
    [ -x "$f" ] || die "$f ontbreekt; start via 'make bench'"
done

# ---- tools: GNU time (package time) and the sqlite3 command-line tool ----
TIME=/usr/bin/time
if ! "$TIME" -f '%e %M' true >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        say "bench: GNU time ontbreekt; apt-get install time"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends time >/dev/null 2>&1 ||
            { apt-get update -qq && apt-get install -y -qq --no-install-recommends time >/dev/null; }
    fi
    "$TIME" -f '%e %M' true >/dev/null 2>&1 ||
        die "GNU time (/usr/bin/time) ontbreekt; installeer het als root: apt-get install time"
fi
command -v sqlite3 >/dev/null 2>&1 ||
    die "het sqlite3-programma ontbreekt (make deps installeert het)"

now_ns() { date +%s%N; }

# measure LABEL CMD... — runs CMD under GNU time; sets WALL (seconds, from a
# nanosecond clock), CPU (user + system seconds of CMD and its children: less
# disturbed than the wall clock when the machine is shared) and PEAK_KB
# (largest resident set of CMD or any process it waited for).
measure() {
    label=$1
    shift
    t0=$(now_ns)
    if ! "$TIME" -f '%e %M %U %S' -o "$B/time.out" "$@"; then
        cat "$B/time.out" >&2 || true
        die "$label mislukt"
    fi
    t1=$(now_ns)
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    PEAK_KB=$(tail -n 1 "$B/time.out" | awk '{ print $2 }')
    CPU=$(tail -n 1 "$B/time.out" | awk '{ printf "%.2f", $3 + $4 }')
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }

mkdir -p "$B" "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)

# ---- the data set (only when missing or made by another generator) ----
STAMP="$($GEN --version) swvs=$SWVS cases=$CASES rubric=$(cksum <"$RUBRIC" | awk '{ print $1 }')"
if [ -f "$B/national.stamp" ] && [ "$(cat "$B/national.stamp")" = "$STAMP" ] &&
   [ -d "$NAT" ] && [ -f "$ROWS" ]; then
    say "bench: landelijke set staat er al ($STAMP)"
else
    say "bench: landelijke set maken ($STAMP)"
    rm -rf "$NAT" "$ROWS" "$B/national.stamp"
    "$GEN" "$RUBRIC" "$NAT" "$ROWS" --swvs "$SWVS" --cases "$CASES" >&2
    echo "$STAMP" >"$B/national.stamp"
fi
[ -d "$NAT/$TYPICAL" ] || TYPICAL=$(ls "$NAT" | head -n 1)
NMAPS=$(ls "$NAT" | wc -l | tr -d ' ')
NROWS=$(($(wc -l <"$ROWS") - 1))

# Warm the page cache once, so that no phase pays for reading the set from disk.
cat "$NAT"/*/assessment.json "$NAT"/*/cases/* "$NAT"/*/scores/* "$ROWS" >/dev/null

# ---- the floor: sqlite3 .import + one GROUP BY, one process ----
cat >"$B/floor.sql" <<EOF
CREATE TABLE score (assessment TEXT, rater TEXT, case_id TEXT, criterion TEXT, level TEXT, comment TEXT);
.mode csv
.import --skip 1 $ROWS score
.output $OUT/floor-aggregate.csv
SELECT assessment, case_id, criterion, count(*) AS n, sum(level = 'nvt') AS nvt,
       avg(CASE WHEN level <> 'nvt' THEN CAST(level AS INTEGER) END) AS mean_level
  FROM score GROUP BY assessment, case_id, criterion;
EOF
# The floor, import (1) and assess (2) decide the goal: they run ROUNDS times,
# interleaved (floor, import, assess, floor, ...) so that a busy moment of a
# shared machine hits them alike, and each reports the round of median wall
# time.
rm -f "$B"/rounds-*.txt
run_floor() {
    rm -f "$B/floor.db" "$B/floor.db-journal"
    measure "sqlite3-floor" sqlite3 "$B/floor.db" ".read $B/floor.sql"
    echo "$WALL $CPU $PEAK_KB" >>"$B/rounds-floor.txt"
}
cat >"$B/phase-import.sh" <<EOF
exec "$PROG" --db "$DB" import "$NAT"/*/ 2>"$B/import.log"
EOF
run_import() {
    rm -f "$DB" "$DB-wal" "$DB-shm" "$B/import.log"
    measure "import" sh "$B/phase-import.sh"
    echo "$WALL $CPU $PEAK_KB" >>"$B/rounds-import.txt"
}
mkdir -p "$OUT/assess" "$OUT/report"
cat >"$B/phase-assess.sh" <<EOF
set -e
for d in "$NAT"/*/; do id=\${d%/}; id=\${id##*/}; "$PROG" --db "$DB" assess "\$id" --format json >"$OUT/assess/\$id.json"; done
EOF
run_assess() {
    measure "assess" sh "$B/phase-assess.sh"
    echo "$WALL $CPU $PEAK_KB" >>"$B/rounds-assess.txt"
}
# median FILE → "wall cpu kb" of the round with the median wall time
median() { sort -n "$1" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }

round=1
while [ "$round" -le "$ROUNDS" ]; do
    say "bench: ronde $round van $ROUNDS: floor (sqlite3 .import + GROUP BY), 1 import (1 proces, $NMAPS toetsmappen), 2 assess ($NMAPS processen)"
    run_floor
    run_import
    STORED=$(sqlite3 "$DB" "SELECT count(*) FROM score")
    [ "$STORED" -eq "$NROWS" ] || die "import: $STORED scores opgeslagen, $NROWS verwacht"
    run_assess
    round=$((round + 1))
done
read -r FLOOR_W FLOOR_CPU FLOOR_KB <<EOF
$(median "$B/rounds-floor.txt")
EOF
read -r IMPORT_W IMPORT_CPU IMPORT_KB <<EOF
$(median "$B/rounds-import.txt")
EOF
read -r ASSESS_W ASSESS_CPU ASSESS_KB <<EOF
$(median "$B/rounds-assess.txt")
EOF
FLOOR_GROUPS=$(wc -l <"$OUT/floor-aggregate.csv" | tr -d ' ')

# (The loops take the id with the shell's own expansion: a basename process
# per toetsmap would be timed with the program.)

# ---- 1b: the same, one process per toetsmap (for comparison) ----
DB1=$B/national-each.db
rm -f "$DB1" "$DB1-wal" "$DB1-shm"
cat >"$B/phase-import-each.sh" <<EOF
set -e
for d in "$NAT"/*/; do "$PROG" --db "$DB1" import "\$d" 2>>"$B/import.log"; done
EOF
say "bench: 1b import ($NMAPS processen)"
measure "import-each" sh "$B/phase-import-each.sh"
EACH_W=$WALL EACH_KB=$PEAK_KB EACH_CPU=$CPU
[ "$(sqlite3 "$DB1" "SELECT count(*) FROM score")" -eq "$NROWS" ] || die "import per map: niet alles opgeslagen"
rm -f "$DB1" "$DB1-wal" "$DB1-shm"

# ---- 3: HTML report of all ----
cat >"$B/phase-report.sh" <<EOF
set -e
for d in "$NAT"/*/; do id=\${d%/}; id=\${id##*/}; "$PROG" --db "$DB" report "\$id" --format html -o "$OUT/report/\$id.html"; done
EOF
say "bench: 3 report ($NMAPS processen)"
measure "report" sh "$B/phase-report.sh"
REPORT_W=$WALL REPORT_KB=$PEAK_KB REPORT_CPU=$CPU

# ---- 4: one typical toetsmap end to end, fresh database each round ----
E2E_DB=$B/typical.db
cat >"$B/phase-e2e.sh" <<EOF
set -e
i=0
while [ \$i -lt $E2E_RUNS ]; do
    rm -f "$E2E_DB" "$E2E_DB-wal" "$E2E_DB-shm"
    "$PROG" --db "$E2E_DB" import "$NAT/$TYPICAL" 2>/dev/null
    "$PROG" --db "$E2E_DB" assess "$TYPICAL" --format json >"$OUT/typical.json"
    "$PROG" --db "$E2E_DB" report "$TYPICAL" --format html -o "$OUT/typical.html"
    i=\$((i + 1))
done
EOF
say "bench: 4 typische toetsmap van begin tot eind ($E2E_RUNS keer)"
measure "end-to-end" sh "$B/phase-e2e.sh"
E2E_W=$(awk -v w="$WALL" -v n="$E2E_RUNS" 'BEGIN { printf "%.4f", w / n }') E2E_KB=$PEAK_KB
E2E_CPU=$(awk -v c="$CPU" -v n="$E2E_RUNS" 'BEGIN { printf "%.4f", c / n }')

# ---- 5: assess the typical toetsmap, per process ----
per_call() { # per_call ARGS... → ms per `praktijktoets ARGS`, sets PC_MS and PC_HOW
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$B/hyperfine.json" \
            "$PROG $*" >/dev/null 2>&1 || die "hyperfine $* mislukt"
        PC_MS=$(sed -n 's/.*"mean": *\([0-9.eE+-]*\).*/\1/p' "$B/hyperfine.json" | head -n 1 |
            awk '{ printf "%.2f", $1 * 1000 }')
        PC_HOW="hyperfine, mean of $RUNS"
    else
        "$PROG" "$@" >/dev/null
        t0=$(now_ns)
        i=0
        while [ $i -lt "$RUNS" ]; do
            "$PROG" "$@" >/dev/null
            i=$((i + 1))
        done
        t1=$(now_ns)
        PC_MS=$(awk -v a="$t0" -v b="$t1" -v n="$RUNS" 'BEGIN { printf "%.2f", (b - a) / n / 1e6 }')
        PC_HOW="loop of $RUNS / $RUNS"
    fi
}
say "bench: 5 assess van $TYPICAL per proces"
per_call assess "$NAT/$TYPICAL" --format json
PC_DIR_MS=$PC_MS
per_call --db "$DB" assess "$TYPICAL" --format json
PC_DB_MS=$PC_MS
measure "assess-one" "$PROG" assess "$NAT/$TYPICAL" --format json >/dev/null
ONE_KB=$PEAK_KB

# ---- 6: in process ----
say "bench: 6 assess van $TYPICAL in 1 proces ($INPROC_RUNS keer)"
"$INPROC" "$NAT/$TYPICAL" "$INPROC_RUNS" >"$OUT/inprocess-map.txt"
"$INPROC" --db "$DB" --id "$TYPICAL" "$INPROC_RUNS" >"$OUT/inprocess-db.txt"
IP_DIR_MS=$(awk '/^RESULT/ { print $2 }' "$OUT/inprocess-map.txt")
IP_DB_MS=$(awk '/^RESULT/ { print $2 }' "$OUT/inprocess-db.txt")

# ---- 7: the privacy guard's throughput (issue 13) ----
# bench_privacy scans every line of the evaluation set and the sample cases,
# one by one and as one text; MB/s of CPU time.
PRIV=$B/bench_privacy
[ -x "$PRIV" ] || die "$PRIV ontbreekt; start via 'make bench'"
say "bench: 7 privacyscan"
"$PRIV" tests/privacy-eval/positives.tsv tests/privacy-eval/negatives.tsv \
    cases/voorbeeld-po/cases/*.json cases/voorbeeld-vo/cases/*.json >"$OUT/privacy.txt"
PRIV_TEXT=$(awk '/^RESULT/ { print $2 }' "$OUT/privacy.txt")
PRIV_ONE=$(awk '/^RESULT/ { print $3 }' "$OUT/privacy.txt")

# ---- the table ----
IA_W=$(awk -v a="$IMPORT_W" -v b="$ASSESS_W" 'BEGIN { printf "%.3f", a + b }')
IA_KB=$(max "$IMPORT_KB" "$ASSESS_KB")
IA_CPU=$(awk -v a="$IMPORT_CPU" -v b="$ASSESS_CPU" 'BEGIN { printf "%.2f", a + b }')
PEAK_ALL=$IMPORT_KB
for k in "$EACH_KB" "$ASSESS_KB" "$REPORT_KB" "$E2E_KB" "$ONE_KB"; do PEAK_ALL=$(max "$PEAK_ALL" "$k"); done
IA_RATIO=$(ratio "$IA_W" "$FLOOR_W")
verdict() { if [ "$1" = 1 ]; then echo "gehaald"; else echo "NIET gehaald"; fi; }
G1=$(awk -v v="$IP_DIR_MS" 'BEGIN { print (v < 10) }')
G1P=$(awk -v v="$PC_DIR_MS" 'BEGIN { print (v < 10) }')
G2=$(awk -v v="$IA_RATIO" 'BEGIN { print (v <= 2) }')
G3=$(awk -v v="$PEAK_ALL" 'BEGIN { print (v < 100 * 1024) }')
MODEL=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
REV=$(git describe --always --dirty 2>/dev/null || echo "?")
DBSIZE=$(($(wc -c <"$DB") / 1048576))

{
    echo "praktijktoets benchmark ($REV, $(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo "machine: $(nproc) CPU's, ${MODEL:-onbekend}, $(uname -sr); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
    echo "         belasting vooraf/achteraf (loadavg 1 min): $LOAD_BEFORE / $(cut -d' ' -f1 /proc/loadavg)"
    echo "set: $NMAPS toetsmappen x $CASES casussen x 6 beoordelaars x 35 criteria = $NROWS scores ($($GEN --version))"
    echo "     database na import: $STORED scores, $DBSIZE MB; floor: $FLOOR_GROUPS groepen"
    echo
    echo "floor, 1 en 2: mediaan van $ROUNDS rondes (wand s per ronde: floor $(awk '{ printf "%s ", $1 }' "$B/rounds-floor.txt")| 1 $(awk '{ printf "%s ", $1 }' "$B/rounds-import.txt")| 2 $(awk '{ printf "%s ", $1 }' "$B/rounds-assess.txt"))"
    echo
    printf '%-46s %8s %8s %8s %8s\n' "fase (hele processen)" "wand s" "cpu s" "piek MB" "x floor"
    row() { printf '%-46s %8s %8s %8s %8s\n' "$@"; }
    row "floor: sqlite3 .import + GROUP BY (1 proces)" "$FLOOR_W" "$FLOOR_CPU" "$(mb "$FLOOR_KB")" "1.00"
    row "1 import, alle $NMAPS (1 proces: import MAP...)" "$IMPORT_W" "$IMPORT_CPU" "$(mb "$IMPORT_KB")" "$(ratio "$IMPORT_W" "$FLOOR_W")"
    row "1b import, alle $NMAPS ($NMAPS processen)" "$EACH_W" "$EACH_CPU" "$(mb "$EACH_KB")" "$(ratio "$EACH_W" "$FLOOR_W")"
    row "2 assess --format json, alle $NMAPS" "$ASSESS_W" "$ASSESS_CPU" "$(mb "$ASSESS_KB")" "$(ratio "$ASSESS_W" "$FLOOR_W")"
    row "1+2 import + assess, landelijke set" "$IA_W" "$IA_CPU" "$(mb "$IA_KB")" "$IA_RATIO"
    row "3 report --format html -o, alle $NMAPS" "$REPORT_W" "$REPORT_CPU" "$(mb "$REPORT_KB")" "$(ratio "$REPORT_W" "$FLOOR_W")"
    row "4 typische toetsmap import+assess+report *" "$E2E_W" "$E2E_CPU" "$(mb "$E2E_KB")" "-"
    echo "  * per ronde: gemiddelde van $E2E_RUNS rondes met elk een nieuwe database"
    echo
    echo "assess van de typische toetsmap $TYPICAL ($(grep -c "^$TYPICAL," "$ROWS") scores):"
    printf '  %-48s %8s ms  (%s)\n' "per proces, uit de map" "$PC_DIR_MS" "$PC_HOW"
    printf '  %-48s %8s ms  (%s)\n' "per proces, uit de database" "$PC_DB_MS" "$PC_HOW"
    printf '  %-48s %8s ms  (mediaan van %s, bench_assess)\n' "in 1 proces, uit de map" "$IP_DIR_MS" "$INPROC_RUNS"
    printf '  %-48s %8s ms  (mediaan van %s, bench_assess)\n' "in 1 proces, uit de database" "$IP_DB_MS" "$INPROC_RUNS"
    printf '  %-48s %8s MB\n' "piekgeheugen van 1 assess-proces" "$(mb "$ONE_KB")"
    echo
    echo "privacyscan (bench_privacy, MB/s cpu; $(sed -n 's/^privacyscan: //p' "$OUT/privacy.txt")):"
    printf '  %-48s %8s MB/s\n' "per tekst (zoals de loaders scannen)" "$PRIV_TEXT"
    printf '  %-48s %8s MB/s\n' "alles als een tekst" "$PRIV_ONE"
    echo
    echo "doelen:"
    echo "  typische toetsmap in < 10 ms beoordeeld: $(verdict "$G1") in het proces ($IP_DIR_MS ms);" \
         "per proces $(verdict "$G1P") ($PC_DIR_MS ms)"
    echo "  landelijke set import + assess <= 2x floor: $(verdict "$G2") (${IA_RATIO}x: $IA_W s tegen $FLOOR_W s;" \
         "cpu $(ratio "$IA_CPU" "$FLOOR_CPU")x)"
    echo "  piekgeheugen < 100 MB: $(verdict "$G3") ($(mb "$PEAK_ALL") MB)"
    echo
    echo "in 1 proces, per stap (ms):"
    sed -n '2,5p' "$OUT/inprocess-map.txt"
} | tee "$RESULTS"
say "bench: tabel ook in $RESULTS"
