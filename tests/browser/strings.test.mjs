// www/widget/strings.js without a browser: the numbers the widget shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { STRINGS } from "../../www/widget/strings.js";

test("a count is grouped by thousands as toLocaleString groups it in the UI's language", () => {
  const counts = [0, 7, 42, 999, 1000, 1001, 12345, 99999, 100000, 134441, 1234567, 2 ** 31];
  for (const [language, strings] of Object.entries(STRINGS)) {
    for (const n of counts) assert.equal(strings.number(n), n.toLocaleString(language), `${language} ${n}`);
  }
  assert.equal(STRINGS.de.number(134441), "134.441");
  assert.equal(STRINGS.en.number(134441), "134,441");
});
