#!/bin/sh
# scripts/cycles.sh OBJ... — lists every pair of object files that call into
# each other (A uses a symbol B defines and B one that A defines). Exit 1
# when there is one. Used by `make lint` (issue 10).
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for o in "$@"; do
    nm --defined-only -g "$o" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/$(echo "$o" | tr / _).def"
    nm -u "$o" | awk '{ print $NF }' | sort -u >"$tmp/$(echo "$o" | tr / _).use"
done
bad=0
for a in "$@"; do for b in "$@"; do
    [ "$a" \< "$b" ] || continue
    A=$tmp/$(echo "$a" | tr / _); B=$tmp/$(echo "$b" | tr / _)
    if [ -n "$(comm -12 "$A.use" "$B.def")" ] && [ -n "$(comm -12 "$B.use" "$A.def")" ]; then
        echo "$a <-> $b roepen elkaar aan"; bad=1
    fi
done; done
exit $bad
