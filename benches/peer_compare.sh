#!/usr/bin/env bash
# `../shared/peer/compare.sh` (wixgen against progenitor on a generated corpus), with the crate
# holding wixgen's output depending on wixgen-runtime: generated code calls `::wixgen_runtime`,
# and compare.sh still names `wix-api`, whose crate re-exports the runtime but cannot lend its
# name to a dependent's code. Same arguments as compare.sh:
#
#   benches/peer_compare.sh [METHODS=1000] [RUNS=5] [MODES="build check incr"]
set -euo pipefail
peer=$(cd "$(dirname "$0")/../../shared/peer" && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$peer/ir2openapi.py" "$copy/"
sed 's#^wix-api = { path = "$root/generated", default-features = false }$#wixgen-runtime = { path = "$root/generated/runtime" }#' \
  "$peer/compare.sh" > "$copy/compare.sh"
grep -q '^wixgen-runtime = ' "$copy/compare.sh" || { echo "compare.sh changed: no wix-api line to replace" >&2; exit 1; }
bash "$copy/compare.sh" "$@"
