// How well clusters agree with labelled words, as the clusters lesson shows it: the purity and
// adjusted Rand index the engine computed (clusterWords with `topics`), a sentence that reads
// them, and a table of how many words of each category fall in each cluster. Counting the table's
// cells is display; the agreement figures themselves come from the engine.
import { h, fill } from './dom.js';
import { groupSwatch } from './groups.js';

/** One sentence reading an adjusted Rand index (0: chance, 1: the categories exactly). */
export function verdict(ari, n) {
  if (n < 2 || !Number.isFinite(ari)) return 'Too few category words are among the clustered words to measure anything.';
  if (ari >= 0.6) return 'The categories separate well: most words of a category share a cluster, and few clusters mix categories. Training found them with no labels at all.';
  if (ari >= 0.3) return 'The categories separate in part: each tends to gather in a cluster or two, with some mixing.';
  if (ari >= 0.1) return 'The categories separate only a little: the clusters follow other distinctions the corpus makes.';
  return 'The clusters do not follow these categories: they cut the words along other lines.';
}

const figure = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/**
 * Fills `box` with the agreement of `reply` (a clusterWords reply made with `topics`) with the
 * `categories` (id, name, tag), where `topicOf[i]` is the category number of reply.words[i] (-1:
 * none). `facts` names the data-fact attributes of the two numbers (tests and embeds read them).
 */
export function renderAgreement(box, { reply, topicOf, categories, facts = { purity: 'purity', ari: 'ari' } }) {
  const n = reply.topicWords ?? 0;
  const used = new Set();
  const cells = categories.map(() => new Map()); // category -> cluster -> words
  reply.words.forEach((word, i) => {
    const topic = topicOf[i];
    if (topic < 0) return;
    const cluster = reply.labels[i];
    used.add(cluster);
    if (!cells[topic].has(cluster)) cells[topic].set(cluster, []);
    cells[topic].get(cluster).push(word);
  });
  const clusters = [...used].sort((a, b) => a - b);
  const clusterName = (c) => (reply.names?.[c] ? `${c + 1}: ${reply.names[c]}` : String(c + 1));
  fill(box,
    h('p', { class: 'big-numbers' },
      h('span', null, 'purity ', h('strong', { 'data-fact': facts.purity }, figure(reply.purity))),
      h('span', null, 'adjusted Rand index ', h('strong', { 'data-fact': facts.ari }, figure(reply.adjustedRand)))),
    h('p', { class: 'sentence' }, `Over ${n} category words. ${verdict(reply.adjustedRand, n)}`),
    h('div', { class: 'word-table-wrap contingency-wrap' },
      h('table', { class: 'contingency' },
        h('caption', { class: 'hint' }, 'How many words of each category fall in each cluster (only clusters that hold any; hover a number for its words).'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Category'),
          clusters.map((c) => h('th', { scope: 'col', title: clusterName(c) }, groupSwatch(c, 12), ` ${c + 1}`)))),
        h('tbody', null, categories.map((category, t) => h('tr', { 'data-category': category.id },
          h('th', { scope: 'row' }, `${category.name} (${category.tag})`),
          clusters.map((c) => {
            const words = cells[t].get(c) ?? [];
            return h('td', { title: words.join(', '), class: words.length ? 'count' : 'count zero' }, words.length ? String(words.length) : '·');
          })))))));
}

/**
 * The category words with the number of the cluster each fell in, and those left out (not in
 * these vectors, or not among the clustered words).
 */
export function renderCategoryWords(box, { reply, topicOf, categories, missing = [], outside = [] }) {
  const inCategory = categories.map(() => []);
  reply.words.forEach((word, i) => {
    if (topicOf[i] >= 0) inCategory[topicOf[i]].push([word, reply.labels[i]]);
  });
  fill(box, h('ul', { class: 'category-list' }, categories.map((category, t) => {
    const gone = missing.filter((word) => category.words.includes(word));
    const rare = outside.filter((word) => category.words.includes(word));
    return h('li', { 'data-category': category.id },
      h('strong', null, `${category.name} (${category.tag}): `),
      inCategory[t].length
        ? inCategory[t].map(([word, c], i) => [i ? ', ' : '', h('span', { class: 'word' }, word), h('span', { class: 'cluster-ref' }, ` ${c + 1}`)])
        : 'none among the clustered words',
      rare.length ? h('span', { class: 'hint' }, ` — not among the clustered words: ${rare.join(', ')}`) : null,
      gone.length ? h('span', { class: 'hint' }, ` — not in these vectors: ${gone.join(', ')}`) : null);
  })));
}
