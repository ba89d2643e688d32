// Nothing lost on a reload: the trained vectors, the training settings and the chosen corpus are
// saved in this browser (IndexedDB, written by web/persistence-worker.js so that the page's
// thread never clones the vectors) and offered on the next visit, which still opens on the bundled
// snapshot (web/vector-sources.js). "Forget saved work" removes them. Where IndexedDB is missing or refused (some private modes),
// saving is off and the page says so; everything else works as before.
//
// When it saves: training paused or finished (the vectors, as word2vec binary: bit-exact), the
// user's vectors file loaded (the same), the user's corpus opened (its text; older vectors are
// dropped, they came from another corpus), a training setting changed (the settings alone).
import { createWorkerBridge } from '../wasm/worker-bridge.js';
import { runtime } from './state.js';
import { TRAINING_KEYS } from './training.js';

/** The store's keys for saved work: its meta, 'saved' | 'empty' | 'unavailable' | 'failed', the failure. */
export const savedParams = { saved: runtime(null), savedStatus: runtime(null), savedError: runtime(null) };

/** Settings changes are written at most this often. */
const SETTINGS_DELAY_MS = 1000;

function defaultWorker() {
  // Vite sees this exact pattern and bundles the worker.
  return new Worker(new URL('./persistence-worker.js', import.meta.url), { type: 'module' });
}

/**
 * The storage, through its worker: `available()` (a promise of a boolean), `load()`,
 * `save({ put, remove }, transfer)`, `forget()`. Every call rejects when storage is unavailable.
 */
export function createPersistence({ createWorker = defaultWorker } = {}) {
  let worker = null;
  let unavailable = null;
  try {
    worker = createWorker();
  } catch (error) {
    unavailable = error;
  }
  // Saving is best effort: a failed call rejects, and the page goes on without it.
  const bridge = createWorkerBridge(worker, { names: { worker: 'the saving worker', replies: 'the saving worker' }, unavailable });
  const call = (type, fields = {}, transfer = []) => bridge.request(type, fields, { transfer });

  let probed = null;
  return {
    available: () => (probed ??= call('probe').then(() => true, () => false)),
    load: () => call('load'),
    save: (parts, transfer = []) => call('save', parts, transfer),
    forget: () => call('forget'),
  };
}

/** The training settings of the store, as saved. */
function settingsOf(state) {
  return Object.fromEntries(TRAINING_KEYS.map((key) => [key, state[key]]));
}

/**
 * What is saved, or null (with the store's `savedStatus` saying why: saving is off, or nothing
 * is saved).
 */
async function loadSavedWork(persistence, store) {
  store.define(savedParams);
  if (!(await persistence.available())) {
    store.set({ savedStatus: 'unavailable' });
    return null;
  }
  const saved = await persistence.load();
  if (!saved?.meta) {
    store.set({ saved: null, savedStatus: 'empty' });
    return null;
  }
  return saved;
}

/**
 * Reads what is saved without opening it: sets the store's `saved` meta and `savedStatus`, and
 * resolves with `{ meta, hasVectors }`, or null when nothing is saved (or saving is off). A visit
 * always starts on the bundled snapshot; saved vectors are offered (web/ui/vectors-switch.js),
 * never put in place of the snapshot silently.
 */
export async function peekSavedWork({ persistence, store }) {
  const saved = await loadSavedWork(persistence, store);
  if (!saved) return null;
  store.set({ saved: saved.meta, savedStatus: 'saved' });
  return { meta: saved.meta, hasVectors: saved.vectors instanceof ArrayBuffer };
}

/**
 * Opens saved work, when the visitor asks for it: applies its settings (those the URL does not
 * set), makes its corpus the training corpus, and loads its vectors into the engine. Resolves
 * with the saved meta when vectors were opened, else null.
 */
