// The labelled question set of the retrieval lesson (web/data/retrieval-questions.json): each
// question with the title of the bundled passage that answers it. The engine counts paragraphs
// (runs of non-blank lines) from 0; this finds each title's paragraph so the engine can score
// recall@k (`retrievalRecall`). Shared by the lesson, its tests and bench/retrieval-recall.mjs.

/** The paragraphs of a text as the engine counts them: maximal runs of non-blank lines. */
export function paragraphsOf(text) {
  const paragraphs = [];
  let open = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (open !== null) paragraphs.push(open.join('\n'));
      open = null;
    } else {
      (open ??= []).push(line);
    }
  }
  if (open !== null) paragraphs.push(open.join('\n'));
  return paragraphs;
}

/** A bundled passage's title: the words before its first full stop ("Bees and honey"). */
export function titleOf(paragraph) {
  const end = paragraph.indexOf('.');
  return (end < 0 ? paragraph : paragraph.slice(0, end)).trim();
}

/**
 * `{ questions: string[], paragraphs: number[], titles: string[] }` for the engine, from
 * `[{ question, passage }]`; throws naming a passage the text does not have.
 */
export function labelQuestions(text, set) {
  const titles = paragraphsOf(text).map(titleOf);
  const paragraphs = set.map(({ question, passage }) => {
    const index = titles.indexOf(passage);
    if (index < 0) throw new Error(`the question “${question}” names a passage “${passage}” that is not in the text`);
    return index;
  });
  return { questions: set.map((q) => q.question), paragraphs, titles };
}

/** The lowercased words of a text, as the engine's tokenizer finds them (letters, digits, inner ' and -). */
export function wordsOf(text) {
  return new Set([...text.toLowerCase().matchAll(/[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu)].map((m) => m[0]));
}

/** True when the question and the passage have no word in common. */
export function sharesNoWord(question, passage) {
  const passageWords = wordsOf(passage);
  return [...wordsOf(question)].every((word) => !passageWords.has(word));
}
