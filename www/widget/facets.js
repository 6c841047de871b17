// Filter chips of <findling-search> from the engine's facet counts: per facet the few most
// common values as toggle buttons with their document counts, the rest behind a "more"
// button, so the chips stay one row per facet however many values the corpus holds.
// The counts come from `Searcher.facets()` and `query(q, { facets: true })`; each facet
// ignores its own filter there, so the alternatives to a pressed chip keep their counts.
import { el } from "./dom.js";

/** Chips shown per facet before "more": what fits one row on a phone without scrolling far. */
export const CHIPS_SHOWN = 5;

/** The facets shown, in order, with the query filter each one sets. */
export const FACETS = [
  { name: "lang", key: "lang" },
  { name: "source", key: "source" },
  { name: "year", key: "year" },
  { name: "tags", key: "tag" },
];

/** The filter token that selects `value`, or null when the query syntax cannot say it. */
export function tokenFor(key, value) {
  if (!value.includes('"')) return /\s/.test(value) ? `${key}:"${value}"` : `${key}:${value}`;
  // A source matches as a case-insensitive substring: its longest word will do. A tag must
  // match whole, and a quote cannot be written inside a filter value.
  if (key !== "source") return null;
  const word = value.split(/[\s"]+/).sort((a, b) => b.length - a.length)[0];
  return word ? `${key}:${word}` : null;
}

/** A filter token read back into its facet and value (`source:"Daily Planet"`), or null. */
export function parseToken(token) {
  const m = /^([a-z]+):(?:"([^"]+)"|([^\s"]+))$/.exec(token);
  const facet = m && FACETS.find((f) => f.key === m[1]);
  return facet ? { name: facet.name, key: facet.key, value: m[2] ?? m[3], token } : null;
}

/** The chip rows inside a fieldset; `onChange` runs when a chip is pressed or released. */
export class FacetChips {
  constructor(fieldset, uid, onChange) {
    this.fieldset = fieldset;
    this.onChange = onChange;
    this.pressed = new Map(); // facet name -> { token, value }
    this.buttons = new Map(); // token -> chip button, reused so focus survives a re-render
    this.groups = FACETS.map((facet) => {
      const name = el("span", { className: "group-name", id: `${uid}-facet-${facet.name}` });
      const values = el("div", { className: "values" });
      const panel = el("div", { className: "more-panel", id: `${uid}-more-${facet.name}`, hidden: "" });
      const more = el("button", { type: "button", className: "more", "aria-expanded": "false", "aria-controls": panel.id });
      more.addEventListener("click", () => {
        const open = more.getAttribute("aria-expanded") !== "true";
        more.setAttribute("aria-expanded", String(open));
        panel.hidden = !open;
      });
      const row = el("div", { className: "row" }, name, values, more);
      const element = el("div", { className: "group", role: "group", "aria-labelledby": name.id, hidden: "" }, row, panel);
      fieldset.append(element);
      return { ...facet, label: name, values, panel, more, element, shown: false };
    });
  }

  /** Takes the UI strings (group names, "more", language names). */
  setStrings(t) {
    this.t = t;
    for (const g of this.groups) g.label.textContent = t.facetNames[g.name];
  }

  /** Shows the facets that tell documents apart (two values or more among all documents). */
  setCorpus(facets) {
    for (const g of this.groups) g.shown = (facets?.[g.name]?.distinct ?? 0) >= 2;
    this.fieldset.hidden = !this.groups.some((g) => g.shown);
  }

  /** The filter tokens of the pressed chips. */
  get tokens() {
    return [...this.pressed.values()].map((p) => p.token);
  }

  /** Presses the chips of `tokens` (from ?qfilter=), one per facet; unknown tokens are ignored. */
  restore(tokens) {
    for (const parsed of tokens.map(parseToken)) {
      if (parsed) this.pressed.set(parsed.name, { token: parsed.token, value: parsed.value });
    }
  }

  /** Draws the chips for the counts of the current query. */
  render(facets) {
    const focused = this.fieldset.getRootNode().activeElement;
    for (const g of this.groups) {
      const facet = facets?.[g.name] ?? { values: [], distinct: 0 };
      const pressed = this.pressed.get(g.name);
      const values = facet.values.filter((v) => tokenFor(g.key, v.value));
      let shown = values.slice(0, CHIPS_SHOWN);
      let rest = values.slice(CHIPS_SHOWN);
      if (pressed && !shown.some((v) => v.value === pressed.value)) {
        // The pressed chip stays in the row, even when the words leave it no document.
        shown = [values.find((v) => v.value === pressed.value) ?? { value: pressed.value, count: 0 }, ...shown];
        rest = rest.filter((v) => v.value !== pressed.value);
      }
      g.element.hidden = !(g.shown || pressed) || shown.length === 0;
      const unlisted = Math.max(0, facet.distinct - facet.values.length);
      g.more.hidden = rest.length === 0;
      g.more.textContent = this.t.more(rest.length + unlisted);
      g.values.replaceChildren(...shown.map((v) => this.chip(g, v)));
      const note = unlisted ? [el("span", { className: "unlisted", text: this.t.unlisted(unlisted) })] : [];
      g.panel.replaceChildren(...rest.map((v) => this.chip(g, v)), ...note);
      if (g.more.hidden) {
        g.more.setAttribute("aria-expanded", "false");
        g.panel.hidden = true;
      }
    }
    if (focused?.isConnected && focused !== this.fieldset.getRootNode().activeElement) focused.focus();
  }

  /** The chip of one value: label and count, pressed or not. */
  chip(g, { value, count }) {
    const token = tokenFor(g.key, value);
    let button = this.buttons.get(token);
    if (!button) {
      const label = g.name === "lang" ? (this.t.language[value] ?? value) : value;
      button = el("button", { type: "button", "data-token": token, "data-key": g.key, title: label },
        el("span", { className: "label", text: label }), el("span", { className: "n" }));
      button.addEventListener("click", () => this.toggle(g.name, token, value));
      this.buttons.set(token, button);
    }
    button.setAttribute("aria-pressed", String(this.pressed.get(g.name)?.token === token));
    button.lastChild.textContent = this.t.number(count);
    return button;
  }

  /** One value per facet: pressing a second language releases the first. */
  toggle(name, token, value) {
    if (this.pressed.get(name)?.token === token) this.pressed.delete(name);
    else this.pressed.set(name, { token, value });
    this.onChange();
  }

  /** Forgets the chips built with the old strings (language names change with `lang`). */
  reset() {
    this.buttons.clear();
  }
}
