// Lesson 4: clusters. Spherical k-means (in the engine) groups the most frequent words by their
// vectors alone and colours the map of the library with the groups. Four categories of words
// nobody told the engine about (countries, animals, actions, emotions) are then laid over the
// clusters, and two numbers say how well the unlabelled clusters separate them.
import { boolParam, choiceParam, intParam } from '../state.js';
import { groupStyle, groupSwatch } from '../ui/groups.js';
import { wordMap } from '../ui/word-map.js';

export const id = 'clusters';
export const title = 'Clusters';
export const summary =
  'Nobody told the engine that Egypt is a country or that a horse is an animal. k-means sorts the words into k groups by their vectors alone; ' +
  'laying a few labelled words over the groups shows what the training found without any labels.';
export const params = {
  clusters: intParam(8, 2, 20),
  clusterWords: choiceParam('2000', ['1000', '2000', '5000']),
  clusterSeed: intParam(1, 0, 9999),
  categories: boolParam(true),
};
export const settings = ['view'];

/**
 * The seed's four categories, as plain word lists. Only the words that the loaded vectors know
 * and that are among the clustered (most frequent) words count; the lesson says which are left out.
 */
export const CATEGORIES = [
  {
    id: 'countries', name: 'countries', singular: 'country', tag: 'C',
    words: ['egypt', 'israel', 'france', 'spain', 'italy', 'greece', 'germany', 'china', 'india', 'persia', 'england', 'ireland', 'russia', 'japan', 'mexico', 'canada', 'scotland', 'babylon', 'assyria', 'syria'],
  },
  {
    id: 'animals', name: 'animals', singular: 'animal', tag: 'A',
    words: ['dog', 'cat', 'horse', 'lion', 'sheep', 'cattle', 'bird', 'fish', 'wolf', 'bear', 'ox', 'goat', 'camel', 'eagle', 'snake', 'fox', 'deer', 'mouse', 'lamb', 'cow'],
  },
  {
    id: 'actions', name: 'actions', singular: 'action', tag: 'V',
    words: ['run', 'walk', 'eat', 'speak', 'write', 'build', 'fight', 'sing', 'drink', 'sleep', 'throw', 'carry', 'dance', 'read', 'kill', 'buy', 'sell', 'wash', 'climb', 'swim'],
  },
  {
    id: 'emotions', name: 'emotions', singular: 'emotion', tag: 'E',
    words: ['love', 'fear', 'anger', 'joy', 'sorrow', 'hate', 'grief', 'shame', 'pride', 'jealousy', 'envy', 'happiness', 'sadness', 'anxiety', 'delight', 'despair', 'wrath', 'hope', 'pity', 'rage'],
  },
];

/** Words named per cluster in the legend. */
const CENTRAL_WORDS = 6;
/** While training runs, the clusters follow the vectors at most this often. */
const LIVE_INTERVAL_MS = 3000;

const choose2 = (n) => (n * (n - 1)) / 2;

/**
 * How well clusters separate labelled items. `truth` and `found` are parallel arrays of labels.
 * Purity: the share of items in a cluster whose majority label is their own. Adjusted Rand index:
 * agreement on all pairs (same group or not), corrected for chance: 0 for random, 1 for perfect.
 */
