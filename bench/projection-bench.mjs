// How long the maps take to compute, through the same code the page's worker runs: the wasm
// engine (SIMD build, build/wasm/shelf-engine.mjs) behind wasm/engine-host.js, under Node.
//
//   node bench/projection-bench.mjs [--vectors build/snapshot/default.bin] [--runs 3]
//
// - PCA (`project`) of all 20,000 words x 100 dimensions of the snapshot, and of the 1,500 the
//   library map shows;
// - the neighbour graph (`neighborGraph`, exact, 15 neighbours) and UMAP (`umap`: that graph laid
//   out by umap-js, 200 epochs, in the host's 25 ms slices) of the 5,000 and 1,500 most frequent words.
// Each figure is the median of --runs runs after one warm-up. Prints a markdown table and the command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createHost } from '../wasm/engine-host.js';

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
    const umap = await time('umap', { limit: n, neighbors: 15, epochs: 200, seed: 1 });
    rows.push([`neighbour graph (\`neighborGraph\`, k = 15, exact)`, `${words(n)} × ${dim}`, graph]);
    rows.push([`UMAP (\`umap\`: graph + umap-js, 200 epochs)`, `${words(n)} words`, umap]);
  }

  const command = `node bench/projection-bench.mjs --vectors ${path.relative(root, options.vectors)} --runs ${options.runs}`;
  console.log(`Engine ${info.version}, ${info.instructionSet}; Node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}).\n`);
  console.log('| computation | size | ms (median) |');
  console.log('|---|---|---:|');
  for (const [what, size, ms] of rows) console.log(`| ${what} | ${size} | ${ms.toFixed(0)} |`);
  console.log(`\nCommand: \`${command}\``);
}

main().catch((error) => {
  console.error(`projection-bench: ${error.message}`);
  process.exit(2);
});
