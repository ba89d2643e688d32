// The shelves as a bookcase: one row per shelf, in the engine's 1-D order (neighbouring shelves
// hold neighbouring topics), each holding its books as spines, the most central book first. A
// shelf's colour AND shape mark its row and its spines (never colour alone); the row is named by
// its most representative words. When the shelves change between checkpoints, a book that changed
// shelf moves to its new row and stays outlined for a moment; when only a few moved, they also
// drop onto it (none with reduced motion). A shelf shows its most central books and counts the
// others. Rows are reordered by CSS order and refilled book by book, so the browser restyles and
// lays out only what changed.
//
//   const bookcase = bookcaseView({ label: 'The bookcase' });
//   bookcase.update({ words, labels, fit, order, names, sizes, colourOf, probe, neighbours });
import { format, h } from './dom.js';
import { groupStyle, groupSwatch } from './groups.js';

/** Spines shown per shelf (the most central books); the rest are counted, so the case stays light. */
const MAX_SPINES = 40;
/** Rows refilled per animation frame. */
const ROWS_PER_FRAME = 3;
/** At most this many moved books drop onto their shelves (a compositor animation each); more only get outlined. */
const MAX_DROPS = 24;
/** How long a book that changed shelf stays outlined. */
const MOVED_MS = 1400;

