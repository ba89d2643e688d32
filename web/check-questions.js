// "Check yourself": one predict-then-reveal question per lesson, answered by the engine on the
// vectors in use. Authors turn it on with `check=1` in the lesson's link and may choose its words:
//   checkWords    the question's words, comma-separated: a word (nearest), three words a,b,c
//                 (analogy: b − a + c), or two sentences (order)
//   checkChoices  the answers offered, comma-separated (nearest, analogy)
// A lesson module may export `check` ({ kind, words, choices }) to replace its default below;
// the kinds and how the engine answers them are here, the view in web/ui/check-yourself.js.
import { boolParam, stringParam } from './state.js';
import { cosine } from './vector-math.js';

export const checkParams = {
  check: boolParam(false),
  checkWords: stringParam('', 300),
  checkChoices: stringParam('', 300),
};
export const CHECK_KEYS = Object.keys(checkParams);

/** Each lesson's question unless its link or its module says otherwise. */
export const DEFAULT_CHECKS = {
  embedding: { kind: 'nearest', words: ['france'], choices: ['spain', 'paris', 'river', 'king'] },
  shelves: { kind: 'nearest', words: ['france'], choices: ['spain', 'paris', 'river', 'king'] },
  analogy: { kind: 'analogy', words: ['man', 'king', 'woman'], choices: ['queen', 'prince', 'daughter', 'mother'] },
  clusters: { kind: 'nearest', words: ['dog'], choices: ['cat', 'lion', 'run', 'happy'] },
  positions: { kind: 'order', words: ['dog bites man', 'man bites dog'] },
  retrieval: { kind: 'nearest', words: ['ark'], choices: ['noah', 'tabernacle', 'water', 'king'] },
};

const MAX_CHOICES = 6;
const list = (text) => text.split(',').map((part) => part.trim()).filter(Boolean);

/** The question for a lesson and the current settings, or null when checks are off. */
export function questionFor(lesson, state) {
  if (!state.check || !lesson) return null;
  const base = lesson.check ?? DEFAULT_CHECKS[lesson.id];
  if (!base) return null;
  const words = state.checkWords ? list(state.checkWords) : base.words;
  const choices = (state.checkChoices ? list(state.checkChoices) : base.choices ?? []).slice(0, MAX_CHOICES);
  const kind = KINDS[base.kind];
  if (!kind || words.length < kind.words) return null;
  return { kind: base.kind, words: words.slice(0, kind.words), choices: kind.fixedChoices ?? choices };
}

const meanRow = (matrix, dim, rows) => {
  const out = new Float64Array(dim);
  for (let r = 0; r < rows; r += 1) for (let d = 0; d < dim; d += 1) out[d] += matrix[r * dim + d] / rows;
  return out;
};
const show = (x) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/**
 * The kinds of question. `answer(engine, question)` asks the engine and resolves with
 * { correct: index of the right choice, details: [text per choice], summary, dropped: [choices
 * the engine refused, e.g. unknown or hidden words] }.
 */
export const KINDS = {
  nearest: {
    words: 1,
    prompt: ([word]) => `Which of these words is nearest to “${word}”?`,
    async answer(engine, { words: [word], choices }) {
      const scored = await Promise.all(choices.map((choice) =>
        engine.similarity({ a: word, b: choice }).then((r) => r.cosine, () => null)));
      const top = await engine.neighbors({ word, k: 3 });
      return ranked(choices, scored, (x) => `cosine ${show(x)}`, (best) =>
        `The engine measures “${best}” nearest to “${word}” among these. Its three nearest words overall: ${top.words.join(', ')}.`);
    },
  },
  analogy: {
    words: 3,
    prompt: ([a, b, c]) => `${b} − ${a} + ${c} = ? Which word comes first?`,
    async answer(engine, { words: [a, b, c], choices }) {
      const ranks = await Promise.all(choices.map((choice) =>
        engine.analogy({ a, b, c, k: 1, answer: choice }).then((r) => -r.rank, () => null)));
      const top = await engine.analogy({ a, b, c, k: 3 });
      return ranked(choices, ranks, (x) => `rank ${-x}`, () =>
        `The engine's three best answers to ${b} − ${a} + ${c}: ${top.words.join(', ')}.`);
    },
  },
  order: {
    words: 2,
    fixedChoices: ['Yes, they get different vectors', 'No, they get the same vector'],
    prompt: ([one, two]) => `Without positions, will “${one}” and “${two}” get different vectors (the mean of their word vectors)?`,
    async answer(engine, { words: [one, two] }) {
      const [p, q] = await Promise.all([one, two].map((sentence) => engine.positions({ sentence, scale: 0 })));
      const similarity = cosine(meanRow(p.tokenVectors, p.dim, p.tokens.length), meanRow(q.tokenVectors, q.dim, q.tokens.length));
      const same = similarity > 0.9995;
      return {
        correct: same ? 1 : 0,
        details: [null, null], // the summary says it: a cosine is not a property of one answer
        dropped: [],
        summary: same
          ? `The two means have cosine ${show(similarity)}: the same words in any order make the same vector.`
          : `The two means have cosine ${show(similarity)}: the sentences do not use the same words.`,
      };
    },
  },
};

function ranked(choices, scores, describe, summarise) {
  const dropped = choices.filter((_, i) => scores[i] === null);
  let correct = -1;
  scores.forEach((score, i) => {
    if (score !== null && (correct < 0 || score > scores[correct])) correct = i;
  });
  if (correct < 0) throw new Error('None of the answers is in the vocabulary of these vectors.');
  return {
    correct,
    details: scores.map((score) => (score === null ? 'not in these vectors' : describe(score))),
    dropped,
    summary: summarise(choices[correct]),
  };
}
