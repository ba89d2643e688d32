// The whole protocol through engine-host.js on the SIMD engine, in-process.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { animals, failsWith, hostFor, loadEngine, missingEngine, places, resultOf, smallTraining, twoTopicText } from './support.mjs';

const skip = missingEngine() ?? false;

describe('engine host', { skip }, () => {
  let module;
  before(async () => {
    module = await loadEngine('simd');
  });

  test('init reports the SIMD engine', async () => {
    const { call } = hostFor(module);
    const info = resultOf(await call('init'));
    assert.equal(info.simd, true);
    assert.equal(info.instructionSet, 'wasm-simd128');
    assert.match(info.version, /^\d+\.\d+\.\d+$/);
  });

  test('questions before any model say no-model', async () => {
    const { call } = hostFor(module);
    failsWith(await call('neighbors', { word: 'cat' }), 'no-model', /no vectors yet/);
    failsWith(await call('configure'), 'no-model', /no corpus yet/);
    failsWith(await call('train'), 'no-model');
    failsWith(await call('pause'), 'no-model');
    failsWith(await call('search', { query: 'cat' }), 'no-model');
    failsWith(await call('neighborGraph'), 'no-model');
    failsWith(await call('umap'), 'no-model');
  });

  test('training runs in slices with progress events, pauses, steps and finishes', async () => {
    const h = hostFor(module);
    const corpus = resultOf(await h.call('loadCorpus', { text: twoTopicText(3000), minCount: 1 }));
    assert.deepEqual(corpus, { rawWords: 30000, vocab: 22, sentences: 3000 });
    const { progress: start } = resultOf(await h.call('configure', smallTraining));
    assert.equal(start.wordsDone, 0);
    assert.equal(start.wordsTotal, 150000);
    assert.equal(start.running, false);

    assert.deepEqual(resultOf(await h.call('train', { wordsPerStep: 2000 })), { running: true });
    assert.equal(h.events.length, 0, 'the reply comes before the first slice');
    await h.nextEvent((e) => e.progress.wordsDone >= 4000);
    assert.ok(h.host.training);

    // Queries are answered between slices, from the latest vectors.
    const during = resultOf(await h.call('neighbors', { word: 'cat', k: 3 }));
    assert.equal(during.words.length, 3);

    const paused = resultOf(await h.call('pause'));
    assert.equal(paused.progress.running, false);
    assert.ok(paused.progress.wordsDone > 0 && paused.progress.wordsDone < paused.progress.wordsTotal);
    const last = h.events.at(-1);
    assert.equal(last.event, 'progress');
    assert.equal(last.progress.running, false);
    const count = h.events.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(h.events.length, count, 'no slice runs after pause');
    assert.equal(h.host.training, false);

    for (const e of h.events) {
      for (const key of ['wordsDone', 'wordsTotal', 'epoch', 'epochs', 'learningRate', 'loss', 'averageLoss',
        'seconds', 'wordsPerSecond', 'finished', 'fraction', 'running']) {
        assert.ok(key in e.progress, `progress has ${key}`);
      }
    }

    const stepped = resultOf(await h.call('step', { words: 3000 })).progress;
    assert.ok(stepped.wordsDone >= paused.progress.wordsDone + 3000);
    assert.equal(stepped.running, false);

    const from = h.events.length;
    resultOf(await h.call('train', { wordsPerStep: 20000 }));
    const done = await h.nextEvent((e) => e.progress.finished, from);
    assert.equal(done.progress.running, false);
    assert.equal(done.progress.wordsDone, done.progress.wordsTotal);
    assert.equal(done.progress.fraction, 1);
    assert.ok(done.progress.averageLoss > 0);
    assert.deepEqual(resultOf(await h.call('train')), { running: false });

    const near = resultOf(await h.call('neighbors', { word: 'cat', k: 5 }));
    assert.ok(near.words.filter((w) => animals.includes(w)).length >= 4, near.words.join(' '));
  });

  test('a new corpus or configuration stops training first', async () => {
    const h = hostFor(module);
    resultOf(await h.call('loadCorpus', { text: twoTopicText(2000), minCount: 1 }));
    resultOf(await h.call('configure', smallTraining));
    resultOf(await h.call('train', { wordsPerStep: 1000 }));
    await h.nextEvent();
    const { progress } = resultOf(await h.call('configure', smallTraining));
    assert.equal(progress.wordsDone, 0);
    assert.equal(h.events.at(-1).progress.running, false);
    assert.equal(h.host.training, false);
  });

  describe('with trained vectors', () => {
    let h;
    before(async () => {
      h = hostFor(module);
      resultOf(await h.call('loadCorpus', { text: twoTopicText(3000), minCount: 1 }));
      resultOf(await h.call('configure', smallTraining));
      while (!resultOf(await h.call('step', { words: 20000 })).progress.finished);
    });

    test('neighbours come as parallel typed arrays, transferred', async () => {
      const reply = await h.call('neighbors', { word: 'Dog', k: 4 });
      const near = resultOf(reply);
      assert.ok(near.ids instanceof Int32Array);
      assert.ok(near.scores instanceof Float32Array);
      assert.equal(near.ids.length, 4);
      assert.equal(near.words.length, 4);
      assert.ok(!near.words.includes('dog'));
      assert.ok(reply.transfer.includes(near.ids.buffer) && reply.transfer.includes(near.scores.buffer));
      assert.ok(!reply.transfer.includes(module.HEAPU8.buffer));

      const { vector } = resultOf(await h.call('vector', { word: 'dog' }));
      const byVector = resultOf(await h.call('neighbors', { vector, k: 1 }));
      assert.deepEqual(byVector.words, ['dog']);
      failsWith(await h.call('neighbors', { vector: [1, 2], k: 1 }), 'bad-input', /2 values, the model 16/);
    });

    test('unknown words are bad input, named', async () => {
      failsWith(await h.call('neighbors', { word: 'zebra' }), 'bad-input', /^unknown word 'zebra'$/);
      failsWith(await h.call('vector', { word: 'zebra' }), 'bad-input', /zebra/);
      failsWith(await h.call('similarity', { a: 'cat', b: 'zebra' }), 'bad-input', /zebra/);
      failsWith(await h.call('analogy', { a: 'cat', b: 'dog', c: 'zebra' }), 'bad-input', /zebra/);
      failsWith(await h.call('analogy', { a: 'cat', b: 'dog', c: 'cow', answer: 'unicorn' }), 'bad-input', /unicorn/);
      failsWith(await h.call('vector', { word: '  ' }), 'bad-input', /empty word/);
    });

    test('vector, similarity and analogy', async () => {
      const v = resultOf(await h.call('vector', { word: 'HORSE' }));
      assert.equal(v.word, 'horse');
      assert.ok(v.vector instanceof Float32Array);
      assert.equal(v.vector.length, 16);
      assert.ok(Number.isInteger(v.id));
      const s = resultOf(await h.call('similarity', { a: 'cat', b: 'dog' }));
      assert.ok(Math.abs(s.cosine + s.distance - 1) < 1e-6);
      const far = resultOf(await h.call('similarity', { a: 'cat', b: 'paris' }));
      assert.ok(s.cosine > far.cosine);
      const plain = resultOf(await h.call('analogy', { a: 'france', b: 'paris', c: 'spain', k: 3 }));
      assert.equal(plain.words.length, 3);
      assert.ok(!('rank' in plain));
      const ranked = resultOf(await h.call('analogy', { a: 'france', b: 'paris', c: 'spain', k: 3, method: 'mul', answer: 'madrid' }));
      assert.ok(ranked.rank >= 1 && ranked.rankWithInputs >= ranked.rank);
    });

    test('vocabulary, most frequent first', async () => {
      const vocab = resultOf(await h.call('vocabulary', { limit: 5 }));
      assert.equal(vocab.words.length, 5);
      assert.ok(vocab.counts instanceof Float64Array);
      for (let i = 1; i < 5; i++) assert.ok(vocab.counts[i - 1] >= vocab.counts[i]);
      assert.equal(resultOf(await h.call('vocabulary')).words.length, 22);
    });

    test('project and cluster shapes', async () => {
      const map = resultOf(await h.call('project', { limit: 12, components: 3 }));
      assert.equal(map.words.length, 12);
      assert.equal(map.ids.length, 12);
      assert.ok(map.points instanceof Float32Array);
      assert.equal(map.points.length, 36);
      assert.equal(map.explained.length, 3);
      assert.ok(map.explained[0] >= map.explained[1]);
      const again = resultOf(await h.call('project', { limit: 12, components: 3 }));
      assert.equal(again.aligned, true);
      for (let i = 0; i < 36; i++) assert.ok(Math.abs(again.points[i] - map.points[i]) < 1e-4);
      failsWith(await h.call('project', { components: 17 }), 'bad-input');

      const clusters = resultOf(await h.call('cluster', { k: 2, limit: 20 }));
      assert.ok(clusters.labels instanceof Int32Array);
      assert.equal(clusters.ids.length, 20);
      assert.equal(clusters.labels.length, 20);
      assert.ok(clusters.labels.every((l) => l === 0 || l === 1));
      assert.ok(clusters.inertia >= 0);
      failsWith(await h.call('cluster', { k: 50, limit: 20 }), 'bad-input', /only 20 words/);
    });

    test('neighborGraph: each frequent word with its neighbours among them, as neighbors answers', async () => {
      const reply = await h.call('neighborGraph', { limit: 100, k: 3 });
      const all = resultOf(reply);
      assert.equal(all.words.length, 22);
      assert.equal(all.k, 3);
      assert.ok(all.neighbors instanceof Int32Array && all.scores instanceof Float32Array);
      assert.equal(all.neighbors.length, 66);
      assert.ok(reply.transfer.includes(all.neighbors.buffer) && reply.transfer.includes(all.scores.buffer));
      for (const i of [0, 5, 21]) {
        const near = resultOf(await h.call('neighbors', { word: all.words[i], k: 3 }));
        assert.deepEqual([...all.neighbors.subarray(3 * i, 3 * i + 3)], [...near.ids]);
      }
      const few = resultOf(await h.call('neighborGraph', { limit: 10, k: 4 }));
      few.neighbors.forEach((id, j) => assert.ok(id >= 0 && id < 10 && id !== Math.floor(j / 4), `row ${Math.floor(j / 4)}: ${id}`));
      failsWith(await h.call('neighborGraph', { limit: 10, k: 10 }), 'bad-input', /only 10 words/);
    });

    test('umap lays the two topics apart, the same picture for the same seed', async () => {
      const fields = { limit: 22, neighbors: 5, epochs: 150, seed: 3 };
      const map = resultOf(await h.call('umap', fields));
      assert.equal(map.words.length, 22);
      assert.equal(map.neighbors, 5);
      assert.equal(map.aligned, false);
      assert.ok(map.points instanceof Float32Array);
      assert.equal(map.points.length, 44);
      assert.ok(map.points.every(Number.isFinite));
      // Words of one topic lie nearer one another than words of the other topic.
      const at = (word) => map.words.indexOf(word);
      const gap = (a, b) => Math.hypot(map.points[2 * at(a)] - map.points[2 * at(b)], map.points[2 * at(a) + 1] - map.points[2 * at(b) + 1]);
      const pairs = (xs, ys) => xs.flatMap((x) => ys.filter((y) => y !== x).map((y) => gap(x, y)));
      const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
      assert.ok(mean(pairs(animals, animals)) < mean(pairs(animals, places)), 'animals cluster apart from places');

      assert.deepEqual(resultOf(await h.call('umap', fields)).points, map.points, 'same seed, same layout');
      assert.notDeepEqual(resultOf(await h.call('umap', { ...fields, seed: 4 })).points, map.points);

      // Turned onto a reference: onto itself it stays put; onto a rotated copy it turns with it.
      const onItself = resultOf(await h.call('umap', { ...fields, reference: map.points }));
      assert.equal(onItself.aligned, true);
      onItself.points.forEach((v, i) => assert.ok(Math.abs(v - map.points[i]) < 1e-3));
      const turned = map.points.map((v, i) => (i % 2 ? map.points[i - 1] : -map.points[i + 1]));
      const ontoTurned = resultOf(await h.call('umap', { ...fields, reference: turned }));
      ontoTurned.points.forEach((v, i) => assert.ok(Math.abs(v - turned[i]) < 1e-3));

      // A start other than random (e.g. the PCA map) changes the picture, still seeded.
      const pca = resultOf(await h.call('project', { limit: 22, align: false }));
      const fromPca = resultOf(await h.call('umap', { ...fields, initial: pca.points }));
      assert.notDeepEqual(fromPca.points, map.points);
      assert.deepEqual(resultOf(await h.call('umap', { ...fields, initial: pca.points })).points, fromPca.points);
    });

    test('umapOfGraph lays out a given graph as the umap request does; a broken graph is bad input', async () => {
      const graph = resultOf(await h.call('neighborGraph', { limit: 22, k: 5 }));
      const options = { minDist: 0.1, epochs: 30, learningRate: 1, seed: 3 };
      const run = module.umapOfGraph(graph, options);
      try {
        assert.deepEqual(run.step(10), { epoch: 10, epochs: 30, finished: false });
        assert.deepEqual(run.step(100), { epoch: 30, epochs: 30, finished: true });
        assert.deepEqual(run.words(), graph.words);
        assert.equal(run.neighbors(), 5);
        const map = resultOf(await h.call('umap', { limit: 22, neighbors: 5, ...options }));
        assert.deepEqual(run.points(), map.points, 'the same graph, options and seed: the same layout');
      } finally {
        run.delete();
      }
      const broken = { ...graph, neighbors: graph.neighbors.map((id) => (id === 3 ? 99 : id)) };
      assert.throws(() => module.umapOfGraph(broken, options), (e) => e.code === 'bad-input' && /outside 0\.\.21/.test(e.message));
      assert.throws(() => module.umapOfGraph(graph, { ...options, epochs: 0 }), (e) => e.code === 'bad-input' && /epochs/.test(e.message));
    });

    test('umap: small vocabularies get fewer neighbours, wrong shapes are bad input, a newer request cancels', async () => {
      assert.equal(resultOf(await h.call('umap', { limit: 22, neighbors: 50, epochs: 5 })).neighbors, 21);
      failsWith(await h.call('umap', { limit: 22, initial: [1, 2, 3] }), 'bad-input', /`initial` has 3 values; 22 words need 44/);
      failsWith(await h.call('umap', { limit: 22, reference: new Float32Array(2) }), 'bad-input', /`reference`/);
      failsWith(await h.call('umap', { limit: 2 }), 'bad-input', /at least 3 words/);
      const [first, second] = await Promise.all([
        h.call('umap', { limit: 22, epochs: 400 }),
        h.call('umap', { limit: 22, epochs: 5 }),
      ]);
      failsWith(first, 'cancelled', /newer umap/);
      assert.equal(resultOf(second).points.length, 44);
    });

    test('indexDocuments, search and the prompt', async () => {
      const text = 'The cat and the dog have fur and a tail.\n\nParis is the capital of France; Rome of Italy.';
      const { chunks } = resultOf(await h.call('indexDocuments', { text }));
      assert.equal(chunks.length, 2);
      for (const chunk of chunks) assert.equal(text.slice(chunk.begin, chunk.end), chunk.text);
      const found = resultOf(await h.call('search', { query: 'which capital is in spain?', k: 1 }));
      assert.equal(found.hits.length, 1);
      const [hit] = found.hits;
      assert.equal(hit.chunk, 1);
      assert.equal(hit.text, chunks[1].text);
      assert.ok(hit.matched.includes('capital'));
      assert.ok(typeof hit.score === 'number');
      assert.ok(found.prompt.includes('which capital is in spain?'));
      assert.ok(found.prompt.includes(chunks[1].text));
      failsWith(await h.call('search', { query: 'zzz qqq' }), 'bad-input');
    });

    test('compareRetrieval: by meaning, by words and both in one request; the prompt from the chosen ranking', async () => {
      const text = 'The cat and the dog have fur and a tail.\n\nParis is the capital of France; Rome of Italy.\n\nThe sea is deep.';
      const { chunks } = resultOf(await h.call('indexDocuments', { text }));
      const found = resultOf(await h.call('compareRetrieval', { query: 'which capital is in spain?', k: 2 }));
      assert.equal(found.promptFrom, 'hybrid');
      assert.equal(found.meaningProblem, '');
      for (const method of ['meaning', 'words', 'hybrid']) {
        assert.ok(found[method].length >= 1 && found[method].length <= 2, method);
        for (const hit of found[method]) assert.equal(text.slice(hit.begin, hit.end), chunks[hit.chunk].text);
      }
      assert.equal(found.words[0].chunk, 1);
      assert.deepEqual(found.words[0].matched, ['capital', 'is']);
      assert.equal(found.hybrid[0].wordsRank, 1);
      assert.ok(found.prompt.includes(chunks[found.hybrid[0].chunk].text));
      const fromWords = resultOf(await h.call('compareRetrieval', { query: 'madrid', k: 2, promptFrom: 'words' }));
      assert.deepEqual(fromWords.words, []);
      assert.match(fromWords.prompt, /no passages were retrieved/);
      failsWith(await h.call('compareRetrieval', { query: '?!' }), 'bad-input', /no words/);
      failsWith(await h.call('compareRetrieval', { query: 'cat', promptFrom: 'both' }), 'bad-request');
    });

    test('retrievalRecall: recall@k of five methods on labelled questions', async () => {
      const text = 'The cat and the dog have fur and a tail.\n\nParis is the capital of France; Rome of Italy.';
      resultOf(await h.call('indexDocuments', { text }));
      const result = resultOf(await h.call('retrievalRecall', { questions: ['fur', 'capital', 'madrid'], paragraphs: [0, 1, 1], ks: [1, 2] }));
      assert.deepEqual(result.ks, [1, 2]);
      assert.deepEqual(result.methods.map((m) => m.name), ['meaning (mean)', 'meaning (SIF)', 'words (BM25)', 'hybrid (mean + BM25)', 'hybrid (SIF + BM25)']);
      const words = result.methods[2];
      assert.ok(words.ranks instanceof Int32Array);
      assert.deepEqual([...words.ranks], [1, 1, 0]);
      assert.deepEqual(words.recall, [2 / 3, 2 / 3]);
      for (const m of result.methods) assert.ok(m.recall[0] <= m.recall[1]);
      failsWith(await h.call('retrievalRecall', { questions: ['fur'], paragraphs: [5] }), 'bad-input', /paragraph 6, but the text has 2/);
      failsWith(await h.call('retrievalRecall', { questions: ['fur', 'cat'], paragraphs: [0] }), 'bad-input', /one paragraph per question/);
      failsWith(await h.call('retrievalRecall', { questions: [], paragraphs: [] }), 'bad-request');
    });

    test('UTF-16 offsets survive non-ASCII text', async () => {
      const text = 'Café 😀 — the cat.\n\nThe dog in Paris.';
      const { chunks } = resultOf(await h.call('indexDocuments', { text, pooling: 'sif' }));
      for (const chunk of chunks) assert.equal(text.slice(chunk.begin, chunk.end), chunk.text);
    });
  });

  test('positions: dog bites man is not man bites dog', async () => {
    const h = hostFor(module);
    const vec = '3 4\ndog 1 0 0 0\nbites 0 1 0 0\nman 0 0 1 0\n';
    resultOf(await h.call('loadVectors', { bytes: new TextEncoder().encode(vec), name: 'three.vec' }));
    const a = resultOf(await h.call('positions', { sentence: 'dog bites man' }));
    const b = resultOf(await h.call('positions', { sentence: 'man bites dog' }));
    assert.deepEqual(a.tokens, ['dog', 'bites', 'man']);
    assert.deepEqual(b.tokens, ['man', 'bites', 'dog']);
    assert.deepEqual(a.known, [true, true, true]);
    assert.equal(a.dim, 4);
    for (const key of ['tokenVectors', 'positionVectors', 'inputs']) {
      assert.ok(a[key] instanceof Float32Array);
      assert.equal(a[key].length, 12);
    }
    const sumRows = (m) => [0, 1, 2, 3].map((c) => m[c] + m[4 + c] + m[8 + c]);
    assert.deepEqual(sumRows(a.tokenVectors), sumRows(b.tokenVectors)); // a bag of words cannot tell
    assert.notDeepEqual([...a.inputs], [...b.inputs]); // with positions, the inputs differ
    const unknown = resultOf(await h.call('positions', { sentence: 'dog eats', scale: 0 }));
    assert.deepEqual(unknown.known, [true, false]);
    assert.ok(unknown.positionVectors.every((v) => v === 0));
  });

  test('export then load gives the same vectors, bit for bit', async () => {
    const h = hostFor(module);
    resultOf(await h.call('loadCorpus', { text: twoTopicText(500), minCount: 1 }));
    resultOf(await h.call('configure', smallTraining));
    resultOf(await h.call('step', { words: 10000 }));
    const original = resultOf(await h.call('vector', { word: 'cow' })).vector;
    const words = resultOf(await h.call('vocabulary')).words;

    const reply = await h.call('exportVectors', { format: 'word2vec-binary' });
    const { bytes } = resultOf(reply);
    assert.ok(bytes instanceof ArrayBuffer);
    assert.deepEqual(reply.transfer, [bytes]);

    const copy = hostFor(module);
    const loaded = resultOf(await copy.call('loadVectors', { bytes: bytes.slice(0), name: 'export.bin' }));
    assert.deepEqual(loaded, { vocab: words.length, dim: 16 });
    assert.deepEqual(resultOf(await copy.call('vocabulary')).words, words);
    const back = resultOf(await copy.call('vector', { word: 'cow' })).vector;
    assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(original.buffer));
    const again = resultOf(await copy.call('exportVectors', { format: 'word2vec-binary' })).bytes;
    assert.deepEqual(new Uint8Array(again), new Uint8Array(bytes));

    for (const format of ['word2vec', 'glove']) {
      const text = resultOf(await h.call('exportVectors', { format })).bytes;
      const other = hostFor(module);
      resultOf(await other.call('loadVectors', { bytes: new Uint8Array(text), name: `export.${format}`, format }));
      const v = resultOf(await other.call('vector', { word: 'cow' })).vector;
      assert.deepEqual(new Uint8Array(v.buffer), new Uint8Array(original.buffer), format);
    }

    const projector = resultOf(await h.call('exportVectors', { format: 'projector' }));
    assert.equal(typeof projector.vectorsTsv, 'string');
    const fromTsv = hostFor(module);
    resultOf(await fromTsv.call('loadVectors', { ...projector, name: 'projector' }));
    const v = resultOf(await fromTsv.call('vector', { word: 'cow' })).vector;
    assert.deepEqual([...v], [...original]);
  });

  test('a malformed file is bad input naming the file; the model stays', async () => {
    const h = hostFor(module);
    resultOf(await h.call('loadVectors', { bytes: new TextEncoder().encode('2 2\na 1 2\nb 3 4\n'), name: 'good.vec' }));
    failsWith(
      await h.call('loadVectors', { bytes: new TextEncoder().encode('2 3\na 1 2\n'), name: 'broken.vec' }),
      'bad-input',
      /broken\.vec/,
    );
    assert.deepEqual(resultOf(await h.call('vocabulary')).words, ['a', 'b']);
  });

  test('malformed messages are bad-request and keep their id', async () => {
    const h = hostFor(module);
    failsWith(await h.raw({ id: 4, type: 'teleport' }), 'bad-request', /teleport/);
    assert.equal((await h.raw({ id: 4, type: 'teleport' })).id, 4);
    const noId = await h.raw({ type: 'init' });
    failsWith(noId, 'bad-request', /id/);
    assert.equal(noId.id, null);
    failsWith(await h.raw('init'), 'bad-request');
    failsWith(await h.call('neighbors', { word: 7 }), 'bad-request', /`word` must be a string/);
    failsWith(await h.call('configure', { dim: 0 }), 'bad-request', /dim/);
    failsWith(await h.call('loadCorpus', { text: 'a b', colour: 'red' }), 'bad-request', /colour/);
    // Values of the right type but out of the engine's range are the engine's to refuse.
    resultOf(await h.call('loadCorpus', { text: twoTopicText(10), minCount: 1 }));
    failsWith(await h.call('configure', { window: 1000 }), 'bad-input', /window/);
    failsWith(await h.call('configure', { dim: 1e7 }), 'bad-input', /dimensions/);
  });

  test('failed calls do not leak memory', async () => {
    const fresh = await loadEngine('simd'); // a 16 MB heap, nearly empty
    const h = hostFor(fresh);
    resultOf(await h.call('loadVectors', { bytes: new TextEncoder().encode('1 2\na 1 2\n'), name: 'one.vec' }));
    const word = `unknown${'x'.repeat(20000)}`;
    const heapBefore = fresh.HEAPU8.length;
    for (let i = 0; i < 1000; i++) failsWith(await h.call('neighbors', { word }), 'bad-input');
    assert.equal(fresh.HEAPU8.length, heapBefore, '20 MB of leaked arguments would have grown the heap');
  });
});
