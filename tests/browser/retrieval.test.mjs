// The retrieval lesson's comparison as a reader meets it: one question asked by meaning, by words
// (BM25) and both (rank fusion) side by side; every suggested question does what the page says it
// does (checked on the built snapshot); recall@k of each method on the labelled questions, from
// the engine; the prompt from the chosen ranking; an empty question clears the results; pasted
// text is searched without pressing a button, and never the bundled passages meanwhile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, repoRoot, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const questionSet = JSON.parse(readFileSync(join(repoRoot, 'web/data/retrieval-questions.json'), 'utf8'));

/** The passage titles a column ranks, best first. */
const titles = (page, method) => page.locator(`.method-column[data-method="${method}"] .hit`).evaluateAll(
  (hits) => hits.map((hit) => hit.dataset.title));

async function askAndWait(page, question) {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction((q) => document.querySelector('[data-role="search-status"]')?.textContent.includes(`“${q}”`), question);
}

test('retrieval: one question by meaning, by words and both, side by side, with recall@k of each', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=retrieval`);
  await waitForLesson(page, 'retrieval');
  await page.waitForSelector('.method-column[data-method="hybrid"] .hit');
  for (const method of ['meaning', 'words', 'hybrid']) {
    assert.equal((await titles(page, method))[0], 'David and Goliath', `${method} ranks David and Goliath first`);
  }
  const fused = page.locator('.method-column[data-method="hybrid"] .hit').first();
  assert.match(await fused.locator('.hit-ranks').innerText(), /meaning #1 · words #1/);
  const prompt = await page.getByLabel('Prompt', { exact: true }).inputValue();
  assert.ok(prompt.indexOf('David and Goliath') < prompt.indexOf('Question: who killed the giant with a stone?'));

  // Recall@k from the engine: five methods, three cut-offs, non-decreasing in k, between 0 and 1.
  await page.waitForSelector('.recall-table tbody tr');
  const rows = await page.locator('.recall-table tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
  assert.equal(rows.length, 5);
  for (const row of rows) {
    assert.equal(row.length, 3);
    assert.ok(row.every((r) => r >= 0 && r <= 1) && row[0] <= row[1] && row[1] <= row[2], `recall ${row}`);
  }
  const status = await page.locator('[data-role="recall-status"]').innerText();
  const count = Number(/^(\d+) questions/.exec(status)[1]);
  const noShared = Number(/; (\d+) share no word/.exec(status)[1]);
  assert.ok(count >= 20 && noShared >= 5, status);
  await page.locator('.recall-details summary').click();
  assert.equal(await page.locator('.recall-questions tbody tr').count(), count);
  await screenshot(page, 'lesson-retrieval-compare');

  // The prompt takes the chunks of the ranking chosen.
  await askAndWait(page, 'surgeon');
  await page.getByLabel('Chunks from', { exact: true }).selectOption('words');
  await page.waitForURL(/promptFrom=words/);
  await page.waitForFunction(() => /no passages were retrieved/.test(document.querySelector('#retrieval-prompt')?.value ?? ''));
  await page.getByLabel('Chunks from', { exact: true }).selectOption('meaning');
  await page.waitForFunction(() => /\[1\] Medicine\./.test(document.querySelector('#retrieval-prompt')?.value ?? ''));

  // An empty question clears what the previous one found.
  await page.getByLabel('Question', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => document.querySelector('[data-role="search-status"]')?.textContent === 'Type a question.');
  assert.equal(await page.locator('.method-column .hit').count(), 0);
  assert.equal(await page.getByLabel('Prompt', { exact: true }).inputValue(), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('retrieval: every suggested question does what the page says, under the pooling it names', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=retrieval`);
  await waitForLesson(page, 'retrieval');
  await page.waitForSelector('.method-column[data-method="hybrid"] .hit');
  assert.equal(await page.locator('.question-hints [data-hint]').count(), questionSet.hints.length);
  for (const pooling of ['mean', 'sif']) {
    await page.getByLabel(pooling === 'sif' ? /^SIF/ : 'the mean of its word vectors').check();
    await page.waitForURL(pooling === 'sif' ? /pooling=sif/ : (url) => !/pooling=/.test(url.search));
    await page.waitForFunction((p) => document.querySelector('[data-role="index-status"]')?.textContent.includes(p === 'sif' ? 'SIF' : 'the mean'), pooling);
    for (const hint of questionSet.hints) {
      await page.locator(`.question-hints [data-hint="${hint.question}"]`).click();
      await page.waitForFunction((q) => document.querySelector('[data-role="search-status"]')?.textContent.includes(`“${q}”`), hint.question);
      for (const check of hint.checks.filter((c) => (c.pooling ?? pooling) === pooling)) {
        const ranked = await titles(page, check.method);
        const what = `“${hint.question}” (${pooling}, ${check.method}): ${ranked.join(' / ') || 'nothing'}`;
        if (check.first) assert.equal(ranked[0], check.first, what);
        if (check.notFirst) assert.notEqual(ranked[0], check.notFirst, what);
        if (check.empty) assert.equal(ranked.length, 0, what);
        if (check.within) assert.ok(ranked.slice(0, check.within[0]).includes(check.within[1]), `${what}: “${check.within[1]}” in the first ${check.within[0]}`);
      }
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.question-hints [data-hint="surgeon"]').click();
  await page.waitForFunction(() => document.querySelector('[data-role="search-status"]')?.textContent.includes('“surgeon”'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px)`);
  await screenshot(page, 'lesson-retrieval-compare-phone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('retrieval: pasted text is searched as soon as typing pauses, and never the bundled passages meanwhile', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=retrieval&question=where+did+the+ship+sail%3F`);
  await waitForLesson(page, 'retrieval');
  await page.waitForSelector('.method-column[data-method="meaning"] .hit');
  await page.getByLabel('your own text', { exact: true }).check();
  // Chosen but empty: nothing is searched, and the page says why.
  await page.waitForFunction(() => /no text to index/.test(document.querySelector('[data-role="index-status"]')?.textContent ?? ''));
  assert.equal(await page.locator('.method-column .hit').count(), 0);
  assert.match(await page.locator('[data-role="recall-status"]').innerText(), /bundled passages/);
  await page.getByLabel('Your text', { exact: true }).fill('The cat sat on the mat.\n\nThe ship sailed across the sea to a far country.');
  await page.waitForFunction(() => /^The ship sailed/.test(document.querySelector('.method-column[data-method="meaning"] .hit .hit-text')?.textContent ?? ''));
  assert.match(await page.locator('[data-role="index-status"]').innerText(), /2 chunks from pasted text/);
  assert.equal(await page.locator('.method-column .hit[data-title="David and Goliath"]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
