// One skip-gram update of the probe word (a push from `contextsPushes`): the window it came from
// with the probe and the word it had to predict marked, the positive and negative words with the
// model's scores before and after, and how the update moved the probe towards or away from each
// of its neighbours. Previous / next step through the pushes; next at the newest one trains on
// to the probe's next update. Left and right arrow keys do the same on the focused card.
import { fill, h } from './dom.js';

const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;

export function pushCard({ onNext, onPlay }) {
  const position = h('p', { class: 'push-position', 'aria-live': 'polite' });
  const windowLine = h('p', { class: 'push-window' });
  const targets = h('table', { class: 'push-targets' });
  const moves = h('table', { class: 'push-moves' });
  const previousButton = h('button', { type: 'button', class: 'secondary', 'aria-keyshortcuts': 'ArrowLeft' }, '← Previous push');
  const nextButton = h('button', { type: 'button', 'aria-keyshortcuts': 'ArrowRight', 'data-action': 'next-push' }, 'Next push →');
  const playButton = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false' }, 'Play pushes');
  const element = h('div', { class: 'push-card', tabindex: '0', 'aria-label': 'One update at a time: use the left and right arrow keys' },
    h('div', { class: 'row push-controls' }, previousButton, nextButton, playButton),
    position, windowLine,
    h('div', { class: 'push-columns' }, targets, moves));

  let pushes = [];
  let shown = -1;
  let busy = false;

  async function next() {
    if (busy) return;
    if (shown < pushes.length - 1) {
      shown += 1;
      draw();
      return;
    }
    busy = true;
    nextButton.disabled = true;
    try {
      await onNext?.();
    } finally {
      busy = false;
      nextButton.disabled = false;
    }
  }
  function previous() {
    if (shown > 0) {
      shown -= 1;
      draw();
    }
  }
  previousButton.addEventListener('click', previous);
  nextButton.addEventListener('click', next);
  playButton.addEventListener('click', () => {
    const on = playButton.getAttribute('aria-pressed') !== 'true';
    playButton.setAttribute('aria-pressed', String(on));
    playButton.textContent = on ? 'Stop' : 'Play pushes';
    onPlay?.(on);
  });
  element.addEventListener('keydown', (event) => {
    if (event.target !== element) return;
    if (event.key === 'ArrowRight') next();
    else if (event.key === 'ArrowLeft') previous();
    else return;
    event.preventDefault();
  });

  function draw() {
    const push = pushes[shown];
    previousButton.disabled = shown <= 0;
    if (!push) {
      position.textContent = 'No push yet: press “Next push” to train up to the next update of the word’s vector.';
      windowLine.replaceChildren();
      targets.replaceChildren();
      moves.replaceChildren();
      return;
    }
    const probe = push.window[push.probe];
    position.textContent =
      `Update ${push.number} of “${probe}” (learning rate ${push.learningRate.toFixed(4)}; its vector moved by ${push.moved.toFixed(4)}).` +
      (shown < pushes.length - 1 ? ` Showing ${shown + 1} of ${pushes.length} kept.` : '');
    fill(windowLine, '… ', push.window.map((word, i) => {
      const kind = i === push.probe ? 'push-probe' : i === push.centre ? 'push-positive' : 'push-other';
      return [h('span', { class: kind }, word), ' '];
    }), '…');
    const row = (word, role, before, after) => h('tr', { class: role === 'positive' ? 'push-row-positive' : 'push-row-negative' },
      h('th', { scope: 'row' }, word),
      h('td', null, role === 'positive' ? 'context ↑' : 'random ↓'),
      h('td', null, before.toFixed(3)), h('td', null, after.toFixed(3)));
    fill(targets,
      h('caption', null, `“${probe}” had to predict its neighbour in the window (↑: its score is pushed up), and not ${push.negatives.length} words drawn at random (↓: pushed down)`),
      h('thead', null, h('tr', null, ['word', 'role', 'P(context) before', 'after'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null,
        row(push.positive, 'positive', push.beforeScores[0], push.afterScores[0]),
        push.negatives.map((word, i) => row(word, 'negative', push.beforeScores[i + 1], push.afterScores[i + 1]))));
    const largest = Math.max(1e-9, ...push.neighbours.map((_, i) => Math.abs(push.neighbourAfter[i] - push.neighbourBefore[i])));
    fill(moves,
      h('caption', null, `How this one update moved “${probe}” against its nearest words`),
      h('thead', null, h('tr', null, ['neighbour', 'cosine before', 'change'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, push.neighbours.map((word, i) => {
        const change = push.neighbourAfter[i] - push.neighbourBefore[i];
        return h('tr', null,
          h('th', { scope: 'row' }, word),
          h('td', null, push.neighbourBefore[i].toFixed(3)),
          h('td', { class: change >= 0 ? 'towards' : 'away' },
            h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: `${Math.round((Math.abs(change) / largest) * 100)}%` } })),
            ` ${signed(change)} ${change >= 0 ? 'towards' : 'away'}`));
      })));
  }

  return {
    element,
    /** pushes: every push kept; a new one arriving is shown at once. */
    update(list) {
      const grew = list.length > pushes.length || list[list.length - 1] !== pushes[pushes.length - 1];
      pushes = list;
      if (grew || shown >= pushes.length) shown = pushes.length - 1;
      draw();
    },
    stopPlaying() {
      playButton.setAttribute('aria-pressed', 'false');
      playButton.textContent = 'Play pushes';
    },
  };
}
