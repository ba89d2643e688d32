// Training from scratch, driven through the page as a user would: open a small corpus (Genesis
// 1–10, web/data/sample.txt) from the data panel, press Play, and watch the loss fall and the
// books move; the timeline replays the start; the same settings and seed train the same vectors.
// Also prints the longest main-thread task while the bundled corpus trains (a measurement, not
// a bound: docs/benchmarks.md records it on a quiet machine).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, openSampleCorpus, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

/**
 * The coordinates of the table's first `n` rows: [[word, x, y], ...], once the table shows the
 * map named `shown` (its render follows the map by up to 1.5 s, so the rows on screen before
 * that are an earlier map's).
 */
async function tableRows(page, shown, n = 20) {
  await page.getByLabel('a table').check();
  await page.waitForSelector(`.word-table-wrap[data-shown="${shown}"] tbody tr`);
  const rows = await page.locator('.word-table-wrap tbody tr').evaluateAll(
    (trs, count) => trs.slice(0, count).map((tr) => [...tr.children].map((cell) => cell.textContent)),
    n,
  );
  return rows.map(([, word, x, y]) => [word, Number(x), Number(y)]);
}

async function lossCaption(page) {
  const text = await page.locator('.loss-caption').innerText();
  const match = text.match(/^Loss (\d+\.\d+) after ([\d,]+) words \(it started at (\d+\.\d+)/);
  assert.ok(match, text);
  return { last: Number(match[1]), words: match[2], first: Number(match[3]), text };
}

async function trainToEnd(page) {
  await page.getByRole('button', { name: /Play|Train again/ }).click();
  await page.waitForSelector('body[data-training-phase="finished"]', { timeout: 120000 });
  await page.waitForTimeout(500); // the last checkpoint and the throttled text
}

test('training from scratch lowers the loss and moves the books; the timeline replays it', async () => {
  // The most frequent words as books: Genesis knows few of the reading list's.
  const settings = 'epochs=40&minCount=2&speed=0&seed=7&dim=20&probe=king&books=frequent';
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&${settings}`);
  await waitForLesson(page, 'shelves');

  await openSampleCorpus(page);
  assert.match(await page.locator('.data-message').innerText(), /Opened sample\.txt: [\d,]+ words/);
  assert.match(await page.locator('.status-bar').innerText(), /trained live on sample\.txt/);

  // "king" is not in Genesis 1–10: the probe says so; "god" is.
  await page.waitForFunction(() => /“king” is not in the vocabulary/.test(document.querySelector('.probe-neighbors + .hint')?.textContent ?? ''));
  await page.getByLabel('Probe word').fill('god');
  await page.getByRole('button', { name: 'Pin' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.probe-neighbors li').length === 8);
  const before = await tableRows(page, 'checkpoint-1');
  await page.getByLabel('a map').check();
  await trainToEnd(page);
  const loss = await lossCaption(page);
  console.log(`# ${loss.text}`);
  assert.ok(loss.last < loss.first * 0.9, `the loss fell from ${loss.first} to ${loss.last}`);
  assert.match(await page.locator('[data-role=stats]').innerText(), /^Finished · epoch 40 of 40/);

  assert.equal(await page.locator('.probe-neighbors li').count(), 8);
  assert.match(await page.locator('.probe-neighbors + .hint').innerText(), /Neighbours of “god”/);
  const timeline = page.getByLabel('Timeline: replay the training');
  const checkpoints = Number(await timeline.getAttribute('max')) + 1;
  assert.ok(checkpoints >= 3, `${checkpoints} checkpoints`);
  const afterTraining = await tableRows(page, `checkpoint-${checkpoints}`);
  assert.deepEqual(afterTraining.map((r) => r[0]), before.map((r) => r[0]), 'the same books');
  const moved = afterTraining.filter((row, i) => Math.hypot(row[1] - before[i][1], row[2] - before[i][2]) > 0.01);
  assert.ok(moved.length >= before.length / 2, `${moved.length} of ${before.length} books moved`);

  // The timeline goes back to the random start.
  await timeline.fill('0');
  await page.waitForFunction(() => /Checkpoint 1 of/.test(document.querySelector('.timeline-text')?.textContent ?? ''));
  const replayed = await tableRows(page, 'checkpoint-1');
  assert.deepEqual(replayed, before, 'the first checkpoint is the random start');
  await page.getByRole('button', { name: 'Back to live' }).click();
  await page.getByLabel('a map').check();
  await screenshot(page, 'training-sample-finished');

  // Same settings, same seed: the same training.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.waitForSelector('body[data-training-phase="ready"]');
  await trainToEnd(page);
  const again = await lossCaption(page);
  assert.equal(again.text, loss.text);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the main thread stays free while the bundled corpus trains', async () => {
  // Eight epochs (about 11.7M words) keep the worker busy for the whole measuring window even
  // on a fast, idle machine.
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&epochs=8&speed=0`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.scatter[data-words]');
  const before = await page.evaluate(() => document.querySelector('.scatter canvas').toDataURL());
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
  // Measure once training runs (the corpus download and read happen before).
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  // The page answers while the worker trains: a newly pinned probe gets its neighbours before
  // the run ends (were the engine on the main thread, nothing would update until it finished).
  await page.getByLabel('Probe word').fill('water');
  await page.getByRole('button', { name: 'Pin' }).click();
  await page.waitForFunction(() => /Neighbours of “water”/.test(document.querySelector('.probe-neighbors + .hint')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => document.body.dataset.trainingPhase), 'running', 'the probe answered while training ran');
  await page.waitForTimeout(12000);
  const tasks = await page.evaluate(() => window.longTasks);
  const longest = Math.max(0, ...tasks);
  const stats = await page.locator('[data-role=stats]').innerText();
  console.log(`# during 12 s of training: ${tasks.length} tasks over 50 ms, longest ${Math.round(longest)} ms; ${stats}`);
  await screenshot(page, 'training-default-running');
  // A fast machine may finish within the window; otherwise pause the run.
  if ((await page.evaluate(() => document.body.dataset.trainingPhase)) === 'running') {
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForSelector('body[data-training-phase="paused"], body[data-training-phase="finished"]');
  }
  const after = await page.evaluate(() => document.querySelector('.scatter canvas').toDataURL());
  assert.notEqual(after, before, 'the map changed');
  const total = Number(stats.match(/^(?:Training|Finished) · epoch [1-8] of 8 · [\d,]+ of ([\d,]+) words/)?.[1].replaceAll(',', ''));
  assert.ok(total > 10_000_000, `the bundled corpus trained (8 epochs of about 1.46M words), not another: ${stats}`);
  assert.deepEqual(problems, []);
  await page.close();
});
