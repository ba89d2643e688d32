// The line at the bottom: which engine runs (SIMD or scalar), what vectors are loaded (size,
// dimensions, corpus), training progress, and what the page is busy with.
import { format, h, throttled } from './dom.js';

function savedWhen(time) {
  return Number.isFinite(time) ? new Date(time).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'earlier';
}

export function statusBar(store, { compact = false } = {}) {
  const engine = h('span', { class: 'status-item', 'data-status': 'engine' }, 'Engine: starting…');
  const source = h('span', { class: 'status-item', 'data-status': 'vectors' }, 'Vectors: loading…');
  const training = h('span', { class: 'status-item', 'data-status': 'training', hidden: true });
  // Only what the page is busy with is announced; progress would be too chatty for a live region.
  const busy = h('span', { class: 'status-item status-busy', role: 'status', 'aria-live': 'polite' });
  const element = h('footer', { class: `status-bar${compact ? ' is-compact' : ''}` }, engine, source, training, busy);

  function render(state) {
    if (state.engineError) {
      engine.textContent = `Engine: failed to start (${state.engineError})`;
    } else if (state.engine) {
      engine.textContent = state.engine.simd
        ? `Engine: WebAssembly SIMD (${state.engine.instructionSet})`
        : 'Engine: WebAssembly, scalar (this browser has no wasm SIMD)';
    }
    const s = state.source;
    if (s) {
      const size = s.vocab ? `${format.int(s.vocab)} words` : '';
      const dims = s.dim ? ` × ${s.dim} dimensions` : '';
      const kinds = {
        snapshot: 'bundled snapshot',
        training: 'trained live on',
        corpus: 'corpus (not trained yet):',
        vectors: 'from your file',
        saved: 'your saved work',
      };
      source.textContent =
        s.kind === 'training' || s.kind === 'corpus'
          ? `Vectors: ${kinds[s.kind]} ${s.name} — ${size}${dims}`
          : s.kind === 'saved'
            ? `Vectors: opened your saved work (${s.from === 'training' ? 'trained live on ' : ''}${s.name}, saved ${savedWhen(s.savedAt)}) — ${size}${dims}`
            : `Vectors: ${s.name} (${kinds[s.kind]}) — ${size}${dims}`;
    }
    const p = state.progress;
    training.hidden = !(p && s?.kind === 'training');
    if (p && s?.kind === 'training') {
      const what = p.finished ? 'finished' : p.running ? 'training' : 'paused';
      // Paced training (slow motion) reports its wall-clock speed; nothing trained yet, no speed.
      const speed = p.running && p.wallWordsPerSecond ? p.wallWordsPerSecond : p.wordsPerSecond;
      training.textContent = !p.wordsDone && !p.running
        ? 'Training: ready (random vectors, not trained yet)'
        : `Training: ${what}, epoch ${Math.min(p.epoch + 1, p.epochs)}/${p.epochs}, ${Math.round(p.fraction * 100)}%` +
          (speed ? `, ${format.int(speed)} words/s` : '');
    }
    busy.textContent = state.busy ?? '';
  }

  render(store.get());
  // A throttled render reads the store when it runs: the state of its call may be stale by then
  // (other vectors opened meanwhile), and would put the old source back on the line.
  const later = throttled(() => render(store.get()), 500);
  store.subscribe((state, changed) => (changed.size === 1 && changed.has('progress') ? later() : render(state)),
    ['engine', 'engineError', 'source', 'progress', 'busy']);
  return element;
}
