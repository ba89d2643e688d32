// Shared by the JS tests: finding and loading the built engine, a host driven in-process, and
// a small two-topic corpus.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { createEngineClient } from '../../wasm/client.js';
import { createHost } from '../../wasm/engine-host.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// ctest sets SHELF_WASM_DIR to its build folder; by hand, the preset's folder is used.
export const wasmDir = process.env.SHELF_WASM_DIR ?? path.join(repoRoot, 'build/wasm');
const engineFile = (flavour) => path.join(wasmDir, flavour === 'scalar' ? 'shelf-engine-scalar' : 'shelf-engine');

/** Why the engine tests cannot run (no build), or null. Under ctest a missing engine is a failure. */
export function missingEngine() {
  if (fs.existsSync(`${engineFile('simd')}.mjs`) && fs.existsSync(`${engineFile('scalar')}.mjs`)) return null;
  const why = `no engine in ${wasmDir}: build it with emcmake cmake -S . -B build/wasm && cmake --build build/wasm`;
  if (process.env.SHELF_WASM_DIR) throw new Error(why);
  return why;
}

/** Why wasm/worker.js cannot be tested here, or false: it loads the engine from build/wasm beside it. */
export function workerUnavailable() {
  return (
    missingEngine() ??
    (path.resolve(wasmDir) !== path.join(repoRoot, 'build/wasm') ? `worker.js loads build/wasm, not ${wasmDir}` : false)
  );
}

export const workerUrl = pathToFileURL(path.join(repoRoot, 'wasm/worker.js'));

/**
 * wasm/worker.js in a worker_threads Worker (through worker-shim.mjs), with wasm/client.js over
 * it: `{ worker, client }`. The port gives the client what it expects of a browser Worker.
 */
export function startWorker(query = '', url = workerUrl.href) {
  const worker = new Worker(new URL('./worker-shim.mjs', import.meta.url), {
    workerData: { url: `${url}${query}` },
  });
  const port = {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    addEventListener: (type, listener) => {
      worker.on(type, (value) => listener(type === 'message' ? { data: value } : value));
      // A thread that ends without an 'error' event (killed, or out of memory) must fail what waits
      // on it, as a browser's error event does; else its requests would wait forever.
      if (type === 'error') worker.on('exit', (code) => listener({ message: `the worker thread exited (code ${code})` }));
    },
  };
  return { worker, client: createEngineClient(port) };
}

/**
 * Trains until the worker says training stopped; resolves with the last progress. Subscribes
 * before asking, so the last event is seen even when training had already finished (`train`
 * then sends it before replying { running: false }), and rejects on a progress event that
 * carries an error instead of waiting on.
 */
export function trainUntilStopped(engine, fields) {
  let off;
  const stopped = new Promise((resolve, reject) => {
    off = engine.onProgress((progress, event) => {
      if (event.error) reject(new Error(`training failed: ${event.error.message}`));
      else if (!progress.running) resolve(progress);
    });
  });
  return Promise.all([engine.train(fields), stopped]).finally(off).then(([, last]) => last);
}

/** The engine module, loaded as the worker would but with the wasm bytes given (Node cannot fetch files). */
export async function loadEngine(flavour = 'simd') {
  const file = engineFile(flavour);
  const { default: createShelfEngine } = await import(pathToFileURL(`${file}.mjs`).href);
  return createShelfEngine({ wasmBinary: fs.readFileSync(`${file}.wasm`) });
}

/**
 * A host with a recorder: `call(type, fields)` resolves with the reply message (and its transfer
 * list as `reply.transfer`); events are kept in `events` and can be awaited with `nextEvent`.
 */
export function hostFor(module) {
  const host = createHost(module);
  const events = [];
  const waiters = [];
  let nextId = 1;
  const emitEvent = (message) => {
    events.push(message);
    for (const waiter of waiters.splice(0)) waiter();
  };
  return {
    host,
    events,
    async call(type, fields = {}) {
      const id = nextId++;
      let reply;
      await host.handle({ id, type, ...fields }, (message, transfer) => {
        if (message.event) emitEvent(message);
        else reply = { ...message, transfer };
      });
      if (!reply || reply.id !== id) throw new Error(`no reply to ${type}`);
      return reply;
    },
    async raw(message) {
      let reply;
      await host.handle(message, (m, transfer) => {
        if (m.event) emitEvent(m);
        else reply = { ...m, transfer };
      });
      return reply;
    },
    /** Resolves with the first event from index `from` on that satisfies `predicate`. */
    async nextEvent(predicate = () => true, from = 0, timeoutMs = 20000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('timed out waiting for an event');
        await new Promise((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

export const animals = ['cat', 'dog', 'horse', 'cow', 'sheep', 'barks', 'grazes', 'fur', 'tail', 'paw'];
export const places = ['france', 'spain', 'italy', 'germany', 'paris', 'madrid', 'rome', 'berlin', 'border', 'capital'];

/** Sentences about animals or places (never both), with shared filler words; seeded. */
export function twoTopicText(sentences, seed = 1) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const lines = [];
  for (let s = 0; s < sentences; s++) {
    const topic = s % 2 ? animals : places;
    const words = [];
    for (let w = 0; w < 8; w++) words.push(topic[next() % topic.length]);
    lines.push(`${words.join(' ')} the and`);
  }
  return `${lines.join('\n')}\n`;
}

export const smallTraining = { dim: 16, window: 3, epochs: 5, sample: 0, seed: 42 };

/** startWorker(), its engine trained (`smallTraining`) on 200 sentences of twoTopicText: `{ worker, client }`. */
export async function startTrainedWorker() {
  const started = startWorker();
  await started.client.init();
  await started.client.loadCorpus({ text: twoTopicText(200), minCount: 1 });
  await started.client.configure(smallTraining);
  await trainUntilStopped(started.client, {});
  return started;
}

/** The result of a successful engine-host reply; fails the test with the error otherwise. */
export const resultOf = (reply) => {
  assert.equal(reply.ok, true, reply.error && `${reply.error.code}: ${reply.error.message}`);
  return reply.result;
};

/** Checks that an engine-host reply failed with `code` (and a message matching `pattern`). */
export const failsWith = (reply, code, pattern) => {
  assert.equal(reply.ok, false, `expected ${code}, got ${JSON.stringify(reply.result)}`);
  assert.equal(reply.error.code, code);
  if (pattern) assert.match(reply.error.message, pattern);
};
