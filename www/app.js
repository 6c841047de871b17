// The demo page: wires the search box to the wasm Searcher, one search per keystroke.
import init, { Searcher } from "../pkg/findling.js";
import { renderHit } from "./render.js";
import { wasmSupport } from "./widget/engine.js";

const RESULT_LIMIT = 10;
const input = document.getElementById("q");
const status = document.getElementById("status");
const error = document.getElementById("error");
const results = document.getElementById("results");

function showError(message) {
  error.textContent = message;
  error.hidden = false;
  status.textContent = "";
}

function count(n) {
  return n === 1 ? "1 result" : `${n} results`;
}

async function main() {
  let searcher;
  try {
    await init();
    searcher = new Searcher();
  } catch (e) {
    const why = e instanceof WebAssembly.CompileError ? wasmSupport(e) : e;
    showError(`Search is unavailable: the search module failed to load (${why.message ?? why}).`);
    return;
  }
  const { documents } = searcher.stats();
  status.textContent = `${documents} documents indexed. Type to search.`;
  input.disabled = false;

  const update = () => {
    const query = input.value;
    let hits;
    try {
      hits = searcher.search(query, RESULT_LIMIT);
    } catch (e) {
      showError(`Search failed: ${e.message ?? e}`);
      return;
    }
    error.hidden = true;
    results.replaceChildren(...hits.map(renderHit));
    status.textContent = query.trim() === "" ? `${documents} documents indexed. Type to search.`
      : hits.length === 0 ? `No results for “${query.trim()}”.` : count(hits.length);
  };
  input.addEventListener("input", update);
  document.getElementById("search-form").addEventListener("submit", (e) => e.preventDefault());
  if (input.value) update();
  input.focus();
}

main();
