#!/usr/bin/env bash
# Relevance on Cranfield and XQuAD (de, en), and on the collections of
# ../shared/corpora/fetch.sh when CORPORA names its output folder (ir/xquad-de-distract,
# ir/ddtp-en-knownitem), each built through the same build.rs path as the seeds
# (FINDLING_CORPUS) and searched in the default mode (every word, relaxed when too few
# documents have them all: what the widget does) and with --any. Prints nDCG@10, MRR@10
# and Recall@100, and beside them the nDCG@10 of the reference rankers the relevance goal
# is set against (tests/relevance/reference.rs: BM25 and BM25 + Snowball, k1 0.9, b 0.4,
# on the same documents and questions) and Findling's margin over BM25 + Snowball.
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
echo "| collection | mode | queries | nDCG@10 | MRR@10 | Recall@100 | BM25 | BM25 + Snowball | margin |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for name in "${sets[@]}"; do
  dir="$work/$(basename "$name")"
  node tests/relevance/eval.mjs prepare "$name" "$dir"
  FINDLING_CORPUS="$dir/corpus" cargo build --profile eval --quiet --bin findling --example reference 2>/dev/null
  target/eval/examples/reference "$dir/corpus" "$dir/queries.txt" > "$dir/results-bm25.jsonl"
  target/eval/examples/reference "$dir/corpus" "$dir/queries.txt" --stem auto > "$dir/results-bm25-snowball.jsonl"
  for mode in default any; do
    flag=(); [ "$mode" = any ] && flag=(--any)
    target/eval/findling search --batch "${flag[@]}" --limit 100 < "$dir/queries.txt" > "$dir/results-$mode.jsonl"
    node tests/relevance/eval.mjs score "$name" "$dir" "$mode"
  done
done
