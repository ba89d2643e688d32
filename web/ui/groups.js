// How a group of words (a cluster, a category) looks on a map: a colour from a palette that
// colour-blind readers can tell apart (Okabe & Ito) and, since colour alone must never carry
// meaning, a shape. Groups 0–7 are circles, 8–15 squares, 16–23 triangles, 24–31 diamonds.
import { h } from './dom.js';

export const GROUP_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#5b5b5b', '#b8a000'];
export const GROUP_SHAPES = ['circle', 'square', 'triangle', 'diamond'];

export function groupStyle(group) {
  const g = Math.max(0, group | 0);
  return {
    color: GROUP_COLORS[g % GROUP_COLORS.length],
    shape: GROUP_SHAPES[Math.floor(g / GROUP_COLORS.length) % GROUP_SHAPES.length],
  };
}

/** Adds the outline of `shape` centred on (x, y) with half-size r to the current path. */
export function shapePath(g, shape, x, y, r) {
  switch (shape) {
    case 'square':
      g.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'triangle':
      g.moveTo(x, y - r * 1.2);
      g.lineTo(x + r * 1.1, y + r * 0.8);
      g.lineTo(x - r * 1.1, y + r * 0.8);
      g.closePath();
      break;
    case 'diamond':
      g.moveTo(x, y - r * 1.3);
      g.lineTo(x + r * 1.3, y);
      g.lineTo(x, y + r * 1.3);
      g.lineTo(x - r * 1.3, y);
      g.closePath();
      break;
    default:
      g.moveTo(x + r, y);
      g.arc(x, y, r, 0, Math.PI * 2);
  }
}

/** A small picture of a group's colour and shape, for legends (hidden from screen readers). */
export function groupSwatch(group, size = 14) {
  const { color, shape } = groupStyle(group);
  const c = size / 2;
  const r = size / 2 - 2;
  const points = {
    square: `M${c - r},${c - r}h${2 * r}v${2 * r}h${-2 * r}z`,
    triangle: `M${c},${c - r}L${c + r},${c + r * 0.8}L${c - r},${c + r * 0.8}z`,
    diamond: `M${c},${c - r}L${c + r},${c}L${c},${c + r}L${c - r},${c}z`,
    circle: `M${c + r},${c}A${r},${r} 0 1 1 ${c - r},${c}A${r},${r} 0 1 1 ${c + r},${c}z`,
  };
  return h(
    'svg:svg',
    { width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', class: 'group-swatch' },
    h('svg:path', { d: points[shape], fill: color }),
  );
}
