// Skip-gram's own task for one word (a `contextsPredict` result): the context words the model
// predicts now, sigmoid(word · context), beside the contexts the corpus really has, and a line of
// how much more probability the real contexts get than an average word as training goes on.
import { fill, h } from './dom.js';

export function predictionLists() {
  const summary = h('p', { class: 'prediction-summary', 'aria-live': 'polite' });
  const predicted = h('ol', { class: 'prediction-list' });
  const actual = h('ol', { class: 'prediction-list' });
  const element = h('div', { class: 'prediction-lists' },
    summary,
    h('div', { class: 'pair-columns' },
      h('section', { 'aria-label': 'What the model predicts' }, h('h4', null, 'The model predicts'), predicted),
      h('section', { 'aria-label': 'What the corpus has' }, h('h4', null, 'The corpus has'), actual)));

  const item = (p, real, value) => h('li', { class: real ? 'real-context' : 'not-context', 'data-word': p.word },
    h('span', { class: 'prediction-word' }, p.word),
    h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: `${Math.round(value * 100)}%` } })),
    h('span', { class: 'prediction-value' }, real ? `${(p.probability * 100).toFixed(0)}%` : `${(p.probability * 100).toFixed(0)}%, never seen near it`));

  return {
    element,
    update(found) {
      if (!found) {
        summary.textContent = '';
        predicted.replaceChildren();
        actual.replaceChildren();
        return;
      }
      const realWords = new Set(found.actual.map((p) => p.word));
      fill(summary,
        `For “${found.word}”, skip-gram’s output is a probability for every word of being one of its contexts. `,
        `The corpus's ${found.actual.length} most telling contexts get ${(found.meanActual * 100).toFixed(0)}% on average, an average word ${(found.meanAll * 100).toFixed(0)}%; `,
        h('strong', { 'data-fact': 'agreement' }, `${found.agreement} of ${found.predicted.length}`), ' of the model’s top predictions are among them.');
      fill(predicted, found.predicted.map((p) => item(p, p.share > 0 || realWords.has(p.word), p.probability)));
      fill(actual, found.actual.map((p) => h('li', { 'data-word': p.word },
        h('span', { class: 'prediction-word' }, p.word),
        h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: `${Math.round(p.probability * 100)}%` } })),
        h('span', { class: 'prediction-value' }, `model ${(p.probability * 100).toFixed(0)}%, ${(p.share * 100).toFixed(1)}% of its contexts`))));
    },
  };
}
