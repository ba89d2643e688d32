// What the library shows: which books are on the floor (the reading list, the most frequent
// words, the learner's own), how many shelves, whether the vectors are centred, and "reveal the
// labels nobody gave" with how well shelves and topics agree (figures from the engine).
import { format, h } from './dom.js';

const SOURCES = [
  ['reading', 'a reading list of everyday words (16 hidden topics)'],
  ['frequent', 'the most frequent words'],
  ['mine', 'my own words'],
];

/** @param {{ store, idPrefix: string, maxOwnWords: number }} options */
export function shelfChoices({ store, idPrefix, maxOwnWords }) {
  const state = store.get();
  const sourceChoice = h('fieldset', { class: 'view-choice books-choice' },
    h('legend', null, 'Books on the floor'),
    SOURCES.map(([value, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: `${idPrefix}-books`, value, checked: state.books === value, onchange: () => store.set({ books: value }) }),
        text)));

  const ownId = `${idPrefix}-own-words`;
  const ownWords = h('textarea', { id: ownId, rows: 3, maxlength: 20000, spellcheck: 'false' });
  ownWords.value = state.mywords;
  const ownBox = h('form', { class: 'own-words', onsubmit: (e) => { e.preventDefault(); store.set({ mywords: ownWords.value.trim(), books: 'mine' }); } },
    h('label', { for: ownId }, `Your words (separated by spaces or commas; up to ${format.int(maxOwnWords)})`),
    ownWords,
    h('button', { type: 'submit' }, 'Put them on the floor'));

  const kId = `${idPrefix}-shelf-count`;
  const k = h('input', { id: kId, type: 'number', min: 2, max: 40, step: 1, value: String(state.shelves), required: true });
  const kNote = h('span', { class: 'hint', role: 'status' });
  k.addEventListener('change', () => {
    const value = Number(k.value);
    if (!k.checkValidity() || !Number.isInteger(value)) {
      kNote.textContent = '⚠ Enter a whole number of shelves from 2 to 40.';
      k.setAttribute('aria-invalid', 'true');
      return;
    }
    kNote.textContent = '';
    k.setAttribute('aria-invalid', 'false');
    store.set({ shelves: value });
  });

  const reveal = h('input', { type: 'checkbox', id: `${idPrefix}-reveal`, checked: state.reveal, onchange: () => store.set({ reveal: reveal.checked }) });
  const center = h('input', { type: 'checkbox', id: `${idPrefix}-center`, checked: state.center, onchange: () => store.set({ center: center.checked }) });
  const agreement = h('p', { class: 'agreement', 'aria-live': 'polite' });

  const element = h('section', { class: 'panel shelf-choices', 'aria-label': 'What the library shows' },
    sourceChoice,
    ownBox,
    h('div', { class: 'row' },
      h('span', { class: 'field inline' }, h('label', { for: kId }, 'Shelves (k-means clusters)'), k), kNote),
    h('p', { class: 'check' }, reveal, h('label', { for: reveal.id }, ' Reveal the labels nobody gave: colour the books by their topic instead of their shelf')),
    agreement,
    h('p', { class: 'check' }, center, h('label', { for: center.id }, ' Centre the vectors (subtract their mean) before cosines and the map')),
    h('p', { class: 'hint' },
      'Right after the start, training pushes every vector the same way, so raw cosines between unrelated words all sit near 1; ' +
      'subtracting the mean vector first shows the differences that matter. It is on by default.'));

  function sync(s) {
    for (const radio of sourceChoice.querySelectorAll('input')) radio.checked = radio.value === s.books;
    ownBox.hidden = s.books !== 'mine';
    if (ownWords.value.trim() !== s.mywords) ownWords.value = s.mywords;
    if (Number(k.value) !== s.shelves) k.value = String(s.shelves);
    reveal.checked = s.reveal;
    reveal.disabled = s.books !== 'reading';
    center.checked = s.center;
  }
  sync(state);
  const unsubscribe = store.subscribe(sync, ['books', 'mywords', 'shelves', 'reveal', 'center']);

  /** The engine's agreement figures of a clusterWords reply (or why there are none). */
  function showAgreement(shelves, s) {
    if (s.books !== 'reading') {
      agreement.textContent = 'Only the reading list has hidden topics to reveal.';
    } else if (!s.reveal) {
      agreement.textContent = 'The topics stay hidden: the shelves come from the vectors alone.';
    } else if (shelves?.purity === undefined) {
      agreement.textContent = '';
    } else {
      agreement.textContent =
        `Shelves and topics agree: purity ${shelves.purity.toFixed(2)} (the share of books whose shelf's most common topic is their own), ` +
        `adjusted Rand index ${shelves.adjustedRand.toFixed(2)} (1: the same grouping; 0: no better than chance), over ${format.int(shelves.topicWords)} books.`;
    }
    agreement.dataset.purity = shelves?.purity ?? '';
    agreement.dataset.ari = shelves?.adjustedRand ?? '';
  }

  return { element, showAgreement, destroy: unsubscribe };
}
