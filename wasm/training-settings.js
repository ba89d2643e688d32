// Every training setting, declared once: its name on the wire, in the URL and on the command
// line, the engine's default and range, the page's where the page deliberately differs, the
// contexts lesson's run, and what it means. Derived from it: the `configure`, `contextsConfigure`
// and `loadCorpus` fields (wasm/protocol.js), the URL settings (web/state.js), the training form
// (web/ui/training-settings.js), the fields live training sends (web/training.js), the contexts
// run's (web/contexts-run.js) and the table in docs/protocol.md (scripts/training-settings-doc.mjs).
// The engine keeps its own defaults and ranges (TrainingParams and its table of settings in
// src/shelf/training_params.h/.cpp, VocabOptions in vocab.h with kVocabLimits in training_limits.h;
// `shelf train` and the configure binding read the same table); tests/js/training-settings.test.mjs fails
// when the two disagree, and tests/cli/training-settings.test.mjs when `shelf train --help` does.
//
// A setting: `{ type, url, flag, configure, engine, page, lab, label, meaning }`, keyed by its name
// on the wire (the requests' field):
// - type: 'int', 'number' or 'choice' (then `choices`, and `choiceLabels` for the form);
// - url: its key in the page's URL and store (null: the page has no control for it);
// - flag: its `shelf train` flag (null: none);
// - configure: whether `configure` carries it (the others are read with the corpus, or CLI only);
// - engine: the engine's default and range ({ default, min, max, minOpen, maxOpen }; an open end
//   excludes its bound), or null for a setting of the page alone;
// - page: the page's own default and range where they differ from the engine's, with `why`;
//   a page range always lies inside the engine's; `form: false` keeps it out of the training form;
// - lab: the default of the contexts lesson's own run (`contextsLoad`, `contextsConfigure`);
// - label, meaning: how the form and the docs name and explain it (one sentence).

/** Why the page's defaults are smaller than the engine's: a live run in a browser is watched as it trains. */
const LIVE = 'so that the bundled corpus trains live in the browser in about a minute, watched as it goes';

