#!/usr/bin/env bash
# Relevance on Cranfield and XQuAD (de, en), built through the same build.rs path as the
# seeds (FINDLING_CORPUS). Prints a table of nDCG@10, MRR@10 and Recall@100.
# Usage: tests/relevance/run.sh [cranfield|xquad-de|xquad-en ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$root/target/relevance"
mkdir -p "$work"
sets=("$@")
[ "${#sets[@]}" -gt 0 ] || sets=(cranfield xquad-de xquad-en)
echo "| collection | queries | nDCG@10 | MRR@10 | Recall@100 |"
echo "| --- | --- | --- | --- | --- |"
for name in "${sets[@]}"; do
  dir="$work/$name"
  node tests/relevance/eval.mjs prepare "$name" "$dir"
  FINDLING_CORPUS="$dir/corpus" cargo build --profile eval --quiet --bin findling 2>/dev/null
  # Questions are natural language: any word may match (OR), ranked by BM25F.
  target/eval/findling search --batch --any --limit 100 < "$dir/queries.txt" > "$dir/results.jsonl"
  node tests/relevance/eval.mjs score "$name" "$dir"
done
