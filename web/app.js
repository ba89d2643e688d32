// The page around the lessons: the store (synced with the URL), the engine, the data, live
// training; the header, the lesson navigation, the data panel and the status bar; mounting one
// lesson at a time. The same code runs the full page (index.html) and a lone embedded lesson
// (embed.html), which has no navigation and tells its parent frame its height.
import { engineClient } from './engine.js';
import { createData } from './data.js';
import { connectToParent } from './embed-messages.js';
import { createPersistence, keepWork, openSavedWork, peekSavedWork, savedParams } from './persistence.js';
import { findLesson, lessons } from './lessons/index.js';
import { enableOffline } from './offline.js';
import { createStore, syncWithUrl } from './state.js';
import { THEME_KEYS, applyTheme, themeParams } from './theme.js';
import { TRAINING_KEYS, createTraining } from './training.js';
import { dataPanel } from './ui/data-panel.js';
import { fill, format, h, throttled } from './ui/dom.js';
import { embedCode } from './ui/embed-code.js';
import { groupStyle, groupSwatch } from './ui/groups.js';
import { heatStrip, sharedScale } from './ui/heat-strip.js';
import { lossChart } from './ui/loss-chart.js';
import { savedWork } from './ui/saved-work.js';
import { wordMap } from './ui/word-map.js';
import { statusBar } from './ui/status-bar.js';
import { wordInput } from './ui/word-input.js';
import { createVectorSources } from './vector-sources.js';
import { vectorsSwitch } from './ui/vectors-switch.js';
// Course pages and classrooms (issue 13): the word filter, check-yourself questions, learning events.
import { CHECK_KEYS, checkParams, questionFor } from './check-questions.js';
import { connectLearningEvents, learningEventParams } from './learning-events.js';
import { checkYourself } from './ui/check-yourself.js';
import { wordFilterNote } from './ui/word-filter-note.js';
import { WORD_FILTER_KEYS, connectWordFilter, wordFilterParams } from './word-filter.js';

/** Suggestions offered in word fields: the most frequent words. */
const SUGGESTED_WORDS = 5000;

/** The small helpers every lesson may use. */
const ui = { h, fill, format, throttled, wordInput, heatStrip, sharedScale, wordMap, lossChart, groupStyle, groupSwatch };

