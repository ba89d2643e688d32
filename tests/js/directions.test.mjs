// The `directions` request end to end through the host and both engines: words on two axes
// defined by word pairs, computed in C++ (src/shelf/directions.h).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { hostFor, loadEngine, missingEngine } from './support.mjs';

const skip = missingEngine() ?? false;

// Gender along the first dimension, royalty along the second, a shared part along the third.
const VECTORS = `7 3
man -1 -1 1
woman 1 -1 1
king -1 1 1
queen 1 1 1
boy -0.8 -1.2 1
girl 0.8 -1.2 1
crown 0 2 0
`;

for (const flavour of ['simd', 'scalar']) {
  test(`${flavour}: directions places every word in one request, lists unknown ones, refuses bad axes`, { skip }, async () => {
    const { call } = hostFor(await loadEngine(flavour));
    const noModel = await call('directions', { x: [['man', 'woman']], y: [['man', 'king']], words: ['king'] });
    assert.equal(noModel.error.code, 'no-model');
    assert.ok((await call('loadVectors', { bytes: new TextEncoder().encode(VECTORS), name: 'square.vec' })).ok);

    const reply = await call('directions', {
      x: [['man', 'woman'], ['king', 'queen'], ['boy', 'girl']],
      y: [['man', 'king'], ['woman', 'queen']],
      words: ['king', 'Queen', 'man', 'woman', 'zebra', 'crown', 'king'],
    });
    assert.ok(reply.ok, JSON.stringify(reply.error));
    const { words, x, y, unknown, xAgreement, yAgreement, axesCosine } = reply.result;
    assert.deepEqual(words, ['king', 'queen', 'man', 'woman', 'crown']);
    assert.deepEqual(unknown, ['zebra']);
    assert.ok(x instanceof Float32Array && y instanceof Float32Array);
    const at = (word) => [x[words.indexOf(word)], y[words.indexOf(word)]];
    // The four corners: female to the right, royal at the top.
    assert.ok(at('queen')[0] > 0 && at('woman')[0] > 0 && at('king')[0] < 0 && at('man')[0] < 0);
    assert.ok(at('queen')[1] > 0 && at('king')[1] > 0 && at('woman')[1] < 0 && at('man')[1] < 0);
    assert.ok(Math.abs(at('crown')[0]) < 1e-6 && at('crown')[1] > 0.99, 'crown lies on the royalty axis');
    assert.equal(xAgreement.length, 3);
    assert.equal(yAgreement.length, 2);
    assert.ok([...xAgreement, ...yAgreement].every((a) => a > 0.9 && a <= 1 + 1e-6));
    assert.ok(Math.abs(axesCosine) < 0.1, `the axes are nearly perpendicular: ${axesCosine}`);

    const bad = await call('directions', { x: [['man', 'unicorn']], y: [['man', 'king']], words: ['king'] });
    assert.equal(bad.error.code, 'bad-input');
    assert.match(bad.error.message, /unknown word 'unicorn' in the pair man → unicorn of the x axis/);
    const malformed = await call('directions', { x: [['man']], y: [['man', 'king']], words: ['king'] });
    assert.equal(malformed.error.code, 'bad-request');
    const empty = await call('directions', { x: [], y: [['man', 'king']], words: ['king'] });
    assert.match(empty.error.message, /the x axis needs at least one word pair/);
    // The session answers on after the refusals.
    assert.ok((await call('similarity', { a: 'king', b: 'queen' })).ok);
  });
}
