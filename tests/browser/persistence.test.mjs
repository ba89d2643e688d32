// Nothing lost, big input refused: train a small corpus, leave and come back (the bare address,
// so the settings can only come from the saved work): the page opens on the bundled snapshot and
// offers the saved training; one click opens the same vectors, neighbours and settings; "Forget
// saved work" brings the bundled snapshot back at once. A 5 GB file (sparse: it takes
// no disk) is refused with its size, the engine's real limit and a way out, before it is read.
// Cancelling training frees the engine's memory and brings the starting vectors back.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, repoRoot, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

async function neighbours(page, word) {
  await page.getByLabel('Word', { exact: true }).fill(word);
  await page.getByRole('button', { name: 'Find neighbours' }).click();
  await page.waitForSelector('.neighbor-list li');
  return page.locator('.neighbor-list li').allInnerTexts();
}

const statusText = (page) => page.locator('[data-status=vectors]').innerText();
const savedText = (page) => page.locator('[data-role=saved-work]').innerText();

test('trained work survives leaving the page; Forget goes back to the bundled snapshot', async () => {
  const settings = 'epochs=3&minCount=2&speed=5000&seed=7&dim=20';
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&${settings}`);
  await waitForLesson(page, 'shelves');
  assert.match(await savedText(page), /Nothing saved yet/);

  await page.getByText('Data: the corpus, your own files, downloads').click();
  await page.getByLabel(/Open a corpus/).setInputFiles(join(repoRoot, 'web/data/sample.txt'));
  await page.waitForSelector('body[data-training-phase="ready"]');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="finished"]', { timeout: 120000 });
  await page.waitForFunction(() => /trained live on sample\.txt/.test(document.querySelector('[data-role=saved-work]')?.textContent ?? ''));
  assert.match(await savedText(page), /Saved in this browser .*vectors trained live on sample\.txt \([\d,]+ words × 20 dimensions\), your corpus sample\.txt, the training settings/);

  await page.getByRole('link', { name: 'Neighbours and analogies' }).click();
  await waitForLesson(page, 'analogy');
  const trained = await neighbours(page, 'god');
  const vocab = (await statusText(page)).match(/([\d,]+) words × 20 dimensions/)?.[1];
  assert.ok(vocab, await statusText(page));

  // Come back on the bare address: the snapshot opens, and the saved training is offered.
  await page.goto(`${site.url}?lesson=analogy`);
  await waitForLesson(page, 'analogy');
  assert.match(await statusText(page), /bundled snapshot/);
  assert.match(await page.locator('[data-role="saved-offer"]').innerText(), /Your training from an earlier visit is saved in this browser/);
  await page.locator('.vectors-option[data-choice="training"] input').check();
  await page.waitForFunction(() => /opened your saved work/.test(document.querySelector('[data-status=vectors]')?.textContent ?? ''));
  assert.match(await statusText(page), new RegExp(`opened your saved work \\(trained live on sample\\.txt, saved .+\\) — ${vocab} words × 20 dimensions`));
  assert.deepEqual(await neighbours(page, 'god'), trained, 'the same neighbours, scores included');
  // The settings came back with it (they differ from the defaults, so the address shows them).
  await page.waitForFunction(() => /dim=20/.test(location.search));
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('dim'), '20');
  assert.equal(query.get('epochs'), '3');
  assert.equal(query.get('seed'), '7');
  await screenshot(page, 'saved-work-reopened');

  await page.getByRole('button', { name: 'Forget saved work' }).click();
  await page.waitForFunction(() => /Forgotten/.test(document.querySelector('.saved-message')?.textContent ?? ''));
  // At once: the saved vectors on show give way to the snapshot.
  assert.match(await statusText(page), /bundled snapshot/);
  await page.goto(`${site.url}?lesson=analogy`);
  await waitForLesson(page, 'analogy');
  assert.match(await statusText(page), /bundled snapshot/);
  assert.match(await savedText(page), /Nothing saved yet/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a 5 GB corpus is refused before it is read, with its size, the limit and a sample to train on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-big-'));
  const path = join(dir, 'huge.txt');
  try {
    // Real text at the start (what the estimate samples), then a hole: 5 GB that take no disk.
    const fd = openSync(path, 'w');
    const line = 'in the beginning god created the heaven and the earth and the earth was without form\n';
    writeSync(fd, line.repeat(Math.ceil((1 << 20) / line.length)));
    ftruncateSync(fd, 5e9);
    closeSync(fd);

    const { page, problems } = await openPage(site.context, `${site.url}?lesson=embedding`);
    await waitForLesson(page, 'embedding');
    const before = await statusText(page);
    await page.getByText('Data: the corpus, your own files, downloads').click();
    await page.getByLabel(/Open a corpus/).setInputFiles(path);
    await page.waitForFunction(() => /needs about/.test(document.querySelector('.data-message')?.textContent ?? ''));
    const message = await page.locator('.data-message').innerText();
    assert.match(message, /huge\.txt \(5\.0 GB of text, about [\d,]+ words\) needs about [\d.]+ GB of memory/);
    assert.match(message, /more than the engine can hold: its limit is 4\.3 GB, and [\d.]+ MB of it is already in use\./);
    assert.equal(message.split('4.3 GB').length - 1, 1, 'the limit, said once');
    assert.match(message, /Nothing was loaded\. You can train on the first [\d,]+ MB of the text\./);
    assert.match(await page.locator('[data-role=open-part]').innerText(), /^Train on the first [\d,]+ MB$/);
    assert.equal(await statusText(page), before, 'the vectors on show are untouched');
    await screenshot(page, 'big-corpus-refused');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cancelling training frees the engine and brings the starting vectors back', async () => {
  // The bundled live corpus (1.5 million words, 5 epochs): far from finished when Cancel is pressed.
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&epochs=5&speed=5000&dim=20`);
  await waitForLesson(page, 'shelves');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
  await page.waitForFunction(() => /trained live on/.test(document.querySelector('[data-status=vectors]')?.textContent ?? ''));
  await page.getByRole('button', { name: 'Cancel training' }).click();
  // Read in the same turn as it is found: the lesson goes back to its starting vectors right after.
  const said = await page.waitForFunction(() => {
    const text = document.querySelector('.train-message')?.textContent ?? '';
    return /Training cancelled and its memory freed/.test(text) ? text : null;
  });
  assert.match(await said.jsonValue(), /the engine now holds [\d,]+ MB/);
  assert.equal(await page.evaluate(() => document.body.dataset.trainingPhase), 'idle');
  assert.doesNotMatch(await statusText(page), /trained live/);
  assert.deepEqual(problems, []);
  await page.close();
});
