// The message checks and helpers of wasm/protocol.js, without an engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ErrorCode, ProtocolError, Requests, RequestType, parseRequest, transferablesOf } from '../../wasm/protocol.js';

const badRequest = (message) => (error) =>
  error instanceof ProtocolError && error.code === ErrorCode.badRequest && message.test(error.message);

test('defaults are filled in and given fields kept', () => {
  const { id, type, fields } = parseRequest({ id: 7, type: 'loadCorpus', text: 'a b c', maxVocab: 10 });
  assert.equal(id, 7);
  assert.equal(type, 'loadCorpus');
  assert.deepEqual(fields, { text: 'a b c', minCount: 5, maxVocab: 10, dim: 100, name: 'the corpus' });
  assert.deepEqual(parseRequest({ id: 1, type: 'configure' }).fields, {
    model: 'skipgram', dim: 100, window: 5, negative: 5, sample: 1e-4, epochs: 5, learningRate: 0.025, seed: 1,
  });
  assert.deepEqual(parseRequest({ id: 1, type: 'train' }).fields, { wordsPerStep: 20000, wordsPerSecond: 0 });
  assert.deepEqual(parseRequest({ id: 1, type: 'analogy', a: 'a', b: 'b', c: 'c' }).fields, {
    a: 'a', b: 'b', c: 'c', k: 10, method: 'add',
  });
  assert.deepEqual(parseRequest({ id: 1, type: 'project' }).fields, { limit: 2000, components: 2, align: true });
  assert.deepEqual(parseRequest({ id: 1, type: 'search', query: 'q' }).fields, { query: 'q', k: 3 });
  assert.deepEqual(parseRequest({ id: 1, type: 'neighborGraph' }).fields, { limit: 2000, k: 15 });
  assert.deepEqual(parseRequest({ id: 1, type: 'umap' }).fields, {
    limit: 2000, neighbors: 15, minDist: 0.1, epochs: 200, learningRate: 1, seed: 1,
  });
});

// Which requests there are: docs/protocol.md's table is the contract (protocol-contract.test.mjs).
test('RequestType names every request', () => {
  assert.deepEqual(Object.keys(RequestType), Object.keys(Requests));
});

test('estimateMemory needs a kind and a size; its head is text or bytes', () => {
  assert.throws(() => parseRequest({ id: 1, type: 'estimateMemory', bytes: 10 }), badRequest(/missing field `kind`/));
  assert.throws(() => parseRequest({ id: 1, type: 'estimateMemory', kind: 'corpus' }), badRequest(/missing field `bytes`/));
  assert.throws(() => parseRequest({ id: 1, type: 'estimateMemory', kind: 'text', bytes: 1 }), badRequest(/`kind` must be one of/));
  assert.throws(() => parseRequest({ id: 1, type: 'estimateMemory', kind: 'corpus', bytes: 1, head: 3 }), badRequest(/`head` must be a string or bytes/));
  assert.equal(parseRequest({ id: 1, type: 'estimateMemory', kind: 'vectors', bytes: 1, head: new Uint8Array(2) }).fields.format, 'auto');
  assert.throws(() => parseRequest({ id: 1, type: 'init', memoryLimit: 0 }), badRequest(/`memoryLimit`/));
});

test('malformed messages are refused with what is wrong', () => {
  assert.throws(() => parseRequest(null), badRequest(/must be an object/));
  assert.throws(() => parseRequest([1]), badRequest(/must be an object/));
  assert.throws(() => parseRequest({ type: 'init' }), badRequest(/`id`/));
  assert.throws(() => parseRequest({ id: 1.5, type: 'init' }), badRequest(/`id`/));
  assert.throws(() => parseRequest({ id: 1, type: 'fly' }), badRequest(/unknown request type "fly"/));
  assert.throws(() => parseRequest({ id: 1, type: 'toString' }), badRequest(/unknown request type/));
  assert.throws(() => parseRequest({ id: 1, type: 'vector' }), badRequest(/vector: missing field `word`/));
  assert.throws(() => parseRequest({ id: 1, type: 'vector', word: 3 }), badRequest(/`word` must be a string/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', word: 'a', k: 0 }), badRequest(/`k` must be a whole number >= 1/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', word: 'a', k: '3' }), badRequest(/`k`/));
  assert.throws(() => parseRequest({ id: 1, type: 'train', wordPerStep: 10 }), badRequest(/unknown field `wordPerStep`/));
  assert.throws(() => parseRequest({ id: 1, type: 'configure', model: 'glove' }), badRequest(/'skipgram', 'cbow'/));
  assert.throws(() => parseRequest({ id: 1, type: 'configure', sample: NaN }), badRequest(/finite/));
  assert.throws(() => parseRequest({ id: 1, type: 'project', align: 'yes' }), badRequest(/true or false/));
  assert.throws(() => parseRequest({ id: 1, type: 'cluster' }), badRequest(/missing field `k`/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighborGraph', k: 0 }), badRequest(/`k` must be a whole number >= 1/));
  assert.throws(() => parseRequest({ id: 1, type: 'umap', neighbors: 1 }), badRequest(/`neighbors` must be a whole number >= 2/));
  assert.throws(() => parseRequest({ id: 1, type: 'umap', minDist: 2 }), badRequest(/`minDist` must be from 0 to 1/));
  assert.throws(() => parseRequest({ id: 1, type: 'umap', learningRate: 0 }), badRequest(/`learningRate` must be above 0/));
  assert.throws(() => parseRequest({ id: 1, type: 'umap', initial: 'x' }), badRequest(/`initial` must be a Float32Array/));
});

test('either-or fields are checked together', () => {
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors' }), badRequest(/`word` or `vector`/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', word: 'a', vector: [1] }), badRequest(/one of them/));
  assert.throws(() => parseRequest({ id: 1, type: 'neighbors', vector: ['x'] }), badRequest(/Float32Array/));
  parseRequest({ id: 1, type: 'neighbors', vector: new Float32Array(3) });
  assert.throws(() => parseRequest({ id: 1, type: 'loadVectors' }), badRequest(/needs `bytes`/));
  assert.throws(() => parseRequest({ id: 1, type: 'loadVectors', bytes: 'text' }), badRequest(/ArrayBuffer/));
  assert.throws(() => parseRequest({ id: 1, type: 'loadVectors', vectorsTsv: '1\t2' }), badRequest(/both/));
  assert.throws(
    () => parseRequest({ id: 1, type: 'loadVectors', bytes: new ArrayBuffer(1), vectorsTsv: '', metadataTsv: '' }),
    badRequest(/not both/),
  );
  const tsv = parseRequest({ id: 1, type: 'loadVectors', vectorsTsv: '', metadataTsv: '' }).fields;
  assert.equal(tsv.name, 'vectors');
});

test('transfer lists hold each buffer once, from results a few levels deep', () => {
  const ids = new Int32Array(3);
  const scores = new Float32Array(3);
  const bytes = new ArrayBuffer(8);
  const found = transferablesOf({ ids, scores, again: scores, nested: { bytes, words: ['a'] }, n: 1 });
  assert.equal(found.length, 3);
  assert.ok(found.includes(ids.buffer) && found.includes(scores.buffer) && found.includes(bytes));
  assert.deepEqual(transferablesOf({ words: ['a'], cosine: 1 }), []);
  assert.deepEqual(transferablesOf(null), []);
});
