#!/usr/bin/env bash
# Compound-part matching on Wikidata's German and Danish compounds: recall and precision
# of finding a compound by searching one of its parts (see compounds.mjs for the rules).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
echo "| language | words | (compound, part) pairs | recall | precision |"
echo "| --- | --- | --- | --- | --- |"
for lang in de da; do
  dir="$root/target/relevance/compounds-$lang"
  node tests/relevance/compounds.mjs prepare "$lang" "$dir"
  FINDLING_CORPUS="$dir/corpus" cargo build --profile eval --quiet --bin findling 2>/dev/null
  target/eval/findling search --batch --limit 1000 < "$dir/queries.txt" > "$dir/results.jsonl"
  node tests/relevance/compounds.mjs score "$lang" "$dir"
done
