// The `clusterWords` request end to end through engine-host.js (both engines): shelves of a small
// trained two-topic corpus, matched between calls, with agreement figures and a map.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { parseRequest } from '../../wasm/protocol.js';
import { animals, failsWith, hostFor, loadEngine, missingEngine, places, resultOf, smallTraining, twoTopicText } from './support.mjs';

const skip = missingEngine() ?? false;

for (const flavour of ['simd', 'scalar']) {
  describe(`clusterWords (${flavour})`, { skip }, () => {
    let h;
    before(async () => {
      h = hostFor(await loadEngine(flavour));
      resultOf(await h.call('loadCorpus', { text: twoTopicText(3000), minCount: 1 }));
      resultOf(await h.call('configure', smallTraining));
      resultOf(await h.call('step', { words: 150000 }));
    });

    const words = [...animals, ...places];
    const topics = [...animals.map(() => 0), ...places.map(() => 1)];

    test('two shelves hold the two topics, with names, order and agreement', async () => {
      const r = resultOf(await h.call('clusterWords', { words: [...words, 'unicorn'], topics: [...topics, 0], k: 2, center: true }));
      assert.deepEqual(r.words, words);
      assert.deepEqual(r.missing, ['unicorn']);
      assert.equal(r.k, 2);
      assert.ok(r.labels instanceof Int32Array && r.labels.length === words.length);
      assert.ok(r.purity > 0.9, `purity ${r.purity}`);
      assert.ok(r.adjustedRand > 0.6, `ARI ${r.adjustedRand}`);
      assert.equal(r.topicWords, words.length);
      assert.equal(r.names.length, 2);
      for (let c = 0; c < 2; c += 1) {
        assert.equal(r.representatives[c].length, 3);
        assert.equal(r.names[c], r.representatives[c].join(' · '));
      }
      assert.deepEqual([...r.order].sort(), [0, 1]);
      assert.equal(r.centroidSimilarity.length, 4);
      assert.equal(r.sizes[0] + r.sizes[1], words.length);
      assert.equal(r.points, undefined);
    });

    test('a second call keeps the numbers of the first, and draws a map turned onto it', async () => {
      const first = resultOf(await h.call('clusterWords', { words, k: 4, components: 2 }));
      assert.equal(first.points.length, 2 * words.length);
      assert.equal(first.aligned, false);
      const renumbered = Int32Array.from(first.labels, (label) => (label + 1) % 4);
      const again = resultOf(await h.call('clusterWords', {
        words, k: 4, seed: 7, components: 2, previousWords: first.words, previousLabels: renumbered, previousPoints: first.points,
      }));
      assert.deepEqual([...again.labels], [...renumbered]);
      assert.equal(again.moved, 0);
      assert.equal(again.compared, words.length);
      assert.equal(again.aligned, true);
      for (let i = 0; i < first.points.length; i += 1) assert.ok(Math.abs(again.points[i] - first.points[i]) < 1e-3);
    });

    test('a probe and its centred neighbours are put on the shelves', async () => {
      const r = resultOf(await h.call('clusterWords', {
        words: animals, k: 2, center: true, neighborsOf: ['france', 'nosuch'], neighbors: 4, addNeighbors: true,
      }));
      assert.equal(r.neighbors.length, 2);
      const [france, unknown] = r.neighbors;
      assert.equal(france.known, true);
      assert.equal(france.words.length, 4);
      assert.ok(france.scores instanceof Float32Array);
      assert.ok(france.words.filter((w) => places.includes(w)).length >= 3, france.words.join());
      assert.deepEqual(unknown, { word: 'nosuch', known: false, words: [], scores: new Float32Array(0) });
      for (const word of ['france', ...france.words]) assert.ok(r.words.includes(word), word);
      assert.deepEqual(r.words.slice(0, animals.length), animals);
    });

    test('the most frequent words when none are given', async () => {
      const r = resultOf(await h.call('clusterWords', { limit: 12, k: 3 }));
      assert.equal(r.words.length, 12);
      assert.deepEqual([...r.ids], [...Array(12).keys()]);
      assert.equal(r.purity, undefined);
    });

    test('bad requests and impossible shelves are refused with a reason', async () => {
      failsWith(await h.call('clusterWords', { words: 'cat dog' }), 'bad-request', /array of strings/);
      failsWith(await h.call('clusterWords', { words, topics: [1, 2] }), 'bad-request', /one entry per word/);
      failsWith(await h.call('clusterWords', { words, components: 1 }), 'bad-request', /components/);
      failsWith(await h.call('clusterWords', { words, previousWords: words }), 'bad-request', /go together/);
      failsWith(await h.call('clusterWords', { words: ['cat', 'dog'], k: 3 }), 'bad-input', /cannot put 2 known words on 3 shelves/);
      failsWith(await h.call('clusterWords', { words: ['zzz'] }), 'bad-input', /none of the words/);
      failsWith(await h.call('clusterWords', { words, k: 2, previousWords: words, previousLabels: [0] }), 'bad-input', /one label per word/);
    });
  });
}

test('clusterWords defaults', () => {
  const { fields } = parseRequest({ id: 1, type: 'clusterWords' });
  assert.deepEqual(fields, { limit: 500, k: 8, seed: 1, center: false, representatives: 3, components: 0, maxIterations: 100, neighbors: 8, addNeighbors: false });
});

describe('clusterWords before any vectors', { skip }, () => {
  test('is no-model', async () => {
    const { call } = hostFor(await loadEngine('simd'));
    failsWith(await call('clusterWords', { k: 2 }), 'no-model');
  });
});
