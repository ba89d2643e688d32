// The surface of the engine module built from wasm/bindings*.cpp
// (build/wasm/shelf-engine.mjs and shelf-engine-scalar.mjs). Pages do not use it directly: the
// worker does, through engine-host.js; pages talk to the worker (client.js, docs/protocol.md).
//
// Memory: results never point into the wasm heap. Typed arrays in results are fresh copies
// (the bindings build them with `new Float32Array(typed_memory_view(...))`), because a view of the
// heap is detached as soon as memory grows (any later call may allocate) and because the worker
// transfers results to the page anyway. They may be kept, and transferred, freely.
//
// Errors: every method that can fail throws a JS `Error` whose `code` is a protocol error code:
// 'bad-input' (unknown word, malformed file, parameter out of range), 'no-model' (nothing to
// answer from yet), 'out-of-memory', or 'internal'. No C++ exception ever reaches JS. An argument
// of the wrong JS type makes Embind throw its own error (no `code`): the worker checks messages
// before calling.
//
// Numbers: counts and sizes cross as JS numbers (whole, >= 0); ids are 32-bit.

export interface EngineInfo {
  simd: boolean;
  instructionSet: string; // 'wasm-simd128' or 'scalar'
  version: string;
}

export interface Progress {
  wordsDone: number;
  wordsTotal: number;
  epoch: number; // 0-based
  epochs: number;
  learningRate: number;
  loss: number; // mean loss per example over the last step
  averageLoss: number; // since training started
  seconds: number;
  wordsPerSecond: number;
  finished: boolean;
  fraction: number; // wordsDone / wordsTotal
}

