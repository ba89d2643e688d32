// What a first visit to each lesson costs: the bytes the server sends before the lesson is usable
// (every file of the page, its workers and the snapshot, as encoded on the wire) and the time
// from navigation to the lesson on show and to its first map, for the full page and the embed
// page. Each visit starts with an empty HTTP cache and no saved work; the service worker is
// blocked (its install comes after the lesson, and is not part of "before usable").
//
//   node bench/first-visit.mjs [--runs 3] [--site build/site] [--lessons a,b] [--json]
//
// tests/browser/first-visit.test.mjs runs one visit of each and fails past the budget.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../scripts/static-server.mjs';

/** The issue's budget for a first visit (bytes before the lesson is usable). */
export const FIRST_VISIT_BUDGET = 2_000_000;

/**
 * Records, in the page, when the lesson became usable (body[data-ready]) and when a word map
 * first had its words (.scatter[data-words]), in ms since navigation.
 */
const MARK_TIMES = () => {
  const seen = {};
  const check = () => {
    if (!seen.ready && document.body?.dataset.ready === 'true' && document.querySelector('article[data-lesson]')) {
      seen.ready = performance.now();
      document.documentElement.dataset.readyMs = String(Math.round(seen.ready));
    }
    if (!seen.map && Number(document.querySelector('.scatter')?.dataset.words) > 0) {
      seen.map = performance.now();
      document.documentElement.dataset.mapMs = String(Math.round(seen.map));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, childList: true });
};

/**
 * One first visit. `log` is the server's response log (filled by serveStatic's onResponse);
 * returns { bytes, requests, byPath, readyMs, mapMs, encodings }.
 */
export async function measureFirstVisit({ context, baseUrl, log, lesson, embed = false, query = '' }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseUrl).origin, storageTypes: 'all' });
  await page.addInitScript(MARK_TIMES);
  log.length = 0;
  const url = `${baseUrl}${embed ? 'embed.html' : ''}?lesson=${lesson}${query ? `&${query}` : ''}`;
  await page.goto(url);
  await page.waitForSelector(`html[data-ready-ms] article[data-lesson="${lesson}"]`, { timeout: 60000 });
  const usable = log.slice();
  const readyMs = Number(await page.getAttribute('html', 'data-ready-ms'));
  // A map lesson is usable with its map: wait for it (a little after ready at most).
  const hasMap = (await page.locator('.scatter').count()) > 0;
  let mapMs = null;
  if (hasMap) {
    await page.waitForSelector('html[data-map-ms]', { timeout: 60000 });
    mapMs = Number(await page.getAttribute('html', 'data-map-ms'));
  }
  const counted = hasMap ? log.slice() : usable;
  const byPath = {};
  for (const { path, bytes } of counted) byPath[path] = (byPath[path] ?? 0) + bytes;
  const encodings = [...new Set(counted.map((entry) => entry.encoding ?? 'identity'))];
  await cdp.detach();
  await page.close();
  return { bytes: counted.reduce((sum, entry) => sum + entry.bytes, 0), requests: counted.length, byPath, readyMs, mapMs, encodings };
}

/** Serves `site` with a response log. */
export async function serveWithLog(site) {
  const log = [];
  const server = await serveStatic(site, { onResponse: (entry) => log.push(entry) });
  return { server, log };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const runs = Number(option('--runs', '3'));
  const site = resolve(option('--site', 'build/site'));
  const { launchBrowser } = await import('../tests/browser/harness.mjs');
  const { LESSON_ORDER } = await import('../web/lessons/index.js').catch(() => ({ LESSON_ORDER: null }));
  const lessons = (option('--lessons', null) ?? (LESSON_ORDER ?? ['embedding', 'shelves', 'analogy', 'clusters', 'positions', 'retrieval']).join(',')).split(',');
  const { server, log } = await serveWithLog(site);
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (const lesson of lessons) {
      for (const embed of [false, true]) {
        const visits = [];
        for (let run = 0; run < runs; run += 1) {
          visits.push(await measureFirstVisit({ context: browser.context, baseUrl: server.url, log, lesson, embed }));
        }
        rows.push({
          lesson,
          page: embed ? 'embed.html' : 'index.html',
          bytes: median(visits.map((v) => v.bytes)),
          requests: median(visits.map((v) => v.requests)),
          readyMs: visits.map((v) => v.readyMs),
          mapMs: visits[0].mapMs === null ? null : visits.map((v) => v.mapMs),
          encodings: visits[0].encodings,
          largest: Object.entries(visits[0].byPath).sort((a, b) => b[1] - a[1]).slice(0, 3),
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const kb = (bytes) => `${Math.round(bytes / 1000).toLocaleString('en')} KB`;
    const times = (list) => (list ? `${median(list)} (${Math.min(...list)}–${Math.max(...list)})` : '–');
    console.log(`First visits, ${runs} run(s) each, empty cache; budget ${kb(FIRST_VISIT_BUDGET)}\n`);
    console.log('| lesson | page | bytes before usable | requests | usable, ms | first map, ms | largest files |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) {
      const largest = row.largest.map(([path, bytes]) => `${path.split('/').pop()} ${kb(bytes)}`).join(', ');
      console.log(`| ${row.lesson} | ${row.page} | ${kb(row.bytes)} | ${row.requests} | ${times(row.readyMs)} | ${times(row.mapMs)} | ${largest} |`);
    }
    console.log(`\nencodings sent: ${[...new Set(rows.flatMap((row) => row.encodings))].join(', ')}`);
  }
}