export const TRAINING_SETTINGS = deepFreeze({
  model: {
    type: 'choice', choices: ['skipgram', 'cbow'], choiceLabels: ['skip-gram', 'CBOW'],
    url: 'model', flag: '--model', configure: true,
    engine: { default: 'skipgram' },
    label: 'Model',
    meaning: 'skip-gram predicts the words around a word from it; CBOW predicts a word from the words around it.',
  },
  dim: {
    type: 'int', url: 'dim', flag: '--dim', configure: true,
    engine: { default: 100, min: 1, max: 4096 },
    page: { default: 50, min: 2, max: 300, why: `50 ${LIVE}; a map needs at least 2, and more than 300 only slows a browser down` },
    lab: { default: 50 },
    label: 'Dimensions',
    meaning: 'how many numbers each vector has.',
  },
  window: {
    type: 'int', url: 'window', flag: '--window', configure: true,
    engine: { default: 5, min: 1, max: 100 },
    page: { default: 5, min: 1, max: 20, why: 'wider windows than 20 only slow live training down' },
    lab: { default: 5 },
    label: 'Window',
    meaning: 'how many words on each side count as context.',
  },
  negative: {
    type: 'int', url: 'negative', flag: '--negative', configure: true,
    engine: { default: 5, min: 1, max: 100 },
    page: { default: 5, min: 1, max: 25, why: 'word2vec advises 2 to 20; more than 25 only slows live training down' },
    lab: { default: 5 },
    label: 'Negatives',
    meaning: 'random “wrong” words contrasted with each true context word.',
  },
  epochs: {
    type: 'int', url: 'epochs', flag: '--epochs', configure: true,
    engine: { default: 5, min: 1, max: 1000 },
    page: { default: 2, min: 1, max: 50, why: `2 ${LIVE}` },
    lab: { default: 1 },
    label: 'Epochs',
    meaning: 'passes over the whole corpus.',
  },
  learningRate: {
    type: 'number', url: 'lr', flag: '--lr', configure: true,
    engine: { default: 0.025, min: 0, max: 10, minOpen: true },
    page: { default: 0.025, min: 0.0001, max: 1, why: 'rates outside [0.0001, 1] only stall or blow up a live run' },
    lab: { default: 0.025 },
    label: 'Learning rate',
    meaning: 'how far each update moves the vectors; it shrinks to zero as training ends.',
  },
  minCount: {
    type: 'int', url: 'minCount', flag: '--min-count', configure: false,
    engine: { default: 5, min: 1, max: 2 ** 40 },
    page: { default: 5, min: 1, max: 10000, why: 'a higher minimum leaves no vocabulary in a corpus a browser can hold' },
    lab: { default: 5 },
    label: 'Minimum count',
    meaning: 'rarer words are left out of the vocabulary.',
  },
  sample: {
    type: 'number', url: 'sample', flag: '--sample', configure: true,
    engine: { default: 1e-4, min: 0, max: 1, maxOpen: true },
    page: {
      default: 1e-3, min: 0, max: 0.999,
      why: 'word2vec’s 1e-3 (fastText and the engine use 1e-4, for large corpora): on the small bundled corpus it keeps more of the frequent words the lessons ask about; the engine refuses 1, so the page stops below it',
    },
    lab: { default: 1e-3 },
    label: 'Subsampling',
    meaning: 'very frequent words (the, and, of) are skipped at random above this share of the corpus; 0 keeps them all.',
  },
  seed: {
    type: 'int', url: 'seed', flag: '--seed', configure: true,
    engine: { default: 1, min: 0, max: 2 ** 62 },
    page: { default: 1, min: 0, max: 2 ** 31 - 1, why: 'a short number in a link; the shelves’ k-means and UMAP take the same seed' },
    lab: { default: 1 },
    label: 'Random seed',
    meaning: 'fixes the random starting vectors and samples, so runs can be repeated (and the shelves’ k-means).',
  },
  speed: {
    type: 'choice', choices: [5000, 20000, 60000, 0],
    url: 'speed', flag: null, configure: false,
    engine: null,
    page: { default: 60000, form: false, why: 'lets a first visit watch the books drift from a random scatter into shelves (docs/benchmarks.md, “Shelves”); the `train` request’s `wordsPerSecond`' },
    label: 'Speed',
    meaning: 'corpus words trained per second of wall-clock time; 0 trains as fast as the engine goes.',
  },
  maxVocab: {
    type: 'int', url: null, flag: '--max-vocab', configure: false,
    engine: { default: 0, min: 0, max: 1e8 },
    page: { default: 50000, why: 'for a corpus of the learner’s own: it bounds memory and the time of a map (the bundled corpus brings its own cap)' },
    lab: { default: 20000 },
    label: 'Largest vocabulary',
    meaning: 'only this many of the most frequent words are kept; 0 keeps them all.',
  },
  initRange: {
    type: 'number', url: null, flag: '--init-range', configure: false,
    engine: { default: 1, min: 0, max: 100, minOpen: true },
    label: 'Initial range',
    meaning: 'input vectors start uniform in ±range/dimensions (fastText and gensim: 1, word2vec.c: 0.5).',
  },
  negativesPer: {
    type: 'choice', choices: ['window', 'pair'], url: null, flag: '--negatives-per', configure: false,
    engine: { default: 'window' },
    label: 'Negatives per',
    meaning: 'window: one draw of negatives per centre word, shared by its context (about twice as fast); pair: a draw per (context, centre) pair, as word2vec.',
  },
});

/** Which requests carry settings, and whose defaults they take: the engine's or the contexts lesson's. */
export const SETTING_REQUESTS = Object.freeze({
  engine: Object.freeze(['configure', 'loadCorpus', 'estimateMemory']),
  lab: Object.freeze(['contextsLoad', 'contextsConfigure']),
});

/** The page's default and range of a setting (its own where it differs from the engine's). */
export function pageSide(name) {
  const { engine, page } = TRAINING_SETTINGS[name];
  // A page range of its own is closed at both ends.
  return page?.min === undefined ? { ...engine, ...page } : { ...engine, minOpen: false, maxOpen: false, ...page };
}

/** The settings in the page's URL, in declaration order (the order of the URL's keys). */
export const PAGE_SETTINGS = Object.freeze(Object.keys(TRAINING_SETTINGS).filter((name) => TRAINING_SETTINGS[name].url));

/** The settings `configure` carries. */
export const CONFIGURE_SETTINGS = Object.freeze(Object.keys(TRAINING_SETTINGS).filter((name) => TRAINING_SETTINGS[name].configure));

/**
 * `{ name: default }` of `names` in a context: 'engine' (word2vec's and fastText's, the CLI's and
 * the protocol's), 'page' (live training) or 'lab' (the contexts lesson's run).
 */
export function settingDefaults(names, context) {
  const side = (name) => (context === 'page' ? pageSide(name) : TRAINING_SETTINGS[name][context]);
  return Object.fromEntries(names.map((name) => [name, side(name).default]));
}

/** The `configure` fields of a page's settings (the store's state, keyed by URL name). */
export function configureFields(state) {
  return Object.fromEntries(CONFIGURE_SETTINGS.map((name) => [name, state[TRAINING_SETTINGS[name].url]]));
}

function deepFreeze(value) {
  if (value && typeof value === 'object') for (const item of Object.values(value)) deepFreeze(item);
  return Object.freeze(value);
}
