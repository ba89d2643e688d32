// Which vectors the lessons answer from, and switching between them in one click: the bundled
// snapshot, your training (live on this page, or saved from an earlier visit) and your file (opened
// on this page, or saved). A visit always starts on the snapshot; saved work is offered, never put
// in its place silently. When the page leaves your training or your file for other vectors, it
// keeps a copy (word2vec binary, bit-exact, exported by the engine) so one click brings them back;
// a paused run cannot resume from that copy (the trainer is gone), it can only be retrained.
// "Forget saved work" drops these copies too and, when saved vectors are on show, goes back to the
// snapshot at once.
import { runtime } from './state.js';

/** `keptVectors`: what can be switched back to, without bytes: { training?, file? } each { name, vocab, dim, at }. */
export const vectorSourceParams = { keptVectors: runtime({}) };

/** What the engine holds now, as one of the three choices (null while a corpus waits to be trained). */
export function currentChoice(source) {
  if (!source) return null;
  if (source.kind === 'snapshot') return 'snapshot';
  if (source.kind === 'training') return 'training';
  if (source.kind === 'vectors') return 'file';
  if (source.kind === 'saved') return source.from === 'training' ? 'training' : 'file';
  return null;
}

/** The kind saved work's vectors came from, as a choice; null when no vectors are saved. */
export function savedChoice(saved) {
  const kind = saved?.source?.kind;
  if (kind === 'training') return 'training';
  if (kind === 'vectors') return 'file';
  return null;
}

export function createVectorSources({ engine, store, data, persistence, openSaved }) {
  store.define(vectorSourceParams);
  /** choice -> { bytes: ArrayBuffer, name, vocab, dim, at } */
  const kept = new Map();
  let switching = null;

  const publish = () => store.set({
    keptVectors: Object.fromEntries([...kept].map(([id, { bytes, ...meta }]) => [id, meta])),
  });

  /** A copy of the vectors on show, when they are the visitor's own. */
  async function keepCurrent() {
    const source = store.get().source;
    const choice = currentChoice(source);
    if (choice !== 'training' && choice !== 'file') return;
    const { bytes } = await engine.exportVectors({ format: 'word2vec-binary' });
    kept.set(choice, { bytes, name: source.name, vocab: source.vocab, dim: source.dim, at: Date.now(), from: source.kind === 'saved' ? source.from : source.kind });
    publish();
  }

  async function loadKept(choice) {
    const item = kept.get(choice);
    const summary = await engine.loadVectors({ bytes: item.bytes.slice(0), name: item.name, format: 'word2vec-binary' });
    store.set({
      source: { kind: 'saved', from: choice === 'training' ? 'training' : 'vectors', name: item.name, savedAt: item.at, kept: true, ...summary },
      modelVersion: store.get().modelVersion + 1,
    });
  }

  /** Switches the engine to `choice`; resolves when the lessons can ask the new vectors. */
  async function choose(choice) {
    if (switching) await switching.catch(() => {});
    const now = currentChoice(store.get().source);
    if (choice === now) return;
    switching = (async () => {
      store.set({ busy: 'Switching vectors…' });
      try {
        await keepCurrent();
        if (choice === 'snapshot') await data.loadSnapshot();
        else if (kept.has(choice)) await loadKept(choice);
        else if (savedChoice(store.get().saved) === choice && persistence) await openSaved();
        else throw new Error(`there are no ${choice === 'training' ? 'trained vectors' : 'vectors from a file'} to switch to`);
      } finally {
        store.set({ busy: null });
      }
    })();
    return switching;
  }

  /** After "Forget saved work": the copies go too, and saved vectors on show give way to the snapshot. */
  async function forgotten() {
    kept.clear();
    publish();
    if (store.get().source?.kind === 'saved') await data.loadSnapshot();
  }

  return { choose, forgotten };
}
