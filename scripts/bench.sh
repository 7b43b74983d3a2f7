#!/usr/bin/env bash
# Corpus-scale benchmark: policycheck against ripgrep on the same files and the same patterns.
#
# Builds corpora from ../shared/corpus/unsc (the 902 real resolutions) copied N times, for
# N = 1, 10, 100, and prints in one run, for each N: policycheck's time (`check --format jsonl`,
# all threads), ripgrep's time (`rg -c -i -f <patterns>`, all threads), their ratio, documents
# and MB per second, peak memory (`/usr/bin/time -v`), and whether a 1-thread run and an
# all-threads run write byte-identical output. Then one real resolution end to end.
# Results and the machine go to docs/performance.md by hand.
#
# Environment:
#   POLICYCHECK  the binary to measure (default: target/release/policycheck, built here)
#   CORPUS       the resolutions (default: ../shared/corpus/unsc next to the repository)
#   NS           the copy counts (default: "1 10 100")
#   WORK         where the corpora are built (default: a temporary folder, removed at exit)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus/unsc}
NS=${NS:-"1 10 100"}
ONE=${ONE:-tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt}

need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 …" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y "$2" >/dev/null; else sudo apt-get install -y "$2" >/dev/null; fi
}
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

if [ -z "${POLICYCHECK:-}" ]; then
    cargo build --release --quiet
    POLICYCHECK=$ROOT/target/release/policycheck
fi
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }

WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
KEEP_WORK=${KEEP_WORK:-}
cleanup() { [ -n "$KEEP_WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

PATTERNS=$WORK/patterns.txt
"$POLICYCHECK" rules patterns >"$PATTERNS"

# Mean wall time in seconds of one command, by hyperfine (fewer runs for big corpora).
mean() {
    local runs=$1
    shift
    # -N: no intermediate shell; -i: a draft short of a bar (exit 1) is still a finished run.
    hyperfine -N -i --style none --warmup "${warm:-1}" --runs "$runs" \
        --export-csv "$WORK/h.csv" "$@" >/dev/null 2>&1
    awk -F, 'NR==2 {print $2}' "$WORK/h.csv"
}

# Peak resident memory in MB of a shell command.
peak_mb() {
    /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}'
}

echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
echo "policycheck: $POLICYCHECK"
RG_VERSION=$(rg --version)
echo "ripgrep: ${RG_VERSION%%$'\n'*}; patterns: $(wc -l <"$PATTERNS") distinct"
echo
printf '%5s %7s %8s %10s %9s %7s %9s %8s %10s %10s\n' \
    N docs MB policycheck ripgrep ratio 'docs/s' 'MB/s' 'peak MB' '1t = all'
for n in $NS; do
    dir=$WORK/n$n
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        for i in $(seq 1 "$n"); do
            mkdir -p "$dir/$i"
            cp "$CORPUS"/*.txt "$dir/$i/"
        done
    fi
    docs=$(find "$dir" -name '*.txt' | wc -l)
    mb=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s / 1e6}')
    runs=$([ "$n" -ge 100 ] && echo 1 || echo 3)
    warm=$([ "$n" -ge 100 ] && echo 0 || echo 1)
    pc=$(mean "$runs" "$POLICYCHECK check --format jsonl --threads 0 $dir")
    rgt=$(mean "$runs" "rg -c -i -f $PATTERNS $dir")
    peak=$(peak_mb "$POLICYCHECK check --format jsonl --threads 0 $dir >/dev/null")
    "$POLICYCHECK" check --format jsonl --threads 1 "$dir" >"$WORK/one.jsonl" || true
    "$POLICYCHECK" check --format jsonl --threads 0 "$dir" >"$WORK/all.jsonl" || true
    same=$(cmp -s "$WORK/one.jsonl" "$WORK/all.jsonl" && echo yes || echo NO)
    rm -f "$WORK/one.jsonl" "$WORK/all.jsonl"
    awk -v n="$n" -v d="$docs" -v mb="$mb" -v pc="$pc" -v rg="$rgt" -v peak="$peak" -v same="$same" 'BEGIN {
        printf "%5d %7d %8.1f %9.3fs %8.3fs %6.2fx %9.0f %8.1f %10s %10s\n",
            n, d, mb, pc, rg, pc / rg, d / pc, mb / pc, peak, same }'
done

echo
echo "one resolution end to end ($ONE):"
pc1=$(mean 20 "$POLICYCHECK check $ONE")
rg1=$(mean 20 "rg -c -i -f $PATTERNS $ONE")
awk -v pc="$pc1" -v rg="$rg1" 'BEGIN {
    printf "  policycheck %.1f ms, ripgrep %.1f ms, ratio %.2fx\n", pc * 1000, rg * 1000, pc / rg }'
