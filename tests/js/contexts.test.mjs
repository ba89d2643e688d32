// The contexts lesson's requests through engine-host.js on the SIMD engine, in-process.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { animals, failsWith, hostFor, loadEngine, missingEngine, resultOf, twoTopicText } from './support.mjs';

const skip = missingEngine() ?? false;
const training = { dim: 16, epochs: 4, sample: 0, seed: 3 };

async function trainedHost(module, fields = {}) {
  const h = hostFor(module);
  resultOf(await h.call('contextsLoad', { text: twoTopicText(1500), minCount: 1, window: 4, ...fields }));
  resultOf(await h.call('contextsConfigure', training));
  return h;
}

async function trainToEnd(h, pairs) {
  const lines = [[...resultOf(await h.call('contextsStep', { words: 0, pairs })).cosines]];
  for (;;) {
    const { progress, cosines } = resultOf(await h.call('contextsStep', { words: 4000, pairs }));
    lines.push([...cosines]);
    if (progress.finished) return lines;
  }
}

describe('contexts requests', { skip }, () => {
  let module;
  before(async () => {
    module = await loadEngine('simd');
  });

  test('before a corpus, questions say no-model; bad fields are refused', async () => {
    const h = hostFor(module);
    failsWith(await h.call('contextsConfigure'), 'no-model', /no corpus yet/);
    failsWith(await h.call('contextsOf', { word: 'cat' }), 'no-model');
    failsWith(await h.call('contextsStep', { pairs: [['cat']] }), 'bad-request', /pairs/);
    failsWith(await h.call('contextsPushes', { word: 'cat', count: 5000 }), 'bad-request', /from 1 to 1000/);
    failsWith(await h.call('contextsLoad', { text: 'a b\n', removeA: 'a' }), 'bad-input', /one word/);
  });

  test('a word\'s contexts: lines, counts and the words sharing them', async () => {
    const h = await trainedHost(module);
    const found = resultOf(await h.call('contextsOf', { word: 'CAT', limit: 5, k: 5 }));
    assert.equal(found.word, 'cat');
    assert.equal(found.window, 4);
    assert.equal(found.lines.length, 5);
    for (const line of found.lines) assert.ok(line.left.length <= found.window + found.extra);
    assert.equal(found.contexts.length, 5);
    assert.ok(found.sharing.every((s) => animals.includes(s.word)), JSON.stringify(found.sharing));
    failsWith(await h.call('contextsOf', { word: 'unicorn' }), 'bad-input', /unknown word 'unicorn'/);
  });

  test('a pair: shared contexts, and the cosine line rising for it, not for a word of the other topic', async () => {
    const h = await trainedHost(module);
    const pair = resultOf(await h.call('contextsPair', { a: 'cat', b: 'dog', k: 4 }));
    assert.equal(pair.shared.length, 4);
    assert.ok(pair.shared.every((e) => e.countA > 0 && e.countB > 0));
    assert.ok(pair.onlyA.every((e) => e.countB === 0));
    const lines = await trainToEnd(h, [['cat', 'dog'], ['cat', 'paris']]);
    const [first, last] = [lines[0], lines.at(-1)];
    assert.ok(last[0] > first[0] + 0.3, `cat·dog ${first[0]} → ${last[0]}`);
    assert.ok(last[0] > last[1] + 0.3, `cat·dog ${last[0]}, cat·paris ${last[1]}`);
  });

  test('pushes one at a time, then predictions that match the corpus', async () => {
    const h = await trainedHost(module);
    const one = resultOf(await h.call('contextsPushes', { word: 'cat', count: 1, neighbours: 3 }));
    assert.equal(one.pushes.length, 1);
    const push = one.pushes[0];
    assert.equal(push.window[push.probe], 'cat');
    assert.equal(push.window[push.centre], push.positive);
    assert.equal(push.beforeScores.length, push.negatives.length + 1);
    assert.equal(push.neighbourAfter.length, 3);
    const next = resultOf(await h.call('contextsPushes', { word: 'cat', count: 1, neighbours: 3 }));
    assert.ok(next.progress.wordsDone >= one.progress.wordsDone);
    await trainToEnd(h, []);
    const predicted = resultOf(await h.call('contextsPredict', { word: 'paris', k: 5 }));
    assert.equal(predicted.predicted.length, 5);
    assert.ok(predicted.meanActual > predicted.meanAll);
    assert.ok(predicted.agreement >= 3);
    const near = resultOf(await h.call('contextsNeighbours', { word: 'cat', k: 3 }));
    assert.ok(near.words.every((w) => animals.includes(w)));
  });

  test('an edited corpus: added sentences pull two words together', async () => {
    // Paris where cat stands: the lines with cat, cat replaced by paris.
    const added = twoTopicText(1500).split('\n').filter((line) => / cat /.test(` ${line} `))
      .map((line) => ` ${line} `.replaceAll(' cat ', ' paris ').trim()).join('\n');
    const lines = added.split('\n').length;
    const plain = await trainedHost(module);
    const [, before] = [0, (await trainToEnd(plain, [['cat', 'paris']])).at(-1)[0]];
    const edited = hostFor(module);
    const summary = resultOf(await edited.call('contextsLoad', { text: twoTopicText(1500), minCount: 1, window: 4, added }));
    assert.equal(summary.addedLines, lines);
    resultOf(await edited.call('contextsConfigure', training));
    const after = (await trainToEnd(edited, [['cat', 'paris']])).at(-1)[0];
    assert.ok(after > before + 0.05, `cat·paris ${before} → ${after}`);
    const removed = resultOf(await edited.call('contextsLoad', { text: `${twoTopicText(1500)}cat paris\nparis cat dog\n`, minCount: 1, removeA: 'paris', removeB: 'cat' }));
    assert.equal(removed.removedLines, 2);
  });
});
