// Lesson: directions you can see. Two axes, each a direction made of word pairs (man → woman,
// boy → girl... across; man → king, woman → queen... up), and words placed on them by the engine
// (`directions`, one request for every word). King, queen, man and woman land at the corners of a
// parallelogram: gender and royalty are separate directions, which is why king − man + woman
// lands near queen. Learners make their own axes and add their own words; a table is the
// picture's text alternative (the app's `view` setting).
import { stringParam } from '../state.js';
import { directionsPlot } from '../ui/directions-plot.js';

export const id = 'directions';
export const title = 'Directions you can see';
export const summary =
  'Why does king − man + woman land on queen? Because “from male to female” and “from common to royal” are two separate directions in the vectors. ' +
  'Here each axis is one such direction, the average step of a few word pairs, and every word is placed by how far it points along each.';

export const DEFAULT_ACROSS = 'man:woman,boy:girl,king:queen,prince:princess,he:she';
export const DEFAULT_UP = 'man:king,woman:queen,boy:prince,girl:princess';
export const DEFAULT_WORDS = 'king,queen,man,woman,prince,princess,boy,girl,emperor,empress,lord,lady,father,mother';

export const params = {
  across: stringParam(DEFAULT_ACROSS, 400),
  up: stringParam(DEFAULT_UP, 400),
  plotted: stringParam(DEFAULT_WORDS, 600),
};
export const settings = ['view'];

/** "man → woman, boy:girl" → [['man', 'woman'], ['boy', 'girl']]; throws a sentence for a bad pair. */
export function parsePairs(text) {
  const items = text.split(/[,;\n]/).map((item) => item.trim()).filter(Boolean);
  if (!items.length) throw new Error('give at least one pair of words, such as man → woman');
  return items.map((item) => {
    const ends = item.split(/\s*(?:→|->|=>|:|>)\s*/).filter(Boolean);
    if (ends.length !== 2 || ends.some((word) => /\s/.test(word))) {
      throw new Error(`“${item}” is not a pair: write two words with an arrow between them, such as man → woman`);
    }
    return ends;
  });
}

/** The pairs as the URL keeps them: man:woman,boy:girl. */
export const pairsParam = (pairs) => pairs.map(([from, to]) => `${from}:${to}`).join(',');
/** The pairs as the field shows them: man → woman, boy → girl. */
export const pairsText = (pairs) => pairs.map(([from, to]) => `${from} → ${to}`).join(', ');
/** Comma- or space-separated words. */
export const parseWords = (text) => [...new Set(text.split(/[\s,;]+/).map((w) => w.trim()).filter(Boolean))];

function safePairs(text) {
  try {
    return parsePairs(text);
  } catch {
    return [];
  }
}

