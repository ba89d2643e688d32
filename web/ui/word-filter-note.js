// A line saying what the classroom word filter hides ("Classroom word filter: 12 words hidden"),
// with, on the full page, a switch for authors (the embed link then carries `wordFilter=0`).
// Learners in an embedded lesson see the line only: the author chose.
import { hiddenSentence } from '../word-filter.js';
import { h, uid } from './dom.js';

export function wordFilterNote(store, { embedded = false } = {}) {
  const id = uid('word-filter');
  const text = h('span', { class: 'word-filter-text' });
  const toggle = embedded
    ? null
    : h('input', { id, type: 'checkbox', checked: store.get().wordFilter, onchange: () => store.set({ wordFilter: toggle.checked }) });
  const element = h(
    'span',
    { class: 'status-item word-filter-note', 'data-status': 'word-filter' },
    toggle ? h('label', { for: id, class: 'choice' }, toggle, 'Classroom word filter') : 'Classroom word filter',
    ': ',
    text,
  );

  function render(state) {
    if (toggle) toggle.checked = state.wordFilter;
    const said = hiddenSentence(state.wordFilterStatus);
    text.textContent = !state.wordFilter ? 'off (every word is shown)' : said ?? 'on';
    element.dataset.hidden = String(state.wordFilter ? state.wordFilterStatus?.hidden ?? 0 : 0);
  }
  render(store.get());
  const unsubscribe = store.subscribe(render, ['wordFilter', 'wordFilterStatus']);
  return { element, destroy: unsubscribe };
}
