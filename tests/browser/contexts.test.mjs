// The "Why words move" lesson on the bundled corpus, as a learner meets it: the word's lines in
// context and the words sharing its contexts; the pair's shared contexts and its cosine rising over
// the run while the unrelated word's stays lower; pushes stepped one at a time (buttons and arrow
// keys); the model's predicted contexts; and a retrain on a changed text that moves the cosine the
// way the change implies. Also the embed URL, and screenshots at desktop and phone widths.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, repoRoot, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const RUN_TIMEOUT = 240000;

const finished = (page) =>
  page.waitForSelector('.contexts-status[data-phase="finished"]', { timeout: RUN_TIMEOUT });

/** The lines table of the first chart: [share of the run, pair cosine, third cosine] per row. */
async function lineRows(page) {
  return page.locator('.contexts-panel .lines-table').first().evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => Number.parseFloat(cell.textContent))));
}

test('contexts, the pair, pushes and predictions are computed live on the bundled corpus', { timeout: RUN_TIMEOUT * 2 }, async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=contexts`);
  await waitForLesson(page, 'contexts', 60000);
  await page.waitForSelector('.kwic tbody tr', { timeout: 60000 });

  // 1. Keyword in context: the word centred, its window marked, and words sharing its contexts.
  assert.ok(await page.locator('.kwic tbody tr').count() >= 10);
  assert.equal(await page.locator('.kwic tbody tr .kwic-word').first().innerText(), 'king');
  assert.ok(await page.locator('.kwic .in-window').count() > 0);
  assert.match(await page.locator('.context-summary').innerText(), /“king” occurs [\d,]+ times/);
  assert.ok(await page.locator('.context-sharing li').count() >= 5);
  const lines = await page.locator('.kwic tbody tr').count();
  await page.getByRole('button', { name: 'More lines' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.kwic tbody tr').length > n, lines);

  // 2. The pair: shared contexts, and the line rising as the run trains.
  assert.ok(await page.locator('.pair-shared tbody tr').count() >= 5);
  assert.match(await page.locator('.pair-summary').innerText(), /\d+% of the times “king”/);
  await finished(page);
  const rows = await lineRows(page);
  const [first, last] = [rows[0], rows.at(-1)];
  assert.equal(first[0], 0);
  assert.equal(last[0], 100);
  assert.ok(last[1] > first[1] + 0.3, `king · queen rises: ${first[1]} → ${last[1]}`);
  assert.ok(last[1] > last[2] + 0.2, `the unrelated word stays lower: ${last[1]} against ${last[2]}`);

  // 4. Predictions: the model's list beside the corpus's, after training.
  await page.waitForFunction(() => document.querySelectorAll('.prediction-list li').length === 20);
  const agreement = await page.locator('[data-fact="agreement"]').innerText();
  assert.match(agreement, /^\d+ of 10$/);
  assert.ok(Number.parseInt(agreement, 10) >= 1, `the predictions overlap the real contexts (${agreement})`);

  await screenshot(page, 'contexts-desktop');

  // axe-core (as tests/browser/accessibility.test.mjs runs it): nothing serious or critical.
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const serious = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));

  // 3. Pushes, one at a time: a finished run restarts in slow motion.
  const card = page.locator('.push-card');
  await page.getByRole('button', { name: 'Next push →' }).click();
  await page.waitForSelector('.push-window .push-probe', { timeout: 60000 });
  assert.equal(await page.locator('.push-window .push-probe').innerText(), 'king');
  assert.equal(await page.locator('.push-window .push-positive').count(), 1);
  assert.match(await page.locator('.push-position').innerText(), /^Update 1 of “king”/);
  assert.ok(await page.locator('.push-targets tbody tr').count() >= 2, 'the positive and the negatives');
  assert.equal(await page.locator('.push-moves tbody tr').count(), 6);
  await card.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^Update 2 of/.test(document.querySelector('.push-position')?.textContent ?? ''));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /^Update 1 of .*Showing 1 of 2/.test(document.querySelector('.push-position')?.textContent ?? ''));

  // At a phone's width nothing spills sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 390 px (${overflow} px)`);
  await screenshot(page, 'contexts-phone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('adding sentences that put two words together raises their cosine against the run before', { timeout: RUN_TIMEOUT * 3 }, async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=contexts`);
  await waitForLesson(page, 'contexts', 60000);
  await finished(page);
  // The suggested sentences are king's own lines with the unrelated word ("acid") in its place, 200 times each.
  const suggested = await page.getByLabel('Sentences to add (one per line)').inputValue();
  assert.equal(suggested.split('\n').length, 3);
  assert.ok(suggested.split('\n').every((line) => / acid /.test(` ${line} `)), suggested);
  await page.getByRole('button', { name: 'Retrain on the changed text' }).click();
  await page.waitForSelector('[data-fact="third-before"]', { timeout: RUN_TIMEOUT });
  await finished(page);
  const before = Number(await page.locator('[data-fact="third-before"]').innerText());
  const after = Number(await page.locator('[data-fact="third-after"]').innerText());
  assert.ok(after > before, `king · acid: ${before} before the edit, ${after} after`);
  assert.match(await page.locator('.contexts-comparison').innerText(), /600 lines added/);

  // Taking out the lines where king and queen meet lowers theirs.
  await page.getByRole('button', { name: 'Back to the original text' }).click();
  await page.waitForFunction(() => /the original text again/.test(document.querySelector('.contexts-comparison')?.textContent ?? ''), null, { timeout: RUN_TIMEOUT });
  await finished(page);
  await page.getByLabel('Sentences to add (one per line)').fill('');
  await page.getByLabel(/Take out every line where “king” and “queen” both appear/).check();
  await page.getByRole('button', { name: 'Retrain on the changed text' }).click();
  await page.waitForFunction(() => /lines taken out/.test(document.querySelector('.contexts-comparison')?.textContent ?? ''), null, { timeout: RUN_TIMEOUT });
  await finished(page);
  const pairBefore = Number(await page.locator('[data-fact="pair-before"]').innerText());
  const pairAfter = Number(await page.locator('[data-fact="pair-after"]').innerText());
  assert.ok(pairAfter < pairBefore, `king · queen: ${pairBefore} before, ${pairAfter} without their shared lines`);
  await screenshot(page, 'contexts-edited');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the contexts lesson renders alone at its embed URL, with the words of the link', { timeout: RUN_TIMEOUT }, async () => {
  const { page, problems } = await openPage(site.context, `${site.url}embed.html?lesson=contexts&ctxWord=queen&ctxPair=king&ctxThird=bread`);
  await waitForLesson(page, 'contexts', 60000);
  await page.waitForFunction(() => document.querySelector('.kwic tbody tr .kwic-word')?.textContent === 'queen', null, { timeout: 60000 });
  assert.equal(await page.getByLabel('Compared with', { exact: true }).inputValue(), 'king');
  assert.equal(await page.locator('.lesson-nav').count(), 0, 'no lesson navigation');
  await finished(page);
  assert.match(await page.locator('.lines-legend').first().innerText(), /queen · bread/);
  assert.deepEqual(problems, []);
  await page.close();
});
