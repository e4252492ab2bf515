#!/bin/sh
# with-pg.sh CMD [ARGS...] — runs CMD with PT_PG_URI set to a throwaway
# PostgreSQL cluster (scripts/pg-cluster.sh), stopped again afterwards, so
# that the receiver's tests run on PostgreSQL as well as on SQLite.
#
#   PT_PG_URI already set   CMD runs against that database server
#   postgres found          a cluster in a temporary folder, then CMD
#   no postgres             one line says the PostgreSQL half is skipped;
#                           under CI=true that is an error instead
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${PT_PG_URI:-}" ]; then
    exec "$@"
fi
if ! "$here/pg-cluster.sh" available; then
    if [ "${CI:-}" = "true" ]; then
        echo "PostgreSQL-tests: geen postgres gevonden, en in CI worden ze nooit overgeslagen" >&2
        exit 1
    fi
    echo "PostgreSQL-tests overgeslagen: geen postgres gevonden"
    exec "$@"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/pt-pg.XXXXXX")
trap '"$here/pg-cluster.sh" stop "$dir"' EXIT INT TERM
PT_PG_URI=$("$here/pg-cluster.sh" start "$dir")
export PT_PG_URI
echo "PostgreSQL-tests: tijdelijk cluster op $(echo "$PT_PG_URI" | sed 's/:[^:@]*@/@/')"
set +e
"$@"
rc=$?
set -e
exit $rc
