// Lesson 4: clusters. First the seed's claim on its own terms: four categories of words
// (countries, animals, actions, emotions), clustered alone with k = 4, and how well the clusters
// recover the categories nobody told the engine about (purity, adjusted Rand index). Then the
// honest harder case: the most frequent words of the whole vocabulary, where the same categories
// separate less. Each clustering is one clusterWords request to the engine (k-means, the names of
// the clusters, the map's points and the agreement figures); the page only draws.
import categoryData from '../data/categories.json';
import { boolParam, choiceParam, intParam } from '../state.js';
import { clusterPanel } from '../ui/cluster-panel.js';

export const id = 'clusters';
export const title = 'Clusters';
export const summary =
  'Nobody told the engine that Egypt is a country or that a horse is an animal. k-means sorts words into k groups by their vectors alone; ' +
  'comparing the groups with categories we know shows what training found without any labels, and where it did not.';
/** How many of the most frequent words the whole-vocabulary part clusters (20,000: all of the snapshot). */
const WORD_COUNTS = ['1000', '2000', '5000', '20000'];
export const params = {
  clusters: intParam(8, 2, 20),
  clusterWords: choiceParam('2000', WORD_COUNTS),
  clusterSeed: intParam(1, 0, 9999),
  categories: boolParam(true),
};
export const settings = ['view'];

/**
 * The seed's four categories (its own three words first in each), shared with the claims bench
 * and the examples test (web/data/categories.json). Words the loaded vectors do not know are left
 * out, and the lesson says which.
 */
export const CATEGORIES = categoryData.categories;

/** While training runs, the clusters follow the vectors at most this often. */
const LIVE_INTERVAL_MS = 3000;
/** Words named per cluster (the engine's representatives, nearest the centroid first). */
const REPRESENTATIVES = 3;

const topicIndex = new Map(CATEGORIES.flatMap((category, t) => category.words.map((word) => [word, t])));
const topicsOf = (words) => Int32Array.from(words, (word) => topicIndex.get(word) ?? -1);

