// Lesson 1: what an embedding is. A word is a token id and a list of numbers (a heat strip of
// its floats); two words are compared by the cosine of the angle between their vectors.
import { stringParam } from '../state.js';

export const id = 'embedding';
export const title = 'What an embedding is';
export const summary =
  'To a model, a word is a row number (its token id) and a row of numbers: its vector, or embedding. ' +
  'The numbers are learned from the words around it, so words used alike get vectors that point alike.';
export const params = {
  word: stringParam('king', 60),
  other: stringParam('queen', 60),
};

/** One plain sentence for a cosine similarity. */
export function describeCosine(a, b, cosine) {
  if (a.toLowerCase() === b.toLowerCase()) return `A word is always most similar to itself: the same vector, cosine 1.`;
  if (cosine >= 0.65) return `“${a}” and “${b}” point in nearly the same direction: the engine saw them in very similar company.`;
  if (cosine >= 0.4) return `“${a}” and “${b}” are clearly related: they share much of the company they keep in the corpus.`;
  if (cosine >= 0.2) return `“${a}” and “${b}” are loosely related: some contexts in common, many different ones.`;
  if (cosine >= -0.1) return `“${a}” and “${b}” have little to do with each other here: their vectors are close to perpendicular.`;
  return `“${a}” and “${b}” point in rather opposite directions: they turn up in different kinds of text.`;
}

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st. */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n.toLocaleString('en-US')}${suffix}`;
}

/**
 * Where `other` ranks among the nearest words of `word` (`neighbors` lists every other word,
 * nearest first), in a sentence; beyond the 10 nearest, one more sentence names the nearer words
 * that keep it out. Null when `other` is not in the list.
 */
export function describeRank(word, other, neighbors) {
  const rank = neighbors.indexOf(other) + 1;
  if (rank < 1) return null;
  const total = neighbors.length;
  const farther = total > 1 ? ((total - rank) / (total - 1)) * 100 : 100;
  const share = farther >= 99.95 ? farther.toFixed(2) : farther.toFixed(1);
  const first = `“${other}” is the ${ordinal(rank)} nearest to “${word}” of the other ${total.toLocaleString('en-US')} words: closer to it than ${share}% of them.`;
  if (rank <= 10) return first;
  const ahead = neighbors.slice(0, 3).map((w) => `“${w}”`).join(', ');
  return `${first} It is not among the 10 nearest because words such as ${ahead} share even more of the company “${word}” keeps in this corpus.`;
}

export function mount(container, context) {
  const { engine, store, ui, checkWord } = context;
  const { h, format, wordInput, heatStrip, sharedScale } = ui;

  const first = wordInput({
    label: 'Word',
    value: store.get().word,
    validate: checkWord,
    onCommit: (word) => word && store.set({ word }),
  });
  const second = wordInput({
    label: 'Compare with',
    value: store.get().other,
    validate: checkWord,
    onCommit: (word) => word && store.set({ other: word }),
  });
  const firstFacts = h('div', { class: 'facts', 'aria-live': 'polite' });
  const secondFacts = h('div', { class: 'facts', 'aria-live': 'polite' });
  const firstStrip = heatStrip({ label: 'first word' });
  const secondStrip = heatStrip({ label: 'second word' });
  const compareFirst = heatStrip({ label: 'first word' });
  const compareFirstName = h('span', { class: 'strip-name' });
  const compareSecondName = h('span', { class: 'strip-name' });
  const similarity = h('div', { class: 'similarity', 'aria-live': 'polite' });

  container.append(
    h(
      'section',
      { class: 'panel' },
      h('h3', null, 'One word'),
      h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); store.set({ word: first.value }); } },
        first.element, h('button', { type: 'submit' }, 'Show')),
      firstFacts,
      firstStrip.element,
      h('p', { class: 'hint' }, 'Each cell is one dimension: orange above zero, blue below, and the bars under the strip show the same values by height. Hover a cell to read it.'),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h3', null, 'Two words'),
      h('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); store.set({ other: second.value }); } },
        second.element, h('button', { type: 'submit' }, 'Compare')),
      secondFacts,
      h('div', { class: 'strip-pair' },
        h('div', { class: 'strip-row' }, compareFirstName, compareFirst.element),
        h('div', { class: 'strip-row' }, compareSecondName, secondStrip.element)),
      similarity,
      h(
        'p',
        { class: 'hint' },
        'Cosine similarity is the cosine of the angle between two vectors: 1 is the same direction, 0 is perpendicular (unrelated), −1 is opposite. The distance shown is 1 − cosine.',
      ),
    ),
  );

  let ticket = 0;
  async function lookUp(word) {
    try {
      return { word, result: await engine.vector({ word }) };
    } catch (error) {
      return { word, error };
    }
  }

  function facts(element, entry, vocab) {
    element.replaceChildren();
    if (!entry.word) return;
    if (entry.error) {
      const text =
        entry.error.code === 'bad-input'
          ? `“${entry.word}” is not in the vocabulary of these vectors${vocab ? ` (${format.int(vocab)} words)` : ''}, so it has no embedding. ` +
            'Words the corpus used too rarely were left out when it was trained.'
          : entry.error.code === 'no-model'
            ? 'There are no vectors yet: load some, or train on the library shelves.'
            : entry.error.message;
      element.append(h('p', { class: 'problem' }, `⚠ ${text}`));
      return;
    }
    const { word, id: tokenId, vector } = entry.result;
    element.append(
      h(
        'dl',
        { class: 'fact-list' },
        h('div', null, h('dt', null, 'word'), h('dd', { class: 'word' }, word)),
        h('div', null, h('dt', null, 'token id'), h('dd', { 'data-fact': 'id' }, String(tokenId))),
        h('div', null, h('dt', null, 'dimensions'), h('dd', { 'data-fact': 'dims' }, String(vector.length))),
      ),
    );
  }

  async function refresh() {
    const run = ++ticket;
    const { word, other } = store.get();
    const vocab = store.get().source?.vocab;
    const [a, b] = await Promise.all([lookUp(word), lookUp(other)]);
    let cosine = null;
    let rank = null;
    if (!a.error && !b.error) {
      cosine = await engine.similarity({ a: word, b: other }).catch(() => null);
      // Every other word, nearest first, in one request: where the second word ranks.
      const all = await engine.neighbors({ word, k: Math.max(1, (vocab ?? 100000) - 1) }).catch(() => null);
      if (all && a.result.word !== b.result.word) rank = describeRank(a.result.word, b.result.word, all.words);
    }
    if (run !== ticket) return;
    facts(firstFacts, a, vocab);
    facts(secondFacts, b, vocab);
    const scale = sharedScale(a.result?.vector, b.result?.vector);
    firstStrip.update(a.result?.vector ?? null, { name: a.word, sharedScale: scale });
    secondStrip.update(b.result?.vector ?? null, { name: b.word, sharedScale: scale });
    compareFirst.update(a.result?.vector ?? null, { name: a.word, sharedScale: scale });
    compareFirstName.textContent = a.word;
    compareSecondName.textContent = b.word;
    similarity.replaceChildren();
    if (cosine) {
      similarity.append(
        h(
          'p',
          { class: 'big-numbers' },
          h('span', null, 'cosine similarity ', h('strong', { 'data-fact': 'cosine' }, cosine.cosine.toFixed(3))),
          h('span', null, 'distance ', h('strong', { 'data-fact': 'distance' }, cosine.distance.toFixed(3))),
        ),
        h('p', { class: 'sentence' }, describeCosine(a.result.word, b.result.word, cosine.cosine)),
        rank ? h('p', { class: 'rank-sentence', 'data-fact': 'rank' }, rank) : null,
      );
    }
  }

  const unsubscribeWords = store.subscribe((state, changed) => {
    if (changed.has('word') && first.value !== state.word) first.value = state.word;
    if (changed.has('other') && second.value !== state.other) second.value = state.other;
    refresh();
  }, ['word', 'other']);
  const unsubscribeVectors = context.onVectors(() => {
    refresh();
    first.check();
    second.check();
  });

  return {
    unmount() {
      ticket += 1;
      unsubscribeWords();
      unsubscribeVectors();
      firstStrip.destroy();
      secondStrip.destroy();
      compareFirst.destroy();
    },
  };
}
