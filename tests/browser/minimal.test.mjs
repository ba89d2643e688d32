// web/minimal.html, the smallest page over the engine (no bundler: the repository root served as
// it is, the engine from build/wasm/): it says it trains on Genesis 1–10 in a Web Worker, with
// Train and Pause, then lists a word's nearest neighbours. Both engines (SIMD and scalar).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, repoRoot, screenshot } from './harness.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

let server;
let base;
let browser;

before(async () => {
  const port = await freePort();
  // The page's own instructions: any static server of the repository root.
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], { cwd: repoRoot, stdio: 'ignore' });
  base = `http://127.0.0.1:${port}/web/minimal.html`;
  for (let i = 0; ; i += 1) {
    try {
      await fetch(base);
      break;
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

// Training the sample takes about a second: the Pause button is pressed from inside the page on
// the first progress event, or training could be over before a click from here arrives.
const pauseOnFirstProgress = () => {
  document.addEventListener('DOMContentLoaded', () => {
    const observer = new MutationObserver(() => {
      if (document.body.dataset.training !== 'training') return;
      observer.disconnect();
      document.getElementById('pause').click();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-training'] });
  });
};

for (const flavour of ['simd', 'scalar']) {
  test(`the minimal page trains, pauses, resumes and lists neighbours (${flavour} engine)`, async () => {
    const { page, problems } = await openPage(browser.context, `${base}?engine=${flavour}`, { initScript: pauseOnFirstProgress });
    await page.waitForFunction(() => document.body.dataset.training === 'paused', null, { timeout: 30000 });
    assert.match(await page.locator('#engine').innerText(), /corpus: [\d,]+ words, \d+ in the vocabulary/);
    const instructionSet = await page.evaluate(() => document.body.dataset.instructionSet);
    assert.equal(instructionSet, flavour === 'scalar' ? 'scalar' : 'wasm-simd128');
    const pausedAt = await page.locator('#progress').evaluate((bar) => bar.value);
    assert.ok(pausedAt > 0 && pausedAt < 1, `paused part way (${pausedAt})`);
    assert.ok(await page.getByRole('button', { name: 'Pause' }).isDisabled());

    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => document.body.dataset.training === 'finished', null, { timeout: 60000 });
    assert.match(await page.locator('#status').innerText(), /^finished: epoch 30\/30, loss \d/);

    // Noah's three sons are among his ten nearest words in Genesis 1–10 (a property of the text).
    await page.getByLabel('Word').fill('Noah');
    await page.getByRole('button', { name: 'Neighbours' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#neighbors li').length === 10, null, { timeout: 10000 });
    const neighbours = await page.locator('#neighbors li').allInnerTexts();
    assert.ok(neighbours.every((line) => /^\S+ -?\d\.\d{3}$/.test(line)), neighbours.join(' | '));
    const words = neighbours.map((line) => line.split(' ')[0]);
    for (const son of ['shem', 'ham', 'japheth']) assert.ok(words.includes(son), `${son} in ${words.join(', ')}`);
    if (flavour === 'simd') await screenshot(page, 'minimal-page');

    // An unknown word: the engine's own message, and the list empties.
    await page.getByLabel('Word').fill('zebra');
    await page.getByRole('button', { name: 'Neighbours' }).click();
    await page.waitForFunction(() => document.getElementById('error').textContent.includes("unknown word 'zebra'"), null, { timeout: 10000 });
    assert.equal(await page.locator('#neighbors li').count(), 0);
    assert.match(await page.getByRole('alert').innerText(), /\(bad-input\)$/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
