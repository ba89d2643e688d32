// What the classroom word filter costs and hides, on the bundled snapshot, through the protocol
// on the SIMD engine under Node (the page's path, without the worker's message passing):
//
//   node bench/word-filter.mjs [build/snapshot/default.bin] [--rounds 5]
//
// For each request the page makes often (neighbours, an analogy, the 2,000-word map, the
// vocabulary list), the median time with the filter off and on, in the same run, interleaved,
// and their ratio; and how many words of the snapshot the list hides. Prints Markdown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { hostFor, loadEngine, resultOf } from '../tests/js/support.mjs';
import { FILTER_LIST } from '../web/word-filter.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let rounds = 5;
let snapshot = path.join(repo, 'build/snapshot/default.bin');
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else snapshot = args[i];
}

const { call } = hostFor(await loadEngine('simd'));
const bytes = readFileSync(snapshot);
const loaded = resultOf(await call('loadVectors', { bytes, name: path.basename(snapshot) }));
const words = resultOf(await call('vocabulary', { limit: 200 })).words;

const requests = {
  'neighbors (k = 10), 200 words': async () => { for (const word of words) await call('neighbors', { word, k: 10 }); },
  'analogy (k = 10), 50 questions': async () => {
    for (let i = 0; i < 50; i += 1) await call('analogy', { a: words[i], b: words[i + 50], c: words[i + 100], k: 10 });
  },
  'project (2,000 words, PCA)': async () => { resultOf(await call('project', { limit: 2000, align: false })); },
  'vocabulary (5,000 words)': async () => { resultOf(await call('vocabulary', { limit: 5000 })); },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = Object.fromEntries(Object.keys(requests).map((name) => [name, { off: [], on: [] }]));
let status;
for (let round = 0; round < rounds; round += 1) {
  for (const setting of round % 2 ? ['on', 'off'] : ['off', 'on']) {
    status = resultOf(await call('wordFilter', { words: setting === 'on' ? FILTER_LIST : [] }));
    for (const [name, run] of Object.entries(requests)) {
      const start = performance.now();
      await run();
      times[name][setting].push(performance.now() - start);
    }
  }
}
const on = resultOf(await call('wordFilter', { words: FILTER_LIST }));

console.log(`Snapshot ${path.basename(snapshot)}: ${loaded.vocab} words × ${loaded.dim}; the list (npm naughty-words ${JSON.parse(readFileSync(path.join(repo, 'node_modules/naughty-words/package.json'), 'utf8')).version}, en) has ${FILTER_LIST.length} entries, ${on.listed} single words; **${on.hidden} words of the snapshot are hidden**.\n`);
console.log(`| request | filter off (ms, median of ${rounds}) | filter on (ms) | on / off |`);
console.log('|---|---:|---:|---:|');
for (const [name, { off, on: filtered }] of Object.entries(times)) {
  const a = median(off);
  const b = median(filtered);
  console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)} |`);
}
void status;