export function mount(container, context) {
  const { engine, store, ui } = context;
  const { h, format } = ui;

  // ---- controls of the whole-vocabulary part
  const kId = 'clusters-k';
  const kInput = h('input', { id: kId, type: 'range', min: 2, max: 20, step: 1, value: String(store.get().clusters), 'aria-describedby': `${kId}-out` });
  const kOut = h('output', { id: `${kId}-out`, for: kId, class: 'range-value' }, String(store.get().clusters));
  kInput.addEventListener('input', () => {
    kOut.textContent = kInput.value;
    store.set({ clusters: Number(kInput.value) });
  });
  const wordsId = 'clusters-words';
  const wordsSelect = h('select', { id: wordsId, onchange: () => store.set({ clusterWords: wordsSelect.value }) },
    WORD_COUNTS.map((n) => h('option', { value: n, selected: store.get().clusterWords === n },
      n === '20000' ? 'all 20,000 (the whole snapshot)' : `the ${format.int(Number(n))} most frequent`)));
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
  const viewChoice = h('fieldset', { class: 'view-choice' },
    h('legend', null, 'Show the clusters as'),
    ['map', 'table'].map((view) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'clusters-view', value: view, checked: store.get().view === view, onchange: () => store.set({ view }) }),
      view === 'map' ? 'maps' : 'tables')));

  // ---- the two parts
  const alone = clusterPanel({
    mapLabel: 'Map of the category words', mapClass: 'category-map', statusRole: 'category-status',
    facts: { purity: 'purity', ari: 'ari' }, categories: CATEGORIES,
  });
  const whole = clusterPanel({
    mapLabel: 'Map of the most frequent words', mapClass: 'vocabulary-map', statusRole: 'cluster-status',
    facts: { purity: 'purity-all', ari: 'ari-all' }, categories: CATEGORIES, frequentLabels: 'zoomed',
  });

  container.append(
    h('section', { class: 'panel', 'aria-label': 'Settings' },
      h('p', { class: 'hint' },
        'k-means puts k centres among the word vectors, gives every word to its nearest centre (by cosine), moves each centre to the middle of its words, and repeats until nothing changes. ',
        'Different random starts can end in different clusters.'),
      h('div', { class: 'cluster-controls' },
        h('div', { class: 'field' }, h('label', { for: seedId }, 'Random start (seed)'), h('div', { class: 'row' }, seedInput, rerollButton)),
        viewChoice)),
    h('section', { class: 'panel', 'aria-label': 'The four categories alone' },
      h('h3', null, 'The claim: four categories, clustered alone'),
      h('p', { class: 'hint' },
        `The seed says words of a kind end up together. Take ${CATEGORIES.map((c) => `${c.words.length} ${c.name}`).join(', ')} `,
        `(${CATEGORIES.map((c) => c.words.slice(0, 3).join(', ')).join('; ')}…) and ask k-means for k = ${CATEGORIES.length} clusters of just these words. `,
        'The engine never saw the categories: if each lands in a cluster of its own, training found them.'),
      alone.element),
    h('section', { class: 'panel', 'aria-label': 'The whole vocabulary' },
      h('h3', null, 'The harder case: the whole vocabulary'),
      h('p', { class: 'hint' },
        'Now cluster the most frequent words of the vocabulary, with the same category words among them. ',
        'Separation is weaker here, because the category words are a few among thousands: k-means spends its k clusters on the largest differences between all the words ',
        '(names and places of the Bible’s stories, the dictionary’s defining words, little function words), so each category shares a cluster with many other words, or is split across two.'),
      h('div', { class: 'cluster-controls' },
        h('div', { class: 'field range-field' }, h('label', { for: kId }, 'Number of clusters (k)'), h('div', { class: 'row' }, kInput, kOut)),
        h('div', { class: 'field' }, h('label', { for: wordsId }, 'Words to cluster'), wordsSelect),
        h('div', { class: 'field checkbox-field' }, h('span', { class: 'field-label', 'aria-hidden': 'true' }, 'Categories'),
          h('label', { class: 'choice' }, categoriesBox, 'Show the category words'))),
      h('p', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ clusters: CATEGORIES.length }) }, `Try k = ${CATEGORIES.length} here too`)),
      whole.element),
  );

  // ---- requests: one clusterWords each (the vocabulary part asks for its word list first)
  let disposed = false;
  const tickets = { alone: 0, whole: 0 };
  let unknown = []; // category words the loaded vectors do not know
  let wholeMarks = [];

  function problem(part, error) {
    part.status.textContent = `⚠ ${error.code === 'no-model' ? 'There are no vectors yet: load some, or train on the library shelves.' : error.message}`;
  }

  async function refreshAlone() {
    const run = ++tickets.alone;
    const seed = store.get().clusterSeed;
    const words = CATEGORIES.flatMap((category) => category.words);
    alone.status.textContent = `Clustering the ${words.length} category words into ${CATEGORIES.length} clusters…`;
    try {
      const reply = await engine.clusterWords({ words, k: CATEGORIES.length, seed, topics: topicsOf(words), components: 2, representatives: REPRESENTATIVES });
      if (run !== tickets.alone || disposed) return;
      unknown = reply.missing ?? [];
      const topicOf = topicsOf(reply.words);
      alone.show({
        reply, topicOf, missing: unknown,
        marks: reply.words.map((_, i) => [i, 'member', CATEGORIES[topicOf[i]]?.tag]),
        description: `Map of the ${reply.words.length} category words in ${reply.k} clusters (colour, shape and zone). The table view lists them.`,
        tooltip: (i) => `${reply.words[i]} · ${CATEGORIES[topicOf[i]]?.singular ?? ''} · cluster ${reply.labels[i] + 1}`,
      });
      alone.status.textContent = `${reply.words.length} category words in ${reply.k} clusters (k-means, seed ${seed}).` +
        (unknown.length ? ` Not in these vectors, left out: ${unknown.join(', ')}.` : '');
    } catch (error) {
      if (run === tickets.alone && !disposed) problem(alone, error);
    }
  }

  async function refreshWhole() {
    const run = ++tickets.whole;
    const { clusters: k, clusterSeed: seed } = store.get();
    const limit = Number(store.get().clusterWords);
    whole.status.textContent = `Clustering the ${format.int(limit)} most frequent words into ${k} clusters…`;
    try {
      const { words } = await engine.vocabulary({ limit });
      const reply = await engine.clusterWords({ words, k, seed, topics: topicsOf(words), components: 2, representatives: REPRESENTATIVES });
      if (run !== tickets.whole || disposed) return;
      const topicOf = topicsOf(reply.words);
      const present = new Set(reply.words);
      const outside = [...topicIndex.keys()].filter((word) => !present.has(word) && !unknown.includes(word));
      wholeMarks = [];
      topicOf.forEach((t, i) => t >= 0 && wholeMarks.push([i, 'member', CATEGORIES[t].tag]));
      whole.show({
        reply, topicOf, outside, missing: unknown,
        marks: store.get().categories ? wholeMarks : [],
        description: `Map of the ${format.int(reply.words.length)} most frequent words in ${k} clusters (colour, shape and zone). The list beside the map and the table view name each cluster's words.`,
        tooltip: (i) => `${reply.words[i]} · cluster ${reply.labels[i] + 1}${topicOf[i] >= 0 ? ` · ${CATEGORIES[topicOf[i]].singular}` : ''}`,
      });
      const sizes = Array.from(reply.sizes);
      whole.status.textContent = `${format.int(reply.words.length)} words in ${k} clusters (k-means, seed ${seed}); sizes from ${Math.min(...sizes)} to ${Math.max(...sizes)} words.`;
    } catch (error) {
      if (run === tickets.whole && !disposed) problem(whole, error);
    }
  }

  function refresh() {
    refreshAlone().then(() => refreshWhole());
  }

  function applyView(view) {
    alone.setView(view);
    whole.setView(view);
  }
  applyView(store.get().view);

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
      applyView(state.view);
    }
    if (changed.has('clusterSeed')) refresh();
    else if (['clusters', 'clusterWords'].some((key) => changed.has(key))) refreshWhole();
    else if (changed.has('categories')) whole.setMarks(state.categories ? wholeMarks : []);
  });
  // Runs now (the first clustering), then again whenever the vectors change (training, a file).
  let first = true;
  const unsubscribeVectors = context.onVectors(() => {
    if (first) refresh();
    else live();
    first = false;
  });

  return {
    unmount() {
      disposed = true;
      tickets.alone += 1;
      tickets.whole += 1;
      live.cancel();
      unsubscribe();
      unsubscribeVectors();
      alone.destroy();
      whole.destroy();
    },
  };
}
