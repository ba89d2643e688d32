// A tab left open all lesson long: trainings one after another (Play to the end, Reset, Play...)
// with a lesson switch and a PCA/UMAP change between them, as a class would leave it. After a
// warm-up cycle (the first training, the first UMAP and the first visit to each lesson fill
// caches and compile code), the page's heap, its DOM, the engine's memory and the page's speed
// must come back to where they were. SHELF_SOAK_CYCLES sets the number of trainings (default 6;
// docs/robustness.md reports a run of 50).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useSiteAndBrowser } from './harness.mjs';

const site = useSiteAndBrowser();
const CYCLES = Math.max(2, Number(process.env.SHELF_SOAK_CYCLES ?? 6));
/** An id no page request uses (the page's client counts up from 1). */
const PROBE_ID = -4242;

/**
 * The engine's own report (docs/protocol.md, `memory`), asked in the worker itself through the
 * real protocol: the reply to this id is taken before it reaches the page's client.
 */
async function engineMemory(page) {
  const worker = page.workers().find((w) => /worker/.test(w.url()) && !/persistence/.test(w.url()));
  assert.ok(worker, `the engine worker among ${page.workers().map((w) => w.url())}`);
  return worker.evaluate((id) => new Promise((resolve, reject) => {
    const original = self.postMessage;
    self.postMessage = function intercept(message, transfer) {
      if (message?.id !== id) return original.call(self, message, transfer);
      self.postMessage = original;
      if (message.ok) resolve(message.result);
      else reject(new Error(message.error?.message));
      return undefined;
    };
    self.onmessage({ data: { id, type: 'memory' } });
  }), PROBE_ID);
}

/** The page's JavaScript heap after a full garbage collection, and its element count. */
async function pageMemory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { heap: usedSize, elements };
}

/**
 * Waits for `selector` through a locator: page.waitForSelector would return an element handle,
 * and DevTools keeps every handle's element alive, which would look like a leak of each lesson's
 * DOM here (it is the test's, not the page's).
 */
const waitFor = (page, selector, timeout = 60000) => page.locator(selector).first().waitFor({ state: 'attached', timeout });
const waitForLesson = (page, id) => waitFor(page, `body[data-ready="true"] article[data-lesson="${id}"]`);

/** Milliseconds from a click on a lesson's link to the lesson on show (the page's own clock). */
async function switchLesson(page, id) {
  const started = await page.evaluate(() => performance.now());
  await page.locator(`.lesson-nav a[data-lesson="${id}"]`).click();
  await waitForLesson(page, id);
  return page.evaluate((t0) => performance.now() - t0, started);
}

async function trainOnce(page) {
  await page.getByRole('button', { name: /Play|Train again/ }).click();
  await waitFor(page, 'body[data-training-phase="finished"]', 120000);
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitFor(page, 'body[data-training-phase="ready"], body[data-training-phase="idle"]');
}

async function setProjection(page, projection) {
  await page.getByLabel(projection === 'umap' ? /^UMAP/ : /^PCA/).check();
  await waitFor(page, `.scatter[data-projection="${projection}"]`);
}

/** One cycle: a training, a projection change, a visit to two other lessons and back. */
async function cycle(page, i) {
  await trainOnce(page);
  await setProjection(page, i % 2 ? 'pca' : 'umap');
  const times = [await switchLesson(page, 'analogy'), await switchLesson(page, 'embedding'), await switchLesson(page, 'shelves')];
  return Math.max(...times);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

test(`${CYCLES} trainings in a row leave memory and speed where the first left them`, { timeout: 60000 + CYCLES * 60000 }, async () => {
  // The bundled corpus (1.5 million words), one epoch a training, as fast as it goes (the pace does
  // not change what is kept between trainings, and the suite stays short).
  // The most frequent words as the books: UMAP lays out only those (the reading list stays PCA).
  const settings = 'epochs=1&speed=0&seed=3&books=frequent';
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&${settings}`);
  const cdp = await site.context.newCDPSession(page);
  await waitForLesson(page, 'shelves');

  // Warm-up, then the baseline.
  await cycle(page, 0);
  await setProjection(page, 'pca');
  const before = { page: await pageMemory(page, cdp), engine: await engineMemory(page) };
  const started = Date.now();
  const switches = [];
  for (let i = 1; i < CYCLES; i += 1) switches.push(await cycle(page, i));
  await setProjection(page, 'pca');
  const after = { page: await pageMemory(page, cdp), engine: await engineMemory(page) };

  const firstSwitches = switches.slice(0, 3).sort((a, b) => a - b)[1] ?? switches[0];
  const lastSwitches = switches.slice(-3).sort((a, b) => a - b)[1] ?? switches.at(-1);
  console.log(`# soak: ${CYCLES} trainings in ${((Date.now() - started) / 1000).toFixed(0)} s after the warm-up`);
  console.log(`# page heap ${mb(before.page.heap)} → ${mb(after.page.heap)}; elements ${before.page.elements} → ${after.page.elements}`);
  console.log(`# engine heap in use ${mb(before.engine.heapUsed)} → ${mb(after.engine.heapUsed)}; wasm memory ${mb(before.engine.wasmBytes)} → ${mb(after.engine.wasmBytes)}`);
  console.log(`# slowest lesson switch of a cycle (median of 3): first cycles ${firstSwitches.toFixed(0)} ms, last cycles ${lastSwitches.toFixed(0)} ms`);

  // A leak of one retained map, chart or corpus per training would add megabytes by now.
  assert.ok(after.page.heap <= before.page.heap * 1.1 + 1e6, `page heap ${mb(before.page.heap)} → ${mb(after.page.heap)}`);
  assert.ok(Math.abs(after.page.elements - before.page.elements) <= 50, `elements ${before.page.elements} → ${after.page.elements}`);
  assert.ok(after.engine.heapUsed <= before.engine.heapUsed + 256 * 1024, `engine heap ${before.engine.heapUsed} → ${after.engine.heapUsed}`);
  // Freed memory is reused: the wasm memory grows only when something is kept.
  assert.ok(after.engine.wasmBytes <= before.engine.wasmBytes * 1.1, `wasm memory ${before.engine.wasmBytes} → ${after.engine.wasmBytes}`);
  // As responsive at the end as at the start (generous: the test machine is shared and noisy).
  assert.ok(lastSwitches <= firstSwitches * 2 + 150, `lesson switch ${firstSwitches} → ${lastSwitches} ms`);
  assert.deepEqual(problems, []);
  await cdp.detach();
  await page.close();
});
