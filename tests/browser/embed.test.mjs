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
