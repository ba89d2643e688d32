// Lesson 3: neighbours and analogies. The nearest neighbours of a word; "king − man + woman"
// with 3CosAdd or 3CosMul, the rank of the expected answer with and without the input words,
// and the parallelogram drawn in the plane of the three input words.
import { choiceParam, stringParam } from '../state.js';
import { parallelogramPlane } from '../ui/parallelogram.js';

export const id = 'analogy';
export const title = 'Neighbours and analogies';
export const summary =
  'Words used alike end up close together, and some relations become directions: the step from “man” to “king” is close to the step from “woman” to “queen”.';
export const params = {
  near: stringParam('france', 60),
  b: stringParam('king', 60),
  a: stringParam('man', 60),
  c: stringParam('woman', 60),
  expect: stringParam('queen', 60),
  method: choiceParam('add', ['add', 'mul']),
  k: choiceParam('10', ['5', '10', '20']),
};

const ANSWERS = 10;

export function mount(container, context) {
  const { engine, store, ui, checkWord } = context;
  const { h, fill, format, wordInput } = ui;

  // ---- neighbours
  const near = wordInput({ label: 'Word', value: store.get().near, validate: checkWord });
  const kId = 'analogy-k';
  const kSelect = h('select', { id: kId, onchange: () => store.set({ k: kSelect.value }) },
    ['5', '10', '20'].map((k) => h('option', { value: k, selected: store.get().k === k }, k)));
  const nearList = h('ol', { class: 'ranked neighbor-list columns', 'aria-live': 'polite' });
  const nearNote = h('p', { class: 'hint' });

  // ---- analogy
  const b = wordInput({ label: 'Start from', value: store.get().b, validate: checkWord, size: 11 });
  const a = wordInput({ label: 'minus', value: store.get().a, validate: checkWord, size: 11 });
  const c = wordInput({ label: 'plus', value: store.get().c, validate: checkWord, size: 11 });
  const expect = wordInput({ label: 'Expected answer (optional)', value: store.get().expect, validate: checkWord, size: 11 });
  const methodField = h(
    'fieldset',
    { class: 'method-choice' },
    h('legend', null, 'Method'),
    [['add', '3CosAdd (add and subtract the vectors)'], ['mul', '3CosMul (multiply the similarities; Levy & Goldberg)']].map(([value, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'analogy-method', value, checked: store.get().method === value, onchange: () => store.set({ method: value }) }),
        text)),
  );
  const formula = h('p', { class: 'formula', 'aria-live': 'polite' });
  const answerList = h('ol', { class: 'ranked answer-list' });
  const rankText = h('div', { class: 'rank-text', 'aria-live': 'polite' });
  const figure = h('figure', { class: 'parallelogram' });

  container.append(
    h(
      'section',
      { class: 'panel' },
      h('h3', null, 'Nearest neighbours'),
      h('p', { class: 'hint' }, 'The words whose vectors point most nearly the same way (cosine similarity, 1 at most).'),
      h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); store.set({ near: near.value }); } },
        near.element,
        h('div', { class: 'field' }, h('label', { for: kId }, 'How many'), kSelect),
        h('button', { type: 'submit' }, 'Find neighbours')),
      nearList,
      nearNote,
    ),
    h(
      'section',
      { class: 'panel' },
      h('h3', null, 'Analogies: A − B + C'),
      h('p', { class: 'hint' },
        'Take the vector of “king”, subtract “man”, add “woman”, and look for the nearest word to the result. ',
        'The three input words are left out of the answers, as word2vec and gensim do; the rank below is also given with them counted.'),
      h('form', { class: 'inline-form analogy-form', onsubmit: (e) => { e.preventDefault(); commitAnalogy(); } },
        b.element, a.element, c.element, expect.element,
        h('button', { type: 'submit' }, 'Solve')),
      methodField,
      formula,
      h('div', { class: 'analogy-results' },
        h('div', null, h('h4', null, 'Answers'), answerList, rankText),
        figure),
    ),
  );

  function commitAnalogy() {
    store.set({ b: b.value, a: a.value, c: c.value, expect: expect.value });
  }

  // ---- neighbours
  let nearTicket = 0;
  async function refreshNeighbors() {
    const run = ++nearTicket;
    const { near: word, k } = store.get();
    if (!word) return;
    try {
      const result = await engine.neighbors({ word, k: Number(k) });
      if (run !== nearTicket) return;
      rankedList(nearList, result.words, result.scores);
      nearNote.textContent = `The ${result.words.length} nearest neighbours of “${word}”.`;
    } catch (error) {
      if (run !== nearTicket) return;
      nearList.replaceChildren();
      nearNote.textContent = `⚠ ${explain(error, word)}`;
    }
  }

  function rankedList(list, words, scores, highlight = null) {
    const top = Math.max(...scores, 1e-6);
    fill(
      list,
      words.map((word, i) =>
        h('li', { 'data-word': word },
          h('span', { class: 'word' }, word),
          ' ',
          h('span', { class: 'score' }, format.score(scores[i])),
          h('span', { class: 'score-bar', style: { width: `${Math.max(0.2, (scores[i] / top) * 5)}rem` }, 'aria-hidden': 'true' }),
          highlight && word === highlight ? [' ', h('span', { class: 'tag' }, 'expected')] : null)),
    );
  }

  function explain(error, word) {
    if (error.code === 'bad-input' && /unknown word/i.test(error.message)) return `“${word}” is not in the vocabulary of these vectors.`;
    if (error.code === 'no-model') return 'There are no vectors yet: load some, or train on the library shelves.';
    return error.message;
  }

  // ---- analogy
  let analogyTicket = 0;
  async function refreshAnalogy() {
    const run = ++analogyTicket;
    const s = store.get();
    const words = { a: s.a, b: s.b, c: s.c };
    formula.textContent = `${s.b} − ${s.a} + ${s.c} ≈ ?  (read: “${s.a}” is to “${s.b}” as “${s.c}” is to ?)`;
    if (!s.a || !s.b || !s.c) return;
    const expected = s.expect && !(await checkWord(s.expect)) ? s.expect : null;
    let result;
    try {
      result = await engine.analogy({ ...words, k: ANSWERS, method: s.method, ...(expected ? { answer: expected } : {}) });
    } catch (error) {
      if (run !== analogyTicket) return;
      answerList.replaceChildren();
      // An unknown word is flagged once, under its own field; the answers only say why they are missing.
      let unknown = 0;
      for (const [key, field] of [['b', b], ['a', a], ['c', c]]) {
        const problem = await checkWord(words[key]);
        if (run !== analogyTicket) return;
        field.show(problem);
        if (problem) unknown += 1;
      }
      fill(rankText, unknown
        ? h('p', { class: 'hint', 'data-fact': 'analogy-blocked' }, `No answers: ${unknown === 1 ? 'a word' : `${unknown} words`} above ${unknown === 1 ? 'is' : 'are'} not in the vocabulary.`)
        : h('p', { class: 'problem' }, `⚠ ${error.message}`));
      figure.replaceChildren();
      return;
    }
    if (run !== analogyTicket) return;
    rankedList(answerList, result.words, result.scores, expected?.toLowerCase());
    const lines = [];
    const methodName = s.method === 'mul' ? '3CosMul' : '3CosAdd';
    if (s.expect && !expected) {
      expect.show(await checkWord(s.expect)); // flagged under its field, not again here
      if (run !== analogyTicket) return;
    } else if (expected) {
      lines.push(
        h('p', { 'data-fact': 'rank' },
          `“${expected}” ranks `, h('strong', null, `#${result.rank}`), ` with ${methodName}, the three input words left out.`),
        h('p', { 'data-fact': 'rank-with-inputs' },
          'Counting the input words too, it ranks ', h('strong', null, `#${result.rankWithInputs}`),
          result.rankWithInputs > result.rank
            ? `: ${result.rankWithInputs - result.rank} of the input words ${result.rankWithInputs - result.rank === 1 ? 'lies' : 'lie'} even closer to the target, which is why the inputs are usually excluded.`
            : '.'),
      );
    }
    if (result.words.length) {
      lines.push(h('p', { class: 'sentence' }, `Best answer: “${result.words[0]}” (score ${format.score(result.scores[0])}).`));
    }
    fill(rankText, lines);
    drawParallelogram(run, s, expected ?? result.words[0]);
  }

  // The four words in the plane through the three inputs, where b − a + c is the fourth corner
  // of an exact parallelogram; the answer word is projected onto that plane.
  async function drawParallelogram(run, s, answer) {
    const names = [s.a, s.b, s.c, answer];
    const found = await engine.wordVectors({ words: names }).catch(() => null);
    if (run !== analogyTicket || !found || found.unknown.length) return;
    const vectors = names.map((_, i) => found.vectors.subarray(i * found.dim, (i + 1) * found.dim));
    const plane = parallelogramPlane(vectors[0], vectors[1], vectors[2], vectors[3]);
    fill(figure, parallelogramSvg(h, names, plane), h('figcaption', { class: 'hint' },
      `Drawn in the plane through “${s.a}”, “${s.b}” and “${s.c}” (unit vectors). The hollow corner is ${s.b} − ${s.a} + ${s.c}; ` +
      `“${answer}” is shown where it falls on this plane, ${plane.offPlane.toFixed(2)} away from it in the other dimensions.`));
  }

  const unsubscribe = store.subscribe((state, changed) => {
    if (changed.has('near') && near.value !== state.near) near.value = state.near;
    for (const [key, field] of [['a', a], ['b', b], ['c', c], ['expect', expect]]) {
      if (changed.has(key) && field.value !== state[key]) field.value = state[key];
    }
    // Settings can change from outside the controls too (Back, the embedding page's shelf:set).
    if (changed.has('k')) kSelect.value = state.k;
    if (changed.has('method')) {
      for (const radio of methodField.querySelectorAll('input')) radio.checked = radio.value === state.method;
    }
    if (changed.has('near') || changed.has('k')) refreshNeighbors();
    if (['a', 'b', 'c', 'expect', 'method'].some((key) => changed.has(key))) refreshAnalogy();
  });
  const unsubscribeVectors = context.onVectors(() => {
    refreshNeighbors();
    refreshAnalogy();
  });

  return {
    unmount() {
      nearTicket += 1;
      analogyTicket += 1;
      unsubscribe();
      unsubscribeVectors();
    },
  };
}

