// What this browser keeps of the visitor's work (web/persistence.js), and the control that forgets
// it. Names come from the visitor's files: text only.
import { format, h } from './dom.js';

const WHAT = {
  training: 'vectors trained live on',
  vectors: 'vectors from your file',
  corpus: 'your corpus',
};

function describe(meta) {
  const when = new Date(meta.savedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const source = meta.source;
  const vectors = source
    ? `${WHAT[source.kind] ?? 'vectors'} ${source.name}` + (source.vocab ? ` (${format.int(source.vocab)} words × ${source.dim} dimensions)` : '')
    : null;
  const corpus = meta.corpus && !meta.corpus.bundled ? `your corpus ${meta.corpus.name}` : null;
  const parts = [vectors, corpus, 'the training settings'].filter(Boolean);
  return `Saved in this browser (${when}): ${parts.join(', ')}.`;
}

/** @param {{ store, work: { forget(): Promise<void> } }} options */
export function savedWork({ store, work }) {
  const text = h('span', { class: 'saved-text', 'data-role': 'saved-work' });
  const forget = h('button', { type: 'button', class: 'secondary', onclick: () => onForget() }, 'Forget saved work');
  const message = h('span', { class: 'saved-message', role: 'status', 'aria-live': 'polite' });
  const element = h('p', { class: 'saved-work hint' }, text, ' ', forget, ' ', message);

  async function onForget() {
    forget.disabled = true;
    try {
      await work.forget();
      message.textContent = 'Forgotten: the lessons answer from the bundled snapshot.';
    } catch (error) {
      message.textContent = `⚠ Could not forget: ${error.message}`;
    } finally {
      render(store.get());
    }
  }

  function render(state) {
    const status = state.savedStatus;
    if (status === 'unavailable') {
      text.textContent = 'This browser does not let the page save your work (no IndexedDB): a reload starts over.';
    } else if (status === 'failed') {
      text.textContent = `⚠ Your work could not be saved: ${state.savedError ?? 'unknown error'}.`;
    } else if (state.saved) {
      text.textContent = describe(state.saved);
    } else {
      text.textContent = 'Nothing saved yet. Trained vectors, your files and the settings are kept in this browser when training pauses or ends.';
    }
    forget.hidden = status === 'unavailable';
    forget.disabled = !state.saved;
  }
  render(store.get());
  store.subscribe(render, ['saved', 'savedStatus', 'savedError']);
  return { element };
}
