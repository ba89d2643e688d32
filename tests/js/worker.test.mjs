// wasm/worker.js for real, in a Node worker thread, driven through wasm/client.js.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createEngineClient } from '../../wasm/client.js';
import { ProtocolError } from '../../wasm/protocol.js';
import { smallTraining, startWorker, trainUntilStopped, twoTopicText, workerUnavailable, workerUrl } from './support.mjs';

const skip = workerUnavailable();

const rejectsWith = (promise, code, pattern = /./) =>
  assert.rejects(promise, (error) => error instanceof ProtocolError && error.code === code && pattern.test(error.message));

describe('worker.js in a worker thread', { skip }, () => {
  let worker;
  let engine;
  before(() => {
    ({ worker, client: engine } = startWorker());
  });
  after(() => worker.terminate());

  test('requests sent while the engine loads are answered in order', async () => {
    const [info, corpus] = await Promise.all([
      engine.init(),
      engine.loadCorpus({ text: twoTopicText(3000), minCount: 1 }),
    ]);
    assert.equal(info.simd, true, 'Node has wasm SIMD, so the SIMD engine is picked');
    assert.equal(info.instructionSet, 'wasm-simd128');
    assert.equal(corpus.vocab, 22);
  });

  test('training streams progress; aborting the signal pauses it', async () => {
    // Many epochs, so that training cannot end before the pause arrives on a busy machine.
    await engine.configure({ ...smallTraining, epochs: 100 });
    const seen = [];
    const unsubscribe = engine.onProgress((progress) => seen.push(progress));
    const controller = new AbortController();
    const stopped = new Promise((resolve) => {
      const off = engine.onProgress((progress) => {
        if (progress.wordsDone >= 6000 && progress.running) controller.abort();
        if (!progress.running) {
          off();
          resolve(progress);
        }
      });
    });
    assert.deepEqual(await engine.train({ wordsPerStep: 2000 }, { signal: controller.signal }), { running: true });
    const last = await stopped;
    unsubscribe();
    assert.ok(seen.length >= 3);
    assert.equal(last.finished, false);
    assert.ok(last.wordsDone >= 6000 && last.wordsDone < last.wordsTotal);

    const { progress } = await engine.step({ words: 1000 });
    assert.ok(progress.wordsDone > last.wordsDone);
    assert.equal(engine.pendingCount, 0, 'the pause sent on abort was answered too');
  });

  test('results arrive as typed arrays; engine errors reject with their code', async () => {
    await engine.configure(smallTraining);
    assert.equal((await trainUntilStopped(engine, { wordsPerStep: 50000 })).finished, true);
    const near = await engine.neighbors({ word: 'sheep', k: 3 });
    assert.ok(near.ids instanceof Int32Array && near.scores instanceof Float32Array);
    assert.equal(near.words.length, 3);
    await rejectsWith(engine.neighbors({ word: 'zebra' }), 'bad-input', /unknown word 'zebra'/);
    await rejectsWith(engine.neighbors({ word: 'cat', k: -1 }), 'bad-request', /`k`/);
    await rejectsWith(engine.request('fly'), 'bad-request', /unknown request type/);
  });

  test('an aborted request is cancelled', async () => {
    await rejectsWith(engine.vocabulary({}, { signal: AbortSignal.abort() }), 'cancelled');
    const controller = new AbortController();
    const pending = engine.project({ limit: 20 }, { signal: controller.signal });
    controller.abort();
    await rejectsWith(pending, 'cancelled');
    assert.equal(engine.pendingCount, 0);
    assert.equal((await engine.vocabulary({ limit: 2 })).words.length, 2, 'the worker still answers');
  });

  test('umap runs in the engine: finite points, one (x, y) per word, the same for the same seed', async () => {
    const fields = { limit: 22, neighbors: 5, epochs: 100, seed: 2 };
    const map = await engine.umap(fields);
    assert.equal(map.words.length, 22);
    assert.ok(map.ids instanceof Int32Array && map.points instanceof Float32Array);
    assert.equal(map.points.length, 44);
    assert.ok(map.points.every(Number.isFinite));
    assert.ok(new Set(map.points).size > 22, 'the points are spread out, not stacked');
    assert.deepEqual((await engine.umap(fields)).points, map.points);
    assert.notDeepEqual((await engine.umap({ ...fields, seed: 3 })).points, map.points);
    // While a long layout runs, the worker still answers; a newer request cancels it.
    const long = rejectsWith(engine.umap({ ...fields, epochs: 100000 }), 'cancelled', /newer umap/);
    assert.equal((await engine.vocabulary({ limit: 2 })).words.length, 2);
    const newer = await engine.umap(fields);
    await long;
    assert.deepEqual(newer.points, map.points);
  });

  test('files go in as bytes and come out as bytes', async () => {
    const { bytes } = await engine.exportVectors({ format: 'word2vec-binary' });
    assert.ok(bytes instanceof ArrayBuffer && bytes.byteLength > 0);
    const copy = bytes.slice(0);
    assert.deepEqual(await engine.loadVectors({ bytes, name: 'model.bin' }, { transfer: [bytes] }), { vocab: 22, dim: 16 });
    assert.equal(bytes.byteLength, 0, 'transferred, not copied');
    const again = await engine.exportVectors({ format: 'word2vec-binary' });
    assert.deepEqual(new Uint8Array(again.bytes), new Uint8Array(copy));
  });

  test('a request the worker cannot read fails what waits, and the engine answers on', async () => {
    await engine.init();
    // The shim delivers a messageerror as a browser would for a message it cannot deserialize;
    // the request sent after it is still waiting when the worker says so, and fails.
    worker.postMessage({ shimMessageError: true });
    await rejectsWith(engine.init(), 'internal', /could not read a request/);
    assert.equal((await engine.init()).simd, true);
  });

  test('a reply the page cannot read fails what waits instead of hanging', async () => {
    const listeners = {};
    const fakeWorker = { postMessage() {}, addEventListener: (type, listener) => { listeners[type] = listener; } };
    const client = createEngineClient(fakeWorker);
    const waiting = client.neighbors({ word: 'king' });
    listeners.messageerror({});
    await rejectsWith(waiting, 'internal', /reply from the engine could not be read/);
    const next = client.neighbors({ word: 'queen' });
    listeners.message({ data: { id: 2, ok: true, result: { words: ['king'] } } });
    assert.deepEqual(await next, { words: ['king'] });
  });

  test('a worker that cannot start fails its requests instead of hanging', async () => {
    const broken = startWorker('', new URL('./no-such-worker.js', workerUrl).href);
    await rejectsWith(broken.client.init(), 'internal', /engine worker failed/);
    await rejectsWith(broken.client.vocabulary(), 'internal', /engine worker failed/);
    await broken.worker.terminate();
  });

  test('?engine=scalar forces the scalar engine', async () => {
    const scalar = startWorker('?engine=scalar');
    try {
      const info = await scalar.client.init();
      assert.equal(info.simd, false);
      assert.equal(info.instructionSet, 'scalar');
    } finally {
      await scalar.worker.terminate();
    }
  });
});
