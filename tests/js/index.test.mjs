// The `index` request and approximate neighbours, through engine-host.js on both engines.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { ErrorCode, ProtocolError, parseRequest } from '../../wasm/protocol.js';
import { failsWith, hostFor, loadEngine, missingEngine, resultOf } from './support.mjs';

const skip = missingEngine() ?? false;

// `words` words in `dim` dimensions around a few centres, as a word2vec text file (fixed seed).
function clusteredVectors(words, dim, seed = 7) {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const centres = Array.from({ length: 8 }, () => Array.from({ length: dim }, () => random() * 2 - 1));
  const lines = [`${words} ${dim}`];
  for (let w = 0; w < words; w++) {
    const centre = centres[Math.floor(random() * centres.length)];
    lines.push(`w${w} ${centre.map((c) => (c + 0.3 * (random() - 0.5)).toFixed(5)).join(' ')}`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

test('index and approximate fields are checked', () => {
  const isBad = (pattern) => (error) =>
    error instanceof ProtocolError && error.code === ErrorCode.badRequest && pattern.test(error.message);
  assert.deepEqual(parseRequest({ id: 1, type: 'index' }).fields, {
    kind: 'hnsw', quantize: 'none', m: 16, efConstruction: 100, seed: 1, itemsPerStep: 2000,
  });
  assert.deepEqual(parseRequest({ id: 1, type: 'neighbors', word: 'a' }).fields, { word: 'a', k: 10, approximate: false });
  assert.throws(() => parseRequest({ id: 1, type: 'index', kind: 'lsh' }), isBad(/'hnsw', 'exact'/));
  assert.throws(() => parseRequest({ id: 1, type: 'index', quantize: 'pq' }), isBad(/'none', 'int8'/));
  assert.throws(() => parseRequest({ id: 1, type: 'index', m: 1 }), isBad(/>= 2/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', word: 'a', ef: 10 }), isBad(/needs `approximate: true`/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', word: 'a', approximate: 1 }), isBad(/true or false/));
});

for (const flavour of ['simd', 'scalar']) {
  describe(`approximate neighbours (${flavour})`, { skip }, () => {
    let module;
    before(async () => {
      module = await loadEngine(flavour);
    });

    test('an index built in slices answers like the exact search', async () => {
      const h = hostFor(module);
      failsWith(await h.call('index'), 'no-model', /no vectors yet/);
      resultOf(await h.call('loadVectors', { bytes: clusteredVectors(1200, 16), name: 'clusters.vec' }));
      failsWith(await h.call('neighbors', { word: 'w3', approximate: true }), 'no-model', /index them first/);

      const status = resultOf(await h.call('index', { itemsPerStep: 500 }));
      assert.deepEqual(
        { kind: status.kind, quantize: status.quantize, done: status.done, total: status.total, complete: status.complete },
        { kind: 'hnsw', quantize: 'none', done: 1200, total: 1200, complete: true },
      );
      assert.equal(status.float32Bytes, 1200 * 16 * 4);
      assert.ok(status.bytes > status.float32Bytes, 'float32: graph + the float rows');
      const slices = h.events.filter((e) => e.event === 'indexProgress').map((e) => e.index.done);
      assert.deepEqual(slices, [500, 1000, 1200]);

      let hits = 0;
      for (let w = 0; w < 60; w++) {
        const word = `w${w * 11}`;
        const exact = resultOf(await h.call('neighbors', { word, k: 10 }));
        const ann = resultOf(await h.call('neighbors', { word, k: 10, approximate: true, ef: 64 }));
        assert.ok(ann.ids instanceof Int32Array && ann.scores instanceof Float32Array);
        assert.equal(ann.words.length, 10);
        assert.ok(!ann.words.includes(word));
        hits += [...ann.ids].filter((id) => exact.ids.includes(id)).length;
      }
      assert.ok(hits / 600 >= 0.95, `recall ${hits / 600}`);

      const { vector } = resultOf(await h.call('vector', { word: 'w9' }));
      const byVector = resultOf(await h.call('neighbors', { vector, k: 1, approximate: true }));
      assert.deepEqual(byVector.words, ['w9']);

      const int8 = resultOf(await h.call('index', { quantize: 'int8', m: 8 }));
      assert.equal(int8.quantize, 'int8');
      // int8 codes and a compacted graph: uncompacted, the m = 8 links alone would be a third.
      assert.ok(int8.bytes < 0.3 * status.bytes, `int8 ${int8.bytes} bytes, float32 ${status.bytes}`);
      assert.equal(resultOf(await h.call('neighbors', { word: 'w5', k: 5, approximate: true })).ids.length, 5);

      const exactKind = resultOf(await h.call('index', { kind: 'exact' }));
      assert.equal(exactKind.bytes, 0);
      const a = resultOf(await h.call('neighbors', { word: 'w5', k: 7, approximate: true }));
      const b = resultOf(await h.call('neighbors', { word: 'w5', k: 7 }));
      assert.deepEqual([...a.ids], [...b.ids]);

      // New vectors drop the index.
      resultOf(await h.call('loadVectors', { bytes: clusteredVectors(50, 4, 3), name: 'small.vec' }));
      failsWith(await h.call('neighbors', { word: 'w1', approximate: true }), 'no-model', /index them first/);
    });

    test('a newer index request cancels one still building', async () => {
      const h = hostFor(module);
      resultOf(await h.call('loadVectors', { bytes: clusteredVectors(3000, 8), name: 'clusters.vec' }));
      const first = h.call('index', { itemsPerStep: 100 });
      const second = h.call('index', { itemsPerStep: 3000, m: 4 });
      failsWith(await first, 'cancelled', /newer index/);
      assert.equal(resultOf(await second).complete, true);
    });
  });
}
