// Property-based fuzzing of the URL state (web/state.js) with fast-check: any query string is
// read without throwing and leaves only valid settings; any valid settings survive a trip
// through the URL. Fixed seed, bounded runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { appParams, boolParam, choiceParam, createStore, intParam, numberParam, stringParam } from '../../web/state.js';

const settings = (numRuns) => ({ seed: 20240605, numRuns, endOnFailure: true });

// The app's settings plus one of each kind a lesson may add (as web/lessons/*.js do).
const lessonParams = {
  k: intParam(8, 2, 30),
  posScale: numberParam(1, 0, 3),
  groups: boolParam(true),
  pooling: choiceParam('mean', ['mean', 'sif']),
  words: stringParam('king queen', 120),
};
const urlKeys = [...Object.entries(appParams), ...Object.entries(lessonParams)]
  .filter(([, spec]) => spec.url)
  .map(([key]) => key);

function storeWithLessons() {
  const store = createStore();
  store.define(lessonParams);
  return store;
}

// A value is valid when it is what its own text reads back as.
const isValid = (spec, value) => Object.is(spec.parse(spec.format(value)), value);

// Text of every sort a URL may hold for a value: numbers written oddly, blanks, escapes, unicode.
const valueText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', '0', '-0', '1', '01', '+5', '1e1', '1.5', '.5', '5.', '0x10', 'NaN', 'Infinity', '-1', '1e-7',
    '2147483647', '2147483648', '1e400', 'true', 'map', 'table', 'cbow', '20000', '%', '%zz', '&', '=', '#'),
  fc.integer().map(String),
  fc.double().map(String),
);
const queryString = fc.oneof(
  fc.string(),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...urlKeys, 'engine', 'busy', '__proto__', 'constructor'), fc.string()), valueText), { maxLength: 8 })
    .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
  fc.array(fc.tuple(fc.constantFrom(...urlKeys), valueText), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
);

test('any query string is read without throwing and leaves only valid settings', () => {
  fc.assert(
    fc.property(queryString, fc.boolean(), (search, reset) => {
      const store = storeWithLessons();
      store.readQuery(search, { reset });
      const state = store.get();
      for (const key of urlKeys) {
        assert.ok(isValid(store.spec(key), state[key]), `${key} = ${String(state[key])} after ${JSON.stringify(search)}`);
      }
      // Runtime state never comes from a URL.
      assert.equal(state.engine, null);
      assert.equal(state.busy, null);
    }),
    settings(3000),
  );
});

test('a setting read from the URL is its parsed text, or its default when the text is invalid', () => {
  fc.assert(
    fc.property(fc.constantFrom(...urlKeys), valueText, (key, text) => {
      const store = storeWithLessons();
      store.readQuery(new URLSearchParams([[key, text]]).toString());
      const spec = store.spec(key);
      const parsed = spec.parse(text);
      assert.ok(Object.is(store.get()[key], parsed === undefined ? spec.default : parsed));
    }),
    settings(3000),
  );
});

// A valid value for each setting: candidates from a pool, kept when valid. Every setting's default
// is in the pool, so each filter has a value it keeps (a setting with choices outside the pool
// would otherwise make fast-check search forever).
const defaults = urlKeys.map((key) => (appParams[key] ?? lessonParams[key]).default);
const candidates = fc.oneof(
  fc.constantFrom(...defaults),
  fc.integer({ min: -10, max: 2 ** 31 }),
  fc.double({ min: -1, max: 400, noNaN: true }),
  fc.boolean(),
  fc.string({ maxLength: 50 }),
  fc.constantFrom('map', 'table', 'skipgram', 'cbow', 'mean', 'sif', 1000, 5000, 20000, 50000, 1e-7, 0),
);
const validSettings = fc.record(
  Object.fromEntries(
    urlKeys.map((key) => {
      const spec = appParams[key] ?? lessonParams[key];
      return [key, candidates.filter((value) => isValid(spec, value))];
    }),
  ),
  { requiredKeys: [] },
);

test('valid settings make a URL that reads back to the same settings', () => {
  fc.assert(
    fc.property(validSettings, (patch) => {
      const author = storeWithLessons();
      author.set(patch);
      const url = `?${author.query({ always: ['lesson'] }).toString()}`;
      const visitor = storeWithLessons();
      visitor.readQuery(url);
      for (const key of urlKeys) {
        assert.ok(Object.is(visitor.get()[key], author.get()[key]), `${key}: ${String(author.get()[key])} became ${String(visitor.get()[key])} via ${url}`);
      }
    }),
    settings(2000),
  );
});

test('numbers in a URL must be plain decimals', () => {
  const store = storeWithLessons();
  store.readQuery('?seed=&dim=0x20&epochs=%201&lr=1e-2&k=-0&posScale=.5');
  const state = store.get();
  assert.equal(state.seed, appParams.seed.default, 'an empty value is no number');
  assert.equal(state.dim, appParams.dim.default, 'hexadecimal is refused');
  assert.equal(state.epochs, appParams.epochs.default, 'blanks are refused');
  assert.equal(state.lr, 0.01);
  assert.equal(state.k, lessonParams.k.default, '-0 reads as 0, below k’s minimum');
  assert.equal(state.posScale, 0.5);
});
