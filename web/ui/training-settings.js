// The training settings of the library lesson: word2vec's knobs as a form bound to the store,
// each refused value said in words, and a glossary of what they mean.
import { PAGE_SETTINGS, TRAINING_SETTINGS, pageSide } from '../../wasm/training-settings.js';
import { h } from './dom.js';

// The form's fields, keyed by the store's (URL) names, from the declaration of each setting (the
// speed is among the training controls instead).
const FORM_SETTINGS = PAGE_SETTINGS.filter((name) => pageSide(name).form !== false);
const SETTING_FIELDS = FORM_SETTINGS.map((name) => {
  const { type, url, label, choices, choiceLabels } = TRAINING_SETTINGS[name];
  if (type === 'choice') return { key: url, label, type: 'select', options: choices.map((value, i) => [value, choiceLabels?.[i] ?? String(value)]) };
  const { min, max } = pageSide(name);
  return { key: url, label, min, max, step: type === 'int' ? 1 : 'any' };
});

const GLOSSARY = FORM_SETTINGS.map((name) => [TRAINING_SETTINGS[name].label, TRAINING_SETTINGS[name].meaning]);

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
