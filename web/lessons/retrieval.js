// Lesson 6: retrieval, the first half of retrieval-augmented generation (RAG). A collection of
// documents is cut into chunks and each chunk becomes one vector (the mean of its word vectors, or
// SIF's weighted mean); a question becomes a vector the same way, and the chunks nearest to it are
// the context handed to a language model with the question. All of it is the engine's work
// (`indexDocuments`, `compareRetrieval`, `retrievalRecall`); the page only shows it, and never as
// HTML: the user's text stays text. Beside the search by meaning the same question is asked by
// words (BM25) and by both (reciprocal rank fusion), and a labelled question set measures each.
import documentsUrl from '../data/documents.txt?url';
import questionSet from '../data/retrieval-questions.json';
import { choiceParam, intParam, stringParam } from '../state.js';
import { recallTable } from '../ui/recall-table.js';
import { METHODS, retrievalResults } from '../ui/retrieval-results.js';
import { labelQuestions, paragraphsOf, sharesNoWord } from './retrieval-questions.js';

export const id = 'retrieval';
export const title = 'Retrieval (RAG)';
export const summary =
  'A chatbot that answers from your documents first looks up the passages nearest to the question, then hands them to the language model with the question. ' +
  'Here the look-up is done with word vectors (every passage becomes the average of its words, and so does the question), beside the classic look-up by shared words, and both together.';
export const params = {
  question: stringParam('who killed the giant with a stone?', 300),
  pooling: choiceParam('mean', ['mean', 'sif']),
  chunkTokens: intParam(120, 10, 1000),
  hits: choiceParam('3', ['1', '2', '3', '4', '5']),
  promptFrom: choiceParam('hybrid', ['meaning', 'words', 'hybrid']),
};

