// The worker protocol (docs/protocol.md) as data: request types with their fields, defaults,
// checks and (`answeredBy`) the engine call that answers them, error codes, and the helpers both
// sides use. The worker validates every request with `parseRequest` and answers the declared ones
// without a handler of its own; the client makes one method per request type from the same table.

import { TRAINING_SETTINGS, CONFIGURE_SETTINGS, settingDefaults } from './training-settings.js';

/** Error codes of a failed reply. */
export const ErrorCode = Object.freeze({
  badRequest: 'bad-request',     // the message is malformed: unknown type, missing or mistyped field
  badInput: 'bad-input',         // the engine refused the input: unknown word, malformed file...
  noModel: 'no-model',           // nothing to answer from yet: no corpus, no trainer, no vectors
  cancelled: 'cancelled',        // the caller gave up (AbortSignal) before the reply
  outOfMemory: 'out-of-memory',
  internal: 'internal',          // a bug, or the engine failed to load
});

/** Event names sent by the worker without a request. */
export const EventType = Object.freeze({
  progress: 'progress',
  indexProgress: 'indexProgress',
  unreadableRequest: 'unreadableRequest',
});

/** An error that carries a protocol error code. */
export class ProtocolError extends Error {
  constructor(message, code = ErrorCode.internal) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

// Field checks: each returns null when the value is acceptable, else what was expected.
const isText = (v) => (typeof v === 'string' ? null : 'a string');
const isBoolean = (v) => (typeof v === 'boolean' ? null : 'true or false');
const isFiniteNumber = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a finite number');
const isWhole = (min) => (v) =>
  Number.isSafeInteger(v) && v >= min ? null : `a whole number >= ${min}`;
const isOneOf = (...names) => (v) =>
  names.includes(v) ? null : `one of ${names.map((n) => `'${n}'`).join(', ')}`;
const isBytes = (v) =>
  v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? null : 'an ArrayBuffer or a typed array';
const isVector = (v) =>
  v instanceof Float32Array || (Array.isArray(v) && v.every((x) => typeof x === 'number'))
    ? null
    : 'a Float32Array or an array of numbers';
const isQuestions = (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? null : 'a non-empty array of strings');
const isIndexes = (v) =>
  (Array.isArray(v) || v instanceof Int32Array) && v.length > 0 && [...v].every((x) => Number.isSafeInteger(x) && x >= 0)
    ? null
    : 'a non-empty array of whole numbers';

/** The most entries a word filter takes (LDNOOBW's lists have a few hundred). */
const MAX_FILTER_WORDS = 100000;
const isWordList = (v) =>
  Array.isArray(v) && v.length <= MAX_FILTER_WORDS && v.every((w) => typeof w === 'string' && w.length <= 200)
    ? null
    : `an array of at most ${MAX_FILTER_WORDS} strings (each at most 200 characters)`;

const isWholeUpTo = (min, max) => (v) =>
  Number.isSafeInteger(v) && v >= min && v <= max ? null : `a whole number from ${min} to ${max}`;
const isWordPairsUpTo = (max) => (v) =>
  Array.isArray(v) && v.length <= max && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((w) => typeof w === 'string'))
    ? null
    : `at most ${max} word pairs ([from, to])`;
/** The directions lesson's axes: a few pairs each in practice. */
const isWordPairs = isWordPairsUpTo(1000);
const isPairs = isWordPairsUpTo(16);

const required = (check) => ({ check, required: true });
const optional = (check, fallback) => ({ check, fallback });

/** Fields that are training settings (wasm/training-settings.js), with the defaults of `context`. */
function settingFields(names, context) {
  const defaults = settingDefaults(names, context);
  const checkOf = ({ type, choices, engine }) =>
    type === 'int' ? isWhole(engine.min) : type === 'choice' ? isOneOf(...choices) : isFiniteNumber;
  return Object.fromEntries(names.map((name) => [name, optional(checkOf(TRAINING_SETTINGS[name]), defaults[name])]));
}

