// Live training, as state apart from any view: play, pause, single step and reset drive the
// engine's trainer; progress events build the loss history; after slices, the map of the most
// frequent words is projected (aligned to the previous one) and kept as a checkpoint so the
// timeline can replay the drift. Lesson 2 shows it; training goes on when another lesson is
// open (their queries answer from the latest vectors).
//
//   const training = createTraining({ engine, store, data });
//   training.subscribe((state) => draw(state));
//   await training.play();
//
// A lesson may say what a checkpoint maps (`setMapper`): the shelves lesson maps its reading list
// with one `clusterWords` request per checkpoint; by default, the most frequent words by PCA.

/** Words on the map (most frequent first). */
export const MAP_WORDS = 1500;
/** Least time between two projections while training runs. */
const CHECKPOINT_INTERVAL_MS = 250;
/** ...or after this share of the run, so that a small corpus, trained in a second, still gets a timeline. */
const CHECKPOINT_FRACTION = 0.02;
/** Checkpoints kept; beyond it every other old one is dropped, so the timeline spans the run. */
const MAX_CHECKPOINTS = 400;
/** Each word's neighbours in the graph UMAP lays out (UMAP's default). */
export const UMAP_NEIGHBORS = 15;
/**
 * UMAP while training starts each checkpoint from the previous layout and runs only this many
 * epochs, at a quarter of UMAP's learning rate: the shelves drift with the vectors instead of
 * being drawn afresh (which would scatter them anew at every checkpoint).
 */
const DRIFT_UMAP_EPOCHS = 60;
const DRIFT_UMAP_RATE = 0.25;
/** Neighbours of the probe word kept with each checkpoint. */
export const PROBE_NEIGHBORS = 8;
/** The loss curve is smoothed over about this many corpus words (per-slice loss is noisy). */
export const LOSS_SMOOTHING_WORDS = 40000;
/** Corpus words of one press of Step. */
const STEP_WORDS = 20000;
/** The store is told the vectors changed at most this often while training runs. */
const VERSION_INTERVAL_MS = 400;

/**
 * UMAP of the map's words (the engine's neighbour graph and layout, in the worker), seeded by the
 * training seed so a link reproduces the picture. It starts from `previous.umap` when the
 * previous layout holds the same words (a drift), else from the PCA map; either way the result is
 * turned onto where it started (Procrustes), so it does not flip or spin.
 * @param {{ words: string[], points: Float32Array }} map  the PCA map of the same words
 * @param {{ words: string[], umap?: Float32Array }|null} previous
 */
export function umapLayout(engine, seed, map, previous = null) {
  const drift = previous?.umap && sameWords(previous.words, map.words);
  const start = drift ? previous.umap : map.points;
  return engine.umap({
    limit: map.words.length,
    neighbors: UMAP_NEIGHBORS,
    seed,
    initial: start,
    reference: start,
    ...(drift ? { epochs: DRIFT_UMAP_EPOCHS, learningRate: DRIFT_UMAP_RATE } : {}),
  });
}

import { wordsPerStep } from './state.js';
import { PAGE_SETTINGS, TRAINING_SETTINGS, configureFields } from '../wasm/training-settings.js';

/** The store's keys of every training setting (wasm/training-settings.js). */
export const TRAINING_KEYS = PAGE_SETTINGS.map((name) => TRAINING_SETTINGS[name].url);

