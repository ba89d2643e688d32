// Does the map keep up? Two measurements in headless Chromium, printed for docs/benchmarks.md:
// zooming and panning a map of 20,000 words (the clusters lesson's whole vocabulary: every word of
// the bundled snapshot, coloured by cluster, zones and names drawn), and zooming the library map
// while the bundled corpus trains. Each records the main thread's long tasks (PerformanceObserver
// 'longtask': any task over 50 ms), the gaps between animation frames, and the map's own draw
// time. The machine the tests run on is shared and loaded, so the assertions are generous bounds;
// the figures printed are the measurement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, useSiteAndBrowser, waitForLesson } from './harness.mjs';

const site = useSiteAndBrowser();

/** Starts recording long tasks, frame gaps and the map's draw times in the page. */
async function startRecording(page, selector) {
  await page.evaluate((mapSelector) => {
    const record = { tasks: [], frames: [], draws: [] };
    window.mapRecord = record;
    new PerformanceObserver((list) => record.tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (now) => {
      record.frames.push(now - last);
      last = now;
      if (!record.stopped) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const map = document.querySelector(mapSelector);
    new MutationObserver(() => record.draws.push(Number(map.dataset.drawMs))).observe(map, { attributes: true, attributeFilter: ['data-draw-ms'] });
  }, selector);
}

async function stopRecording(page) {
  return page.evaluate(() => {
    const record = window.mapRecord;
    record.stopped = true;
    const sorted = (a) => [...a].sort((x, y) => x - y);
    const at = (a, q) => (a.length ? sorted(a)[Math.min(a.length - 1, Math.floor(q * a.length))] : 0);
    return {
      longTasks: record.tasks.length,
      longest: Math.round(Math.max(0, ...record.tasks)),
      frames: record.frames.length,
      frameMedian: Math.round(at(record.frames, 0.5)),
      frameP95: Math.round(at(record.frames, 0.95)),
      draws: record.draws.length,
      drawMedian: Number(at(record.draws, 0.5).toFixed(1)),
      drawP95: Number(at(record.draws, 0.95).toFixed(1)),
    };
  });
}

/** Wheel zooms in and out over the map's centre, with drags between: a visitor exploring. */
async function explore(page, selector, rounds) {
  const canvas = page.locator(`${selector} canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  for (let round = 0; round < rounds; round += 1) {
    await page.mouse.move(x, y);
    for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, -120);
    await page.mouse.down();
    await page.mouse.move(x + 80, y + 40, { steps: 8 });
    await page.mouse.up();
    for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, 120);
  }
  // The buttons animate the same moves.
  const map = page.locator(selector);
  for (const name of ['Zoom in', 'Zoom in', 'Move left', 'Move up', 'Zoom out', 'Show the whole map']) {
    await map.getByRole('button', { name }).click();
    await page.waitForTimeout(150);
  }
}

/** Records while `action` runs; returns the figures and how long it took. */
async function measure(page, selector, action) {
  await startRecording(page, selector);
  const started = Date.now();
  await action();
  const figures = await stopRecording(page);
  return { seconds: Number(((Date.now() - started) / 1000).toFixed(1)), ...figures };
}

const load = async () => (await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ');

test('zooming and panning a map of 20,000 words keeps the main thread free', async () => {
  // The classroom word filter off, so that all 20,000 words of the snapshot are on the map.
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=clusters&clusterWords=20000&clusters=12&wordFilter=0`);
  await waitForLesson(page, 'clusters');
  const selector = '.vocabulary-map';
  await page.waitForSelector(`${selector}[data-words="20000"][data-zones]`, { timeout: 120000 });
  await page.waitForTimeout(500);
  // The peer in the same run: the same page left alone for as long.
  const still = await measure(page, selector, () => page.waitForTimeout(6000));
  const figures = await measure(page, selector, () => explore(page, selector, 4));
  console.log(`# 20,000 words, zooming and panning: ${JSON.stringify(figures)}`);
  console.log(`# 20,000 words, left alone: ${JSON.stringify(still)}; load average ${await load()}`);
  await screenshot(page, 'map-20000-words');
  assert.ok(figures.draws > 20, `the map redrew as it was zoomed (${figures.draws} draws)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('zooming the library map while the bundled corpus trains keeps the main thread free', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}?lesson=shelves&epochs=8`);
  await waitForLesson(page, 'shelves');
  await page.waitForSelector('.scatter[data-words]');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForSelector('body[data-training-phase="running"]', { timeout: 60000 });
  const still = await measure(page, '.scatter', () => page.waitForTimeout(8000));
  const figures = await measure(page, '.scatter', () => explore(page, '.scatter', 4));
  const stats = await page.locator('[data-role=stats]').innerText();
  console.log(`# training, zooming and panning: ${JSON.stringify(figures)}`);
  console.log(`# training, map left alone: ${JSON.stringify(still)}; ${stats}; load average ${await load()}`);
  await screenshot(page, 'map-zoomed-while-training');
  if ((await page.evaluate(() => document.body.dataset.trainingPhase)) === 'running') {
    await page.getByRole('button', { name: 'Pause' }).click();
  }
  assert.ok(figures.draws > 20, `the map redrew (${figures.draws} draws)`);
  assert.deepEqual(problems, []);
  await page.close();
});
