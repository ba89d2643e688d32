// The "Check yourself" card: a question (web/check-questions.js) the learner answers before the
// lesson shows its computed answer; then the engine's answer on the vectors in use, and the
// lesson below. Answers the engine does not know (or the word filter hides) are never offered.
import { KINDS } from '../check-questions.js';
import { h, uid } from './dom.js';

/**
 * @param {{ question: { kind, words, choices }, engine, onAnswered?: (outcome) => void,
 *           onReveal?: () => void }} options
 *   onAnswered({ choice, correct, success }) after the engine answered; onReveal when the lesson
 *   may show (answered or skipped)
 */
export function checkYourself({ question, engine, onAnswered = () => {}, onReveal = () => {} }) {
  const kind = KINDS[question.kind];
  const name = uid('check');
  const titleId = uid('check-title');
  const choicesBox = h('div', { class: 'check-choices' });
  const submit = h('button', { type: 'submit', disabled: true }, 'Check my answer');
  const skip = h('button', { type: 'button', class: 'secondary', onclick: () => reveal() }, 'Skip to the lesson');
  const result = h('div', { class: 'check-result', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'check-form', onsubmit: (event) => { event.preventDefault(); answer(); } },
    h('fieldset', null, h('legend', null, kind.prompt(question.words)), choicesBox),
    h('div', { class: 'row' }, submit, skip),
  );
  const element = h(
    'section',
    { class: 'panel check-yourself', 'aria-labelledby': titleId, 'data-check': question.kind },
    h('h3', { id: titleId }, 'Check yourself'),
    h('p', { class: 'hint' }, 'Predict first: the lesson below shows the answer once you have chosen.'),
    form,
    result,
  );
  let choices = [];
  let revealed = false;

  function reveal() {
    if (revealed) return;
    revealed = true;
    skip.hidden = true;
    onReveal();
  }

  async function offer() {
    // Only answers the engine knows (the word filter's hidden words are refused like unknown ones).
    const found = kind.fixedChoices ? null : await engine.wordVectors({ words: question.choices }).catch(() => null);
    choices = kind.fixedChoices ? question.choices : question.choices.filter((_, i) => found?.ids[i] >= 0);
    if (choices.length < 2) {
      result.textContent = 'This question has fewer than two answers these vectors know, so it is left out.';
      form.hidden = true;
      reveal();
      return;
    }
    choicesBox.replaceChildren(...choices.map((choice, i) =>
      h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: String(i), onchange: () => { submit.disabled = false; } }),
        choice)));
  }

  async function answer() {
    const picked = form.querySelector(`input[name="${name}"]:checked`);
    if (!picked) return;
    const choice = Number(picked.value);
    submit.disabled = true;
    for (const input of form.querySelectorAll('input')) input.disabled = true;
    result.textContent = 'The engine is working it out…';
    try {
      const outcome = await kind.answer(engine, { ...question, choices });
      const success = outcome.correct === choice;
      element.dataset.outcome = success ? 'right' : 'wrong';
      result.replaceChildren(
        h('p', { class: success ? 'check-verdict is-right' : 'check-verdict is-wrong' },
          success ? `Right: “${choices[choice]}”.` : `Not quite: you chose “${choices[choice]}”, the engine says “${choices[outcome.correct]}”.`),
        outcome.details.some(Boolean)
          ? h('ul', { class: 'check-details' }, choices.map((c, i) =>
            outcome.details[i] ? h('li', { 'data-correct': String(i === outcome.correct) }, `${c}: ${outcome.details[i]}`) : null))
          : null,
        h('p', { class: 'hint' }, outcome.summary),
      );
      onAnswered({ choice: choices[choice], correct: choices[outcome.correct], success });
    } catch (error) {
      result.textContent = `⚠ The engine could not answer: ${error.message}`;
    }
    reveal();
  }

  offer().catch((error) => {
    result.textContent = `⚠ ${error.message}`;
    reveal();
  });
  return { element, destroy() {} };
}
