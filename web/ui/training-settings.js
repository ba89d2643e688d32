// The training settings of the library lesson: word2vec's knobs as a form bound to the store,
// each refused value said in words, and a glossary of what they mean.
import { h } from './dom.js';

const SETTING_FIELDS = [
  { key: 'model', label: 'Model', type: 'select', options: [['skipgram', 'skip-gram'], ['cbow', 'CBOW']] },
  { key: 'dim', label: 'Dimensions', min: 2, max: 300, step: 1 },
  { key: 'window', label: 'Window', min: 1, max: 20, step: 1 },
  { key: 'negative', label: 'Negatives', min: 1, max: 25, step: 1 },
  { key: 'epochs', label: 'Epochs', min: 1, max: 50, step: 1 },
  { key: 'lr', label: 'Learning rate', min: 0.0001, max: 1, step: 'any' },
  { key: 'minCount', label: 'Minimum count', min: 1, max: 10000, step: 1 },
  { key: 'sample', label: 'Subsampling', min: 0, max: 1, step: 'any' },
  { key: 'seed', label: 'Random seed', min: 0, max: 2 ** 31 - 1, step: 1 },
];

const GLOSSARY = [
  ['Model', 'skip-gram predicts the words around a word from it; CBOW predicts a word from the words around it.'],
  ['Dimensions', 'how many numbers each vector has.'],
  ['Window', 'how many words on each side count as context.'],
  ['Negatives', 'random “wrong” words contrasted with each true context word.'],
  ['Epochs', 'passes over the whole corpus.'],
  ['Learning rate', 'how far each update moves the vectors; it shrinks to zero as training ends.'],
  ['Minimum count', 'rarer words are left out of the vocabulary.'],
  ['Subsampling', 'very frequent words (the, and, of) are skipped at random above this share of the corpus; 0 keeps them all.'],
  ['Random seed', 'fixes the random starting vectors and samples, so runs can be repeated (and the shelves’ k-means).'],
];

/** @param {{ store, idPrefix: string, isTraining: () => boolean }} options */
export function trainingSettings({ store, idPrefix, isTraining }) {
  const form = h('form', { class: 'settings-form', onsubmit: (e) => e.preventDefault() });
  const note = h('p', { class: 'hint settings-note', role: 'status' });
  for (const field of SETTING_FIELDS) {
    const inputId = `${idPrefix}-${field.key}`;
    const control =
      field.type === 'select'
        ? h('select', { id: inputId, name: field.key }, field.options.map(([value, text]) => h('option', { value, selected: store.get()[field.key] === value }, text)))
        : h('input', { id: inputId, name: field.key, type: 'number', min: field.min, max: field.max, step: field.step, value: String(store.get()[field.key]), required: true });
    control.addEventListener('change', () => {
      if (field.type === 'select') {
        store.set({ [field.key]: control.value });
        return;
      }
      const value = Number(control.value);
      if (control.value === '' || !control.checkValidity() || !Number.isFinite(value)) {
        note.textContent = `⚠ ${field.label}: enter a number from ${field.min} to ${field.max}.`;
        control.setAttribute('aria-invalid', 'true');
        return;
      }
      control.setAttribute('aria-invalid', 'false');
      store.set({ [field.key]: value });
    });
    form.append(h('div', { class: 'field' }, h('label', { for: inputId }, field.label), control));
  }
  const element = h('details', { class: 'panel settings', open: true },
    h('summary', null, h('h3', { class: 'summary-heading' }, 'Training settings')),
    h('p', { class: 'hint' }, 'They apply from the next Reset. The same settings and seed train the same vectors.'),
    form,
    note,
    h('details', { class: 'glossary' }, h('summary', null, 'What the settings mean'),
      h('dl', null, GLOSSARY.flatMap(([term, text]) => [h('dt', null, term), h('dd', null, text)]))));

  // Settings can change from outside the form too (Back, the embedding page's shelf:set).
  const unsubscribe = store.subscribe((state, changed) => {
    if (!SETTING_FIELDS.some((f) => changed.has(f.key))) return;
    // Every field shows the store's value again, a rejected entry included.
    for (const field of SETTING_FIELDS) {
      const control = form.elements[field.key];
      if (String(control.value) !== String(state[field.key])) control.value = String(state[field.key]);
      control.setAttribute('aria-invalid', 'false');
    }
    note.textContent = isTraining() ? 'Settings changed: press Reset to train with them.' : '';
  });
  return { element, destroy: unsubscribe };
}
