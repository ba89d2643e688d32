// The retrieval lesson's three rankings side by side: by meaning (word vectors), by words (BM25)
// and both (reciprocal rank fusion), each a column of the chunks it ranks first. A pure render of
// the engine's `compareRetrieval` result; text from the user's documents stays text.
import { fill, format, h } from './dom.js';

export const METHODS = [
  {
    id: 'meaning',
    title: 'By meaning',
    caption: 'Cosine between the question’s vector and each chunk’s: a chunk can win with no word in common.',
    score: (x) => format.score(x),
    unit: 'cosine',
  },
  {
    id: 'words',
    title: 'By words (BM25)',
    caption: 'Only chunks that contain a word of the question; rare words count most.',
    score: (x) => x.toFixed(2),
    unit: 'BM25',
  },
  {
    id: 'hybrid',
    title: 'Both (rank fusion)',
    caption: 'Reciprocal rank fusion: each chunk scores 1/(60 + its rank) in each list that holds it, and the sums are ranked. Ranks, not scores, are added: a cosine and a BM25 score are on different scales.',
    score: (x) => x.toFixed(4),
    unit: 'fused',
  },
];

/** A passage's title: what precedes its first full stop, when short enough to be one. */
function titleOf(text) {
  const end = text.indexOf('.');
  return end > 0 && end <= 60 ? text.slice(0, end) : null;
}

function rankNote(hit, method) {
  if (method !== 'hybrid') return null;
  const part = (name, rank) => (rank ? `${name} #${rank}` : `not in ${name}`);
  return h('span', { class: 'hit-ranks' }, ` (${part('meaning', hit.meaningRank)} · ${part('words', hit.wordsRank)})`);
}

/**
 * @param {{ highlighted: (h, text, words) => Array }} options the lesson's marker of matched words
 * Returns { element, render(result | null, message?), clear(message) }.
 */
export function retrievalResults({ highlighted }) {
  const columns = METHODS.map((method) => {
    const list = h('ol', { class: 'hit-list', 'data-method': method.id, 'aria-label': `${method.title}: ranked chunks` });
    const note = h('p', { class: 'hint method-note', 'data-role': `${method.id}-note` });
    const element = h('section', { class: 'method-column', 'data-method': method.id },
      h('h4', null, method.title), h('p', { class: 'hint' }, method.caption), note, list);
    return { method, list, note, element };
  });
  const element = h('div', { class: 'method-columns' }, columns.map((c) => c.element));

  function render(result) {
    for (const { method, list, note } of columns) {
      const hits = result[method.id];
      if (method.id === 'meaning' && result.meaningProblem) note.textContent = `Nothing: ${result.meaningProblem}.`;
      else if (!hits.length && method.id === 'words') note.textContent = 'Nothing: no chunk contains a word of the question.';
      else if (!hits.length) note.textContent = 'Nothing to rank.';
      else note.textContent = '';
      fill(list, hits.map((hit, rank) => {
        const title = titleOf(hit.text);
        return h('li', { class: 'hit', 'data-chunk': String(hit.chunk), 'data-rank': String(rank + 1), 'data-title': title ?? '' },
          h('p', { class: 'hit-meta' },
            h('strong', null, `#${rank + 1}`), ' ', title ? h('span', { class: 'hit-title' }, title) : `chunk ${hit.chunk + 1}`,
            h('br'),
            `${method.unit} `, h('span', { class: 'score', 'data-fact': 'score' }, method.score(hit.score)), rankNote(hit, method.id)),
          h('p', { class: 'hit-text' }, highlighted(h, hit.text, hit.matched)),
          h('p', { class: 'hint' }, hit.matched.length ? `Shared words: ${hit.matched.join(', ')}.` : 'No word of the question occurs here.'));
      }));
    }
  }

  function clear(message = '') {
    for (const { list, note } of columns) {
      list.replaceChildren();
      note.textContent = message;
    }
  }

  return { element, render, clear };
}
