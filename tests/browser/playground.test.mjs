// The playground as a new visitor sees it, on the bundled snapshot: the map shows the
// vocabulary, words have vectors, neighbours and `king − man + woman` answer with their rank.
// Saves a screenshot of every lesson (desktop and phone widths) to build/screenshots/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

test('the map shows the vocabulary of the bundled snapshot, soon after the page opens', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.scatter[data-words]');
  const words = Number(await page.getAttribute('.scatter', 'data-words'));
  assert.ok(words >= 250, `the map shows ${words} books (the reading list)`);
  const label = await page.getAttribute('.scatter canvas', 'aria-label');
  assert.match(label, /words/);
  const status = await page.locator('.status-bar').innerText();
  assert.match(status, /20,000 words × 100 dimensions/);
  assert.match(status, /Engine: WebAssembly/);
  // Where the corpus is described, the page says which part of it live training uses.
  await page.getByText('Data: the corpus, your own files, downloads').click();
  const corpusNote = await page.locator('.hint', { hasText: 'The bundled corpus:' }).innerText();
  assert.match(corpusNote, /Live training uses the first 1\.5 million words of the corpus the snapshot was trained on \(6\.7 million words/);
  assert.match(corpusNote, /King James Bible \+ WordNet 3\.0 \+ GCIDE/);
  const firstMap = Number(await page.evaluate(() => document.body.dataset.firstMapMs));
  console.log(`# time to first map: ${firstMap} ms`);
  assert.ok(firstMap < 15000, `first map after ${firstMap} ms`);

  // The table view lists the same words with coordinates and nearest words.
  await page.getByLabel('a table').check();
  await page.waitForSelector('.word-table-wrap table tbody tr');
  const rows = await page.locator('.word-table-wrap tbody tr').count();
  assert.equal(rows, 100);
  const firstRow = await page.locator('.word-table-wrap tbody tr').first().innerText();
  assert.match(firstRow, /^1\s+\S+\s+-?\d+\.\d{3}\s+-?\d+\.\d{3}\s+\S+/);
  await page.waitForURL(/view=table/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a word shows its token id, its dimensions and a heat strip; an unknown word says so', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=embedding&word=king&other=queen`);
  await waitForLesson(page, 'embedding');
  await page.waitForSelector('[data-fact="cosine"]');
  assert.equal(await page.locator('[data-fact="dims"]').first().innerText(), '100');
  assert.match(await page.locator('[data-fact="id"]').first().innerText(), /^\d+$/);
  const cosine = Number(await page.locator('[data-fact="cosine"]').innerText());
  assert.ok(cosine > 0.4 && cosine <= 1, `cos(king, queen) = ${cosine}`);
  const distance = Number(await page.locator('[data-fact="distance"]').innerText());
  assert.ok(Math.abs(cosine + distance - 1) < 0.002);
  assert.match(await page.locator('.similarity .sentence').innerText(), /king.*queen/);
  // How close, as a rank a learner can check in the neighbours lesson; and why not in the top 10.
  const rank = await page.locator('[data-fact="rank"]').innerText();
  // The other words: the 20,000 of the snapshot less "king" and what the classroom word filter hides.
  const [, nth, others, share] = /^“queen” is the (\d+)(?:st|nd|rd|th) nearest to “king” of the other ([\d,]+) words: closer to it than ([\d.]+)% of them\./.exec(rank) ?? [];
  const otherWords = Number(others?.replaceAll(',', ''));
  assert.ok(otherWords > 19800 && otherWords <= 19999, rank);
  assert.ok(Number(nth) >= 1 && Number(share) > 99, rank);
  if (Number(nth) > 10) assert.match(rank, /It is not among the 10 nearest because words such as “\w+”, “\w+”, “\w+” share even more of the company “king” keeps in this corpus\./);
  const strip = await page.getAttribute('.heat-strip canvas', 'aria-label');
  assert.match(strip, /100 numbers of "king"/);

  await page.getByLabel('Word', { exact: true }).fill('qzxqzxq');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForSelector('.facts .problem');
  assert.match(await page.locator('.facts .problem').first().innerText(), /“qzxqzxq” is not in the vocabulary/);
  assert.equal(await page.getByLabel('Word', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the neighbours of a word appear, with their scores', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy`);
  await waitForLesson(page, 'analogy');
  await page.getByLabel('Word', { exact: true }).fill('france');
  await page.getByRole('button', { name: 'Find neighbours' }).click();
  await page.waitForSelector('.neighbor-list li');
  const items = await page.locator('.neighbor-list li').allInnerTexts();
  assert.equal(items.length, 10);
  const words = items.map((item) => item.split(/\s+/)[0]);
  const countries = ['germany', 'ireland', 'spain', 'italy', 'england', 'russia', 'scotland'];
  assert.ok(words.some((w) => countries.includes(w)), `neighbours of france: ${words.join(', ')}`);
  const scores = items.map((item) => Number(item.split(/\s+/)[1]));
  assert.deepEqual([...scores].sort((a, b) => b - a), scores, 'best first');
  assert.deepEqual(problems, []);
  await page.close();
});

test('king − man + woman answers on the bundled snapshot, with the rank of queen', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy`);
  await waitForLesson(page, 'analogy');
  await page.waitForSelector('[data-fact="rank"]');
  const answers = (await page.locator('.answer-list li').allInnerTexts()).map((t) => t.split(/\s+/)[0]);
  assert.equal(answers.length, 10);
  assert.ok(!answers.includes('king') && !answers.includes('man') && !answers.includes('woman'));
  const rank = await page.locator('[data-fact="rank"]').innerText();
  const match = rank.match(/“queen” ranks #(\d+) with 3CosAdd/);
  assert.ok(match, rank);
  assert.equal(answers[Number(match[1]) - 1], 'queen');
  assert.match(await page.locator('[data-fact="rank-with-inputs"]').innerText(), /Counting the input words too, it ranks #\d+/);
  console.log(`# king − man + woman: ${answers.slice(0, 3).join(', ')}; ${rank}`);
  // The parallelogram is drawn, with the four words as text.
  const labels = await page.locator('.parallelogram svg text').allTextContents();
  assert.deepEqual(labels, ['man', 'king', 'woman', 'queen']);

  // 3CosMul answers too.
  await page.getByLabel(/3CosMul/).check();
  await page.waitForFunction(() => /3CosMul/.test(document.querySelector('[data-fact="rank"]')?.textContent ?? ''));
  await page.waitForURL(/method=mul/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the lesson navigation changes the URL, and Back returns to the previous lesson', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=embedding&word=shepherd`);
  await waitForLesson(page, 'embedding');
  const nav = page.getByRole('navigation', { name: 'Lessons' });
  const titles = await nav.getByRole('link').allInnerTexts();
  assert.deepEqual(titles.slice(0, 4), ['What an embedding is', 'The library shelves', 'Why words move', 'Neighbours and analogies']);
  await nav.getByRole('link', { name: 'Neighbours and analogies' }).click();
  await waitForLesson(page, 'analogy');
  assert.match(page.url(), /lesson=analogy/);
  assert.equal(await nav.getByRole('link', { name: 'Neighbours and analogies' }).getAttribute('aria-current'), 'page');
  await page.goBack();
  await waitForLesson(page, 'embedding');
  assert.equal(await page.getByLabel('Word', { exact: true }).inputValue(), 'shepherd');
  assert.deepEqual(problems, []);
  await page.close();
});

test('history back to the same lesson with other settings: its controls and its view show them', async () => {
  // shelves (map, 50 dimensions) → analogy → shelves, where the table and 30 dimensions are
  // chosen; two steps back is the first entry: the same lesson, still mounted, older settings.
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.scatter[data-words]');
  const nav = page.getByRole('navigation', { name: 'Lessons' });
  await nav.getByRole('link', { name: 'Neighbours and analogies' }).click();
  await waitForLesson(page, 'analogy');
  await nav.getByRole('link', { name: 'The library shelves' }).click();
  await waitForLesson(page, 'shelves');
  await page.getByLabel('a table', { exact: true }).check();
  await page.getByLabel('Dimensions', { exact: true }).fill('30');
  await page.getByLabel('Dimensions', { exact: true }).press('Tab');
  await page.waitForURL(/view=table.*dim=30|dim=30.*view=table/);
  await page.waitForSelector('.word-table-wrap table tbody tr');

  const shows = async (view, dim) => {
    await page.waitForFunction((v) => (new URLSearchParams(location.search).get('view') ?? 'map') === v, view);
    assert.equal(await page.getByLabel(`a ${view}`, { exact: true }).isChecked(), true, `the ${view} radio`);
    assert.equal(await page.getByLabel(view === 'map' ? 'a table' : 'a map', { exact: true }).isChecked(), false);
    assert.equal(await page.locator('.scatter').isVisible(), view === 'map', 'the map shows only in the map view');
    assert.equal(await page.locator('.map-panel .word-table-wrap').isVisible(), view === 'table');
    assert.equal(await page.getByLabel('Dimensions', { exact: true }).inputValue(), dim);
  };
  await page.evaluate(() => history.go(-2));
  await shows('map', '50');
  assert.equal(await page.locator('article[data-lesson]').getAttribute('data-lesson'), 'shelves');
  await page.evaluate(() => history.go(2));
  await shows('table', '30');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every lesson renders; screenshots at desktop and phone widths', async () => {
  for (const lesson of ['embedding', 'shelves', 'analogy']) {
    for (const [name, viewport] of [['', { width: 1280, height: 800 }], ['-phone', { width: 390, height: 844 }]]) {
      const { page, problems } = await openPage(site.context, `${site.url}?lesson=${lesson}`, { viewport });
      await waitForLesson(page, lesson);
      await page.waitForTimeout(1200); // let the lesson's first answers arrive
      // Nothing may stick out sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${lesson}${name}: the page is ${overflow}px wider than the screen`);
      await screenshot(page, `lesson-${lesson}${name}`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});
