// axe-core finds no serious or critical accessibility violations in any lesson, and every
// control can be reached and named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, repoRoot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
// Evaluated through DevTools rather than added as a <script>: the site's Content-Security-Policy
// refuses inline scripts, as it should.
const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

// Milliseconds each lesson gets to settle after it mounts (lessons 4–6 compute more at start).
const settle = { embedding: 1000, shelves: 1000, analogy: 1000, directions: 1500, clusters: 2500, positions: 2500, retrieval: 2500 };

for (const [lesson, settleMs] of Object.entries(settle)) {
  test(`axe: no serious or critical violations in the ${lesson} lesson`, async () => {
    const { page, problems } = await openPage(site.context, `${site.url}?lesson=${lesson}`);
    await waitForLesson(page, lesson);
    await page.waitForTimeout(settleMs);
    await page.evaluate(axeSource);
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

test('keyboard: Tab reaches Play with a visible focus ring; Space plays and Enter pauses', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&speed=1000`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.scatter[data-words]');
  const focusOn = async (name) => {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (here === name) return true;
    }
    return false;
  };
  assert.ok(await focusOn('▶ Play'), 'Tab reaches Play');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused button shows a focus ring');
  await page.keyboard.press('Space');
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
  assert.ok(await focusOn('Pause'), 'Tab reaches Pause');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-training-phase="paused"]');
  assert.deepEqual(problems, []);
  await page.close();
});