export function mount(container, context) {
  const { engine, store, ui, checkWord } = context;
  const { h, fill, format, wordInput } = ui;

  const acrossId = 'directions-across';
  const upId = 'directions-up';
  const wordsId = 'directions-words';
  const acrossField = h('input', { id: acrossId, type: 'text', size: 48, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${acrossId}-hint` });
  const upField = h('input', { id: upId, type: 'text', size: 48, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${upId}-hint` });
  const wordsField = h('input', { id: wordsId, type: 'text', size: 48, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${wordsId}-hint` });
  const formProblem = h('p', { class: 'problem', 'aria-live': 'polite', hidden: true });
  const addWord = wordInput({ label: 'Add a word', validate: checkWord, size: 14 });

  const viewChoice = h(
    'fieldset',
    { class: 'view-choice' },
    h('legend', null, 'Show the words as'),
    ['map', 'table'].map((view) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'directions-view', value: view, checked: store.get().view === view, onchange: () => store.set({ view }) }),
        view === 'map' ? 'a picture' : 'a table')),
  );
  const figure = h('figure', { class: 'dir-figure' });
  const readout = h('p', { class: 'hint dir-readout', 'aria-live': 'polite' });
  const tableBox = h('div', { class: 'word-table-wrap dir-table', hidden: true });
  const facts = h('div', { class: 'dir-facts', 'aria-live': 'polite' });

  function commitForm() {
    let across;
    let up;
    try {
      across = parsePairs(acrossField.value);
    } catch (error) {
      return showProblem(`Across: ${error.message}.`, acrossField);
    }
    try {
      up = parsePairs(upField.value);
    } catch (error) {
      return showProblem(`Up: ${error.message}.`, upField);
    }
    const words = parseWords(wordsField.value);
    if (!words.length) return showProblem('Give at least one word to place.', wordsField);
    showProblem(null);
    store.set({ across: pairsParam(across), up: pairsParam(up), plotted: words.join(',') });
  }

  function showProblem(message, field = null) {
    formProblem.hidden = !message;
    formProblem.textContent = message ? `⚠ ${message}` : '';
    for (const input of [acrossField, upField, wordsField]) input.setAttribute('aria-invalid', input === field ? 'true' : 'false');
    field?.focus();
  }

  async function commitAddWord() {
    const word = addWord.value;
    if (!word || !(await addWord.check())) return;
    const words = parseWords(store.get().plotted);
    if (!words.includes(word)) store.set({ plotted: [...words, word].join(',') });
    addWord.value = '';
    addWord.input.focus();
  }

  container.append(
    h('section', { class: 'panel' },
      h('h3', null, 'Two directions, made of word pairs'),
      h('form', { class: 'dir-form', onsubmit: (e) => { e.preventDefault(); commitForm(); } },
        h('div', { class: 'field' },
          h('label', { for: acrossId }, 'Across (left to right): pairs from → to'),
          acrossField,
          h('span', { class: 'field-message', id: `${acrossId}-hint` }, 'Each pair is one step; the axis is their average direction. Separate pairs with commas.')),
        h('div', { class: 'field' },
          h('label', { for: upId }, 'Up (bottom to top): pairs from → to'),
          upField,
          h('span', { class: 'field-message', id: `${upId}-hint` }, 'For example man → king, woman → queen: from common to royal.')),
        h('div', { class: 'field' },
          h('label', { for: wordsId }, 'Words to place'),
          wordsField,
          h('span', { class: 'field-message', id: `${wordsId}-hint` }, 'Separated by commas. Words the vectors do not know are listed below the picture.')),
        formProblem,
        h('div', { class: 'dir-buttons' },
          h('button', { type: 'submit' }, 'Place the words'),
          h('button', { type: 'button', class: 'secondary', onclick: () => store.set({ across: DEFAULT_ACROSS, up: DEFAULT_UP, plotted: DEFAULT_WORDS }) }, 'Back to gender × royalty'))),
      h('form', { class: 'inline-form dir-add', onsubmit: (e) => { e.preventDefault(); commitAddWord(); } },
        addWord.element, h('button', { type: 'submit' }, 'Add')),
    ),
    h('section', { class: 'panel' },
      viewChoice,
      figure,
      readout,
      tableBox,
      facts,
    ),
  );

  function showForm(state) {
    acrossField.value = pairsText(safePairs(state.across));
    upField.value = pairsText(safePairs(state.up));
    wordsField.value = parseWords(state.plotted).join(', ');
  }

  let ticket = 0;
  async function refresh() {
    const run = ++ticket;
    const state = store.get();
    const across = safePairs(state.across);
    const up = safePairs(state.up);
    const words = parseWords(state.plotted);
    let plot;
    try {
      if (!across.length || !up.length) throw Object.assign(new Error('an axis of this link has no readable pair'), { code: 'bad-input' });
      plot = await engine.directions({ x: across, y: up, words });
    } catch (error) {
      if (run !== ticket) return;
      fill(figure);
      tableBox.replaceChildren();
      readout.textContent = '';
      fill(facts, h('p', { class: 'problem' }, `⚠ ${error.code === 'no-model' ? 'There are no vectors yet: load some, or train on the library shelves.' : error.message}.`.replace(/\.\.$/, '.')));
      return;
    }
    if (run !== ticket) return;
    const acrossName = pairsText(across.slice(0, 2)) + (across.length > 2 ? '…' : '');
    const upName = pairsText(up.slice(0, 2)) + (up.length > 2 ? '…' : '');
    lastPlot = { plot, across, up, acrossName, upName };
    drawPicture();
    readout.textContent = '';
    fill(tableBox, h('table', null,
      h('caption', { class: 'hint' }, `${plot.words.length} words: the cosine of each with the across and the up direction.`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'word'), h('th', { scope: 'col' }, `across (${acrossName})`), h('th', { scope: 'col' }, `up (${upName})`))),
      h('tbody', null, plot.words.map((word, i) =>
        h('tr', { 'data-word': word }, h('th', { scope: 'row' }, word), h('td', null, format.score(plot.x[i])), h('td', null, format.score(plot.y[i])))))));
    renderFacts(plot, across, up);
    showView(store.get().view);
  }

  // The picture is drawn at the width it gets, so that its words keep their size on a phone.
  let lastPlot = null;
  let drawnWidth = 0;
  function drawPicture() {
    if (!lastPlot) return;
    const { plot, across, up, acrossName, upName } = lastPlot;
    drawnWidth = figure.clientWidth || 640;
    fill(figure,
      directionsPlot(plot, {
        across, up, acrossName, upName, width: drawnWidth,
        onFocusWord: (i) => {
          readout.textContent = `“${plot.words[i]}”: ${format.score(plot.x[i])} across, ${format.score(plot.y[i])} up.`;
        },
      }),
      h('figcaption', { class: 'hint' },
        'Each word is placed by the cosine between its vector and each direction. Solid arrows are the pairs of the across direction, dashed ones those of the up direction: where the arrows run parallel, the pairs share one direction. ',
        'Tab to a word to read its numbers.'));
  }
  const resizes = new ResizeObserver(() => {
    if (!figure.hidden && Math.abs((figure.clientWidth || 640) - drawnWidth) > 40) drawPicture();
  });
  resizes.observe(figure);

  function renderFacts(plot, across, up) {
    const degrees = (Math.acos(Math.max(-1, Math.min(1, plot.axesCosine))) * 180) / Math.PI;
    const independent = Math.abs(plot.axesCosine) < 0.3;
    const agreement = (pairs, values) => pairs.map(([from, to], i) => `${from} → ${to} ${format.score(values[i])}`).join(', ');
    fill(facts,
      h('p', { 'data-fact': 'angle' },
        `The two directions are at ${Math.round(degrees)}° to each other (cosine ${format.score(plot.axesCosine)}): `,
        independent
          ? 'nearly independent, so a word can move along one without moving along the other. That is what lets king − man + woman keep the royalty and change only the gender.'
          : 'they overlap, so moving along one also moves a word along the other.'),
      h('p', { 'data-fact': 'agreement' },
        'How closely each pair follows its direction (cosine of its step with the average; 1 is exactly): across, ',
        agreement(across, plot.xAgreement), '; up, ', agreement(up, plot.yAgreement), '.'),
      plot.unknown.length
        ? h('p', { class: 'problem', 'data-fact': 'unknown' }, `⚠ Not in the vocabulary of these vectors, so not placed: ${plot.unknown.map((w) => `“${w}”`).join(', ')}.`)
        : null);
  }

  function showView(view) {
    for (const radio of viewChoice.querySelectorAll('input')) radio.checked = radio.value === view;
    const table = view === 'table';
    figure.hidden = table;
    readout.hidden = table;
    tableBox.hidden = !table;
    if (!table && Math.abs((figure.clientWidth || 640) - drawnWidth) > 40) drawPicture();
  }

  showForm(store.get());
  showView(store.get().view);
  const unsubscribe = store.subscribe((state, changed) => {
    if (['across', 'up', 'plotted'].some((key) => changed.has(key))) {
      showForm(state);
      refresh();
    }
    if (changed.has('view')) showView(state.view);
  });
  const unsubscribeVectors = context.onVectors(() => refresh());

  return {
    unmount() {
      ticket += 1;
      resizes.disconnect();
      unsubscribe();
      unsubscribeVectors();
    },
  };
}
