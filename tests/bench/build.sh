#!/bin/bash
# Times the build script alone (walk, read, clean, analyze, write, read back: what build.rs
# runs), without compiling: the compiled build script of a target folder, run by hand on a
# corpus. Prints CPU and wall seconds, peak memory, MB/s of input text, and an md5 of what
# it wrote (the same corpus must give the same bytes).
#
#   bash tests/bench/build.sh CORPUS [TARGET_DIR] [RUNS]
#
# TARGET_DIR (default $CARGO_TARGET_DIR or target) must hold a build script compiled with
# optimisations, e.g. after `cargo build --profile eval` or `cargo check --profile eval`.
set -euo pipefail
corpus=$(realpath "${1:?usage: build.sh CORPUS [TARGET_DIR] [RUNS]}")
target=${2:-${CARGO_TARGET_DIR:-target}}
runs=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$( (ls -t "$target"/{eval,release}/build/findling-*/build-script-build 2>/dev/null || true) | head -1)
[ -x "$script" ] || { echo "no optimised build script under $target: cargo build --profile eval first" >&2; exit 1; }
bytes=$(find -L "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "$script on $corpus ($bytes bytes of files)"
for _ in $(seq "$runs"); do
    rm -rf "${out:?}"/*
    /usr/bin/time -f '%U %S %e %M' -o "$out.time" \
        env CARGO_MANIFEST_DIR="$root" OUT_DIR="$out" FINDLING_CORPUS="$corpus" "$script" > "$out.log"
    read -r user sys wall kb < "$out.time"
    md5=$(cd "$out" && find . -type f | sort | xargs md5sum | md5sum | cut -c1-32)
    awk -v b="$bytes" -v u="$user" -v s="$sys" -v w="$wall" -v k="$kb" -v m="$md5" 'BEGIN {
        printf "%.2f s user + %.2f s sys, %.2f s wall, %.1f MB peak (%.2fx the input): %.1f MB/s of CPU, %.1f MB/s wall; output md5 %s\n",
            u, s, w, k * 1024 / 1e6, k * 1024 / b, b / 1e6 / (u + s), b / 1e6 / w, m }'
done
rm -f "$out.time" "$out.log"
