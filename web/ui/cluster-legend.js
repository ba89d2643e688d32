// The clusters named in words, beside the map and instead of it: a legend of buttons (colour,
// shape, size and the engine's representative words of each cluster; pressing one brings its
// cluster forward on the map) and the table view (every cluster's words, most frequent first).
import { h, fill } from './dom.js';
import { groupStyle, groupSwatch } from './groups.js';

/**
 * @param {HTMLElement} list an <ol>
 * @param {{ reply: object, pressed: number|null, onPress(c): void, onPreview(c: number|null): void }} options
 *   reply: a clusterWords reply (k, sizes, representatives)
 */
export function renderLegend(list, { reply, pressed, onPress, onPreview }) {
  fill(list, Array.from({ length: reply.k }, (_, c) =>
    h('li', null, h('button', {
      type: 'button',
      class: 'cluster-button',
      'aria-pressed': pressed === c ? 'true' : 'false',
      'data-cluster': String(c + 1),
      onclick: () => onPress(c),
      onfocus: () => onPreview(c),
      onblur: () => onPreview(null),
      onmouseenter: () => onPreview(c),
      onmouseleave: () => onPreview(null),
    },
    groupSwatch(c),
    h('span', { class: 'cluster-name' }, `Cluster ${c + 1}`),
    h('span', { class: 'cluster-size' }, ` · ${reply.sizes[c]} words · ${groupStyle(c).shape}`),
    h('span', { class: 'cluster-words' }, (reply.representatives[c] ?? []).join(', '))))));
}

/** The table view: each cluster, its size, its representative words and all its words. */
export function renderClusterTable(box, { reply }) {
  const members = Array.from({ length: reply.k }, () => []);
  reply.words.forEach((word, i) => members[reply.labels[i]]?.push(word));
  fill(box, h('table', null,
    h('caption', { class: 'hint' }, `The ${reply.k} clusters: their size, the words nearest their centre, and all their words (in the order clustered).`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Cluster'), h('th', { scope: 'col' }, 'Shape'), h('th', { scope: 'col' }, 'Words'),
      h('th', { scope: 'col' }, 'Nearest its centre'), h('th', { scope: 'col' }, 'All its words'))),
    h('tbody', null, members.map((words, c) => h('tr', { 'data-cluster': String(c + 1) },
      h('th', { scope: 'row' }, String(c + 1)),
      h('td', null, groupSwatch(c), ' ', groupStyle(c).shape),
      h('td', null, String(reply.sizes[c])),
      h('td', null, (reply.representatives[c] ?? []).join(', ')),
      h('td', null, h('details', null, h('summary', null, `${words.length} words`), h('p', { class: 'cluster-members' }, words.join(', ')))))))));
}
