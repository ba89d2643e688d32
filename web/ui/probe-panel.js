// "Follow one book": the probe word, typed or picked on the map, and its nearest neighbours now
// or at the checkpoint on the timeline; words new since the checkpoint before are tagged.
import { fill, format, h } from './dom.js';

/** @param {{ store, wordInput, checkWord, centred: () => boolean }} options */
export function probePanel({ store, wordInput, checkWord, centred }) {
  const probe = wordInput({
    label: 'Probe word',
    value: store.get().probe,
    validate: checkWord,
    onCommit: (word) => word && store.set({ probe: word }),
  });
  const list = h('ol', { class: 'ranked probe-neighbors', 'aria-live': 'polite' });
  const note = h('p', { class: 'hint' });
  const lead = h('p', { class: 'hint' });
  const element = h('section', { class: 'panel', 'aria-label': 'Follow one book' },
    h('h3', null, 'Follow one book'),
    h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); store.set({ probe: probe.value }); } },
      probe.element, h('button', { type: 'submit' }, 'Pin')),
    lead,
    list,
    note);

  /** entry: { word, words, scores, problem?, code? } or null; previous: the checkpoint before's. */
  function render(entry, previous) {
    lead.textContent = `Its nearest neighbours (${centred() ? 'cosine of the centred vectors' : 'cosine similarity'}), now or at the checkpoint on the timeline; click a book on the map to follow it.`;
    if (!entry) {
      list.replaceChildren();
      note.textContent = store.get().probe ? '' : 'Pin a word to follow it.';
      return;
    }
    if (entry.problem) {
      list.replaceChildren();
      note.textContent = `⚠ ${entry.code === 'bad-input' ? `“${entry.word}” is not in the vocabulary of these vectors: pin another word.` : entry.problem}`;
      return;
    }
    const before = previous && !previous.problem && previous.word === entry.word ? new Set(previous.words) : null;
    const top = Math.max(1e-6, Math.abs(entry.scores[0] ?? 1));
    fill(
      list,
      Array.from(entry.words, (word, i) =>
        h('li', null,
          h('span', { class: 'word' }, word),
          ' ',
          h('span', { class: 'score' }, format.score(entry.scores[i])),
          h('span', { class: 'score-bar', style: { width: `${Math.max(2, (Math.max(0, entry.scores[i]) / top) * 5)}rem` }, 'aria-hidden': 'true' }),
          before && !before.has(word) ? [' ', h('span', { class: 'tag' }, 'new')] : null)),
    );
    note.textContent = `Neighbours of “${entry.word}”.${before ? ' “new” marks a word that was not on the list at the checkpoint before.' : ''}`;
  }

  return { element, render, input: probe };
}
