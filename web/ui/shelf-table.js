// The text alternative of the library map and bookcase: the shelves in their bookcase order with
// their books, then every book with its map coordinates, its shelf and its nearest words (a page
// at a time; the neighbours come from one engine request per page).
import { fill, format, h } from './dom.js';
import { groupSwatch } from './groups.js';

/** Rows of the book table shown at once (more on request). */
export const TABLE_PAGE = 100;

export function shelfTable() {
  const shelvesBox = h('div', { class: 'shelf-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'The shelves and their books' });
  const booksBox = h('div', { class: 'word-table-wrap' });
  const note = h('p', { class: 'hint' },
    'Why do words such as “the”, “and” or “of” have odd neighbours? They stand beside almost every word, so their contexts say little about them: ' +
    'their vectors end up near other frequent words, or near nothing in particular.');
  const element = h('div', { class: 'shelf-table', hidden: true }, shelvesBox, booksBox, note);
  let rowsShown = TABLE_PAGE;

  /**
   * @param {object} map  words, points, shelves (a clusterWords reply), projection: 'PCA' or 'UMAP'
   * @param {(words: string[]) => Promise<Map<string, string[]>>} neighbours  nearest words of a page of books
   * @param {() => boolean} stale  true once a newer render has started
   */
  async function render({ words, points, shelves, projection, shelfName, key }, neighbours, stale) {
    const order = Array.from(shelves.order);
    const members = new Map(order.map((shelf) => [shelf, []]));
    for (let i = 0; i < words.length; i += 1) members.get(shelves.labels[i])?.push(i);
    for (const list of members.values()) list.sort((a, b) => shelves.fit[b] - shelves.fit[a]);
    const shelfTableEl = h(
      'table',
      null,
      h('caption', { class: 'hint' }, `The ${order.length} shelves in bookcase order (neighbouring shelves hold similar books), each with its books, the most typical first.`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'shelf'), h('th', { scope: 'col' }, 'named by'), h('th', { scope: 'col' }, 'books'), h('th', { scope: 'col' }, 'on it'))),
      h('tbody', null, order.map((shelf, position) =>
        h('tr', { 'data-shelf': String(shelf) },
          h('th', { scope: 'row' }, groupSwatch(shelf, 14), ` ${position + 1}`),
          h('td', null, shelfName(shelf)),
          h('td', null, format.int(shelves.sizes[shelf])),
          h('td', { class: 'shelf-books-cell' }, members.get(shelf).map((i) => words[i]).join(', '))))),
    );
    fill(shelvesBox, shelfTableEl);

    const rows = words.slice(0, rowsShown);
    let nearest = new Map();
    try {
      nearest = await neighbours(rows);
    } catch {
      nearest = new Map();
    }
    if (stale()) return;
    const positionOf = new Map(order.map((shelf, position) => [shelf, position]));
    const table = h(
      'table',
      null,
      h('caption', { class: 'hint' }, `The ${format.int(rows.length)} first of the ${format.int(words.length)} books, with their map coordinates (${projection}), their shelf and their nearest words (by cosine, in all the vocabulary).`),
      h('thead', null, h('tr', null, ['#', 'word', 'x', 'y', 'shelf', 'nearest words'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', null, rows.map((word, i) =>
        h('tr', null,
          h('td', null, String(i + 1)),
          h('th', { scope: 'row' }, word),
          h('td', null, points[2 * i].toFixed(3)),
          h('td', null, points[2 * i + 1].toFixed(3)),
          h('td', null, `${positionOf.get(shelves.labels[i]) + 1}: ${shelfName(shelves.labels[i])}`),
          h('td', null, (nearest.get(word) ?? []).join(', '))))),
    );
    const more = rows.length < words.length
      ? h('button', { type: 'button', class: 'secondary', onclick: () => { rowsShown += TABLE_PAGE; render({ words, points, shelves, projection, shelfName, key }, neighbours, stale); } }, `Show ${TABLE_PAGE} more`)
      : null;
    fill(booksBox, table, more);
    booksBox.dataset.shown = key ?? ''; // which map the table shows (tests wait for it)
  }

  return {
    element,
    render,
    /** Back to the first page (new books). */
    reset() {
      rowsShown = TABLE_PAGE;
    },
  };
}
