// Lesson 6: retrieval, the first half of retrieval-augmented generation (RAG). A collection of
// documents is cut into chunks and each chunk becomes one vector (the mean of its word vectors, or
// SIF's weighted mean); a question becomes a vector the same way, and the chunks nearest to it are
// the context handed to a language model with the question. All of it is the engine's work
// (`indexDocuments`, `search`); the page only shows it, and never as HTML: the user's text stays text.
import documentsUrl from '../data/documents.txt?url';
import { choiceParam, intParam, stringParam } from '../state.js';

export const id = 'retrieval';
export const title = 'Retrieval (RAG)';
export const summary =
  'A chatbot that answers from your documents first looks up the passages nearest to the question, then hands them to the language model with the question. ' +
  'Here the look-up is done with word vectors: every passage becomes the average of its words, and so does the question.';
export const params = {
  question: stringParam('who killed the giant with a stone?', 300),
  pooling: choiceParam('mean', ['mean', 'sif']),
  chunkTokens: intParam(120, 10, 1000),
  hits: choiceParam('3', ['1', '2', '3', '4', '5']),
};

/** Largest text a user may paste or drop (characters): the engine copies it, the page shows it. */
const MAX_TEXT = 2_000_000;

/** The user's own text survives switching lessons (it is too large for the URL). */
const own = { text: '', name: '' };

