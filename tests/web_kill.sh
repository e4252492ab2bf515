#!/bin/sh
# web_kill.sh — SIGKILL of `praktijktoets serve` while raters save loses no
# acknowledged score (web.md "Durability"), and the command line works on
# the same database while the server runs. Three rounds, each: six raters
# save scores as fast as they can (build/bench/web_load, every 200 written
# to an acknowledgement file the moment it arrives), the command line reads
# and writes the database meanwhile, the server is killed with SIGKILL after
# a different delay; then every acknowledged score must be in the database.
set -eu
BUILD=${BUILD:-build}
P=./$BUILD/praktijktoets
W=./$BUILD/bench/web_load
ID=PT-PO2899-2014-1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for delay in 0.7 1.3 2.1; do
    sh bench/web_team.sh "$tmp/map" 6
    db=$tmp/kill.db
    rm -f "$db" "$db-wal" "$db-shm"
    $P --db "$db" import "$tmp/map" 2>/dev/null
    : > "$tmp/links"
    for r in r1 r2 r3 r4 r5 r6; do
        printf '%s %s\n' "$r" "$($P --db "$db" invite $ID --rater $r 2>/dev/null | sed 's|.*/t/||')" >> "$tmp/links"
    done
    rm -f "$tmp/serve.out" "$tmp/ack"
    $P --db "$db" serve --listen 127.0.0.1:0 --quiet > "$tmp/serve.out" &
    spid=$!
    n=0
    while ! grep -q luistert "$tmp/serve.out" 2>/dev/null; do
        n=$((n + 1)); [ $n -lt 100 ] || { echo "server start niet" >&2; exit 1; }
        sleep 0.1
    done
    url=$(sed -n 's/.*luistert op \(http[^ ]*\).*/\1/p' "$tmp/serve.out")
    $W run "$url" "$tmp/links" 6 30 "$tmp/ack" > "$tmp/load.out" &
    lpid=$!
    sleep 0.3
    # The command line on the same database while the server runs.
    $P --db "$db" phase $ID > /dev/null || { echo "FOUT: phase tijdens serve"; fail=1; }
    $P --db "$db" list assessments > /dev/null || { echo "FOUT: list tijdens serve"; fail=1; }
    $P --db "$db" invite $ID --coordinator > /dev/null 2>&1 || { echo "FOUT: invite tijdens serve"; fail=1; }
    $P --db "$db" assess $ID --format json > /dev/null || { echo "FOUT: assess tijdens serve"; fail=1; }
    sleep "$delay"
    kill -KILL "$spid"
    wait "$spid" 2>/dev/null || true
    wait "$lpid" || true
    if $W verify "$db" "$tmp/ack" $ID > "$tmp/verify.out"; then
        echo "na SIGKILL na ${delay}s: $(cat "$tmp/verify.out")"
    else
        echo "FOUT na SIGKILL na ${delay}s: $(cat "$tmp/verify.out")"
        fail=1
    fi
    # The check itself can fail: a copy without one acknowledged score.
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
    cp "$db" "$tmp/copy.db"
    last=$(grep '^OK ' "$tmp/ack" | tail -1)
    [ -n "$last" ] || { echo "FOUT: niets bevestigd"; fail=1; continue; }
    set -- $last
    sqlite3 "$tmp/copy.db" "DELETE FROM score WHERE rater = '$2' AND case_id = '$3' AND criterion = '$4'"
    if $W verify "$tmp/copy.db" "$tmp/ack" $ID > /dev/null 2>&1; then
        echo "FOUT: verify merkt een ontbrekende score niet op"; fail=1
    fi
    rm -f "$tmp/copy.db"
    # The database is whole.
    [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { echo "FOUT: integrity_check"; fail=1; }
done
exit $fail
