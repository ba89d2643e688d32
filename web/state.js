// The app state: one observable store. Some keys are settings that live in the URL query
// (`?lesson=analogy&seed=3&dim=50`), so that a link reproduces what its author saw; the others
// (the engine, the loaded vectors, training progress) are runtime state that no URL can carry.
//
//   const store = createStore();
//   store.define({ k: intParam(8, 1, 50) });        // a lesson adds its own settings
//   store.subscribe((state, changed) => ..., ['dim', 'seed']);
//   store.set({ dim: 50 });
//   store.query() → URLSearchParams of the settings that differ from their defaults

import { PAGE_SETTINGS, TRAINING_SETTINGS, pageSide } from '../wasm/training-settings.js';

/** A setting parsed from the URL: `parse(text)` returns the value or undefined when invalid. */
function param(fallback, parse, format = String) {
  return { url: true, default: fallback, parse, format };
}

export const stringParam = (fallback, maxLength = 200) =>
  param(fallback, (text) => (text.length <= maxLength ? text : undefined));

// Plain decimal text only: Number() alone would also read '' and '  ' as 0 and '0x10' as 16.
// '-0' reads as 0, which is what it writes back as.
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export const intParam = (fallback, min, max) =>
  param(fallback, (text) => {
    const value = INTEGER_TEXT.test(text) ? Number(text) + 0 : NaN;
    return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  });

export const numberParam = (fallback, min, max) =>
  param(fallback, (text) => {
    const value = DECIMAL_TEXT.test(text) ? Number(text) + 0 : NaN;
    return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  });

// Choices may be numbers (the training speed): each is written as String(choice).
export const choiceParam = (fallback, choices) =>
  param(fallback, (text) => choices.find((choice) => String(choice) === text));

export const boolParam = (fallback) =>
  param(fallback, (text) => (text === '1' ? true : text === '0' ? false : undefined), (v) => (v ? '1' : '0'));

/** Runtime state: never in the URL. */
export const runtime = (initial) => ({ url: false, default: initial });

/**
 * Training speeds, in corpus words per second of wall-clock time (the worker paces its slices);
 * 0 trains as fast as the engine goes (declared in wasm/training-settings.js).
 */
export const SPEEDS = TRAINING_SETTINGS.speed.choices;
/** Slices per second at a paced speed: enough for a smooth drift, few enough to cost little. */
const SLICES_PER_SECOND = 30;
/** Corpus words per training slice for a speed. */
export const wordsPerStep = (speed) => (speed ? Math.max(200, Math.round(speed / SLICES_PER_SECOND)) : 20000);

/** A training setting's URL parameter: its page default and range (wasm/training-settings.js). */
function settingParam(name) {
  const { type, choices } = TRAINING_SETTINGS[name];
  const { default: fallback, min, max } = pageSide(name);
  if (type === 'choice') return choiceParam(fallback, choices);
  return (type === 'int' ? intParam : numberParam)(fallback, min, max);
}

/**
 * The app's own keys. Training settings are word2vec's names, with the page's defaults (chosen so
 * that the bundled corpus trains live in about a minute) and ranges.
 */
export const appParams = {
  lesson: stringParam('embedding', 40),
  // Training settings (lesson 2 shows them; every live training uses them).
  ...Object.fromEntries(PAGE_SETTINGS.map((name) => [TRAINING_SETTINGS[name].url, settingParam(name)])),
  // How maps are shown: the picture or the table alternative.
  view: choiceParam('map', ['map', 'table']),
  // How the library map lays the words out: PCA (straight projection) or UMAP (neighbourhoods).
  projection: choiceParam('pca', ['pca', 'umap']),

  // Runtime.
  engine: runtime(null), // { simd, instructionSet, version } once the worker answers
  engineError: runtime(null), // a message when the engine could not start
  source: runtime(null), // { kind: 'snapshot'|'corpus'|'vectors'|'training', name, vocab, dim, ... }
  busy: runtime(null), // what the page is loading or computing, as a sentence; null when idle
  progress: runtime(null), // the latest training progress (docs/protocol.md)
  modelVersion: runtime(0), // bumped whenever the current vectors change
};

