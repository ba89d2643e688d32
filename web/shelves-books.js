// Which books stand on the library floor (the reading list, the most frequent words, or the
// learner's own), and the one engine request per checkpoint that shelves them: `clusterWords`
// clusters, names, matches, orders, projects them and finds the probe's neighbours (all in the
// engine; docs/protocol.md). No DOM here: the lesson and its views draw what this returns.
import readingList from './data/reading-list.json';
import { boolParam, choiceParam, intParam, stringParam } from './state.js';
import { MAP_WORDS, PROBE_NEIGHBORS } from './training.js';

/** The hidden topics of the reading list: [{ id, name, words }]. */
export const TOPICS = readingList.topics;
const READING_WORDS = TOPICS.flatMap((topic) => topic.words);
const TOPIC_OF = new Map(TOPICS.flatMap((topic, t) => topic.words.map((word) => [word, t])));

export const BOOK_SOURCES = ['reading', 'frequent', 'mine'];
/** Most words a learner may put on the floor. */
export const MAX_OWN_WORDS = 2000;
/** Words per shelf name. */
const NAME_WORDS = 3;

/** The lesson's URL settings. */
export const shelfParams = {
  books: choiceParam('reading', BOOK_SOURCES),
  // As many shelves as the reading list has topics, so shelves and topics can agree one to one.
  shelves: intParam(TOPICS.length, 2, 40),
  mywords: stringParam('', 20000),
  reveal: boolParam(false),
  center: boolParam(true),
};

/** The learner's words: split at spaces, commas and semicolons, lowercased, each once. */
export function parseWords(text) {
  const words = [];
  const seen = new Set();
  for (const word of String(text ?? '').toLowerCase().split(/[\s,;]+/)) {
    if (!word || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
    if (words.length === MAX_OWN_WORDS) break;
  }
  return words;
}

/**
 * The books of a state: `words` (null: the `limit` most frequent) and, for the reading list,
 * one topic per word.
 */
export function booksOf(state) {
  if (state.books === 'frequent') return { source: 'frequent', words: null, limit: MAP_WORDS, topics: null };
  if (state.books === 'mine') return { source: 'mine', words: parseWords(state.mywords), limit: 0, topics: null };
  return { source: 'reading', words: READING_WORDS, limit: 0, topics: READING_WORDS.map((word) => TOPIC_OF.get(word)) };
}

/** The reading-list topic of each word (-1: not on the list). */
export const topicsOf = (words) => Int32Array.from(words, (word) => TOPIC_OF.get(word) ?? -1);

/**
 * The `clusterWords` request for the books of `state`, matched to `previous` (an earlier map: its
 * words, points and shelves), with the probe and its neighbours put on the floor.
 */
export function shelvesRequest(state, previous, probe) {
  const books = booksOf(state);
  const count = books.words ? books.words.length : books.limit;
  const request = {
    k: Math.max(1, Math.min(state.shelves, count)),
    fitK: true, // another corpus may know only a few of the books
    seed: state.seed,
    center: state.center,
    components: 2,
    representatives: NAME_WORDS,
    ...(books.words ? { words: books.words } : { limit: books.limit }),
    ...(books.topics ? { topics: books.topics } : {}),
  };
  // The probe and its neighbours join the books, except on a UMAP map (UMAP lays out the most
  // frequent words only; there they are marked when they are among them).
  const umap = books.source === 'frequent' && state.projection === 'umap';
  if (probe) Object.assign(request, { neighborsOf: [probe], neighbors: PROBE_NEIGHBORS, addNeighbors: !umap });
  if (previous?.words?.length && (previous.shelves || previous.points?.length === 2 * previous.words.length)) {
    request.previousWords = previous.words;
    request.previousLabels = previous.shelves?.labels ?? new Int32Array(previous.words.length).fill(-1);
    if (previous.points?.length === 2 * previous.words.length) request.previousPoints = previous.points;
  }
  return { request, books };
}

/** A map of the books on shelves, as a checkpoint keeps it (see training.js `setMapper`). */
export async function mapShelves(engine, state, previous, probe) {
  const { request, books } = shelvesRequest(state, previous, probe);
  if (books.words && !books.words.length) {
    const error = new Error('Type some words to put on the shelves.');
    error.code = 'bad-input';
    throw error;
  }
  const shelves = await engine.clusterWords(request);
  const entry = shelves.neighbors?.[0];
  const probed = !probe
    ? null
    : entry?.known
      ? { word: entry.word, words: entry.words, scores: entry.scores }
      : { word: probe, words: [], scores: [], problem: `“${probe}” is not in the vocabulary`, code: 'bad-input' };
  return {
    words: shelves.words,
    points: shelves.points,
    explained: shelves.explained,
    probe: probed,
    shelves,
    topics: books.source === 'reading' ? topicsOf(shelves.words) : null,
    source: books.source,
    // UMAP lays out the most frequent words (those the classroom filter leaves): only a map of
    // exactly those, with no neighbours of the probe added, can use it.
    umapable: books.source === 'frequent' && shelves.words.length <= books.limit,
  };
}

/** Each book's nearest words (one request for a page of the table). */
export async function neighboursOf(engine, state, words, k = 3) {
  const result = await engine.clusterWords({ words, k: 1, center: state.center, neighborsOf: words, neighbors: k });
  return new Map(result.neighbors.map((entry) => [entry.word, entry.words]));
}
