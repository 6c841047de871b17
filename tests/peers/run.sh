#!/usr/bin/env bash
# Builds a findling CLI on tests/peers/corpus and compares it with client-side peers.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
FINDLING_CORPUS="$root/tests/peers/corpus" CARGO_TARGET_DIR="$root/target/peers" \
  cargo build --release --quiet --bin findling
(cd tests/peers && npm ci --no-audit --no-fund --silent)
node tests/peers/compare.mjs "$root/target/peers/release/findling"
