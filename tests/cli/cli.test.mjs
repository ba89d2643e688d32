// The `shelf` command end to end, natively and as WebAssembly under Node, on the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const native = join(root, 'build', 'native', 'shelf');
const wasm = join(root, 'build', 'wasm', 'shelf.js');
const builds = [
  ['native', (args) => spawnSync(native, args, { encoding: 'utf8' })],
  ['wasm', (args) => spawnSync(process.execPath, [wasm, ...args], { encoding: 'utf8' })],
];
const work = mkdtempSync(join(tmpdir(), 'shelf-cli-'));

// A corpus with structure a small model can learn: royalty, animals and places never share a line.
function makeCorpus(lines, seed) {
  const topics = [
    ['king', 'queen', 'prince', 'princess', 'throne', 'crown', 'palace', 'royal'],
    ['dog', 'cat', 'horse', 'cow', 'barks', 'meows', 'tail', 'fur'],
    ['france', 'paris', 'spain', 'madrid', 'italy', 'rome', 'border', 'capital'],
  ];
  let state = seed >>> 0 || 1;
  const next = (n) => {  // xorshift32: exact in 32-bit integer arithmetic
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
  const out = [];
  for (let i = 0; i < lines; i++) {
    const topic = topics[i % topics.length];
    const words = [];
    for (let w = 0; w < 10; w++) words.push(topic[next(topic.length)]);
    out.push(words.join(' ') + ', the and.');
  }
  return out.join('\n') + '\n';
}

const corpus = join(work, 'corpus.txt');
writeFileSync(corpus, makeCorpus(3000, 7));
const analogies = join(work, 'analogies.txt');
writeFileSync(analogies, ': topics\nking queen prince princess\ndog cat horse cow\nfrance paris spain madrid\n: unknown\nking queen zebra yak\n');
const similarity = join(work, 'pairs.tsv');
writeFileSync(similarity, '# word1\tword2\tscore\nking\tqueen\t9\ndog\tcat\t8.5\nking\tdog\t1\nparis\tcat\t0.5\nfrance\tspain\t8\nzebra\tking\t3\n');
const trainArgs = ['--input', corpus, '--dim', '24', '--window', '3', '--epochs', '3', '--min-count', '2', '--seed', '3', '--sample', '0', '--threads', '1', '--json', '--quiet'];

function json(result) {
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

for (const [name, run] of builds) {
  test(`${name}: train reports its figures and writes vectors that eval and query`, () => {
    const model = join(work, `${name}.vec`);
    const trained = json(run(['train', ...trainArgs, '--output', model]));
    assert.equal(trained.tokens, 3000 * 12);
    assert.ok(trained.vocab >= 24);
    assert.ok(trained.seconds > 0 && trained.words_per_second > 0 && trained.cpu_seconds >= 0);
    assert.ok(trained.loss > 0 && Number.isFinite(trained.loss));
    assert.match(readFileSync(model, 'utf8').split('\n')[0], /^\d+ 24$/);

    const evaluation = json(run(['eval', '--vectors', model, '--analogies', analogies, '--similarity', similarity, '--json']));
    assert.equal(evaluation.analogy_seen + evaluation.analogy_skipped, 4);
    assert.equal(evaluation.analogy_skipped, 1);
    assert.equal(evaluation.sections.length, 2);
    assert.equal(evaluation.similarity_pairs, 5);
    assert.equal(evaluation.similarity_skipped, 1);
    assert.ok(evaluation.spearman > 0.5, `spearman ${evaluation.spearman}`);

    const near = json(run(['neighbors', '--vectors', model, 'KING', '-k', '3', '--json']));
    assert.equal(near.neighbors.length, 3);
    const royal = ['queen', 'prince', 'princess', 'throne', 'crown', 'palace', 'royal'];
    assert.ok(near.neighbors.every((n) => royal.includes(n.word)), JSON.stringify(near));

    const analogy = json(run(['analogy', '--vectors', model, 'king', 'queen', 'prince', '--answer', 'princess', '--json']));
    assert.equal(analogy.answers.length, 5);
    assert.ok(analogy.rank >= 1 && analogy.rank_with_inputs >= analogy.rank);
  });

  test(`${name}: search returns the chunk that answers and builds the prompt`, () => {
    const model = join(work, `${name}.vec`);
    const docs = join(work, 'docs.txt');
    writeFileSync(docs, 'The king and the queen live in the palace.\n\nThe dog barks at the cat.\n\nParis is the capital of France.\n');
    const found = json(run(['search', '--vectors', model, '--docs', docs, '-k', '1', '--prompt', '--json', 'where is the royal throne?']));
    assert.equal(found.hits.length, 1);
    assert.match(found.hits[0].text, /palace/);
    assert.match(found.prompt, /palace[\s\S]*where is the royal throne\?/);
  });

  test(`${name}: convert round-trips every format`, () => {
    const model = join(work, `${name}.vec`);
    const bin = join(work, `${name}.bin`);
    const glove = join(work, `${name}-glove.txt`);
    const tsv = join(work, `${name}-vectors.tsv`);
    const back = join(work, `${name}-back.vec`);
    assert.equal(run(['convert', model, bin]).status, 0);
    assert.equal(run(['convert', bin, glove, '--to', 'glove']).status, 0);
    assert.equal(run(['convert', glove, tsv]).status, 0);
    assert.ok(existsSync(join(work, `${name}-metadata.tsv`)));
    assert.equal(run(['convert', tsv, back]).status, 0);
    assert.equal(readFileSync(back, 'utf8'), readFileSync(model, 'utf8'));
  });

  test(`${name}: categories finds the topics again; directions place words on axes of word pairs`, () => {
    const model = join(work, `${name}.vec`);
    const lists = join(work, 'categories.txt');
    writeFileSync(lists, '# topics of the corpus\nroyal: king queen prince princess throne\nanimals: dog cat horse cow tail\nplaces: france paris spain madrid italy\n');
    const found = json(run(['categories', '--vectors', model, '--categories', lists, '--seeds', '5', '--json']));
    assert.equal(found.words, 15);
    assert.equal(found.k, 3);
    assert.equal(found.runs.length, 5);
    assert.ok(found.median_ari > 0.8 && found.median_ari <= 1, JSON.stringify(found));
    assert.ok(found.runs.every((r) => r.purity >= 1 / 3 && r.purity <= 1));

    const plot = json(run(['directions', '--vectors', model, '--x', 'dog:king,cat:queen', '--y', 'dog:france,cat:spain', 'prince', 'horse', 'madrid', 'zebra', '--json']));
    assert.deepEqual(plot.words, ['prince', 'horse', 'madrid']);
    assert.deepEqual(plot.unknown, ['zebra']);
    assert.ok(plot.x[0] > plot.x[1], `prince is further along animal → royal than horse: ${plot.x}`);
    assert.ok(plot.y[2] > plot.y[1], `madrid is further along animal → place than horse: ${plot.y}`);
    assert.equal(plot.x_agreement.length, 2);
  });

  test(`${name}: mistakes give one line and exit status 2`, () => {
    const cases = [
      ['train', '--bogus'],
      ['train', '--input', join(work, 'missing.txt'), '--output', join(work, 'x.vec')],
      ['train', '--input', corpus, '--output', join(work, 'x.vec'), '--dim', 'abc'],
      ['train', '--input', corpus, '--output', join(work, 'x.vec'), '--model', 'glove'],
      ['neighbors', '--vectors', join(work, `${name}.vec`), 'zebra'],
      ['neighbors', '--vectors', corpus, 'king'],
      ['eval', '--vectors', join(work, `${name}.vec`)],
      ['categories', '--vectors', join(work, `${name}.vec`), '--categories', corpus],
      ['directions', '--vectors', join(work, `${name}.vec`), '--x', 'king:zebra', '--y', 'dog:cat', 'king'],
      ['directions', '--vectors', join(work, `${name}.vec`), '--x', 'king-queen', '--y', 'dog:cat', 'king'],
      ['frobnicate'],
    ];
    for (const args of cases) {
      const result = run(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], /^shelf: /);
    }
  });
}

test('native and wasm agree: the same vectors evaluate the same, the same seed trains alike', () => {
  const evalArgs = (model) => ['eval', '--vectors', model, '--analogies', analogies, '--similarity', similarity, '--json'];
  const model = join(work, 'native.vec');
  const [nativeEval, wasmEval] = builds.map(([, run]) => json(run(evalArgs(model))));
  // Counts agree exactly; correlations up to the summation order of the SIMD kernels.
  for (const key of ['analogy_correct', 'analogy_seen', 'analogy_skipped', 'similarity_pairs', 'similarity_skipped', 'vocab']) {
    assert.equal(wasmEval[key], nativeEval[key], key);
  }
  assert.deepEqual(wasmEval.sections, nativeEval.sections);
  for (const key of ['analogy_accuracy', 'spearman', 'pearson']) {
    assert.ok(Math.abs(wasmEval[key] - nativeEval[key]) < 1e-6, key);
  }
  const fromWasm = builds.map(([, run]) => json(run(evalArgs(join(work, 'wasm.vec')))));
  assert.ok(Math.abs(fromWasm[0].spearman - nativeEval.spearman) < 0.05);
});

for (const [name, run] of builds) {
  test(`${name}: bench-search reports speed, recall and memory, and dumps what it searched`, () => {
    const dump = mkdtempSync(join(work, `bench-${name}-`));
    const args = ['bench-search', '--n', '3000', '--dim', '16', '--queries', '50', '--ef', '16,400', '--json'];
    const result = json(run([...args, '--dump', dump]));
    for (const key of ['exact_qps', 'exact_scan_qps', 'exact_batch_qps', 'exact_build_seconds', 'ann_qps',
      'ann_recall_at_10', 'build_seconds', 'index_bytes', 'float32_bytes']) {
      assert.equal(typeof result[key], 'number', key);
    }
    // The exact index reads int8 codes (16 bytes a row here) and three floats of bounds per row.
    assert.equal(result.exact_index_bytes, 3000 * (16 + 12));
    assert.equal(result.n, 3000);
    assert.equal(result.quantize, 'none');
    assert.equal(result.float32_bytes, 3000 * 16 * 4);
    assert.deepEqual(result.sweep.map((s) => s.ef), [16, 400]);
    assert.ok(result.sweep[1].ann_recall >= 0.95, 'a wide search finds nearly all');
    assert.equal(readFileSync(join(dump, 'base.f32')).length, 3000 * 16 * 4);
    assert.equal(readFileSync(join(dump, 'truth.i32')).length, 50 * 10 * 4);

    // The same files, loaded, int8: a quarter of the vector bytes, found again.
    const int8 = json(run(['bench-search', '--load', dump, '--dim', '16', '--queries', '50', '--ef', '400',
      '--quantize', 'int8', '--json']));
    assert.equal(int8.vector_bytes, 3000 * 16 + 3000 * 4);
    assert.ok(int8.ann_recall >= 0.95);
    // Compacted (the answers are checked equal inside): fewer bytes, the same recall.
    const compact = json(run(['bench-search', '--load', dump, '--dim', '16', '--queries', '50', '--ef', '16,400',
      '--quantize', 'int8', '--compact', '--json']));
    assert.equal(compact.compact, true);
    assert.equal(compact.built_index_bytes, int8.index_bytes);
    assert.ok(compact.index_bytes < 0.8 * compact.built_index_bytes, `${compact.index_bytes} of ${compact.built_index_bytes}`);
    assert.deepEqual(compact.sweep.map((s) => s.ann_recall), compact.built_sweep.map((s) => s.ann_recall));

    // Exact only: the same exact figures and dump, no graph.
    const exactDump = mkdtempSync(join(work, `bench-exact-${name}-`));
    const exact = json(run(['bench-search', '--n', '3000', '--dim', '16', '--queries', '50', '--exact-only', '--json',
      '--dump', exactDump]));
    assert.equal(exact.exact_only, true);
    assert.equal(exact.exact_index_bytes, result.exact_index_bytes);
    assert.deepEqual(exact.sweep, []);
    assert.equal(exact.ann_qps, undefined);
    assert.deepEqual(readFileSync(join(exactDump, 'truth.i32')), readFileSync(join(dump, 'truth.i32')));

    // Trained vectors: held-out words.
    const vectors = json(run(['bench-search', '--vectors', join(work, `${name}.vec`), '--queries', '5', '--ef', '8', '--json']));
    assert.equal(vectors.queries, 5);

    for (const bad of [['--quantize', 'pq'], ['--ef', '0'], ['--ef', '8,x'], ['--load', dump], ['--vectors', corpus, '--load', dump]]) {
      const failed = run(['bench-search', '--n', '10', '--queries', '2', ...bad]);
      assert.equal(failed.status, 2, `${bad.join(' ')}: ${failed.stderr}`);
      assert.match(failed.stderr, /^shelf: /);
    }
  });
}
