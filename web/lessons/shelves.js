// Lesson 2, the centrepiece: the library shelves. Every word on the floor is a book; the engine
// groups the books into shelves by k-means of their vectors (one `clusterWords` request per
// checkpoint: clusters, names, matching to the previous shelves, a 1-D order, a map, the probe's
// neighbours). The map shows the books by shelf colour and shape with each shelf's zone and name;
// the bookcase beside it shows the same shelves as rows, neighbouring topics side by side. Play
// trains from random vectors at a pace a person can watch: the books glide into shelves. The
// reading list carries hidden topics, which "reveal" shows with the engine's agreement figures.
import { stringParam } from '../state.js';
import { LOSS_SMOOTHING_WORDS, TRAINING_KEYS, UMAP_NEIGHBORS, umapLayout } from '../training.js';
import { MAX_OWN_WORDS, TOPICS, mapShelves, neighboursOf, shelfParams } from '../shelves-books.js';
import { bookcaseView } from '../ui/bookcase.js';
import { probePanel } from '../ui/probe-panel.js';
import { shelfChoices } from '../ui/shelf-choices.js';
import { shelfTable } from '../ui/shelf-table.js';
import { trainingControls } from '../ui/training-controls.js';
import { trainingSettings } from '../ui/training-settings.js';

export const id = 'shelves';
export const title = 'The library shelves';
export const summary =
  'Picture a library whose librarians never read a book: they only watch which books are checked out together, and move those books a little closer on the shelves each time. ' +
  'Nobody labels the zones, yet the books on each shelf end up belonging together. Word2vec does the same with words: every word is a book, every window of a sentence a checkout.';
export const params = { probe: stringParam('king', 60), ...shelfParams };
export const settings = [...TRAINING_KEYS, 'view', 'projection', ...Object.keys(shelfParams)];

/** Settings whose change maps the books anew (the others only redraw). */
const MAP_KEYS = ['books', 'mywords', 'shelves', 'center', 'seed', 'projection'];

