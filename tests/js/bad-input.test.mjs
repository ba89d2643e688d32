// The bad inputs of docs/robustness.md through the real worker (wasm/worker.js in a worker
// thread, driven by wasm/client.js, as the page drives it): each is refused with `bad-input` and
// the message a person sees, or answered sensibly; and the worker answers on afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ProtocolError } from '../../wasm/protocol.js';
import { startWorker, trainUntilStopped, workerUnavailable } from './support.mjs';

const skip = workerUnavailable();
const encode = (text) => new TextEncoder().encode(text);
const bytesOf = (...parts) => {
  const arrays = parts.map((part) => (typeof part === 'string' ? encode(part) : part));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
};
const floats = (...values) => new Uint8Array(new Float32Array(values).buffer);
const TEN_MB = 10 * 1024 * 1024;

const refused = (promise, message) =>
  assert.rejects(promise, (error) => {
    assert.ok(error instanceof ProtocolError, String(error));
    assert.equal(error.code, 'bad-input', error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });

const allFinite = (values) => Array.from(values).every(Number.isFinite);
const withZero = 'king 1 2 0\nqueen 1 2 1\nman 2 0 0\nzero 0 0 0\n';

describe('bad input through the worker', { skip }, () => {
  let worker;
  let engine;
  before(() => {
    ({ worker, client: engine } = startWorker());
  });
  after(() => worker.terminate());

  test('an empty file or corpus', async () => {
    await refused(engine.loadVectors({ bytes: new Uint8Array(0), name: 'empty.vec' }), 'empty.vec: the file is empty: no vectors');
    await refused(engine.loadVectors({ vectorsTsv: '', metadataTsv: '', name: 'upload' }), 'upload vectors.tsv: the file is empty: no vectors');
    await refused(engine.loadCorpus({ text: '', minCount: 1 }), 'the corpus has no words');
  });

  test('only punctuation', async () => {
    await refused(engine.loadCorpus({ text: '!!! ... ?! — «»\n;;', minCount: 1 }), 'the corpus has no words');
    await refused(engine.loadVectors({ bytes: encode('...,;!?\n'), name: 'dots.vec' }), /^dots\.vec:1: unrecognised format/);
  });

  test('one word, and a vocabulary of one word trained', async () => {
    assert.deepEqual(await engine.loadVectors({ bytes: encode('1 2\nword 1 2\n'), name: 'one.vec' }), { vocab: 1, dim: 2 });
    assert.equal((await engine.neighbors({ word: 'word', k: 5 })).words.length, 0);
    assert.equal((await engine.loadCorpus({ text: 'solo solo solo\nsolo', minCount: 1 })).vocab, 1);
    await engine.configure({ dim: 8, window: 2, epochs: 3, sample: 0 });
    const last = await trainUntilStopped(engine, { wordsPerStep: 1000 });
    assert.equal(last.finished, true);
    assert.ok(Number.isFinite(last.averageLoss));
    assert.ok(allFinite((await engine.vector({ word: 'solo' })).vector));
    assert.equal((await engine.neighbors({ word: 'solo' })).words.length, 0);
    assert.ok(allFinite((await engine.project({ limit: 10 })).points));
  });

  test('invalid UTF-8 in a vector file names the word, escaped, and its line', async () => {
    await refused(
      engine.loadVectors({ bytes: bytesOf('2 2\na 1 2\ncaf', new Uint8Array([0xe9]), ' 3 4\n'), name: 'latin1.vec' }),
      "latin1.vec:3: word 'caf\\xE9' is not valid UTF-8 (byte 0xE9 at offset 3)",
    );
  });

  test('a 10 MB line without a newline', async () => {
    const corpus = 'alpha beta gamma '.repeat(Math.ceil(TEN_MB / 17));
    const summary = await engine.loadCorpus({ text: corpus, minCount: 1 });
    assert.equal(summary.vocab, 3);
    assert.ok(summary.sentences >= summary.rawWords / 1000);
    const row = `word${' 0.5'.repeat(TEN_MB / 4)}`;
    await refused(engine.loadVectors({ bytes: encode(row), name: 'wide.txt' }), /^wide\.txt:1: row has \d+ values, more than the 100000 supported$/);
  });

  test('a header that disagrees with the rows', async () => {
    await refused(engine.loadVectors({ bytes: encode('3 2\na 1 2\nb 3 4\n'), name: 'fewer.vec' }), 'fewer.vec:3: header says 3 vectors but the file has 2');
    await refused(engine.loadVectors({ bytes: bytesOf('2 2\na ', floats(1, 2)), name: 'fewer.bin' }), 'fewer.bin: header says 2 vectors but the file has 1 (truncated?)');
  });

  test('NaN and Inf values, in files and in a query vector', async () => {
    await refused(engine.loadVectors({ bytes: encode('2 2\na 1 2\nb nan 4\n'), name: 'nan.vec' }), "nan.vec:3: non-finite value 'nan' in column 1");
    await refused(engine.loadVectors({ bytes: bytesOf('1 2\na ', floats(1, Infinity)), name: 'inf.bin', format: 'word2vec-binary' }),
      "inf.bin: non-finite value 'inf' in column 2 of vector 1 of 1 ('a')");
    await refused(engine.loadVectors({ vectorsTsv: '1\t-inf\n', metadataTsv: 'a\n', name: 'upload' }), "upload vectors.tsv:1: non-finite value '-inf' in column 2");
    await engine.loadVectors({ bytes: encode(withZero), name: 'zero.txt' });
    await refused(engine.neighbors({ vector: new Float32Array([1, NaN, 0]) }), "the vector's value 2 is not a finite number");
  });

  test('duplicated words', async () => {
    await refused(engine.loadVectors({ bytes: encode('3 1\ncat 1\ndog 2\ncat 3\n'), name: 'dup.vec' }), "dup.vec:4: duplicate word 'cat': first on line 2, again on line 4");
    await refused(engine.loadVectors({ vectorsTsv: '1\n2\n', metadataTsv: 'cat\ncat\n', name: 'upload' }),
      "upload metadata.tsv:2: duplicate word 'cat': first on line 1, again on line 2");
  });

  test('rows of different dimensions', async () => {
    await refused(engine.loadVectors({ bytes: encode('2 3\na 1 2 3\nb 1 2\n'), name: 'ragged.vec' }), 'ragged.vec:3: expected 3 values, found 2');
    await refused(engine.loadVectors({ bytes: encode('a 1 2\nb 1 2 3\n'), name: 'ragged.txt', format: 'glove' }), 'ragged.txt:2: expected 2 values, found 3');
  });

  test('a binary file given as text', async () => {
    const binary = bytesOf('2 2\na ', floats(0.25, -1), '\nb ', floats(3, 0.5), '\n');
    await refused(engine.loadVectors({ bytes: binary, name: 'model.vec', format: 'word2vec' }),
      'model.vec:2: looks like word2vec binary (bytes that text does not have follow the header); read it as word2vec-binary');
    assert.deepEqual(await engine.loadVectors({ bytes: binary, name: 'model.vec' }), { vocab: 2, dim: 2 });
  });

  test('a query of unknown words', async () => {
    await engine.loadVectors({ bytes: encode(withZero), name: 'zero.txt' });
    await refused(engine.neighbors({ word: 'zebra' }), "unknown word 'zebra'");
    await refused(engine.analogy({ a: 'king', b: 'yak', c: 'man' }), "unknown word 'yak'");
    await refused(engine.similarity({ a: 'king', b: 'gnu' }), "unknown word 'gnu'");
    const positions = await engine.positions({ sentence: 'king zebra' });
    assert.deepEqual(positions.known, [true, false]);
    await engine.indexDocuments({ text: 'the king\n\nthe man' });
    await refused(engine.search({ query: 'zebra yak' }), 'none of the words of the question "zebra yak" are in the vocabulary');
  });

  test('a pasted book as the positions sentence', async () => {
    await engine.loadVectors({ bytes: encode(withZero), name: 'zero.txt' });
    await refused(engine.positions({ sentence: 'king queen '.repeat(500000) }),
      'the sentence has 1000000 words; at most 1024 are encoded with positions');
    assert.deepEqual((await engine.positions({ sentence: 'man king' })).known, [true, true]);
  });

  test('k larger than the vocabulary', async () => {
    await engine.loadVectors({ bytes: encode(withZero), name: 'zero.txt' });
    assert.equal((await engine.neighbors({ word: 'king', k: 1000 })).words.length, 3);
    assert.equal((await engine.analogy({ a: 'man', b: 'king', c: 'queen', k: 1000 })).words.length, 1);
    await refused(engine.cluster({ k: 1000 }), 'k is 1000 but there are only 4 words to cluster');
    await engine.index({});
    assert.equal((await engine.neighbors({ word: 'king', k: 1000, approximate: true })).words.length, 3);
  });

  test('all-zero vectors give cosines of 0, never NaN', async () => {
    await engine.loadVectors({ bytes: encode(withZero), name: 'zero.txt' });
    assert.deepEqual(await engine.similarity({ a: 'zero', b: 'king' }), { cosine: 0, distance: 1 });
    assert.ok(allFinite((await engine.neighbors({ word: 'zero', k: 3 })).scores));
    assert.ok(allFinite((await engine.neighbors({ vector: new Float32Array(3), k: 4 })).scores));
    assert.ok(allFinite((await engine.analogy({ a: 'zero', b: 'king', c: 'man', method: 'mul' })).scores));
    assert.ok(allFinite((await engine.project({ limit: 4, align: false })).points));
  });

  test('after all of that the worker still answers', async () => {
    assert.equal((await engine.init()).simd, true);
    assert.equal(engine.pendingCount, 0);
  });
});
