// Above every lesson: which vectors it answers from, and a one-click switch between the bundled
// snapshot, your training and your file (web/vector-sources.js). Choices that do not exist yet are
// shown disabled with what would make them; saved work from an earlier visit is offered here.
import { format, h } from './dom.js';
import { currentChoice, savedChoice } from '../vector-sources.js';

const when = (ms) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

let instances = 0;

/** @param {{ store, sources: { choose(id): Promise<void> }, embedded?: boolean }} options */
export function vectorsSwitch({ store, sources, embedded = false }) {
  instances += 1;
  const name = `vectors-choice-${instances}`;
  const message = h('span', { class: 'vectors-message', role: 'status' });
  const offer = h('p', { class: 'vectors-offer', 'data-role': 'saved-offer' });
  const options = ['snapshot', 'training', 'file'].map((id) => {
    const input = h('input', { type: 'radio', name, value: id, onchange: () => pick(id) });
    const detail = h('span', { class: 'vectors-detail' });
    const label = h('label', { class: 'vectors-option', 'data-choice': id }, input,
      h('span', null, { snapshot: 'the bundled snapshot', training: 'your training', file: 'your file' }[id]), detail);
    return { id, input, detail, label };
  });
  const element = h('div', { class: 'vectors-switch', 'data-role': 'vectors-switch' },
    h('fieldset', null, h('legend', null, 'This lesson answers from'), options.map((o) => o.label), message),
    offer);

  /** The choice clicked while the switch is under way: it stays checked meanwhile. */
  let pending = null;
  async function pick(id) {
    message.textContent = '';
    pending = id;
    try {
      await sources.choose(id);
    } catch (error) {
      message.textContent = `⚠ ${error.message}`;
    } finally {
      pending = null;
    }
    render(store.get());
  }

  function render(state) {
    const current = currentChoice(state.source);
    const kept = state.keptVectors ?? {};
    const saved = savedChoice(state.saved);
    for (const o of options) {
      let detail = '';
      let available = true;
      if (o.id === 'snapshot') {
        const settings = state.source?.kind === 'snapshot' ? ` (${format.int(state.source.vocab)} words × ${state.source.dim})` : '';
        detail = settings;
      } else if (current === o.id) {
        const s = state.source;
        detail = ` (${s.name}${s.kind === 'saved' ? `, ${s.kept ? 'kept' : 'saved'} ${when(s.savedAt)}` : ''})`;
      } else if (kept[o.id]) {
        detail = ` (${kept[o.id].name}, kept ${when(kept[o.id].at)})`;
      } else if (saved === o.id) {
        detail = ` (saved ${when(state.saved.savedAt)}: ${state.saved.source.name})`;
      } else {
        available = false;
        detail = o.id === 'training'
          ? (embedded ? ' (none: train in the playground)' : ' (none yet: press Play on the library shelves)')
          : (embedded ? ' (none)' : ' (none yet: open one in the Data panel)');
      }
      o.input.checked = (pending ?? current) === o.id;
      o.input.disabled = !available || Boolean(state.busy && /Switching/.test(state.busy));
      o.label.classList.toggle('is-unavailable', !available);
      o.detail.textContent = detail;
    }
    // Saved work from an earlier visit that is not on show: said once, in words.
    const offered = saved && current !== saved && !kept[saved];
    offer.hidden = !offered;
    offer.textContent = offered
      ? `Your ${saved === 'training' ? 'training' : 'vectors file'} from an earlier visit is saved in this browser (${when(state.saved.savedAt)}). Choose “your ${saved}” above to open it; the lessons use the bundled snapshot until you do.`
      : '';
  }
  render(store.get());
  const unsubscribe = store.subscribe(render, ['source', 'saved', 'keptVectors', 'busy']);
  return { element, destroy: unsubscribe };
}
