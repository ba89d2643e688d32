// The classroom word filter through the protocol on both engines (SIMD and scalar), with the
// page's own list (LDNOOBW's, npm naughty-words) on a corpus that contains some of its words.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { FILTER_LIST } from '../../web/word-filter.js';
import { failsWith, hostFor, loadEngine, missingEngine, resultOf, smallTraining } from './support.mjs';

const skip = missingEngine() ?? false;
// Words of the list as the King James Bible uses them, beside words it does not list.
const animals = ['cat', 'dog', 'horse', 'ass', 'sheep', 'cow', 'fur', 'tail'];
const places = ['france', 'spain', 'italy', 'whore', 'bastard', 'rome', 'border', 'capital'];
const listedInText = ['ass', 'whore', 'bastard'];

function text(sentences) {
  const lines = [];
  for (let s = 0; s < sentences; s++) {
    const topic = s % 2 ? animals : places;
    const words = [];
    for (let w = 0; w < 8; w++) words.push(topic[(s * 5 + w * 3 + ((s * w) % 7)) % topic.length]);
    lines.push(`${words.join(' ')} the and`);
  }
  return `${lines.join('\n')}\n`;
}

const hasListed = (words) => words.some((w) => listedInText.includes(w));

for (const flavour of ['simd', 'scalar']) {
  describe(`word filter (${flavour} engine)`, { skip }, () => {
    let module;
    before(async () => {
      module = await loadEngine(flavour);
    });

    test('the page\'s list hides the listed words of a trained corpus from every answer', async () => {
      for (const word of listedInText) assert.ok(FILTER_LIST.includes(word), word);
      const { call } = hostFor(module);
      resultOf(await call('loadCorpus', { text: text(1500), minCount: 1 }));
      resultOf(await call('configure', smallTraining));
      resultOf(await call('step', { words: 200000 }));
      const vocab = resultOf(await call('vocabulary')).words.length;
      assert.ok(hasListed(resultOf(await call('neighbors', { word: 'dog', k: vocab - 1 })).words), 'unfiltered, they are there');

      const status = resultOf(await call('wordFilter', { words: FILTER_LIST }));
      assert.deepEqual(status, { listed: FILTER_LIST.filter((w) => !/\s/.test(w.trim())).length, hidden: 3, vocab });
      assert.deepEqual(resultOf(await call('wordFilter')), status);

      assert.equal(hasListed(resultOf(await call('vocabulary')).words), false);
      const near = resultOf(await call('neighbors', { word: 'dog', k: vocab }));
      assert.equal(near.words.length, vocab - 4);
      assert.equal(hasListed(near.words), false);
      assert.equal(hasListed(resultOf(await call('analogy', { a: 'cat', b: 'dog', c: 'france', k: vocab })).words), false);
      assert.equal(hasListed(resultOf(await call('project', { limit: 1000 })).words), false);
      const graph = resultOf(await call('neighborGraph', { limit: 1000, k: 3 }));
      assert.equal(graph.words.length, vocab - 3);
      assert.ok(graph.neighbors.every((row) => row >= 0 && row < graph.words.length));
      assert.equal(resultOf(await call('cluster', { k: 2, limit: 1000 })).ids.length, vocab - 3);
      const shelves = resultOf(await call('clusterWords', { limit: 1000, k: 2, neighborsOf: ['dog'], neighbors: vocab, addNeighbors: true }));
      assert.equal(shelves.words.length, vocab - 3);
      assert.equal(hasListed(shelves.words) || hasListed(shelves.neighbors[0].words), false);
      assert.deepEqual(resultOf(await call('clusterWords', { words: ['cat', 'ass', 'dog'], k: 2 })).missing, ['ass']);
      const umap = resultOf(await call('umap', { limit: 1000, neighbors: 5, epochs: 20 }));
      assert.equal(hasListed(umap.words), false);
      failsWith(await call('neighbors', { word: 'Whore', k: 3 }), 'bad-input', /hidden by the classroom word filter/);
      failsWith(await call('similarity', { a: 'cat', b: 'ass' }), 'bad-input', /hidden/);

      // Off: every word again.
      assert.deepEqual(resultOf(await call('wordFilter', { words: [] })), { listed: 0, hidden: 0, vocab });
      assert.equal(resultOf(await call('vocabulary')).words.length, vocab);
    });

    test('a bad list is a bad request', async () => {
      const { call } = hostFor(module);
      failsWith(await call('wordFilter', { words: 'ass' }), 'bad-request', /array/);
      failsWith(await call('wordFilter', { words: [1, 2] }), 'bad-request', /array/);
      failsWith(await call('wordFilter', { list: [] }), 'bad-request', /unknown field/);
    });
  });
}
