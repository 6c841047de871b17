// <findling-search>: the embeddable search widget. One module script plus the wasm:
//   <script type="module" src="findling-search.js"></script> <findling-search></findling-search>
// Shadow DOM, a WAI-ARIA 1.2 combobox over a listbox of results (links to their pages when
// the index knows a page's url, else a reader view), filter chips with counts from the
// engine's facets, ?q= in the URL, no network after load, no storage.
// Corpus text only ever reaches the DOM through textContent; marks come from engine ranges.
// The engine runs in a Web Worker (widget/worker.js) or on the main thread, as
// widget/engine.js chooses: typing never waits for a query, only the latest query's answer
// is drawn, in one synchronous DOM update.
import init, { Searcher } from "../pkg/findling.js";
import { el } from "./widget/dom.js";
import { compileWasm, LatestCall, STALE, startEngine } from "./widget/engine.js";
import { FacetChips } from "./widget/facets.js";
import { linkToExcerpt, withAnchor } from "./widget/fragment.js";
import { paragraphsOf } from "./widget/marks.js";
import { stringsFor } from "./widget/strings.js";
import { CSS } from "./widget/styles.js";

/** Set by the single-file builder to the inlined wasm bytes; undefined loads pkg/ by URL. */
const WASM_SOURCE = undefined;
/** Set by the single-file builder to the worker's source (glue inlined), run as a blob:
 * module worker; undefined starts widget/worker.js by URL. */
const WORKER_SOURCE = undefined;
/** The wasm-bindgen glue, imported above and by the worker (`make site` rewrites both). */
const GLUE_URL = new URL("../pkg/findling.js", import.meta.url);
/** Most results shown per query unless the `limit` attribute says otherwise. */
const RESULT_LIMIT = 10;
/** Most results the engine gives per query (`MAX_LIMIT` in src/wasm.rs; more throws). */
const MAX_RESULT_LIMIT = 10000;
/** Quiet time before the live region announces a count (screen readers hear one, not ten). */
const ANNOUNCE_DELAY_MS = 400;
/** Most characters the engine reads of a query (`MAX_QUERY_CHARS` in src/search/query.rs),
 * and the input's maxlength: Chromium alone spends a few hundred milliseconds of the main
 * thread inserting a pasted megabyte into a text field, so the field keeps what is read. */
const MAX_QUERY_CHARS = 1000;
/** Longest the input's own task waits for the worker's answer on a cross-origin isolated
 * page (one frame), so that the answer is painted in the keystroke's frame
 * (widget/engine.js); a slower answer is drawn when it comes, a frame or more later. */
const SAME_FRAME_WAIT_MS = 16;
/** Quiet time before the query is written to the URL: history.replaceState costs 0.5-11 ms
 * of the main thread here, too much to spend inside a keystroke's frame. */
const URL_DELAY_MS = 250;
/** Most characters of the query echoed in the status line ("No results for …"). */
const ECHO_CHARS = 80;
/** Schemes a result link may have (a corpus url such as `javascript:…` never becomes a link). */
const LINK_PROTOCOLS = new Set(["http:", "https:"]);

let enginePromise = null;
/** One engine (one Searcher, in a worker or on the main thread: widget/engine.js) shared by
 * every widget on the page; `prefer` is the first widget's `engine` attribute. The page
 * streams and compiles the wasm while the worker's scripts load, then hands it the module. */
function loadEngine(prefer) {
  enginePromise ??= startEngine({
    prefer,
    glue: GLUE_URL,
    workerUrl: new URL("./widget/worker.js", import.meta.url),
    workerSource: WORKER_SOURCE,
    module: compileWasm(WASM_SOURCE, new URL("findling_bg.wasm", GLUE_URL)),
    init,
    Searcher,
  });
  return enginePromise;
}

let serial = 0;
/** The widget that answers `/` and Ctrl/Cmd+K (the first one connected). */
let hotkeyOwner = null;

/** Appends `text` to `parent`, wrapping each `[start, end)` range in <mark>. */
function appendMarked(parent, text, ranges) {
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    if (start > at) parent.append(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    parent.append(mark);
    at = end;
  }
  if (at < text.length) parent.append(text.slice(at));
}

