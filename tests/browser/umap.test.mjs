// UMAP on the library shelves: chosen from the keyboard, it lays the same words out anew (in the
// worker: the page keeps responding), the choice is in the URL, and the URL gives the same
// picture again (the layout is seeded). Chosen before training, every checkpoint gets a UMAP
// layout. Saves a screenshot of the UMAP map.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, openSampleCorpus, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

/** The table view's rows: [word, x, y]. */
async function tableRows(page) {
  const rows = await page.locator('.word-table-wrap tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
  return rows.map(([, word, x, y]) => [word, Number(x), Number(y)]);
}

async function waitForTable(page, projection) {
  await page.waitForFunction(
    (name) => document.querySelector('.word-table-wrap caption')?.textContent.includes(`(${name})`) &&
      document.querySelectorAll('.word-table-wrap tbody tr').length === 100,
    projection,
    { timeout: 60000 },
  );
}

test('UMAP relays the library out, lives in the URL and gives the same layout from the link', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&view=table&books=frequent`);
  await waitForLesson(page, 'shelves');
  await waitForTable(page, 'PCA');
  const pca = await tableRows(page);
  const words = Number(await page.getAttribute('.scatter', 'data-words'));

  // The longest main-thread task while UMAP runs: it runs in the worker, so the page stays free.
  await page.evaluate(() => {
    window.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longestTask = Math.max(window.longestTask, entry.duration);
    }).observe({ type: 'longtask' });
  });
  // A radio group: the arrow key moves the choice from PCA to UMAP.
  await page.getByLabel(/^PCA/).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel(/^UMAP/).isChecked(), true);
  await page.waitForSelector('.scatter[data-projection="umap"]', { state: 'attached', timeout: 60000 });
  await waitForTable(page, 'UMAP');
  await page.waitForURL(/projection=umap/);
  const longest = await page.evaluate(() => window.longestTask);
  console.log(`# longest main-thread task while UMAP ran: ${Math.round(longest)} ms`);

  const umap = await tableRows(page);
  assert.deepEqual(umap.map(([word]) => word), pca.map(([word]) => word), 'the same words, in the same order');
  // The PCA map also holds the probe's neighbours beyond the most frequent words; UMAP lays out those words only.
  assert.equal(Number(await page.getAttribute('.scatter', 'data-words')), 1500, 'every frequent word is still on the map');
  assert.ok(words >= 1500, `${words} words on the PCA map`);
  const moved = umap.filter(([, x, y], i) => x !== pca[i][1] || y !== pca[i][2]).length;
  assert.ok(moved > 90, `UMAP moved ${moved} of 100 words`);
  assert.ok(umap.every(([, x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  assert.match(await page.locator('.map-caption').innerText(), /UMAP of each word's 15 nearest neighbours \(seed 1\)/);

  // The link reproduces the layout: same vectors, same seed, same picture.
  const link = page.url();
  const again = await openPage(site.context, link);
  await waitForLesson(again.page, 'shelves');
  await again.page.waitForSelector('.scatter[data-projection="umap"]', { state: 'attached', timeout: 60000 });
  await waitForTable(again.page, 'UMAP');
  assert.deepEqual(await tableRows(again.page), umap);
  assert.equal(await again.page.getByLabel(/^UMAP/).isChecked(), true);

  await again.page.getByLabel('a map').check();
  await again.page.waitForSelector('.scatter:not([hidden])');
  await again.page.waitForTimeout(800); // the glide settles
  await screenshot(again.page, 'lesson-shelves-umap');
  assert.deepEqual(again.problems, []);
  assert.deepEqual(problems, []);
  await again.page.close();
  await page.close();
});

test('UMAP chosen before Play: the random start is laid out, and every checkpoint after it', async () => {
  const settings = 'epochs=10&minCount=2&speed=0&seed=7&dim=20&probe=god&books=frequent';
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&${settings}`);
  await waitForLesson(page, 'shelves');
  await openSampleCorpus(page);
  await page.waitForSelector('.scatter[data-projection="pca"]');

  // Chosen while the random start stands still: that checkpoint gets its UMAP layout.
  await page.getByLabel(/^UMAP/).check();
  await page.waitForSelector('.scatter[data-projection="umap"]', { timeout: 60000 });

  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="finished"]', { timeout: 120000 });
  await page.waitForFunction(() => {
    const timeline = document.getElementById('shelves-timeline');
    return /UMAP of each word/.test(document.querySelector('.map-caption')?.textContent ?? '') && Number(timeline.max) >= 2 &&
      document.querySelector('.scatter')?.dataset.projection === 'umap';
  }, null, { timeout: 60000 });
  // Replayed from the timeline, the first checkpoint is in UMAP too.
  await page.getByLabel('Timeline: replay the training').fill('0');
  await page.waitForFunction(() => /^Checkpoint 1 of/.test(document.querySelector('.map-caption')?.textContent ?? ''));
  assert.equal(await page.getAttribute('.scatter', 'data-projection'), 'umap');
  await page.getByLabel(/^PCA/).check();
  await page.waitForSelector('.scatter[data-projection="pca"]');
  assert.deepEqual(problems, []);
  await page.close();
});
