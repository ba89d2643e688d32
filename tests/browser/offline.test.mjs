// Works offline once loaded: the service worker (web/sw.js, build/site/sw.js) precaches the site,
// so that with the network gone a reload still shows the lesson and the engine still answers,
// in the full page and in the embed page; the corpus is cached the first time it is downloaded;
// an older build's cache is deleted when the worker activates, other sites' caches are not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, screenshot, siteDir, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser({}, { serviceWorkers: 'allow' });

/** The build's version and file lists, as written into sw.js by scripts/make-service-worker.mjs. */
function builtWorker() {
  const source = readFileSync(join(siteDir, 'sw.js'), 'utf8');
  return JSON.parse(source.match(/^const BUILD = (\{.*\}); \/\/ filled in by the build$/m)[1]);
}

/** Before the site's own scripts, once per tab: an older build's cache and another app's cache. */
function seedOtherCaches() {
  if (sessionStorage.getItem('seeded')) return;
  sessionStorage.setItem('seeded', '1');
  caches.open('shelf-0000000000000000');
  caches.open('another-app');
}

async function neighbours(page, word) {
  await page.getByLabel('Word', { exact: true }).fill(word);
  await page.getByRole('button', { name: 'Find neighbours' }).click();
  await page.waitForFunction((w) => document.querySelector('.neighbor-list + .hint')?.textContent.includes(`“${w}”`), word);
  return page.locator('.neighbor-list li .word').allInnerTexts();
}

test('after one visit, a reload with the network gone shows the lesson, and the engine answers', async () => {
  const build = builtWorker();
  assert.ok(build.precache.includes('index.html') && build.precache.includes('embed.html'));
  assert.deepEqual(build.precache.filter((path) => path.endsWith('.wasm')).length, 2, 'both engines are precached');
  assert.deepEqual(build.onDemand, ['data/default.txt']);

  const { page, problems } = await openPage(site.context, `${site.url}?lesson=analogy&near=spain`, { initScript: seedOtherCaches });
  await waitForLesson(page, 'analogy');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), ['another-app', `shelf-${build.version}`],
    'the older build\'s cache is gone, another app\'s stays');
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), `shelf-${build.version}`);
  assert.deepEqual(cached.map((url) => url.slice(site.url.length)).sort(), [...build.precache].sort());

  await site.context.setOffline(true);
  try {
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.reload();
    await waitForLesson(page, 'analogy');
    await page.waitForSelector('.neighbor-list li');
    assert.match(await page.locator('.neighbor-list + .hint').innerText(), /nearest neighbours of “spain”/);
    const words = await neighbours(page, 'france');
    assert.equal(words.length, 10);
    assert.ok(words.includes('spain') || words.includes('italy'), `neighbours of france offline: ${words.join(', ')}`);
    await page.waitForSelector('[data-fact="rank"]');
    await screenshot(page, 'offline-analogy');

    // Live training needs the corpus, which is not precached: offline, before any download, Play
    // says so and the page carries on.
    await page.locator('.lesson-nav a[data-lesson="shelves"]').click();
    await waitForLesson(page, 'shelves');
    const problemsBefore = problems.length;
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByText(/corpus \(\d+ MB\) could not be downloaded: the network is unreachable/).waitFor();
    // The browser itself logs the failed download; nothing else may go wrong.
    const fromPlay = problems.splice(problemsBefore);
    assert.ok(fromPlay.length === 1 && /Failed to load resource: net::ERR_/.test(fromPlay[0]), fromPlay.join('\n'));
    await page.locator('.lesson-nav a[data-lesson="analogy"]').click();
    await waitForLesson(page, 'analogy');
    assert.equal((await neighbours(page, 'spain')).length, 10);

    // The embed page too, at a URL never opened before (its settings differ).
    const { page: embed, problems: embedProblems } = await openPage(site.context, `${site.url}embed.html?lesson=embedding&word=shepherd&other=flock`);
    await waitForLesson(embed, 'embedding');
    await embed.waitForSelector('[data-fact="cosine"]');
    assert.match(await embed.locator('.similarity .sentence').innerText(), /shepherd.*flock/);
    await screenshot(embed, 'offline-embed-embedding');
    assert.deepEqual(embedProblems, []);
    await embed.close();
  } finally {
    await site.context.setOffline(false);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the corpus is cached the first time it is downloaded, and then reads offline', async () => {
  const build = builtWorker();
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=embedding`);
  await waitForLesson(page, 'embedding');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
  const isCached = () => page.evaluate(async (name) => Boolean(await (await caches.open(name)).match('data/default.txt')), `shelf-${build.version}`);
  assert.equal(await isCached(), false, 'not precached');
  const online = await page.evaluate(() => fetch('data/default.txt').then((r) => r.text()).then((t) => t.length));
  await page.waitForFunction(async (name) => Boolean(await (await caches.open(name)).match('data/default.txt')), `shelf-${build.version}`);
  await site.context.setOffline(true);
  try {
    const offline = await page.evaluate(() => fetch('data/default.txt').then((r) => r.text()).then((t) => t.length));
    assert.equal(offline, online);
    assert.ok(online > 1e6, `${online} characters`);
  } finally {
    await site.context.setOffline(false);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
