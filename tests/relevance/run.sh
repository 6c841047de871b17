#!/usr/bin/env bash
# Relevance on Cranfield and XQuAD (de, en), and on the collections of
# ../shared/corpora/fetch.sh when CORPORA names its output folder (ir/xquad-de-distract,
# ir/ddtp-en-knownitem), each built through the same build.rs path as the seeds
# (FINDLING_CORPUS) and searched in the default mode (every word, relaxed when too few
# documents have them all: what the widget does) and with --any. Prints nDCG@10, MRR@10
# and Recall@100.
# Usage: CORPORA=/tmp/corpora tests/relevance/run.sh [cranfield|xquad-de|xquad-en|PATH ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$root/target/relevance"
mkdir -p "$work"
sets=("$@")
if [ "${#sets[@]}" -eq 0 ]; then
  sets=(cranfield xquad-de xquad-en)
  if [ -n "${CORPORA:-}" ]; then sets+=("$CORPORA/ir/xquad-de-distract" "$CORPORA/ir/ddtp-en-knownitem"); fi
fi
echo "| collection | mode | queries | nDCG@10 | MRR@10 | Recall@100 |"
echo "| --- | --- | --- | --- | --- | --- |"
for name in "${sets[@]}"; do
  dir="$work/$(basename "$name")"
  node tests/relevance/eval.mjs prepare "$name" "$dir"
  FINDLING_CORPUS="$dir/corpus" cargo build --profile eval --quiet --bin findling 2>/dev/null
  for mode in default any; do
    flag=(); [ "$mode" = any ] && flag=(--any)
    target/eval/findling search --batch "${flag[@]}" --limit 100 < "$dir/queries.txt" > "$dir/results-$mode.jsonl"
    cp "$dir/results-$mode.jsonl" "$dir/results.jsonl"
    MODE="$mode" node tests/relevance/eval.mjs score "$name" "$dir"
  done
done
