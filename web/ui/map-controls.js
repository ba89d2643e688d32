// The map's own controls, laid over its corners: a search box that finds a word (or says it is
// not on the map, with words that start the same), buttons to zoom, to see the whole map and to
// pan (the non-drag way to do every drag), and one status line that says what the last action
// did, with a button to pick the found word when the lesson takes picks.
import { h, uid } from './dom.js';

/**
 * The map's canvas (focusable: the keys work on it, described by a hidden line of help) and its
 * tooltip.
 */
export function mapSurface(label) {
  const helpId = uid('map-keys');
  const canvas = h('canvas', {
    class: 'scatter-canvas', tabindex: '0', role: 'application', 'aria-roledescription': 'map',
    'aria-label': label, 'aria-describedby': helpId,
  });
  const help = h('p', { id: helpId, class: 'map-keys-help', hidden: true },
    'Arrow keys move the map, plus and minus zoom, 0 shows the whole map, Enter picks the word under the centre cross. ' +
    'The table view lists the words in text.');
  const tooltip = h('div', { class: 'scatter-tooltip', hidden: true, 'aria-hidden': 'true' });
  return { canvas, help, tooltip };
}

/** Words offered when the one searched for is not on the map. */
const SUGGESTIONS = 6;

/**
 * @param {{ find(word): number, zoomCentre(f): void, panBy(dx, dy): void, reset(): void,
 *   pick(index): void, words(): string[], canPick(): boolean, pickLabel: string, panStep: number,
 *   label: string }} map (label: the map's name, e.g. "Map of the category words")
 */
export function mapControls(map) {
  const inputId = uid('map-find');
  const input = h('input', { id: inputId, type: 'search', class: 'map-find-input', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search', placeholder: 'a word' });
  const status = h('p', { class: 'map-status', role: 'status', 'data-role': 'map-status' });
  const form = h('form', { class: 'map-find', role: 'search', 'aria-label': `Search the ${map.label.toLowerCase()}` },
    h('label', { for: inputId, class: 'map-find-label' }, 'Find a word on the map'),
    input,
    h('button', { type: 'submit', class: 'map-button map-find-button' }, 'Find'));

  const say = (...parts) => {
    status.replaceChildren(...parts.flat().filter((p) => p !== null && p !== undefined));
    status.hidden = !status.textContent;
  };
  status.hidden = true;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const word = input.value.trim();
    if (!word) {
      say('Type a word to find it on the map.');
      return;
    }
    const index = map.find(word);
    if (index >= 0) {
      const found = map.words()[index];
      const pickButton = map.canPick()
        ? h('button', { type: 'button', class: 'map-button map-pick', onclick: () => map.pick(index) }, `${map.pickLabel}: “${found}”`)
        : null;
      say(`Found “${found}”: it is at the centre, ringed.`, pickButton ? ' ' : null, pickButton);
      return;
    }
    const lower = word.toLowerCase();
    const near = map.words().filter((w) => w.startsWith(lower)).slice(0, SUGGESTIONS);
    say(`“${word}” is not on the map.`, near.length ? ` Words on it that start so: ${near.join(', ')}.` : '');
  });

  const button = (text, label, action, className = '') =>
    h('button', { type: 'button', class: `map-button ${className}`.trim(), 'aria-label': label, title: label, onclick: action }, text);
  const step = map.panStep;
  const zoomGroup = h('div', { class: 'map-zoom', role: 'group', 'aria-label': 'Zoom' },
    button('+', 'Zoom in', () => map.zoomCentre(1.6), 'map-zoom-in'),
    button('−', 'Zoom out', () => map.zoomCentre(1 / 1.6), 'map-zoom-out'),
    button('⤢', 'Show the whole map', () => map.reset(), 'map-reset'));
  const panGroup = h('div', { class: 'map-pan', role: 'group', 'aria-label': 'Move the map' },
    button('↑', 'Move up', () => map.panBy(0, step), 'map-pan-up'),
    button('←', 'Move left', () => map.panBy(step, 0), 'map-pan-left'),
    button('→', 'Move right', () => map.panBy(-step, 0), 'map-pan-right'),
    button('↓', 'Move down', () => map.panBy(0, -step), 'map-pan-down'));

  return { form, zoomGroup, panGroup, status, say, input };
}
