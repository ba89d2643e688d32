// Slow motion: `train { wordsPerSecond }` paces the loop to the wall clock (the worker waits
// between slices, answering queries meanwhile); a new pace applies to the running loop.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { hostFor, loadEngine, missingEngine, resultOf, twoTopicText } from './support.mjs';

describe('paced training', { skip: missingEngine() ?? false }, () => {
  let h;
  before(async () => {
    h = hostFor(await loadEngine('simd'));
    resultOf(await h.call('loadCorpus', { text: twoTopicText(3000), minCount: 1 }));
    resultOf(await h.call('configure', { dim: 16, window: 3, epochs: 50, sample: 0, seed: 3 }));
  });

  test('a pace of 4,000 words per second is kept, and a faster one runs faster', async () => {
    const measure = async (wordsPerSecond, ms) => {
      const from = h.events.length;
      const start = performance.now();
      const first = (await h.nextEvent((e) => e.event === 'progress', from)).progress.wordsDone;
      await new Promise((resolve) => setTimeout(resolve, ms));
      const events = h.events.slice(from).filter((e) => e.event === 'progress');
      const last = events[events.length - 1].progress;
      return { rate: (last.wordsDone - first) / ((performance.now() - start) / 1000), last };
    };
    assert.deepEqual(resultOf(await h.call('train', { wordsPerStep: 200, wordsPerSecond: 4000 })), { running: true });
    const slow = await measure(4000, 1500);
    assert.ok(slow.rate < 4000 * 1.25 && slow.rate > 4000 * 0.5, `${Math.round(slow.rate)} words/s`);
    assert.ok(slow.last.wallWordsPerSecond > 2000 && slow.last.wallWordsPerSecond < 5000, `wall ${slow.last.wallWordsPerSecond}`);
    // Queries are answered while it waits between slices.
    assert.equal(resultOf(await h.call('neighbors', { word: 'cat', k: 2 })).words.length, 2);
    resultOf(await h.call('train', { wordsPerStep: 200, wordsPerSecond: 40000 }));
    const fast = await measure(40000, 1000);
    assert.ok(fast.rate > slow.rate * 3, `${Math.round(fast.rate)} words/s after speeding up`);
    resultOf(await h.call('pause'));
  });
});
