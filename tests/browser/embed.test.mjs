// An author copies a lesson's embed code from the full page and pastes it into their own page:
// the frame renders that lesson alone (no navigation), with the settings of the link, and posts
// its height so the pasted snippet resizes the frame.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const extraPages = {};
const site = useSiteAndBrowser(extraPages);

test('the copied embed code shows the lesson alone in an iframe that sizes itself', async () => {
  const { page: full, problems } = await openPage(site.context, `${site.url}?lesson=analogy&near=spain&method=mul`);
  await waitForLesson(full, 'analogy');
  await full.getByRole('button', { name: 'Copy embed code' }).click();
  await full.waitForFunction(() => document.querySelector('.embed-status')?.textContent);
  const snippet = await full.getByLabel('Embed code').inputValue();
  assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?lesson=analogy&amp;near=spain&amp;method=mul"/);
  assert.match(snippet, /shelf:height/);
  await full.close();

  extraPages['/course.html'] =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page</title></head><body>' +
    '<h1>Week 3: embeddings</h1><script>window.heights = []; addEventListener("message", (e) => window.heights.push(e.data));</script>' +
    `${snippet}</body></html>`;
  const { page, problems: courseProblems } = await openPage(site.context, `${site.url}course.html`);
  await page.waitForFunction(() => window.heights.some((m) => m && m.type === 'shelf:height' && m.height > 300), null, { timeout: 30000 });
  const frame = page.frameLocator('iframe');
  await frame.locator('article[data-lesson="analogy"]').waitFor();
  await frame.locator('.neighbor-list li').first().waitFor();
  assert.equal(await frame.locator('.lesson-nav').count(), 0, 'no lesson navigation');
  assert.equal(await frame.locator('.data-panel').count(), 0, 'no data panel');
  assert.match(await frame.locator('.neighbor-list').locator('..').locator('.hint').last().innerText(), /nearest neighbours of “spain”/);
  assert.equal(await frame.getByLabel(/3CosMul/).isChecked(), true);

  // The pasted script resized the frame to the last height the lesson posted.
  await page.waitForTimeout(1000);
  const { last, frameHeight } = await page.evaluate(() => ({
    last: window.heights.filter((m) => m?.type === 'shelf:height').at(-1).height,
    frameHeight: document.querySelector('iframe').getBoundingClientRect().height,
  }));
  assert.equal(Math.round(frameHeight), last);
  // And the frame is tall enough to show the whole lesson without scrolling.
  const inner = await frame.locator('body').evaluate((body) => body.scrollHeight);
  assert.ok(Math.abs(inner - last) <= 2, `the lesson is ${inner}px, the frame ${last}px`);
  await screenshot(page, 'embed-analogy-in-course-page');
  assert.deepEqual([...problems, ...courseProblems], []);
  await page.close();
});