/** The space-separated tokens of a query, a quoted filter value (source:"Daily Planet") kept whole. */
function queryTokens(query) {
  return query.match(/[^\s:"]+:"[^"]*"|\S+/g) ?? [];
}

export class FindlingSearch extends HTMLElement {
  static observedAttributes = ["lang", "base"];

  constructor() {
    super();
    this.uid = `findling-${++serial}`;
    this.root = this.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    this.root.adoptedStyleSheets = [sheet];
    this.hits = [];
    this.latest = new LatestCall();
    this.active = -1;
    this.returnFocus = null;
    this.onHotkey = this.onHotkey.bind(this);
  }

  /** The UI language: the element's own lang, else the nearest ancestor's, else the page's. */
  get uiLang() {
    return this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "en";
  }

  connectedCallback() {
    if (!this.built) this.build();
    hotkeyOwner ??= this;
    document.addEventListener("keydown", this.onHotkey);
    this.start();
  }

  disconnectedCallback() {
    document.removeEventListener("keydown", this.onHotkey);
    if (hotkeyOwner === this) hotkeyOwner = null;
  }

  attributeChangedCallback() {
    if (this.built) this.applyStrings();
  }

  build() {
    this.built = true;
    const id = (name) => `${this.uid}-${name}`;
    this.input = el("input", {
      id: id("input"), type: "search", role: "combobox", autocomplete: "off", spellcheck: "false",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": id("listbox"),
      enterkeyhint: "search", maxlength: String(MAX_QUERY_CHARS), disabled: "",
    });
    this.label = el("label", { for: id("input"), className: "visually-hidden" });
    this.kbd = el("kbd", { "aria-hidden": "true", text: "/" });
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    const circle = document.createElementNS(icon.namespaceURI, "circle");
    for (const [k, v] of Object.entries({ cx: 10.5, cy: 10.5, r: 6.5 })) circle.setAttribute(k, v);
    const line = document.createElementNS(icon.namespaceURI, "path");
    line.setAttribute("d", "M15.5 15.5 21 21");
    icon.append(circle, line);
    this.legend = el("legend", { className: "visually-hidden" });
    this.chips = el("fieldset", { className: "chips", hidden: "" }, this.legend);
    this.facets = new FacetChips(this.chips, this.uid, () => this.update());
    this.statusText = el("span", { className: "count" });
    this.tookText = el("span", { className: "took", hidden: "" });
    this.progressText = el("span", { className: "progress", hidden: "" });
    this.status = el("p", { className: "status", "aria-hidden": "true" }, this.statusText, this.tookText, this.progressText);
    this.live = el("p", { className: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.error = el("p", { className: "error", role: "alert", hidden: "" });
    this.suggest = el("p", { className: "suggest", hidden: "" });
    this.relaxedText = el("p", { className: "relaxed", hidden: "" });
    this.truncatedText = el("p", { className: "truncated", hidden: "" });
    this.listbox = el("div", { id: id("listbox"), role: "listbox", hidden: "" });
    this.reader = el("article", { className: "reader", hidden: "", tabindex: "-1" });
    const form = el("form", { role: "search" }, el("div", { className: "field" }, icon, this.label, this.input, this.kbd));
    form.addEventListener("submit", (e) => e.preventDefault());
    const rootEl = el("div", { className: "root", part: "root" },
      form, this.chips, this.status, this.live, this.error, this.truncatedText, this.relaxedText, this.suggest, this.listbox, this.reader);
    this.root.append(rootEl);

    this.input.addEventListener("beforeinput", (e) => {
      // Whether this insertion overflows maxlength (the browser then keeps only its start).
      const incoming = e.data ?? e.dataTransfer?.getData("text/plain") ?? "";
      const replaced = (this.input.selectionEnd ?? 0) - (this.input.selectionStart ?? 0);
      this.cut = this.input.value.length - replaced + incoming.length > MAX_QUERY_CHARS;
    });
    this.input.addEventListener("input", () => this.update());
    addEventListener("pagehide", () => this.flushUrl());
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.reader.addEventListener("keydown", (e) => {
      if (e.key === "Escape") { e.preventDefault(); this.closeReader(true); }
    });
    this.input.addEventListener("focus", () => {
      if (this.hits.length && this.reader.hidden) this.expand(true);
    });
    this.listbox.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
    this.listbox.addEventListener("click", (e) => {
      const option = e.target.closest('[role="option"]');
      if (option && !option.href) this.open(Number(option.dataset.index)); // links navigate natively
    });
    this.applyStrings();
  }

  applyStrings() {
    this.t = stringsFor(this.uiLang);
    this.label.textContent = this.t.label;
    this.input.placeholder = this.t.placeholder;
    this.listbox.setAttribute("aria-label", this.t.results);
    this.legend.textContent = this.t.filters;
    this.facets.setStrings(this.t);
    this.facets.reset();
    this.kbd.title = this.t.hint;
    if (this.engine) this.update();
    else if (!this.error.textContent) this.statusText.textContent = this.t.loading;
  }

  /** Loads the engine, then draws the first results (of `?q=`, or the corpus's facets)
   * before enabling the input and firing `findling-ready`. */
  async start() {
    if (this.engine || this.starting) return;
    this.starting = true;
    try {
      const engine = await loadEngine(this.getAttribute("engine"));
      const [stats, facets] = await Promise.all([engine.call("stats"), engine.call("facets")]);
      this.docCount = stats.documents;
      this.corpusFacets = facets;
      this.engine = engine;
    } catch (e) {
      this.showError(this.t.unavailable(e?.message ?? e));
      return;
    }
    this.facets.setCorpus(this.corpusFacets);
    if (this.param) {
      const params = new URLSearchParams(location.search);
      this.input.value = params.get(this.param) ?? "";
      this.facets.restore(queryTokens(params.get(`${this.param}filter`) ?? ""));
    }
    await this.update({ keepUrl: true });
    this.input.disabled = false;
    this.dispatchEvent(new CustomEvent("findling-ready", { bubbles: true }));
    this.loadShards();
  }

  /** A sharded index: the engine loads the shards in the background (on the main thread
   * or in its worker, where it runs), answering from those loaded meanwhile. `this.ready` resolves when every document is
   * searchable. */
  loadShards() {
    const off = this.engine.onShard(() => {
      if (this.reader.hidden) return this.update({ keepUrl: true });
      // The reader stays; the results behind it are searched again when it closes.
      this.stale = true;
      this.renderProgress();
    });
    this.ready = this.engine.shards.then(
      () => {
        off();
        if (!this.engine.progress.sharded) return;
        this.completed = true;
        if (this.reader.hidden) this.update({ keepUrl: true });
        else this.stale = true;
        this.dispatchEvent(new CustomEvent("findling-complete", { bubbles: true }));
      },
      (e) => {
        off();
        this.progressText.textContent = this.t.shardsFailed(e?.message ?? e);
        this.progressText.hidden = false;
        this.announce(this.t.shardsFailed(e?.message ?? e));
      },
    );
  }

  /** Shows, unobtrusively, how much of a sharded index is searchable so far. */
  renderProgress() {
    const { complete, loaded } = this.engine.progress;
    this.progressText.hidden = complete;
    this.progressText.textContent = complete ? "" : this.t.partial(Math.floor(loaded * 100));
  }

  /** Where the engine runs: "worker" or "main thread" (null while it loads). */
  get engineThread() {
    return this.engine?.where ?? null;
  }

  /** The URL parameter that holds the query (attribute `param`, default "q"; "" disables);
   * the pressed filter chips go in the same name followed by "filter". */
  get param() {
    return this.getAttribute("param") ?? "q";
  }

  /** The query passed to the engine: what was typed plus the active filter tokens. */
  engineQuery() {
    return [this.input.value.trim(), ...this.activeTokens()].filter(Boolean).join(" ");
  }

  /** The filter tokens of the pressed chips. */
  activeTokens() {
    return this.facets.tokens;
  }

  /** Searches what is typed (with the pressed chips) and draws the answer, unless a newer
   * update overtook it. Resolves once this update is drawn or dropped as stale. While a
   * query is in flight the element has `aria-busy="true"`. */
  update({ keepUrl = false } = {}) {
    if (!this.engine) return Promise.resolve();
    const typed = this.input.value.trim();
    if (!keepUrl) this.scheduleUrl(typed, this.activeTokens().join(" "));
    this.closeReader(false);
    const query = this.engineQuery();
    const tokens = this.activeTokens();
    const started = performance.now();
    this.setAttribute("aria-busy", "true");
    return this.latest.run(() => (typed === "" ? this.filterFacets(tokens) : this.run(query))).then(
      (result) => {
        if (result === STALE) return;
        this.removeAttribute("aria-busy");
        this.render(typed, result, performance.now() - started, query);
      },
      (e) => {
        this.removeAttribute("aria-busy");
        this.showError(this.t.failed(e?.message ?? e));
      },
    );
  }

  /** Draws one answer in one synchronous pass: hits, chips, count, suggestion, notices. */
  render(typed, result, took, query) {
    this.error.hidden = true;
    this.hits = result.hits;
    this.hitsQuery = query;
    this.stale = false;
    this.facets.render(result.facets ?? this.corpusFacets);
    this.renderHits(result.hits);
    const offered = this.renderSuggestion(result.suggestion);
    let text;
    if (typed === "") text = this.t.ready(this.docCount);
    else if (result.total === 0) text = this.t.none(typed.length > ECHO_CHARS ? `${Array.from(typed).slice(0, ECHO_CHARS).join("")}…` : typed);
    else if (result.total > result.hits.length) text = `${this.t.count(result.total)}, ${this.t.shown(result.hits.length, result.total)}`;
    else text = this.t.count(result.total);
    this.statusText.textContent = text;
    this.tookText.hidden = typed === "";
    this.tookText.textContent = this.t.took(took < 10 ? took.toFixed(1) : String(Math.round(took)));
    const cut = typed !== "" && (result.truncated || (this.cut && this.input.value.length >= MAX_QUERY_CHARS));
    this.truncatedText.textContent = cut ? this.t.truncated : "";
    this.truncatedText.hidden = !cut;
    const relaxed = this.renderRelaxed(result.relaxed);
    this.renderProgress();
    const hint = offered ? ` ${this.t.didYouMean} ${offered}?` : "";
    this.announce(typed === "" ? "" : [text, cut ? this.t.truncated : "", relaxed].filter(Boolean).join(". ") + hint);
  }

  /** Most results shown: the `limit` attribute (at most MAX_RESULT_LIMIT), else RESULT_LIMIT. */
  get limit() {
    const n = Number(this.getAttribute("limit"));
    return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_RESULT_LIMIT) : RESULT_LIMIT;
  }

  /** Nothing typed: no hits, and the facet counts of every document, or of those the
   * pressed chips allow. */
  async filterFacets(tokens) {
    if (!tokens.length || !this.engine.has("query")) return { hits: [], total: 0, facets: this.corpusFacets };
    const r = await this.engine.call("query", tokens.join(" "), { limit: 0, facets: true });
    return { ...r, hits: [], total: 0 };
  }

  /** One engine call per keystroke: hits and facet counts from query() where the module has
   * it, else hits from search() (the chips then keep the counts of every document). The
   * whole result object comes back, so fields the widget does not draw pass through. */
  async run(q) {
    if (this.engine.has("query")) {
      const r = await this.engine.callWaiting(SAME_FRAME_WAIT_MS, "query", q, { limit: this.limit, facets: true });
      return { ...r, total: r.total ?? r.hits.length };
    }
    const hits = await this.engine.call("search", q, this.limit);
    return { hits, total: hits.length };
  }

  /** Writes the URL once typing pauses (URL_DELAY_MS), or when the page is left. */
  scheduleUrl(q, filters) {
    clearTimeout(this.urlTimer);
    this.pendingUrl = [q, filters];
    this.urlTimer = setTimeout(() => this.flushUrl(), URL_DELAY_MS);
  }

  flushUrl() {
    clearTimeout(this.urlTimer);
    if (!this.pendingUrl) return;
    const [q, filters] = this.pendingUrl;
    this.pendingUrl = null;
    this.writeUrl(q, filters);
  }

  /** Keeps the query in `?q=` and the pressed chips in `?qfilter=`, replacing (not adding) history. */
  writeUrl(q, filters) {
    if (!this.param) return;
    try {
      const url = new URL(location.href);
      for (const [key, value] of [[this.param, q], [`${this.param}filter`, filters]]) {
        if (value) url.searchParams.set(key, value);
        else url.searchParams.delete(key);
      }
      if (url.href !== location.href) history.replaceState(history.state, "", url);
    } catch {
      // about:blank, sandboxed frames and some file:// pages refuse replaceState: keep searching.
    }
  }

  announce(text) {
    clearTimeout(this.announceTimer);
    // Once, after the last shard of a sharded index landed: the search is now complete.
    const done = this.completed && !this.completeAnnounced;
    if (done) text = [text, this.t.complete].filter(Boolean).join(" ");
    this.announceTimer = setTimeout(() => {
      this.live.textContent = text;
      if (done) this.completeAnnounced = true;
    }, ANNOUNCE_DELAY_MS);
  }

  meta(doc) {
    const lang = doc.lang ? (this.t.language[doc.lang] ?? doc.lang) : null;
    return [doc.source, doc.date, lang].filter(Boolean).join(" · ");
  }

  /** Where a result's page is: its url resolved against the `base` attribute (itself
   * resolved against the page; default the page's base URI). Null without a url, or for
   * a scheme other than http(s) or the page's own. */
  hrefOf(url) {
    if (!url) return null;
    try {
      const base = new URL(this.getAttribute("base") ?? document.baseURI, document.baseURI);
      const href = new URL(url, base);
      return LINK_PROTOCOLS.has(href.protocol) || href.protocol === location.protocol ? href.href : null;
    } catch {
      return null;
    }
  }

  /** Results as options: a link (`<a role="option">`) when the page has a url, else an
   * option that opens the reader. */
  renderHits(hits) {
    const options = hits.map((hit, i) => {
      const title = el("span", { className: "title" });
      appendMarked(title, hit.title, hit.highlights?.title ?? []);
      const snippet = el("span", { className: "snippet" });
      appendMarked(snippet, hit.snippet, hit.highlights?.snippet ?? []);
      const page = this.hrefOf(hit.url);
      // The page opens at the excerpt's section, and at the excerpt itself where the
      // browser follows text fragments (widget/fragment.js).
      const href = page && linkToExcerpt(withAnchor(page, hit.anchor), hit.snippet, hit.highlights?.snippet);
      const attributes = { role: "option", id: `${this.uid}-opt-${i}`, "aria-selected": "false", "data-index": String(i) };
      const option = href ? el("a", { ...attributes, href, tabindex: "-1" }, title) : el("div", attributes, title);
      if (hit.section) option.append(el("span", { className: "section", text: hit.section }));
      const meta = this.meta(hit);
      if (meta) option.append(el("span", { className: "meta", text: meta }));
      option.append(snippet);
      return option;
    });
    this.listbox.replaceChildren(...options);
    this.select(-1);
    this.expand(hits.length > 0);
  }

  /** Says what the engine did when too few documents had every word; returns the text. */
  renderRelaxed(relaxed) {
    const text = relaxed ? this.t.relaxed(relaxed.missing, relaxed.complete) : "";
    this.relaxedText.textContent = text;
    this.relaxedText.hidden = !text;
    return text;
  }

  /** Offers the engine's corrected query, without the filter tokens the chips added. */
  renderSuggestion(suggestion) {
    this.suggest.replaceChildren();
    this.suggest.hidden = !suggestion;
    if (!suggestion) return null;
    const tokens = new Set(this.activeTokens());
    const words = queryTokens(suggestion).filter((w) => !tokens.has(w)).join(" ");
    const button = el("button", { type: "button", text: words });
    button.addEventListener("click", () => {
      this.input.value = words;
      this.update();
      this.input.focus();
    });
    this.suggest.append(`${this.t.didYouMean} `, button, "?");
    return words;
  }

  expand(open) {
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    if (!open) this.select(-1);
  }

  select(index) {
    const options = this.listbox.children;
    if (this.active >= 0 && options[this.active]) options[this.active].setAttribute("aria-selected", "false");
    this.active = index;
    if (index >= 0 && options[index]) {
      options[index].setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  onKey(e) {
    const n = this.hits.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      if (this.listbox.hidden) { this.closeReader(false); this.expand(true); }
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.select(this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!n || this.listbox.hidden) return;
      const index = this.active < 0 ? 0 : this.active;
      const option = this.listbox.children[index];
      if (option?.href) location.assign(option.href);
      else this.open(index);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (!this.reader.hidden) this.closeReader(true);
      else if (!this.listbox.hidden) this.expand(false);
      else if (this.input.value) { this.input.value = ""; this.update(); }
      else this.giveBackFocus();
    }
  }

  /** `/` (outside text fields) and Ctrl/Cmd+K focus the search from anywhere on the page. */
  onHotkey(e) {
    if (hotkeyOwner !== this || this.input.disabled) return;
    const target = e.composedPath()[0];
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    const slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
    const k = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k";
    if (!slash && !k) return;
    e.preventDefault();
    if (target !== this.input) {
      const from = document.activeElement;
      if (from && from !== this && from !== document.body) this.returnFocus = from;
    }
    this.input.focus();
    this.input.select();
  }

  /** Esc on an empty, closed search: back to where `/` or Ctrl+K came from. */
  giveBackFocus() {
    const to = this.returnFocus;
    this.returnFocus = null;
    if (to?.isConnected) to.focus();
  }

  /** Shows hit `index` in the reader: the cleaned article with the matched words marked. */
  async open(index) {
    const hit = this.hits[index];
    if (!hit) return;
    let doc;
    try {
      // With the query the hit answered: the engine marks its words in the whole document.
      doc = await this.engine.call("document", hit.id, this.hitsQuery);
    } catch (e) {
      this.showError(this.t.failed(e?.message ?? e));
      return;
    }
    if (!doc || this.hits[index] !== hit) return; // a new query came first
    this.select(index);
    this.opened = index;
    const back = el("button", { type: "button", className: "back", text: `← ${this.t.back}` });
    back.addEventListener("click", () => this.closeReader(true));
    const heading = el("h2", { id: `${this.uid}-reader-title` });
    appendMarked(heading, doc.title, doc.highlights?.title ?? []);
    const parts = [back, heading];
    const meta = this.meta(doc);
    if (meta) parts.push(el("p", { className: "meta", text: meta }));
    // The paragraph of the excerpt (the engine says where it is in the text): the reader
    // opens there, as a link opens its page.
    const at = doc.highlights?.excerpt ?? 0;
    let excerpt = null;
    for (const { text: paragraph, start, ranges } of paragraphsOf(doc.text, doc.highlights?.text)) {
      if (!paragraph.trim() || paragraph.trim() === doc.title.trim()) continue;
      const p = el("p");
      appendMarked(p, paragraph, ranges);
      parts.push(p);
      if (start <= at) excerpt = p;
    }
    if (doc.url && /^https?:\/\//.test(doc.url)) {
      parts.push(el("p", {}, el("a", { href: doc.url, text: doc.url })));
    }
    this.reader.replaceChildren(...parts);
    this.reader.setAttribute("aria-labelledby", heading.id);
    this.reader.hidden = false;
    this.expand(false);
    this.reader.focus({ preventScroll: true });
    this.reader.scrollIntoView({ block: "start" });
    // Below the first screen: scrolled to the middle of the view.
    if (excerpt && excerpt.getBoundingClientRect().bottom > innerHeight) excerpt.scrollIntoView({ block: "center" });
  }

  /** Closes the reader; with `refocus`, focus goes back to the input on the opened result. */
  closeReader(refocus) {
    if (this.reader.hidden) return;
    this.reader.hidden = true;
    this.reader.replaceChildren();
    // Shards came while it was open: the results it hid are searched again (an update
    // that closes it searches anyway).
    if (this.stale && refocus) this.update({ keepUrl: true });
    if (!refocus) return;
    this.expand(this.hits.length > 0);
    this.input.focus();
    if (this.opened !== undefined) this.select(this.opened);
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = false;
    this.statusText.textContent = "";
    this.tookText.hidden = true;
  }
}

if (!customElements.get("findling-search")) customElements.define("findling-search", FindlingSearch);
