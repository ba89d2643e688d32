// Lesson 2, the centrepiece: the library shelves. Every frequent word is a book on a map of the
// library floor (PCA of the vectors, kept in a steady frame by Procrustes alignment; or UMAP of
// the engine's neighbour graph, when asked: seeded, so a link shows the same picture). Training
// from random vectors moves books that are "checked out together" (seen in the same contexts)
// onto the same shelves. Controls drive training; the timeline replays its checkpoints; a probe
// word shows its nearest neighbours as they change. A table is the map's text alternative.
import { SPEEDS, stringParam } from '../state.js';
import { MAP_WORDS, TRAINING_KEYS, UMAP_NEIGHBORS, umapLayout } from '../training.js';

export const id = 'shelves';
export const title = 'The library shelves';
export const summary =
  'Picture a library whose librarians never read a book: they only watch which books are checked out together, and move those books a little closer on the shelves each time. ' +
  'Nobody labels the zones, yet the books on each shelf end up belonging together. Word2vec does the same with words: every word is a book, every window of a sentence a checkout.';
export const params = { probe: stringParam('king', 60) };
export const settings = [...TRAINING_KEYS, 'view', 'projection'];

/** The rows of the table view shown at once (more on request). */
const TABLE_PAGE = 100;

const SETTING_FIELDS = [
  { key: 'model', label: 'Model', type: 'select', options: [['skipgram', 'skip-gram'], ['cbow', 'CBOW']] },
  { key: 'dim', label: 'Dimensions', min: 2, max: 300, step: 1 },
  { key: 'window', label: 'Window', min: 1, max: 20, step: 1 },
  { key: 'negative', label: 'Negatives', min: 1, max: 25, step: 1 },
  { key: 'epochs', label: 'Epochs', min: 1, max: 50, step: 1 },
  { key: 'lr', label: 'Learning rate', min: 0.0001, max: 1, step: 'any' },
  { key: 'minCount', label: 'Minimum count', min: 1, max: 10000, step: 1 },
  { key: 'sample', label: 'Subsampling', min: 0, max: 1, step: 'any' },
  { key: 'seed', label: 'Random seed', min: 0, max: 2 ** 31 - 1, step: 1 },
];

