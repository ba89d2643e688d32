// The SIMD and scalar engines answer alike: the browser picks one by feature detection, and the
// page must not be able to tell which.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { animals, hostFor, loadEngine, missingEngine, resultOf, smallTraining, twoTopicText } from './support.mjs';

const skip = missingEngine() ?? false;

// 400 words of 48 dimensions (not a multiple of the SIMD width's square, so tails are exercised).
function randomVectorsFile() {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const lines = ['400 48'];
  for (let w = 0; w < 400; w++) lines.push(`w${w} ${Array.from({ length: 48 }, () => next().toFixed(6)).join(' ')}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe('SIMD and scalar engines', { skip }, () => {
  let simd;
  let scalar;
  before(async () => {
    simd = hostFor(await loadEngine('simd'));
    scalar = hostFor(await loadEngine('scalar'));
  });

  test('they are what they say', async () => {
    assert.equal(resultOf(await simd.call('init')).instructionSet, 'wasm-simd128');
    const info = resultOf(await scalar.call('init'));
    assert.equal(info.simd, false);
    assert.equal(info.instructionSet, 'scalar');
  });

  test('the same vectors give the same neighbours', async () => {
    const bytes = randomVectorsFile();
    for (const h of [simd, scalar]) resultOf(await h.call('loadVectors', { bytes, name: 'random.vec' }));
    for (const word of ['w0', 'w17', 'w123', 'w399']) {
      const a = resultOf(await simd.call('neighbors', { word, k: 10 }));
      const b = resultOf(await scalar.call('neighbors', { word, k: 10 }));
      assert.deepEqual([...a.ids], [...b.ids], word);
      for (let i = 0; i < 10; i++) assert.ok(Math.abs(a.scores[i] - b.scores[i]) < 1e-5);
    }
  });

  test('the same seed trains to the same neighbourhoods', async () => {
    for (const h of [simd, scalar]) {
      resultOf(await h.call('loadCorpus', { text: twoTopicText(3000), minCount: 1 }));
      resultOf(await h.call('configure', smallTraining));
      while (!resultOf(await h.call('step', { words: 50000 })).progress.finished);
    }
    for (const word of ['cat', 'paris']) {
      const a = resultOf(await simd.call('neighbors', { word, k: 5 })).words;
      const b = resultOf(await scalar.call('neighbors', { word, k: 5 })).words;
      const topic = animals.includes(word) ? animals : null;
      const onTopic = (words) => words.filter((w) => (topic ? topic.includes(w) : !animals.includes(w))).length;
      assert.ok(onTopic(a) >= 4 && onTopic(b) >= 4, `${a} / ${b}`);
      // Sums in another order round differently, so the vectors differ in their last bits; the
      // neighbourhoods do not (near-ties may swap places).
      assert.deepEqual([...a].sort(), [...b].sort(), word);
    }
  });
});
