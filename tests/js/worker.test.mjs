// wasm/worker.js for real, in a Node worker thread, driven through wasm/client.js.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { createEngineClient } from '../../wasm/client.js';
import { ProtocolError } from '../../wasm/protocol.js';
import { missingEngine, repoRoot, smallTraining, twoTopicText, wasmDir } from './support.mjs';

// worker.js loads the engine from build/wasm beside it; another build folder cannot be tested here.
const skip =
  missingEngine() ??
  (path.resolve(wasmDir) !== path.join(repoRoot, 'build/wasm') ? `worker.js loads build/wasm, not ${wasmDir}` : false);

const workerUrl = pathToFileURL(path.join(repoRoot, 'wasm/worker.js'));

// What client.js expects of a browser Worker, over a worker_threads Worker.
function startWorker(query = '', url = workerUrl.href) {
  const worker = new Worker(new URL('./worker-shim.mjs', import.meta.url), {
    workerData: { url: `${url}${query}` },
  });
  const port = {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    addEventListener: (type, listener) =>
      worker.on(type, (value) => listener(type === 'message' ? { data: value } : value)),
  };
  return { worker, client: createEngineClient(port) };
}

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
    await engine.configure(smallTraining);
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
    await engine.train({ wordsPerStep: 50000 });
    await new Promise((resolve) => {
      const off = engine.onProgress((p) => p.finished && (off(), resolve()));
    });
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

  test('files go in as bytes and come out as bytes', async () => {
    const { bytes } = await engine.exportVectors({ format: 'word2vec-binary' });
    assert.ok(bytes instanceof ArrayBuffer && bytes.byteLength > 0);
    const copy = bytes.slice(0);
    assert.deepEqual(await engine.loadVectors({ bytes, name: 'model.bin' }, { transfer: [bytes] }), { vocab: 22, dim: 16 });
    assert.equal(bytes.byteLength, 0, 'transferred, not copied');
    const again = await engine.exportVectors({ format: 'word2vec-binary' });
    assert.deepEqual(new Uint8Array(again.bytes), new Uint8Array(copy));
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
