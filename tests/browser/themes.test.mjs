// Light and dark (web/theme.js): the page follows the system's prefers-color-scheme, `?theme=`
// overrides it (page and embed), an embedding page on another origin switches it with
// `shelf:set`, and both themes pass axe-core, colour contrast included. Screenshots of every
// lesson in both themes, at 1280×800 and at 390 px, land in build/screenshots/theme-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, openSampleCorpus, repoRoot, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const extraPages = {};
const site = useSiteAndBrowser(extraPages);
const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
const LESSONS = { embedding: 1000, shelves: 1000, analogy: 1000, clusters: 2500, positions: 2500, retrieval: 2500 };

const themeOf = (page) => page.evaluate(() => ({
  theme: document.documentElement.dataset.theme,
  background: getComputedStyle(document.documentElement).backgroundColor,
  ink: getComputedStyle(document.body).color,
  scheme: getComputedStyle(document.documentElement).colorScheme,
}));

/** Relative luminance of an rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).slice(0, 3) }));
  });
}

test('the theme follows the system, and ?theme= overrides it', async () => {
  const page = await site.context.newPage();
  for (const [system, query, expected] of [['dark', '', 'dark'], ['light', '', 'light'], ['dark', '&theme=light', 'light'], ['light', '&theme=dark', 'dark'], ['dark', '&theme=auto', 'dark']]) {
    await page.emulateMedia({ colorScheme: system });
    await page.goto(`${site.url}?lesson=analogy${query}`);
    await waitForLesson(page, 'analogy');
    const seen = await themeOf(page);
    assert.equal(seen.theme, expected, `system ${system}, query "${query}"`);
    assert.equal(seen.scheme, expected);
    const dark = luminance(seen.background) < 0.05;
    assert.equal(dark, expected === 'dark', `background ${seen.background}`);
    assert.ok(Math.abs(luminance(seen.ink) - luminance(seen.background)) > 0.5, `ink ${seen.ink} on ${seen.background}`);
  }
  // The system switching while the page is open switches an automatic page at once.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${site.url}?lesson=analogy`);
  await waitForLesson(page, 'analogy');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  // The embed code carries an explicit theme, so the embedded lesson looks as its author chose.
  await page.goto(`${site.url}?lesson=analogy&theme=dark`);
  await waitForLesson(page, 'analogy');
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  assert.match(await page.getByLabel('Embed code').inputValue(), /embed\.html\?lesson=analogy&amp;theme=dark/);
  await page.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe: every lesson in the ${theme} theme, contrast included; screenshots`, { timeout: 300000 }, async () => {
    for (const [lesson, settle] of Object.entries(LESSONS)) {
      const { page, problems } = await openPage(site.context, `${site.url}?lesson=${lesson}&theme=${theme}`);
      const present = await waitForLesson(page, lesson, 20000).then(() => true, () => false);
      if (!present) { await page.close(); continue; } // a lesson this build does not have
      await page.waitForTimeout(settle);
      assert.equal((await themeOf(page)).theme, theme);
      assert.deepEqual(await axeViolations(page), [], `${lesson} (${theme})`);
      await screenshot(page, `theme-${theme}-${lesson}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(400);
      await screenshot(page, `theme-${theme}-${lesson}-phone`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}

test('dark: the loss chart and the analogy parallelogram draw in the theme\'s colours', { timeout: 180000 }, async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&theme=dark&epochs=5&minCount=2&speed=1000&dim=20`);
  await waitForLesson(page, 'shelves');
  await openSampleCorpus(page);
  await page.getByRole('button', { name: /Play/ }).click();
  await page.waitForSelector('body[data-training-phase="finished"]', { timeout: 120000 });
  await page.waitForTimeout(500);
  // uPlot's axis labels are drawn on its canvas in --ink: count its light pixels.
  await page.waitForSelector('.loss-plot:not([hidden]) canvas');
  const chart = await page.locator('.loss-plot canvas').first().evaluate((canvas) => {
    const g = canvas.getContext('2d');
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let light = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && data[i] > 180 && data[i + 1] > 180 && data[i + 2] > 180) light += 1;
    return { light };
  });
  assert.ok(chart.light > 50, `the chart's text and ticks are light on dark (${chart.light} light pixels)`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'theme-dark-shelves-trained');

  assert.deepEqual(problems, []);
  await page.close();

  // A new visitor (the training above was saved in this browser) on the bundled vectors.
  const { page: analogy, problems: analogyProblems } = await openPage(site.context, `${site.url}?lesson=analogy&theme=dark`);
  await waitForLesson(analogy, 'analogy');
  await analogy.waitForSelector('.parallelogram svg');
  const svg = await analogy.evaluate(() => {
    const label = document.querySelector('.parallelogram .pg-label');
    const box = document.querySelector('.parallelogram svg');
    return { label: getComputedStyle(label).fill, halo: getComputedStyle(label).stroke, box: getComputedStyle(box).backgroundColor };
  });
  assert.ok(luminance(svg.label) > 0.6 && luminance(svg.box) < 0.05 && luminance(svg.halo) < 0.05, JSON.stringify(svg));
  await screenshot(analogy, 'theme-dark-analogy-parallelogram');
  assert.deepEqual(analogyProblems, []);
  await analogy.close();
});

test('an embed on another origin takes ?theme= and switches with shelf:set', async () => {
  const embedUrl = `${site.url}embed.html?lesson=analogy&theme=dark`;
  // The course page is served from "localhost", the lesson from "127.0.0.1": two origins.
  extraPages['/theme-course.html'] =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A dark course page</title></head><body>' +
    `<iframe title="Shelf lesson" src="${embedUrl}" width="800" height="900"></iframe></body></html>`;
  const courseUrl = `${site.url.replace('127.0.0.1', 'localhost')}theme-course.html`;
  const { page, problems } = await openPage(site.context, courseUrl);
  const frame = page.frames().find((f) => f.url().startsWith(embedUrl)) ?? (await page.waitForEvent('frameattached'));
  await frame.waitForSelector('body[data-ready="true"] article[data-lesson="analogy"]');
  assert.notEqual(new URL(page.url()).origin, new URL(frame.url()).origin);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');

  const post = (message) => page.evaluate((m) => document.querySelector('iframe').contentWindow.postMessage(m, '*'), message);
  await post({ type: 'shelf:set', settings: { theme: 'light' } });
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await post({ type: 'shelf:set', settings: { theme: 'dark' } });
  await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  // A theme that does not exist is refused like any malformed command, and changes nothing.
  await post({ type: 'shelf:set', settings: { theme: 'neon' } });
  await frame.waitForFunction(() => document.body.dataset.rejectedMessages === '1');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await screenshot(page, 'theme-dark-embed-in-course-page');
  assert.deepEqual(problems.filter((p) => !/ignored a message/.test(p)), []);
  await page.close();
});
