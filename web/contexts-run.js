// The contexts lesson's run, as state apart from any view: the lesson's own corpus (the one live
// training uses, optionally edited) loaded into the engine's ContextLab, a skip-gram run on it
// trained in slices (each slice one `contextsStep` request, which also returns the pair's
// cosines: the line), single watched updates (`contextsPushes`), and the previous run kept for
// the edit comparison. The engine does all the computing; this only sequences requests.
//
//   const run = createContextsRun({ engine, data });
//   run.subscribe((state) => draw(state));
//   await run.start({ pairs: [['king', 'queen'], ['king', 'acid']], seed: 1 });

import { settingDefaults } from '../wasm/training-settings.js';

/** The lab's training: small and quick, so a whole run (and a retrain) takes seconds. */
export const LAB_TRAINING = settingDefaults(['dim', 'negative', 'sample', 'epochs', 'learningRate'], 'lab');
/** The lab's vocabulary and window (the window is also the one of the contexts shown). */
export const LAB_CORPUS = settingDefaults(['minCount', 'maxVocab', 'window'], 'lab');
/** Corpus words per slice while training runs. */
export const SLICE_WORDS = 20000;
/** The share of the run trained in finer slices. */
const EARLY_FRACTION = 0.1;
/** Neighbours of the probe each push reports its movement against. */
export const PUSH_NEIGHBOURS = 6;
/** Pushes kept for the learner to step back through. */
const MAX_PUSHES = 200;

const editKey = (edit) => (edit ? JSON.stringify([edit.added, edit.removeA, edit.removeB]) : '');

export function createContextsRun({ engine, data }) {
  let state = fresh();
  const listeners = new Set();
  let loadedKey = null; // what the lab holds: corpus name + edit
  let generation = 0;
  let playing = null;

  function fresh() {
    return {
      phase: 'idle', // idle, loading, ready, running, paused, finished
      summary: null,
      progress: null,
      pairs: [],
      line: [], // { words, fraction, cosines: [..] } per slice
      pushes: [],
      pushProbe: null,
      pushNeighbours: [],
      pushTotal: 0, // pushes of the current probe so far
      edit: null,
      previous: null, // { edit, pairs, line, neighbours } of the run before the edit
      error: null,
    };
  }

  function update(patch) {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener(state);
  }

  /** Loads the corpus (edited or not) into the lab, unless it already holds exactly that. */
  async function load(edit) {
    const key = `${data.corpus?.name ?? ''}|${editKey(edit)}`;
    if (key === loadedKey && state.summary) return state.summary;
    update({ phase: 'loading', error: null });
    const text = await data.corpusText();
    const summary = await engine.contextsLoad({
      text, ...LAB_CORPUS, added: edit?.added ?? '', removeA: edit?.removeA ?? '', removeB: edit?.removeB ?? '',
    });
    loadedKey = key;
    return summary;
  }

  /** A fresh run from random vectors on the (possibly edited) corpus, tracking `pairs`. */
  async function start({ pairs, seed, edit = null, keepPrevious = false }) {
    generation += 1;
    const run = generation;
    playing = null;
    const previous = keepPrevious && state.line.length
      ? { edit: state.edit, pairs: state.pairs, line: state.line, neighbours: await neighboursOf(state.pairs) }
      : keepPrevious ? state.previous : null;
    try {
      const summary = await load(edit);
      if (run !== generation) return;
      const { progress } = await engine.contextsConfigure({ ...LAB_TRAINING, seed });
      const first = await engine.contextsStep({ words: 0, pairs });
      if (run !== generation) return;
      update({
        ...fresh(), phase: 'ready', summary, progress, pairs, edit, previous,
        line: [{ words: 0, fraction: 0, cosines: [...first.cosines] }],
      });
    } catch (error) {
      if (run === generation) update({ phase: 'idle', error: error.message });
      throw error;
    }
  }

  async function neighboursOf(pairs) {
    const word = pairs[0]?.[0];
    if (!word) return null;
    try {
      return { word, ...(await engine.contextsNeighbours({ word, k: 8 })) };
    } catch {
      return null;
    }
  }

  function record(result) {
    const { progress, cosines } = result;
    const line = [...state.line, { words: progress.wordsDone, fraction: progress.fraction, cosines: [...cosines] }];
    update({ progress, line, phase: progress.finished ? 'finished' : state.phase });
  }

  /** Trains slice after slice until the run ends, `until` (a share of the run) or pause(). */
  async function play({ until = 1 } = {}) {
    if (state.phase !== 'ready' && state.phase !== 'paused') return;
    const run = generation;
    const token = {};
    playing = token;
    update({ phase: 'running' });
    try {
      while (playing === token && run === generation) {
        // Finer slices at first, where the cosines move most.
        const fraction = state.progress?.fraction ?? 0;
        const words = fraction < EARLY_FRACTION ? SLICE_WORDS / 5 : SLICE_WORDS;
        const result = await engine.contextsStep({ words, pairs: state.pairs });
        if (run !== generation) return;
        record(result);
        if (result.progress.finished || result.progress.fraction >= until) break;
      }
    } catch (error) {
      if (run === generation) update({ phase: 'paused', error: error.message });
      return;
    }
    if (playing === token) playing = null;
    if (run === generation && state.phase === 'running') update({ phase: 'paused' });
  }

  function pause() {
    playing = null;
  }

  /** Trains up to the next update of `word`'s vector and adds it to the pushes. */
  async function nextPush(word) {
    if (!['ready', 'paused'].includes(state.phase)) {
      if (state.phase === 'running') pause();
      else return null;
    }
    const run = generation;
    const result = await engine.contextsPushes({ word, count: 1, neighbours: PUSH_NEIGHBOURS });
    if (run !== generation) return null;
    const cosines = await engine.contextsStep({ words: 0, pairs: state.pairs });
    if (run !== generation) return null;
    const sameProbe = state.pushProbe === result.probe;
    const total = sameProbe ? state.pushTotal : 0;
    const numbered = result.pushes.map((push, i) => ({ ...push, number: total + i + 1, neighbours: result.neighbours }));
    const pushes = [...(sameProbe ? state.pushes : []), ...numbered].slice(-MAX_PUSHES);
    update({ pushes, pushProbe: result.probe, pushNeighbours: result.neighbours, pushTotal: total + numbered.length });
    record(cosines);
    if (state.phase === 'ready') update({ phase: result.progress.finished ? 'finished' : 'paused' });
    return numbered[0] ?? null;
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    play,
    pause,
    nextPush,
    neighboursOf,
    /** Stops whatever runs (the lesson was left). */
    stop() {
      generation += 1;
      playing = null;
    },
  };
}
