// How long the maps take to compute, through the same code the page's worker runs: the wasm
// engine (SIMD build, build/wasm/shelf-engine.mjs) behind wasm/engine-host.js, under Node.
//
//   node bench/projection-bench.mjs [--vectors build/snapshot/default.bin] [--runs 3]
//
// - PCA (`project`) of all 20,000 words x 100 dimensions of the snapshot, and of the 1,500 the
//   library map shows;
// - the neighbour graph (`neighborGraph`, exact, 15 neighbours) and UMAP (`umap`: that graph laid
//   out by the engine, 200 epochs, in the host's 25 ms slices) of the 5,000 and 1,500 most frequent words;
// - UMAP's parts, the engine's against umap-js (bench/umap-js-peer.mjs) on the same graph: setup
//   (fuzzy graph, schedule, start) and the 200 epochs, in ms and ms per epoch, and the ratio.
// Each figure is the median of --runs runs after one warm-up, except umap-js's (one run each: it
// takes tens of seconds). Prints markdown tables and the command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createHost } from '../wasm/engine-host.js';
import { startUmap } from './umap-js-peer.mjs';

/** Epochs of every UMAP here: the protocol's default, what the page asks for a fresh layout. */
const UMAP_EPOCHS = 200;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { vectors: path.join(root, 'build/snapshot/default.bin'), runs: 3 };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--vectors') options.vectors = argv[++i];
    else if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}; usage: projection-bench.mjs [--vectors FILE] [--runs N]`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be a whole number >= 1');
  return options;
}

async function loadEngine() {
  const file = path.join(root, 'build/wasm/shelf-engine');
  if (!fs.existsSync(`${file}.mjs`)) throw new Error(`no engine at ${file}.mjs: run scripts/build.sh wasm`);
  const { default: createShelfEngine } = await import(pathToFileURL(`${file}.mjs`).href);
  // Node cannot fetch the .wasm by path: hand it the bytes.
  return createShelfEngine({ wasmBinary: fs.readFileSync(`${file}.wasm`) });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const module = await loadEngine();
  const host = createHost(module);
  let nextId = 1;
  const call = async (type, fields = {}) => {
    let reply;
    await host.handle({ id: nextId++, type, ...fields }, (message) => {
      if (!message.event) reply = message;
    });
    if (!reply.ok) throw new Error(`${type}: ${reply.error.code}: ${reply.error.message}`);
    return reply.result;
  };
  const info = await call('init');
  if (!info.simd) throw new Error('the SIMD engine did not load');
  const bytes = fs.readFileSync(options.vectors);
  const { vocab, dim } = await call('loadVectors', { bytes, name: path.basename(options.vectors) });

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  async function time(type, fields) {
    await call(type, fields); // warm-up
    const ms = [];
    for (let run = 0; run < options.runs; run += 1) {
      const start = performance.now();
      await call(type, fields);
      ms.push(performance.now() - start);
    }
    return median(ms);
  }

  const rows = [];
  const words = (n) => Math.min(n, vocab);
  for (const n of [vocab, 1500]) {
    rows.push([`PCA (\`project\`, 2 components)`, `${words(n)} × ${dim}`, await time('project', { limit: n, components: 2, align: false })]);
  }
  for (const n of [5000, 1500]) {
    const graph = await time('neighborGraph', { limit: n, k: 15 });
    const umap = await time('umap', { limit: n, neighbors: 15, epochs: UMAP_EPOCHS, seed: 1 });
    rows.push([`neighbour graph (\`neighborGraph\`, k = 15, exact)`, `${words(n)} × ${dim}`, graph]);
    rows.push([`UMAP (\`umap\`: graph + layout in the engine, ${UMAP_EPOCHS} epochs, 25 ms slices)`, `${words(n)} words`, umap]);
  }

  // UMAP's own parts on one graph: the engine's (stepped directly, one epoch per call, as the
  // worker does) against umap-js's.
  const session = new module.Session();
  session.loadVectors(new Uint8Array(bytes), path.basename(options.vectors), 'auto', 0);
  const parts = [];
  for (const n of [5000, 1500]) {
    const engineRuns = [];
    const graph = session.neighborGraph(n, 15);
    const umapOptions = { minDist: 0.1, epochs: UMAP_EPOCHS, learningRate: 1, seed: 1 };
    for (let run = 0; run <= options.runs; run += 1) {
      let start = performance.now();
      const layout = module.umapOfGraph(graph, umapOptions);
      const setup = performance.now() - start;
      start = performance.now();
      while (!layout.step(1).finished);
      const epochs = performance.now() - start;
      layout.delete();
      if (run > 0) engineRuns.push({ setup, epochs }); // run 0 warms up
    }
    const engine = { setup: median(engineRuns.map((r) => r.setup)), epochs: median(engineRuns.map((r) => r.epochs)) };

    let start = performance.now();
    const peer = startUmap(graph, umapOptions);
    const peerSetup = performance.now() - start;
    start = performance.now();
    while (!peer.step());
    const peerEpochs = performance.now() - start;
    if (!peer.points().every(Number.isFinite)) throw new Error('umap-js gave non-finite points');
    parts.push({ n: words(n), engine, peer: { setup: peerSetup, epochs: peerEpochs } });
  }
  session.delete();

  const command = `node bench/projection-bench.mjs --vectors ${path.relative(root, options.vectors)} --runs ${options.runs}`;
  console.log(`Engine ${info.version}, ${info.instructionSet}; Node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}).\n`);
  console.log('| computation | size | ms (median) |');
  console.log('|---|---|---:|');
  for (const [what, size, ms] of rows) console.log(`| ${what} | ${size} | ${ms.toFixed(0)} |`);
  console.log(`\nUMAP alone (the same exact 15-neighbour graph, ${UMAP_EPOCHS} epochs, min_dist 0.1, seed 1; the graph not counted):\n`);
  console.log('| words | engine setup ms | engine epochs ms | engine ms/epoch | engine total ms | umap-js setup ms | umap-js epochs ms | umap-js ms/epoch | umap-js total ms | umap-js / engine |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { n, engine, peer } of parts) {
    const total = engine.setup + engine.epochs;
    const peerTotal = peer.setup + peer.epochs;
    const cells = [engine.setup, engine.epochs, engine.epochs / UMAP_EPOCHS, total, peer.setup, peer.epochs, peer.epochs / UMAP_EPOCHS, peerTotal];
    console.log(`| ${n} | ${cells.map((ms) => ms.toFixed(ms < 10 ? 1 : 0)).join(' | ')} | ${(peerTotal / total).toFixed(1)} |`);
  }
  console.log(`\nCommand: \`${command}\``);
}

main().catch((error) => {
  console.error(`projection-bench: ${error.message}`);
  process.exit(2);
});