/**
 * How a request is answered when the host adds nothing (wasm/engine-host.js): beside its fields,
 * `[answeredBy]: session('m', ...fields)` calls session.m(...), `overSession` module.m(session, ...),
 * `engine` module.m(...), `contextLab` the contexts lab's lab.m(...); `FIELDS` passes all fields.
 */
export const answeredBy = Symbol('answeredBy');
export const FIELDS = '*';
const answer = (on) => (method, ...args) => ({ on, method, args });
const [session, overSession, engine, contextLab] = ['session', 'overSession', 'engine', 'contextLab'].map(answer);

/**
 * Every request type: its fields with their checks and defaults, and (`answeredBy`) how the
 * engine answers it when the host needs no handler of its own. A field with `fallback`
 * undefined is optional and stays absent when not given.
 */
export const Requests = Object.freeze({
  // `memoryLimit` lowers the engine's memory limit (bytes; never above its build's maximum).
  init: { memoryLimit: optional(isWhole(1)) },
  // `dim` is the dimension training will use, for the memory estimate made before loading.
  loadCorpus: {
    text: required(isText),
    ...settingFields(['minCount', 'maxVocab', 'dim'], 'engine'),
    name: optional(isText, 'the corpus'),
  },
  // Defaults are the engine's (word2vec's and fastText's); the engine refuses values out of range
  // (bad-input, naming the field). Each is declared in wasm/training-settings.js.
  configure: settingFields(CONFIGURE_SETTINGS, 'engine'),
  // `wordsPerSecond` > 0 paces training (slow motion): the loop waits between slices; 0 = flat out.
  train: { wordsPerStep: optional(isWhole(1), 20000), wordsPerSecond: optional(isWhole(0), 0) },
  pause: {},
  cancelTraining: {},
  step: { words: optional(isWhole(1), 20000) },
  memory: { [answeredBy]: engine('memoryUsage') },
  // Before reading a file: `bytes` its size, `head` its first bytes (a megabyte for a corpus).
  estimateMemory: {
    kind: required(isOneOf('corpus', 'vectors')),
    bytes: required(isWhole(0)),
    head: optional((v) => (isText(v) === null || isBytes(v) === null ? null : 'a string or bytes'), ''),
    name: optional(isText, 'the file'),
    dim: optional(isWhole(1), 100),
    minCount: optional(isWhole(1), 5),
    maxVocab: optional(isWhole(0), 0),
    format: optional(isOneOf('auto', 'word2vec', 'word2vec-binary', 'glove', 'projector', 'shelf-int8'), 'auto'),
  },
  // Either `bytes` (a word2vec, word2vec binary or GloVe file) or the Projector's two TSV files.
  loadVectors: {
    bytes: optional(isBytes),
    vectorsTsv: optional(isText),
    metadataTsv: optional(isText),
    name: optional(isText, 'vectors'),
    format: optional(isOneOf('auto', 'word2vec', 'word2vec-binary', 'glove', 'shelf-int8'), 'auto'),
    maxWords: optional(isWhole(0), 0),
  },
  vocabulary: { limit: optional(isWhole(0), 0), [answeredBy]: session('vocabulary', 'limit') },
  vector: { word: required(isText), [answeredBy]: session('vector', 'word') },
  similarity: { a: required(isText), b: required(isText), [answeredBy]: session('similarity', 'a', 'b') },
  // Either `word` or `vector`; `approximate` answers from the index (see `index`), `ef` its width.
  neighbors: {
    word: optional(isText),
    vector: optional(isVector),
    k: optional(isWhole(1), 10),
    approximate: optional(isBoolean, false),
    ef: optional(isWhole(1)),
  },
  // Builds the index `neighbors { approximate: true }` answers from, over the current vectors.
  index: {
    kind: optional(isOneOf('hnsw', 'exact'), 'hnsw'),
    quantize: optional(isOneOf('none', 'int8'), 'none'),
    m: optional(isWhole(2), 16),
    efConstruction: optional(isWhole(1), 100),
    seed: optional(isWhole(0), 1),
    itemsPerStep: optional(isWhole(1), 2000),
  },
  analogy: {
    a: required(isText),
    b: required(isText),
    c: required(isText),
    k: optional(isWhole(1), 10),
    method: optional(isOneOf('add', 'mul'), 'add'),
    answer: optional(isText),
    [answeredBy]: session('analogy', 'a', 'b', 'c', 'k', 'method', 'answer'),
  },
  project: {
    limit: optional(isWhole(1), 2000),
    components: optional(isWhole(1), 2),
    align: optional(isBoolean, true),
    [answeredBy]: session('project', 'limit', 'components', 'align'),
  },
  // Each of the `limit` most frequent words with its k nearest neighbours among them.
  neighborGraph: { limit: optional(isWhole(1), 2000), k: optional(isWhole(1), 15), [answeredBy]: session('neighborGraph', 'limit', 'k') },
  // UMAP of the `limit` most frequent words over the engine's neighbour graph (laid out by the
  // engine, in slices). `initial` (n x 2) is where the points start, e.g. the PCA map or the
  // previous layout; `reference` (n x 2) is what the result is turned onto (Procrustes).
  umap: {
    limit: optional(isWhole(1), 2000),
    neighbors: optional(isWhole(2), 15),
    minDist: optional(isFiniteNumber, 0.1),
    epochs: optional(isWhole(1), 200),
    learningRate: optional(isFiniteNumber, 1),
    seed: optional(isWhole(0), 1),
    initial: optional(isVector),
    reference: optional(isVector),
  },
  cluster: {
    k: required(isWhole(1)), limit: optional(isWhole(1), 2000), seed: optional(isWhole(0), 1),
    [answeredBy]: session('cluster', 'k', 'limit', 'seed'),
  },
  positions: { sentence: required(isText), scale: optional(isFiniteNumber, 1), [answeredBy]: session('positions', 'sentence', 'scale') },
  indexDocuments: {
    text: required(isText),
    maxTokens: optional(isWhole(1), 120),
    pooling: optional(isOneOf('mean', 'sif'), 'mean'),
    [answeredBy]: session('indexDocuments', 'text', 'maxTokens', 'pooling'),
  },
  search: { query: required(isText), k: optional(isWhole(1), 3), [answeredBy]: session('search', 'query', 'k') },
  exportVectors: {
    format: optional(isOneOf('word2vec', 'word2vec-binary', 'glove', 'projector'), 'word2vec'),
    [answeredBy]: session('exportVectors', 'format'),
  },
  // The indexed documents searched by meaning, by words (BM25) and both (reciprocal rank fusion).
  compareRetrieval: {
    query: required(isText),
    k: optional(isWhole(1), 3),
    promptFrom: optional(isOneOf('meaning', 'words', 'hybrid'), 'hybrid'),
    [answeredBy]: overSession('compareRetrieval', 'query', 'k', 'promptFrom'),
  },
  // Recall@k of every method on labelled questions: `paragraphs[i]` (0-based) answers `questions[i]`.
  retrievalRecall: {
    questions: required(isQuestions),
    paragraphs: required(isIndexes),
    ks: optional(isIndexes, [1, 3, 5]),
    [answeredBy]: overSession('retrievalRecall', 'questions', 'paragraphs', 'ks'),
  },
  // The contexts lesson's own corpus, context index and skip-gram run (apart from the session's),
  // optionally edited: `added` lines appended, lines holding both `removeA` and `removeB` dropped.
  contextsLoad: {
    text: required(isText),
    minCount: optional(isWhole(1), 5),
    maxVocab: optional(isWhole(0), 20000),
    window: optional(isWhole(1), 5),
    added: optional(isText, ''),
    removeA: optional(isText, ''),
    removeB: optional(isText, ''),
    [answeredBy]: contextLab('load', FIELDS),
  },
  contextsConfigure: settingFields(['dim', 'negative', 'sample', 'epochs', 'learningRate', 'seed'], 'lab'),
  // One slice of the contexts run (`words: 0`: none), then the cosine of each [a, b] of `pairs`.
  contextsStep: { words: optional(isWhole(0), 20000), pairs: optional(isPairs, []), [answeredBy]: contextLab('step', 'words', 'pairs') },
  contextsOf: {
    word: required(isText), offset: optional(isWhole(0), 0), limit: optional(isWholeUpTo(0, 1000), 20), k: optional(isWholeUpTo(1, 1000), 12),
    [answeredBy]: contextLab('contexts', 'word', 'offset', 'limit', 'k'),
  },
  contextsPair: {
    a: required(isText), b: required(isText), k: optional(isWholeUpTo(1, 1000), 12),
    [answeredBy]: contextLab('pair', 'a', 'b', 'k'),
  },
  // Trains until `count` updates of `word` are recorded (or `maxWords` more words are read).
  contextsPushes: {
    word: required(isText),
    count: optional(isWholeUpTo(1, 1000), 1),
    neighbours: optional(isWholeUpTo(0, 100), 6),
    maxWords: optional(isWhole(1), 2000000),
    [answeredBy]: contextLab('pushes', 'word', 'count', 'neighbours', 'maxWords'),
  },
  contextsPredict: { word: required(isText), k: optional(isWholeUpTo(1, 1000), 10), [answeredBy]: contextLab('predict', 'word', 'k') },
  contextsNeighbours: { word: required(isText), k: optional(isWholeUpTo(1, 1000), 8), [answeredBy]: contextLab('neighbours', 'word', 'k') },
  // Shelves: k-means of `words` (or the `limit` most frequent) in the engine, named, numbered after
  // an earlier reply (`previousWords`, `previousLabels`, `previousPoints`), ordered; purity and ARI
  // with `topics`; the `neighbors` nearest words of each of `neighborsOf` (shelved with `addNeighbors`).
  clusterWords: {
    words: optional(isTextList),
    limit: optional(isWhole(1), 500),
    k: optional(isWhole(1), 8),
    fitK: optional(isBoolean, false),
    seed: optional(isWhole(0), 1),
    center: optional(isBoolean, false),
    representatives: optional(isWhole(1), 3),
    components: optional(isWhole(0), 0),
    maxIterations: optional(isWhole(0), 100),
    topics: optional(isWholeList),
    previousWords: optional(isTextList),
    previousLabels: optional(isWholeList),
    previousPoints: optional(isVector),
    neighborsOf: optional(isTextList),
    neighbors: optional(isWhole(0), 8),
    addNeighbors: optional(isBoolean, false),
    [answeredBy]: overSession('clusterWords', FIELDS),
  },
  // Words on two axes, each the mean step of word pairs [from, to] (src/shelf/directions.h).
  directions: {
    x: required(isWordPairs), y: required(isWordPairs), words: required(isWordList),
    [answeredBy]: overSession('directions', 'x', 'y', 'words'),
  },
  // The classroom word filter: with `words`, every later answer leaves those words out (an empty
  // list turns it off); without, only says what it hides now ({ listed, hidden, vocab }).
  wordFilter: { words: optional(isWordList) },
  // What a file is, from its first bytes (a megabyte is enough): the engine's sniff, as loadVectors
  // 'auto' reads it; `format` null (and the reader's `problem`) when it is not a vectors file.
  detectFormat: {
    head: required((v) => (isText(v) === null || v instanceof ArrayBuffer || v instanceof Uint8Array ? null : 'a string, an ArrayBuffer or a Uint8Array')),
    name: optional(isText, 'the file'), [answeredBy]: engine('detectFormat', 'head', 'name'),
  },
  // The vectors of a few words at once (n × dim); an unknown or hidden word gets id -1 and zeros.
  wordVectors: {
    words: required((v) => isTextList(v) ?? (v.length <= 1000 ? null : 'at most 1000 words')),
    [answeredBy]: overSession('wordVectors', 'words'),
  },
});

