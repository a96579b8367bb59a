#!/usr/bin/env bash
# The floor: wixgen's bindings against the same API as plain serde structs and reqwest calls
# (benches/floor.py), cold debug build and `cargo check` of each crate (time and peak memory),
# medians of interleaved runs.
#
#   benches/floor.sh [SOURCE=../shared/wix-sdk-corpus/pages] [RUNS=5]
#
# SOURCE is a directory of pages or a number of methods of the generated corpus. Run from the
# repository root; needs python3 with PyYAML. Work goes to $FLOOR_DIR (default target/floor).
set -euo pipefail
SOURCE=${1:-../shared/wix-sdk-corpus/pages}; RUNS=${2:-5}
root=$(pwd)
F=${FLOOR_DIR:-$root/target/floor}; mkdir -p "$F"
python3 -c 'import yaml' 2>/dev/null || pip install --quiet pyyaml

cargo build -q --release -p wixgen -p wixgen-bench
T=${CARGO_TARGET_DIR:-$root/target}
WG=$T/release/wixgen
rm -rf "$F/schema" "$F/corpus"
if [[ $SOURCE =~ ^[0-9]+$ ]]; then
  "$T/release/corpus" "$SOURCE" "$F/corpus" >/dev/null
  "$WG" import "$F/corpus/full-docs.md" --out "$F/schema" -q
else
  "$WG" import "$SOURCE" --out "$F/schema" -q
fi

# The two crates: wixgen's REST variant, and the floor.
rm -rf "$F/wix" "$F/floor"; mkdir -p "$F/wix/src"
"$WG" generate --schema "$F/schema" --out "$F/wix/src/wix" --variant rest -q
printf '#[path = "wix/mod.rs"]\npub mod wix;\n' > "$F/wix/src/lib.rs"
cat > "$F/wix/Cargo.toml" <<TOML
[package]
name = "floor-wixgen"
version = "0.0.0"
edition = "2021"
[dependencies]
wixgen-runtime = { path = "$root/generated/runtime" }
[workspace]
TOML
python3 "$root/benches/floor.py" "$F/schema" "$F/floor"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # out command…: appends "seconds peak-MiB"
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$F/.time" "$@" >/dev/null 2>&1
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$F/.time" >> "$out"
}
crate() { # crate mode: one build of the crate's own code, its dependencies built already
  echo "cd '$F/$1' && touch src/lib.rs && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR='$F/target-$1-$2' cargo $2 -q"
}
rm -f "$F"/m-*
for cmd in build check; do sh -c "$(crate wix $cmd)"; sh -c "$(crate floor $cmd)"; done
for _ in $(seq "$RUNS"); do
  for cmd in build check; do
    measure "$F/m-$cmd-wix" sh -c "$(crate wix $cmd)"
    measure "$F/m-$cmd-floor" sh -c "$(crate floor $cmd)"
  done
done

col() { awk -v c="$2" '{print $c}' "$1" | median; }
printf '\n%s, %s runs each, medians (REST variant)\n\n' "$SOURCE" "$RUNS"
printf '| measure | wixgen s | floor s | ratio | wixgen MiB | floor MiB | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n'
for m in build check; do
  a=$(col "$F/m-$m-wix" 1); b=$(col "$F/m-$m-floor" 1); ma=$(col "$F/m-$m-wix" 2); mb=$(col "$F/m-$m-floor" 2)
  case $m in build) l="cold debug build";; check) l="cargo check";; esac
  printf '| %s | %s | %s | %.2f× | %s | %s | %.2f× |\n' "$l" "$a" "$b" \
    "$(echo "$a / $b" | bc -l)" "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
done
printf '\nruns (seconds): '; for f in "$F"/m-*; do printf '%s: %s; ' "${f##*/m-}" "$(awk '{printf "%s ", $1}' "$f")"; done; echo
