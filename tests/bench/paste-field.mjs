// What a pasted megabyte costs Chromium itself: a bare <input type="search"> (no widget, no
// engine; an input listener that reads the value) gets one input event carrying 1 MB of
// text (playwright's keyboard.insertText), with and without maxlength="1000"; prints the
// longest main-thread task (PerformanceObserver "longtask") of each of ROUNDS tries.
// Usage: node tests/bench/paste-field.mjs   (the reason the widget's field has a maxlength)
import { launch, startServer } from "../browser/harness.mjs";

const ROUNDS = 3;
const text = "Zoom und Microsoft wollen keine Nutzerdaten weitergeben. ".repeat(20000).slice(0, 1 << 20);
const server = await startServer();
const browser = await launch();
const longest = {};
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const attrs of ["", 'maxlength="1000"']) {
      const page = await browser.newPage();
      await page.goto(server.url + "basic.html");
      await page.evaluate((a) => {
        document.body.innerHTML = `<input id="field" type="search" ${a}>`;
        document.getElementById("field").addEventListener("input", (e) => { window.kept = e.target.value.length; });
        window.tasks = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.tasks.push(e.duration); }).observe({ type: "longtask" });
      }, attrs);
      await page.focus("#field");
      await page.waitForTimeout(100);
      await page.keyboard.insertText(text);
      await page.waitForTimeout(400);
      const [kept, tasks] = await page.evaluate(() => [window.kept, window.tasks]);
      (longest[attrs || "no maxlength"] ??= []).push(`${Math.round(Math.max(0, ...tasks))} ms (${kept} chars kept)`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
for (const [name, runs] of Object.entries(longest)) console.log(`${name}: longest task per paste ${runs.join(", ")}`);
