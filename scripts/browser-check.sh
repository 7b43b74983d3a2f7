#!/usr/bin/env bash
# The browser check of the HTML briefing memo: renders the memo of a draft with policycheck,
# opens it in headless Chromium (scripts/browser-check.mjs, over the DevTools pipe), saves a
# screenshot and the DOM, and fails unless the page loaded without console errors, requested
# nothing but itself, and shows its chart and every recommendation of the rulebook.
#
# Usage: scripts/browser-check.sh [DRAFT] [OUT_DIR]
#   DRAFT    default examples/draft-renewal-2015.md
#   OUT_DIR  default target/browser-check (memo.html, screenshot.png, dom.html)
# Environment:
#   POLICYCHECK_BIN  the binary to use; by default the release build (built if needed)
#   CHROMIUM         the browser; default /usr/bin/chromium (Debian: apt-get install chromium)
# Exit: 0 passed, 1 the page failed a check, 2 the check could not run.
set -euo pipefail

cd "$(dirname "$0")/.."
draft="${1:-examples/draft-renewal-2015.md}"
out="${2:-target/browser-check}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$chromium" ]]; then
    echo "browser check: no Chromium at $chromium (apt-get install -y chromium)" >&2
    exit 2
fi
if ! command -v node >/dev/null 2>&1; then
    echo "browser check: node is needed (18 or later)" >&2
    exit 2
fi
bin="${POLICYCHECK_BIN:-}"
if [[ -z "$bin" ]]; then
    cargo build --release --quiet
    bin="target/release/policycheck"
fi

mkdir -p "$out"
# The recommendations' titles (the memo shows titles, not rule ids), from the same binary
# and view as the memo: a one-line template.
ids_template="$(mktemp --suffix=.txt.hbs)"
trap 'rm -f "$ids_template"' EXIT
printf '{{#each documents}}{{#each rules}}{{title}}\n{{/each}}{{/each}}' >"$ids_template"
mapfile -t ids < <("$bin" report "$draft" --no-config --template "$ids_template")
if [[ ${#ids[@]} -eq 0 ]]; then
    echo "browser check: $draft has no recommendations to look for" >&2
    exit 2
fi

"$bin" report "$draft" --no-config --template memo.html --output "$out/memo.html"
CHROMIUM="$chromium" node scripts/browser-check.mjs "$out/memo.html" "$out" "${ids[@]}"