export function startApp({ root = document.body, embedded = false } = {}) {
  const store = createStore();
  for (const lesson of lessons) if (lesson.params) store.define(lesson.params);
  store.define(themeParams);
  syncWithUrl(store, { location, history, addEventListener: addEventListener.bind(window) });
  if (!findLesson(store.get().lesson)) store.set({ lesson: lessons[0]?.id ?? 'embedding' });
  applyTheme(store);

  const engine = engineClient();
  const data = createData({ engine, store });
  const training = createTraining({ engine, store, data });
  // Saved work belongs to the full page; an embedded lesson shows what its author linked.
  store.define(savedParams);
  store.define({ ...wordFilterParams, ...checkParams, ...learningEventParams });
  connectWordFilter({ engine, store }); // before any vectors load: the engine answers in order
  const persistence = embedded ? null : createPersistence();
  const work = persistence ? keepWork({ persistence, engine, store, data, training }) : null;
  // Which vectors the lessons answer from, switched in one click (web/vector-sources.js).
  const sources = createVectorSources({
    engine, store, data, persistence,
    openSaved: () => openSavedWork({ persistence, engine, store, data, search: location.search }),
  });
  const forgetting = work && {
    async forget() {
      await work.forget();
      await sources.forgotten();
    },
  };

  const main = h('main', { id: 'lesson', class: 'lesson-area', tabindex: '-1' }, h('p', { class: 'loading' }, 'Starting the engine…'));
  const vocabulary = h('datalist', { id: 'shelf-vocabulary' });
  const shell = embedded ? embeddedShell(store, main) : fullShell(store, main, data, training, forgetting);
  const bar = statusBar(store, { compact: embedded });
  bar.append(wordFilterNote(store, { embedded }).element);
  root.append(...shell, vocabulary, bar);

  const context = {
    engine,
    store,
    data,
    training,
    ui,
    embedded,
    /** The vectors a visit starts with: the bundled snapshot (saved work is offered, not opened). */
    openStartingVectors,
    /** null when the current vectors know the word, else a sentence saying why not. */
    async checkWord(word) {
      try {
        await engine.vector({ word });
        return null;
      } catch (error) {
        if (error.code === 'bad-input') return `“${word}” is not in the vocabulary of these vectors.`;
        if (error.code === 'no-model') return 'There are no vectors yet.';
        throw error;
      }
    },
    /** Runs `listener(state)` now and whenever the vectors change; returns the unsubscribe. */
    onVectors(listener) {
      listener(store.get());
      return store.subscribe(listener, ['modelVersion']);
    },
  };

  // The lesson on show; switching unmounts the previous one.
  let mounted = null;
  let ready = false;
  function mountLesson() {
    if (!ready) return;
    const lesson = findLesson(store.get().lesson) ?? lessons[0];
    if (mounted?.lesson === lesson) return;
    mounted?.view?.unmount?.();
    mounted?.embed?.destroy();
    mounted?.vectors?.destroy();
    const titleId = `lesson-title-${lesson.id}`;
    const vectors = vectorsSwitch({ store, sources, embedded });
    const body = h('div', { class: 'lesson-body' });
    const embed = embedded
      ? null
      : embedCode({
          lessonId: lesson.id,
          title: lesson.title,
          query: () => store.query({ only: lessonKeys(lesson) }),
          subscribe: (listener) => store.subscribe((state, changed) => {
            if ([...changed].some((key) => store.spec(key)?.url)) listener();
          }),
        });
    const article = h(
      'article',
      { class: 'lesson', 'aria-labelledby': titleId, 'data-lesson': lesson.id },
      h(
        'header',
        { class: 'lesson-header' },
        h('h2', { id: titleId }, lesson.title),
        lesson.summary ? h('p', { class: 'lesson-summary' }, lesson.summary) : null,
        vectors.element,
      ),
      body,
      embed ? h('footer', { class: 'lesson-footer' }, embed.element) : null,
    );
    fill(main, article);
    document.title = embedded ? `${lesson.title} — Shelf` : `Shelf — ${lesson.title}`;
    mounted = { lesson, embed, vectors, view: lesson.mount(body, context), body };
    mountCheck();
    parentFrame?.lessonShown();
    learning.send('experienced');
  }
  store.subscribe(() => mountLesson(), ['lesson']);

  // "Check yourself" above the lesson, which shows once the learner has answered (or skipped).
  function mountCheck() {
    if (!mounted) return;
    mounted.check?.element.remove();
    mounted.check = null;
    const question = questionFor(mounted.lesson, store.get());
    mounted.body.classList.toggle('is-awaiting-check', Boolean(question));
    if (!question) return;
    const { body } = mounted;
    mounted.check = checkYourself({
      question,
      engine,
      onAnswered: ({ choice, success }) => learning.send('answered', { success, response: choice }),
      onReveal: () => body.classList.remove('is-awaiting-check'),
    });
    body.before(mounted.check.element);
  }
  store.subscribe(() => mountCheck(), CHECK_KEYS);
  const learning = connectLearningEvents({ store, embedded, engine, lesson: () => mounted?.lesson ?? null });

  // Word suggestions follow the vocabulary (not every training slice: the words stay the same).
  let suggestedFor = null;
  store.subscribe(async (state) => {
    const key = `${state.source?.kind}|${state.source?.name}|${state.source?.vocab}|${state.wordFilter}`;
    if (key === suggestedFor || state.source?.kind === 'corpus') return;
    suggestedFor = key;
    try {
      const { words } = await engine.vocabulary({ limit: SUGGESTED_WORDS });
      fill(vocabulary, words.map((word) => h('option', { value: word })));
    } catch {
      suggestedFor = null;
    }
  }, ['modelVersion']);

  async function openStartingVectors() {
    if (persistence && store.get().savedStatus === null) {
      try {
        await peekSavedWork({ persistence, store });
      } catch (error) {
        store.set({ savedStatus: 'failed', savedError: `the saved work could not be read (${error.message})` });
      }
    }
    await data.loadSnapshot();
  }

  async function boot() {
    const started = performance.now();
    const info = engine.init().then(
      (result) => store.set({ engine: result }),
      (error) => store.set({ engineError: error.message }),
    );
    try {
      await Promise.all([info, openStartingVectors()]);
    } catch (error) {
      store.set({ busy: null });
      main.before(
        h('p', { class: 'problem page-notice', role: 'alert' }, `⚠ The bundled vectors could not be loaded: ${error.message}. ` +
          (embedded ? '' : 'You can open your own in the Data panel above.')),
      );
    }
    ready = true;
    mountLesson();
    document.body.dataset.ready = 'true';
    document.body.dataset.firstLessonMs = String(Math.round(performance.now() - started));
    enableOffline();
  }

  const parentFrame = embedded
    ? connectToParent({
        store,
        lessonKeys: () => lessonKeys(findLesson(store.get().lesson) ?? lessons[0]).filter((key) => key !== 'lesson'),
        lessonId: () => mounted?.lesson.id ?? null,
      })
    : null;
  boot();
  return { store, engine, data, training };
}

