// How a group of words (a cluster, a category) looks on a map: a colour from a palette that
// colour-blind readers can tell apart (Okabe & Ito) and, since colour alone must never carry
// meaning, a shape. Colours cycle with period 8 and shapes with period 5, so the first 40 groups
// each get their own pair and neighbouring numbers never share a shape. The map (word-map.js)
// and the legends (groupSwatch) draw the same outlines.
import { h } from './dom.js';

export const GROUP_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#5b5b5b', '#b8a000'];
export const GROUP_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross'];

export function groupStyle(group) {
  const g = Math.max(0, group | 0);
  return { color: GROUP_COLORS[g % GROUP_COLORS.length], shape: GROUP_SHAPES[g % GROUP_SHAPES.length] };
}

/** The corners of `shape` centred on (x, y) with "radius" r; null for a circle. */
function outline(shape, x, y, r) {
  switch (shape) {
    case 'square':
      return [[x - r * 0.85, y - r * 0.85], [x + r * 0.85, y - r * 0.85], [x + r * 0.85, y + r * 0.85], [x - r * 0.85, y + r * 0.85]];
    case 'triangle':
      return [[x, y - r * 1.1], [x + r, y + r * 0.75], [x - r, y + r * 0.75]];
    case 'diamond':
      return [[x, y - r * 1.15], [x + r, y], [x, y + r * 1.15], [x - r, y]];
    case 'cross': {
      const a = r * 0.38;
      return [[-a, -r], [a, -r], [a, -a], [r, -a], [r, a], [a, a], [a, r], [-a, r], [-a, a], [-r, a], [-r, -a], [-a, -a]]
        .map(([dx, dy]) => [x + dx, y + dy]);
    }
    default:
      return null;
  }
}

/** Adds the outline of `shape` centred on (x, y) to the current canvas path (the caller fills it). */
export function shapePath(g, shape, x, y, r) {
  const corners = outline(shape, x, y, r);
  if (!corners) {
    g.moveTo(x + r, y);
    g.arc(x, y, r, 0, Math.PI * 2);
    return;
  }
  g.moveTo(corners[0][0], corners[0][1]);
  for (let i = 1; i < corners.length; i += 1) g.lineTo(corners[i][0], corners[i][1]);
  g.closePath();
}

/** A small picture of a group's colour and shape, for legends and tables (decorative: text names the group). */
export function groupSwatch(group, size = 16) {
  const { color, shape } = groupStyle(group);
  const c = size / 2;
  const r = size * 0.36;
  const corners = outline(shape, c, c, r);
  const mark = corners
    ? h('svg:polygon', { points: corners.map(([x, y]) => `${x},${y}`).join(' '), fill: color })
    : h('svg:circle', { cx: c, cy: c, r, fill: color });
  return h('svg:svg', { class: 'group-swatch', width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', focusable: 'false' }, mark);
}
