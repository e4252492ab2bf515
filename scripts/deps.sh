#!/bin/sh
# Install the Debian packages praktijktoets needs, but only those missing.
# Used by `make deps` (and so by `make demo` and `make check`) and by CI.
set -eu

PACKAGES="make gcc pkg-config libsqlite3-dev libcjson-dev libcurl4-openssl-dev libmicrohttpd-dev \
check libsubunit-dev sqlite3 valgrind openssl libpq-dev man-db curl"
# issue 14: the receiver's own HTTP server (src/central/central_server.c) does
# TLS with GnuTLS; libmicrohttpd stays for the web app.
PACKAGES="$PACKAGES libgnutls28-dev"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "praktijktoets: pakketten ontbreken:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "praktijktoets: installeer ze als root: apt-get install$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