/** Recall is asked again at most this often while training moves the vectors. */
const RECALL_EVERY_MS = 3000;

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
        h('input', { type: 'radio', name: 'retrieval-source', value, checked: source === value, onchange: () => { source = value; showSource(); indexDocuments(); } }),
        text)));
  const ownId = 'retrieval-own';
  const ownText = h('textarea', { id: ownId, rows: 8, spellcheck: 'false', placeholder: 'Paste text here, or drop a .txt file on this box. Separate passages with blank lines.' });
  ownText.value = own.text;
  const fileId = 'retrieval-file';
  const fileInput = h('input', { id: fileId, type: 'file', accept: '.txt,text/plain' });
  const useButton = h('button', { type: 'button', onclick: () => useOwnText(ownText.value, own.name || 'pasted text') }, 'Index this text');
  const ownBox = h('div', { class: 'own-text' },
    h('div', { class: 'field' }, h('label', { for: ownId }, 'Your text'), ownText),
    h('p', { class: 'hint' }, 'What you paste is indexed as you type (or press “Index this text”); the searches below then look in your text only.'),
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

  // ---- the question, asked three ways
  const questionId = 'retrieval-question';
  const questionInput = h('input', { id: questionId, type: 'text', value: store.get().question, size: 40, autocomplete: 'off' });
  const hitsId = 'retrieval-hits';
  const hitsSelect = h('select', { id: hitsId, onchange: () => store.set({ hits: hitsSelect.value }) },
    ['1', '2', '3', '4', '5'].map((n) => h('option', { value: n, selected: store.get().hits === n }, n)));
  const searchStatus = h('p', { class: 'hint', role: 'status', 'data-role': 'search-status' });
  const results = retrievalResults({ highlighted });
  const ask = (question) => {
    questionInput.value = question;
    if (question === store.get().question) search();
    else store.set({ question });
  };
  const hints = h('ul', { class: 'question-hints' }, questionSet.hints.map((hint) =>
    h('li', null, h('button', { type: 'button', class: 'link-button', 'data-hint': hint.question, onclick: () => ask(hint.question) }, `“${hint.question}”`), ' ', hint.say)));

  // ---- how often each method finds the answer
  const recall = recallTable();

  // ---- the prompt
  const promptId = 'retrieval-prompt';
  const promptBox = h('textarea', { id: promptId, rows: 12, readonly: true, spellcheck: 'false' });
  const copyStatus = h('span', { class: 'hint', role: 'status' });
  const copyButton = h('button', { type: 'button', class: 'secondary', onclick: () => copyPrompt() }, 'Copy the prompt');
  const promptFromId = 'retrieval-prompt-from';
  const promptFrom = h('select', { id: promptFromId, onchange: () => store.set({ promptFrom: promptFrom.value }) },
    METHODS.map((m) => h('option', { value: m.id, selected: store.get().promptFrom === m.id }, m.title.toLowerCase())));

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
      h('h3', null, '2. One question, three ways to find the nearest chunks'),
      h('form', { class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        ask(questionInput.value.trim());
      } },
        h('div', { class: 'field' }, h('label', { for: questionId }, 'Question'), questionInput),
        h('div', { class: 'field' }, h('label', { for: hitsId }, 'Chunks to retrieve'), hitsSelect),
        h('button', { type: 'submit' }, 'Search')),
      h('p', { class: 'hint' }, 'By meaning, a chunk can score well with no word in common with the question, when its words are used like the question’s; by words it cannot, but a word the vectors never learned still counts. Words of the question found in a chunk are marked. On the bundled passages, try:'),
      hints,
      searchStatus,
      results.element),
    h('section', { class: 'panel', 'aria-label': 'Recall' },
      h('h3', null, '3. How often each way finds the answer'),
      recall.element),
    h('section', { class: 'panel', 'aria-label': 'The prompt' },
      h('h3', null, '4. The prompt a language model would receive'),
      h('p', { class: 'hint' }, 'The retrieved chunks first, then the question. Shelf stops here: it has no language model, but you can paste this into one.'),
      h('div', { class: 'field' }, h('label', { for: promptFromId }, 'Chunks from'), promptFrom),
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
  // Pasted or typed text is indexed once the typing pauses: the searches never quietly stay on
  // the bundled passages while the box shows other text.
  const typed = ui.throttled(() => useOwnText(ownText.value, own.name || 'pasted text'), 600);
  ownText.addEventListener('input', () => {
    own.text = ownText.value.slice(0, MAX_TEXT);
    if (!own.text.trim()) {
      typed.cancel();
      indexDocuments();
    } else {
      indexStatus.textContent = 'Your text changed: indexing it when you pause…';
      typed();
    }
  });

  function useOwnText(text, name) {
    own.text = text.slice(0, MAX_TEXT);
    own.name = name;
    source = 'own';
    for (const radio of sourceChoice.querySelectorAll('input')) radio.checked = radio.value === 'own';
    showSource();
    indexDocuments();
  }

  // ---- indexing and searching
  let bundled = null;
  let indexed = null; // { text, chunks, bundled } once the engine holds the documents
  let indexTicket = 0;
  let searchTicket = 0;
  let recallTicket = 0;

  async function documentsText() {
    if (source === 'own') return own.text.trim() ? { text: own.text, name: own.name || 'your text', bundled: false } : null;
    if (bundled === null) {
      const response = await fetch(documentsUrl);
      if (!response.ok) throw new Error(`the bundled documents are missing (HTTP ${response.status})`);
      bundled = await response.text();
    }
    return { text: bundled, name: 'the bundled collection', bundled: true };
  }

  function clearResults(message) {
    searchStatus.textContent = message;
    results.clear();
    promptBox.value = '';
    copyStatus.textContent = '';
  }

  async function indexDocuments() {
    const run = ++indexTicket;
    const { pooling, chunkTokens } = store.get();
    indexStatus.textContent = 'Cutting the documents into chunks…';
    try {
      const documents = await documentsText();
      if (run !== indexTicket) return;
      if (!documents) {
        indexed = null;
        fill(chunkList);
        indexStatus.textContent = '⚠ There is no text to index: paste some, or open a .txt file.';
        clearResults('Nothing is indexed: the searches wait for your text (or choose the bundled collection).');
        recall.clear('The labelled questions are about the bundled passages: choose them to measure recall.');
        return;
      }
      const { text, name } = documents;
      const { chunks } = await engine.indexDocuments({ text, maxTokens: chunkTokens, pooling });
      if (run !== indexTicket) return;
      indexed = { text, chunks, bundled: documents.bundled };
      indexStatus.textContent = `${format.int(chunks.length)} chunks from ${name} (${format.int(text.length)} characters), each embedded as ${pooling === 'sif' ? 'a SIF-weighted mean' : 'the mean'} of its word vectors, and indexed by its words for BM25.`;
      fill(chunkList, chunks.map((chunk) => h('li', null, chunk.text)));
      await Promise.all([search(), measureRecall()]);
    } catch (error) {
      if (run !== indexTicket) return;
      indexed = null;
      indexStatus.textContent = `⚠ ${error.message}`;
      clearResults('');
    }
  }

  async function search() {
    const run = ++searchTicket;
    if (!indexed) return;
    const { question, hits } = store.get();
    if (!question.trim()) {
      clearResults('Type a question.');
      return;
    }
    let result;
    try {
      result = await engine.compareRetrieval({ query: question, k: Number(hits), promptFrom: store.get().promptFrom });
    } catch (error) {
      if (run !== searchTicket) return;
      clearResults(`⚠ ${error.code === 'no-model'
        ? 'There are no vectors yet: load some, or train on the library shelves.'
        : /no words/i.test(error.message) ? `“${question}” has no words to search for.` : error.message}`);
      return;
    }
    if (run !== searchTicket) return;
    searchStatus.textContent = `The chunks nearest to “${question}”, three ways:`;
    results.render(result);
    promptBox.value = result.prompt;
    copyStatus.textContent = '';
  }

  async function measureRecall() {
    const run = ++recallTicket;
    if (!indexed?.bundled) {
      recall.clear('The labelled questions are about the bundled passages: choose them to measure recall.');
      return;
    }
    const passages = paragraphsOf(indexed.text);
    const labelled = labelQuestions(indexed.text, questionSet.questions);
    try {
      const result = await engine.retrievalRecall({ questions: labelled.questions, paragraphs: labelled.paragraphs, ks: [1, 3, 5] });
      if (run !== recallTicket) return;
      recall.render({
        recall: result,
        questions: labelled.questions,
        passages: questionSet.questions.map((q) => q.passage),
        noShared: labelled.questions.map((q, i) => sharesNoWord(q, passages[labelled.paragraphs[i]])),
        pooling: store.get().pooling,
      });
    } catch (error) {
      if (run !== recallTicket) return;
      recall.clear(`⚠ ${error.message}`);
    }
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
    if (changed.has('promptFrom')) promptFrom.value = state.promptFrom;
    if (changed.has('chunkTokens')) {
      if (Number(chunkInput.value) !== state.chunkTokens) chunkInput.value = String(state.chunkTokens);
      chunkInput.setAttribute('aria-invalid', 'false');
    }
    if (changed.has('pooling')) for (const radio of poolingChoice.querySelectorAll('input')) radio.checked = radio.value === state.pooling;
    if (changed.has('pooling') || changed.has('chunkTokens')) indexDocuments();
    else search();
  }, ['question', 'hits', 'pooling', 'chunkTokens', 'promptFrom']);
  // The engine re-embeds the chunks itself when the vectors change; the hits are asked again.
  const live = ui.throttled(() => (indexed ? search() : indexDocuments()), 1000);
  const liveRecall = ui.throttled(() => measureRecall(), RECALL_EVERY_MS);
  const unsubscribeVectors = context.onVectors(() => {
    if (!indexed) return indexDocuments();
    live();
    liveRecall();
    return undefined;
  });

  return {
    unmount() {
      indexTicket += 1;
      searchTicket += 1;
      recallTicket += 1;
      live.cancel();
      liveRecall.cancel();
      typed.cancel();
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
