#!/usr/bin/env bash
# make bench: builds Findling for a corpus into target/bench/pkg (pkg/ is left alone) and
# runs Findling and its peers side by side in headless Chromium (tests/bench/compare.mjs).
# Usage: bash tests/bench/run.sh [CORPUS_DIR] [QUERIES_FILE]   (default corpus: seeds/)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/seeds}" && pwd)"
queries="${2:-}"
[ -z "$queries" ] || queries="$(cd "$(dirname "$queries")" && pwd)/$(basename "$queries")"
cd "$root"
export PATH="$root/.ci/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The peers' packages, pinned by tests/peers/package-lock.json (as tests/peers/run.sh
# installs them); a copy of the lock file in node_modules makes a second run skip npm.
if ! cmp -s tests/peers/package-lock.json tests/peers/node_modules/.findling-lock 2>/dev/null; then
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/peers/package-lock.json tests/peers/node_modules/.findling-lock
fi

echo "bench: building Findling for $corpus into target/bench/pkg"
FINDLING_CORPUS="$corpus" wasm-pack --quiet build --target web --release --mode no-install \
  --out-dir target/bench/pkg
FINDLING_CORPUS="$corpus" node .ci/shards.mjs target/bench/pkg   # a sharded index's shards
node tests/bench/compare.mjs target/bench/pkg "$corpus" ${queries:+"$queries"}