export function mount(container, context) {
  const { engine, store, training, ui } = context;
  const { h, fill, format, wordInput, wordMap, lossChart } = ui;

  // ---- controls
  const playButton = h('button', { type: 'button', onclick: () => act(() => training.play()) }, '▶ Play');
  const pauseButton = h('button', { type: 'button', class: 'secondary', onclick: () => act(() => training.pause()) }, 'Pause');
  const stepButton = h('button', { type: 'button', class: 'secondary', onclick: () => act(() => training.step()) }, 'Step');
  const resetButton = h('button', { type: 'button', class: 'secondary', onclick: () => act(() => training.reset()) }, 'Reset');
  const cancelButton = h('button', { type: 'button', class: 'secondary', 'data-role': 'cancel-training', onclick: () => act(cancelTraining) }, 'Cancel training');
  const speedId = 'shelves-speed';
  const speed = h(
    'select',
    { id: speedId, onchange: () => store.set({ speed: Number(speed.value) }) },
    SPEEDS.map((n) => h('option', { value: String(n), selected: n === store.get().speed }, `${format.int(n)} words per step`)),
  );
  const stats = h('p', { class: 'train-stats', 'data-role': 'stats' });
  const progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Training progress' });
  const message = h('p', { class: 'train-message', role: 'status' });

  // ---- map, its table alternative, the timeline
  const scatter = wordMap({ label: 'Map of the library: the most frequent words', height: null, pickLabel: 'Make it the probe', onPick: (i, word) => store.set({ probe: word }) });
  const mapCaption = h('p', { class: 'hint map-caption' });
  const tableBox = h('div', { class: 'word-table-wrap', hidden: true });
  const viewChoice = h(
    'fieldset',
    { class: 'view-choice' },
    h('legend', null, 'Show the library as'),
    ['map', 'table'].map((view) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'shelves-view', value: view, checked: store.get().view === view, onchange: () => store.set({ view }) }),
        view === 'map' ? 'a map' : 'a table'),
    ),
  );
  const projectionChoice = h(
    'fieldset',
    { class: 'view-choice projection-choice' },
    h('legend', null, 'Lay the books out by'),
    [['pca', 'PCA: the two directions the vectors vary most'], ['umap', 'UMAP: keep each word near its neighbours']].map(([projection, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'shelves-projection', value: projection, checked: store.get().projection === projection, onchange: () => store.set({ projection }) }),
        text),
    ),
  );
  const legend = h(
    'p',
    { class: 'hint legend' },
    'Dots are words; ● large dark dot: the probe word; ■ squares: its nearest neighbours; labels name the most frequent words where they fit. Hover a dot to name it.',
  );
  const timelineId = 'shelves-timeline';
  const timeline = h('input', { id: timelineId, type: 'range', min: 0, max: 0, value: 0, step: 1, disabled: true });
  const timelineText = h('output', { for: timelineId, class: 'timeline-text' }, 'No checkpoints yet.');
  const liveButton = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => followLive() }, 'Back to live');

  // ---- probe word
  const probe = wordInput({
    label: 'Probe word',
    value: store.get().probe,
    validate: context.checkWord,
    onCommit: (word) => word && store.set({ probe: word }),
  });
  const probeList = h('ol', { class: 'ranked probe-neighbors', 'aria-live': 'polite' });
  const probeNote = h('p', { class: 'hint' });

  // ---- loss
  const loss = lossChart({ height: 170 });

  // ---- settings
  const settingsForm = h('form', { class: 'settings-form', onsubmit: (e) => e.preventDefault() });
  const settingsNote = h('p', { class: 'hint settings-note', role: 'status' });
  for (const field of SETTING_FIELDS) {
    const inputId = `shelves-${field.key}`;
    const control =
      field.type === 'select'
        ? h('select', { id: inputId, name: field.key }, field.options.map(([value, text]) => h('option', { value, selected: store.get()[field.key] === value }, text)))
        : h('input', { id: inputId, name: field.key, type: 'number', min: field.min, max: field.max, step: field.step, value: String(store.get()[field.key]), required: true });
    control.addEventListener('change', () => {
      if (field.type === 'select') {
        store.set({ [field.key]: control.value });
        return;
      }
      const value = Number(control.value);
      if (control.value === '' || !control.checkValidity() || !Number.isFinite(value)) {
        settingsNote.textContent = `⚠ ${field.label}: enter a number from ${field.min} to ${field.max}.`;
        control.setAttribute('aria-invalid', 'true');
        return;
      }
      control.setAttribute('aria-invalid', 'false');
      store.set({ [field.key]: value });
    });
    settingsForm.append(h('div', { class: 'field' }, h('label', { for: inputId }, field.label), control));
  }

  container.append(
    h(
      'div',
      { class: 'shelves-grid' },
      h(
        'section',
        { class: 'panel map-panel', 'aria-label': 'The library' },
        h('div', { class: 'row controls' }, playButton, pauseButton, stepButton, resetButton, cancelButton,
          h('span', { class: 'field inline' }, h('label', { for: speedId }, 'Speed'), speed)),
        progressBar,
        stats,
        h('p', { class: 'hint' }, 'Play scatters the books at random (fresh vectors) and trains; watch them find their shelves. Step trains one slice.'),
        message,
        h('div', { class: 'row map-choices' }, viewChoice, projectionChoice),
        scatter.element,
        tableBox,
        mapCaption,
        legend,
        h('div', { class: 'timeline' },
          h('label', { for: timelineId }, 'Timeline: replay the training'),
          timeline,
          h('div', { class: 'row' }, timelineText, liveButton)),
      ),
      h(
        'div',
        { class: 'side' },
        h('section', { class: 'panel', 'aria-label': 'Follow one book' },
          h('h3', null, 'Follow one book'),
          h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); store.set({ probe: probe.value }); } },
            probe.element, h('button', { type: 'submit' }, 'Pin')),
          h('p', { class: 'hint' }, 'Its nearest neighbours (cosine similarity), now or at the checkpoint on the timeline:'),
          probeList,
          probeNote),
        h('section', { class: 'panel', 'aria-label': 'Loss' }, h('h3', null, 'Loss'), loss.element),
        h('details', { class: 'panel settings', open: true },
          h('summary', null, h('h3', { class: 'summary-heading' }, 'Training settings')),
          h('p', { class: 'hint' }, 'They apply from the next Reset. The same settings and seed train the same vectors.'),
          settingsForm,
          settingsNote,
          h('details', { class: 'glossary' }, h('summary', null, 'What the settings mean'),
            h('dl', null,
              h('dt', null, 'Model'), h('dd', null, 'skip-gram predicts the words around a word from it; CBOW predicts a word from the words around it.'),
              h('dt', null, 'Dimensions'), h('dd', null, 'how many numbers each vector has.'),
              h('dt', null, 'Window'), h('dd', null, 'how many words on each side count as context.'),
              h('dt', null, 'Negatives'), h('dd', null, 'random “wrong” words contrasted with each true context word.'),
              h('dt', null, 'Epochs'), h('dd', null, 'passes over the whole corpus.'),
              h('dt', null, 'Learning rate'), h('dd', null, 'how far each update moves the vectors; it shrinks to zero as training ends.'),
              h('dt', null, 'Minimum count'), h('dd', null, 'rarer words are left out of the vocabulary.'),
              h('dt', null, 'Subsampling'), h('dd', null, 'very frequent words (the, and, of) are skipped at random above this share of the corpus; 0 keeps them all.'),
              h('dt', null, 'Random seed'), h('dd', null, 'fixes the random starting vectors and samples, so runs can be repeated.')))),
      ),
    ),
  );

  // ---- state of the view
  let shownIndex = null; // checkpoint on show; null = follow the newest
  let staticMap = null; // the map of loaded vectors when no training run exists
  let tableRows = TABLE_PAGE;
  let disposed = false;
  let layingOut = false; // a UMAP layout of the static map is on its way

  // Gives the run up: the engine frees the trainer and the corpus; the starting vectors come back.
  async function cancelTraining() {
    const memory = await training.cancel();
    const freed = `the engine now holds ${format.int(memory.inUse / 1e6)} MB`;
    await context.openStartingVectors();
    message.textContent = `Training cancelled and its memory freed (${freed}).`;
  }

  async function act(action) {
    message.textContent = '';
    try {
      await action();
    } catch (error) {
      message.textContent = `⚠ ${error.message}`;
    }
  }

  function currentCheckpoint() {
    const { checkpoints } = training.state;
    if (!checkpoints.length) return null;
    return checkpoints[shownIndex ?? checkpoints.length - 1] ?? checkpoints[checkpoints.length - 1];
  }

  function followLive() {
    shownIndex = null;
    renderMap(250);
  }

  timeline.addEventListener('input', () => {
    const { checkpoints } = training.state;
    const index = Number(timeline.value);
    shownIndex = index >= checkpoints.length - 1 && training.state.phase === 'running' ? null : index;
    renderMap(120);
  });

  function markOf(words, probeEntry) {
    const index = new Map(words.map((w, i) => [w, i]));
    const marks = [];
    if (probeEntry) {
      for (const w of probeEntry.words) if (index.has(w)) marks.push([index.get(w), 'neighbor']);
      if (index.has(probeEntry.word)) marks.push([index.get(probeEntry.word), 'probe']);
    }
    return marks;
  }

  /** The points of a map (a checkpoint or the static map) in the projection asked for, when it has them. */
  function layoutOf(source) {
    const umap = store.get().projection === 'umap' && source.umap;
    return { points: umap ? source.umap : source.points, projection: umap ? 'umap' : 'pca' };
  }

  function projectionText(source, projection, checkpoint) {
    if (projection === 'umap') {
      return ` UMAP of each word's ${UMAP_NEIGHBORS} nearest neighbours (seed ${store.get().seed}): near books are neighbours, but distances between far shelves mean little.`;
    }
    const explained = source.explained?.length >= 2 ? ` The two axes keep ${Math.round((source.explained[0] + source.explained[1]) * 100)}% of the variation of the vectors.` : '';
    if (store.get().projection !== 'umap') return explained;
    if (layingOut || (checkpoint && (training.state.phase === 'running' || checkpoint === training.state.checkpoints.at(-1)))) {
      return `${explained} Laying the books out with UMAP…`;
    }
    return `${explained} This checkpoint was recorded before UMAP was chosen: it is shown with PCA.`;
  }

  function renderMap(duration = 450) {
    const checkpoint = currentCheckpoint();
    const source = checkpoint ?? staticMap;
    if (!source) return;
    const { points, projection } = layoutOf(source);
    // When the first map appeared (ms since navigation): reported by the browser tests.
    document.body.dataset.firstMapMs ??= String(Math.round(performance.now()));
    scatter.element.dataset.projection = projection;
    scatter.setData(source.words, points, {
      duration,
      description: `Map of the library: ${source.words.length} words${checkpoint ? `, after ${format.int(checkpoint.progress?.wordsDone ?? 0)} words of training` : ''}. The table view lists them.`,
    });
    const probeEntry = checkpoint ? checkpoint.probe : staticMap?.probe;
    scatter.setMarks(markOf(source.words, probeEntry));
    const { checkpoints } = training.state;
    const index = checkpoint ? (shownIndex ?? checkpoints.length - 1) : -1;
    renderProbe(probeEntry, index > 0 ? checkpoints[index - 1].probe : null);
    const explained = projectionText(source, projection, checkpoint);
    mapCaption.textContent = checkpoint
      ? `Checkpoint ${(shownIndex ?? training.state.checkpoints.length - 1) + 1} of ${training.state.checkpoints.length}.${explained}`
      : `The loaded vectors, already trained. Play starts over from random vectors with the settings on the right.${explained}`;
    renderTimeline();
    if (store.get().view === 'table') {
      // While training runs the table follows every couple of seconds (each row asks for a neighbour).
      if (training.state.phase === 'running' && shownIndex === null) renderTableLater(source);
      else renderTable(source);
    }
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

  /** The probe's neighbours; words absent from the previous checkpoint's list are tagged "new". */
  function renderProbe(entry, previousEntry) {
    if (!entry) {
      probeList.replaceChildren();
      probeNote.textContent = store.get().probe ? '' : 'Pin a word to follow it.';
      return;
    }
    if (entry.problem) {
      probeList.replaceChildren();
      probeNote.textContent = `⚠ ${entry.code === 'bad-input' ? `“${entry.word}” is not in the vocabulary of these vectors: pin another word.` : entry.problem}`;
      return;
    }
    const previous = previousEntry && !previousEntry.problem && previousEntry.word === entry.word ? new Set(previousEntry.words) : null;
    const top = entry.scores[0] || 1;
    fill(
      probeList,
      entry.words.map((word, i) =>
        h('li', null,
          h('span', { class: 'word' }, word),
          ' ',
          h('span', { class: 'score' }, format.score(entry.scores[i])),
          h('span', { class: 'score-bar', style: { width: `${Math.max(2, (entry.scores[i] / top) * 5)}rem` }, 'aria-hidden': 'true' }),
          previous && !previous.has(word) ? [' ', h('span', { class: 'tag' }, 'new')] : null),
      ),
    );
    probeNote.textContent = `Neighbours of “${entry.word}”.${previous ? ' “new” marks a word that was not on the list at the checkpoint before.' : ''}`;
  }

  // The table: words of the map with their coordinates and nearest word, a page at a time.
  let tableTicket = 0;
  const renderTableLater = ui.throttled((source) => renderTable(source), 2000);
  async function renderTable(source) {
    const run = ++tableTicket;
    const rows = source.words.slice(0, tableRows);
    const { points, projection } = layoutOf(source);
    const nearest = await Promise.all(
      rows.map((word) => engine.neighbors({ word, k: 1 }).then((r) => r.words[0] ?? '', () => '')),
    );
    if (run !== tableTicket || disposed) return;
    const table = h(
      'table',
      null,
      h('caption', { class: 'hint' }, `The ${format.int(rows.length)} most frequent of the ${format.int(source.words.length)} words on the map, with their map coordinates (${projection === 'umap' ? 'UMAP' : 'PCA'}) and their nearest word (by cosine).`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'word'), h('th', { scope: 'col' }, 'x'), h('th', { scope: 'col' }, 'y'), h('th', { scope: 'col' }, 'nearest word'))),
      h('tbody', null, rows.map((word, i) =>
        h('tr', null,
          h('td', null, String(i + 1)),
          h('th', { scope: 'row' }, word),
          h('td', null, points[2 * i].toFixed(3)),
          h('td', null, points[2 * i + 1].toFixed(3)),
          h('td', null, nearest[i])))),
    );
    const more = rows.length < source.words.length
      ? h('button', { type: 'button', class: 'secondary', onclick: () => { tableRows += TABLE_PAGE; renderTable(source); } }, `Show ${TABLE_PAGE} more`)
      : null;
    fill(tableBox, table, more);
  }

  function renderControls(state) {
    const running = state.phase === 'running';
    const busy = state.phase === 'preparing';
    playButton.disabled = running || busy;
    pauseButton.disabled = !running;
    stepButton.disabled = busy;
    resetButton.disabled = busy;
    cancelButton.disabled = state.phase === 'idle';
    playButton.textContent = state.phase === 'paused' || state.phase === 'ready' ? '▶ Play' : state.phase === 'finished' ? '▶ Train again' : '▶ Play';
    const p = state.progress;
    progressBar.value = p ? p.fraction : 0;
    if (busy) {
      stats.textContent = 'Preparing: reading the corpus and making random vectors…';
    } else if (p && state.phase !== 'idle') {
      stats.textContent =
        `${{ finished: 'Finished', running: 'Training', ready: 'Ready (random vectors)' }[state.phase] ?? 'Paused'} · epoch ${Math.min(p.epoch + 1, p.epochs)} of ${p.epochs} · ` +
        `${format.int(p.wordsDone)} of ${format.int(p.wordsTotal)} words (${Math.round(p.fraction * 100)}%) · ` +
        `loss ${format.loss(state.lossY[state.lossY.length - 1] ?? p.loss)} · ${format.int(p.wordsPerSecond)} words/s`;
    } else {
      stats.textContent = 'Not training. The map shows the loaded vectors.';
    }
    if (state.error) message.textContent = `⚠ ${state.error}`;
    document.body.dataset.trainingPhase = state.phase;
  }

  let lastCheckpoints = null;
  // Progress arrives many times a second: text and the loss curve are redrawn a few times a second.
  // It draws the state current when it runs: a late call must not bring back an older phase.
  const renderProgress = ui.throttled(() => {
    const state = training.state;
    renderControls(state);
    loss.update(state.lossX, state.lossY);
  }, 300);
  let lastPhase = null;
  const unsubscribeTraining = training.subscribe((state) => {
    if (state.phase !== lastPhase || state.error) {
      lastPhase = state.phase;
      renderControls(state);
      loss.update(state.lossX, state.lossY);
    } else {
      renderProgress(state);
    }
    if (state.checkpoints !== lastCheckpoints) {
      const fresh = !lastCheckpoints || state.checkpoints.length < lastCheckpoints.length;
      lastCheckpoints = state.checkpoints;
      if (fresh) shownIndex = null;
      if (shownIndex === null) renderMap(Math.min(450, 250));
      else renderTimeline();
    }
  });

  // Without a training run, the map shows the loaded vectors.
  let staticTicket = 0;
  async function loadStaticMap() {
    if (training.state.phase !== 'idle') return;
    const run = ++staticTicket;
    try {
      const probeWord = store.get().probe;
      const [map, neighbors] = await Promise.all([
        engine.project({ limit: MAP_WORDS, components: 2, align: true }),
        probeWord ? engine.neighbors({ word: probeWord, k: 8 }).catch((error) => ({ error })) : null,
      ]);
      if (run !== staticTicket || disposed) return;
      const probeEntry = neighbors && (neighbors.error
        ? { word: probeWord, words: [], scores: [], problem: neighbors.error.message, code: neighbors.error.code }
        : { word: probeWord, words: neighbors.words, scores: neighbors.scores });
      staticMap = { ...map, probe: probeEntry };
      renderMap(0);
      layoutStaticMap();
    } catch (error) {
      if (error.code === 'no-model') mapCaption.textContent = 'No vectors yet: press Play to train on the corpus.';
      else message.textContent = `⚠ ${error.message}`;
    }
  }

  // UMAP of the static map, once per map, when asked for; the PCA map shows meanwhile.
  let layoutTicket = 0;
  async function layoutStaticMap() {
    const map = staticMap;
    if (!map || map.umap || store.get().projection !== 'umap' || training.state.phase !== 'idle') return;
    const run = ++layoutTicket;
    layingOut = true;
    renderMap(0);
    try {
      const { points } = await umapLayout(engine, store.get().seed, map);
      if (run !== layoutTicket || disposed || staticMap !== map) return;
      map.umap = points;
    } catch (error) {
      if (run === layoutTicket && error.code !== 'cancelled') message.textContent = `⚠ ${error.message}`;
    } finally {
      if (run === layoutTicket) {
        layingOut = false;
        if (!disposed) renderMap(600);
      }
    }
  }

  let checkedSource = null;
  const unsubscribeVectors = context.onVectors((state) => {
    if (training.state.phase === 'idle') loadStaticMap();
    // A new vocabulary may know the probe word, or not.
    if (state.source !== checkedSource) {
      checkedSource = state.source;
      probe.check();
    }
  });

  const unsubscribeStore = store.subscribe((state, changed) => {
    if (changed.has('probe')) {
      training.setProbe(state.probe);
      if (probe.value !== state.probe) probe.value = state.probe;
      if (training.state.phase === 'idle') loadStaticMap();
      else refreshLiveProbe();
    }
    // Settings can change from outside the controls too (Back, the embedding page's shelf:set).
    if (changed.has('view')) {
      for (const radio of viewChoice.querySelectorAll('input')) radio.checked = radio.value === state.view;
      const table = state.view === 'table';
      scatter.element.hidden = table;
      legend.hidden = table;
      tableBox.hidden = !table;
      tableRows = TABLE_PAGE;
      if (table) renderMap(0);
    }
    if (changed.has('speed')) speed.value = String(state.speed);
    if (changed.has('projection') || (changed.has('seed') && state.projection === 'umap')) {
      for (const radio of projectionChoice.querySelectorAll('input')) radio.checked = radio.value === state.projection;
      if (changed.has('seed') && staticMap) staticMap.umap = undefined; // the seed is UMAP's too
      if (training.state.phase === 'idle') layoutStaticMap();
      else training.layoutNewest();
      renderMap(600);
    }
    const changedSettings = SETTING_FIELDS.some((f) => changed.has(f.key));
    if (changedSettings) {
      // Every field shows the store's value again, a rejected entry included.
      for (const field of SETTING_FIELDS) {
        const control = settingsForm.elements[field.key];
        if (String(control.value) !== String(state[field.key])) control.value = String(state[field.key]);
        control.setAttribute('aria-invalid', 'false');
      }
      settingsNote.textContent = training.state.phase === 'idle' ? '' : 'Settings changed: press Reset to train with them.';
    }
  });

  // While paused on a live run, a new probe gets its neighbours at once.
  async function refreshLiveProbe() {
    const word = store.get().probe;
    if (!word) return;
    try {
      const r = await engine.neighbors({ word, k: 8 });
      if (disposed) return;
      const entry = { word, words: r.words, scores: r.scores };
      const checkpoint = currentCheckpoint();
      if (checkpoint) checkpoint.probe = entry;
      renderMap(0);
    } catch (error) {
      probeList.replaceChildren();
      probeNote.textContent = error.code === 'bad-input' ? `⚠ “${word}” is not in the vocabulary.` : `⚠ ${error.message}`;
    }
  }

  training.setProbe(store.get().probe);
  const table = store.get().view === 'table';
  scatter.element.hidden = table;
  legend.hidden = table;
  tableBox.hidden = !table;
  renderControls(training.state);
  loss.update(training.state.lossX, training.state.lossY);
  if (training.state.checkpoints.length) {
    lastCheckpoints = training.state.checkpoints;
    renderMap(0);
  }

  return {
    unmount() {
      disposed = true;
      unsubscribeTraining();
      renderProgress.cancel();
      renderTableLater.cancel();
      unsubscribeVectors();
      unsubscribeStore();
      scatter.destroy();
      loss.destroy();
    },
  };
}