export function bookcaseView({ label = 'The bookcase' } = {}) {
  const shelvesList = h('ol', { class: 'bookcase-shelves' });
  // Focusable: it scrolls, and keyboard users must be able to scroll it too.
  const element = h('div', { class: 'bookcase', role: 'group', 'aria-label': label, tabindex: '0' }, shelvesList);
  const spines = new Map(); // word -> { li, swatch, group, shelf }
  const rows = new Map(); // shelf -> { li, name, count, books, swatch }
  let movedTimer = 0;

  function rowFor(shelf) {
    let row = rows.get(shelf);
    if (!row) {
      const name = h('span', { class: 'shelf-name' });
      const count = h('span', { class: 'shelf-count' });
      const books = h('ul', { class: 'shelf-books' });
      const heading = h('p', { class: 'shelf-label' }, h('span', { class: 'shelf-swatch' }, groupSwatch(shelf, 14)), name, count);
      row = { li: h('li', { class: 'bookcase-shelf', dataset: { shelf: String(shelf) } }, heading, books), name, count, books, items: [] };
      row.li.style.borderLeftColor = groupStyle(shelf).color;
      rows.set(shelf, row);
    }
    return row;
  }

  // Rows whose books changed are refilled a few per animation frame, so that the browser's style
  // and layout work for a changing bookcase is spread over frames instead of one long task.
  const pending = new Set();
  let rowsFrame = 0;
  function scheduleRows() {
    // While rows wait to be refilled the bookcase says so (tests wait for a settled bookcase).
    if (pending.size) element.dataset.filling = 'true';
    else delete element.dataset.filling;
    if (rowsFrame || !pending.size) return;
    rowsFrame = requestAnimationFrame(() => {
      rowsFrame = 0;
      let budget = ROWS_PER_FRAME;
      for (const row of pending) {
        pending.delete(row);
        patchChildren(row.books, row.items);
        if (--budget === 0) break;
      }
      scheduleRows();
    });
  }

  // Only the books that changed are taken out or put in: re-inserting a whole row would make the
  // browser restyle and lay out every spine on it again.
  function patchChildren(parent, items) {
    const keep = new Set(items);
    for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
    let cursor = parent.firstElementChild;
    for (const item of items) {
      if (cursor === item) cursor = cursor.nextElementSibling;
      else parent.insertBefore(item, cursor);
    }
  }

  const setText = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };
  const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

  function spineFor(word) {
    let spine = spines.get(word);
    if (!spine) {
      const li = h('li', { class: 'spine' }, h('span', { class: 'spine-mark', 'aria-hidden': 'true' }), h('span', { class: 'spine-title' }, word));
      spine = { li, group: null, shelf: null };
      spines.set(word, spine);
    }
    return spine;
  }

  // The spine's mark is a CSS shape (cheaper than an SVG per book, which a changing bookcase
  // would rebuild hundreds of times a second).
  function setGroup(spine, group) {
    if (spine.group === group) return;
    spine.group = group;
    const style = group < 0 ? null : groupStyle(group);
    spine.li.style.borderColor = style ? style.color : '';
    const mark = spine.li.firstChild;
    mark.className = style ? `spine-mark shape-${style.shape}` : 'spine-mark';
    mark.style.backgroundColor = style ? style.color : '';
  }

  /**
   * @param {object} v
   *   words, labels (shelf of each), fit (cosine to its shelf's centre), order (shelves), names,
   *   sizes; colourOf(i): the group whose colour and shape word i wears (its shelf, or its topic
   *   when revealed; < 0 none); probe: a word; neighbours: a Set of words.
   */
  function update({ words, labels, fit, order, names, sizes, colourOf, probe = null, neighbours = new Set(), shelfTitle }) {

    // Books of each shelf: its most central ones, shown in a steady order (that of `words`), so
    // that only books that change shelf move in the page (each move costs the browser a layout).
    const byShelf = new Map(Array.from(order, (shelf) => [shelf, []]));
    for (let i = 0; i < words.length; i += 1) byShelf.get(labels[i])?.push(i);
    const shown = new Map();
    for (const [shelf, books] of byShelf) {
      const central = books.length > MAX_SPINES ? [...books].sort((a, b) => fit[b] - fit[a]).slice(0, MAX_SPINES) : books;
      shown.set(shelf, central.sort((a, b) => a - b));
    }

    const moved = [];
    const present = new Set();
    for (const books of shown.values()) for (const i of books) present.add(words[i]);
    for (const [word, spine] of spines) {
      if (!present.has(word)) {
        spine.li.remove();
        spines.delete(word);
      }
    }
    const rowElements = [];
    for (const [position, shelf] of Array.from(order).entries()) {
      const row = rowFor(shelf);
      setText(row.name, shelfTitle ? shelfTitle(shelf, position) : names[shelf]);
      setText(row.count, ` · ${format.int(sizes[shelf])} book${sizes[shelf] === 1 ? '' : 's'}`);
      const books = byShelf.get(shelf);
      const items = shown.get(shelf).map((i) => {
        const spine = spineFor(words[i]);
        if (spine.shelf !== null && spine.shelf !== shelf) moved.push(spine.li);
        spine.shelf = shelf;
        setGroup(spine, colourOf(i));
        const isProbe = words[i] === probe;
        const isNeighbour = neighbours.has(words[i]);
        if (spine.probe !== isProbe) spine.li.classList.toggle('probe', (spine.probe = isProbe));
        if (spine.neighbour !== isNeighbour) spine.li.classList.toggle('neighbour', (spine.neighbour = isNeighbour));
        return spine.li;
      });
      if (books.length > MAX_SPINES) {
        row.more ??= h('li', { class: 'spine-more' });
        setText(row.more, `+ ${format.int(books.length - MAX_SPINES)} more`);
        items.push(row.more);
      }
      if (!sameList(items, row.items)) {
        row.items = items;
        pending.add(row);
      }
      // The shelves' order changes as training goes: CSS order moves the rows without taking them
      // out of the page (re-inserting rows restyled and laid out the whole bookcase); assistive
      // technology hears each shelf's place from aria-posinset.
      const place = String(position + 1);
      if (row.li.getAttribute('aria-posinset') !== place) {
        row.li.style.order = place;
        row.li.setAttribute('aria-posinset', place);
      }
      if (row.li.getAttribute('aria-setsize') !== String(order.length)) row.li.setAttribute('aria-setsize', String(order.length));
      rowElements.push(row.li);
    }
    scheduleRows();
    for (const [shelf, row] of rows) if (!byShelf.has(shelf)) rows.delete(shelf);
    const current = new Set(rowElements);
    for (const li of [...shelvesList.children]) if (!current.has(li)) li.remove();
    for (const li of rowElements) if (li.parentNode !== shelvesList) shelvesList.append(li);
    element.dataset.shelves = String(order.length);
    element.dataset.moved = String(moved.length);

    // A book that changed shelf is outlined for a moment; a few drop onto their shelf (an animation
    // each, so not the hundreds that move early in training). No layout is read here: measuring
    // 300 spines per update stalled the page.
    const drop = moved.length <= MAX_DROPS;
    for (const li of moved) {
      li.classList.remove('moved', 'dropping');
      li.classList.add('moved');
      if (drop) li.classList.add('dropping');
    }
    clearTimeout(movedTimer);
    movedTimer = setTimeout(() => {
      for (const spine of spines.values()) spine.li.classList.remove('moved', 'dropping');
    }, moved.length ? MOVED_MS : 0);
  }

  return {
    element,
    update,
    destroy() {
      clearTimeout(movedTimer);
      cancelAnimationFrame(rowsFrame);
    },
  };
}
