// A vector drawn as a strip of cells, one per dimension: colour (blue below zero, orange above)
// and, under it, a bar whose height and side of the middle line say the same thing without
// colour. Its text alternative lists the numbers. Several strips can share one colour scale
// (`scale`), so two words can be compared cell by cell.
import { h, uid } from './dom.js';
import { cssColor, onThemeChange } from '../theme.js';

const HEAT_HEIGHT = 28;
const BAR_HEIGHT = 36;

/** Diverging colour for t in [-1, 1]: blue, near-white at 0, orange. */
export function divergingColor(t) {
  const x = Math.max(-1, Math.min(1, t));
  const [r0, g0, b0] = [247, 247, 245];
  const [r1, g1, b1] = x < 0 ? [33, 102, 172] : [191, 91, 23];
  const a = Math.abs(x) ** 0.8;
  const mix = (p, q) => Math.round(p + (q - p) * a);
  return `rgb(${mix(r0, r1)},${mix(g0, g1)},${mix(b0, b1)})`;
}

export function heatStrip({ label = 'vector' } = {}) {
  const canvas = h('canvas', { class: 'heat-strip-canvas', role: 'img', 'aria-label': `${label}: no vector` });
  const detailsId = uid('numbers');
  const numbers = h('p', { class: 'numbers', id: detailsId });
  const readout = h('p', { class: 'heat-readout', 'aria-hidden': 'true' }, '\u00a0');
  const element = h(
    'figure',
    { class: 'heat-strip' },
    canvas,
    readout,
    h('details', { class: 'numbers-details' }, h('summary', null, 'The numbers, as text'), numbers),
  );
  let vector = null;
  let scale = 1;
  let title = label;

  function draw() {
    const width = Math.max(120, Math.floor(element.clientWidth || 600));
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round((HEAT_HEIGHT + BAR_HEIGHT + 4) * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${HEAT_HEIGHT + BAR_HEIGHT + 4}px`;
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, HEAT_HEIGHT + BAR_HEIGHT + 4);
    if (!vector) return;
    const n = vector.length;
    const cell = width / n;
    const mid = HEAT_HEIGHT + 4 + BAR_HEIGHT / 2;
    const bars = cssColor('--muted', '#4b5563');
    for (let i = 0; i < n; i += 1) {
      const t = vector[i] / scale;
      const x = i * cell;
      g.fillStyle = divergingColor(t);
      g.fillRect(x, 0, Math.max(1, cell - (cell > 4 ? 1 : 0)), HEAT_HEIGHT);
      const bar = Math.max(-1, Math.min(1, t)) * (BAR_HEIGHT / 2 - 1);
      g.fillStyle = bars;
      g.fillRect(x, bar > 0 ? mid - bar : mid, Math.max(1, cell - (cell > 4 ? 1 : 0)), Math.abs(bar));
    }
    g.fillStyle = cssColor('--bar', '#9ca3af');
    g.fillRect(0, mid, width, 1);
  }

  canvas.addEventListener('mousemove', (event) => {
    if (!vector) return;
    const rect = canvas.getBoundingClientRect();
    const i = Math.min(vector.length - 1, Math.max(0, Math.floor(((event.clientX - rect.left) / rect.width) * vector.length)));
    readout.textContent = `dimension ${i + 1}: ${vector[i].toFixed(4)}`;
  });
  canvas.addEventListener('mouseleave', () => {
    readout.textContent = '\u00a0';
  });

  const resize = new ResizeObserver(() => draw());
  resize.observe(element);
  const stopTheme = onThemeChange(() => draw());

  return {
    element,
    /** Shows a vector (or nothing, with null); `sharedScale` is the value that gets full colour. */
    update(next, { name = label, sharedScale } = {}) {
      vector = next;
      title = name;
      if (!vector) {
        canvas.setAttribute('aria-label', `${title}: no vector`);
        numbers.textContent = '';
        draw();
        return;
      }
      let max = 0;
      let min = Infinity;
      let top = -Infinity;
      for (const x of vector) {
        max = Math.max(max, Math.abs(x));
        min = Math.min(min, x);
        top = Math.max(top, x);
      }
      scale = sharedScale || max || 1;
      canvas.setAttribute(
        'aria-label',
        `Heat strip of the ${vector.length} numbers of "${title}", from ${min.toFixed(3)} to ${top.toFixed(3)}. The numbers are listed below.`,
      );
      numbers.textContent = Array.from(vector, (x) => x.toFixed(3)).join(', ');
      draw();
    },
    destroy() {
      resize.disconnect();
      stopTheme();
    },
  };
}

/** The largest absolute value among vectors: a shared scale for comparing strips. */
export function sharedScale(...vectors) {
  let max = 0;
  for (const vector of vectors) if (vector) for (const x of vector) max = Math.max(max, Math.abs(x));
  return max || 1;
}