export function createTraining({ engine, store, data }) {
  let state = freshState('idle');
  const listeners = new Set();
  let controller = null;
  let projecting = false;
  let projectAgain = false;
  let lastProjection = 0;
  let lastFraction = 0;
  let lastVersion = 0;
  let smoothed = NaN;
  let lastWords = 0;
  let generation = 0; // bumped by reset, so late answers from an older run are dropped
  let probeWord = ''; // whose neighbours each checkpoint records
  let mapper = null; // (previous checkpoint, probe word) => the map of a checkpoint; null: defaultMap

  function freshState(phase) {
    return { phase, progress: null, lossX: [], lossY: [], checkpoints: [], error: null, corpus: null, settings: null };
  }

  function update(patch) {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener(state);
  }

  function bumpVersion(force) {
    const now = performance.now();
    if (!force && now - lastVersion < VERSION_INTERVAL_MS) return;
    lastVersion = now;
    store.set({ modelVersion: store.get().modelVersion + 1 });
  }

  function phaseOf(progress) {
    if (progress.finished) return 'finished';
    return progress.running ? 'running' : 'paused';
  }

  function record(progress) {
    const words = progress.wordsDone;
    if (words > lastWords && Number.isFinite(progress.loss) && progress.loss > 0) {
      const weight = Math.min(1, (words - lastWords) / LOSS_SMOOTHING_WORDS);
      smoothed = Number.isFinite(smoothed) ? smoothed + (progress.loss - smoothed) * weight : progress.loss;
      state.lossX.push(words);
      state.lossY.push(smoothed);
      lastWords = words;
    }
  }

  async function checkpoint(force = false) {
    if (projecting) {
      projectAgain = projectAgain || force;
      return;
    }
    const now = performance.now();
    const fraction = state.progress?.fraction ?? 0;
    const due = now - lastProjection >= CHECKPOINT_INTERVAL_MS || fraction - lastFraction >= CHECKPOINT_FRACTION;
    if (!force && !due) return;
    lastFraction = fraction;
    projecting = true;
    lastProjection = now;
    const run = generation;
    const progress = state.progress;
    try {
      const previous = state.checkpoints[state.checkpoints.length - 1];
      const map = await (mapper ?? defaultMap)(previous ?? null, probeWord);
      if (run !== generation) return;
      // With UMAP chosen, each checkpoint also gets its UMAP layout, drifting from the previous one.
      const umap = store.get().projection === 'umap' && map.umapable !== false
        ? (await umapLayout(engine, store.get().seed, map, previous)).points
        : undefined;
      if (run !== generation) return;
      const words = previous && sameWords(previous.words, map.words) ? previous.words : map.words;
      const checkpoints = [...state.checkpoints, { ...map, words, umap, progress }];
      update({ checkpoints: thin(checkpoints) });
    } catch (error) {
      if (run === generation) update({ error: error.message });
    } finally {
      projecting = false;
      if (projectAgain) {
        projectAgain = false;
        checkpoint(true);
      }
    }
  }

  /** The most frequent words by PCA (aligned), with the probe's neighbours. */
  async function defaultMap(previous, probe) {
    const [map, neighbors] = await Promise.all([
      engine.project({ limit: MAP_WORDS, components: 2, align: true }),
      probe ? engine.neighbors({ word: probe, k: PROBE_NEIGHBORS }).catch((error) => ({ error })) : null,
    ]);
    const probed = neighbors && (neighbors.error
      ? { word: probe, words: [], scores: [], problem: neighbors.error.message, code: neighbors.error.code }
      : { word: probe, words: neighbors.words, scores: neighbors.scores });
    return { words: map.words, points: map.points, explained: map.explained, probe: probed };
  }

  engine.onProgress((progress, event) => {
    if (state.phase === 'idle' || state.phase === 'preparing') return;
    record(progress);
    const phase = phaseOf(progress);
    update({ progress, phase, error: event.error ? event.error.message : state.error });
    store.set({ progress });
    const stopped = phase !== 'running';
    bumpVersion(stopped);
    checkpoint(stopped);
  });

  // Other vectors were loaded (a file, the snapshot): this run is over.
  store.subscribe((s) => {
    if (s.source?.kind !== 'training' && state.phase !== 'idle' && state.phase !== 'preparing') {
      generation += 1;
      controller?.abort();
      controller = null;
      update(freshState('idle'));
    }
  }, ['source']);

  /** Fresh random vectors with the store's settings, on the corpus (loaded if needed). */
  async function reset() {
    generation += 1;
    controller?.abort();
    controller = null;
    const s = store.get();
    update({ ...freshState('preparing') });
    const run = generation;
    try {
      const summary = await data.ensureCorpus(s.minCount);
      if (run !== generation) return; // cancelled meanwhile
      const settings = configureFields(s);
      const { progress } = await engine.configure(settings);
      if (run !== generation) return;
      smoothed = NaN;
      lastWords = 0;
      lastFraction = 0;
      const corpus = data.corpus;
      update({ phase: 'ready', progress, corpus: { ...corpus, ...summary }, settings: { ...settings, minCount: s.minCount } });
      store.set({
        source: { kind: 'training', name: corpus?.title ?? corpus?.name ?? 'corpus', vocab: summary.vocab, dim: settings.dim },
        progress,
        modelVersion: store.get().modelVersion + 1,
      });
      await checkpoint(true);
    } catch (error) {
      if (run !== generation) return;
      update({ phase: 'idle', error: error.message });
      throw error;
    }
  }

  async function play() {
    if (state.phase === 'running') return;
    if (state.phase === 'idle' || state.phase === 'finished') await reset();
    if (state.phase === 'idle') return; // cancelled while preparing
    controller = new AbortController();
    update({ phase: 'running', error: null });
    try {
      const speed = store.get().speed;
      await engine.train({ wordsPerStep: wordsPerStep(speed), wordsPerSecond: speed }, { signal: controller.signal });
    } catch (error) {
      if (error.code !== 'cancelled') update({ phase: 'paused', error: error.message });
    }
  }

  async function pause() {
    if (state.phase !== 'running') return;
    controller?.abort(); // the client sends `pause`; the last progress event says it stopped
    controller = null;
  }

  /**
   * Gives up the run at any moment: the engine frees the trainer, its vectors and the corpus.
   * Resolves with the engine's memory report afterwards; the page then loads other vectors.
   */
  async function cancel() {
    generation += 1;
    // Idle before the abort: the progress event that answers it must not read as a pause, which
    // would save the run the learner just gave up (and race the engine freeing it).
    update(freshState('idle'));
    controller?.abort();
    controller = null;
    const { memory } = await engine.cancelTraining();
    data.engineCorpusDropped?.();
    return memory;
  }

  async function step() {
    if (state.phase === 'running') await pause();
    if (state.phase === 'idle' || state.phase === 'finished') await reset();
    try {
      const { progress } = await engine.step({ words: STEP_WORDS });
      record(progress);
      update({ progress, phase: phaseOf(progress) });
      store.set({ progress });
      bumpVersion(true);
      await checkpoint(true);
    } catch (error) {
      update({ error: error.message });
    }
  }

  // A new speed applies to the running loop at once (a second `train` only changes it).
  store.subscribe((s) => {
    if (state.phase === 'running') engine.train({ wordsPerStep: wordsPerStep(s.speed), wordsPerSecond: s.speed }).catch(() => {});
  }, ['speed']);

  /**
   * UMAP for the newest checkpoint when it has none (UMAP chosen after it was taken). Only while
   * training stands still: the vectors are then still the checkpoint's; a running one gets UMAP
   * from its next checkpoint on.
   */
  async function layoutNewest() {
    const newest = state.checkpoints[state.checkpoints.length - 1];
    if (!newest || newest.umap || projecting || state.phase === 'running' || state.phase === 'preparing') return;
    const run = generation;
    projecting = true;
    try {
      const previous = state.checkpoints.findLast((c) => c !== newest && c.umap) ?? null;
      const { points } = await umapLayout(engine, store.get().seed, newest, previous);
      if (run !== generation) return;
      update({ checkpoints: state.checkpoints.map((c) => (c === newest ? { ...c, umap: points } : c)) });
    } catch (error) {
      if (run === generation && error.code !== 'cancelled') update({ error: error.message });
    } finally {
      projecting = false;
      if (projectAgain) {
        projectAgain = false;
        checkpoint(true);
      }
    }
  }

  /**
   * Maps the newest checkpoint again (the lesson's books or shelves changed) while training stands
   * still: the vectors are then still the checkpoint's. A running one maps anew at its next checkpoint.
   */
  async function remapNewest() {
    const newest = state.checkpoints[state.checkpoints.length - 1];
    if (!newest || projecting || state.phase === 'running' || state.phase === 'preparing') return;
    const run = generation;
    projecting = true;
    try {
      // Matched to what it replaces, so shelves keep their colours through a change of books or k.
      const map = await (mapper ?? defaultMap)(newest, probeWord);
      if (run !== generation) return;
      const umap = store.get().projection === 'umap' && map.umapable !== false
        ? (await umapLayout(engine, store.get().seed, map)).points
        : undefined;
      if (run !== generation) return;
      update({ checkpoints: state.checkpoints.map((c) => (c === newest ? { ...map, umap, progress: c.progress } : c)) });
    } catch (error) {
      if (run === generation) update({ error: error.message });
    } finally {
      projecting = false;
    }
  }

  return {
    get state() {
      return state;
    },
    layoutNewest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The word whose neighbours each checkpoint records. */
    setProbe(word) {
      probeWord = word;
    },
    /** What a checkpoint maps: `fn(previousCheckpoint, probeWord)` resolves with { words, points, ... }; null: the default. */
    setMapper(fn) {
      mapper = fn;
    },
    remapNewest,
    reset,
    play,
    pause,
    step,
    cancel,
  };
}

function sameWords(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function thin(checkpoints) {
  if (checkpoints.length <= MAX_CHECKPOINTS) return checkpoints;
  // Keep the first, the newest, and every other one in between.
  return checkpoints.filter((_, i) => i === 0 || i === checkpoints.length - 1 || i % 2 === 0);
}
