// Lesson: why words move. The page shows the cause, not only the outcome: a word's contexts in the
// corpus, two words' shared contexts and their cosine rising as those contexts are trained, single
// skip-gram updates of the word's vector, the model's predicted contexts beside the real ones, and
// a retrain on a text the learner changed. Everything is computed by the engine's ContextLab (its
// own corpus and run, so the playground's training is left alone); see web/contexts-run.js.
import { createContextsRun } from '../contexts-run.js';
import { stringParam } from '../state.js';
import { contextLines } from '../ui/context-lines.js';
import { contextPair } from '../ui/context-pair.js';
import { corpusEdit } from '../ui/corpus-edit.js';
import { cosineLines } from '../ui/cosine-lines.js';
import { predictionLists } from '../ui/prediction-lists.js';
import { pushCard } from '../ui/push-card.js';

export const id = 'contexts';
export const title = 'Why words move';
export const summary =
  'The model learns embeddings by predicting context. Words that appear in similar sentences get pushed together by gradient descent, ' +
  'one small update at a time: here are the contexts, the updates and the predictions behind the geometry.';
export const params = {
  ctxWord: stringParam('king', 60),
  ctxPair: stringParam('queen', 60),
  ctxThird: stringParam('acid', 60),
};

/** KWIC lines fetched at a time. */
const LINES = 12;
/** Predictions and context counts shown. */
const TOP = 10;
/** Least time between two prediction refreshes while training runs. */
const PREDICT_MS = 600;
/** Where a run restarted for pushes pauses to step them. */
const PUSH_START = 0.2;
/** Milliseconds between pushes when "Play pushes" is on. */
const PUSH_MS = 900;

/** A few of the word's lines (its window) with `other` in its place: the edit the lesson suggests. */
export function suggestionFrom(found, other, count = 3) {
  return found.lines.slice(0, count).map((line) =>
    [...line.left.slice(-found.window), other, ...line.right.slice(0, found.window)].join(' '));
}