export interface TrainingOptions {
  model: 'skipgram' | 'cbow';
  dim: number;
  window: number;
  negative: number;
  sample: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export interface CorpusSummary { rawWords: number; vocab: number; sentences: number }
export interface VectorsSummary { vocab: number; dim: number }
export interface Vocabulary { words: string[]; counts: Float64Array /* 0 for loaded vectors */ }
export interface WordVector { word: string; id: number; vector: Float32Array }
export interface Similarity { cosine: number; distance: number }
export interface Neighbors { ids: Int32Array; words: string[]; scores: Float32Array }
export interface AnalogyAnswer extends Neighbors { rank?: number; rankWithInputs?: number }
export interface WordMap {
  words: string[];
  ids: Int32Array;
  components: number;
  points: Float32Array; // row-major, words.length x components
  explained: number[]; // share of the variance per component
  aligned: boolean; // turned onto the previous map
}
/** Each word's k nearest neighbours (cosine) among the same words, itself left out. */
export interface NeighborGraph {
  words: string[];
  ids: Int32Array; // the first ids: a neighbour's id is also its row
  k: number;
  neighbors: Int32Array; // row-major, words.length x k, best first
  scores: Float32Array; // the cosine of each
}
export interface Clusters { ids: Int32Array; labels: Int32Array; inertia: number }
export interface Positions {
  tokens: string[];
  known: boolean[];
  dim: number;
  tokenVectors: Float32Array; // each tokens.length x dim, row-major
  positionVectors: Float32Array;
  inputs: Float32Array;
}
/** Offsets count UTF-16 code units of the indexed text: `text.slice(begin, end)`. */
export interface DocumentChunk { text: string; begin: number; end: number }
export interface SearchHit extends DocumentChunk { chunk: number; score: number; matched: string[] }
export interface SearchResult { hits: SearchHit[]; prompt: string }
export interface IndexOptions {
  kind: 'hnsw' | 'exact';
  quantize: 'none' | 'int8';
  m: number; // links per node (twice that on layer 0)
  efConstruction: number;
  seed: number;
}
export interface IndexStatus {
  kind: 'hnsw' | 'exact';
  quantize: 'none' | 'int8';
  done: number; // vectors inserted
  total: number;
  complete: boolean;
  bytes: number; // graph + the vectors it is walked on (int8 codes, or the float rows); 0 for exact
  float32Bytes: number; // the float unit vectors the index is built over
  seconds: number; // building so far
}
export type ExportedVectors = { bytes: ArrayBuffer } | { vectorsTsv: string; metadataTsv: string };

/** UMAP options (see src/shelf/umap.h); `initial`: n x 2 starting points, centred and scaled to ±10. */
export interface UmapOptions { minDist: number; epochs: number; learningRate: number; seed: number; initial?: Float32Array }
export interface UmapProgress { epoch: number; epochs: number; finished: boolean }
/**
 * A UMAP layout under way: C++'s `WordLayout` (src/shelf/word_maps.h), under the same name.
 * C++ memory: call delete() when done or given up. Point i is words()[i].
 */
export declare class WordLayout {
  /** Runs up to `epochs` more epochs. */
  step(epochs: number): UmapProgress;
  points(): Float32Array; // row-major, n x 2
  words(): string[];
  ids(): Int32Array;
  neighbors(): number; // k of the graph
  delete(): void;
}

export declare class Session {
  constructor();
  /** Drops the trainer and loaded vectors. */
  loadCorpus(text: string, minCount: number, maxVocab: number): CorpusSummary;
  /** A fresh trainer with random vectors on the loaded corpus. */
  configure(options: TrainingOptions): Progress;
  /** Trains about `words` more corpus words, synchronously. */
  step(words: number): Progress;
  /** The progress of the last step (or configure). */
  progress(): Progress;
  hasTrainer(): boolean;
  trainingFinished(): boolean;
  /** Drops the trainer; the corpus stays for a later configure. `name` appears in errors. */
  /** `maxWords` > 0 reads only the first rows. */
  loadVectors(bytes: Uint8Array, name: string, format: 'auto' | 'word2vec' | 'word2vec-binary' | 'glove' | 'shelf-int8', maxWords: number): VectorsSummary;
  loadProjector(vectorsTsv: string, metadataTsv: string, name: string, maxWords: number): VectorsSummary;
  /** Drops the trainer, its vectors and the corpus (their memory is free again); loaded vectors stay. */
  cancelTraining(): void;
  /** `limit` 0 = all; most frequent first. */
  vocabulary(limit: number): Vocabulary;
  /** Words are trimmed, then looked up as typed, then lowercased. */
  vector(word: string): WordVector;
  similarity(a: string, b: string): Similarity;
  neighbors(word: string, k: number): Neighbors;
  neighborsOfVector(vector: Float32Array | number[], k: number): Neighbors;
  /** From the index (see beginIndex); `ef` 0 = the index's default width. no-model without a finished index. */
  approximateNeighbors(word: string, k: number, ef: number): Neighbors;
  approximateNeighborsOfVector(vector: Float32Array | number[], k: number, ef: number): Neighbors;
  /** Starts indexing the current vectors (nothing inserted yet); dropped when the vectors change. */
  beginIndex(options: IndexOptions): IndexStatus;
  /** Inserts about `items` more vectors. */
  indexStep(items: number): IndexStatus;
  /** a : b :: c : ?  (b - a + c). `answer` adds its ranks. */
  analogy(a: string, b: string, c: string, k: number, method: 'add' | 'mul', answer?: string | null): AnalogyAnswer;
  /** PCA of the unit vectors of the `limit` most frequent words. */
  project(limit: number, components: number, align: boolean): WordMap;
  /** The k nearest neighbours of each of the `limit` most frequent words among themselves; 1 <= k < words. */
  neighborGraph(limit: number, k: number): NeighborGraph;
  /** UMAP of that graph, not yet stepped; it owns its graph, so training meanwhile does not change it. */
  beginUmap(limit: number, k: number, options: UmapOptions): WordLayout;
  /** Spherical (cosine) k-means of the `limit` most frequent words. */
  cluster(k: number, limit: number, seed: number): Clusters;
  positions(sentence: string, scale: number): Positions;
  indexDocuments(text: string, maxTokens: number, pooling: 'mean' | 'sif'): { chunks: DocumentChunk[] };
  search(query: string, k: number): SearchResult;
  exportVectors(format: 'word2vec' | 'word2vec-binary' | 'glove' | 'projector'): ExportedVectors;
  /** Frees the C++ session (Embind objects are not garbage-collected). */
  delete(): void;
}

/** Bytes. `inUse`: below the allocator's break less its free chunks; `wasmBytes` never shrinks. */
export interface MemoryUsage {
  heapUsed: number;
  inUse: number;
  wasmBytes: number;
  limit: number;
  available: number;
}
export interface MemoryAdvice {
  fits: boolean;
  needed: number;
  available: number;
  limit: number;
  maxWords: number; // a vocabulary cap (or the first rows of vectors) that fits; 0 = none
  sampleBytes: number; // corpus: the first this many bytes fit; 0 = none
  message: string; // empty when it fits
  estimate: { tokens: number; words: number; keptWords: number; dim: number; loadingBytes: number; modelBytes: number };
}

/** `clusterWords` (wasm/bindings_shelves.cpp): the fields as the worker checked them (docs/protocol.md). */
export interface ClusterWordsRequest {
  words?: string[]; limit: number; k: number; fitK: boolean; seed: number; center: boolean; representatives: number;
  components: number; maxIterations: number; topics?: Int32Array | number[];
  previousWords?: string[]; previousLabels?: Int32Array | number[]; previousPoints?: Float32Array | number[];
  neighborsOf?: string[]; neighbors: number; addNeighbors: boolean;
}
/** Shelves: per word (`words`, `ids`, `labels`, `fit`), per shelf (`sizes`, `representatives`, `names`), `order`. */
export interface WordShelves {
  words: string[]; ids: Int32Array; missing: string[]; k: number;
  labels: Int32Array; fit: Float32Array; sizes: Int32Array;
  representatives: string[][]; names: string[];
  order: Int32Array; centroidSimilarity: Float32Array; // k x k, row-major
  inertia: number; iterations: number; converged: boolean; warmStarted: boolean;
  compared: number; moved: number; topicWords: number; purity?: number; adjustedRand?: number;
  center: boolean; components: number; points?: Float32Array; explained?: Float64Array; aligned?: boolean;
  /** One per `neighborsOf` word: its nearest words over the whole vocabulary (centred cosines with `center`). */
  neighbors: { word: string; known: boolean; words: string[]; scores: Float32Array }[];
}

export interface ShelfEngine {
  Session: typeof Session;
  info(): EngineInfo;
  memoryUsage(): MemoryUsage;
  /** Lowers the limit the estimates compare with (never above -sMAXIMUM_MEMORY). */
  setMemoryLimit(bytes: number): MemoryUsage;
  estimateMemory(options: {
    kind: 'corpus' | 'vectors'; bytes: number; head: string | Uint8Array; name: string;
    dim: number; minCount: number; maxVocab: number; format: string;
  }): MemoryAdvice;
  /** Orthogonal Procrustes: `moving` (n x components, row-major) turned and moved onto `reference`. */
  alignPoints(moving: Float32Array, reference: Float32Array, components: number): Float32Array;
  /** UMAP of a given neighbour graph (e.g. a `neighborGraph` result), not yet stepped. */
  umapOfGraph(graph: NeighborGraph, options: UmapOptions): WordLayout;
  /** WordLayout's Embind name. */
  WordLayout: typeof WordLayout;
  /** Shelves of words by k-means, named, matched to `previous`, ordered (src/shelf/word_clusters.h). */
  clusterWords(session: Session, request: ClusterWordsRequest): WordShelves;
  /** The classroom word filter (wasm/bindings_word_filter.cpp): an empty list turns it off. */
  setWordFilter(session: Session, words: string[]): WordFilterStatus;
  wordFilterStatus(session: Session): WordFilterStatus;
  HEAPU8: Uint8Array;
  /** The indexed documents by meaning, by words (BM25) and both (reciprocal rank fusion); the prompt from `promptFrom`'s hits. */
  compareRetrieval(session: Session, query: string, k: number, promptFrom: RetrievalMethod): RetrievalComparison;
  /** Recall@k of each method on labelled questions (`paragraphs[i]`, 0-based, answers `questions[i]`). */
  retrievalRecall(session: Session, questions: string[], paragraphs: number[], ks: number[]): RetrievalRecall;
  /** Words on two axes, each the mean step of [from, to] word pairs (wasm/bindings_directions.cpp). */
  directions(session: Session, x: [string, string][], y: [string, string][], words: string[]): Directions;
  ContextLab: typeof ContextLab;
  /** What a file is from its first bytes (wasm/bindings_formats.cpp): io.h's format name, or null and why not. */
  detectFormat(head: string | ArrayBuffer | Uint8Array, name: string): { format: string | null; problem: string | null };
  /** A few words' vectors at once (wasm/bindings_word_vectors.cpp): row i is words[i]'s, zeros and id -1 when unknown. */
  wordVectors(session: Session, words: string[]): { words: string[]; ids: Int32Array; dim: number; vectors: Float32Array; unknown: string[] };
  /** The engine's own defaults and ranges of the training settings, by wire name (wasm/bindings_settings.cpp; tests only). */
  trainingDefaults(): Record<string, number | string>;
  trainingLimits(): Record<string, { min: number; max: number; minOpen: boolean; maxOpen: boolean }>;
}

/** `x[i]`, `y[i]`: cos(words[i], axis); `*Agreement[j]`: cos(pair j's step, its axis). */
export interface Directions {
  words: string[];
  x: Float32Array;
  y: Float32Array;
  unknown: string[];
  xAgreement: Float32Array;
  yAgreement: Float32Array;
  axesCosine: number;
}

export type RetrievalMethod = 'meaning' | 'words' | 'hybrid';
/** `meaningRank`, `wordsRank`: 1-based rank in each ranking, 0 = not in it. */
export interface RankedHit extends DocumentChunk { chunk: number; score: number; meaningRank: number; wordsRank: number; matched: string[] }
export interface RetrievalComparison {
  meaning: RankedHit[]; words: RankedHit[]; hybrid: RankedHit[];
  meaningProblem: string; // why there is no meaning ranking, else ''
  promptFrom: RetrievalMethod; prompt: string;
}
export interface MethodRecall {
  name: string; method: RetrievalMethod; pooling: 'mean' | 'sif';
  ranks: Int32Array; // per question; 0 = not ranked
  recall: number[]; // per k
  meanReciprocalRank: number;
}
export interface RetrievalRecall { ks: number[]; methods: MethodRecall[] }

/** listed: distinct single words on the list; hidden: words of the current vocabulary it hides. */
export interface WordFilterStatus {
  listed: number;
  hidden: number;
  vocab: number;
}

// The contexts lesson (wasm/bindings_contexts.cpp): its own corpus, context index and skip-gram run.
export interface ContextLine { sentence: number; left: string[]; right: string[] }
export interface ContextPush {
  number: number; sentence: number; window: string[]; centre: number; probe: number;
  positive: string; negatives: string[]; beforeScores: Float32Array; afterScores: Float32Array;
  learningRate: number; moved: number; neighbourBefore: Float32Array; neighbourAfter: Float32Array;
}
export interface ContextPrediction { word: string; probability: number; share: number }
export interface ContextPairEntry { word: string; countA: number; countB: number }
export declare class ContextLab {
  constructor();
  load(options: { text: string; minCount: number; maxVocab: number; window: number; added: string; removeA: string; removeB: string }): {
    rawWords: number; vocab: number; sentences: number; window: number; indexSeconds: number; indexBytes: number;
    removedLines: number; addedLines: number;
  };
  configure(options: { dim: number; negative: number; sample: number; epochs: number; learningRate: number; seed: number }): Progress;
  step(words: number, pairs: [string, string][]): { progress: Progress; cosines: Float32Array };
  contexts(word: string, offset: number, limit: number, k: number): {
    word: string; count: number; window: number; extra: number; distinct: number; lines: ContextLine[];
    contexts: { word: string; count: number; share: number; pmi: number }[];
    sharing: { word: string; overlap: number; shared: number }[];
  };
  pair(a: string, b: string, k: number): {
    a: string; b: string; countA: number; countB: number; overlap: number; distinctA: number; distinctB: number;
    shared: ContextPairEntry[]; onlyA: ContextPairEntry[]; onlyB: ContextPairEntry[];
  };
  pushes(word: string, count: number, neighbours: number, maxWords: number): {
    probe: string; neighbours: string[]; pushes: ContextPush[]; seen: number; progress: Progress;
  };
  predict(word: string, k: number): {
    word: string; predicted: ContextPrediction[]; actual: ContextPrediction[]; agreement: number; meanActual: number; meanAll: number;
  };
  neighbours(word: string, k: number): { words: string[]; scores: Float32Array };
  hasTrainer(): boolean;
  delete(): void;
}

export interface ShelfEngineOptions {
  /** Where the .wasm file is; the worker passes new URL('...wasm', import.meta.url). */
  locateFile?: (path: string, scriptDirectory: string) => string;
  /** The .wasm bytes, instead of fetching them (Node, tests). */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

declare function createShelfEngine(options?: ShelfEngineOptions): Promise<ShelfEngine>;
export default createShelfEngine;
