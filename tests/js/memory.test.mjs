// Big input and nothing lost, through engine-host.js: the memory estimate refuses before the
// engine allocates; training pauses, resumes and cancels at any moment, and cancelling gives the
// memory back (the allocator's bytes in use, not the wasm memory, which never shrinks); exported
// vectors load back bit for bit in every format. Each test has its own engine instance, since
// the memory limit is the module's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { failsWith, hostFor, loadEngine, missingEngine, resultOf, smallTraining, twoTopicText } from './support.mjs';

const skip = missingEngine() ?? false;

/** The sizes ("4.3 GB", "30 MB") a message names more than once. */
const repeatedSizes = (message) => {
  const sizes = message.match(/[\d.]+ (?:GB|MB|KB)/g) ?? [];
  return sizes.filter((size, i) => sizes.indexOf(size) !== i);
};

/** A text of `words` distinct words, each seen `times` times: a wide vocabulary for big matrices. */
function wideText(words, times) {
  const lines = [];
  for (let t = 0; t < times; t++) {
    for (let start = 0; start < words; start += 10) {
      const line = [];
      for (let w = start; w < Math.min(words, start + 10); w++) line.push(`w${(w * 7 + t) % words}`);
      lines.push(line.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('memory and cancelling', { skip }, () => {
  test('cancelling training frees the trainer and the corpus: the bytes in use drop back', async () => {
    const module = await loadEngine('simd');
    const { call } = hostFor(module);
    const baseline = resultOf(await call('memory'));
    resultOf(await call('loadCorpus', { text: wideText(40000, 3), minCount: 1, dim: 200 }));
    resultOf(await call('configure', { ...smallTraining, dim: 200 }));
    resultOf(await call('step', { words: 20000 }));
    resultOf(await call('neighbors', { word: 'w1', k: 3 })); // the query store too
    const loaded = resultOf(await call('memory'));
    const grown = loaded.inUse - baseline.inUse;
    // Two 40,000 x 200 float matrices at least.
    assert.ok(grown > 2 * 40000 * 200 * 4, `grew by ${grown} bytes`);

    const { memory } = resultOf(await call('cancelTraining'));
    assert.ok(memory.inUse - baseline.inUse < grown * 0.1, `after cancel ${memory.inUse - baseline.inUse} of ${grown} bytes remain`);
    assert.ok(memory.wasmBytes >= loaded.wasmBytes, 'the wasm memory itself never shrinks');
    failsWith(await call('neighbors', { word: 'w1' }), 'no-model');
    failsWith(await call('configure'), 'no-model', /no corpus/);
    failsWith(await call('train'), 'no-model');
  });

  test('training pauses, resumes where it stopped, and cancels while running', async () => {
    const module = await loadEngine('simd');
    const { call, events, nextEvent } = hostFor(module);
    resultOf(await call('loadCorpus', { text: twoTopicText(4000), minCount: 1 }));
    resultOf(await call('configure', { ...smallTraining, epochs: 50 }));
    assert.deepEqual(resultOf(await call('train', { wordsPerStep: 1000 })), { running: true });
    await nextEvent((e) => e.progress?.running && e.progress.wordsDone > 0);
    const paused = resultOf(await call('pause')).progress;
    assert.equal(paused.running, false);
    assert.ok(paused.wordsDone > 0 && !paused.finished);

    const from = events.length;
    resultOf(await call('train', { wordsPerStep: 1000 }));
    const resumed = await nextEvent((e) => e.progress?.running, from);
    assert.ok(resumed.progress.wordsDone > paused.wordsDone, 'resumes from where it paused, not from the start');

    const before = events.length;
    const { memory } = resultOf(await call('cancelTraining'));
    assert.ok(memory.inUse > 0);
    const stopped = await nextEvent((e) => e.progress && !e.progress.running, before);
    assert.equal(stopped.progress.finished, false);
    failsWith(await call('train'), 'no-model');
    // A new run works as before.
    resultOf(await call('loadCorpus', { text: twoTopicText(400), minCount: 1 }));
    resultOf(await call('configure', smallTraining));
    assert.ok(resultOf(await call('step', { words: 1000 })).progress.wordsDone > 0);
  });

  test('a corpus above the memory limit is refused before the engine copies it', async () => {
    const module = await loadEngine('simd');
    const { call } = hostFor(module);
    resultOf(await call('loadCorpus', { text: twoTopicText(200), minCount: 1 }));
    resultOf(await call('configure', smallTraining));
    // A test-only budget: what the engine already uses plus 40 MB: enough to read the text, not
    // for 50,000 words x 100 dimensions of matrices.
    const now = resultOf(await call('memory'));
    const limit = now.inUse + 40e6;
    resultOf(await call('init', { memoryLimit: limit }));
    const text = wideText(50000, 8); // about 3 MB
    const reply = await call('loadCorpus', { text, minCount: 1, dim: 100, name: 'big.txt' });
    failsWith(reply, 'out-of-memory', /^big\.txt \(\d+ MB of text, about [\d,]+ words\) needs about \d+ MB of memory/);
    assert.match(reply.error.message, /, more than the engine can hold: its limit is [\d.]+ MB, and [\d.]+ MB of it is already in use \([\d.]+ MB free\)\./);
    assert.deepEqual(repeatedSizes(reply.error.message), [], reply.error.message);
    assert.match(reply.error.message, /Nothing was loaded\. You can cap the vocabulary at [\d,]+ words \(max vocabulary\)/);
    const after = resultOf(await call('memory'));
    assert.ok(after.inUse - now.inUse < 4e6, `refused before allocating: ${after.inUse - now.inUse} bytes more in use`);
    // What was there is untouched.
    assert.ok(resultOf(await call('step', { words: 100 })).progress.wordsDone > 0);
    // Training too wide for the budget is refused by configure, with fewer dimensions offered.
    resultOf(await call('init', { memoryLimit: 1e12 })); // capped at the build's maximum
    resultOf(await call('loadCorpus', { text: wideText(20000, 2), minCount: 1 }));
    resultOf(await call('init', { memoryLimit: resultOf(await call('memory')).inUse + 8e6 }));
    failsWith(await call('configure', { dim: 300 }), 'out-of-memory', /^training 20,000 words with 300 dimensions .*train with at most \d+ dimensions/);
  });

  test('a retrain counts the old run as freed: it is not refused for memory it gives back first', async () => {
    const module = await loadEngine('simd');
    const { call } = hostFor(module);
    const words = 20000;
    resultOf(await call('loadCorpus', { text: wideText(words, 2), minCount: 1 }));
    resultOf(await call('configure', { ...smallTraining, dim: 200 }));
    resultOf(await call('step', { words: 5000 }));
    resultOf(await call('neighbors', { word: 'w1', k: 3 })); // the query store too
    const before = resultOf(await call('memory'));
    // The run holds four 20,000 x 200 float matrices (the trainer's two, the store's two). A
    // budget of half a run more than is in use: a new run fits only once the old one is freed.
    const run = 4 * words * 200 * 4;
    resultOf(await call('init', { memoryLimit: before.inUse + run / 2 }));
    const again = resultOf(await call('configure', { ...smallTraining, dim: 200, seed: 7 }));
    assert.equal(again.progress.wordsDone, 0, 'a fresh run');
    const after = resultOf(await call('memory'));
    assert.ok(after.inUse < before.inUse, `the old run was freed: ${before.inUse} bytes in use before, ${after.inUse} after`);
    // Freed before the new one was allocated: the new matrices reused its memory, the heap did not grow a run.
    assert.ok(after.wasmBytes - before.wasmBytes < run / 4, `the wasm memory grew by ${after.wasmBytes - before.wasmBytes} bytes`);
    assert.ok(resultOf(await call('step', { words: 1000 })).progress.wordsDone > 0);

    // A retrain too big even with the old run freed is still refused, and the run on show stays.
    failsWith(await call('configure', { ...smallTraining, dim: 400 }), 'out-of-memory',
      /^training 20,000 words with 400 dimensions needs about [\d.]+ MB of memory, more than the engine can hold: its limit is [\d.]+ MB/);
    assert.ok(resultOf(await call('step', { words: 1000 })).progress.wordsDone > 1000, 'the current run trains on');
  });

  test('an allocation past what wasm32 can address, in a call no estimate guards, is a clear out-of-memory error; the engine goes on', async () => {
    const module = await loadEngine('simd');
    const { call } = hostFor(module);
    // Three words of 100,000 dimensions (the most a vectors file may have). The document index
    // keeps a matrix of its chunks x 100,000 floats, allocated with no memory check before; with
    // one token a chunk, a text of n words makes n rows.
    const dim = 100000;
    const row = (word, value) => `${word} ${new Array(dim).fill(value).join(' ')}`;
    const file = `3 ${dim}\n${row('cat', '0.5')}\n${row('dog', '0.25')}\n${row('sea', '-0.5')}\n`;
    resultOf(await call('loadVectors', { bytes: new TextEncoder().encode(file), name: 'wide.vec', format: 'word2vec' }));
    assert.equal(resultOf(await call('positions', { sentence: 'cat dog' })).dim, dim);
    const { wasmBytes: heapBefore, inUse } = resultOf(await call('memory'));
    const clear = /^the engine ran out of memory \(it can use at most 4\.3 GB, and [\d.]+ MB is in use now\)\. Try /;
    // The index of the chunks is built at the first search.
    const chunksOf = async (words) => {
      resultOf(await call('indexDocuments', { text: 'cat '.repeat(words), maxTokens: 1 }));
      return call('search', { query: 'cat' });
    };

    // 10,730 chunks x 100,000 floats = 4.292 GB: a size a vector may have, but not beside what is
    // already in use within 4 GiB (checked first, so that the memory can never grow to hold it).
    const fitsNowhere = 10730 * dim * 4;
    assert.ok(inUse + fitsNowhere > 2 ** 32, `${inUse} bytes in use`);
    failsWith(await chunksOf(10730), 'out-of-memory', clear); // std::bad_alloc
    // 11,000 chunks: 4.4 GB, more floats than a vector can count on wasm32.
    failsWith(await chunksOf(11000), 'out-of-memory', clear); // std::length_error
    // 43,000 chunks: 4.3 billion floats, a count that wraps around in 32 bits to a small matrix
    // the engine would then write past.
    failsWith(await chunksOf(43000), 'out-of-memory');

    // Refused before the memory grew, and the engine answers as before.
    assert.ok(resultOf(await call('memory')).wasmBytes - heapBefore < 64e6);
    assert.deepEqual(resultOf(await call('neighbors', { word: 'cat', k: 1 })).words, ['dog']);
    assert.deepEqual(resultOf(await call('positions', { sentence: 'dog sea' })).tokens, ['dog', 'sea']);
  });

  test('estimateMemory: the real limit refuses a 5 GB corpus and a 3-million-word model, with ways out', async () => {
    const module = await loadEngine('simd');
    const { call } = hostFor(module);
    const usage = resultOf(await call('memory'));
    assert.equal(usage.limit, 4 * 1024 ** 3, '-sMAXIMUM_MEMORY');
    const corpus = resultOf(await call('estimateMemory', {
      kind: 'corpus', bytes: 5e9, head: twoTopicText(20000), name: 'huge.txt', dim: 50,
    }));
    assert.equal(corpus.fits, false);
    assert.match(corpus.message, /^huge\.txt \(5\.0 GB of text/);
    // The real limit, said once (a few megabytes in use leave "4.3 GB" free of "4.3 GB").
    assert.equal(corpus.message.split('4.3 GB').length - 1, 1, corpus.message);
    assert.match(corpus.message, /needs about [\d.]+ GB of memory to train with 50 dimensions, more than the engine can hold: its limit is 4\.3 GB, and [\d.]+ MB of it is already in use\. Nothing was loaded\./);
    assert.deepEqual(repeatedSizes(corpus.message.replace('5.0 GB of text', '')), [], corpus.message);
    assert.ok(corpus.sampleBytes > 0 && corpus.sampleBytes < 5e9);
    const head = new Uint8Array(2000);
    head.set(new TextEncoder().encode('3000000 300\nthe '));
    const vectors = resultOf(await call('estimateMemory', { kind: 'vectors', bytes: 3.6e9, head, name: 'big.bin' }));
    assert.equal(vectors.fits, false);
    assert.equal(vectors.estimate.words, 3000000);
    assert.ok(vectors.maxWords > 0 && vectors.maxWords < 3000000);
    const small = resultOf(await call('estimateMemory', { kind: 'corpus', bytes: 1e6, head: twoTopicText(100) }));
    assert.equal(small.fits, true);
    assert.equal(small.message, '');
  });

  test('exported vectors load back bit for bit in every format; maxWords reads the first rows', async () => {
    const module = await loadEngine('simd');
    const trained = hostFor(module);
    resultOf(await trained.call('loadCorpus', { text: twoTopicText(400), minCount: 1 }));
    resultOf(await trained.call('configure', smallTraining));
    resultOf(await trained.call('step', { words: 5000 }));
    const { words } = resultOf(await trained.call('vocabulary'));
    const original = await Promise.all(words.map(async (word) => resultOf(await trained.call('vector', { word })).vector));
    for (const format of ['word2vec-binary', 'word2vec', 'glove', 'projector']) {
      const exported = resultOf(await trained.call('exportVectors', { format }));
      const copy = hostFor(module);
      const fields = format === 'projector'
        ? { vectorsTsv: exported.vectorsTsv, metadataTsv: exported.metadataTsv }
        : { bytes: exported.bytes, format: format === 'projector' ? 'auto' : format };
      assert.equal(resultOf(await copy.call('loadVectors', fields)).vocab, words.length, format);
      for (const [i, word] of words.entries()) {
        const loaded = resultOf(await copy.call('vector', { word })).vector;
        assert.deepEqual(new Uint8Array(loaded.buffer), new Uint8Array(original[i].buffer), `${format}: ${word}`);
      }
    }
    const { bytes } = resultOf(await trained.call('exportVectors', { format: 'word2vec-binary' }));
    const part = hostFor(module);
    assert.equal(resultOf(await part.call('loadVectors', { bytes, maxWords: 5 })).vocab, 5);
    assert.deepEqual(resultOf(await part.call('vocabulary')).words, words.slice(0, 5));
  });
});
