// Play, pause, step, reset, cancel and the speed of a live training, with its progress and a
// status line. The speed is a pace in corpus words per second of wall-clock time (the worker
// waits between slices), down to a slow motion a person can follow.
import { SPEEDS } from '../state.js';
import { format, h } from './dom.js';

const SPEED_NAMES = new Map([
  [5000, 'slow motion'],
  [20000, 'slow'],
  [60000, 'watchable'],
  [0, 'as fast as it goes'],
]);

export function speedName(speed) {
  const name = SPEED_NAMES.get(speed) ?? '';
  return speed ? `${name}: ${format.int(speed)} words/s` : name;
}

/**
 * @param {{ store, training, idPrefix: string, onCancel: () => Promise<string> }} options
 *   onCancel gives the run up and resolves with a sentence for the learner
 */
export function trainingControls({ store, training, idPrefix, onCancel }) {
  const message = h('p', { class: 'train-message', role: 'status' });
  let pressed = null; // the button last pressed, to hand focus on when it becomes disabled
  async function act(action, event) {
    pressed = event?.currentTarget ?? null;
    message.textContent = '';
    try {
      await action();
    } catch (error) {
      message.textContent = `⚠ ${error.message}`;
    }
  }
  const playButton = h('button', { type: 'button', onclick: (e) => act(() => training.play(), e) }, '▶ Play');
  const pauseButton = h('button', { type: 'button', class: 'secondary', onclick: (e) => act(() => training.pause(), e) }, 'Pause');
  const stepButton = h('button', { type: 'button', class: 'secondary', onclick: () => act(() => training.step()) }, 'Step');
  const resetButton = h('button', { type: 'button', class: 'secondary', onclick: () => act(() => training.reset()) }, 'Reset');
  const cancelButton = h('button', {
    type: 'button', class: 'secondary', 'data-role': 'cancel-training',
    onclick: () => act(async () => { message.textContent = await onCancel(); }),
  }, 'Cancel training');
  const speedId = `${idPrefix}-speed`;
  const speed = h(
    'select',
    { id: speedId, onchange: () => store.set({ speed: Number(speed.value) }) },
    SPEEDS.map((n) => h('option', { value: String(n), selected: n === store.get().speed }, speedName(n))),
  );
  const stats = h('p', { class: 'train-stats', 'data-role': 'stats' });
  const progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Training progress' });
  const element = h('div', { class: 'training-controls' },
    h('div', { class: 'row controls' }, playButton, pauseButton, stepButton, resetButton, cancelButton,
      h('span', { class: 'field inline' }, h('label', { for: speedId }, 'Speed'), speed)),
    progressBar,
    stats,
    message);

  /**
   * Keeps keyboard focus on a control: a pressed button that became disabled (Play while training
   * runs, Pause once paused) hands it to its counterpart, rather than letting it fall to the page.
   */
  function keepFocus(disabledNow, next) {
    const lost = document.activeElement === disabledNow || document.activeElement === document.body || !document.activeElement;
    if (pressed === disabledNow && lost && disabledNow.disabled && !next.disabled) {
      pressed = null;
      next.focus();
    }
  }

  function render(state) {
    const running = state.phase === 'running';
    const busy = state.phase === 'preparing';
    playButton.disabled = running || busy;
    pauseButton.disabled = !running;
    stepButton.disabled = busy;
    resetButton.disabled = busy;
    cancelButton.disabled = state.phase === 'idle';
    keepFocus(playButton, pauseButton);
    keepFocus(pauseButton, playButton);
    playButton.textContent = state.phase === 'finished' ? '▶ Train again' : '▶ Play';
    const p = state.progress;
    progressBar.value = p ? p.fraction : 0;
    if (busy) {
      stats.textContent = 'Preparing: reading the corpus and making random vectors…';
    } else if (p && state.phase !== 'idle' && p.wordsDone > 0) {
      const loss = state.lossY[state.lossY.length - 1] ?? p.loss;
      const pace = p.wallWordsPerSecond || p.wordsPerSecond; // the paced speed, when the loop reported it
      stats.textContent =
        `${{ finished: 'Finished', running: 'Training' }[state.phase] ?? 'Paused'} · epoch ${Math.min(p.epoch + 1, p.epochs)} of ${p.epochs} · ` +
        `${format.int(p.wordsDone)} of ${format.int(p.wordsTotal)} words (${Math.round(p.fraction * 100)}%) · ` +
        `loss ${format.loss(loss)}${pace ? ` · ${format.int(pace)} words/s` : ''}`;
    } else if (p && state.phase !== 'idle') {
      stats.textContent = `Ready: random vectors, not trained yet (${format.int(p.wordsTotal)} words to train). Press Play.`;
    } else {
      stats.textContent = 'Not training. The map shows the loaded vectors.';
    }
    if (state.error) message.textContent = `⚠ ${state.error}`;
    document.body.dataset.trainingPhase = state.phase;
  }

  const unsubscribe = store.subscribe((state) => {
    speed.value = String(state.speed);
  }, ['speed']);
  return { element, render, message, destroy: unsubscribe };
}
