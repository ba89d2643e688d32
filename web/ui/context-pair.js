// Two words' contexts side by side (a `contextsPair` result): the telling contexts both have, and
// those only one of them has, with how often each word meets them.
import { fill, format, h } from './dom.js';

export function contextPair() {
  const summary = h('p', { class: 'pair-summary', 'aria-live': 'polite' });
  const columns = h('div', { class: 'pair-columns' });
  const element = h('div', { class: 'context-pair' }, summary, columns);

  const column = (title, entries, kind, a, b) => h('section', { class: `pair-column pair-${kind}`, 'aria-label': title },
    h('h4', null, title),
    entries.length
      ? h('table', { class: 'pair-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'context'), h('th', { scope: 'col' }, `with ${a}`), h('th', { scope: 'col' }, `with ${b}`))),
        h('tbody', null, entries.map((e) => h('tr', { 'data-context': e.word },
          h('th', { scope: 'row' }, e.word), h('td', null, format.int(e.countA)), h('td', null, format.int(e.countB))))))
      : h('p', { class: 'hint' }, 'None.'));

  return {
    element,
    update(pair) {
      if (!pair) {
        summary.textContent = '';
        columns.replaceChildren();
        return;
      }
      const { a, b } = pair;
      fill(summary,
        h('strong', null, `${(pair.overlap * 100).toFixed(0)}%`),
        ` of the times “${a}” (${format.int(pair.countA)}×) and “${b}” (${format.int(pair.countB)}×) meet a word within the window, it is a word both of them meet. `,
        `Every such shared context asks the model to predict it from both, so gradient descent moves both vectors the same way.`);
      fill(columns,
        column(`Shared by ${a} and ${b}`, pair.shared, 'shared', a, b),
        column(`Only ${a}`, pair.onlyA, 'only-a', a, b),
        column(`Only ${b}`, pair.onlyB, 'only-b', a, b));
    },
  };
}
