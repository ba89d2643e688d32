// A word's contexts in the corpus (a `contextsOf` result): the keyword-in-context lines (the word
// centred, the words within the training window marked, a few more beyond it dimmed), the words
// seen most often within the window, and the words whose contexts overlap its own.
import { fill, format, h } from './dom.js';

/** One side of a line: the words within `window` of the keyword get the window class. */
function side(words, window, left) {
  const n = words.length;
  return words.map((word, i) => {
    const distance = left ? n - i : i + 1;
    return h('span', { class: distance <= window ? 'in-window' : 'out-window' }, word);
  });
}

export function contextLines({ onPick, onMore }) {
  const heading = h('p', { class: 'context-summary', 'aria-live': 'polite' });
  const table = h('table', { class: 'kwic' });
  const more = h('button', { type: 'button', class: 'secondary', onclick: () => onMore?.() }, 'More lines');
  const counts = h('ol', { class: 'context-counts' });
  const sharing = h('ol', { class: 'context-sharing' });
  const element = h('div', { class: 'context-lines' },
    heading,
    h('div', { class: 'kwic-wrap', tabindex: '0', role: 'region', 'aria-label': 'Lines of the corpus with the word' }, table),
    h('p', { class: 'row' }, more),
    h('div', { class: 'context-columns' },
      h('section', { 'aria-label': 'Words seen near it' },
        h('h4', null, 'Seen within the window most often'), counts),
      h('section', { 'aria-label': 'Words sharing its contexts' },
        h('h4', null, 'Words that share its contexts'),
        h('p', { class: 'hint' }, 'The part of its telling contexts (frequent and more common near it than by chance) that each word has too. Pick one to compare.'),
        sharing)));

  const pick = (word) => h('button', { type: 'button', class: 'word-chip', onclick: () => onPick?.(word), 'data-word': word }, word);

  return {
    element,
    /** `found`: a contextsOf result; `lines`: every line fetched so far. */
    update(found, lines) {
      if (!found) {
        heading.textContent = '';
        table.replaceChildren();
        counts.replaceChildren();
        sharing.replaceChildren();
        more.hidden = true;
        return;
      }
      const { word, count, window, distinct } = found;
      heading.replaceChildren(
        h('strong', null, `“${word}”`), ` occurs ${format.int(count)} times; within ${window} words either side (the training window, highlighted) it meets ${format.int(distinct)} different words. `,
        `Showing ${format.int(lines.length)} of its ${format.int(count)} lines (the lesson reads the corpus’s lines in a shuffled order, so these are a fair sample).`);
      fill(table,
        h('caption', { class: 'contexts-hidden' }, `Keyword in context: “${word}” with the words before and after it`),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'kwic-left' }, 'before'),
          h('th', { scope: 'col', class: 'kwic-word' }, 'word'),
          h('th', { scope: 'col', class: 'kwic-right' }, 'after'))),
        h('tbody', null, lines.map((line) => h('tr', null,
          h('td', { class: 'kwic-left' }, side(line.left, window, true)),
          h('td', { class: 'kwic-word' }, word),
          h('td', { class: 'kwic-right' }, side(line.right, window, false))))));
      more.hidden = lines.length >= count;
      // Narrow screens scroll the lines sideways: start with the word in the middle.
      const wrap = table.parentElement;
      if (wrap && wrap.scrollWidth > wrap.clientWidth) {
        const word = table.querySelector('tbody .kwic-word');
        if (word) wrap.scrollLeft = word.offsetLeft + word.offsetWidth / 2 - wrap.clientWidth / 2;
      }
      fill(counts, found.contexts.map((c) => h('li', null, pick(c.word), ` ${format.int(c.count)}×`,
        h('span', { class: 'hint' }, ` (${(c.share * 100).toFixed(1)}% of its context slots)`))));
      fill(sharing, found.sharing.map((s) => h('li', null, pick(s.word),
        h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: `${Math.round(s.overlap * 100)}%` } })),
        ` ${(s.overlap * 100).toFixed(0)}%`)));
    },
  };
}
