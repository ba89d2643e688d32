// The training loss as a line over the words trained so far, drawn by uPlot (small, fast, made
// for data that grows by appending). A sentence under it says the latest value in words.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { format, h } from './dom.js';
import { cssColor, onThemeChange } from '../theme.js';

export function lossChart({ height = 180 } = {}) {
  const plotBox = h('div', { class: 'loss-plot', 'aria-hidden': 'true', hidden: true });
  const caption = h('figcaption', { class: 'loss-caption' }, 'No training yet.');
  const element = h('figure', { class: 'loss-chart' }, plotBox, caption);
  let plot = null;
  let data = [[], []];
  const axisColours = {
    stroke: () => cssColor('--ink', '#1f2937'),
    grid: { stroke: () => cssColor('--line', '#d9dde3'), width: 1 },
    ticks: { stroke: () => cssColor('--line', '#d9dde3'), width: 1 },
  };
  const stopTheme = onThemeChange(() => plot?.redraw(false, true));

  function create(width) {
    plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        // Colours from the theme (web/theme.js), read at every draw.
        series: [{}, { label: 'loss', stroke: () => cssColor('--accent', '#1d4ed8'), width: 2, points: { show: false } }],
        axes: [
          { label: 'words trained', size: 44, values: (u, ticks) => ticks.map((t) => format.compact(t)), ...axisColours },
          { label: 'loss', size: 56, values: (u, ticks) => ticks.map((t) => t.toFixed(2)), ...axisColours },
        ],
      },
      data,
      plotBox,
    );
  }

  const resize = new ResizeObserver(() => {
    const width = Math.max(240, Math.floor(element.clientWidth));
    if (!plot) create(width);
    else plot.setSize({ width, height });
  });
  resize.observe(element);

  return {
    element,
    /** xs: words trained; ys: loss. The arrays are shown as given (not copied). */
    update(xs, ys) {
      data = [xs, ys];
      plotBox.hidden = xs.length < 2;
      plot?.setData(data);
      if (!xs.length) {
        caption.textContent = 'No training yet.';
        return;
      }
      const first = ys[0];
      const last = ys[ys.length - 1];
      caption.textContent =
        `Loss ${format.loss(last)} after ${format.int(xs[xs.length - 1])} words` +
        (xs.length > 1 ? ` (it started at ${format.loss(first)}; lower means the vectors predict their contexts better).` : '.');
    },
    destroy() {
      resize.disconnect();
      stopTheme();
      plot?.destroy();
    },
  };
}
