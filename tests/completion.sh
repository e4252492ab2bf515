#!/usr/bin/env bash
# The bash completion (completion/praktijktoets.bash): registered for
# praktijktoets, and what Tab offers for a few command lines, ids from a test
# database among them. Run by make check (PT_PROGRAM: the program).
set -u
cd "$(dirname "$0")/.."
prog=${PT_PROGRAM:-build/praktijktoets}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# shellcheck source=../completion/praktijktoets.bash
. completion/praktijktoets.bash

expect_eq() {    # name expected actual
    n=$((n + 1))
    if [[ $2 != "$3" ]]; then
        printf 'completion: %s\n  verwacht: %s\n  gekregen: %s\n' "$1" "$2" "$3" >&2
        fail=1
    fi
}

# Completes a line as bash would with the cursor at its end ("x " ends in an
# empty word; "--db=F" is three words "--db" "=" "F", as COMP_WORDBREAKS
# makes it) and prints COMPREPLY sorted, on one line.
comp() {
    local line=$1 w
    local -a words
    read -r -a words <<<"$line"
    COMP_WORDS=()
    for w in "${words[@]}"; do
        if [[ $w == -*=* ]]; then
            COMP_WORDS+=("${w%%=*}" "=")
            [[ -n ${w#*=} ]] && COMP_WORDS+=("${w#*=}")
        else
            COMP_WORDS+=("$w")
        fi
    done
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_WORDS[0]=$prog
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line COMP_POINT=${#line}
    COMPREPLY=()
    _praktijktoets praktijktoets "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ' -
}

expect_eq "complete -p" "complete -F _praktijktoets praktijktoets" "$(complete -p praktijktoets)"

expect_eq "opdrachten" \
    "assess check help import invite list log outbox phase report score serve sheet show submit version" \
    "$(comp 'praktijktoets ')"
# The same commands as the usage lists (first word of each line indented by
# two to four spaces, every word of "version, help"): a new command needs
# its completion too.
usage_commands=$("$prog" help | awk '
    /^  [ ]?[ ]?[a-z][a-z-]*(,|$| )/ {
        line = $0; sub(/^ +/, "", line)
        if (line ~ /^[a-z-]+(, [a-z-]+)+$/) {
            n = split(line, w, /, /); for (i = 1; i <= n; i++) print w[i]
        } else { split(line, w, / /); print w[1] }
    }' | LC_ALL=C sort -u | paste -sd ' ' -)
expect_eq "opdrachten van praktijktoets help" "$usage_commands" "$(comp 'praktijktoets ')"
expect_eq "opdrachten met r" "report" "$(comp 'praktijktoets r')"
expect_eq "opdrachten met s" "score serve sheet show submit" "$(comp 'praktijktoets s')"
expect_eq "opdrachten met p" "phase" "$(comp 'praktijktoets p')"
expect_eq "algemene opties" "--db --help --version" "$(comp 'praktijktoets --')"
expect_eq "report --format" "csv html json md" "$(comp 'praktijktoets report X --format ')"
expect_eq "report --format h" "html" "$(comp 'praktijktoets report X --format h')"
expect_eq "assess --format" "json text" "$(comp 'praktijktoets assess X --format ')"
expect_eq "report --format=" "csv html json md" "$(comp 'praktijktoets report X --format=')"
expect_eq "report --format=j" "json" "$(comp 'praktijktoets report X --format=j')"
expect_eq "--audience= na --format=" "opr swv team" "$(comp 'praktijktoets report X --format=md --audience=')"
expect_eq "show --format" "html text" "$(comp 'praktijktoets show X --format ')"
expect_eq "--audience" "opr swv team" "$(comp 'praktijktoets report X --format md --audience ')"
expect_eq "report-opties" \
    "--audience --benchmark --cacert --db --endpoint --format --help -o" \
    "$(comp 'praktijktoets report X -')"
expect_eq "serve-opties" "--db --help --listen --public-url --quiet --tls-cert --tls-key" \
    "$(comp 'praktijktoets serve -')"
expect_eq "invite-opties" \
    "--coordinator --days --db --help --list --public-url --rater --reader --revoke" \
    "$(comp 'praktijktoets invite X -')"
expect_eq "invite --reader" "opr swv" "$(comp 'praktijktoets invite X --reader ')"
expect_eq "list" "assessments cases rubrics" "$(comp 'praktijktoets list ')"
expect_eq "outbox" "flush list" "$(comp 'praktijktoets outbox ')"
expect_eq "outbox flush --" \
    "--cacert --connect-timeout --db --endpoint --help --now --timeout --wait" \
    "$(comp 'praktijktoets outbox flush --')"

# Toetsmap folders: those with assessment.json and those on the way to one.
expect_eq "toetsmappen" "cases/voorbeeld-po-vorige/ cases/voorbeeld-po/ cases/voorbeeld-vo-vorige/ cases/voorbeeld-vo/" "$(comp 'praktijktoets assess cases/')"
expect_eq "naar een toetsmap" "cases/" "$(comp 'praktijktoets import cas')"
expect_eq "geen toetsmap" "" "$(comp 'praktijktoets assess include')"

# No database: no ids, and completing does not create one.
expect_eq "geen database" "" "$(comp "praktijktoets --db $tmp/t.db log ")"
[[ -e $tmp/t.db ]] && { echo "completion: de database is aangemaakt" >&2; fail=1; }

# Ids from a database, with --db before or after the command.
"$prog" --db "$tmp/t.db" import cases/voorbeeld-po cases/voorbeeld-vo >/dev/null 2>&1 ||
    { echo "completion: import mislukt" >&2; exit 1; }
ids=$("$prog" --db "$tmp/t.db" list assessments | tail -n +2 | cut -f1 | LC_ALL=C sort | paste -sd ' ' -)
[[ $ids == *PT-* ]] || { echo "completion: geen assessments in de testdatabase" >&2; exit 1; }
expect_eq "log ID" "$ids" "$(comp "praktijktoets --db $tmp/t.db log ")"
expect_eq "submit ID, --db erna" "$ids" "$(comp "praktijktoets submit --db $tmp/t.db ")"
expect_eq "log PT-PO, --db=" "PT-PO2899-2014-1" "$(comp "praktijktoets --db=$tmp/t.db log PT-PO")"
expect_eq "--db= na de opdracht" "$ids" "$(comp "praktijktoets log --db=$tmp/t.db ")"
expect_eq "PRAKTIJKTOETS_DB" "PT-PO2899-2014-1" \
    "$(PRAKTIJKTOETS_DB=$tmp/t.db comp 'praktijktoets score PT-PO')"
expect_eq "show ID of map" "PT-PO2899-2014-1" "$(comp "praktijktoets --db $tmp/t.db show PT-P")"
expect_eq "show ID CASUS" "C01 C02 C03 C04 C05 C06 C07 C08 C09 C10" \
    "$(comp "praktijktoets --db $tmp/t.db show PT-PO2899-2014-1 ")"
expect_eq "show MAP CASUS" "C10" "$(comp 'praktijktoets show cases/voorbeeld-po C1')"
expect_eq "score --case" "C01 C02 C03 C04 C05 C06 C07 C08 C09 C10" \
    "$(comp "praktijktoets --db $tmp/t.db score PT-PO2899-2014-1 --rater r1 --case ")"
expect_eq "phase ID" "$ids" "$(comp "praktijktoets --db $tmp/t.db phase ")"
expect_eq "phase ID FASE" "closed discussion scoring" \
    "$(comp "praktijktoets --db $tmp/t.db phase PT-PO2899-2014-1 ")"
expect_eq "invite ID" "$ids" "$(comp "praktijktoets --db $tmp/t.db invite ")"
expect_eq "log na ID" "" "$(comp "praktijktoets --db $tmp/t.db log PT-PO2899-2014-1 ")"

if ((fail)); then
    echo "completion: MISLUKT" >&2
    exit 1
fi
echo "completion: $n gevallen in orde"
