// DOM building for <findling-search>: elements from tag, properties and children. Text goes
// in through textContent only, so corpus text is never parsed as HTML.

/** A new `tag` element: `text` sets textContent, `className` the class, other keys attributes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}
