#!/usr/bin/env bash
# The bindings of real pages, through wixgen and through progenitor: import, generation, and a
# cold debug build / check of the generated crate (time and peak memory), medians of interleaved
# runs. `../shared/peer/compare.sh` does the same on the generated corpus; this takes pages.
#
#   benches/peer_corpus.sh [PAGES=../shared/wix-sdk-corpus/pages] [RUNS=5]
#
# Run from the repository root; needs python3 with PyYAML and ../shared/peer (ir2openapi.py).
# Work goes to $PEER_DIR (default target/peer-corpus); cargo-progenitor 0.15.1 is installed there
# once. Output: a markdown table (seconds, MiB) with the wixgen/progenitor ratio.
set -euo pipefail
PAGES=${1:-../shared/wix-sdk-corpus/pages}; RUNS=${2:-5}
root=$(pwd); peer=$root/../shared/peer
P=${PEER_DIR:-$root/target/peer-corpus}; mkdir -p "$P"
python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml

cargo build -q --release -p wixgen
WG=${CARGO_TARGET_DIR:-$root/target}/release/wixgen
PG=$P/bin/bin/cargo-progenitor
[ -x "$PG" ] || cargo install -q cargo-progenitor --version 0.15.1 --locked --root "$P/bin"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Appends "seconds peak-MiB" of one command to a file.
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$P/.time" "$@" >/dev/null 2>&1
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$P/.time" >> "$out"
}

rm -rf "$P/schema"
"$WG" import "$PAGES" --out "$P/schema" -q
python3 "$peer/ir2openapi.py" "$P/schema" "$P/openapi.json"

# The two crates.
rm -rf "$P/wix" "$P/prog"; mkdir -p "$P/wix/src"
"$WG" generate --schema "$P/schema" --out "$P/wix/src/wix" --variant rest -q
printf '#[path = "wix/mod.rs"]\npub mod wix;\n' > "$P/wix/src/lib.rs"
cat > "$P/wix/Cargo.toml" <<TOML
[package]
name = "peer-wixgen"
version = "0.0.0"
edition = "2021"
[dependencies]
# Generated code calls the runtime as ::wixgen_runtime.
wixgen-runtime = { path = "$root/generated/runtime" }
[workspace]
TOML
"$PG" progenitor -i "$P/openapi.json" -o "$P/prog" -n peer-progenitor -v 0.1.0 >/dev/null
printf '\n[workspace]\n' >> "$P/prog/Cargo.toml"

# One build of a crate's own code (a command line for `measure`): its dependencies stay built in
# the mode's target dir.
crate() { # crate mode
  echo "cd '$P/$1' && touch src/lib.rs && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR='$P/target-$1-$2' cargo $2 -q"
}
rm -f "$P"/m-*
for cmd in build check; do sh -c "$(crate wix $cmd)"; sh -c "$(crate prog $cmd)"; done
for _ in $(seq "$RUNS"); do
  measure "$P/m-import-a" sh -c "rm -rf '$P/s' && '$WG' import '$PAGES' --out '$P/s' -q"
  measure "$P/m-gen-a" sh -c "rm -rf '$P/g' && '$WG' generate --schema '$P/schema' --out '$P/g' --variant rest -q"
  measure "$P/m-gen-b" sh -c "rm -rf '$P/h' && '$PG' progenitor -i '$P/openapi.json' -o '$P/h' -n peer -v 0.1.0"
  for cmd in build check; do
    measure "$P/m-$cmd-a" sh -c "$(crate wix $cmd)"
    measure "$P/m-$cmd-b" sh -c "$(crate prog $cmd)"
  done
done

col() { awk -v c="$2" '{print $c}' "$1" | median; }
printf '\n%s, %s runs each, medians (REST variant)\n\n' "$PAGES" "$RUNS"
printf '| measure | wixgen s | progenitor s | ratio | wixgen MiB | progenitor MiB | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n'
printf '| import | %s | | | %s | | |\n' "$(col "$P/m-import-a" 1)" "$(col "$P/m-import-a" 2)"
for m in gen build check; do
  a=$(col "$P/m-$m-a" 1); b=$(col "$P/m-$m-b" 1); ma=$(col "$P/m-$m-a" 2); mb=$(col "$P/m-$m-b" 2)
  case $m in gen) l="generation";; build) l="cold debug build";; check) l="cargo check";; esac
  printf '| %s | %s | %s | %.2f× | %s | %s | %.2f× |\n' "$l" "$a" "$b" \
    "$(echo "$a / $b" | bc -l)" "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
done
printf '\noutput: wixgen %s lines, progenitor %s lines\n' \
  "$(cat "$P"/wix/src/wix/*.rs "$P"/wix/src/wix/*/*.rs 2>/dev/null | wc -l)" "$(wc -l < "$P/prog/src/lib.rs")"
