// Relevance evaluation on public test collections.
//   node eval.mjs prepare NAME OUTDIR   writes OUTDIR/corpus/*.txt, OUTDIR/queries.txt, OUTDIR/qrels.json
//   node eval.mjs score NAME OUTDIR [MODE]
//                                       reads OUTDIR/results-MODE.jsonl (one JSON array of ids per
//                                       query; MODE default "default") and prints nDCG@10, MRR@10
//                                       and Recall@100, beside the nDCG@10 of the reference rankers'
//                                       results-bm25.jsonl and results-bm25-snowball.jsonl when
//                                       they are there, and the margin over BM25 + Snowball
//                                       (gain 2^grade − 1: on Cranfield's grades trec_eval's
//                                       linear gain gives other figures; elsewhere grades are 0/1);
//                                       FINDLING_DECIMALS=4 prints four decimals instead of three
//   node eval.mjs compare NAME OUTDIR RUN_A RUN_B
//                                       question by question, each whose nDCG@10 differs between
//                                       results-RUN_A.jsonl and results-RUN_B.jsonl (a change's
//                                       lists against the lists before it), then how many got
//                                       better and worse, and both runs' nDCG@10
// NAME is cranfield, xquad-de or xquad-en (the data is ../shared/eval-data, see its README),
// or a collection folder of ../shared/corpora/fetch.sh's ir/ (docs/, queries.tsv,
// qrels.tsv) given as a path: ir/xquad-de-distract, ir/ddtp-en-knownitem.
// Byte-identical documents are indexed once (under the first id in path order), so a
// judgement of a duplicate counts for the document indexed in its place.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const data = fileURLToPath(new URL("../../../shared/eval-data/", import.meta.url));
const [command, name, out] = process.argv.slice(2);
/** A text file of the collection with its line endings normalised (Cranfield uses CRLF). */
const read = (path) => {
  const bytes = readFileSync(join(data, path));
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8").replace(/\r\n?/g, "\n");
};

/** Cranfield: 1,400 abstracts; 225 queries numbered 1..225 by position; graded qrels. */
function cranfield() {
  const text = read("cranfield/cran.all.1400.gz");
  const docs = [];
  for (const record of text.split(/^\.I /m).slice(1)) {
    const id = record.split("\n")[0].trim();
    const field = (f) => (new RegExp(`^\\.${f}\\n([\\s\\S]*?)(?=^\\.[A-Z]\\n|$(?![\\s\\S]))`, "m").exec(record)?.[1] ?? "").trim();
    const title = field("T").replace(/\s+/g, " ");
    const body = field("W").replace(/\s+/g, " ");
    docs.push({ id: `d${id.padStart(4, "0")}`, text: `${title || "untitled"}\n\n${body}` });
  }
  const queries = read("cranfield/cran.qry")
    .split(/^\.I /m).slice(1)
    .map((q) => q.split(/^\.W\n/m)[1].replace(/\s+/g, " ").trim());
  const qrels = queries.map(() => ({}));
  for (const line of read("cranfield/cranqrel").split("\n")) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    if (!q || !(code >= 1 && code <= 4)) continue; // -1: unexplained, not relevant
    qrels[q - 1][`d${String(d).padStart(4, "0")}`] = 5 - code; // code 1 (complete answer) → gain 4
  }
  return { docs, queries, qrels };
}

/** XQuAD: 240 paragraphs (documents) and 1,190 questions, each answered by one paragraph. */
function xquad(lang) {
  const json = JSON.parse(read(`xquad/xquad.${lang}.json.gz`));
  const docs = [];
  const queries = [];
  const qrels = [];
  for (const article of json.data) {
    for (const p of article.paragraphs) {
      const id = `p${String(docs.length).padStart(3, "0")}`;
      docs.push({ id, text: p.context });
      for (const qa of p.qas) {
        queries.push(qa.question.replace(/\s+/g, " ").trim());
        qrels.push({ [id]: 1 });
      }
    }
  }
  return { docs, queries, qrels };
}

