// Recall@k of retrieval by meaning (mean and SIF pooling), by words (BM25) and both (reciprocal
// rank fusion) on the retrieval lesson's labelled questions, over the built snapshot: the same
// engine requests the page makes (`indexDocuments`, `retrievalRecall`), through the worker's host,
// with the WebAssembly engine under Node.
//
//   node bench/retrieval-recall.mjs [--vectors build/snapshot/default.bin] [--chunk 120] [--ks 1,3,5] [--questions] [--json]
//
// --questions lists each question with its rank under every method (0 = not ranked).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createHost } from '../wasm/engine-host.js';
import { labelQuestions, sharesNoWord, paragraphsOf } from '../web/lessons/retrieval-questions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const vectorsFile = path.resolve(option('--vectors', path.join(root, 'build/snapshot/default.bin')));
const chunk = Number(option('--chunk', '120'));
const ks = option('--ks', '1,3,5').split(',').map(Number);
const wasmDir = process.env.SHELF_WASM_DIR ?? path.join(root, 'build/wasm');

for (const file of [vectorsFile, path.join(wasmDir, 'shelf-engine.mjs')]) {
  if (!fs.existsSync(file)) {
    console.error(`retrieval-recall: ${file} is missing (scripts/build-site.sh builds the snapshot and the engine)`);
    process.exit(2);
  }
}

const { default: createShelfEngine } = await import(pathToFileURL(path.join(wasmDir, 'shelf-engine.mjs')).href);
const module = await createShelfEngine({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'shelf-engine.wasm')) });
const host = createHost(module);
let nextId = 1;
async function call(type, fields) {
  let reply;
  await host.handle({ id: nextId++, type, ...fields }, (message) => {
    if (!message.event) reply = message;
  });
  if (!reply.ok) throw new Error(`${type}: ${reply.error.message}`);
  return reply.result;
}

const text = fs.readFileSync(path.join(root, 'web/data/documents.txt'), 'utf8');
const set = JSON.parse(fs.readFileSync(path.join(root, 'web/data/retrieval-questions.json'), 'utf8'));
const labelled = labelQuestions(text, set.questions);
const passages = paragraphsOf(text);
const noShared = labelled.questions.filter((q, i) => sharesNoWord(q, passages[labelled.paragraphs[i]])).length;

const summary = await call('loadVectors', { bytes: fs.readFileSync(vectorsFile), name: path.basename(vectorsFile) });
await call('indexDocuments', { text, maxTokens: chunk, pooling: 'mean' });
const started = performance.now();
const recall = await call('retrievalRecall', { questions: labelled.questions, paragraphs: labelled.paragraphs, ks });
const ms = performance.now() - started;

if (args.includes('--json')) {
  console.log(JSON.stringify({
    vectors: path.relative(root, vectorsFile), vocab: summary.vocab, dim: summary.dim, chunk, questions: labelled.questions.length,
    sharingNoWord: noShared, ks: recall.ks, ms: Math.round(ms),
    methods: recall.methods.map((m) => ({ name: m.name, recall: m.recall, mrr: m.meanReciprocalRank, ranks: [...m.ranks] })),
  }));
} else {
  console.log(`${path.relative(root, vectorsFile)} (${summary.vocab} words x ${summary.dim}); ${passages.length} passages, chunks of <= ${chunk} words; ` +
    `${labelled.questions.length} questions, ${noShared} sharing no word with their passage; one retrievalRecall request: ${ms.toFixed(0)} ms`);
  const head = ['method'.padEnd(22), ...recall.ks.map((k) => `recall@${k}`.padStart(10)), 'MRR'.padStart(7)].join(' ');
  console.log(head);
  for (const m of recall.methods) {
    console.log([m.name.padEnd(22), ...m.recall.map((r) => r.toFixed(2).padStart(10)), m.meanReciprocalRank.toFixed(2).padStart(7)].join(' '));
  }
  if (args.includes('--questions')) {
    console.log(`\nrank of the answering passage (0 = not ranked): ${recall.methods.map((m) => m.name).join(' | ')}`);
    labelled.questions.forEach((q, i) => {
      const shared = sharesNoWord(q, passages[labelled.paragraphs[i]]) ? ' [no shared word]' : '';
      console.log(`${recall.methods.map((m) => String(m.ranks[i]).padStart(3)).join(' ')}  ${q} -> ${set.questions[i].passage}${shared}`);
    });
  }
}
