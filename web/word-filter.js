// The classroom word filter, on by default: the page hands the engine LDNOOBW's English list
// (npm `naughty-words`, CC BY 4.0) before any vectors load, and the engine leaves those words out
// of every list, map, analogy answer and check (src/shelf/word_filter.h). `wordFilter=0` in the
// URL (or `shelf:set` from a course page) turns it off. The page shows how many words of the
// current vectors it hides.
import listed from 'naughty-words/en.json' with { type: 'json' };
import { boolParam, runtime } from './state.js';

export const wordFilterParams = {
  wordFilter: boolParam(true),
  wordFilterStatus: runtime(null), // { listed, hidden, vocab } from the engine, or null
};

/** The URL keys an embed link and shelf:set carry for the filter. */
export const WORD_FILTER_KEYS = ['wordFilter'];

/** The list the filter uses (single words and phrases; the engine keeps the single words). */
export const FILTER_LIST = Object.freeze([...listed]);

/**
 * Keeps the engine's filter in step with the `wordFilter` setting, and `wordFilterStatus` in
 * step with the vectors. Call before the first vectors load: requests are answered in order.
 */
export function connectWordFilter({ engine, store }) {
  let asked = 0;
  const update = async (words, { changed = false } = {}) => {
    const ticket = ++asked;
    try {
      const status = await engine.wordFilter(words === undefined ? {} : { words });
      if (ticket !== asked) return;
      // Another filter changes every answer, as other vectors would: lessons ask again.
      if (changed) store.set({ wordFilterStatus: status, modelVersion: store.get().modelVersion + 1 });
      else store.set({ wordFilterStatus: status });
    } catch {
      // The engine failed to start: the page says so already.
    }
  };
  const list = (on) => (on ? [...FILTER_LIST] : []);
  update(list(store.get().wordFilter));
  store.subscribe((state) => update(list(state.wordFilter), { changed: true }), ['wordFilter']);
  store.subscribe((state, changed) => {
    if (!changed.has('wordFilter')) update();
  }, ['modelVersion']);
}

/** "12 words hidden" (or null when nothing is). */
export function hiddenSentence(status) {
  if (!status || !status.listed) return null;
  const n = status.hidden;
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'word' : 'words'} hidden`;
}
