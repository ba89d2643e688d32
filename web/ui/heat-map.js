// A matrix drawn as a heat map: one row per token, one cell per dimension, blue below zero and
// orange above (the heat strip's colours). The numbers themselves are in a table under it (the
// text alternative), and a readout names the cell under the pointer, or under the keyboard
// cursor: the canvas takes focus, and the arrow keys move from cell to cell.
import { h, uid } from './dom.js';
import { divergingColor } from './heat-strip.js';
import { cssColor, onThemeChange } from '../theme.js';

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 92;

export function heatMap({ label = 'matrix' } = {}) {
  const readoutId = uid('heat-readout');
  const canvas = h('canvas', { class: 'heat-map-canvas', tabindex: '0', role: 'img', 'aria-label': `${label}: empty`, 'aria-describedby': readoutId });
  const readout = h('p', { class: 'heat-readout', id: readoutId, 'aria-live': 'polite' }, '\u00a0');
  const tableBox = h('div', { class: 'heat-map-table' });
  const element = h(
    'figure',
    { class: 'heat-map' },
    canvas,
    readout,
    h('details', { class: 'numbers-details' }, h('summary', null, 'The numbers, as a table'), tableBox),
  );
  let rows = []; // row labels
  let values = new Float32Array(0);
  let dim = 0;
  let scale = 1;
  let cursor = null; // [row, column] of the keyboard cursor
  let title = label;

  function width() {
    return Math.max(160, Math.floor(element.clientWidth || 600));
  }

  function draw() {
    const w = width();
    const hgt = Math.max(1, rows.length) * ROW_HEIGHT;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(hgt * ratio);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${hgt}px`;
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, hgt);
    if (!dim) return;
    const cell = (w - LABEL_WIDTH) / dim;
    g.font = '600 12px system-ui, sans-serif';
    g.textBaseline = 'middle';
    const ink = cssColor('--ink', '#1f2937');
    for (let r = 0; r < rows.length; r += 1) {
      g.fillStyle = ink;
      g.fillText(fitText(g, rows[r], LABEL_WIDTH - 8), 0, r * ROW_HEIGHT + ROW_HEIGHT / 2);
      for (let c = 0; c < dim; c += 1) {
        g.fillStyle = divergingColor(values[r * dim + c] / scale);
        g.fillRect(LABEL_WIDTH + c * cell, r * ROW_HEIGHT + 1, Math.max(1, cell - (cell > 4 ? 0.5 : 0)), ROW_HEIGHT - 2);
      }
    }
    if (cursor && document.activeElement === canvas) {
      const [r, c] = cursor;
      g.lineWidth = 2;
      g.strokeStyle = cssColor('--ink', '#111827');
      g.strokeRect(LABEL_WIDTH + c * cell - 1, r * ROW_HEIGHT, Math.max(3, cell) + 2, ROW_HEIGHT);
    }
  }

  function fitText(g, text, max) {
    if (g.measureText(text).width <= max) return text;
    let cut = text;
    while (cut.length > 1 && g.measureText(`${cut}…`).width > max) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  function tell(r, c) {
    readout.textContent = `${rows[r]}, dimension ${c + 1} of ${dim}: ${values[r * dim + c].toFixed(3)}`;
  }

  canvas.addEventListener('mousemove', (event) => {
    if (!dim) return;
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left - LABEL_WIDTH;
    const r = Math.floor((event.clientY - rect.top) / ROW_HEIGHT);
    if (x < 0 || r < 0 || r >= rows.length) return;
    tell(r, Math.min(dim - 1, Math.floor((x / (rect.width - LABEL_WIDTH)) * dim)));
  });
  canvas.addEventListener('keydown', (event) => {
    if (!dim || !rows.length) return;
    const [r, c] = cursor ?? [0, 0];
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Home: [0, -dim], End: [0, dim] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    cursor = [Math.max(0, Math.min(rows.length - 1, r + move[0])), Math.max(0, Math.min(dim - 1, c + move[1]))];
    tell(...cursor);
    draw();
  });
  canvas.addEventListener('focus', () => {
    cursor ??= [0, 0];
    if (dim) tell(...cursor);
    draw();
  });
  canvas.addEventListener('blur', () => draw());

  const resize = new ResizeObserver(() => draw());
  resize.observe(element);
  const stopTheme = onThemeChange(() => draw());

  return {
    element,
    /** Shows `matrix` (rows × dim, row-major) with a label per row; `sharedScale` gets full colour. */
    update(rowLabels, matrix, columns, { name = label, sharedScale } = {}) {
      rows = rowLabels;
      values = matrix;
      dim = columns;
      title = name;
      let max = 0;
      for (const x of values) max = Math.max(max, Math.abs(x));
      scale = sharedScale || max || 1;
      if (cursor && (cursor[0] >= rows.length || cursor[1] >= dim)) cursor = null;
      canvas.setAttribute('aria-label',
        `Heat map of ${title}: ${rows.length} rows (${rows.join(', ')}) of ${dim} numbers each. Focus it and use the arrow keys to read cells; the table below lists them all.`);
      const table = h('table', null,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'row'), Array.from({ length: dim }, (_, c) => h('th', { scope: 'col' }, String(c + 1))))),
        h('tbody', null, rows.map((row, r) => h('tr', null, h('th', { scope: 'row' }, row),
          Array.from({ length: dim }, (_, c) => h('td', null, values[r * dim + c].toFixed(2)))))));
      tableBox.replaceChildren(table);
      readout.textContent = '\u00a0';
      draw();
    },
    destroy() {
      resize.disconnect();
      stopTheme();
    },
  };
}
