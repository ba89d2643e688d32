// JavaScript peers of `node build/wasm/shelf.js bench-search`, on the files that
// `shelf bench-search --dump DIR` wrote (base.f32, queries.f32, truth.i32: Shelf's exact top-k).
//
//   node bench/search_compare.mjs DIR --dim D [--k 10] [--ef 16,32,64] [--m 16]
//        [--ef-construction 100] [--exact-queries 200] [--voy-queries 100] [--skip voy,hnswlib,hnsw-graph]
//
// - plain: a Float32Array loop, one query at a time (what a page would write by hand);
// - hnswlib-wasm: BruteforceSearch ('ip') and HierarchicalNSW ('ip', same m, ef_construction;
//   an ef sweep over all queries, each point the fastest of three passes);
// - voy-search: its index (a k-d tree, Euclidean: the same ranking on unit vectors).
// Exact methods run on the first --exact-queries queries (they are slow); recall@k against
// truth.i32. Prints one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const options = { k: 10, ef: '16,32,64,128', m: 16, efConstruction: 100, exactQueries: 200, voyQueries: 100, skip: '' };
  const names = { '--dim': 'dim', '--k': 'k', '--ef': 'ef', '--m': 'm', '--ef-construction': 'efConstruction',
    '--exact-queries': 'exactQueries', '--voy-queries': 'voyQueries', '--skip': 'skip' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (names[argv[i]]) options[names[argv[i]]] = argv[++i];
    else rest.push(argv[i]);
  }
  if (rest.length !== 1 || !options.dim) throw new Error('usage: search_compare.mjs DIR --dim D [options]');
  for (const key of ['dim', 'k', 'm', 'efConstruction', 'exactQueries', 'voyQueries']) options[key] = Number(options[key]);
  options.dir = rest[0];
  options.efs = String(options.ef).split(',').map(Number);
  options.skip = new Set(String(options.skip).split(',').filter(Boolean));
  return options;
}

function readFloats(file) {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function rowsOf(flat, dim) {
  const rows = [];
  for (let r = 0; r < flat.length / dim; r++) rows.push(flat.subarray(r * dim, (r + 1) * dim));
  return rows;
}

function recall(found, truth, k) {
  let hits = 0;
  for (let q = 0; q < found.length; q++) {
    const want = new Set(truth.subarray(q * k, (q + 1) * k));
    for (const id of found[q]) if (want.has(id)) hits++;
  }
  return hits / (found.length * k);
}

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const now = () => process.hrtime.bigint();

// The loop a page would write: scores of every row, the k best kept in a small sorted array.
function plainTopK(base, n, dim, query, k) {
  const ids = new Int32Array(k).fill(-1);
  const scores = new Float32Array(k).fill(-Infinity);
  for (let r = 0, offset = 0; r < n; r++, offset += dim) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += base[offset + i] * query[i];
    if (s <= scores[k - 1]) continue;
    let j = k - 1;
    while (j > 0 && scores[j - 1] < s) {
      scores[j] = scores[j - 1];
      ids[j] = ids[j - 1];
      j--;
    }
    scores[j] = s;
    ids[j] = r;
  }
  return ids;
}

async function loadVoy() {
  const dir = path.dirname(require.resolve('voy-search/package.json'));
  const glue = await import(path.join(dir, 'voy_search_bg.js'));
  const bytes = fs.readFileSync(path.join(dir, 'voy_search_bg.wasm'));
  // The package targets bundlers (it imports its .wasm); instantiate it by hand for Node.
  const { instance } = await WebAssembly.instantiate(bytes, { './voy_search_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  return glue;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const base = readFloats(path.join(o.dir, 'base.f32'));
  const queries = rowsOf(readFloats(path.join(o.dir, 'queries.f32')), o.dim);
  const truthBytes = fs.readFileSync(path.join(o.dir, 'truth.i32'));
  const truth = new Int32Array(truthBytes.buffer, truthBytes.byteOffset, truthBytes.byteLength / 4);
  const n = base.length / o.dim;
  const rows = rowsOf(base, o.dim);
  const exactQueries = queries.slice(0, Math.min(o.exactQueries, queries.length));
  const out = { n, dim: o.dim, queries: queries.length, k: o.k, node: process.version };

  {
    const found = [];
    const start = now();
    for (const q of exactQueries) found.push(plainTopK(base, n, o.dim, q, o.k));
    out.plain = { queries: exactQueries.length, exact_qps: exactQueries.length / seconds(start),
      recall: recall(found, truth, o.k) };
  }

  if (!o.skip.has('hnswlib')) {
    globalThis.window = globalThis; // hnswlib-wasm looks for a browser
    const log = console.log;
    console.log = () => {}; // it announces its (browser-only) file system on stdout
    const { loadHnswlib } = await import('hnswlib-wasm/dist/hnswlib.js');
    const lib = await loadHnswlib();
    console.log = log;
    const result = { version: JSON.parse(fs.readFileSync(require.resolve('hnswlib-wasm/package.json'))).version };

    const brute = new lib.BruteforceSearch('ip', o.dim);
    brute.initIndex(n);
    for (let r = 0; r < n; r++) brute.addPoint(rows[r], r);
    let start = now();
    const bruteFound = exactQueries.map((q) => brute.searchKnn(q, o.k, undefined).neighbors);
    result.bruteforce_qps = exactQueries.length / seconds(start);
    result.bruteforce_recall = recall(bruteFound, truth, o.k);

    // --skip hnsw-graph keeps BruteforceSearch alone (datasets measured for exact search only).
    if (!o.skip.has('hnsw-graph')) {
      const index = new lib.HierarchicalNSW('ip', o.dim, '');
      start = now();
      index.initIndex(n, o.m, o.efConstruction, 1);
      for (let r = 0; r < n; r++) index.addPoint(rows[r], r, false);
      result.build_seconds = seconds(start);
      result.sweep = [];
      for (const ef of o.efs) {
        index.setEfSearch(Math.max(ef, o.k));
        // Fastest of three, as `shelf bench-search --repeat 3` (a shared machine's noise).
        let found;
        let time = Infinity;
        for (let r = 0; r < 3; r++) {
          start = now();
          found = queries.map((q) => index.searchKnn(q, o.k, undefined).neighbors);
          time = Math.min(time, seconds(start));
        }
        result.sweep.push({ ef, ann_qps: queries.length / time, ann_recall: recall(found, truth, o.k) });
      }
    }
    out.hnswlib_wasm = result;
  }

  if (!o.skip.has('voy')) {
    const voyModule = await loadVoy();
    const resource = { embeddings: rows.map((r, i) => ({ id: String(i), title: '', url: '', embeddings: Array.from(r) })) };
    let start = now();
    const voy = new voyModule.Voy(resource);
    const build = seconds(start);
    const voyQueries = queries.slice(0, Math.min(o.voyQueries, queries.length));
    start = now();
    const found = voyQueries.map((q) => voy.search(q, o.k).neighbors.map((hit) => Number(hit.id)));
    const time = seconds(start);
    out.voy = { version: JSON.parse(fs.readFileSync(require.resolve('voy-search/package.json'))).version,
      queries: voyQueries.length, qps: voyQueries.length / time, build_seconds: build, recall: recall(found, truth, o.k) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error) => {
  console.error(`search_compare.mjs: ${error.stack ?? error}`);
  process.exit(1);
});