export function mount(container, context) {
  const { engine, store, training, ui } = context;
  const { h, format, wordMap, lossChart } = ui;

  const controls = trainingControls({ store, training, idPrefix: 'shelves', onCancel: cancelTraining });
  const scatter = wordMap({
    label: 'Map of the library: books coloured and shaped by shelf',
    height: null,
    pickLabel: 'Make it the probe',
    onPick: (index, word) => word && store.set({ probe: word }),
  });
  const bookcase = bookcaseView({ label: 'The bookcase: one row per shelf' });
  const table = shelfTable();
  const mapCaption = h('p', { class: 'hint map-caption' });
  const viewChoice = h('fieldset', { class: 'view-choice' }, h('legend', null, 'Show the library as'),
    ['map', 'table'].map((view) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'shelves-view', value: view, checked: store.get().view === view, onchange: () => store.set({ view }) }),
        view === 'map' ? 'a map' : 'a table')));
  const projectionChoice = h('fieldset', { class: 'view-choice projection-choice' }, h('legend', null, 'Lay the books out by'),
    [['pca', 'PCA: the two directions the vectors vary most'], ['umap', 'UMAP: keep each word near its neighbours (most frequent words)']].map(([projection, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'shelves-projection', value: projection, checked: store.get().projection === projection, onchange: () => store.set({ projection }) }),
        text)));
  const legend = h('p', { class: 'hint legend' },
    'Each book wears its shelf’s colour and shape; a shelf’s zone and name are drawn under its books. ● large dark dot: the probe word; ■ squares: its nearest neighbours. Click a book to follow it; hover to name it.');
  const timelineId = 'shelves-timeline';
  const timeline = h('input', { id: timelineId, type: 'range', min: 0, max: 0, value: 0, step: 1, disabled: true });
  const timelineText = h('output', { for: timelineId, class: 'timeline-text' }, 'No checkpoints yet.');
  const liveButton = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => followLive() }, 'Back to live');
  const probe = probePanel({ store, wordInput: ui.wordInput, checkWord: context.checkWord, centred: () => store.get().center });
  const choices = shelfChoices({ store, idPrefix: 'shelves', maxOwnWords: MAX_OWN_WORDS });
  const loss = lossChart({ height: 170 });
  const settingsPanel = trainingSettings({ store, idPrefix: 'shelves', isTraining: () => training.state.phase !== 'idle' });

  container.append(h('div', { class: 'shelves-grid library-layout' },
    h('section', { class: 'panel map-panel', 'aria-label': 'The library' },
      controls.element,
      h('p', { class: 'hint' }, 'Play scatters the books at random (fresh vectors) and trains; watch them find their shelves. Step trains one slice.'),
      h('div', { class: 'row map-choices' }, viewChoice, projectionChoice),
      h('div', { class: 'library' }, scatter.element, bookcase.element),
      table.element,
      mapCaption,
      legend,
      h('div', { class: 'timeline' },
        h('label', { for: timelineId }, 'Timeline: replay the training'),
        timeline,
        h('div', { class: 'row' }, timelineText, liveButton))),
    h('div', { class: 'side' },
      probe.element,
      choices.element,
      h('section', { class: 'panel', 'aria-label': 'Loss' }, h('h3', null, 'Loss'), loss.element,
        h('p', { class: 'hint' }, `Each point of the curve averages the training loss over about the last ${format.int(LOSS_SMOOTHING_WORDS)} words (a moving average of the loss of each slice); lower means the vectors predict their contexts better.`)),
      settingsPanel.element)));

  // ---- state of the view
  let shownIndex = null; // checkpoint on show; null = follow the newest
  let staticMap = null; // the map of the loaded vectors when no training run exists
  let drawn = null; // { words, points } last handed to the map
  let disposed = false;

  training.setMapper((previous, word) => mapShelves(engine, store.get(), previous, word));

  async function cancelTraining() {
    const memory = await training.cancel();
    await context.openStartingVectors();
    return `Training cancelled and its memory freed (the engine now holds ${format.int(memory.inUse / 1e6)} MB).`;
  }

  function currentCheckpoint() {
    const { checkpoints } = training.state;
    if (!checkpoints.length) return null;
    return checkpoints[shownIndex ?? checkpoints.length - 1] ?? checkpoints[checkpoints.length - 1];
  }

  function followLive() {
    shownIndex = null;
    render(250);
  }

  timeline.addEventListener('input', () => {
    const { checkpoints } = training.state;
    const index = Number(timeline.value);
    shownIndex = index >= checkpoints.length - 1 && training.state.phase === 'running' ? null : index;
    render(120);
  });

  function layoutOf(source) {
    const umap = store.get().projection === 'umap' && source.umap;
    return { points: umap ? source.umap : source.points, projection: umap ? 'umap' : 'pca' };
  }

  function projectionText(source, projection) {
    if (projection === 'umap') return ` UMAP of each word's ${UMAP_NEIGHBORS} nearest neighbours (seed ${store.get().seed}): near books are neighbours, but distances between far shelves mean little.`;
    const explained = source.explained?.length >= 2 ? ` The two axes keep ${Math.round((source.explained[0] + source.explained[1]) * 100)}% of the variation of the books' vectors.` : '';
    if (store.get().projection !== 'umap') return explained;
    if (!source.umapable) return `${explained} UMAP lays out the most frequent words only: choose them as the books to see it.`;
    return `${explained} Laying the books out with UMAP…`;
  }

  /** Hands the map new points; books already on it glide from where they were, new ones appear. */
  function draw(words, points, duration, description) {
    if (drawn && duration > 0 && (drawn.words.length !== words.length || drawn.words.some((w, i) => w !== words[i]))) {
      const before = new Map(drawn.words.map((w, i) => [w, i]));
      const start = Float32Array.from(points);
      words.forEach((w, i) => {
        const j = before.get(w);
        if (j !== undefined) [start[2 * i], start[2 * i + 1]] = [drawn.points[2 * j], drawn.points[2 * j + 1]];
      });
      scatter.setData(words, start, { duration: 0, description });
    }
    scatter.setData(words, points, { duration, description });
    drawn = { words, points };
  }

  const shelfName = (shelves) => (shelf) => shelves.names[shelf] || '(empty)';

  function render(duration = 450) {
    const checkpoint = currentCheckpoint();
    const source = checkpoint ?? staticMap;
    if (!source) return;
    const state = store.get();
    const { points, projection } = layoutOf(source);
    const { shelves, words } = source;
    document.body.dataset.firstMapMs ??= String(Math.round(performance.now()));
    scatter.element.dataset.projection = projection;
    const after = checkpoint ? `, after ${format.int(checkpoint.progress?.wordsDone ?? 0)} words of training` : '';
    draw(words, points, duration, `Map of the library: ${words.length} words (books) on ${shelves?.k ?? 0} shelves${after}. The bookcase beside it and the tables list them.`);
    const revealed = state.reveal && source.topics;
    if (shelves) {
      // When the first shelves appeared (ms since navigation): reported by the browser tests.
      document.body.dataset.firstShelvesMs ??= String(Math.round(performance.now()));
      const groups = revealed ? source.topics : shelves.labels;
      const names = revealed ? TOPICS.map((topic) => topic.name) : shelves.names;
      scatter.setGroups(groups, { names, zones: true, count: revealed ? TOPICS.length : shelves.k });
      const neighbours = new Set(source.probe?.words ?? []);
      const view = {
        words, labels: shelves.labels, fit: shelves.fit, order: shelves.order, names: shelves.names, sizes: shelves.sizes,
        colourOf: (i) => (revealed ? source.topics[i] : shelves.labels[i]), probe: source.probe?.word ?? null, neighbours,
      };
      // While training runs the bookcase follows about once a second (a spine's glide lasts 0.65 s).
      if (state.view === 'table') updateBookcaseLater.cancel();
      else if (training.state.phase === 'running' && shownIndex === null) updateBookcaseLater(view);
      else {
        updateBookcaseLater.cancel();
        bookcase.update(view);
      }
      bookcase.element.dataset.revealed = revealed ? 'true' : 'false';
    } else {
      scatter.setGroups(null);
    }
    choices.showAgreement(shelves, state);
    scatter.setMarks(marksOf(words, source.probe));
    const { checkpoints } = training.state;
    const index = checkpoint ? (shownIndex ?? checkpoints.length - 1) : -1;
    probe.render(source.probe, index > 0 ? checkpoints[index - 1].probe : null);
    const moved = shelves?.compared ? ` ${format.int(shelves.moved)} of ${format.int(shelves.compared)} books changed shelf since the checkpoint before.` : '';
    mapCaption.textContent = (checkpoint
      ? `Checkpoint ${index + 1} of ${checkpoints.length}.${moved}`
      : 'The loaded vectors, already trained. Play starts over from random vectors with the settings below.') + projectionText(source, projection);
    if (shelves?.missing?.length) mapCaption.textContent += ` Not in the vocabulary, so not on the floor: ${shelves.missing.slice(0, 20).join(', ')}${shelves.missing.length > 20 ? '…' : ''}.`;
    renderTimeline();
    if (state.view === 'table' && shelves) {
      const key = checkpoint ? `checkpoint-${index + 1}` : 'loaded';
      renderTableLater({ words, points, shelves, projection: projection === 'umap' ? 'UMAP' : 'PCA', shelfName: shelfName(shelves), key });
    }
  }

  function marksOf(words, entry) {
    if (!entry) return [];
    const index = new Map(words.map((w, i) => [w, i]));
    const marks = [];
    for (const w of entry.words ?? []) if (index.has(w)) marks.push([index.get(w), 'neighbor']);
    if (index.has(entry.word)) marks.push([index.get(entry.word), 'probe']);
    return marks;
  }

  function renderTimeline() {
    const { checkpoints } = training.state;
    timeline.disabled = checkpoints.length < 2;
    timeline.max = String(Math.max(0, checkpoints.length - 1));
    const index = shownIndex ?? checkpoints.length - 1;
    timeline.value = String(Math.max(0, index));
    const checkpoint = checkpoints[index];
    const text = checkpoint
      ? `Checkpoint ${index + 1} of ${checkpoints.length}: after ${format.int(checkpoint.progress?.wordsDone ?? 0)} words` +
        (checkpoint.progress ? ` (epoch ${Math.min(checkpoint.progress.epoch + 1, checkpoint.progress.epochs)})` : '') +
        (shownIndex === null ? ', live' : '')
      : 'No checkpoints yet: press Play or Step.';
    timelineText.textContent = text;
    timeline.setAttribute('aria-valuetext', text);
    liveButton.disabled = shownIndex === null;
  }

  const updateBookcaseLater = ui.throttled((view) => bookcase.update(view), 1000);

  // The tables follow training every couple of seconds (each page asks the engine for neighbours).
  let tableTicket = 0;
  const renderTableLater = ui.throttled((view) => {
    const run = ++tableTicket;
    table.render(view, (words) => neighboursOf(engine, store.get(), words), () => run !== tableTicket || disposed);
  }, 1500);

  function showView(view) {
    const tables = view === 'table';
    scatter.element.hidden = tables;
    bookcase.element.hidden = tables;
    legend.hidden = tables;
    table.element.hidden = !tables;
  }

  let lastCheckpoints = null;
  const renderProgress = ui.throttled(() => {
    controls.render(training.state);
    loss.update(training.state.lossX, training.state.lossY);
  }, 300);
  let lastPhase = null;
  const unsubscribeTraining = training.subscribe((state) => {
    if (state.phase !== lastPhase || state.error) {
      lastPhase = state.phase;
      controls.render(state);
      loss.update(state.lossX, state.lossY);
    } else {
      renderProgress(state);
    }
    if (state.checkpoints !== lastCheckpoints) {
      const fresh = !lastCheckpoints || state.checkpoints.length < lastCheckpoints.length;
      lastCheckpoints = state.checkpoints;
      if (fresh) shownIndex = null;
      if (shownIndex === null) render(260);
      else renderTimeline();
    }
  });

  // Without a training run, the map shows the loaded vectors.
  let staticTicket = 0;
  async function loadStaticMap() {
    if (training.state.phase !== 'idle') return;
    const run = ++staticTicket;
    try {
      // Matched to the previous shelves (colours stay), but a fresh PCA: the same link then draws
      // the same map (and UMAP, which starts from it), however the page got there.
      const previous = staticMap && { words: staticMap.words, shelves: staticMap.shelves };
      const map = await mapShelves(engine, store.get(), previous, store.get().probe);
      if (run !== staticTicket || disposed) return;
      staticMap = map;
      controls.message.textContent = '';
      render(staticMap && drawn ? 450 : 0);
      layoutStaticMap();
    } catch (error) {
      if (run !== staticTicket || disposed) return;
      if (error.code === 'no-model') mapCaption.textContent = 'No vectors yet: press Play to train on the corpus.';
      else controls.message.textContent = `⚠ ${error.message}`;
    }
  }

  // UMAP of the static map, once per map, when asked for and possible; the PCA map shows meanwhile.
  let layoutTicket = 0;
  async function layoutStaticMap() {
    const map = staticMap;
    if (!map || map.umap || !map.umapable || store.get().projection !== 'umap' || training.state.phase !== 'idle') return;
    const run = ++layoutTicket;
    try {
      const { points } = await umapLayout(engine, store.get().seed, map);
      if (run !== layoutTicket || disposed || staticMap !== map) return;
      map.umap = points;
    } catch (error) {
      if (run === layoutTicket && error.code !== 'cancelled') controls.message.textContent = `⚠ ${error.message}`;
    } finally {
      if (run === layoutTicket && !disposed) render(600);
    }
  }

  /** The books, shelves or probe changed: map again (the static map, or the newest checkpoint). */
  function remap() {
    if (training.state.phase === 'idle') loadStaticMap();
    else if (training.state.phase !== 'running') {
      shownIndex = null;
      training.remapNewest();
    }
  }

  const unsubscribeVectors = context.onVectors(() => {
    if (training.state.phase === 'idle') loadStaticMap();
  });

  const unsubscribeStore = store.subscribe((state, changed) => {
    if (changed.has('probe')) {
      training.setProbe(state.probe);
      if (probe.input.value !== state.probe) probe.input.value = state.probe;
    }
    if (changed.has('probe') || MAP_KEYS.some((key) => changed.has(key))) {
      if (changed.has('books') || changed.has('mywords')) table.reset();
      remap();
    }
    if (changed.has('reveal')) render(0);
    if (changed.has('view')) {
      for (const radio of viewChoice.querySelectorAll('input')) radio.checked = radio.value === state.view;
      showView(state.view);
      render(0);
    }
    if (changed.has('projection') || (changed.has('seed') && state.projection === 'umap')) {
      for (const radio of projectionChoice.querySelectorAll('input')) radio.checked = radio.value === state.projection;
      if (changed.has('seed') && staticMap) staticMap.umap = undefined; // the seed is UMAP's too
      if (training.state.phase === 'idle') layoutStaticMap();
      else training.layoutNewest();
      render(600);
    }
  });

  training.setProbe(store.get().probe);
  showView(store.get().view);
  controls.render(training.state);
  loss.update(training.state.lossX, training.state.lossY);
  if (training.state.checkpoints.length) {
    lastCheckpoints = training.state.checkpoints;
    if (!training.state.checkpoints.at(-1).shelves) remap();
    render(0);
  }

  return {
    unmount() {
      disposed = true;
      training.setMapper(null);
      unsubscribeTraining();
      renderProgress.cancel();
      renderTableLater.cancel();
      updateBookcaseLater.cancel();
      unsubscribeVectors();
      unsubscribeStore();
      controls.destroy();
      choices.destroy();
      settingsPanel.destroy();
      scatter.destroy();
      bookcase.destroy();
      loss.destroy();
    },
  };
}
