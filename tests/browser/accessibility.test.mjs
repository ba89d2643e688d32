// axe-core finds no serious or critical accessibility violations in any lesson, and every
// control can be reached and named.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, repoRoot, serveSite, waitForLesson } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const lesson of ['embedding', 'shelves', 'analogy']) {
  test(`axe: no serious or critical violations in the ${lesson} lesson`, async () => {
    const { page, problems } = await openPage(browser.context, `${server.url}?lesson=${lesson}`);
    await waitForLesson(page, lesson);
    await page.waitForTimeout(1000);
    await page.addScriptTag({ path: join(repoRoot, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
    if (violations.length) console.log(`# ${lesson}: minor: ${violations.map((v) => `${v.id} (${v.impact})`).join(', ')}`);

    // Every form control has a label a screen reader announces.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !el.closest('[hidden]') && el.type !== 'hidden')
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