/** An SVG picture of the parallelogram (labels are text nodes). */
function parallelogramSvg(h, [nameA, nameB, nameC, nameD], plane) {
  const size = 300;
  const pad = 46;
  const all = [plane.a, plane.b, plane.c, plane.target, plane.d];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) || 1;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const sx = (p) => size / 2 + ((p[0] - cx) / span) * (size - 2 * pad);
  const sy = (p) => size / 2 - ((p[1] - cy) / span) * (size - 2 * pad);
  const svg = (tag, attributes, ...children) => h(`svg:${tag}`, attributes, ...children);
  const line = (p, q, cls) => svg('line', { x1: sx(p), y1: sy(p), x2: sx(q), y2: sy(q), class: cls });
  const dot = (p, cls, r = 5) => svg('circle', { cx: sx(p), cy: sy(p), r, class: cls });
  const label = (p, text, cls = 'pg-label') => svg('text', { x: sx(p) + 8, y: sy(p) - 8, class: cls }, text);
  return svg(
    'svg',
    { viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
      'aria-label': `Parallelogram: ${nameA} to ${nameB} is the same step as ${nameC} to ${nameB} − ${nameA} + ${nameC}; ${nameD} lies near that corner.` },
    svg('defs', null,
      svg('marker', { id: 'pg-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'pg-arrowhead' }))),
    line(plane.a, plane.c, 'pg-edge'),
    line(plane.b, plane.target, 'pg-edge'),
    svg('line', { x1: sx(plane.a), y1: sy(plane.a), x2: sx(plane.b), y2: sy(plane.b), class: 'pg-step', 'marker-end': 'url(#pg-arrow)' }),
    svg('line', { x1: sx(plane.c), y1: sy(plane.c), x2: sx(plane.target), y2: sy(plane.target), class: 'pg-step', 'marker-end': 'url(#pg-arrow)' }),
    line(plane.target, plane.d, 'pg-gap'),
    dot(plane.a, 'pg-input'),
    dot(plane.b, 'pg-input'),
    dot(plane.c, 'pg-input'),
    dot(plane.target, 'pg-target', 6),
    svg('rect', { x: sx(plane.d) - 5, y: sy(plane.d) - 5, width: 10, height: 10, class: 'pg-answer' }),
    label(plane.a, nameA),
    label(plane.b, nameB),
    label(plane.c, nameC),
    label(plane.d, nameD, 'pg-label pg-answer-label'),
  );
}
