// The learner's edit of the corpus: sentences to add (each repeated, as a text that keeps saying
// it), or every line where the two words of the pair meet taken out; then "retrain" from the same
// seed. The comparison with the run before is drawn by the lesson (the line and neighbours).
import { h } from './dom.js';

export function corpusEdit({ onRetrain, onRestore }) {
  const addId = 'contexts-add';
  const repeatId = 'contexts-repeat';
  const added = h('textarea', { id: addId, rows: 3, spellcheck: 'false', 'aria-describedby': 'contexts-add-hint', oninput: () => { added.dataset.touched = '1'; } });
  const repeat = h('input', { id: repeatId, type: 'number', min: 1, max: 1000, value: 200, inputmode: 'numeric' });
  const remove = h('input', { id: 'contexts-remove', type: 'checkbox' });
  const removeLabel = h('label', { for: 'contexts-remove' });
  const hint = h('p', { class: 'hint', id: 'contexts-add-hint' });
  const retrain = h('button', { type: 'submit', 'data-action': 'retrain' }, 'Retrain on the changed text');
  const restore = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => onRestore?.() }, 'Back to the original text');
  const problem = h('p', { class: 'problem', role: 'alert' });
  const form = h('form', { class: 'corpus-edit', onsubmit: (event) => {
    event.preventDefault();
    const times = Number(repeat.value);
    if (!Number.isInteger(times) || times < 1 || times > 1000) {
      problem.textContent = '⚠ Repeat each sentence from 1 to 1000 times.';
      return;
    }
    const lines = added.value.split('\n').map((line) => line.trim()).filter(Boolean);
    if (!lines.length && !remove.checked) {
      problem.textContent = '⚠ Write a sentence to add, or tick the box to take lines out.';
      return;
    }
    problem.textContent = '';
    onRetrain?.({ lines, times, remove: remove.checked });
  } },
  h('div', { class: 'field' }, h('label', { for: addId }, 'Sentences to add (one per line)'), added, hint),
  h('div', { class: 'field' }, h('label', { for: repeatId }, 'Each added'), h('div', { class: 'row' }, repeat, h('span', null, 'times'))),
  h('div', { class: 'field checkbox-field' }, remove, removeLabel),
  h('div', { class: 'row' }, retrain, restore),
  problem);

  return {
    element: form,
    /**
     * Suggests sentences (`suggestion`: the word's own contexts with the unrelated word in its
     * place) and names the pair whose lines the box removes.
     */
    setWords({ a, b, third, suggestion }) {
      if (!added.dataset.touched && suggestion?.length) added.value = suggestion.join('\n');
      hint.textContent = `Suggested: lines of the corpus where “${a}” stands, with “${third}” in its place. A word takes on the meaning of the contexts it keeps.`;
      removeLabel.textContent = `Take out every line where “${a}” and “${b}” both appear`;
    },
    setBusy(busy) {
      retrain.disabled = busy;
    },
    setEdited(edited) {
      restore.hidden = !edited;
    },
    get textarea() {
      return added;
    },
  };
}
