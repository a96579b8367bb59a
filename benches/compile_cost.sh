#!/usr/bin/env bash
# Compile cost of generated bindings: `cargo build` time of a crate holding the bindings of
# 10, 100 and 1,000 generated methods (both variants), debug and release, with every package
# and with one package only (what enabling one package feature of wix-api compiles).
# The runtime's dependencies are built first and not counted.
#
#   benches/compile_cost.sh [SIZES...]        (default: 10 100 1000)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/wixgen-compile-cost}
mkdir -p "$work"
cargo build -q --release --manifest-path "$repo/Cargo.toml" -p wixgen -p wixgen-bench
wixgen="$repo/target/release/wixgen"
export CARGO_TARGET_DIR="$work/target"

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }

printf '| methods | packages | Rust lines | debug (s) | release (s) |\n|---:|---|---:|---:|---:|\n'
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1000)
for n in "${sizes[@]}"; do
  "$repo/target/release/corpus" "$n" "$work/corpus-$n" >/dev/null
  "$wixgen" import "$work/corpus-$n/full-docs.md" --out "$work/schema-$n" -q
  first=$(ls "$work/schema-$n" | head -1 | sed 's/\.yaml$//')
  for scope in all one; do
    crate="$work/crate-$n-$scope"
    rm -rf "$crate" && mkdir -p "$crate/src"
    if [ "$scope" = one ]; then only=(--package "$first"); else only=(); fi
    "$wixgen" generate --schema "$work/schema-$n" --out "$crate/src/wix" "${only[@]}" -q
    cat > "$crate/Cargo.toml" <<TOML
[package]
name = "bindings-$n-$scope"
version = "0.0.0"
edition = "2021"

[dependencies]
wixgen-runtime = { path = "$repo/generated/runtime" }

[workspace]
TOML
    cp "$repo/Cargo.lock" "$crate/Cargo.lock"
    printf '#[path = "wix/mod.rs"]\npub mod wix;\n' > "$crate/src/lib.rs"
    lines=$(cat $(find "$crate/src/wix" -name '*.rs') | wc -l)
    packages=$([ "$scope" = one ] && echo 1 || ls "$work/schema-$n" | wc -l)
    (cd "$crate" && cargo build -q --offline && cargo build -q --offline --release)
    touch "$crate/src/lib.rs"
    debug=$(cd "$crate" && seconds cargo build -q --offline)
    touch "$crate/src/lib.rs"
    release=$(cd "$crate" && seconds cargo build -q --offline --release)
    printf '| %s | %s | %s | %s | %s |\n' "$n" "$packages" "$lines" "$debug" "$release"
  done
done
