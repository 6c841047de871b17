// The shadow-DOM style sheet of <findling-search>, adopted as a constructed sheet (allowed
// under a strict CSP: no inline <style>). Theme it from outside with the custom properties
// below; nothing here can reach the page, and page rules cannot reach in.
export const CSS = `
:host {
  display: block;
  --_accent: var(--findling-accent, #0b57d0);
  --_bg: var(--findling-background, #ffffff);
  --_fg: var(--findling-text, #1b1c1f);
  --_muted: var(--findling-muted, #5b5f66);
  --_border: var(--findling-border, #c9ccd1);
  --_surface: var(--findling-surface, #f3f5f8);
  --_mark-bg: var(--findling-mark-background, #ffe58a);
  --_mark-fg: var(--findling-mark-text, #1b1c1f);
  --_selected: var(--findling-selected, #e6eefc);
  --_radius: var(--findling-radius, 10px);
  --_font: var(--findling-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_max: var(--findling-max-width, 46rem);
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--findling-accent-dark, #8ab4f8);
    --_bg: var(--findling-background-dark, #17181b);
    --_fg: var(--findling-text-dark, #e6e7ea);
    --_muted: var(--findling-muted-dark, #a4a8b0);
    --_border: var(--findling-border-dark, #3c3f45);
    --_surface: var(--findling-surface-dark, #222429);
    --_mark-bg: var(--findling-mark-background-dark, #6b5a00);
    --_mark-fg: var(--findling-mark-text-dark, #fff8d6);
    --_selected: var(--findling-selected-dark, #263450);
  }
}
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  max-width: var(--_max);
  margin: 0 auto;
  padding: 1rem;
  background: var(--_bg);
  color: var(--_fg);
  font-family: var(--_font);
  font-size: 16px;
  line-height: 1.5;
  border-radius: var(--_radius);
  text-align: start;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.field { position: relative; display: flex; align-items: center; }
.field svg { position: absolute; inset-inline-start: 0.8rem; width: 1.1rem; height: 1.1rem;
  fill: none; stroke: var(--_muted); stroke-width: 2; pointer-events: none; }
input {
  font: inherit; color: inherit; width: 100%; min-height: 2.9rem; margin: 0;
  padding: 0.55rem 4.2rem 0.55rem 2.6rem;
  background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  appearance: none; -webkit-appearance: none;
}
input::-webkit-search-cancel-button { -webkit-appearance: none; }
input::placeholder { color: var(--_muted); opacity: 1; }
input:focus-visible, button:focus-visible {
  outline: 3px solid var(--_accent); outline-offset: 2px;
}
.reader:focus-visible { outline: 2px solid var(--_accent); outline-offset: -1px; }
input:disabled { opacity: 0.6; }
kbd {
  position: absolute; inset-inline-end: 0.7rem; font: 0.75rem/1 var(--_font); color: var(--_muted);
  border: 1px solid var(--_border); border-radius: 5px; padding: 0.25rem 0.4rem; background: var(--_bg);
}
.chips { margin: 0.5rem 0 0; padding: 0; border: 0; min-width: 0; }
.group[hidden], .more-panel[hidden], .more[hidden] { display: none; }
/* One row per facet: its name, the chips (scrolled sideways when wider than the box) and
   "more", always in view. The chips never take more than a few rows above the results. */
.row { display: flex; align-items: center; gap: 0.4rem; }
.values { display: flex; gap: 0.4rem; flex: 1 1 auto; min-width: 0; overflow-x: auto; padding: 3px; scrollbar-width: thin; }
.row > .group-name, .row > .more, .values > * { flex: none; }
.group-name { min-width: 4.5rem; color: var(--_muted); font-size: 0.8rem; }
.chips .label { display: inline-block; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
.chips button {
  font: inherit; font-size: 0.85rem; line-height: 1.2; color: var(--_fg); cursor: pointer; white-space: nowrap;
  background: var(--_bg); border: 1px solid var(--_border); border-radius: 999px; padding: 0.3rem 0.75rem;
  min-height: 2rem;
}
.chips button:focus-visible { outline-offset: 0; }
.chips .n { margin-inline-start: 0.4em; color: var(--_muted); font-variant-numeric: tabular-nums; }
.chips button[aria-pressed="true"] { background: var(--_accent); border-color: var(--_accent); color: var(--_bg); }
.chips button[aria-pressed="true"] .n { color: inherit; }
.chips .more { background: var(--_surface); color: var(--_accent); }
.more-panel {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; max-height: 9.5rem; overflow-y: auto;
  padding: 3px; margin: 0 0 0.25rem; border-bottom: 1px solid var(--_border);
}
.unlisted { color: var(--_muted); font-size: 0.8rem; }
.status { margin: 0.75rem 0 0.25rem; color: var(--_muted); font-size: 0.9rem; min-height: 1.4em; }
.status .took::before { content: " · "; }
.status .progress::before { content: " · "; }
.suggest { margin: 0.25rem 0; }
.relaxed, .truncated { margin: 0.25rem 0; font-size: 0.9rem; }
.suggest button {
  font: inherit; color: var(--_accent); background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline; font-style: italic;
}
.error { color: #b3261e; background: #fce8e6; border-radius: var(--_radius); padding: 0.6rem 0.8rem; margin: 0.75rem 0 0; }
[role="listbox"] { margin: 0.25rem 0 0; padding: 0; }
[role="listbox"][hidden], .reader[hidden], .chips[hidden], kbd[hidden] { display: none; }
[role="option"] {
  display: block; padding: 0.7rem 0.8rem; margin: 0 0 0.35rem; border-radius: var(--_radius);
  cursor: pointer; border: 1px solid transparent; color: inherit; text-decoration: none;
}
a[role="option"]:hover .title { text-decoration: underline; }
[role="option"]:hover { background: var(--_surface); }
[role="option"][aria-selected="true"] { background: var(--_selected); border-color: var(--_accent); }
.title { display: block; font-weight: 600; font-size: 1.05rem; color: var(--_accent); overflow-wrap: anywhere; }
.section { display: block; font-size: 0.9rem; font-weight: 600; overflow-wrap: anywhere; }
.section::before { content: "› " / ""; color: var(--_muted); }
.meta { display: block; font-size: 0.8rem; color: var(--_muted); margin: 0.1rem 0 0.2rem; }
.snippet { display: block; font-size: 0.92rem; overflow-wrap: anywhere; }
mark { background: var(--_mark-bg); color: var(--_mark-fg); border-radius: 3px; padding: 0 0.1em; }
.reader { margin-top: 0.75rem; padding: 1rem 1.1rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
.reader h2 { font-size: 1.35rem; line-height: 1.3; margin: 0.6rem 0 0.2rem; overflow-wrap: anywhere; }
.reader p { margin: 0 0 0.9rem; overflow-wrap: anywhere; }
.reader a { color: var(--_accent); }
.back {
  font: inherit; font-size: 0.9rem; color: var(--_accent); background: var(--_surface); cursor: pointer;
  border: 1px solid var(--_border); border-radius: 999px; padding: 0.3rem 0.8rem; min-height: 2rem;
}
@media (max-width: 480px) {
  .root { padding: 0.6rem; }
  .chips .label { max-width: 9rem; }
  kbd { display: none; }
  input { padding-inline-end: 0.8rem; }
  .reader { padding: 0.8rem; }
}
`;
