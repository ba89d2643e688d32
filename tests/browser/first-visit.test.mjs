// A first visit to every lesson, as the full page and as an embed, with an empty cache: the bytes
// sent before the lesson is usable (its map drawn, for lessons with a map) stay within the budget
// of issue 13 (2 MB), thanks to the compact snapshot (shelf-int8) and the precompressed files
// (scripts/precompress.mjs) the static server sends with Content-Encoding. The time to the lesson
// and to its first map is printed; docs/benchmarks.md records it (bench/first-visit.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FIRST_VISIT_BUDGET, measureFirstVisit, serveWithLog } from '../../bench/first-visit.mjs';
import { launchBrowser, siteDir } from './harness.mjs';

const LESSONS = ['embedding', 'shelves', 'analogy', 'clusters', 'positions', 'retrieval'];
let served;
let browser;
before(async () => {
  served = await serveWithLog(siteDir);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await served?.server.close();
});

test('a first visit to any lesson sends at most 2 MB before the lesson is usable', { timeout: 600000 }, async () => {
  const present = [];
  for (const lesson of LESSONS) {
    for (const embed of [false, true]) {
      const visit = await measureFirstVisit({ context: browser.context, baseUrl: served.server.url, log: served.log, lesson, embed })
        .catch((error) => (/article\[data-lesson/.test(error.message) ? null : Promise.reject(error)));
      if (!visit) continue; // a lesson this build does not have
      present.push(lesson);
      const where = `${embed ? 'embed.html' : 'index.html'}?lesson=${lesson}`;
      console.log(`# ${where}: ${(visit.bytes / 1e6).toFixed(2)} MB in ${visit.requests} requests (${visit.encodings.join(', ')}); ` +
        `usable after ${visit.readyMs} ms${visit.mapMs === null ? '' : `, first map after ${visit.mapMs} ms`}`);
      assert.ok(visit.bytes <= FIRST_VISIT_BUDGET, `${where}: ${visit.bytes} bytes > ${FIRST_VISIT_BUDGET}: ${JSON.stringify(visit.byPath)}`);
      // The snapshot is the compact one, compressed on the wire; the corpus waits for training.
      assert.ok(visit.byPath['/data/default.q8'] > 0, `${where} loaded the compact snapshot`);
      assert.equal(visit.byPath['/data/default.txt'], undefined, `${where} fetched the corpus`);
    }
  }
  assert.ok(present.includes('shelves') && present.includes('analogy'), `lessons measured: ${present}`);
});

test('the server sends a precompressed copy only to a browser that accepts it, and says so', async () => {
  const url = new URL('data/default.q8', served.server.url);
  const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const plainBytes = new Uint8Array(await plain.arrayBuffer());
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
  assert.equal(new TextDecoder().decode(plainBytes.slice(0, 11)), 'shelf-int8 ');
  for (const encoding of ['br', 'gzip']) {
    // Node's fetch decodes what it is sent: the same bytes come back, fewer go over the wire.
    const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
    assert.equal(response.headers.get('content-encoding'), encoding);
    assert.ok(Number(response.headers.get('content-length')) < plainBytes.length * 0.9);
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), plainBytes);
  }
});