export function mount(container, context) {
  const { engine, store, ui } = context;
  const { h, fill, format } = ui;

  // ---- the documents
  let source = own.text ? 'own' : 'bundled';
  const sourceChoice = h('fieldset', { class: 'source-choice' },
    h('legend', null, 'Documents'),
    [['bundled', 'the bundled collection: short passages about Bible stories, animals, countries, food and weather'], ['own', 'your own text']].map(([value, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'retrieval-source', value, checked: source === value, onchange: () => { source = value; showSource(); if (value === 'bundled' || own.text) indexDocuments(); } }),
        text)));
  const ownId = 'retrieval-own';
  const ownText = h('textarea', { id: ownId, rows: 8, spellcheck: 'false', placeholder: 'Paste text here, or drop a .txt file on this box. Separate passages with blank lines.' });
  ownText.value = own.text;
  const fileId = 'retrieval-file';
  const fileInput = h('input', { id: fileId, type: 'file', accept: '.txt,text/plain' });
  const useButton = h('button', { type: 'button', onclick: () => useOwnText(ownText.value, own.name || 'pasted text') }, 'Index this text');
  const ownBox = h('div', { class: 'own-text' },
    h('div', { class: 'field' }, h('label', { for: ownId }, 'Your text'), ownText),
    h('div', { class: 'row' },
      h('span', { class: 'field inline' }, h('label', { for: fileId }, 'or open a .txt file'), fileInput),
      useButton));
  const chunkId = 'retrieval-chunk';
  const chunkInput = h('input', { id: chunkId, type: 'number', min: 10, max: 1000, step: 1, value: String(store.get().chunkTokens) });
  chunkInput.addEventListener('change', () => {
    const value = Number(chunkInput.value);
    const ok = Number.isInteger(value) && value >= 10 && value <= 1000;
    chunkInput.setAttribute('aria-invalid', ok ? 'false' : 'true');
    indexStatus.textContent = ok ? indexStatus.textContent : '⚠ Chunk size: enter a whole number from 10 to 1000.';
    if (ok) store.set({ chunkTokens: value });
  });
  const poolingChoice = h('fieldset', { class: 'method-choice' },
    h('legend', null, 'A passage’s vector'),
    [['mean', 'the mean of its word vectors'], ['sif', 'SIF: frequent words count less, and the direction all passages share is removed']].map(([value, text]) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'retrieval-pooling', value, checked: store.get().pooling === value, onchange: () => store.set({ pooling: value }) }),
        text)));
  const indexStatus = h('p', { class: 'hint', role: 'status', 'data-role': 'index-status' });
  const chunkList = h('ol', { class: 'chunk-list' });
  const chunkDetails = h('details', { class: 'chunks-details' }, h('summary', null, 'Show the chunks'), chunkList);

  // ---- the question
  const questionId = 'retrieval-question';
  const questionInput = h('input', { id: questionId, type: 'text', value: store.get().question, size: 40, autocomplete: 'off' });
  const hitsId = 'retrieval-hits';
  const hitsSelect = h('select', { id: hitsId, onchange: () => store.set({ hits: hitsSelect.value }) },
    ['1', '2', '3', '4', '5'].map((n) => h('option', { value: n, selected: store.get().hits === n }, n)));
  const searchStatus = h('p', { class: 'hint', role: 'status' });
  const hitList = h('ol', { class: 'hit-list', 'aria-live': 'polite' });

  // ---- the prompt
  const promptId = 'retrieval-prompt';
  const promptBox = h('textarea', { id: promptId, rows: 12, readonly: true, spellcheck: 'false' });
  const copyStatus = h('span', { class: 'hint', role: 'status' });
  const copyButton = h('button', { type: 'button', class: 'secondary', onclick: () => copyPrompt() }, 'Copy the prompt');

  container.append(
    h('section', { class: 'panel', 'aria-label': 'The documents' },
      h('h3', null, '1. The documents, cut into chunks'),
      sourceChoice,
      ownBox,
      h('div', { class: 'row retrieval-settings' },
        h('div', { class: 'field' }, h('label', { for: chunkId }, 'Largest chunk (words)'), chunkInput),
        poolingChoice),
      h('p', { class: 'hint' }, 'Each paragraph (text between blank lines) is a chunk; a longer paragraph is cut between sentences.'),
      indexStatus,
      chunkDetails),
    h('section', { class: 'panel', 'aria-label': 'The question' },
      h('h3', null, '2. A question finds the nearest chunks'),
      h('form', { class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        const question = questionInput.value.trim();
        if (question === store.get().question) search();
        else store.set({ question });
      } },
        h('div', { class: 'field' }, h('label', { for: questionId }, 'Question'), questionInput),
        h('div', { class: 'field' }, h('label', { for: hitsId }, 'Chunks to retrieve'), hitsSelect),
        h('button', { type: 'submit' }, 'Search')),
      h('p', { class: 'hint' },
        'The score is the cosine similarity between the question’s vector and the chunk’s. Words of the question found in a chunk are marked; a chunk can also score well with no shared word, when its words are used like the question’s. ',
        'In a plain mean, “the” and “who” weigh as much as “giant”: compare mean and SIF on “who built the ark?”.'),
      searchStatus,
      hitList),
    h('section', { class: 'panel', 'aria-label': 'The prompt' },
      h('h3', null, '3. The prompt a language model would receive'),
      h('p', { class: 'hint' }, 'The retrieved chunks first, then the question. Shelf stops here: it has no language model, but you can paste this into one.'),
      h('div', { class: 'field' }, h('label', { for: promptId }, 'Prompt'), promptBox),
      h('div', { class: 'row' }, copyButton, copyStatus)),
  );

  function showSource() {
    ownBox.hidden = source !== 'own';
  }
  showSource();

  // ---- reading the user's text
  async function readFile(file) {
    if (!file) return;
    if (file.size > MAX_TEXT * 4) {
      indexStatus.textContent = `⚠ ${file.name} is too large (${format.compact(file.size)} bytes); open a text under 2 MB.`;
      return;
    }
    const text = await file.text();
    if (text.includes('\u0000')) {
      indexStatus.textContent = `⚠ ${file.name} is not a text file.`;
      return;
    }
    ownText.value = text.slice(0, MAX_TEXT);
    useOwnText(ownText.value, file.name);
  }
  fileInput.addEventListener('change', () => readFile(fileInput.files?.[0]));
  ownText.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.stopPropagation();
  });
  ownText.addEventListener('drop', (event) => {
    event.preventDefault();
    event.stopPropagation(); // the page's own drop zone opens corpora; this box takes documents
    readFile(event.dataTransfer?.files?.[0]);
  });

  function useOwnText(text, name) {
    if (!text.trim()) {
      indexStatus.textContent = '⚠ There is no text to index: paste some, or open a .txt file.';
      return;
    }
    own.text = text.slice(0, MAX_TEXT);
    own.name = name;
    source = 'own';
    for (const radio of sourceChoice.querySelectorAll('input')) radio.checked = radio.value === 'own';
    showSource();
    indexDocuments();
  }

  // ---- indexing and searching
  let bundled = null;
  let indexed = null; // { text, chunks } once the engine holds the documents
  let indexTicket = 0;
  let searchTicket = 0;

  async function documentsText() {
    if (source === 'own' && own.text) return { text: own.text, name: own.name || 'your text' };
    if (bundled === null) {
      const response = await fetch(documentsUrl);
      if (!response.ok) throw new Error(`the bundled documents are missing (HTTP ${response.status})`);
      bundled = await response.text();
    }
    return { text: bundled, name: 'the bundled collection' };
  }

  async function indexDocuments() {
    const run = ++indexTicket;
    const { pooling, chunkTokens } = store.get();
    indexStatus.textContent = 'Cutting the documents into chunks…';
    try {
      const { text, name } = await documentsText();
      const { chunks } = await engine.indexDocuments({ text, maxTokens: chunkTokens, pooling });
      if (run !== indexTicket) return;
      indexed = { text, chunks };
      indexStatus.textContent = `${format.int(chunks.length)} chunks from ${name} (${format.int(text.length)} characters), each embedded as ${pooling === 'sif' ? 'a SIF-weighted mean' : 'the mean'} of its word vectors.`;
      fill(chunkList, chunks.map((chunk) => h('li', null, chunk.text)));
      await search();
    } catch (error) {
      if (run !== indexTicket) return;
      indexed = null;
      indexStatus.textContent = `⚠ ${error.message}`;
    }
  }

  async function search() {
    const run = ++searchTicket;
    if (!indexed) return;
    const { question, hits } = store.get();
    if (!question.trim()) {
      searchStatus.textContent = 'Type a question.';
      return;
    }
    let result;
    try {
      result = await engine.search({ query: question, k: Number(hits) });
    } catch (error) {
      if (run !== searchTicket) return;
      hitList.replaceChildren();
      promptBox.value = '';
      searchStatus.textContent = `⚠ ${error.code === 'no-model'
        ? 'There are no vectors yet: load some, or train on the library shelves.'
        : /vocabulary|no words/i.test(error.message) ? `None of the words of “${question}” is in the vocabulary, so the question has no vector.` : error.message}`;
      return;
    }
    if (run !== searchTicket) return;
    searchStatus.textContent = `The ${result.hits.length} chunks nearest to “${question}”:`;
    fill(hitList, result.hits.map((hit, rank) =>
      h('li', { class: 'hit', 'data-chunk': String(hit.chunk), 'data-rank': String(rank + 1) },
        h('p', { class: 'hit-meta' },
          h('strong', null, `#${rank + 1}`), ' · chunk ', String(hit.chunk + 1), ' · score ',
          h('span', { class: 'score', 'data-fact': 'score' }, format.score(hit.score)),
          h('span', { class: 'score-bar', style: { width: `${Math.max(0.2, hit.score * 8)}rem` }, 'aria-hidden': 'true' })),
        h('p', { class: 'hit-text' }, highlighted(h, hit.text, hit.matched)),
        h('p', { class: 'hint' }, hit.matched.length ? `Words of the question in this chunk: ${hit.matched.join(', ')}.` : 'No word of the question occurs in this chunk.'))));
    promptBox.value = result.prompt;
    copyStatus.textContent = '';
  }

  async function copyPrompt() {
    try {
      await navigator.clipboard.writeText(promptBox.value);
      copyStatus.textContent = 'Copied.';
    } catch {
      promptBox.focus();
      promptBox.select();
      copyStatus.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  // Settings can change from outside the controls too (Back, the embedding page's shelf:set).
  const unsubscribe = store.subscribe((state, changed) => {
    if (changed.has('question') && questionInput.value.trim() !== state.question) questionInput.value = state.question;
    if (changed.has('hits')) hitsSelect.value = state.hits;
    if (changed.has('chunkTokens')) {
      if (Number(chunkInput.value) !== state.chunkTokens) chunkInput.value = String(state.chunkTokens);
      chunkInput.setAttribute('aria-invalid', 'false');
    }
    if (changed.has('pooling')) for (const radio of poolingChoice.querySelectorAll('input')) radio.checked = radio.value === state.pooling;
    if (changed.has('pooling') || changed.has('chunkTokens')) indexDocuments();
    else search();
  }, ['question', 'hits', 'pooling', 'chunkTokens']);
  // The engine re-embeds the chunks itself when the vectors change; the hits are asked again.
  const live = ui.throttled(() => (indexed ? search() : indexDocuments()), 1000);
  const unsubscribeVectors = context.onVectors(() => (indexed ? live() : indexDocuments()));

  return {
    unmount() {
      indexTicket += 1;
      searchTicket += 1;
      live.cancel();
      unsubscribe();
      unsubscribeVectors();
    },
  };
}

/**
 * The chunk's text with the matched words wrapped in <mark>: text nodes and elements only, never
 * HTML, so a user's text can hold anything. Tokens are found as the engine finds them (letters and
 * digits, with inner apostrophes and hyphens) and compared lowercased.
 */
export function highlighted(h, text, matched) {
  if (!matched.length) return [text];
  const wanted = new Set(matched.map((word) => word.toLowerCase()));
  const parts = [];
  const word = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu;
  let last = 0;
  for (const found of text.matchAll(word)) {
    if (!wanted.has(found[0].toLowerCase())) continue;
    if (found.index > last) parts.push(text.slice(last, found.index));
    parts.push(h('mark', null, found[0]));
    last = found.index + found[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
