// `wordVectors` through the real worker: a few words' vectors in one request, each row the same
// as the `vector` request for that word answers; unknown and hidden words get id -1 and zeros.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { animals, places, smallTraining, startWorker, trainUntilStopped, twoTopicText, workerUnavailable } from './support.mjs';

const skip = workerUnavailable();

describe('wordVectors', { skip }, () => {
  let worker;
  let engine;
  before(async () => {
    ({ worker, client: engine } = startWorker());
    await engine.init();
    await assert.rejects(engine.wordVectors({ words: ['cat'] }), (error) => error.code === 'no-model');
    await engine.loadCorpus({ text: twoTopicText(200), minCount: 1 });
    await engine.configure(smallTraining);
    await trainUntilStopped(engine, {});
  });
  after(() => worker.terminate());

  test('each row is what `vector` answers for that word; unknown words get id -1 and zeros', async () => {
    const words = ['CAT', animals[3], 'zebra', places[0], places[4]];
    const found = await engine.wordVectors({ words });
    assert.equal(found.dim, smallTraining.dim);
    assert.equal(found.vectors.length, words.length * found.dim);
    assert.deepEqual(found.unknown, ['zebra']);
    for (const [i, word] of words.entries()) {
      const row = found.vectors.subarray(i * found.dim, (i + 1) * found.dim);
      if (word === 'zebra') {
        assert.equal(found.ids[i], -1);
        assert.equal(found.words[i], 'zebra');
        assert.ok(row.every((x) => x === 0));
        continue;
      }
      const one = await engine.vector({ word });
      assert.equal(found.words[i], one.word);
      assert.equal(found.ids[i], one.id);
      assert.deepEqual(row, one.vector);
    }
  });

  test('a word the classroom filter hides is unknown too; bad requests are refused', async () => {
    await engine.wordFilter({ words: [animals[0]] });
    try {
      const found = await engine.wordVectors({ words: [animals[0], animals[1]] });
      assert.deepEqual(found.unknown, [animals[0]]);
      assert.deepEqual([...found.ids].map((id) => id >= 0), [false, true]);
    } finally {
      await engine.wordFilter({ words: [] });
    }
    assert.deepEqual((await engine.wordVectors({ words: [] })).unknown, []);
    await assert.rejects(engine.wordVectors({ words: 'cat' }), (error) => error.code === 'bad-request');
    await assert.rejects(engine.wordVectors({ words: Array(1001).fill('cat') }), (error) => error.code === 'bad-request' && /at most 1000/.test(error.message));
  });
});
