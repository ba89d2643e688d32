// The one command an embedded lesson accepts from its parent page (web/embed-messages.js): only
// the declared shape, only the lesson's own settings, only values its URL would accept.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MESSAGE, readCommand } from '../../web/embed-messages.js';
import { boolParam, choiceParam, intParam, stringParam } from '../../web/state.js';

const lessonSettings = { near: stringParam('france', 40), k: intParam(10, 2, 30), method: choiceParam('add', ['add', 'mul']), categories: boolParam(true) };
const settingOf = (key) => (Object.hasOwn(lessonSettings, key) ? lessonSettings[key] : null);

test('a shelf:set of the lesson\'s settings is read like the URL would be', () => {
  assert.deepEqual(readCommand({ type: MESSAGE.set, settings: { near: 'spain', k: 5, method: 'mul' } }, settingOf), {
    ok: true,
    patch: { near: 'spain', k: 5, method: 'mul' },
  });
  assert.deepEqual(readCommand({ type: 'shelf:set', settings: { k: '12', categories: false } }, settingOf).patch, { k: 12, categories: false });
  const bare = Object.assign(Object.create(null), { type: 'shelf:set', settings: { near: 'x' } });
  assert.equal(readCommand(bare, settingOf).ok, true);
});

test('every other shape is refused with a reason, and nothing is read from it', () => {
  const refusals = [
    [null, /not an object/],
    ['shelf:set', /not an object/],
    [[{ type: 'shelf:set' }], /not an object/],
    [{ type: 'shelf:height', height: 3 }, /unknown type/],
    [{ type: 'shelf:eval', code: 'alert(1)' }, /unknown type/],
    [{ settings: { k: 5 } }, /unknown type/],
    [{ type: 'shelf:set', settings: { k: 5 }, then: 'x' }, /unexpected field "then"/],
    [{ type: 'shelf:set' }, /settings is not an object/],
    [{ type: 'shelf:set', settings: 'k=5' }, /settings is not an object/],
    [{ type: 'shelf:set', settings: [5] }, /settings is not an object/],
    [{ type: 'shelf:set', settings: new Date() }, /settings is not an object/],
    [{ type: 'shelf:set', settings: {} }, /settings has 0 keys/],
    [{ type: 'shelf:set', settings: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 1])) }, /settings has 40 keys/],
    [{ type: 'shelf:set', settings: { lesson: 'clusters' } }, /unknown setting "lesson"/],
    [{ type: 'shelf:set', settings: { __proto__: 'x' } }, /settings has 0 keys/],
    [{ type: 'shelf:set', settings: JSON.parse('{"__proto__": {"k": 5}}') }, /unknown setting "__proto__"/],
    [{ type: 'shelf:set', settings: { k: 99 } }, /bad value for k/],
    [{ type: 'shelf:set', settings: { k: 5.5 } }, /bad value for k/],
    [{ type: 'shelf:set', settings: { k: Number.NaN } }, /bad value for k/],
    [{ type: 'shelf:set', settings: { k: [5] } }, /bad value for k/],
    [{ type: 'shelf:set', settings: { k: { valueOf: () => 5 } } }, /bad value for k/],
    [{ type: 'shelf:set', settings: { method: 'both' } }, /bad value for method/],
    [{ type: 'shelf:set', settings: { near: 'x'.repeat(41) } }, /bad value for near/],
    [{ type: 'shelf:set', settings: { near: null } }, /bad value for near/],
  ];
  for (const [message, reason] of refusals) {
    const result = readCommand(message, settingOf);
    assert.equal(result.ok, false, JSON.stringify(message));
    assert.match(result.reason, reason, JSON.stringify(message));
    assert.equal(result.patch, undefined);
  }
});

test('one bad setting refuses the whole command: nothing is half applied', () => {
  const result = readCommand({ type: 'shelf:set', settings: { near: 'spain', k: 1000 } }, settingOf);
  assert.equal(result.ok, false);
  assert.equal(result.patch, undefined);
});
