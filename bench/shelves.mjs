// How well the library lesson's shelves agree with the reading list's hidden topics, on a
// snapshot, computed by the engine the page runs (the wasm build, through wasm/engine-host.js,
// with the request the lesson sends: web/shelves-books.js).
//
//   node bench/shelves.mjs [vectors.bin] [--seeds N]   # default: build/snapshot/default.bin, 10 seeds
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createHost } from '../wasm/engine-host.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seedsAt = args.indexOf('--seeds');
const seeds = seedsAt >= 0 ? Number(args.splice(seedsAt, 2)[1]) : 10;
const vectors = args[0] ?? path.join(repo, 'build/snapshot/default.bin');

const engineFile = path.join(repo, 'build/wasm/shelf-engine');
const { default: createShelfEngine } = await import(pathToFileURL(`${engineFile}.mjs`).href);
const host = createHost(await createShelfEngine({ wasmBinary: readFileSync(`${engineFile}.wasm`) }));
let id = 0;
async function call(type, fields) {
  let reply;
  await host.handle({ id: ++id, type, ...fields }, (message) => {
    if (!message.event) reply = message;
  });
  if (!reply.ok) throw new Error(`${type}: ${reply.error.message}`);
  return reply.result;
}

const list = JSON.parse(readFileSync(path.join(repo, 'web/data/reading-list.json'), 'utf8'));
const words = list.topics.flatMap((topic) => topic.words);
const topics = list.topics.flatMap((topic, t) => topic.words.map(() => t));
const bytes = readFileSync(vectors);
const loaded = await call('loadVectors', { bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), name: path.basename(vectors) });

const stats = (values) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
};

console.log(`Shelves of the reading list (${words.length} words, ${list.topics.length} topics) on ${path.relative(repo, vectors)} ` +
  `(${loaded.vocab} words × ${loaded.dim} dimensions), k = ${list.topics.length}, seeds 1–${seeds}:\n`);
console.log('| vectors | purity (mean ± sd, range) | adjusted Rand index | ms per request (median) |');
console.log('|---|---|---|---|');
for (const center of [true, false]) {
  const purity = [];
  const ari = [];
  const ms = [];
  let missing = [];
  for (let seed = 1; seed <= seeds; seed += 1) {
    const start = performance.now();
    const r = await call('clusterWords', { words, topics, k: list.topics.length, seed, center, components: 2, neighborsOf: ['king'], neighbors: 8, addNeighbors: true });
    ms.push(performance.now() - start);
    purity.push(r.purity);
    ari.push(r.adjustedRand);
    missing = r.missing;
  }
  ms.sort((a, b) => a - b);
  console.log(`| ${center ? 'centred (the page’s default)' : 'raw'} | ${stats(purity)} | ${stats(ari)} | ${ms[ms.length >> 1].toFixed(1)} |`);
  if (missing.length) console.log(`\nnot in the vocabulary: ${missing.join(', ')}`);
}
const example = await call('clusterWords', { words, topics, k: list.topics.length, seed: 1, center: true });
console.log('\nThe shelves of seed 1 (centred), in bookcase order:\n');
for (const shelf of example.order) console.log(`- ${example.names[shelf]} (${example.sizes[shelf]})`);
