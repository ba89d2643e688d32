// `detectFormat` through the real worker: the page asks the engine what a file is (the sniff
// loadVectors 'auto' uses) instead of guessing from its bytes or its name. Each vectors format is
// exported by the engine itself, then recognised from its first bytes; text is not vectors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { smallTraining, startWorker, trainUntilStopped, twoTopicText, workerUnavailable } from './support.mjs';

const skip = workerUnavailable();
const encode = (text) => new TextEncoder().encode(text);

describe('detectFormat', { skip }, () => {
  let worker;
  let engine;
  before(async () => {
    ({ worker, client: engine } = startWorker());
    await engine.init();
    await engine.loadCorpus({ text: twoTopicText(200), minCount: 1 });
    await engine.configure(smallTraining);
    await trainUntilStopped(engine, {});
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
});
