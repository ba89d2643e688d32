// What the page asks the engine instead of guessing or looping, through the real worker:
// `detectFormat` (what a file holds, the sniff loadVectors 'auto' uses; each vectors format is
// exported by the engine itself, then recognised from its first bytes; text is not vectors) and
// `wordVectors` (a few words' vectors in one request, each row what `vector` answers for that
// word; unknown and hidden words get id -1 and zeros).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { animals, places, smallTraining, startTrainedWorker, startWorker, workerUnavailable } from './support.mjs';

const skip = workerUnavailable();
const encode = (text) => new TextEncoder().encode(text);

describe('detectFormat and wordVectors', { skip }, () => {
  let worker;
  let engine;
  before(async () => {
    ({ worker, client: engine } = await startTrainedWorker());
  });
  after(() => worker.terminate());

  test('every format the engine writes is recognised from its start, and loads as recognised', async () => {
    const expected = { word2vec: 'word2vec-text', 'word2vec-binary': 'word2vec-binary', glove: 'glove-text', projector: 'projector-tsv' };
    for (const [format, name] of Object.entries(expected)) {
      const exported = await engine.exportVectors({ format });
      const head = format === 'projector' ? exported.vectorsTsv : new Uint8Array(exported.bytes).slice(0, 4096);
      assert.deepEqual(await engine.detectFormat({ head, name: `v.${format}` }), { format: name, problem: null }, format);
      if (format !== 'projector') {
        const loaded = await engine.loadVectors({ bytes: exported.bytes, name: 'again', format: 'auto' });
        assert.ok(loaded.vocab > 10 && loaded.dim === smallTraining.dim, format);
      }
    }
    // An ArrayBuffer does as well as a Uint8Array.
    assert.equal((await engine.detectFormat({ head: encode('king 0.1 0.2\n').buffer })).format, 'glove-text');
  });

  test('text, and binary data without a header, are not vectors: null and the reason', async () => {
    const corpus = await engine.detectFormat({ head: 'In the beginning God created the heaven and the earth.\n', name: 'genesis.txt' });
    assert.equal(corpus.format, null);
    assert.match(corpus.problem, /^genesis\.txt:1: unrecognised format/);
    const binary = await engine.detectFormat({ head: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), name: 'photo.png' });
    assert.equal(binary.format, null);
    assert.match(binary.problem, /photo\.png: not a vector file/);
    const empty = await engine.detectFormat({ head: '' });
    assert.equal(empty.format, null);
    assert.match(empty.problem, /^the file: the file is empty/);
  });

  test('a head that is neither text nor bytes is a bad request', async () => {
    await assert.rejects(engine.detectFormat({ head: new Float32Array(2) }), (error) => error.code === 'bad-request');
    await assert.rejects(engine.detectFormat({}), (error) => error.code === 'bad-request' && /missing field `head`/.test(error.message));
  });

  test('each row is what `vector` answers for that word; unknown words get id -1 and zeros', async () => {
    const words = ['CAT', animals[3], 'zebra', places[0], places[4]];
    const found = await engine.wordVectors({ words });
    assert.equal(found.dim, smallTraining.dim);
    assert.equal(found.vectors.length, words.length * found.dim);
    assert.deepEqual(found.unknown, ['zebra']);
    for (const [i, word] of words.entries()) {
      const row = found.vectors.subarray(i * found.dim, (i + 1) * found.dim);
      if (word === 'zebra') {
        assert.equal(found.ids[i], -1);
        assert.equal(found.words[i], 'zebra');
        assert.ok(row.every((x) => x === 0));
        continue;
      }
      const one = await engine.vector({ word });
      assert.equal(found.words[i], one.word);
      assert.equal(found.ids[i], one.id);
      assert.deepEqual(row, one.vector);
    }
  });

  test('a word the classroom filter hides is unknown too; bad requests are refused', async () => {
    await engine.wordFilter({ words: [animals[0]] });
    try {
      const found = await engine.wordVectors({ words: [animals[0], animals[1]] });
      assert.deepEqual(found.unknown, [animals[0]]);
      assert.deepEqual([...found.ids].map((id) => id >= 0), [false, true]);
    } finally {
      await engine.wordFilter({ words: [] });
    }
    assert.deepEqual((await engine.wordVectors({ words: [] })).unknown, []);
    await assert.rejects(engine.wordVectors({ words: 'cat' }), (error) => error.code === 'bad-request');
    await assert.rejects(engine.wordVectors({ words: Array(1001).fill('cat') }), (error) => error.code === 'bad-request' && /at most 1000/.test(error.message));
    // An engine with no vectors yet.
    const fresh = startWorker();
    try {
      await fresh.client.init();
      await assert.rejects(fresh.client.wordVectors({ words: ['cat'] }), (error) => error.code === 'no-model');
    } finally {
      await fresh.worker.terminate();
    }
  });
});
