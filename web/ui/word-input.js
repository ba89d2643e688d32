// A labelled text field for one word, checked as the user types: `validate(word)` resolves to
// null when the word is fine, or to a sentence saying what is wrong (shown under the field, in
// words, with aria-invalid; never by colour alone). Suggestions come from the page's shared
// vocabulary list (<datalist id="shelf-vocabulary">, kept by the app).
import { h, uid } from './dom.js';

/** How long typing must pause before the word is checked. */
const CHECK_DELAY_MS = 200;

/**
 * @param {{ label: string, value?: string, hint?: string, size?: number,
 *           validate?: (word: string) => Promise<string|null>,
 *           onCommit?: (word: string) => void }} options
 */
export function wordInput({ label, value = '', hint = '', size = 14, validate, onCommit }) {
  const id = uid('word');
  const messageId = `${id}-message`;
  const input = h('input', {
    id,
    type: 'text',
    value,
    size,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    list: 'shelf-vocabulary',
    'aria-describedby': messageId,
  });
  const message = h('span', { class: 'field-message', id: messageId, 'aria-live': 'polite' }, hint);
  const element = h('div', { class: 'field word-field' }, h('label', { for: id }, label), input, message);

  let timer = 0;
  let checking = 0;
  async function check() {
    const word = input.value.trim();
    const ticket = ++checking;
    if (!validate || !word) {
      show(null);
      return true;
    }
    const problem = await validate(word).catch((error) => error.message);
    if (ticket !== checking) return !problem; // a newer check is under way
    show(problem);
    return !problem;
  }

  function show(problem) {
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    message.textContent = problem ? `⚠ ${problem}` : hint;
    message.classList.toggle('is-problem', Boolean(problem));
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY_MS);
  });
  input.addEventListener('change', () => {
    clearTimeout(timer);
    check();
    onCommit?.(input.value.trim());
  });

  return {
    element,
    input,
    get value() {
      return input.value.trim();
    },
    set value(word) {
      input.value = word;
      check();
    },
    check,
    show,
  };
}
