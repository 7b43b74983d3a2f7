#!/usr/bin/env bash
# Byte-identical outputs before and after a change: runs two policycheck binaries over the same
# drafts and formats and compares what they write, file by file.
#
#   scripts/compare-outputs.sh OLD-BINARY NEW-BINARY
#
# Inputs: the 902 resolutions of ../shared/corpus/unsc (one run over the folder), the modern
# drafts (../shared/corpus/modern and tests/fixtures/modern), examples/, and every fixture
# resolution one by one. Formats: json, text and markdown for every input set, jsonl, sarif and
# junit for the corpus; `report` (the memo) and `read` for each example and modern draft.
# Prints one line per comparison and "identical: N of N"; exits 1 when any output differs
# (the differing files are kept under $WORK and named).
#
# Environment:
#   CORPUS  the resolutions (default: ../shared/corpus/unsc next to the repository)
#   MODERN  the modern drafts (default: ../shared/corpus/modern)
#   WORK    where outputs go (default: a temporary folder, kept when something differs)
set -uo pipefail

[ $# -eq 2 ] || { echo "usage: $0 OLD-BINARY NEW-BINARY" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus/unsc}
MODERN=${MODERN:-$ROOT/../shared/corpus/modern}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK/old" "$WORK/new"

total=0
same=0
differ=()

# run NAME ARGS…: both binaries with the same arguments, where OUT in an argument stands for
# the binary's own output folder; standard output, standard error and the exit code compared.
run() {
    local name=$1
    shift
    for side in old new; do
        local bin=$OLD
        [ "$side" = new ] && bin=$NEW
        local args=()
        for a in "$@"; do args+=("${a//OUT/$WORK/$side}"); done
        "$bin" "${args[@]}" >"$WORK/$side/$name.stdout" 2>"$WORK/$side/$name.stderr"
        echo $? >"$WORK/$side/$name.rc"
    done
}

compare_all() {
    local f rel
    while IFS= read -r f; do
        rel=${f#"$WORK/old/"}
        total=$((total + 1))
        if cmp -s "$f" "$WORK/new/$rel"; then
            same=$((same + 1))
        else
            differ+=("$rel")
        fi
    done < <(find "$WORK/old" -type f | sort)
}

sets=("corpus:$CORPUS" "modern:$MODERN" "fixtures-modern:tests/fixtures/modern" "examples:examples")
for s in "${sets[@]}"; do
    name=${s%%:*}
    dir=${s#*:}
    [ -d "$dir" ] || { echo "skipped $name: no folder $dir" >&2; continue; }
    run "$name-check" check --no-config --exit-zero "$dir" \
        --format json --output "OUT/$name.json" \
        --format text --output "OUT/$name.txt" \
        --format markdown --output "OUT/$name.md"
done
run corpus-machine check --no-config --exit-zero "$CORPUS" \
    --format jsonl --output OUT/corpus.jsonl \
    --format sarif --output OUT/corpus.sarif \
    --format junit --output OUT/corpus.junit.xml

# One draft at a time, as an analyst or a hook runs it.
i=0
for f in tests/fixtures/unsc/*.txt "$MODERN"/*.txt examples/*.md examples/*.yaml; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    run "one-$i-text" check --no-config --exit-zero "$f"
    run "one-$i-json" check --no-config --exit-zero --format json "$f"
done
for f in "$MODERN"/*.txt examples/*.md examples/*.yaml; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    run "memo-$i" report --no-config "$f"
    run "read-$i" read --no-config "$f"
done
run rules-list rules list --no-config
run rules-patterns rules patterns --no-config
run rules-test rules test --no-config
run explain explain --no-config police-operational-powers

compare_all
for d in "${differ[@]}"; do echo "DIFFERS: $d  (cmp $WORK/old/$d $WORK/new/$d)"; done
echo "identical: $same of $total"
if [ ${#differ[@]} -eq 0 ]; then
    [ -z "${KEEP:-}" ] && rm -rf "$WORK"
    exit 0
fi
echo "outputs kept in $WORK"
exit 1
