#!/usr/bin/env bash
# Benchmarks against the real limit: ripgrep reading the same files (issue 15).
#
# Prints, in one run:
#   1. start-up: `policycheck rules list` and `policycheck --help` against ripgrep scanning
#      one resolution for a word (`rg -c -i -F -e arrest FILE`);
#   2. one draft end to end, as an analyst or a pre-commit hook runs it: `policycheck check
#      FILE` against the same `rg`, and policycheck's peak memory (/usr/bin/time -v);
#   3. corpora of the 902 resolutions of ../shared/corpus/unsc copied N times (NS, default
#      "1 10"): policycheck (`check --format jsonl`, all threads) against ripgrep reading the
#      same files once and counting five words (`rg -c -i -F -e arrest -e border …`), and
#      against ripgrep with policycheck's own patterns (`rg -c -i -f patterns.txt`, the older
#      comparison), with peak memory and whether 1-thread and all-threads output are
#      byte-identical; then `check DIR` as users run it (the summary) and `check --quiet DIR`
#      (judging alone), each with its peak memory; and, from the first two corpora, the cost
#      of a draft in the first copy and in each further one (the first pays for building the
#      regexes and their lazy DFAs' states);
#   4. growth: one paragraph of 62,500, 125,000 and 250,000 matching clauses and 50,000,
#      100,000 and 200,000 matching numbered paragraphs, each step's time and its growth over
#      the step before (linear: 2x a step, 4x over the two).
# Comparisons of one draft are taken with hyperfine, both commands in one call, repeated
# ROUNDS times (default 5) so that the two alternate; the medians are printed. The machine's
# load average is printed with each section: other work on the machine slows both sides.
# `cargo bench --bench growth` is the in-process growth benchmark; `cargo bench --bench
# engine` the micro-benchmarks.
#
# Environment:
#   POLICYCHECK  the binary to measure (default: built here, in CARGO_TARGET_DIR or target/)
#   CORPUS       the resolutions (default: ../shared/corpus/unsc next to the repository)
#   NS           the copy counts (default: "1 10")
#   ROUNDS       hyperfine calls per comparison of one draft (default 5)
#   SKIP         sections to leave out, e.g. "growth corpus"
#   WORK         where the corpora are built (default: a temporary folder, removed at exit)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus/unsc}
NS=${NS:-"1 10"}
ROUNDS=${ROUNDS:-5}
SKIP=${SKIP:-}
ONE=${ONE:-tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt}
WORDS=(-e arrest -e border -e embargo -e experts -e terrorism)

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
    POLICYCHECK=${CARGO_TARGET_DIR:-$ROOT/target}/release/policycheck
fi
[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }
skip() { [[ " $SKIP " == *" $1 "* ]]; }

WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
KEEP_WORK=${KEEP_WORK:-}
cleanup() { [ -n "$KEEP_WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

PATTERNS=$WORK/patterns.txt
"$POLICYCHECK" rules patterns --no-config >"$PATTERNS"

load() { awk '{print $1}' /proc/loadavg; }

# Median wall time in seconds of one command, by hyperfine (-N: no shell; -i: a draft short
# of a bar, exit 1, is still a finished run).
median() {
    local runs=$1
    shift
    hyperfine -N -i --style none --warmup "${warm:-1}" --runs "$runs" \
        --export-csv "$WORK/h.csv" "$@" >/dev/null 2>&1
    awk -F, 'NR==2 {print $4}' "$WORK/h.csv"
}

# pair NAME A B: A against B, both in each hyperfine call (warm-up 3, 10 runs each), ROUNDS
# calls; prints the medians over the calls of A's and B's median times and of their ratio.
pair() {
    local name=$1 a=$2 b=$3 r
    : >"$WORK/pair.txt"
    for r in $(seq 1 "$ROUNDS"); do
        hyperfine -N -i --style none --warmup 3 --runs 10 --export-csv "$WORK/p.csv" \
            "$a" "$b" >/dev/null 2>&1
        awk -F, 'NR==2 {a=$4} NR==3 {b=$4} END {print a, b, a / b}' "$WORK/p.csv" >>"$WORK/pair.txt"
    done
    local ma mb mr lo hi
    col() { awk -v c="$1" '{print $c}' "$WORK/pair.txt" | sort -g; }
    mid() { awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
    ma=$(col 1 | mid)
    mb=$(col 2 | mid)
    mr=$(col 3 | mid)
    lo=$(col 3 | head -1)
    hi=$(col 3 | tail -1)
    awk -v name="$name" -v a="$ma" -v b="$mb" -v r="$mr" -v lo="$lo" -v hi="$hi" 'BEGIN {
        printf "  %-34s %9.1f ms %9.1f ms %8.1fx   (ratios %.1f-%.1f)\n", name, a * 1000, b * 1000, r, lo, hi }'
}

# Peak resident memory in MB of a command.
peak_mb() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}'
}

echo "machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
echo "policycheck: $POLICYCHECK"
RG_VERSION=$(rg --version)
echo "ripgrep: ${RG_VERSION%%$'\n'*}; policycheck's patterns: $(wc -l <"$PATTERNS") distinct"

