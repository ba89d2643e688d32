// Which vectors a lesson answers from: every lesson says it above its body, and one click switches
// between the bundled snapshot and the visitor's own vectors and back, with the same answers each
// time; what does not exist yet is shown disabled, with how to make it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

const VECTORS = ['4 3', 'alpha 1 0 0', 'beta 0.9 0.1 0', 'gamma 0 1 0', 'delta 0 0.9 0.1', ''].join('\n');
const statusText = (page) => page.locator('[data-status=vectors]').innerText();
const choice = (page, id) => page.locator(`.vectors-option[data-choice="${id}"] input`);

test('every lesson shows its vectors, and one click switches to your file and back', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&near=alpha&k=3`);
  await waitForLesson(page, 'analogy');
  assert.equal(await choice(page, 'snapshot').isChecked(), true);
  assert.equal(await choice(page, 'training').isDisabled(), true);
  assert.equal(await choice(page, 'file').isDisabled(), true);
  assert.match(await page.locator('.vectors-option[data-choice="file"]').innerText(), /none yet: open one in the Data panel/);

  await page.getByText('Data: the corpus, your own files, downloads').click();
  await page.getByLabel(/Open a corpus/).setInputFiles({ name: 'mine.vec', mimeType: 'text/plain', buffer: Buffer.from(VECTORS) });
  await page.waitForFunction(() => /4 words × 3 dimensions/.test(document.querySelector('.status-bar').textContent));
  assert.equal(await choice(page, 'file').isChecked(), true);
  await page.waitForFunction(() => document.querySelector('.neighbor-list li .word')?.textContent === 'beta');

  // Back to the snapshot: the lesson answers from it at once (alpha is not a word there).
  await choice(page, 'snapshot').check();
  await page.waitForFunction(() => /bundled snapshot/.test(document.querySelector('[data-status=vectors]').textContent));
  assert.match(await page.locator('.vectors-option[data-choice="file"]').innerText(), /mine\.vec, kept/);

  // Every lesson shows the switch, with the same choice.
  for (const lesson of ['embedding', 'shelves', 'clusters', 'positions', 'retrieval']) {
    await page.goto(`${site.url}?lesson=${lesson}`);
    await waitForLesson(page, lesson);
    assert.equal(await page.locator('.lesson-header [data-role="vectors-switch"]').count(), 1, lesson);
  }
  // A reload keeps the file in this browser (saved work), offered, not opened.
  assert.equal(await choice(page, 'snapshot').isChecked(), true);
  assert.match(await page.locator('[data-role="saved-offer"]').innerText(), /Your vectors file from an earlier visit is saved/);
  await page.goto(`${site.url}?lesson=analogy&near=alpha&k=3`);
  await waitForLesson(page, 'analogy');
  await choice(page, 'file').check();
  await page.waitForFunction(() => /opened your saved work \(mine\.vec/.test(document.querySelector('[data-status=vectors]').textContent));
  await page.waitForFunction(() => document.querySelector('.neighbor-list li .word')?.textContent === 'beta');
  assert.equal(await page.locator('[data-role="saved-offer"]').isHidden(), true);
  await screenshot(page, 'vectors-switch');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'vectors-switch-phone');

  // Forget takes effect at once: the saved vectors on show give way to the snapshot.
  await page.getByRole('button', { name: 'Forget saved work' }).click();
  await page.waitForFunction(() => /bundled snapshot/.test(document.querySelector('[data-status=vectors]').textContent));
  assert.equal(await choice(page, 'file').isDisabled(), true);
  assert.equal(await page.locator('[data-role="saved-offer"]').isHidden(), true);
  assert.deepEqual(problems, []);
  await page.close();
});
