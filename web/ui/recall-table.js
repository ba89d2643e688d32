// Recall@k of each retrieval method on the lesson's labelled questions (the engine's
// `retrievalRecall` result), and, folded away, every question with the rank each method gave its
// passage. A pure render; the rows of the pooling in use are marked.
import { fill, h } from './dom.js';

/**
 * Returns { element, render({ recall, questions, passages, noShared, pooling }), clear(message) }.
 * `passages[i]` is the title answering questions[i]; `noShared[i]` is true when they share no word.
 */
export function recallTable() {
  const status = h('p', { class: 'hint', role: 'status', 'data-role': 'recall-status' });
  const table = h('table', { class: 'recall-table' });
  const perQuestion = h('table', { class: 'recall-questions' });
  const details = h('details', { class: 'recall-details' }, h('summary', null, 'Every question, with the rank of its passage'), h('div', { class: 'table-scroll' }, perQuestion));
  const element = h('div', { class: 'recall' }, status, h('div', { class: 'table-scroll' }, table), details);

  function render({ recall, questions, passages, noShared, pooling }) {
    const { ks, methods } = recall;
    status.textContent = `${questions.length} questions, each labelled with the passage that answers it; ${noShared.filter(Boolean).length} share no word with it. ` +
      'Recall@k: the share of questions whose passage is among the first k chunks.';
    fill(table,
      h('caption', null, 'Recall@k on the labelled questions'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'method'), ks.map((k) => h('th', { scope: 'col' }, `recall@${k}`)))),
      h('tbody', null, methods.map((m) => h('tr', {
        class: m.method === 'words' || m.pooling === pooling ? 'current' : 'other',
        'data-method': m.method, 'data-pooling': m.pooling,
      },
      h('th', { scope: 'row' }, m.name),
      m.recall.map((r, i) => h('td', { 'data-fact': `recall-${m.method}-${m.pooling}-${ks[i]}` }, r.toFixed(2)))))));
    fill(perQuestion,
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'question'), h('th', { scope: 'col' }, 'answered by'),
        methods.map((m) => h('th', { scope: 'col' }, m.name)))),
      h('tbody', null, questions.map((q, i) => h('tr', null,
        h('th', { scope: 'row' }, q, noShared[i] ? h('span', { class: 'no-shared' }, ' (no shared word)') : null),
        h('td', null, passages[i]),
        methods.map((m) => h('td', { class: m.ranks[i] === 1 ? 'rank-first' : null }, m.ranks[i] ? `#${m.ranks[i]}` : '—'))))));
  }

  function clear(message) {
    status.textContent = message;
    table.replaceChildren();
    perQuestion.replaceChildren();
  }

  return { element, render, clear };
}