test('every lesson has an embed page of its own', async () => {
  for (const lesson of ['embedding', 'shelves', 'analogy']) {
    const { page, problems } = await openPage(site.context, `${site.url}embed.html?lesson=${lesson}`);
    await waitForLesson(page, lesson);
    await page.waitForTimeout(800);
    assert.equal(await page.locator('.lesson-nav').count(), 0);
    assert.match(await page.locator('.open-full').getAttribute('href'), new RegExp(`index\\.html\\?lesson=${lesson}`));
    await screenshot(page, `embed-${lesson}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the embedded lesson takes shelf:set from its parent page and ignores every other message', async () => {
  extraPages['/commands.html'] =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A course page that talks to its lesson</title></head><body>' +
    '<script>window.fromLesson = []; addEventListener("message", (e) => window.fromLesson.push(e.data));</script>' +
    `<iframe src="${site.url}embed.html?lesson=analogy&amp;near=spain" title="Shelf lesson" width="900" height="900"></iframe></body></html>`;
  const { page, problems } = await openPage(site.context, `${site.url}commands.html`);
  const frame = page.frameLocator('iframe');
  const lessonEvents = () => page.evaluate(() => window.fromLesson.filter((m) => m?.type === 'shelf:lesson'));
  await page.waitForFunction(() => window.fromLesson.some((m) => m?.type === 'shelf:lesson'), null, { timeout: 30000 });
  assert.deepEqual((await lessonEvents())[0], { type: 'shelf:lesson', lesson: 'analogy', settings: { near: 'spain' } });
  await frame.locator('.neighbor-list li').first().waitFor();

  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && /Shelf: ignored a message/.test(message.text())) warnings.push(message.text());
  });
  const post = (message) => page.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);
  const bad = [
    'shelf:set',
    null,
    [1, 2],
    { type: 'shelf:eval', code: 'parent.hacked = true' },
    { type: 'shelf:height', height: 10 },
    { type: 'shelf:set', settings: { near: 'italy' }, onload: 'parent.hacked = true' },
    { type: 'shelf:set', settings: { lesson: 'clusters' } },
    { type: 'shelf:set', settings: { near: 'italy', nope: 1 } },
    { type: 'shelf:set', settings: { k: 7 } }, // k is 5, 10 or 20
    { type: 'shelf:set', settings: { near: ['italy'] } },
    { type: 'shelf:set', settings: 'near=italy' },
  ];
  for (const message of bad) await post(message);
  const frameBody = page.frames().find((f) => /embed\.html/.test(f.url())).locator('body');
  await page.waitForFunction(() => document.querySelector('iframe').contentDocument.body.dataset.rejectedMessages === '11');
  assert.equal(await frameBody.getAttribute('data-rejected-messages'), String(bad.length));
  assert.equal(warnings.length, bad.length, warnings.join('\n'));
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.match(await frame.locator('.neighbor-list + .hint').innerText(), /nearest neighbours of “spain”/, 'nothing changed');
  assert.equal(await frame.locator('article[data-lesson]').getAttribute('data-lesson'), 'analogy');

  // The declared command: the lesson's own settings, applied as if they were in its link.
  await post({ type: 'shelf:set', settings: { near: 'italy', k: 5, method: 'mul' } });
  await frame.locator('.neighbor-list + .hint', { hasText: '“italy”' }).waitFor();
  assert.equal(await frame.locator('.neighbor-list li').count(), 5);
  assert.equal(await frame.getByLabel(/3CosMul/).isChecked(), true);
  await page.waitForFunction(() => window.fromLesson.filter((m) => m?.type === 'shelf:lesson').length >= 2);
  assert.deepEqual((await lessonEvents()).at(-1), { type: 'shelf:lesson', lesson: 'analogy', settings: { near: 'italy', k: '5', method: 'mul' } });
  // Only its height (in Shelf's, LTI's and H5P's conventions) and lesson events ever reach the parent.
  const kinds = new Set(await page.evaluate(() => window.fromLesson.map((m) =>
    typeof m === 'string' ? JSON.parse(m).subject : m?.type ?? `${m?.context}:${m?.action}`)));
  assert.deepEqual([...kinds].sort(), ['h5p:hello', 'lti.frameResize', 'shelf:height', 'shelf:lesson']);
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * Per lesson: what it shows once it has answered (`ready`), a shelf:set command, and what the
 * controls (`controls`: the frame's label → the value it must show) and the output must then show.
 */
const FOLLOW = [
  {
    lesson: 'embedding',
    ready: '[data-fact="cosine"]',
    settings: { word: 'france', other: 'spain' },
    controls: { Word: 'france', 'Compare with': 'spain' },
    async output(frame) {
      await frame.locator('.strip-name', { hasText: 'spain' }).waitFor();
      assert.equal(await frame.locator('.facts .word').first().innerText(), 'france');
      assert.match(await frame.locator('.similarity .sentence').innerText(), /france.*spain/);
    },
  },
  {
    lesson: 'shelves',
    ready: '.probe-neighbors li',
    settings: { view: 'table', probe: 'queen', dim: 30 },
    controls: { 'Probe word': 'queen', Dimensions: '30' },
    checked: ['a table'],
    async output(frame) {
      await frame.locator('.map-panel .word-table-wrap table tbody tr').first().waitFor();
      assert.equal(await frame.locator('.scatter').isHidden(), true, 'the table replaces the map');
      await frame.locator('.probe-neighbors + .hint', { hasText: '“queen”' }).waitFor();
    },
  },
  {
    lesson: 'analogy',
    ready: '[data-fact="rank"]',
    settings: { near: 'italy', k: '20', method: 'mul' },
    controls: { Word: 'italy', 'How many': '20' },
    checked: [/3CosMul/],
    async output(frame) {
      await frame.locator('.neighbor-list + .hint', { hasText: '“italy”' }).waitFor();
      assert.equal(await frame.locator('.neighbor-list li').count(), 20);
      await frame.locator('[data-fact="rank"]', { hasText: '3CosMul' }).waitFor();
    },
  },
  {
    lesson: 'clusters',
    ready: '.cluster-legend li',
    settings: { clusters: 5, clusterWords: '1000', clusterSeed: 7, categories: false, view: 'table' },
    controls: { 'Number of clusters (k)': '5', 'Words to cluster': '1000', 'Random start (seed)': '7' },
    checked: ['tables'],
    unchecked: ['Show the category words'],
    async output(frame) {
      await frame.locator('[data-role="cluster-status"]', { hasText: '1,000 words in 5 clusters (k-means, seed 7)' }).waitFor();
      assert.equal(await frame.locator('.vocabulary-map-part .cluster-legend li').count(), 5);
      assert.equal(await frame.locator('.vocabulary-map-part .cluster-table tbody tr').count(), 5);
      assert.equal(await frame.locator('output[for="clusters-k"]').innerText(), '5');
    },
  },
  {
    lesson: 'positions',
    ready: '[data-fact="pooled-cosine"]',
    settings: { sentenceA: 'the lion eats the lamb', sentenceB: 'the lamb eats the lion', posScale: 2.5 },
    controls: { 'First sentence': 'the lion eats the lamb', 'Second sentence': 'the lamb eats the lion', 'Size of the position vectors': '2.5' },
    async output(frame) {
      await frame.locator('.sentence-heading', { hasText: '“the lion eats the lamb”' }).waitFor();
      assert.equal(await frame.locator('output[for="positions-scale"]').innerText(), '× 2.5');
      assert.match(await frame.locator('.positions-table thead').innerText(), /token \+ position \(× 2\.5\)/);
      assert.equal(await frame.locator('[data-fact="pooled-cosine"]').innerText(), '1.000');
    },
  },
  {
    lesson: 'retrieval',
    ready: '.hit-list[data-method="meaning"] .hit',
    settings: { question: 'who built the ark?', hits: 5, pooling: 'sif', chunkTokens: 60 },
    controls: { Question: 'who built the ark?', 'Chunks to retrieve': '5', 'Largest chunk (words)': '60' },
    checked: [/^SIF/],
    async output(frame) {
      await frame.locator('[data-role="index-status"]', { hasText: 'SIF-weighted mean' }).waitFor();
      await frame.locator('p[role="status"]', { hasText: 'nearest to “who built the ark?”' }).waitFor();
      await frame.locator('.hit-list[data-method="meaning"] .hit').nth(4).waitFor();
      assert.equal(await frame.locator('.hit-list[data-method="meaning"] .hit').count(), 5);
    },
  },
];

test('every lesson follows shelf:set: its controls show the new settings and its output follows them', async () => {
  for (const { lesson, ready, settings, controls, checked = [], unchecked = [], output } of FOLLOW) {
    extraPages[`/follow-${lesson}.html`] =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Following ${lesson}</title></head><body>` +
      `<iframe src="${site.url}embed.html?lesson=${lesson}" title="Shelf lesson" width="1100" height="1400"></iframe></body></html>`;
    const { page, problems } = await openPage(site.context, `${site.url}follow-${lesson}.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator(`body[data-ready="true"] article[data-lesson="${lesson}"]`).waitFor({ timeout: 30000 });
    await frame.locator(ready).first().waitFor({ timeout: 30000 });
    await page.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), { type: 'shelf:set', settings });

    await output(frame);
    for (const [label, value] of Object.entries(controls)) {
      assert.equal(await frame.getByLabel(label, { exact: true }).inputValue(), value, `${lesson}: ${label}`);
    }
    for (const label of checked) assert.equal(await frame.getByLabel(label, { exact: typeof label === 'string' }).isChecked(), true, `${lesson}: ${label}`);
    for (const label of unchecked) assert.equal(await frame.getByLabel(label, { exact: true }).isChecked(), false, `${lesson}: ${label}`);
    assert.equal(await frame.locator('body').getAttribute('data-rejected-messages'), null, `${lesson}: the command was accepted`);
    await screenshot(page, `embed-follows-${lesson}`);
    assert.deepEqual(problems, [], lesson);
    await page.close();
  }
});
