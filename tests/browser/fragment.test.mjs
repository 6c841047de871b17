// www/widget/fragment.js without a browser: the words a result's link quotes so that the
// page opens at its excerpt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linkToExcerpt, quotedWords, withAnchor } from "../../www/widget/fragment.js";

/** The [start, end) range of `word` in `text` (its first occurrence). */
const at = (text, word) => [text.indexOf(word), text.indexOf(word) + word.length];

test("the words around the first highlight, inside its sentence", () => {
  const s = "… described in the following section. The apt-cache policy command displays the pinning priorities of each package. More …";
  assert.equal(quotedWords(s, [at(s, "pinning")]), "displays the pinning priorities of each");
  // Not before the sentence's start, nor past its end or an ellipsis.
  assert.equal(quotedWords(s, [at(s, "apt-cache")]), "The apt-cache policy command displays");
  // A stop before closing quotes ends the sentence too.
  const q = "unsere Software konzentrieren.\" Der Pressedienst des russischen Bildungsministeriums";
  assert.equal(quotedWords(q, [at(q, "Pressedienst")]), "Der Pressedienst des russischen Bildungsministeriums");
  assert.equal(quotedWords(q, [at(q, "konzentrieren")]), "unsere Software konzentrieren");
  // Two spaces are where the page's blocks meet (a heading, then its paragraph).
  const h = "… Windows Machines  Samba's SMB/CIFS support ensures excellent communication";
  assert.equal(quotedWords(h, [at(h, "Samba's")]), "Samba's SMB/CIFS support ensures");
  assert.equal(quotedWords(h, [at(h, "Machines")]), "Windows Machines");
  const t = "Zoom will russische Nutzer sperren … Quelle";
  assert.equal(quotedWords(t, [at(t, "sperren")]), "russische Nutzer sperren");
});

test("quotes, brackets and a sentence's stop are left out at the edges", () => {
  const s = "Dieses Paket enthält Beispiele (Quellen).";
  assert.equal(quotedWords(s, [at(s, "Quellen")]), "enthält Beispiele (Quellen");
  const u = "„Straße“ ist gesperrt";
  assert.equal(quotedWords(u, [[1, 7]]), "Straße“ ist gesperrt");
});

test("a highlight inside a word quotes the whole word", () => {
  const s = "Die Krankenversicherungsbeiträge steigen.";
  assert.equal(quotedWords(s, [[4, 23]]), "Die Krankenversicherungsbeiträge steigen");
});

test("nothing highlighted, or ranges that do not fit, quote nothing", () => {
  assert.equal(quotedWords("text", []), null);
  assert.equal(quotedWords("text", undefined), null);
  assert.equal(quotedWords("text", [[2, 9]]), null);
  assert.equal(quotedWords("text", [[3, 3]]), null);
});

test("the link keeps the page's own fragment and escapes the directive's separators", () => {
  const s = "Kurz-Info, gut & schnell";
  const ranges = [at(s, "gut")];
  assert.equal(linkToExcerpt("https://example.org/a.html", s, ranges),
    "https://example.org/a.html#:~:text=Kurz%2DInfo%2C%20gut%20%26%20schnell");
  assert.equal(linkToExcerpt("https://example.org/a.html#sect", s, ranges),
    "https://example.org/a.html#sect:~:text=Kurz%2DInfo%2C%20gut%20%26%20schnell");
  assert.equal(linkToExcerpt("https://example.org/a.html#sect:~:text=old", s, ranges),
    "https://example.org/a.html#sect:~:text=Kurz%2DInfo%2C%20gut%20%26%20schnell");
  assert.equal(linkToExcerpt("https://example.org/a.html", s, []), "https://example.org/a.html");
});

test("a section's anchor replaces the page's fragment, and the excerpt's directive follows it", () => {
  assert.equal(withAnchor("https://example.org/guide.html", "install"), "https://example.org/guide.html#install");
  assert.equal(withAnchor("https://example.org/guide.html#top", "sect.http-ftp-proxy"), "https://example.org/guide.html#sect.http-ftp-proxy");
  assert.equal(withAnchor("https://example.org/guide.html#top", undefined), "https://example.org/guide.html#top");
  assert.equal(withAnchor("https://example.org/a b.html", "x y"), "https://example.org/a%20b.html#x%20y");
  // An id that looks like a text directive stays the id, and the excerpt's directive follows it.
  const odd = withAnchor("https://example.org/g.html", "x:~:text=Buy");
  assert.equal(odd, "https://example.org/g.html#x%3A~%3Atext%3DBuy");
  assert.equal(linkToExcerpt(odd, "Run it.", [[4, 6]]), "https://example.org/g.html#x%3A~%3Atext%3DBuy:~:text=Run%20it");
  const s = "Run the installer.";
  assert.equal(linkToExcerpt(withAnchor("https://example.org/g.html", "install"), s, [at(s, "installer")]),
    "https://example.org/g.html#install:~:text=Run%20the%20installer");
});