export function separation(truth, found) {
  const n = truth.length;
  const table = new Map(); // `${t}|${f}` -> count
  const rows = new Map();
  const columns = new Map();
  for (let i = 0; i < n; i += 1) {
    const key = `${truth[i]}|${found[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(truth[i], (rows.get(truth[i]) ?? 0) + 1);
    columns.set(found[i], (columns.get(found[i]) ?? 0) + 1);
  }
  const majority = new Map();
  for (const [key, count] of table) {
    const column = key.slice(key.indexOf('|') + 1);
    majority.set(column, Math.max(majority.get(column) ?? 0, count));
  }
  const purity = n ? [...majority.values()].reduce((a, b) => a + b, 0) / n : NaN;
  const index = [...table.values()].reduce((a, c) => a + choose2(c), 0);
  const sumRows = [...rows.values()].reduce((a, c) => a + choose2(c), 0);
  const sumColumns = [...columns.values()].reduce((a, c) => a + choose2(c), 0);
  const expected = n > 1 ? (sumRows * sumColumns) / choose2(n) : 0;
  const best = (sumRows + sumColumns) / 2;
  const ari = best === expected ? (index === expected ? 1 : 0) : (index - expected) / (best - expected);
  return { purity, ari, n };
}

export function mount(container, context) {
  const { engine, store, ui, checkWord } = context;
  const { h, fill, format } = ui;

  // ---- controls
  const kId = 'clusters-k';
  const kInput = h('input', { id: kId, type: 'range', min: 2, max: 20, step: 1, value: String(store.get().clusters), 'aria-describedby': `${kId}-out` });
  const kOut = h('output', { id: `${kId}-out`, for: kId, class: 'range-value' }, String(store.get().clusters));
  kInput.addEventListener('input', () => {
    kOut.textContent = kInput.value;
    store.set({ clusters: Number(kInput.value) });
  });
  const wordsId = 'clusters-words';
  const wordsSelect = h('select', { id: wordsId, onchange: () => store.set({ clusterWords: wordsSelect.value }) },
    ['1000', '2000', '5000'].map((n) => h('option', { value: n, selected: store.get().clusterWords === n }, `the ${format.int(Number(n))} most frequent`)));
  const seedId = 'clusters-seed';
  const seedInput = h('input', { id: seedId, type: 'number', min: 0, max: 9999, step: 1, value: String(store.get().clusterSeed) });
  seedInput.addEventListener('change', () => {
    const value = Number(seedInput.value);
    const ok = seedInput.value !== '' && Number.isInteger(value) && value >= 0 && value <= 9999;
    seedInput.setAttribute('aria-invalid', ok ? 'false' : 'true');
    if (ok) store.set({ clusterSeed: value });
  });
  const rerollButton = h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ clusterSeed: (store.get().clusterSeed + 1) % 10000 }) }, 'Other start');
  const categoriesId = 'clusters-categories';
  const categoriesBox = h('input', { id: categoriesId, type: 'checkbox', checked: store.get().categories, onchange: () => store.set({ categories: categoriesBox.checked }) });
  const viewChoice = h(
    'fieldset',
    { class: 'view-choice' },
    h('legend', null, 'Show the clusters as'),
    ['map', 'table'].map((view) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'clusters-view', value: view, checked: store.get().view === view, onchange: () => store.set({ view }) }),
        view === 'map' ? 'a map' : 'a table')),
  );

  // ---- map, legend, table
  const map = wordMap({ label: 'Map of the most frequent words, coloured by cluster', height: null, className: 'cluster-map', frequentLabels: false });
  const status = h('p', { class: 'hint', role: 'status', 'data-role': 'cluster-status' });
  const legendList = h('ol', { class: 'cluster-legend', 'aria-label': 'Clusters' });
  const tableBox = h('div', { class: 'word-table-wrap cluster-table', hidden: true });
  const keyText = h('p', { class: 'hint' },
    'Each cluster has a colour, a shape (● ■ ▲ ◆ ✚, repeating) and a number, drawn in a white badge at its middle. ',
    'Category words are drawn larger with a dark outline and labelled with a letter: C country, A animal, V action (a verb), E emotion. ',
    'Hover a dot to name it; pick a cluster in the list to bring it forward.');

  // ---- categories
  const scores = h('div', { class: 'cluster-scores', 'aria-live': 'polite' });
  const categoryBox = h('div', { class: 'category-results' });

  container.append(
    h('section', { class: 'panel', 'aria-label': 'Clustering' },
      h('div', { class: 'cluster-controls' },
        h('div', { class: 'field range-field' }, h('label', { for: kId }, 'Number of clusters (k)'), h('div', { class: 'row' }, kInput, kOut)),
        h('div', { class: 'field' }, h('label', { for: wordsId }, 'Words to cluster'), wordsSelect),
        h('div', { class: 'field' }, h('label', { for: seedId }, 'Random start (seed)'), h('div', { class: 'row' }, seedInput, rerollButton)),
        h('div', { class: 'field checkbox-field' }, h('span', { class: 'field-label', 'aria-hidden': 'true' }, 'Categories'),
          h('label', { class: 'choice' }, categoriesBox, 'Show the category words'))),
      h('p', { class: 'hint' },
        'k-means puts k centres among the word vectors, gives every word to its nearest centre (by cosine), moves each centre to the middle of its words, and repeats until nothing changes. ',
        'Different random starts can end in different clusters.'),
      viewChoice,
      status,
      h('div', { class: 'cluster-layout' },
        h('div', { class: 'cluster-main' }, map.element, tableBox, keyText),
        h('div', { class: 'cluster-side' }, h('h3', null, 'The clusters'), legendList))),
    h('section', { class: 'panel', 'aria-label': 'Categories' },
      h('h3', null, 'What emerged without labels'),
      h('p', { class: 'hint' },
        'Four lists of words we know the category of: countries, animals, actions and emotions. The engine never saw these labels. ',
        'If training put each category in a region of its own, k-means finds it, and each category sits mostly in one cluster.'),
      scores,
      h('p', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ clusters: CATEGORIES.length }) }, `Try k = ${CATEGORIES.length}, one cluster per category`),
        h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ clusterWords: '5000' }) }, 'Cluster 5,000 words, so more category words count')),
      categoryBox),
  );

  // ---- state
  let ticket = 0;
  let shown = null; // { words, labels, k, ... } of the clustering on show
  let pressed = null; // the cluster picked in the legend
  let disposed = false;
  let categoryMarks = [];
  const vectorCache = { key: null, vectors: new Map() };

  function applyView() {
    const table = store.get().view === 'table';
    map.element.hidden = table;
    keyText.hidden = table;
    tableBox.hidden = !table;
  }
  applyView();

  async function vectorsOf(words, key) {
    if (vectorCache.key !== key) {
      vectorCache.key = key;
      vectorCache.vectors = new Map();
    }
    const missing = words.filter((word) => !vectorCache.vectors.has(word));
    const found = await Promise.all(missing.map((word) => engine.vector({ word }).then((r) => r.vector, () => null)));
    missing.forEach((word, i) => vectorCache.vectors.set(word, found[i]));
    return words.map((word) => vectorCache.vectors.get(word));
  }

  /** Per cluster, the words closest (cosine) to the cluster's mean direction. */
  function centralWords(words, labels, k, vectors) {
    const dim = vectors.find(Boolean)?.length ?? 0;
    const centres = Array.from({ length: k }, () => new Float64Array(dim));
    const unit = vectors.map((v) => {
      if (!v) return null;
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm) || 1;
      return Float32Array.from(v, (x) => x / norm);
    });
    unit.forEach((u, i) => {
      if (u) for (let d = 0; d < dim; d += 1) centres[labels[i]][d] += u[d];
    });
    const ranked = Array.from({ length: k }, () => []);
    unit.forEach((u, i) => {
      if (!u) return;
      const centre = centres[labels[i]];
      let dot = 0;
      let norm = 0;
      for (let d = 0; d < dim; d += 1) {
        dot += u[d] * centre[d];
        norm += centre[d] * centre[d];
      }
      ranked[labels[i]].push([dot / (Math.sqrt(norm) || 1), words[i]]);
    });
    return ranked.map((list) => list.sort((a, b) => b[0] - a[0]).slice(0, CENTRAL_WORDS).map(([, word]) => word));
  }

  async function refresh() {
    const run = ++ticket;
    const state = store.get();
    const k = state.clusters;
    const limit = Number(state.clusterWords);
    status.textContent = `Clustering the ${format.int(limit)} most frequent words into ${k} clusters…`;
    let projection;
    let clustering;
    try {
      [projection, clustering] = await Promise.all([
        engine.project({ limit, components: 2, align: true }),
        engine.cluster({ k, limit, seed: state.clusterSeed }),
      ]);
    } catch (error) {
      if (run !== ticket || disposed) return;
      status.textContent = `⚠ ${error.code === 'no-model' ? 'There are no vectors yet: load some, or train on the library shelves.' : error.message}`;
      return;
    }
    if (run !== ticket || disposed) return;
    const labelOf = new Map();
    clustering.ids.forEach((wordId, i) => labelOf.set(wordId, clustering.labels[i]));
    const words = projection.words;
    const labels = Int32Array.from(projection.ids, (wordId) => labelOf.get(wordId) ?? 0);
    const sizes = new Array(k).fill(0);
    for (const label of labels) sizes[label] += 1;

    const index = new Map(words.map((word, i) => [word, i]));
    const categoryOf = new Map();
    const marks = [];
    for (const category of CATEGORIES) {
      for (const word of category.words) {
        if (!index.has(word)) continue;
        categoryOf.set(index.get(word), category);
        marks.push([index.get(word), 'member', category.tag]);
      }
    }
    map.setGroups(labels, { badges: true, count: k });
    map.setData(words, projection.points, {
      duration: 0,
      description: `Map of the ${format.int(words.length)} most frequent words in ${k} clusters (colour, shape and number). The list beside the map and the table view name each cluster's words.`,
      tooltip: (i) => `${words[i]} · cluster ${labels[i] + 1}${categoryOf.has(i) ? ` · ${categoryOf.get(i).singular}` : ''}`,
    });
    map.setMarks(state.categories ? marks : []);
    categoryMarks = marks;
    if (pressed !== null && pressed >= k) pressed = null;
    map.setHighlight(pressed);
    status.textContent =
      `${format.int(words.length)} words in ${k} clusters (k-means, seed ${state.clusterSeed}); ` +
      `sizes from ${Math.min(...sizes)} to ${Math.max(...sizes)} words.`;
    shown = { words, labels, k, sizes, central: null };
    delete legendList.dataset.central;
    renderLegend();
    renderTable();
    await renderCategories(run, words, labels, index, limit);

    // The legend names each cluster by its most central words: that needs the vectors.
    const key = `${state.modelVersion}|${limit}`;
    const vectors = await vectorsOf(words, key);
    if (run !== ticket || disposed) return;
    shown.central = centralWords(words, labels, k, vectors);
    legendList.dataset.central = 'true';
    renderLegend();
    renderTable();
  }

  function renderLegend() {
    if (!shown) return;
    const { k, sizes, central, words, labels } = shown;
    fill(legendList, Array.from({ length: k }, (_, c) => {
      const names = central?.[c] ?? firstWords(words, labels, c, CENTRAL_WORDS);
      const button = h('button', {
        type: 'button',
        class: 'cluster-button',
        'aria-pressed': pressed === c ? 'true' : 'false',
        'data-cluster': String(c + 1),
        onclick: () => {
          pressed = pressed === c ? null : c;
          map.setHighlight(pressed);
          for (const other of legendList.querySelectorAll('button')) other.setAttribute('aria-pressed', other === button && pressed === c ? 'true' : 'false');
        },
        onfocus: () => map.setHighlight(c),
        onblur: () => map.setHighlight(pressed),
        onmouseenter: () => map.setHighlight(c),
        onmouseleave: () => map.setHighlight(pressed),
      },
      groupSwatch(c),
      h('span', { class: 'cluster-name' }, `Cluster ${c + 1}`),
      h('span', { class: 'cluster-size' }, ` · ${sizes[c]} words · ${groupStyle(c).shape}`),
      h('span', { class: 'cluster-words' }, names.join(', ')));
      return h('li', null, button);
    }));
  }

  function renderTable() {
    if (!shown) return;
    const { k, sizes, central, words, labels } = shown;
    const table = h('table', null,
      h('caption', { class: 'hint' }, `The ${k} clusters: their size, most central words, and all their words (most frequent first).`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Cluster'), h('th', { scope: 'col' }, 'Shape'), h('th', { scope: 'col' }, 'Words'),
        h('th', { scope: 'col' }, 'Most central'), h('th', { scope: 'col' }, 'All its words'))),
      h('tbody', null, Array.from({ length: k }, (_, c) => {
        const members = words.filter((_, i) => labels[i] === c);
        return h('tr', { 'data-cluster': String(c + 1) },
          h('th', { scope: 'row' }, String(c + 1)),
          h('td', null, groupSwatch(c), ' ', groupStyle(c).shape),
          h('td', null, String(sizes[c])),
          h('td', null, (central?.[c] ?? firstWords(words, labels, c, CENTRAL_WORDS)).join(', ')),
          h('td', null, h('details', null, h('summary', null, `${members.length} words`), h('p', { class: 'cluster-members' }, members.join(', ')))));
      })));
    fill(tableBox, table);
  }

  async function renderCategories(run, words, labels, index, limit) {
    const truth = [];
    const found = [];
    const rows = [];
    for (const category of CATEGORIES) {
      const inMap = category.words.filter((word) => index.has(word));
      const outside = category.words.filter((word) => !index.has(word));
      // Words off the map: rarer than the limit, or not in these vectors at all (asked of the engine).
      const problems = await Promise.all(outside.map((word) => checkWord(word).catch(() => 'unknown')));
      if (run !== ticket || disposed) return;
      const rare = outside.filter((_, i) => !problems[i]);
      const unknown = outside.filter((_, i) => problems[i]);
      for (const word of inMap) {
        truth.push(category.id);
        found.push(labels[index.get(word)]);
      }
      rows.push({ category, inMap, rare, unknown });
    }
    const k = shown.k;
    const { purity, ari, n } = separation(truth, found);
    fill(scores,
      h('p', { class: 'big-numbers' },
        h('span', null, 'purity ', h('strong', { 'data-fact': 'purity' }, Number.isFinite(purity) ? purity.toFixed(2) : '–')),
        h('span', null, 'adjusted Rand index ', h('strong', { 'data-fact': 'ari' }, Number.isFinite(ari) && n > 1 ? ari.toFixed(2) : '–'))),
      h('p', { class: 'sentence' },
        `Over the ${n} category words among the clustered words: purity is the share of them that sit in a cluster where their own category is the majority (it rises with k by itself); ` +
        'the adjusted Rand index asks, for every pair of them, whether the clusters keep together exactly the pairs of the same category, and is 0 for a random assignment and 1 for a perfect one.'),
      h('p', { class: 'sentence' }, verdict(ari, n)));

    const usedClusters = [...new Set(found)].sort((a, b) => a - b);
    const cell = (category, c) => rows.find((r) => r.category === category).inMap.filter((word) => labels[index.get(word)] === c);
    const contingency = h('table', { class: 'contingency' },
      h('caption', { class: 'hint' }, 'How many words of each category fall in each cluster (only clusters that hold any).'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Category'),
        usedClusters.map((c) => h('th', { scope: 'col' }, groupSwatch(c, 12), ` ${c + 1}`)))),
      h('tbody', null, rows.map(({ category }) => h('tr', null,
        h('th', { scope: 'row' }, `${category.name} (${category.tag})`),
        usedClusters.map((c) => {
          const inCell = cell(category, c);
          return h('td', { title: inCell.join(', '), class: inCell.length ? 'count' : 'count zero' }, inCell.length ? String(inCell.length) : '·');
        })))));
    fill(categoryBox,
      h('div', { class: 'word-table-wrap contingency-wrap' }, contingency),
      h('ul', { class: 'category-list' }, rows.map(({ category, inMap, rare, unknown }) => h('li', { 'data-category': category.id },
        h('strong', null, `${category.name} (${category.tag}): `),
        inMap.length
          ? inMap.map((word, i) => [i ? ', ' : '', h('span', { class: 'word' }, word), h('span', { class: 'cluster-ref' }, ` ${labels[index.get(word)] + 1}`)])
          : 'none among the clustered words',
        rare.length ? h('span', { class: 'hint' }, ` — rarer than the ${format.int(limit)} most frequent, not clustered: ${rare.join(', ')}`) : null,
        unknown.length ? h('span', { class: 'hint' }, ` — not in these vectors: ${unknown.join(', ')}`) : null))),
      h('p', { class: 'hint' }, `Each word is followed by the number of its cluster. With k = ${k}, ${usedClusters.length} clusters hold category words.`));
  }

  function verdict(ari, n) {
    if (n < 2 || !Number.isFinite(ari)) return 'Too few category words are among the clustered words to measure anything: cluster more words.';
    if (ari >= 0.6) return 'The categories separate well: most words of a category share a cluster, and few clusters mix categories. Training found them with no labels at all.';
    if (ari >= 0.3) return 'The categories separate in part: each tends to gather in a cluster or two, with some mixing. Try other values of k.';
    if (ari >= 0.1) return 'The categories separate only a little: the clusters follow other distinctions the corpus makes (more often than not, how words are used in sentences).';
    return 'The clusters do not follow these categories: they cut the vocabulary along other lines.';
  }

  const live = ui.throttled(() => refresh(), LIVE_INTERVAL_MS);
  // Settings can change from outside the controls too (Back, the embedding page's shelf:set).
  const unsubscribe = store.subscribe((state, changed) => {
    if (changed.has('clusters')) {
      kInput.value = String(state.clusters);
      kOut.textContent = String(state.clusters);
    }
    if (changed.has('clusterWords')) wordsSelect.value = state.clusterWords;
    if (changed.has('clusterSeed')) {
      if (Number(seedInput.value) !== state.clusterSeed) seedInput.value = String(state.clusterSeed);
      seedInput.setAttribute('aria-invalid', 'false');
    }
    if (changed.has('categories')) categoriesBox.checked = state.categories;
    if (changed.has('view')) {
      for (const radio of viewChoice.querySelectorAll('input')) radio.checked = radio.value === state.view;
      applyView();
    }
    if (['clusters', 'clusterWords', 'clusterSeed'].some((key) => changed.has(key))) refresh();
    else if (changed.has('categories')) map.setMarks(state.categories ? categoryMarks : []);
  });
  const unsubscribeVectors = context.onVectors(() => (shown ? live() : refresh()));

  return {
    unmount() {
      disposed = true;
      ticket += 1;
      live.cancel();
      unsubscribe();
      unsubscribeVectors();
      map.destroy();
    },
  };
}

function firstWords(words, labels, cluster, count) {
  const out = [];
  for (let i = 0; i < words.length && out.length < count; i += 1) if (labels[i] === cluster) out.push(words[i]);
  return out;
}
