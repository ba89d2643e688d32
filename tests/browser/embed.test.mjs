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
  // Only its height and lesson events ever reach the parent.
  const types = new Set(await page.evaluate(() => window.fromLesson.map((m) => m?.type)));
  assert.deepEqual([...types].sort(), ['shelf:height', 'shelf:lesson']);
  assert.deepEqual(problems, []);
  await page.close();
});