export async function openSavedWork({ persistence, engine, store, data, search = '' }) {
  const saved = await loadSavedWork(persistence, store);
  if (!saved) return null;
  const { meta } = saved;
  const inUrl = new URLSearchParams(search);
  const patch = {};
  for (const [key, value] of Object.entries(meta.settings ?? {})) {
    if (TRAINING_KEYS.includes(key) && !inUrl.has(key) && store.spec(key)?.parse(String(value)) !== undefined) {
      patch[key] = store.spec(key).parse(String(value));
    }
  }
  store.set({ ...patch, saved: meta, savedStatus: 'saved' });
  if (saved.corpus) data.restoreCorpus(saved.corpus);
  if (!(saved.vectors instanceof ArrayBuffer)) return null;
  store.set({ busy: 'Opening your saved work…' });
  try {
    const summary = await engine.loadVectors(
      { bytes: saved.vectors, name: meta.source?.name ?? 'saved vectors', format: 'word2vec-binary' },
      { transfer: [saved.vectors] },
    );
    store.set({
      source: { kind: 'saved', from: meta.source?.kind, name: meta.source?.name ?? 'saved vectors', savedAt: meta.savedAt, ...summary },
      modelVersion: store.get().modelVersion + 1,
    });
    return meta;
  } finally {
    store.set({ busy: null });
  }
}

/**
 * Saves at the points listed at the top of this file, one save at a time. Returns
 * { forget(), saveNow(reason), idle() } (idle resolves when queued saves are done).
 */
export function keepWork({ persistence, engine, store, data, training }) {
  store.define(savedParams);
  let queue = Promise.resolve();
  let enabled = true;
  const enqueue = (task) => {
    queue = queue.then(task).catch((error) => store.set({ savedStatus: 'failed', savedError: error.message }));
    return queue;
  };

  function metaFor(reason, source) {
    const state = store.get();
    return {
      version: 1,
      savedAt: Date.now(),
      reason,
      settings: settingsOf(state),
      source: source && { kind: source.kind === 'saved' ? source.from : source.kind, name: source.name, vocab: source.vocab, dim: source.dim },
      corpus: data.corpus,
      progress: state.progress && source?.kind === 'training' ? state.progress : (state.saved?.progress ?? null),
    };
  }

  async function put(parts, transfer = []) {
    if (!enabled || !(await persistence.available())) return;
    await persistence.save(parts, transfer);
    store.set({ saved: parts.put.meta, savedStatus: 'saved' });
  }

  /** The engine's current vectors, as word2vec binary (bit-exact), with the meta. */
  function saveVectors(reason) {
    const source = store.get().source;
    return enqueue(async () => {
      const { bytes } = await engine.exportVectors({ format: 'word2vec-binary' });
      await put({ put: { meta: metaFor(reason, source), vectors: bytes } }, [bytes]);
    });
  }

  function saveCorpus() {
    const corpus = data.corpusForSaving();
    return enqueue(async () => {
      const meta = metaFor('corpus', null);
      // The old vectors came from another corpus: they are not this work.
      await put({ put: { meta, corpus }, remove: ['vectors'] });
    });
  }

  function saveSettings() {
    return enqueue(async () => {
      const current = store.get().saved;
      if (!current) return;
      await put({ put: { meta: { ...current, settings: settingsOf(store.get()), savedAt: Date.now() } } });
    });
  }

  let lastPhase = training.state.phase;
  training.subscribe((state) => {
    const was = lastPhase;
    lastPhase = state.phase;
    if (was === 'running' && (state.phase === 'paused' || state.phase === 'finished')) saveVectors(`training ${state.phase}`);
  });
  store.subscribe((state) => {
    if (state.source?.kind === 'vectors') saveVectors('file');
    if (state.source?.kind === 'corpus' && !data.corpus?.bundled) saveCorpus();
  }, ['source']);
  let timer = 0;
  store.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(saveSettings, SETTINGS_DELAY_MS);
  }, TRAINING_KEYS);

  return {
    saveNow: saveVectors,
    idle: () => queue,
    async forget() {
      enabled = false;
      clearTimeout(timer);
      await queue;
      try {
        await persistence.forget();
        store.set({ saved: null, savedStatus: 'empty' });
      } finally {
        enabled = true;
      }
    },
  };
}