/** URL keys that belong in a lesson's embed link. */
function lessonKeys(lesson) {
  return ['lesson', ...Object.keys(lesson.params ?? {}), ...(lesson.settings ?? []), ...THEME_KEYS, ...WORD_FILTER_KEYS, ...CHECK_KEYS];
}

function fullShell(store, main, data, training, work) {
  const header = h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'skip-link', href: '#lesson' }, 'Skip to the lesson'),
    h('h1', null, 'Shelf'),
    h('p', { class: 'tagline' }, 'Word embeddings, learned before your eyes: every number and picture here is computed live in your browser by a word2vec engine compiled to WebAssembly.'),
  );
  const nav = h('nav', { class: 'lesson-nav', 'aria-label': 'Lessons' });
  const list = h('ol');
  nav.append(list);
  const links = lessons.map((lesson) => {
    const link = h('a', { href: `?lesson=${encodeURIComponent(lesson.id)}`, 'data-lesson': lesson.id }, lesson.title);
    link.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      store.set({ lesson: lesson.id });
      main.focus({ preventScroll: true });
    });
    list.append(h('li', null, link));
    return link;
  });
  // On a narrow screen the tabs scroll sideways: an arrow and a fade at the edge say there is
  // more, and the current tab is scrolled into view.
  const more = h('span', { class: 'nav-more', 'aria-hidden': 'true' }, '›');
  const less = h('span', { class: 'nav-less', 'aria-hidden': 'true' }, '‹');
  nav.append(less, more);
  const showOverflow = () => {
    nav.classList.toggle('has-more', list.scrollLeft + list.clientWidth < list.scrollWidth - 2);
    nav.classList.toggle('has-less', list.scrollLeft > 2);
  };
  list.addEventListener('scroll', showOverflow, { passive: true });
  addEventListener('resize', showOverflow);
  const revealCurrent = () => {
    const link = list.querySelector('a[aria-current="page"]');
    if (link && list.scrollWidth > list.clientWidth) list.scrollLeft = Math.max(0, link.offsetLeft - list.clientWidth / 3);
    showOverflow();
  };
  const markCurrent = (state) => {
    for (const link of links) {
      if (link.dataset.lesson === state.lesson) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    requestAnimationFrame(revealCurrent); // once the tabs are laid out
  };
  markCurrent(store.get());
  store.subscribe(markCurrent, ['lesson']);

  const panel = dataPanel({
    store,
    data,
    onCorpus: () => {
      store.set({ lesson: 'shelves' });
      training.reset().catch(() => {});
    },
  });
  return [header, nav, main, h('div', { class: 'data-area' }, panel.element, work ? savedWork({ store, work }).element : null)];
}

function embeddedShell(store, main) {
  const full = h('a', { class: 'open-full', target: '_blank', rel: 'noopener' }, 'Open in the Shelf playground ↗');
  const update = () => {
    const url = new URL('index.html', location.href);
    url.search = store.query({ always: ['lesson'] }).toString();
    full.href = url.href;
  };
  update();
  store.subscribe(update);
  document.body.classList.add('is-embedded');
  return [main, h('p', { class: 'embed-credit' }, full)];
}
