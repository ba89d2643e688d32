// Shared by the JS tests: finding and loading the built engine, a host driven in-process, and
// a small two-topic corpus.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
