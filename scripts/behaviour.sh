#!/bin/sh
# scripts/behaviour.sh PROGRAM OUTDIR — runs a fixed list of commands against
# the samples and records stdout, stderr and exit status of each, to compare
# two builds byte for byte (issue 10: behaviour unchanged by the refactoring).
set -u
P=$(realpath "$1"); OUT=$2; ROOT=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"; OUT=$(realpath "$OUT")
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cp -r "$ROOT/cases" "$ROOT/rubrics" "$W/"; cd "$W"
export PRAKTIJKTOETS_RUBRICS="$W/rubrics"
unset PRAKTIJKTOETS_DB PRAKTIJKTOETS_TOKEN PRAKTIJKTOETS_ENDPOINT
export PRAKTIJKTOETS_CONFIG=/nonexistent
n=0
run() { n=$((n+1)); name=$(printf '%03d' $n); echo "$*" > "$OUT/$name.cmd"
    "$P" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.rc"; }
for s in po vo; do
  run assess cases/voorbeeld-$s --format json
  run assess cases/voorbeeld-$s
  for f in html md json csv; do for a in team swv opr; do
    run report cases/voorbeeld-$s --format $f --audience $a; done; done
  run check cases/voorbeeld-$s
  run sheet cases/voorbeeld-$s --rater r1
done
run check rubrics
run --db x.db import cases/voorbeeld-po cases/voorbeeld-vo
run --db x.db list
run --db x.db list cases
run --db x.db list rubrics
run --db x.db assess PT-PO2899-2014-1 --format json
run --db x.db report PT-PO2899-2014-1 --format md
run --db x.db import cases/voorbeeld-po
run --db x.db import cases/voorbeeld-po --replace
run --db x.db score PT-PO2899-2014-1 --rater r1 --case C01 --criterion ond-signalering --level 2
run --db x.db score PT-PO2899-2014-1 --rater r1 --case C01 --criterion ond-signalering --level 2
run --db x.db score PT-PO2899-2014-1 --rater r1 --case C01 --criterion ond-signalering --level 9
run --db x.db score PT-PO2899-2014-1 --rater rX --case C01 --criterion ond-signalering --level 2
run --db x.db score NOPE --rater r1 --case C01 --criterion ond-signalering --level 2
run --db x.db outbox
run --db x.db outbox list
run --db x.db submit PT-PO2899-2014-1
run --db x.db sheet PT-PO2899-2014-1 --rater r2
run --db x.db assess NOPE
run --db none.db assess PT-PO2899-2014-1
run --db none.db score PT-PO2899-2014-1 --rater r1 --case C01 --criterion x --level 2
run --db none.db outbox
run assess
run assess a b
run assess cases/voorbeeld-po --format xml
run assess --bogus cases/voorbeeld-po
run report cases/voorbeeld-po
run report cases/voorbeeld-po --format html --audience x
run bogus
run
run --help
run help
run version
run --version
for c in assess check import list score sheet report submit outbox; do run $c --help; done
run check nonexist
run import nonexist
run outbox flush --wait 0
run outbox frob
