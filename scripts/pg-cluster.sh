#!/bin/sh
# pg-cluster.sh — a throwaway PostgreSQL 15 cluster for the receiver's tests
# and benchmarks. It never touches a system cluster: its data, its unix
# socket and its log live in DIR, it listens on 127.0.0.1 only, on a random
# free port, and it is stopped (and DIR removed) by "stop".
#
#   scripts/pg-cluster.sh start DIR   initdb + start; prints the URI of a
#                                     fresh database (role pt, a generated
#                                     password, may create databases)
#   scripts/pg-cluster.sh uri DIR     prints that URI again
#   scripts/pg-cluster.sh stop DIR    stops the cluster and removes DIR
#   scripts/pg-cluster.sh available   exit 0 when the binaries are there
#
# As root the cluster runs as the user postgres (initdb refuses root).
# PG_BIN overrides /usr/lib/postgresql/15/bin. PG_FSYNC=off turns off fsync
# (only for quick local runs; benchmarks keep it on).
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}

die() { echo "pg-cluster: $*" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

random_port() {
    # 20000–59999 from the kernel's random source.
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    echo $((20000 + n % 40000))
}

port_free() {
    ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

start() {
    [ -n "$dir" ] || die "gebruik: $0 start MAP"
    [ -x "$PG_BIN/initdb" ] || die "geen postgres gevonden in $PG_BIN"
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
        die "$dir bestaat al en is niet leeg"
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" > "$dir/pw"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pw"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb mislukt"; }
    fsync=${PG_FSYNC:-on}
    tries=0
    while :; do
        tries=$((tries + 1))
        [ $tries -le 20 ] || die "geen vrije poort gevonden"
        port=$(random_port)
        port_free "$port" || continue
        if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
                -c max_connections=300 -c fsync=$fsync -c shared_buffers=64MB" \
            start >/dev/null 2>&1; then
            break
        fi
        # Another process may have taken the port in between: try another.
        grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null ||
            { cat "$dir/server.log" >&2; die "postgres start niet"; }
    done
    echo "$port" > "$dir/port"
    as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres \
        -d postgres -c "CREATE ROLE pt LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE praktijktoets OWNER pt" >/dev/null ||
        die "rol of database aanmaken mislukt"
    uri
}

uri() {
    [ -n "$dir" ] && [ -f "$dir/port" ] || die "geen cluster in ${dir:-(geen map)}"
    echo "postgresql://pt:$(cat "$dir/pw")@127.0.0.1:$(cat "$dir/port")/praktijktoets"
}

stop() {
    [ -n "$dir" ] || die "gebruik: $0 stop MAP"
    if [ -d "$dir/data" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$dir" in
    /|"") die "weiger $dir te verwijderen" ;;
    esac
    rm -rf "$dir"
}

case "$cmd" in
start) start ;;
uri) uri ;;
stop) stop ;;
available) [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] ;;
*) die "gebruik: $0 start|uri|stop MAP, of $0 available" ;;
esac
