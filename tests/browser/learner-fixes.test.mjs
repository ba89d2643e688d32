// Small things a learner hit: an unknown word in the analogy is flagged once (under its field);
// on a 390 px phone the positions lesson's cosine table is whole (no box to scroll inside), and the
// lesson tabs show that there is more to scroll to, with the current tab in view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();
const phone = { width: 390, height: 844 };

test('analogy: an unknown word is flagged once, under its own field', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&b=kingz&expect=queenz`);
  await waitForLesson(page, 'analogy');
  await page.waitForSelector('[data-fact="analogy-blocked"]');
  const flagged = (word) => page.evaluate((w) => [...document.querySelectorAll('.lesson p, .lesson span, .lesson div')]
    .filter((el) => el.children.length === 0 && el.textContent.includes(`“${w}”`) && /not in the vocabulary/.test(el.textContent)).length, word);
  assert.equal(await flagged('kingz'), 1);
  assert.equal(await page.getByLabel('Start from', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('[data-fact="analogy-blocked"]').innerText(), /No answers: a word above is not in the vocabulary/);

  // Fixed: answers come back; the unknown expected answer is flagged once too.
  await page.getByLabel('Start from', { exact: true }).fill('king');
  await page.getByRole('button', { name: 'Solve' }).click();
  await page.waitForSelector('.answer-list li');
  await page.waitForFunction(() => /not in the vocabulary/.test(document.querySelector('.word-field .field-message.is-problem')?.textContent ?? ''));
  assert.equal(await flagged('queenz'), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone: the positions table is whole, and the lesson tabs show they scroll', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=positions`, { viewport: phone });
  await waitForLesson(page, 'positions');
  await page.waitForSelector('.positions-table td');
  const box = await page.locator('.positions-table-wrap').evaluate((wrap) => ({
    sideways: wrap.scrollWidth - wrap.clientWidth, down: wrap.scrollHeight - wrap.clientHeight,
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  assert.deepEqual(box, { sideways: 0, down: 0, page: 0 }, 'nothing cut, nothing to scroll inside');
  // Each number says its column, since the header row is out of sight on a phone.
  assert.match(await page.locator('.positions-table tbody td').first().evaluate((td) => getComputedStyle(td, '::before').content), /token vectors only/);
  await screenshot(page, 'lesson-positions-phone');

  // The first lessons: more tabs to the right, said by an arrow.
  assert.equal(await page.locator('.lesson-nav').evaluate((nav) => nav.classList.contains('has-more') || nav.classList.contains('has-less')), true);
  await page.goto(`${site.url}?lesson=embedding`);
  await waitForLesson(page, 'embedding');
  await page.waitForFunction(() => document.querySelector('.lesson-nav')?.classList.contains('has-more'));
  assert.equal(await page.locator('.nav-more').isVisible(), true);
  // The last lesson: its tab is in view, and the arrow points back.
  await page.goto(`${site.url}?lesson=retrieval`);
  await waitForLesson(page, 'retrieval');
  await page.waitForFunction(() => document.querySelector('.lesson-nav')?.classList.contains('has-less'));
  const inView = await page.locator('.lesson-nav a[aria-current="page"]').evaluate((link) => {
    const list = link.closest('ol').getBoundingClientRect();
    const tab = link.getBoundingClientRect();
    return tab.left >= list.left - 1 && tab.right <= list.right + 1;
  });
  assert.equal(inView, true, 'the current tab is scrolled into view');
  await screenshot(page, 'lesson-tabs-phone');
  assert.deepEqual(problems, []);
  await page.close();
});