export function createStore(params = appParams) {
  const schema = {};
  let state = {};
  const listeners = new Set();

  function define(more) {
    const added = {};
    for (const [key, spec] of Object.entries(more)) {
      if (Object.hasOwn(schema, key)) continue;
      schema[key] = spec;
      if (!Object.hasOwn(state, key)) added[key] = spec.default;
    }
    if (Object.keys(added).length) state = Object.freeze({ ...state, ...added });
  }

  function set(patch) {
    const changed = new Set();
    const next = { ...state };
    for (const [key, value] of Object.entries(patch)) {
      if (!Object.is(state[key], value)) {
        next[key] = value;
        changed.add(key);
      }
    }
    if (!changed.size) return;
    state = Object.freeze(next);
    for (const { listener, keys } of [...listeners]) {
      if (!keys || keys.some((key) => changed.has(key))) listener(state, changed);
    }
  }

  /** listener(state, changedKeys); with `keys`, only when one of them changed. */
  function subscribe(listener, keys = null) {
    const entry = { listener, keys };
    listeners.add(entry);
    return () => listeners.delete(entry);
  }

  /** The URL settings that differ from their defaults (plus `extra`, e.g. the lesson). */
  function query({ only = null, always = [] } = {}) {
    const search = new URLSearchParams();
    for (const [key, spec] of Object.entries(schema)) {
      if (!spec.url || (only && !only.includes(key) && !always.includes(key))) continue;
      const value = state[key];
      if (Object.is(value, spec.default) && !always.includes(key)) continue;
      search.set(key, spec.format(value));
    }
    return search;
  }

  /** Reads the settings of a URL query; unknown keys are kept for lessons defined later. */
  function readQuery(search, { reset = false } = {}) {
    const patch = {};
    if (reset) for (const [key, spec] of Object.entries(schema)) if (spec.url && key !== 'lesson') patch[key] = spec.default;
    for (const [key, text] of new URLSearchParams(search)) {
      const spec = schema[key];
      if (spec?.url) {
        const value = spec.parse(text);
        if (value !== undefined) patch[key] = value;
      } else if (!spec) {
        pendingQuery.set(key, text);
      }
    }
    set(patch);
  }
  // Keys met in the URL before their lesson defined them.
  const pendingQuery = new Map();
  const defineWithQuery = (more) => {
    define(more);
    const patch = {};
    for (const key of Object.keys(more)) {
      if (!pendingQuery.has(key)) continue;
      const value = more[key].url ? more[key].parse(pendingQuery.get(key)) : undefined;
      if (value !== undefined) patch[key] = value;
      pendingQuery.delete(key);
    }
    set(patch);
  };

  /** Every setting back to its default (runtime keys untouched). */
  function defaults(keys) {
    const patch = {};
    for (const key of keys) if (schema[key]?.url) patch[key] = schema[key].default;
    return patch;
  }

  define(params);
  return {
    get: () => state,
    set,
    subscribe,
    define: defineWithQuery,
    query,
    readQuery,
    defaults,
    /** The schema entry of a key (its default, whether it is in the URL). */
    spec: (key) => schema[key],
  };
}

/**
 * Keeps the page's URL in step with the store's settings: read once at start; written with
 * replaceState as settings change (a lesson change adds a history entry, so Back works).
 */
export function syncWithUrl(store, { location, history, addEventListener }) {
  store.readQuery(location.search);
  let timer = 0;
  let lastLesson = store.get().lesson;
  store.subscribe((state, changed) => {
    if (![...changed].some((key) => store.spec(key)?.url)) return;
    const lessonChanged = changed.has('lesson') && state.lesson !== lastLesson;
    lastLesson = state.lesson;
    clearTimeout(timer);
    const write = () => {
      const search = store.query({ always: ['lesson'] }).toString();
      const url = `${location.pathname}?${search}${location.hash}`;
      if (lessonChanged) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    };
    if (lessonChanged) write();
    else timer = setTimeout(write, 150);
  });
  addEventListener('popstate', () => store.readQuery(location.search, { reset: true }));
}
