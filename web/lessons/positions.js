// Lesson 5: token and positional embeddings. A bag of word vectors has no order: "dog bites man"
// and "man bites dog" average to the same vector. A transformer adds a sinusoidal position vector
// to each token vector, so the same word enters the model as a different vector depending on
// where it stands. The engine builds the matrices (the `positions` request); the page compares
// the rows it returned.
import { numberParam, stringParam } from '../state.js';
import { heatMap } from '../ui/heat-map.js';
import { cosine } from '../vector-math.js';

export const id = 'positions';
export const title = 'Token + positional embeddings';
export const summary =
  'Word vectors alone make a sentence a bag of words: “dog bites man” and “man bites dog” hold the same three vectors. ' +
  'Transformers add a position vector to every token vector, so that where a word stands becomes part of the numbers the model reads.';
export const params = {
  sentenceA: stringParam('dog bites man', 200),
  sentenceB: stringParam('man bites dog', 200),
  posScale: numberParam(1, 0, 3),
};

const row = (matrix, dim, r) => matrix.subarray(r * dim, (r + 1) * dim);
const pool = (matrix, dim, rows, reduce, start) => {
  const out = new Float32Array(dim).fill(start);
  for (let r = 0; r < rows; r += 1) for (let d = 0; d < dim; d += 1) out[d] = reduce(out[d], matrix[r * dim + d]);
  return out;
};
const mean = (matrix, dim, rows) => pool(matrix, dim, rows, (a, b) => a + b, 0).map((x) => x / rows);
const max = (matrix, dim, rows) => pool(matrix, dim, rows, Math.max, -Infinity);
/** Shown to three decimals, the way the page shows every cosine; "1.000" means equal at that precision. */
const show = (x) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/**
 * The numbers of the lesson, from two `positions` results: pooled cosines, and for every word the
 * two sentences share, its row in one against its row in the other.
 */
export function comparePositions(a, b) {
  const { dim } = a;
  const n = a.tokens.length;
  const m = b.tokens.length;
  const sameWords = n === m && [...a.tokens].sort().join(' ') === [...b.tokens].sort().join(' ');
  const used = new Set();
  const shared = [];
  a.tokens.forEach((token, i) => {
    // A word the vectors do not know has an all-zero token vector: nothing to compare.
    if (!a.known[i]) return;
    const j = b.tokens.findIndex((other, jj) => other === token && !used.has(jj) && b.known[jj]);
    if (j < 0) return;
    used.add(j);
    shared.push({
      token, i, j,
      tokens: cosine(row(a.tokenVectors, dim, i), row(b.tokenVectors, dim, j)),
      inputs: cosine(row(a.inputs, dim, i), row(b.inputs, dim, j)),
    });
  });
  const moved = shared.filter((s) => s.i !== s.j);
  const concat = (x, y, rows) => (rows === m && rows === n ? cosine(x, y) : NaN);
  return {
    sameWords,
    shared,
    moved,
    meanTokens: cosine(mean(a.tokenVectors, dim, n), mean(b.tokenVectors, dim, m)),
    meanInputs: cosine(mean(a.inputs, dim, n), mean(b.inputs, dim, m)),
    maxTokens: cosine(max(a.tokenVectors, dim, n), max(b.tokenVectors, dim, m)),
    maxInputs: cosine(max(a.inputs, dim, n), max(b.inputs, dim, m)),
    slotsTokens: concat(a.tokenVectors, b.tokenVectors, n),
    slotsInputs: concat(a.inputs, b.inputs, n),
    // The lowest cosine of a word with itself once it has moved: the clearest difference.
    movedInputs: moved.length ? Math.min(...moved.map((s) => s.inputs)) : NaN,
  };
}