/** The request type names, e.g. for building one client method per request. */
export const RequestType = Object.freeze(Object.fromEntries(Object.keys(Requests).map((t) => [t, t])));

// Combinations a field table cannot say.
const crossChecks = {
  loadVectors(f) {
    const tsv = f.vectorsTsv !== undefined || f.metadataTsv !== undefined;
    if (f.bytes === undefined && !tsv) return 'loadVectors needs `bytes`, or `vectorsTsv` and `metadataTsv`';
    if (f.bytes !== undefined && tsv) return 'loadVectors takes `bytes` or the two TSV files, not both';
    if (tsv && (f.vectorsTsv === undefined || f.metadataTsv === undefined)) {
      return 'loadVectors needs both `vectorsTsv` and `metadataTsv`';
    }
    return null;
  },
  umap(f) {
    if (!(f.minDist >= 0 && f.minDist <= 1)) return 'umap: `minDist` must be from 0 to 1';
    if (!(f.learningRate > 0)) return 'umap: `learningRate` must be above 0';
    return null;
  },
  neighbors(f) {
    if ((f.word === undefined) === (f.vector === undefined)) return 'neighbors needs `word` or `vector` (one of them)';
    if (f.ef !== undefined && !f.approximate) return 'neighbors: `ef` needs `approximate: true`';
    return null;
  },
  clusterWords(f) {
    if (f.components === 1 || f.components > 3) return 'clusterWords: `components` must be 0 (no map), 2 or 3';
    if (f.topics !== undefined && f.topics.length !== (f.words?.length ?? f.limit)) {
      return `clusterWords: \`topics\` needs one entry per word (${f.words?.length ?? f.limit}), got ${f.topics.length}`;
    }
    if ((f.previousWords === undefined) !== (f.previousLabels === undefined)) {
      return 'clusterWords: `previousWords` and `previousLabels` go together';
    }
    if (f.previousPoints !== undefined && f.previousWords === undefined) return 'clusterWords: `previousPoints` needs `previousWords`';
    return null;
  },
};

