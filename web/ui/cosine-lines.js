// Lines over a training run (x: share of the run, 0 to 1), drawn as SVG so that their colours
// come from the stylesheet (classes, custom properties: the dark theme follows), with a table
// of the same numbers under a disclosure for screen readers and keyboard users.
//
//   const chart = cosineLines({ label: 'Cosine over training', min: -0.5, max: 1 });
//   chart.update([{ name: 'king · queen', points: [[0, 0.02], [0.5, 0.4]], kind: 'pair' }]);
import { fill, h } from './dom.js';

const WIDTH = 600;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 10, bottom: 30 };
const SVG = 'svg:';

/** The value of the last point at or before `fraction` (NaN before the first). */
const valueAt = (points, fraction) => {
  let value = NaN;
  for (const [f, v] of points) if (f <= fraction + 1e-9) value = v;
  return value;
};
const x = (fraction) => PAD.left + fraction * (WIDTH - PAD.left - PAD.right);

export function cosineLines({ label, min = -0.5, max = 1, yLabel = 'cosine', rows = 12 }) {
  const y = (value) => PAD.top + (1 - (value - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const plot = h(`${SVG}g`, { class: 'lines-plot' });
  const axes = h(`${SVG}g`, { class: 'lines-axes' });
  for (let v = Math.ceil(min * 4) / 4; v <= max + 1e-9; v += 0.25) {
    axes.append(
      h(`${SVG}line`, { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: Math.abs(v) < 1e-9 ? 'zero' : 'grid' }),
      h(`${SVG}text`, { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v.toFixed(2)),
    );
  }
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    axes.append(h(`${SVG}text`, { x: x(f), y: HEIGHT - 8, 'text-anchor': 'middle' }, `${Math.round(f * 100)}%`));
  }
  const svg = h(`${SVG}svg`, { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'cosine-lines', role: 'img', 'aria-label': label }, axes, plot);
  const legend = h('ul', { class: 'lines-legend' });
  const table = h('table', { class: 'lines-table' });
  const details = h('details', { class: 'lines-details' }, h('summary', null, `The numbers (${yLabel} at points of the run)`), table);
  const element = h('figure', { class: 'cosine-chart' }, svg, legend, details);

  return {
    element,
    /** series: [{ name, points: [[fraction, value], ...], kind }] — kind names a CSS class (pair, third, before...). */
    update(series) {
      fill(plot, series.map((s) => {
        const points = s.points.filter(([, v]) => Number.isFinite(v));
        const d = points.map(([f, v], i) => `${i ? 'L' : 'M'}${x(f).toFixed(1)},${y(Math.max(min, Math.min(max, v))).toFixed(1)}`).join('');
        const last = points[points.length - 1];
        return h(`${SVG}g`, { class: `series series-${s.kind}` },
          h(`${SVG}path`, { d }),
          last ? h(`${SVG}circle`, { cx: x(last[0]), cy: y(Math.max(min, Math.min(max, last[1]))), r: 3.5 }) : null);
      }));
      fill(legend, series.map((s) => {
        const last = s.points.filter(([, v]) => Number.isFinite(v)).at(-1);
        return h('li', { class: `series-${s.kind}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${s.name}: `,
          h('strong', { 'data-series': s.kind }, last ? last[1].toFixed(3) : '–'));
      }));
      // The table samples the run at `rows` evenly spaced points of the longest series.
      const longest = series.reduce((a, s) => (s.points.length > a.length ? s.points : a), []);
      const step = Math.max(1, Math.ceil(longest.length / rows));
      const picks = longest.map((p, i) => i).filter((i) => i % step === 0 || i === longest.length - 1);
      fill(table,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'run trained'), series.map((s) => h('th', { scope: 'col' }, s.name)))),
        h('tbody', null, picks.map((i) => h('tr', null,
          h('th', { scope: 'row' }, `${Math.round(longest[i][0] * 100)}%`),
          series.map((s) => {
            const value = valueAt(s.points, longest[i][0]);
            return h('td', null, Number.isFinite(value) ? value.toFixed(3) : '–');
          })))));
    },
  };
}