RG1="rg -c -i -F -e arrest $ONE"
if ! skip startup; then
    echo
    echo "start-up and one draft ($ONE), load $(load):"
    printf '  %-34s %12s %12s %9s\n' "" policycheck ripgrep ratio
    pair "rules list" "$POLICYCHECK --no-config rules list" "$RG1"
    pair "--help" "$POLICYCHECK --help" "$RG1"
    pair "check FILE" "$POLICYCHECK --no-config check $ONE" "$RG1"
    pair "check --format json FILE" "$POLICYCHECK --no-config check --format json $ONE" "$RG1"
    echo "  peak memory: check $(peak_mb "$POLICYCHECK" --no-config check "$ONE") MB," \
        "rules list $(peak_mb "$POLICYCHECK" --no-config rules list) MB," \
        "rg $(peak_mb rg -c -i -F -e arrest "$ONE") MB"
fi

if ! skip corpus; then
    echo
    echo "corpora (policycheck: check --format jsonl --threads 0; rg5: rg -c -i -F and five words;"
    echo "rg-f: rg -c -i -f patterns.txt), load $(load):"
    printf '%5s %7s %7s %11s %9s %7s %9s %7s %8s %8s %9s\n' \
        N docs MB policycheck rg5 ratio rg-f ratio 'docs/s' 'peak MB' '1t = all'
    quiet_times=()
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
        runs=$([ "$n" -ge 100 ] && echo 1 || echo 5)
        warm=$([ "$n" -ge 100 ] && echo 0 || echo 1)
        pc=$(median "$runs" "$POLICYCHECK --no-config check --format jsonl --threads 0 $dir")
        rg5=$(median "$runs" "rg -c -i -F ${WORDS[*]} $dir")
        rgf=$(median "$runs" "rg -c -i -f $PATTERNS $dir")
        peak=$(peak_mb "$POLICYCHECK" --no-config check --format jsonl --threads 0 "$dir")
        "$POLICYCHECK" --no-config check --format jsonl --threads 1 "$dir" >"$WORK/one.jsonl" 2>/dev/null || true
        "$POLICYCHECK" --no-config check --format jsonl --threads 0 "$dir" >"$WORK/all.jsonl" 2>/dev/null || true
        same=$(cmp -s "$WORK/one.jsonl" "$WORK/all.jsonl" && echo yes || echo NO)
        rm -f "$WORK/one.jsonl" "$WORK/all.jsonl"
        awk -v n="$n" -v d="$docs" -v mb="$mb" -v pc="$pc" -v rg5="$rg5" -v rgf="$rgf" \
            -v peak="$peak" -v same="$same" 'BEGIN {
            printf "%5d %7d %7.1f %10.3fs %8.3fs %6.1fx %8.3fs %6.2fx %8.0f %8s %9s\n",
                n, d, mb, pc, rg5, pc / rg5, rgf, pc / rgf, d / pc, peak, same }'
        for mode in summary quiet; do
            flag=$([ "$mode" = quiet ] && echo "--quiet" || echo "--format text")
            t=$(median "$runs" "$POLICYCHECK --no-config check $flag --threads 0 $dir")
            [ "$mode" = quiet ] && quiet_times+=("$n $docs $t")
            p=$(peak_mb "$POLICYCHECK" --no-config check $flag --threads 0 "$dir")
            awk -v n="$n" -v m="$mode" -v t="$t" -v rg5="$rg5" -v p="$p" 'BEGIN {
                printf "%5d   check %-8s %10.3fs %8s %6.1fx %8s %6s %8s %8s\n",
                    n, m, t, "", t / rg5, "", "", "", p }'
        done
    done
    # The corpora are copies of the same resolutions: the first copy pays for building the
    # regexes and their lazy DFAs' states, the others mostly do not.
    if [ "${#quiet_times[@]}" -ge 2 ]; then
        printf '%s\n' "${quiet_times[@]}" | awk 'NR == 1 {n1 = $1; d1 = $2; t1 = $3}
            END {
                printf "  check --quiet per draft (all threads): %.0f us in the first copy," \
                    " %.0f us in each further one\n", t1 / d1 * 1e6, ($3 - t1) / ($2 - d1) * 1e6 }'
    fi
fi

if ! skip growth; then
    echo
    echo "growth (check, one process each; median of 3 runs), load $(load):"
    clause="Decides to establish a panel of experts on trafficking; "
    printf '  %-22s %9s %7s %10s %8s %9s\n' draft clauses MB time growth 'peak MB'
    for kind in paragraph numbered; do
        prev=""
        for n in 1 2 4; do
            if [ "$kind" = paragraph ]; then
                count=$((62500 * n))
                f=$WORK/paragraph-$count.txt
                awk -v n="$count" -v c="$clause" \
                    'BEGIN { printf "1. "; for (i = 0; i < n; i++) printf "%s", c; print "" }' >"$f"
            else
                count=$((50000 * n))
                f=$WORK/numbered-$count.txt
                seq 1 "$count" | awk -v c="${clause% }" '{print $1 ". " c "\n"}' >"$f"
            fi
            warm=0 t=$(median 3 "$POLICYCHECK --no-config check $f")
            peak=$(peak_mb "$POLICYCHECK" --no-config check "$f")
            mb=$(stat -c %s "$f" | awk '{print $1 / 1e6}')
            awk -v k="$kind" -v c="$count" -v mb="$mb" -v t="$t" -v p="$prev" -v peak="$peak" 'BEGIN {
                g = (p == "") ? "" : sprintf("%.2fx", t / p)
                printf "  %-22s %9d %7.1f %9.3fs %8s %9s\n", k, c, mb, t, g, peak }'
            [ -n "$prev" ] || first=$t
            prev=$t
            rm -f "$f"
        done
        awk -v a="$first" -v b="$prev" -v k="$kind" 'BEGIN {
            printf "  %s: 4x the text costs %.2fx the time\n", k, b / a }'
    done
fi
