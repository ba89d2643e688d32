// The library you can see (issue 11): shelves of the reading list on the bundled snapshot, named
// and ordered, in a bookcase beside the map; the labels nobody gave revealed with the engine's
// purity and adjusted Rand index; the other book sources; the tables; a training you can watch
// (slow motion under 10,000 words/s; the default run, its drift and its loss). Screenshots of the
// map and bookcase before, during and after training, desktop and phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const PHONE = { width: 390, height: 844 };

const shelfNames = (page) => page.locator('.bookcase .shelf-name').allTextContents();
const agreement = (page) => page.evaluate(() => {
  const el = document.querySelector('.agreement');
  return { purity: Number(el.dataset.purity), ari: Number(el.dataset.ari), text: el.textContent };
});

/** Words trained and the stats line's loss, as the page says them. */
async function progressOf(page) {
  const text = await page.locator('[data-role=stats]').innerText();
  const match = text.match(/([\d,]+) of ([\d,]+) words \((\d+)%\) · loss (\d+\.\d+)/);
  return match ? { words: Number(match[1].replaceAll(',', '')), total: Number(match[2].replaceAll(',', '')), percent: Number(match[3]), loss: Number(match[4]), text } : { text };
}

test('a first visit sees coloured, named shelves of the reading list; revealing the topics shows how well they agree', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.bookcase[data-shelves="16"]', { timeout: 30000 });
  const ms = await page.evaluate(() => Number(document.body.dataset.firstShelvesMs));
  console.log(`# shelves shown ${ms} ms after navigation`);
  assert.equal(await page.getAttribute('.scatter', 'data-groups'), '16');
  const names = await shelfNames(page);
  assert.equal(names.length, 16);
  for (const name of names) assert.match(name, /^\S+ · \S+ · \S+$/, 'each shelf is named by three of its books');
  const spines = await page.locator('.bookcase .spine').count();
  assert.ok(spines >= 260, `${spines} books in the bookcase`);
  // Colour and shape: every row and spine carries a swatch, and the probe is among the books.
  assert.equal(await page.locator('.bookcase .shelf-label svg').count(), 16);
  assert.equal(await page.locator('.bookcase .spine.probe').textContent(), 'king');
  assert.equal(await page.locator('.bookcase .spine.neighbour').count(), 8);
  assert.match(await page.locator('.agreement').innerText(), /topics stay hidden/);
  await screenshot(page, 'shelves-snapshot');

  await page.getByLabel(/Reveal the labels nobody gave/).check();
  await page.waitForFunction(() => /purity/.test(document.querySelector('.agreement')?.textContent ?? ''));
  const { purity, ari, text } = await agreement(page);
  console.log(`# revealed on the snapshot (reading list, k = 16): ${text}`);
  assert.ok(purity > 0.6, `purity ${purity}`);
  assert.ok(ari > 0.35, `adjusted Rand index ${ari}`);
  assert.equal(await page.getAttribute('.bookcase', 'data-revealed'), 'true');
  await page.waitForURL(/reveal=1/);
  await screenshot(page, 'shelves-revealed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the tables list the shelves with their books and each book with its shelf and neighbours', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&view=table&shelves=12`);
  await waitForLesson(page, 'shelves');
  await page.waitForFunction(() => document.querySelectorAll('.shelf-table-wrap tbody tr').length === 12 &&
    [...document.querySelectorAll('.word-table-wrap tbody tr td:last-child')].some((td) => td.textContent.includes(',')), null, { timeout: 30000 });
  const shelfRow = await page.locator('.shelf-table-wrap tbody tr').first().innerText();
  assert.match(shelfRow, /^\s*1\s+\S+ · \S+ · \S+\s+\d+\s+\S+/);
  const bookRow = await page.locator('.word-table-wrap tbody tr').first().innerText();
  assert.match(bookRow, /^1\s+france\s+-?\d+\.\d{3}\s+-?\d+\.\d{3}\s+\d+: \S+ · \S+ · \S+\s+\w+, \w+, \w+/);
  assert.match(await page.locator('.shelf-table').innerText(), /Why do words such as “the”, “and” or “of” have odd neighbours\?/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('other books: the most frequent words, and the learner\'s own (unknown ones are named)', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.bookcase[data-shelves="16"]', { timeout: 30000 });
  await page.getByLabel('the most frequent words').check();
  await page.waitForFunction(() => Number(document.querySelector('.scatter')?.dataset.words) >= 1500, null, { timeout: 30000 });
  // A shelf shows its 40 most central books and counts the rest.
  await page.waitForFunction(() => document.querySelectorAll('.bookcase .spine-more').length > 0, null, { timeout: 30000 });
  await page.waitForSelector('.bookcase:not([data-filling])'); // rows are refilled a few per frame
  const spines = await page.locator('.bookcase .spine').count();
  assert.ok(spines > 300 && spines <= 16 * 40, `${spines} spines`);

  await page.getByLabel('my own words').check();
  await page.getByLabel(/Your words/).fill('apple pear plum cherry, horse cow goat sheep; paris rome london berlin zzyzx');
  await page.getByRole('button', { name: 'Put them on the floor' }).click();
  await page.waitForFunction(() => document.querySelector('.bookcase')?.textContent.includes('cherry'), null, { timeout: 30000 });
  assert.match(await page.locator('.map-caption').innerText(), /Not in the vocabulary, so not on the floor: zzyzx/);
  assert.equal(await page.getByLabel(/Reveal the labels nobody gave/).isDisabled(), true);
  await page.waitForURL(/books=mine/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('slow motion trains under 10,000 words per second', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&speed=5000`);
  await waitForLesson(page, 'shelves');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
  await page.waitForFunction(() => /Training · .* [\d,]+ of/.test(document.querySelector('[data-role=stats]')?.textContent ?? ''));
  const start = { at: Date.now(), ...(await progressOf(page)) };
  await page.waitForTimeout(6000);
  const end = { at: Date.now(), ...(await progressOf(page)) };
  const rate = (end.words - start.words) / ((end.at - start.at) / 1000);
  console.log(`# slow motion: ${Math.round(rate)} words/s over ${end.at - start.at} ms (${end.text})`);
  assert.ok(rate > 1000 && rate < 10000, `${Math.round(rate)} words/s`);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForSelector('body[data-training-phase="paused"]');
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, viewport] of [['desktop', null], ['phone', PHONE]]) {
  test(`the default training, watched (${name}): the books drift into shelves and the loss falls to the end`, async () => {
    const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&reveal=1`, viewport ? { viewport } : {});
    await waitForLesson(page, 'shelves');
    await page.waitForSelector('.bookcase[data-shelves="16"]', { timeout: 30000 });
    await screenshot(page, `shelves-before-${name}`);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
    const started = Date.now();
    // Agreement with the hidden topics over the run, and the loss at half-way.
    const samples = [];
    let half = null;
    let during = false;
    while ((await page.evaluate(() => document.body.dataset.trainingPhase)) === 'running') {
      const { ari } = await agreement(page);
      const progress = await progressOf(page);
      samples.push({ t: (Date.now() - started) / 1000, ari, percent: progress.percent });
      if (half === null && progress.percent >= 50) half = progress.loss;
      if (!during && progress.percent >= 15) {
        during = true;
        await screenshot(page, `shelves-during-${name}`);
      }
      await page.waitForTimeout(1000);
    }
    await page.waitForSelector('body[data-training-phase="finished"]', { timeout: 180000 });
    const seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(800);
    const final = await progressOf(page);
    const last = await agreement(page);
    const formed = samples.find((s) => s.ari >= 0.8 * last.ari);
    console.log(`# default training (${name}): ${seconds.toFixed(1)} s; loss at half-way ${half}, final ${final.loss}; ` +
      `ARI reached 80% of its final ${last.ari.toFixed(2)} after ${formed?.t.toFixed(1)} s; samples ${samples.map((s) => `${s.t.toFixed(0)}s:${s.ari.toFixed(2)}`).join(' ')}`);
    assert.ok(half !== null && final.loss < half, `final loss ${final.loss} below the loss at half-way ${half}`);
    assert.ok(last.ari > samples[0].ari + 0.2, `the shelves formed: ARI from ${samples[0].ari} to ${last.ari}`);
    await screenshot(page, `shelves-after-${name}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