/** A fetched collection folder: its .txt documents, queries.tsv and graded qrels.tsv. */
function folder(dir) {
  const tsv = (file) => readFileSync(join(dir, file), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
  const files = readdirSync(join(dir, "docs")).filter((f) => f.endsWith(".txt")).sort();
  const docs = files.map((f) => ({ id: f.slice(0, -4), text: readFileSync(join(dir, "docs", f), "utf8") }));
  // The id a byte-identical document is indexed under: the first in sorted order.
  const first = new Map();
  const canonical = {};
  for (const d of docs) {
    const hash = createHash("sha1").update(d.text).digest("hex");
    if (!first.has(hash)) first.set(hash, d.id);
    canonical[d.id] = first.get(hash);
  }
  const rows = tsv("queries.tsv");
  const index = new Map(rows.map(([id], i) => [id, i]));
  const qrels = rows.map(() => ({}));
  for (const [q, d, g] of tsv("qrels.tsv")) {
    const i = index.get(q);
    const id = canonical[d] ?? d;
    if (i !== undefined && Number(g) > 0) qrels[i][id] = Math.max(qrels[i][id] ?? 0, Number(g));
  }
  return { docs, queries: rows.map(([, text]) => text), qrels };
}

const collections = { cranfield, "xquad-de": () => xquad("de"), "xquad-en": () => xquad("en") };
if (name && existsSync(join(name, "queries.tsv"))) collections[name] = () => folder(name);
if (!collections[name] || !out) {
  console.error("usage: node eval.mjs prepare|score|compare cranfield|xquad-de|xquad-en|COLLECTION_DIR OUTDIR [MODE | RUN_A RUN_B]");
  process.exit(2);
}
const { docs, queries, qrels } = collections[name]();
/** How a collection is named in the output: a folder by its last component. */
const label = (name) => (existsSync(join(name, "queries.tsv")) ? basename(name) : name);

if (command === "prepare") {
  rmSync(join(out, "corpus"), { recursive: true, force: true });
  mkdirSync(join(out, "corpus"), { recursive: true });
  for (const d of docs) writeFileSync(join(out, "corpus", `${d.id}.txt`), d.text + "\n");
  // A trailing space marks every word as finished: a typed question, not a prefix.
  writeFileSync(join(out, "queries.txt"), queries.map((q) => `${q.replace(/\n/g, " ")} `).join("\n") + "\n");
  console.error(`${name}: ${docs.length} documents, ${queries.length} queries`);
} else if (command === "score" || command === "compare") {
  const mode = process.argv[5] ?? "default";
  /** nDCG@10, MRR@10 and Recall@100 of OUTDIR/results-RUN.jsonl (one JSON array of ids a
   * query), and each judged query's nDCG@10 (`null` for a query without judgements). */
  const measure = (run) => {
    const results = readFileSync(join(out, `results-${run}.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    if (results.length !== queries.length) throw new Error(`results-${run}.jsonl: ${results.length} result lines for ${queries.length} queries`);
    let ndcg = 0, mrr = 0, recall = 0, judged = 0;
    const each = results.map(() => null);
    results.forEach((ids, i) => {
      const rel = qrels[i];
      const gains = Object.values(rel).sort((a, b) => b - a);
      if (gains.length === 0) return; // a query without relevant documents is not scored
      judged++;
      const dcg = ids.slice(0, 10).reduce((s, id, r) => s + ((2 ** (rel[id] ?? 0)) - 1) / Math.log2(r + 2), 0);
      const ideal = gains.slice(0, 10).reduce((s, g, r) => s + ((2 ** g) - 1) / Math.log2(r + 2), 0);
      each[i] = dcg / ideal;
      ndcg += dcg / ideal;
      const first = ids.slice(0, 10).findIndex((id) => rel[id] > 0);
      mrr += first < 0 ? 0 : 1 / (first + 1);
      recall += ids.slice(0, 100).filter((id) => rel[id] > 0).length / gains.length;
    });
    return { judged, ndcg: ndcg / judged, mrr: mrr / judged, recall: recall / judged, each };
  };
  const f = (x) => x.toFixed(Number(process.env.FINDLING_DECIMALS ?? 3));
  if (command === "compare") {
    const [a, b] = [process.argv[5], process.argv[6]];
    if (!a || !b) throw new Error("compare needs two runs: RUN_A RUN_B");
    const [before, after] = [measure(a), measure(b)];
    let better = 0, worse = 0;
    queries.forEach((q, i) => {
      const [x, y] = [before.each[i], after.each[i]];
      if (x === null || Math.abs(x - y) < 1e-9) return;
      if (y > x) better++;
      else worse++;
      console.log(`${y > x ? "+" : "−"} ${x.toFixed(2)} → ${y.toFixed(2)}  ${q}`);
    });
    console.log(`${label(name)}: ${better} better, ${worse} worse; nDCG@10 ${a} ${f(before.ndcg)}, ${b} ${f(after.ndcg)}`);
    process.exit(0);
  }
  const m = measure(mode);
  // The reference rankers' lists (reference.rs), when run.sh has written them.
  const [bm25, snowball] = ["bm25", "bm25-snowball"].map((run) => existsSync(join(out, `results-${run}.jsonl`)) ? measure(run).ndcg : null);
  const margin = snowball === null ? "" : `${m.ndcg >= snowball ? "+" : "−"}${f(Math.abs(m.ndcg - snowball))}`;
  console.log(`| ${label(name)} | ${mode} | ${m.judged} | ${f(m.ndcg)} | ${f(m.mrr)} | ${f(m.recall)} | ${bm25 === null ? "" : f(bm25)} | ${snowball === null ? "" : f(snowball)} | ${margin} |`);
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
