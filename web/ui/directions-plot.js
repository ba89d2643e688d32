// The directions picture: words placed on two axes, each a direction made of word pairs. A pure
// render from the engine's `directions` reply; pairs whose two words are both plotted are drawn as
// arrows (across: solid, up: dashed), so parallel steps show as parallel arrows. Every point can
// be focused with the keyboard and names its coordinates; the lesson also offers a table.
import { h } from './dom.js';

const PAD = { left: 40, right: 16, top: 16, bottom: 44 };

const svg = (tag, attributes, ...children) => h(`svg:${tag}`, attributes, ...children);

/** The scale of one axis: values spread over [from, to] pixels, with a margin. */
function scale(values, from, to) {
  let low = Math.min(...values, 0);
  let high = Math.max(...values, 0);
  if (high - low < 1e-6) {
    low -= 0.5;
    high += 0.5;
  }
  const margin = (high - low) * 0.08;
  low -= margin;
  high += margin;
  const at = (v) => from + ((v - low) / (high - low)) * (to - from);
  return { at, low, high };
}

/**
 * @param {{ words: string[], x: ArrayLike<number>, y: ArrayLike<number> }} plot the engine's reply
 * @param {{ across: [string, string][], up: [string, string][], acrossName: string, upName: string,
 *           width?: number, onFocusWord?: (index: number) => void }} options `width`: the CSS
 *   pixels the picture will take, so that its text keeps its size on a phone
 */
export function directionsPlot(plot, { across, up, acrossName, upName, width = 640, onFocusWord }) {
  const WIDTH = Math.max(280, Math.min(832, Math.round(width)));
  const HEIGHT = Math.round(Math.max(300, Math.min(520, WIDTH * (WIDTH < 500 ? 1.1 : 0.7))));
  const xs = Array.from(plot.x);
  const ys = Array.from(plot.y);
  const sx = scale(xs, PAD.left, WIDTH - PAD.right);
  const sy = scale(ys, HEIGHT - PAD.bottom, PAD.top);
  const index = new Map(plot.words.map((word, i) => [word, i]));
  const at = (word) => index.get(word) ?? index.get(word.toLowerCase());

  const arrows = (pairs, cls, marker) =>
    pairs.map(([from, to]) => {
      const a = at(from);
      const b = at(to);
      if (a === undefined || b === undefined || a === b) return null;
      return svg('line', {
        x1: sx.at(xs[a]), y1: sy.at(ys[a]), x2: sx.at(xs[b]), y2: sy.at(ys[b]),
        class: cls, 'marker-end': `url(#${marker})`,
      });
    });

  const zeroLines = [
    sx.low < 0 && sx.high > 0 ? svg('line', { x1: sx.at(0), y1: PAD.top, x2: sx.at(0), y2: HEIGHT - PAD.bottom, class: 'dir-zero' }) : null,
    sy.low < 0 && sy.high > 0 ? svg('line', { x1: PAD.left, y1: sy.at(0), x2: WIDTH - PAD.right, y2: sy.at(0), class: 'dir-zero' }) : null,
  ];

  // Labels go where they overlap no label placed before (the words in the order given, so the
  // first ones keep the best places): above right, above left, below right, below left.
  const placedBoxes = [];
  const overlaps = (box) => placedBoxes.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1);
  const labelAt = (word, cx, cy) => {
    const width = word.length * 8.2;
    const options = [[8, -7, 'start'], [-8, -7, 'end'], [8, 17, 'start'], [-8, 17, 'end']].map(([dx, dy, anchor]) => {
      const x0 = anchor === 'start' ? cx + dx : cx + dx - width;
      return { x: cx + dx, y: cy + dy, anchor, box: { x0, x1: x0 + width, y0: cy + dy - 13, y1: cy + dy + 3 } };
    });
    const inside = options.filter((o) => o.box.x0 >= 0 && o.box.x1 <= WIDTH);
    const chosen = inside.find((o) => !overlaps(o.box)) ?? inside[0] ?? options[0];
    placedBoxes.push(chosen.box);
    return chosen;
  };

  const points = plot.words.map((word, i) => {
    const cx = sx.at(xs[i]);
    const cy = sy.at(ys[i]);
    const label = labelAt(word, cx, cy);
    return svg('g', {
      class: 'dir-point', tabindex: '0', role: 'img', 'data-word': word,
      'aria-label': `${word}: ${xs[i].toFixed(3)} across, ${ys[i].toFixed(3)} up`,
      onfocus: () => onFocusWord?.(i),
    },
    svg('circle', { cx, cy, r: 5 }),
    svg('text', { x: label.x, y: label.y, 'text-anchor': label.anchor }, word));
  });

  const arrowHead = (id, cls) =>
    svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }));

  return svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'dir-svg', role: 'group', 'aria-label': `Words placed across by ${acrossName} and up by ${upName}` },
    svg('defs', null, arrowHead('dir-arrow-across', 'dir-head-across'), arrowHead('dir-arrow-up', 'dir-head-up')),
    svg('rect', { x: PAD.left, y: PAD.top, width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom, class: 'dir-frame' }),
    zeroLines,
    arrows(across, 'dir-arrow dir-arrow-across', 'dir-arrow-across'),
    arrows(up, 'dir-arrow dir-arrow-up', 'dir-arrow-up'),
    points,
    svg('text', { x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT - 14, 'text-anchor': 'middle', class: 'dir-axis-name' }, `across: ${acrossName} →`),
    svg('text', { x: 14, y: (PAD.top + HEIGHT - PAD.bottom) / 2, 'text-anchor': 'middle', class: 'dir-axis-name',
      transform: `rotate(-90 14 ${(PAD.top + HEIGHT - PAD.bottom) / 2})` }, `up: ${upName} →`),
  );
}