const badRequest = (message) => new ProtocolError(message, ErrorCode.badRequest);

/**
 * Checks a request and fills in the defaults: returns `{ id, type, fields }`, or throws a
 * ProtocolError with code 'bad-request' that names the problem. Unknown fields are refused,
 * so that a misspelt option does not silently fall back to its default.
 */
export function parseRequest(message) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw badRequest('a request must be an object { id, type, ...fields }');
  }
  const { id, type, ...given } = message;
  if (!Number.isSafeInteger(id)) throw badRequest('a request needs a whole-number `id`');
  if (typeof type !== 'string' || !Object.hasOwn(Requests, type)) {
    // Not JSON.stringify: a BigInt type (structured clone carries them) would make it throw.
    throw badRequest(`unknown request type ${typeof type === 'string' ? JSON.stringify(type) : `(a ${typeof type})`}`);
  }
  const spec = Requests[type];
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(spec, name)) throw badRequest(`${type}: unknown field \`${name}\``);
  }
  const fields = {};
  for (const [name, field] of Object.entries(spec)) {
    const value = given[name];
    if (value === undefined) {
      if (field.required) throw badRequest(`${type}: missing field \`${name}\``);
      if (field.fallback !== undefined) fields[name] = field.fallback;
      continue;
    }
    const expected = field.check(value);
    if (expected) throw badRequest(`${type}: \`${name}\` must be ${expected}`);
    fields[name] = value;
  }
  const problem = crossChecks[type]?.(fields);
  if (problem) throw badRequest(problem);
  return { id, type, fields };
}

/**
 * The ArrayBuffers inside a value (typed arrays' buffers, ArrayBuffers), at most a few levels
 * deep, each once: the transfer list for postMessage.
 */
export function transferablesOf(value, depth = 3, found = new Set()) {
  if (value instanceof ArrayBuffer) {
    found.add(value);
  } else if (ArrayBuffer.isView(value)) {
    found.add(value.buffer);
  } else if (depth > 0 && value !== null && typeof value === 'object') {
    for (const item of Array.isArray(value) ? value : Object.values(value)) transferablesOf(item, depth - 1, found);
  }
  return [...found];
}

// Checks of the `clusterWords` and `wordVectors` fields (function declarations, hoisted above the table).
function isTextList(v) {
  return Array.isArray(v) && v.every((w) => typeof w === 'string') ? null : 'an array of strings';
}
function isWholeList(v) {
  const ok = v instanceof Int32Array || (Array.isArray(v) && v.every((x) => Number.isSafeInteger(x) && Math.abs(x) < 2 ** 31));
  return ok ? null : 'an Int32Array or an array of whole numbers';
}
