# bash completion for praktijktoets                        -*- shell-script -*-
#
# Completes commands, options per command, formats, audiences, assessment
# ids from the database (praktijktoets list assessments, only when the
# database exists: completing never creates one), case ids of an assessment
# and toetsmap folders (folders with assessment.json, and folders on the way
# to one). --db is honoured wherever it stands on the line.
# Installed as /usr/share/bash-completion/completions/praktijktoets; works
# without the bash-completion package too (source this file).

# The database the line names: --db FILE or --db=FILE anywhere, else
# $PRAKTIJKTOETS_DB, else ./praktijktoets.db.
_praktijktoets_db()
{
    local i w db=
    # bash splits "--db=FILE" into "--db" "=" "FILE" (COMP_WORDBREAKS)
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == --db ]]; then
            [[ ${COMP_WORDS[i + 1]-} == = ]] && ((i++))
            ((i + 1 < COMP_CWORD)) && db=${COMP_WORDS[i + 1]}
        elif [[ $w == --db=* ]]; then
            db=${w#--db=}
        fi
    done
    [[ -z $db ]] && db=${PRAKTIJKTOETS_DB:-praktijktoets.db}
    db=${db/#\~/$HOME}
    printf '%s\n' "$db"
}

# Column 1 (or: column 2 of the rows whose column 1 is $3) of a listing,
# without its header line.
_praktijktoets_list()
{
    local prog=$1 what=$2 id=${3-} db
    db=$(_praktijktoets_db)
    [[ -f $db ]] || return 0
    "$prog" --db "$db" list "$what" 2>/dev/null | {
        local first line a b rest
        read -r first || return 0
        while IFS=$'\t' read -r a b rest; do
            if [[ -z $id ]]; then
                printf '%s\n' "$a"
            elif [[ $a == "$id" ]]; then
                printf '%s\n' "$b"
            fi
        done
    }
}

# Folders that are toetsmappen or lead to one (two levels deep).
_praktijktoets_dirs()
{
    local d cur=$1
    local IFS=$'\n'
    for d in $(compgen -d -- "$cur"); do
        if [[ -f $d/assessment.json ]] || compgen -G "$d/*/assessment.json" >/dev/null ||
            compgen -G "$d/*/*/assessment.json" >/dev/null; then
            printf '%s\n' "$d"
        fi
    done
}

_praktijktoets_add()    # words... : append those matching $cur to COMPREPLY
{
    local IFS=$'\n' w
    for w in $(compgen -W "$*" -- "$cur"); do
        COMPREPLY+=("$w")
    done
}

_praktijktoets()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # "--format=" arrives as "--format" "=" "": the option is before the "="
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]} cur=
    elif [[ $prev == = && COMP_CWORD -gt 1 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    local prog=${COMP_WORDS[0]}
    prog=${prog/#\~/$HOME}
    COMPREPLY=()

    local commands="assess check import invite list log outbox phase report score serve sheet show submit version help"
    # The command, its position, and the words before the cursor after it.
    local i w cmd= cmdpos=0 npos=0 first=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == --db ]]; then
            [[ ${COMP_WORDS[i + 1]-} == = ]] && ((i++))
            ((i++))
        elif [[ $w == -* || $w == = ]]; then
            :
        elif [[ -z $cmd ]]; then
            cmd=$w cmdpos=$i
        else
            # a value of an option is not a positional argument
            local before=${COMP_WORDS[i - 1]}
            [[ $before == = ]] && before=${COMP_WORDS[i - 2]}
            case $before in
                -o | --rater | --case | --criterion | --level | --comment | --endpoint | \
                    --cacert | --timeout | --connect-timeout | --wait | --format | --audience | \
                    --listen | --public-url | --tls-cert | --tls-key | --reader | --days | --revoke) ;;
                *)
                    ((npos++))
                    [[ -z $first ]] && first=$w
                    ;;
            esac
        fi
    done

    # Values of options.
    case $prev in
        --db | -o | --cacert | --tls-cert | --tls-key)
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
            ;;
        --format)
            case $cmd in
                report) _praktijktoets_add html md json csv ;;
                show) _praktijktoets_add text html ;;
                *) _praktijktoets_add text json ;;
            esac
            return 0
            ;;
        --audience)
            _praktijktoets_add team swv opr
            return 0
            ;;
        --reader)
            _praktijktoets_add swv opr
            return 0
            ;;
        --case)
            [[ -n $first ]] && _praktijktoets_add "$(_praktijktoets_list "$prog" cases "$first")"
            return 0
            ;;
        --level)
            _praktijktoets_add 0 1 2 3 4 5 nvt
            return 0
            ;;
        --rater | --criterion | --comment | --endpoint | --timeout | --connect-timeout | --wait | \
            --listen | --public-url | --days | --revoke)
            return 0
            ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _praktijktoets_add --db --help --version
        else
            _praktijktoets_add $commands
        fi
        return 0
    fi

    local opts= args=
    case $cmd in
        assess) opts="--format" args="map id" ;;
        check) opts="" args="files" ;;
        import) opts="--replace --discard-corrections" args="maps" ;;
        invite)
            opts="--rater --coordinator --reader --days --list --revoke --public-url" args="id1"
            ;;
        list) opts="" args="kinds" ;;
        log) opts="" args="id1" ;;
        outbox)
            if [[ $first == flush ]]; then
                opts="--now --wait --endpoint --cacert --timeout --connect-timeout"
            fi
            args="outbox"
            ;;
        phase) opts="" args="phase" ;;
        serve) opts="--listen --public-url --tls-cert --tls-key --quiet" args="none" ;;
        report) opts="--format --audience -o --benchmark --endpoint --cacert" args="map id" ;;
        score) opts="--rater --case --criterion --level --comment" args="id1" ;;
        sheet) opts="--rater -o" args="map id" ;;
        show) opts="--format -o" args="map id case" ;;
        submit) opts="--endpoint --cacert --timeout --connect-timeout" args="id1" ;;
        version | help) return 0 ;;
        *) return 0 ;;
    esac

    if [[ $cur == -* ]]; then
        _praktijktoets_add $opts --help --db
        return 0
    fi
    case $args in
        files)
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY=($(compgen -f -- "$cur"))
            ;;
        kinds) ((npos == 0)) && _praktijktoets_add assessments cases rubrics ;;
        outbox) ((npos == 0)) && _praktijktoets_add list flush ;;
        phase)
            if ((npos == 0)); then
                _praktijktoets_add "$(_praktijktoets_list "$prog" assessments)"
            elif ((npos == 1)); then
                _praktijktoets_add scoring discussion closed
            fi
            ;;
        id1) ((npos == 0)) && _praktijktoets_add "$(_praktijktoets_list "$prog" assessments)" ;;
        map*)
            if ((npos == 0)) || [[ $args == maps ]]; then
                [[ $args == *id* ]] && _praktijktoets_add "$(_praktijktoets_list "$prog" assessments)"
                local d
                while IFS= read -r d; do
                    [[ -n $d ]] && COMPREPLY+=("$d/")
                done < <(_praktijktoets_dirs "$cur")
                compopt -o nospace 2>/dev/null
                # a space after an id, none after a folder
                if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} != */ ]]; then
                    compopt +o nospace 2>/dev/null
                fi
            elif [[ $args == *case* && $npos -eq 1 ]]; then
                if [[ -d $first ]]; then    # the case files of the toetsmap
                    local f ids=
                    for f in "$first"/cases/*.json; do
                        [[ -f $f ]] && f=${f##*/} && ids+="${f%.json}"$'\n'
                    done
                    _praktijktoets_add "$ids"
                else
                    _praktijktoets_add "$(_praktijktoets_list "$prog" cases "$first")"
                fi
            fi
            ;;
    esac
    return 0
}

complete -F _praktijktoets praktijktoets
