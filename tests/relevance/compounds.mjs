// Compound-part matching measured on Wikidata lexemes (../shared/eval-data/compounds).
//   node compounds.mjs prepare LANG OUTDIR   one document per compound word, one query per part
//   node compounds.mjs score LANG OUTDIR     reads OUTDIR/results.jsonl; prints recall and precision
// A pair (compound, part) counts when the part has at least 5 letters (Findling's
// MIN_PART_LEN) and its first 4 letters occur in the compound, case-folded: the part is
// visibly in the word (Wikidata's parts are unordered and sometimes only derivational).
// Recall: share of such pairs where searching the part finds the compound. Precision:
// share of the documents a part's search returns whose Wikidata parts include it (or
// that are the part itself).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const data = fileURLToPath(new URL("../../../shared/eval-data/compounds/", import.meta.url));
const [command, lang, out] = process.argv.slice(2);
const fold = (s) => s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/ø/g, "o");
const rows = gunzipSync(readFileSync(join(data, `wikidata_grouped_${lang}.tsv.gz`))).toString("utf8")
  .trim().split("\n").map((l) => l.split("\t"))
  .filter(([word]) => /^\p{L}[\p{L}-]*$/u.test(word));
const ids = rows.map((_, i) => `w${String(i).padStart(5, "0")}`);
const parts = [...new Set(rows.flatMap(([, ...p]) => p).filter((p) => p.length >= 5 && /^\p{L}+$/u.test(p)))].sort();

if (command === "prepare") {
  rmSync(join(out, "corpus"), { recursive: true, force: true });
  mkdirSync(join(out, "corpus"), { recursive: true });
  rows.forEach(([word], i) => writeFileSync(join(out, "corpus", `${ids[i]}.txt`), `${word}\n`));
  writeFileSync(join(out, "queries.txt"), parts.map((p) => `${p} `).join("\n") + "\n");
  console.error(`compounds-${lang}: ${rows.length} words, ${parts.length} part queries`);
} else if (command === "score") {
  const results = readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const found = new Map(parts.map((p, i) => [p, new Set(results[i])]));
  let pairs = 0, hitPairs = 0, returned = 0, right = 0;
  rows.forEach(([word, ...ps], i) => {
    for (const p of ps) {
      if (!found.has(p) || !fold(word).includes(fold(p).slice(0, 4)) || fold(word) === fold(p)) continue;
      pairs++;
      hitPairs += found.get(p).has(ids[i]);
    }
  });
  const partsOf = rows.map(([word, ...ps]) => new Set([word, ...ps].map(fold)));
  const index = new Map(ids.map((id, i) => [id, i]));
  parts.forEach((p, q) => {
    for (const id of results[q]) {
      returned++;
      right += partsOf[index.get(id)].has(fold(p));
    }
  });
  console.log(`| ${lang} | ${rows.length} | ${pairs} | ${(hitPairs / pairs).toFixed(3)} | ${(right / returned).toFixed(3)} |`);
}