export function mount(container, context) {
  const { engine, store, ui } = context;
  const { h, fill } = ui;

  const field = (key, labelText) => {
    const inputId = `positions-${key}`;
    const input = h('input', { id: inputId, type: 'text', value: store.get()[key], size: 28, autocomplete: 'off', spellcheck: 'false' });
    return { input, element: h('div', { class: 'field' }, h('label', { for: inputId }, labelText), input) };
  };
  const first = field('sentenceA', 'First sentence');
  const second = field('sentenceB', 'Second sentence');
  const scaleId = 'positions-scale';
  const scaleInput = h('input', { id: scaleId, type: 'range', min: 0, max: 3, step: 0.1, value: String(store.get().posScale), 'aria-describedby': `${scaleId}-out` });
  const scaleOut = h('output', { id: `${scaleId}-out`, for: scaleId, class: 'range-value' }, scaleText(store.get().posScale));
  scaleInput.addEventListener('input', () => {
    scaleOut.textContent = scaleText(Number(scaleInput.value));
    store.set({ posScale: Number(scaleInput.value) });
  });
  const swapButton = h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ sentenceA: store.get().sentenceB, sentenceB: store.get().sentenceA }) }, 'Swap');
  const problem = h('p', { class: 'problem', role: 'alert' });

  const side = (name) => {
    const heading = h('h3', { class: 'sentence-heading' });
    const tokens = heatMap({ label: `token vectors of the ${name} sentence` });
    const positions = heatMap({ label: `position vectors of the ${name} sentence` });
    const inputs = heatMap({ label: `token + position vectors of the ${name} sentence` });
    const note = h('p', { class: 'hint' });
    const element = h('section', { class: 'panel sentence-panel', 'aria-label': `The ${name} sentence` },
      heading,
      note,
      h('h4', null, 'Token vectors'), tokens.element,
      h('h4', null, 'Position vectors'), positions.element,
      h('h4', null, 'Token + position: what the model reads'), inputs.element);
    return { heading, tokens, positions, inputs, note, element };
  };
  const left = side('first');
  const right = side('second');
  const results = h('div', { class: 'positions-results', 'aria-live': 'polite' });

  container.append(
    h('section', { class: 'panel' },
      h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); commit(); } },
        first.element, second.element,
        h('button', { type: 'submit' }, 'Compare'), swapButton),
      h('div', { class: 'field range-field scale-field' },
        h('label', { for: scaleId }, 'Size of the position vectors'),
        h('div', { class: 'row' }, scaleInput, scaleOut)),
      h('p', { class: 'hint' },
        'Position p gets the vector sin(p / 10000^(2i/d)), cos(p / 10000^(2i/d)) for i = 0, 1, … (Vaswani et al., 2017): slow and fast waves, a different pattern for every position. ',
        'The slider multiplies them; at 0 the positions vanish.'),
      problem,
      results),
    h('div', { class: 'sentence-pair' }, left.element, right.element),
    h('p', { class: 'hint' },
      'Each row of a heat map is one token, each cell one dimension: orange above zero, blue below, pale near zero; the token maps share one colour scale, the position and sum maps another. ',
      'Focus a map and use the arrow keys, or hover it, to read a cell; the tables under the maps list every number.'),
  );

  function commit() {
    store.set({ sentenceA: first.input.value.trim() || 'dog bites man', sentenceB: second.input.value.trim() || 'man bites dog' });
  }

  let ticket = 0;
  async function refresh() {
    const run = ++ticket;
    const { sentenceA, sentenceB, posScale } = store.get();
    const [a, b] = await Promise.all([sentenceA, sentenceB].map((sentence) =>
      engine.positions({ sentence, scale: posScale }).catch((error) => ({ error, sentence }))));
    if (run !== ticket) return;
    const failed = [a, b].find((result) => result.error);
    if (failed) {
      const { error, sentence } = failed;
      problem.textContent = `⚠ ${error.code === 'no-model'
        ? 'There are no vectors yet: load some, or train on the library shelves.'
        : `“${sentence}”: ${error.message.replace(/^\w/, (c) => c.toUpperCase())}.`}`;
      results.replaceChildren();
      for (const view of [left, right]) {
        view.heading.textContent = '';
        view.note.textContent = '';
        for (const map of [view.tokens, view.positions, view.inputs]) map.update([], new Float32Array(0), 0);
      }
      return;
    }
    problem.textContent = '';
    const tokenScale = maxAbs(a.tokenVectors, b.tokenVectors);
    const positionScale = maxAbs(a.positionVectors, b.positionVectors, a.inputs, b.inputs);
    for (const [view, result, text] of [[left, a, sentenceA], [right, b, sentenceB]]) {
      const labels = result.tokens.map((token, p) => `${p}: ${token}`);
      view.heading.textContent = `“${text}”`;
      view.tokens.update(labels, result.tokenVectors, result.dim, { name: `the token vectors of “${text}”`, sharedScale: tokenScale });
      view.positions.update(labels, result.positionVectors, result.dim, { name: `the position vectors of “${text}” (× ${posScale})`, sharedScale: positionScale });
      view.inputs.update(labels, result.inputs, result.dim, { name: `token + position of “${text}”`, sharedScale: positionScale });
      const unknown = result.tokens.filter((_, i) => !result.known[i]);
      view.note.textContent =
        `${result.tokens.length} tokens, ${result.dim} dimensions each.` +
        (unknown.length ? ` Not in the vocabulary, so their token vector is all zeros: ${unknown.join(', ')}.` : '');
    }
    renderResults(comparePositions(a, b), posScale);
  }

  function renderResults(c, posScale) {
    const fact = (name, value) => h('strong', { 'data-fact': name }, show(value));
    const rows = [
      ['the mean of its rows (a bag of words)', c.meanTokens, c.meanInputs, 'pooled'],
      ['the largest value of each dimension over its rows (another bag of words)', c.maxTokens, c.maxInputs, 'max'],
      ...c.moved.map((s) => [`“${s.token}”: its row at position ${s.i} against its row at position ${s.j}`, s.tokens, s.inputs, `word-${s.token}`]),
      ['the rows in order, one long vector (slot by slot)', c.slotsTokens, c.slotsInputs, 'slots'],
    ];
    const tokensLabel = 'token vectors only';
    const inputsLabel = `token + position (${scaleText(posScale)})`;
    const table = h('table', { class: 'positions-table' },
      h('caption', { class: 'hint' }, 'Cosine similarity between the two sentences, summarised in different ways (1.000: the same direction).'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Each sentence as'),
        h('th', { scope: 'col' }, tokensLabel),
        h('th', { scope: 'col' }, inputsLabel))),
      h('tbody', null, rows.map(([what, tokens, inputs, key]) => h('tr', { 'data-row': key },
        h('th', { scope: 'row' }, what),
        h('td', { 'data-fact': `${key}-tokens`, 'data-label': tokensLabel }, show(tokens)),
        h('td', { 'data-fact': `${key}-inputs`, 'data-label': inputsLabel }, show(inputs))))));

    const sentences = [];
    if (!c.sameWords) {
      sentences.push('These two sentences do not have the same words, so even their bags of words differ. The lesson works best with the same words in another order, like “dog bites man” and “man bites dog”.');
    } else {
      sentences.push(
        `Without positions, the two sentences are the same bag of vectors: the mean of their token vectors has cosine ${show(c.meanTokens)}, and any model that ignores order cannot tell who bit whom.`);
      if (c.moved.length && posScale > 0) {
        const worst = c.moved.reduce((a, s) => (s.inputs < a.inputs ? s : a));
        sentences.push(
          `With positions added, “${worst.token}” at position ${worst.i} and “${worst.token}” at position ${worst.j} are different vectors (cosine ${show(worst.inputs)}): the word now carries where it stands, and so the two sentences differ.`,
          `Careful: the plain mean of token + position is still ${show(c.meanInputs)}. Each sentence adds the same position vectors, only to different words, and an average cannot see which went where. ` +
          'That is why a transformer does not average its inputs straight away: its attention compares the rows one with another, and those rows now differ.');
      } else if (posScale === 0) {
        sentences.push('The position vectors are switched off (size 0), so nothing tells the two orders apart. Move the slider.');
      } else {
        sentences.push('No word changed its place, so the positions change nothing here.');
      }
    }
    fill(results,
      h('p', { class: 'big-numbers' },
        h('span', null, 'mean of the token vectors: cosine ', fact('pooled-cosine', c.meanTokens)),
        h('span', null, 'the same word at another position, with positions: cosine ', fact('positional-cosine', c.movedInputs))),
      sentences.map((text) => h('p', { class: 'sentence' }, text)),
      h('div', { class: 'positions-table-wrap' }, table),
      h('p', { class: 'hint' },
        'The slot-by-slot comparison differs even without positions, because the same slot holds different words in the two sentences: reading the slots in order is already a way of knowing positions, which is what the position vectors give a model that otherwise sees a bag of rows.'));
  }

  // Settings can change from outside the controls too (Back, the embedding page's shelf:set).
  const unsubscribe = store.subscribe((state, changed) => {
    if (changed.has('sentenceA') && first.input.value !== state.sentenceA) first.input.value = state.sentenceA;
    if (changed.has('sentenceB') && second.input.value !== state.sentenceB) second.input.value = state.sentenceB;
    if (changed.has('posScale')) {
      scaleInput.value = String(state.posScale);
      scaleOut.textContent = scaleText(state.posScale);
    }
    refresh();
  }, ['sentenceA', 'sentenceB', 'posScale']);
  // While training runs the vectors change every slice; the heat maps follow twice a second.
  const live = ui.throttled(() => refresh(), 500);
  let initial = true;
  const unsubscribeVectors = context.onVectors(() => {
    if (initial) refresh();
    else live();
    initial = false;
  });

  return {
    unmount() {
      ticket += 1;
      live.cancel();
      unsubscribe();
      unsubscribeVectors();
      for (const view of [left, right]) {
        view.tokens.destroy();
        view.positions.destroy();
        view.inputs.destroy();
      }
    },
  };
}

/** The slider's value as the store holds it: a link may give a scale between the slider's steps (2.35). */
function scaleText(scale) {
  const tenths = Math.round(scale * 10) / 10;
  return `× ${Math.abs(scale - tenths) < 1e-9 ? tenths.toFixed(1) : String(Number(scale.toFixed(3)))}`;
}

function maxAbs(...arrays) {
  let top = 0;
  for (const array of arrays) for (const x of array) top = Math.max(top, Math.abs(x));
  return top || 1;
}
