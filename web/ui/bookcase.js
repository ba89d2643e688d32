// The shelves as a bookcase: one row per shelf, in the engine's 1-D order (neighbouring shelves
// hold neighbouring topics), each holding its books as spines, the most central book first. A
// shelf's colour AND shape mark its row and its spines (never colour alone); the row is named by
// its most representative words. When the shelves change between checkpoints, each spine glides
// from where it stood to its new place (FLIP: measure, move, play the difference as a transform),
// and books that changed shelf are outlined for a moment; with reduced motion they jump.
//
//   const bookcase = bookcaseView({ label: 'The bookcase' });
//   bookcase.update({ words, labels, fit, order, names, sizes, colourOf, probe, neighbours });
import { format, h, prefersReducedMotion } from './dom.js';
import { groupStyle, groupSwatch } from './groups.js';

/** How long a spine takes to glide to its new place, and how long a moved book stays outlined. */
const GLIDE_MS = 650;
const MOVED_MS = 1400;

export function bookcaseView({ label = 'The bookcase' } = {}) {
  const shelvesList = h('ol', { class: 'bookcase-shelves' });
  const element = h('div', { class: 'bookcase', role: 'group', 'aria-label': label }, shelvesList);
  const spines = new Map(); // word -> { li, swatch, group, shelf }
  const rows = new Map(); // shelf -> { li, name, count, books, swatch }
  let movedTimer = 0;

  function rowFor(shelf) {
    let row = rows.get(shelf);
    if (!row) {
      const name = h('span', { class: 'shelf-name' });
      const count = h('span', { class: 'shelf-count' });
      const books = h('ul', { class: 'shelf-books' });
      const heading = h('p', { class: 'shelf-label' }, h('span', { class: 'shelf-swatch' }), name, count);
      row = { li: h('li', { class: 'bookcase-shelf' }, heading, books), heading, name, count, books };
      rows.set(shelf, row);
    }
    return row;
  }

  function spineFor(word) {
    let spine = spines.get(word);
    if (!spine) {
      const li = h('li', { class: 'spine entering' }, h('span', { class: 'spine-mark' }), h('span', { class: 'spine-title' }, word));
      spine = { li, group: null, shelf: null };
      spines.set(word, spine);
    }
    return spine;
  }

  function setGroup(spine, group) {
    if (spine.group === group) return;
    spine.group = group;
    spine.li.style.borderColor = group < 0 ? '' : groupStyle(group).color;
    spine.li.firstChild.replaceChildren(group < 0 ? '' : groupSwatch(group, 10));
  }

  /**
   * @param {object} v
   *   words, labels (shelf of each), fit (cosine to its shelf's centre), order (shelves), names,
   *   sizes; colourOf(i): the group whose colour and shape word i wears (its shelf, or its topic
   *   when revealed; < 0 none); probe: a word; neighbours: a Set of words.
   */
  function update({ words, labels, fit, order, names, sizes, colourOf, probe = null, neighbours = new Set(), shelfTitle }) {
    const animate = !prefersReducedMotion() && spines.size > 0;
    const before = new Map();
    if (animate) for (const [word, spine] of spines) if (spine.li.isConnected) before.set(word, spine.li.getBoundingClientRect());

    // Books of each shelf, the most central first.
    const byShelf = new Map(Array.from(order, (shelf) => [shelf, []]));
    for (let i = 0; i < words.length; i += 1) byShelf.get(labels[i])?.push(i);
    for (const books of byShelf.values()) books.sort((a, b) => fit[b] - fit[a]);

    const moved = [];
    const present = new Set(words);
    for (const [word, spine] of spines) {
      if (!present.has(word)) {
        spine.li.remove();
        spines.delete(word);
      }
    }
    const rowElements = [];
    for (const [position, shelf] of Array.from(order).entries()) {
      const row = rowFor(shelf);
      const swatch = row.heading.firstChild;
      swatch.replaceChildren(groupSwatch(shelf, 14));
      row.li.style.borderLeftColor = groupStyle(shelf).color;
      row.name.textContent = shelfTitle ? shelfTitle(shelf, position) : names[shelf];
      row.count.textContent = ` · ${format.int(sizes[shelf])} book${sizes[shelf] === 1 ? '' : 's'}`;
      row.li.dataset.shelf = String(shelf);
      const items = byShelf.get(shelf).map((i) => {
        const spine = spineFor(words[i]);
        if (spine.shelf !== null && spine.shelf !== shelf) moved.push(spine.li);
        spine.shelf = shelf;
        setGroup(spine, colourOf(i));
        spine.li.classList.toggle('probe', words[i] === probe);
        spine.li.classList.toggle('neighbour', neighbours.has(words[i]));
        return spine.li;
      });
      row.books.replaceChildren(...items);
      rowElements.push(row.li);
    }
    for (const [shelf, row] of rows) if (!byShelf.has(shelf)) rows.delete(shelf);
    shelvesList.replaceChildren(...rowElements);
    element.dataset.shelves = String(order.length);
    element.dataset.moved = String(moved.length);

    if (animate) {
      for (const [word, spine] of spines) {
        const old = before.get(word);
        if (!old) continue;
        const now = spine.li.getBoundingClientRect();
        const dx = old.left - now.left;
        const dy = old.top - now.top;
        if (Math.abs(dx) < 1 && Math.abs(dy) < 1) continue;
        spine.li.style.transition = 'none';
        spine.li.style.transform = `translate(${dx}px, ${dy}px)`;
      }
      void shelvesList.offsetWidth; // the inverted positions take effect before the glide starts
      requestAnimationFrame(() => {
        for (const spine of spines.values()) {
          if (!spine.li.style.transform) continue;
          spine.li.style.transition = `transform ${GLIDE_MS}ms ease-in-out`;
          spine.li.style.transform = '';
        }
      });
    }
    for (const li of moved) li.classList.add('moved');
    clearTimeout(movedTimer);
    movedTimer = setTimeout(() => {
      for (const spine of spines.values()) spine.li.classList.remove('moved', 'entering');
    }, moved.length ? MOVED_MS : 0);
  }

  return {
    element,
    update,
    destroy() {
      clearTimeout(movedTimer);
    },
  };
}