export function mount(container, context) {
  const { engine, store, data, ui } = context;
  const { h, fill, format } = ui;
  const run = createContextsRun({ engine, data });

  const field = (key, labelText) => {
    const input = h('input', { id: `contexts-${key}`, type: 'text', value: store.get()[key], size: 12, autocomplete: 'off', spellcheck: 'false', list: 'shelf-vocabulary' });
    return { input, element: h('div', { class: 'field' }, h('label', { for: `contexts-${key}` }, labelText), input) };
  };
  const word = field('ctxWord', 'Word');
  const pairWord = field('ctxPair', 'Compared with');
  const thirdWord = field('ctxThird', 'An unrelated word');
  const problem = h('p', { class: 'problem', role: 'alert' });
  const status = h('p', { class: 'contexts-status', 'aria-live': 'polite' });
  const playButton = h('button', { type: 'button', 'data-action': 'play', onclick: () => togglePlay() }, 'Train');
  const restartButton = h('button', { type: 'button', class: 'secondary', onclick: () => restart(true) }, 'Restart from random vectors');

  const lines = contextLines({ onPick: (w) => store.set({ ctxPair: w }), onMore: () => moreLines() });
  const pair = contextPair();
  const chart = cosineLines({ label: 'Cosine of the two pairs of words over the training run' });
  const pushes = pushCard({ onNext: () => nextPush(), onPlay: (on) => playPushes(on) });
  const predictions = predictionLists();
  const sharpness = cosineLines({ label: 'How much more the model predicts the real contexts than an average word, over the run', min: -0.25, max: 1, yLabel: 'difference' });
  const edit = corpusEdit({ onRetrain: (e) => retrain(e), onRestore: () => retrain(null) });
  const compareChart = cosineLines({ label: 'The pairs’ cosine in the run before the edit and after it' });
  const comparison = h('div', { class: 'contexts-comparison', 'aria-live': 'polite' });

  const section = (heading, ...children) => h('section', { class: 'panel contexts-panel' }, h('h3', null, heading), ...children);
  container.append(
    h('section', { class: 'panel' },
      h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); commit(); } },
        word.element, pairWord.element, thirdWord.element, h('button', { type: 'submit' }, 'Show')),
      problem,
      h('div', { class: 'row' }, playButton, restartButton),
      status),
    section('1. Where the word occurs', lines.element),
    section('2. Two words side by side', pair.element,
      h('p', { class: 'hint' },
        'Their cosine as the model trains (the share of the run on the axis). In the first moments every word moves the same way, towards what all text has in common, so even unrelated words look alike; ',
        'then the contexts take over: the pair that shares them stays close, the unrelated word falls away.'),
      chart.element),
    section('3. Training, one push at a time',
      h('p', { class: 'hint' },
        'Skip-gram reads the text window by window. Each time the word stands in a window, its vector is nudged to predict one neighbour (a real context) and not a few words drawn at random. ',
        '“Next push” trains up to the next such update and shows it (a finished run starts again and first trains a fifth of the way).'),
      pushes.element),
    section('4. Predicting context, the model’s own task', predictions.element, sharpness.element),
    section('5. Change the text, change the geometry',
      h('p', { class: 'lesson-claim' },
        'This is where associations in embeddings come from, wanted or not: if a text keeps putting two words together, the vectors carry that association, whether it is “king · queen” or a stereotype.'),
      edit.element, comparison, compareChart.element),
  );

  let fetched = []; // KWIC lines so far
  let lastContexts = null;
  let lastPredict = 0;
  let ticket = 0;
  let history = []; // [fraction, meanActual - meanAll]
  let pushTimer = null;

  const words = () => {
    const s = store.get();
    return { a: s.ctxWord.trim().toLowerCase(), b: s.ctxPair.trim().toLowerCase(), third: s.ctxThird.trim().toLowerCase() };
  };
  const pairsOf = ({ a, b, third }) => [[a, b], [a, third]];

  function commit() {
    store.set({ ctxWord: word.input.value.trim() || 'king', ctxPair: pairWord.input.value.trim() || 'queen', ctxThird: thirdWord.input.value.trim() || 'acid' });
  }

  async function queries() {
    const t = ++ticket;
    const { a, b } = words();
    try {
      const [found, compared] = await Promise.all([
        engine.contextsOf({ word: a, limit: LINES, k: TOP }),
        engine.contextsPair({ a, b, k: TOP }),
      ]);
      if (t !== ticket) return;
      problem.textContent = '';
      fetched = found.lines;
      lastContexts = found;
      lines.update(found, fetched);
      edit.setWords({ ...words(), suggestion: suggestionFrom(found, words().third) });
      pair.update(compared);
    } catch (error) {
      if (t !== ticket) return;
      problem.textContent = `⚠ ${error.message.replace(/^\w/, (c) => c.toUpperCase())}. Try a word of the corpus (the suggestions list them).`;
      lines.update(null);
      pair.update(null);
    }
  }

  async function moreLines() {
    if (!lastContexts) return;
    const found = await engine.contextsOf({ word: lastContexts.word, offset: fetched.length, limit: LINES, k: TOP });
    fetched = [...fetched, ...found.lines];
    lines.update(lastContexts, fetched);
  }

  async function predict(force = false) {
    const now = performance.now();
    if (!force && now - lastPredict < PREDICT_MS) return;
    lastPredict = now;
    try {
      const found = await engine.contextsPredict({ word: words().a, k: TOP });
      predictions.update(found);
      const fraction = run.state.progress?.fraction ?? 0;
      history = [...history.filter(([f]) => f < fraction), [fraction, found.meanActual - found.meanAll]];
      sharpness.update([{ name: `real contexts of “${found.word}” minus an average word`, points: history, kind: 'pair' }]);
    } catch {
      predictions.update(null);
    }
  }

  function seriesOf(state, prefix = '') {
    const [[a, b], [, third]] = state.pairs.length ? state.pairs : pairsOf(words());
    return [
      { name: `${prefix}${a} · ${b}`, points: state.line.map((p) => [p.fraction, p.cosines[0]]), kind: prefix ? 'pair-before' : 'pair' },
      { name: `${prefix}${a} · ${third}`, points: state.line.map((p) => [p.fraction, p.cosines[1]]), kind: prefix ? 'third-before' : 'third' },
    ];
  }

  function draw(state) {
    const { progress, phase } = state;
    playButton.textContent = phase === 'running' ? 'Pause' : phase === 'finished' ? 'Train again' : 'Train';
    playButton.disabled = phase === 'loading' || phase === 'idle';
    edit.setBusy(phase === 'loading' || phase === 'running');
    edit.setEdited(Boolean(state.edit));
    const summaryText = state.summary
      ? `The lesson’s own copy of the corpus: ${format.int(state.summary.rawWords)} words, ${format.int(state.summary.vocab)} in the vocabulary; contexts indexed in ${(state.summary.indexSeconds * 1000).toFixed(0)} ms. `
      : '';
    const editText = state.edit ? 'Trained on the changed text. ' : '';
    status.textContent = state.error ? `⚠ ${state.error}`
      : phase === 'loading' ? 'Reading the corpus and indexing its contexts…'
        : `${summaryText}${editText}Skip-gram, 50 dimensions, one pass: ${progress ? `${Math.round(progress.fraction * 100)}% trained` : 'not trained yet'}${phase === 'finished' ? ' (finished).' : '.'}`;
    status.dataset.phase = phase;
    chart.update(seriesOf(state));
    pushes.update(state.pushes);
    if (state.previous) drawComparison(state);
    else {
      comparison.replaceChildren();
      compareChart.element.hidden = true;
    }
    if (phase === 'running' || phase === 'finished' || phase === 'paused') predict(phase !== 'running');
  }

  function drawComparison(state) {
    const before = state.previous;
    compareChart.element.hidden = false;
    compareChart.update([...seriesOf(before, 'before: '), ...seriesOf(state)]);
    const last = (line, i) => line.at(-1)?.cosines[i];
    const [[a, b], [, third]] = state.pairs;
    const row = (name, i, key) => h('tr', null, h('th', { scope: 'row' }, name),
      h('td', { 'data-fact': `${key}-before` }, format.score(last(before.line, i))),
      h('td', { 'data-fact': `${key}-after` }, format.score(last(state.line, i))));
    const finished = state.phase === 'finished';
    const change = state.edit
      ? `${state.summary.addedLines ? `${format.int(state.summary.addedLines)} lines added` : ''}${state.summary.addedLines && state.summary.removedLines ? ', ' : ''}${state.summary.removedLines ? `${format.int(state.summary.removedLines)} lines taken out` : ''}`
      : 'the original text again';
    fill(comparison,
      h('p', null, `The run before (same seed) against this one, trained on ${change}${finished ? '' : ' (still training)'}:`),
      h('table', { class: 'compare-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'cosine'), h('th', { scope: 'col' }, 'before'), h('th', { scope: 'col' }, 'after'))),
        h('tbody', null, row(`${a} · ${b}`, 0, 'pair'), row(`${a} · ${third}`, 1, 'third'))),
      before.neighbours ? h('p', null, `Nearest to “${a}” before: ${before.neighbours.words.join(', ')}.`) : null,
      h('p', { class: 'contexts-after-neighbours' }));
    if (finished) {
      run.neighboursOf(state.pairs).then((n) => {
        const target = comparison.querySelector('.contexts-after-neighbours');
        if (n && target) target.textContent = `Nearest to “${a}” now: ${n.words.join(', ')}.`;
      });
    }
  }

  async function restart(play) {
    stopPushes();
    history = [];
    try {
      await run.start({ pairs: pairsOf(words()), seed: store.get().seed, edit: run.state.edit });
      if (play) run.play();
    } catch {
      // shown by draw() from the run's error
    }
  }

  function togglePlay() {
    const { phase } = run.state;
    if (phase === 'running') run.pause();
    else if (phase === 'finished') restart(true);
    else run.play();
  }

  async function nextPush() {
    if (run.state.phase === 'finished') {
      // A finished run has no updates left: start again, and train a part of it first so the
      // output vectors are no longer all zero (the very first updates move nothing).
      await restart(false);
      await run.play({ until: PUSH_START });
    }
    try {
      await run.nextPush(words().a);
      predict(true);
    } catch (error) {
      problem.textContent = `⚠ ${error.message}`;
      stopPushes();
    }
  }

  function stopPushes() {
    clearTimeout(pushTimer);
    pushTimer = null;
    pushes.stopPlaying();
  }

  function playPushes(on) {
    if (!on) {
      stopPushes();
      return;
    }
    const tick = async () => {
      await nextPush();
      if (pushTimer !== null) pushTimer = setTimeout(tick, PUSH_MS);
    };
    pushTimer = setTimeout(tick, 0);
  }

  async function retrain(change) {
    stopPushes();
    history = [];
    const { a, b } = words();
    const editing = change && {
      added: change.lines.length ? Array.from({ length: change.times }, () => change.lines.join('\n')).join('\n') : '',
      removeA: change.remove ? a : '',
      removeB: change.remove ? b : '',
    };
    try {
      await run.start({ pairs: pairsOf(words()), seed: store.get().seed, edit: editing || null, keepPrevious: true });
      await queries();
      run.play();
    } catch (error) {
      problem.textContent = `⚠ ${error.message}`;
    }
  }

  const unsubscribeRun = run.subscribe(draw);
  const unsubscribe = store.subscribe((state, changed) => {
    for (const [key, f] of [['ctxWord', word], ['ctxPair', pairWord], ['ctxThird', thirdWord]]) {
      if (changed.has(key) && f.input.value !== state[key]) f.input.value = state[key];
    }
    queries();
    if (changed.has('ctxWord') || changed.has('ctxPair') || changed.has('ctxThird')) restart(true);
  }, ['ctxWord', 'ctxPair', 'ctxThird']);

  run.start({ pairs: pairsOf(words()), seed: store.get().seed })
    .then(() => {
      queries();
      run.play();
    })
    .catch(() => {});

  return {
    unmount() {
      ticket += 1;
      stopPushes();
      run.stop();
      unsubscribeRun();
      unsubscribe();
    },
  };
}
