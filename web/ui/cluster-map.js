// A 2-D map of words coloured by cluster, drawn with Canvas 2D. The library's scatter map can
// colour groups too, but a clusters map needs more: colour is never the only cue here, so each
// cluster also has its own shape and its number drawn in a badge at its middle; one cluster can be
// brought forward from the legend; the tooltip names the cluster; and marked words (the category
// words of the clusters lesson) are drawn larger with a dark ring and a label carrying a letter
// for their category. The lesson beside it lists the clusters in words (legend and table).
import { h } from './dom.js';
import { GROUP_COLORS } from './groups.js';

/**
 * The app's colour-blind-safe group colours (groups.js, shared with the library map). Shapes cycle
 * with their own period (5 against 8 colours), so the first 40 clusters each get their own pair
 * and neighbouring numbers never share a shape.
 */
export const CLUSTER_COLORS = GROUP_COLORS;
export const CLUSTER_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross'];

export const clusterColor = (cluster) => CLUSTER_COLORS[cluster % CLUSTER_COLORS.length];
export const clusterShape = (cluster) => CLUSTER_SHAPES[cluster % CLUSTER_SHAPES.length];

/** How close (CSS pixels) the pointer must be to a dot to name it. */
const HOVER_RADIUS = 12;
const MARGIN = 20;
const DOT_RADIUS = 3;
const MARK_RADIUS = 5.5;

/** Traces one marker shape centred on (x, y) with "radius" r (the caller fills or strokes it). */
export function traceShape(g, shape, x, y, r) {
  switch (shape) {
    case 'square':
      g.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'triangle':
      g.moveTo(x, y - r * 1.1);
      g.lineTo(x + r, y + r * 0.75);
      g.lineTo(x - r, y + r * 0.75);
      g.closePath();
      break;
    case 'diamond':
      g.moveTo(x, y - r * 1.15);
      g.lineTo(x + r, y);
      g.lineTo(x, y + r * 1.15);
      g.lineTo(x - r, y);
      g.closePath();
      break;
    case 'cross': {
      const a = r * 0.38;
      g.moveTo(x - a, y - r);
      g.lineTo(x + a, y - r);
      g.lineTo(x + a, y - a);
      g.lineTo(x + r, y - a);
      g.lineTo(x + r, y + a);
      g.lineTo(x + a, y + a);
      g.lineTo(x + a, y + r);
      g.lineTo(x - a, y + r);
      g.lineTo(x - a, y + a);
      g.lineTo(x - r, y + a);
      g.lineTo(x - r, y - a);
      g.lineTo(x - a, y - a);
      g.closePath();
      break;
    }
    default:
      g.moveTo(x + r, y);
      g.arc(x, y, r, 0, Math.PI * 2);
  }
}

/** A small SVG of a cluster's marker, for legends and tables (decorative: the number says it). */
export function clusterSwatch(cluster, size = 16) {
  const r = size * 0.36;
  const c = size / 2;
  const svg = (tag, attributes) => h(`svg:${tag}`, attributes);
  const fill = clusterColor(cluster);
  const shapes = {
    circle: () => svg('circle', { cx: c, cy: c, r, fill }),
    square: () => svg('rect', { x: c - r * 0.85, y: c - r * 0.85, width: r * 1.7, height: r * 1.7, fill }),
    triangle: () => svg('polygon', { points: `${c},${c - r * 1.1} ${c + r},${c + r * 0.75} ${c - r},${c + r * 0.75}`, fill }),
    diamond: () => svg('polygon', { points: `${c},${c - r * 1.15} ${c + r},${c} ${c},${c + r * 1.15} ${c - r},${c}`, fill }),
    cross: () => {
      const a = r * 0.38;
      return svg('polygon', {
        points: [[-a, -r], [a, -r], [a, -a], [r, -a], [r, a], [a, a], [a, r], [-a, r], [-a, a], [-r, a], [-r, -a], [-a, -a]]
          .map(([dx, dy]) => `${c + dx},${c + dy}`).join(' '),
        fill,
      });
    },
  };
  const element = h('svg:svg', { class: 'cluster-swatch', width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', focusable: 'false' });
  element.append(shapes[clusterShape(cluster)]());
  return element;
}

/** A frame for the points that one far outlier cannot shrink (percentiles). */
function frameOf(points) {
  const n = points.length / 2;
  if (!n) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i += 1) {
    xs[i] = points[2 * i];
    ys[i] = points[2 * i + 1];
  }
  xs.sort();
  ys.sort();
  const at = (a, q) => a[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))];
  const pad = (lo, hi) => {
    const span = hi - lo || 1;
    return [lo - span * 0.03, hi + span * 0.03];
  };
  const [x0, x1] = pad(at(xs, 0.004), at(xs, 0.996));
  const [y0, y1] = pad(at(ys, 0.004), at(ys, 0.996));
  return { x0, x1, y0, y1 };
}

/**
 * @param {{ label?: string, height?: number|null }} options  height null: the stylesheet sizes it
 */
export function clusterMap({ label = 'Map of words by cluster', height = null } = {}) {
  const canvas = h('canvas', { class: 'scatter-canvas', role: 'img', 'aria-label': label });
  const tooltip = h('div', { class: 'scatter-tooltip', hidden: true, 'aria-hidden': 'true' });
  const element = h('div', { class: 'scatter cluster-map', style: height ? { height: `${height}px` } : null }, canvas, tooltip);

  let words = [];
  let points = new Float32Array(0);
  let labels = new Int32Array(0);
  let k = 0;
  let frame = frameOf(points);
  let marks = new Map(); // index -> tag letter
  let highlight = null; // a cluster number, or null
  let hovered = -1;
  let width = 600;
  let heightPx = height ?? 480;
  let raf = 0;

  function toScreen() {
    const sx = (width - 2 * MARGIN) / (frame.x1 - frame.x0 || 1);
    const sy = (heightPx - 2 * MARGIN) / (frame.y1 - frame.y0 || 1);
    const s = Math.min(sx, sy); // one scale on both axes, as on the library map
    const cx = (frame.x0 + frame.x1) / 2;
    const cy = (frame.y0 + frame.y1) / 2;
    return { x: (x) => width / 2 + (x - cx) * s, y: (y) => heightPx / 2 - (y - cy) * s };
  }

  function draw() {
    raf = 0;
    const ratio = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(heightPx * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(heightPx * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${heightPx}px`;
    }
    const g = canvas.getContext('2d', { alpha: false });
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#fbfbfc';
    g.fillRect(0, 0, width, heightPx);
    const n = words.length;
    if (!n) return;
    const { x, y } = toScreen();

    // Dots, one path per cluster (a fill per dot would be far slower). Other clusters fade
    // while one is highlighted.
    for (let c = 0; c < k; c += 1) {
      const faded = highlight !== null && highlight !== c;
      g.fillStyle = faded ? 'rgba(148, 163, 184, 0.35)' : clusterColor(c);
      g.globalAlpha = faded ? 1 : 0.8;
      g.beginPath();
      const shape = clusterShape(c);
      for (let i = 0; i < n; i += 1) {
        if (labels[i] !== c || marks.has(i)) continue;
        traceShape(g, faded ? 'circle' : shape, x(points[2 * i]), y(points[2 * i + 1]), faded ? 2 : DOT_RADIUS);
      }
      g.fill();
    }
    g.globalAlpha = 1;

    // The number of each cluster in a badge at the middle (median) of its dots.
    const badges = [];
    for (let c = 0; c < k; c += 1) {
      const xs = [];
      const ys = [];
      for (let i = 0; i < n; i += 1) {
        if (labels[i] === c) {
          xs.push(x(points[2 * i]));
          ys.push(y(points[2 * i + 1]));
        }
      }
      if (!xs.length) continue;
      xs.sort((a, b) => a - b);
      ys.sort((a, b) => a - b);
      badges.push([c, xs[xs.length >> 1], ys[ys.length >> 1]]);
    }

    // Category words: larger markers with a dark ring, then their labels where they fit.
    const taken = [];
    const fits = (bx, by, bw, bh) => {
      if (bx < 0 || by < 0 || bx + bw > width || by + bh > heightPx) return false;
      for (const r of taken) if (bx < r[0] + r[2] && r[0] < bx + bw && by < r[1] + r[3] && r[1] < by + bh) return false;
      return true;
    };
    for (const [, bx, by] of badges) taken.push([bx - 12, by - 12, 24, 24]);
    for (const i of marks.keys()) {
      if (i >= n) continue;
      const c = labels[i];
      const faded = highlight !== null && highlight !== c;
      g.beginPath();
      traceShape(g, clusterShape(c), x(points[2 * i]), y(points[2 * i + 1]), MARK_RADIUS);
      g.fillStyle = faded ? '#cbd5e1' : clusterColor(c);
      g.fill();
      g.lineWidth = 1.5;
      g.strokeStyle = '#111827';
      g.stroke();
    }
    g.font = '600 11.5px system-ui, sans-serif';
    for (const [i, tag] of marks) {
      if (i >= n || (highlight !== null && highlight !== labels[i])) continue;
      const text = `${tag} ${words[i]}`;
      const tw = g.measureText(text).width;
      const px = x(points[2 * i]);
      const py = y(points[2 * i + 1]);
      const spot = [[px + 7, py - 6], [px - tw - 7, py - 6], [px + 7, py + 9], [px - tw - 7, py + 9]]
        .find(([lx, ly]) => fits(lx - 2, ly - 10, tw + 4, 14));
      if (!spot) continue;
      const [lx, ly] = spot;
      taken.push([lx - 2, ly - 10, tw + 4, 14]);
      g.fillStyle = 'rgba(255,255,255,0.85)';
      g.fillRect(lx - 2, ly - 10, tw + 4, 14);
      g.fillStyle = '#111827';
      g.fillText(text, lx, ly + 1);
    }

    for (const [c, bx, by] of badges) {
      const strong = highlight === null || highlight === c;
      if (!strong) continue;
      g.beginPath();
      g.arc(bx, by, highlight === c ? 13 : 10, 0, Math.PI * 2);
      g.fillStyle = '#ffffff';
      g.fill();
      g.lineWidth = highlight === c ? 3 : 2;
      g.strokeStyle = clusterColor(c);
      g.stroke();
      g.fillStyle = '#111827';
      g.font = `700 ${highlight === c ? 13 : 11}px system-ui, sans-serif`;
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(String(c + 1), bx, by + 0.5);
      g.textAlign = 'start';
      g.textBaseline = 'alphabetic';
    }

    if (hovered >= 0 && hovered < n) {
      g.beginPath();
      g.arc(x(points[2 * hovered]), y(points[2 * hovered + 1]), 7, 0, Math.PI * 2);
      g.lineWidth = 2;
      g.strokeStyle = '#111827';
      g.stroke();
    }
  }

  function schedule() {
    if (!raf) raf = requestAnimationFrame(draw);
  }

  function nearest(clientX, clientY) {
    const rect = canvas.getBoundingClientRect();
    const mx = clientX - rect.left;
    const my = clientY - rect.top;
    const { x, y } = toScreen();
    let best = -1;
    let bestDistance = HOVER_RADIUS ** 2;
    for (let i = 0; i < words.length; i += 1) {
      const d = (x(points[2 * i]) - mx) ** 2 + (y(points[2 * i + 1]) - my) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return { index: best, mx, my };
  }

  let describe = (i) => `${words[i]} · cluster ${labels[i] + 1}`;
  canvas.addEventListener('mousemove', (event) => {
    const { index, mx, my } = nearest(event.clientX, event.clientY);
    if (index !== hovered) {
      hovered = index;
      schedule();
    }
    if (index < 0) {
      tooltip.hidden = true;
      return;
    }
    tooltip.textContent = describe(index);
    tooltip.hidden = false;
    tooltip.style.left = `${Math.max(0, Math.min(width - 180, mx + 12))}px`;
    tooltip.style.top = `${Math.max(0, my - 30)}px`;
  });
  canvas.addEventListener('mouseleave', () => {
    hovered = -1;
    tooltip.hidden = true;
    schedule();
  });

  const resize = new ResizeObserver(() => {
    width = Math.max(200, Math.floor(element.clientWidth));
    heightPx = Math.max(200, Math.floor(element.clientHeight));
    schedule();
  });
  resize.observe(element);

  return {
    element,
    canvas,
    /** Shows `nextPoints` (n × 2) for `nextWords`, coloured by `nextLabels` (0 … k − 1). */
    setData(nextWords, nextPoints, nextLabels, clusters, { description, tooltip: text } = {}) {
      words = nextWords;
      points = Float32Array.from(nextPoints);
      labels = Int32Array.from(nextLabels);
      k = clusters;
      frame = frameOf(points);
      if (text) describe = text;
      element.dataset.words = String(words.length);
      element.dataset.clusters = String(k);
      canvas.setAttribute('aria-label', description ?? `${label}: ${words.length} words in ${k} clusters.`);
      schedule();
    },
    /** Marks words by index with a short tag (a letter), drawn larger and labelled. */
    setMarks(entries) {
      marks = new Map(entries);
      schedule();
    },
    /** Brings one cluster forward (its number drawn large), or all with null. */
    setHighlight(cluster) {
      highlight = cluster;
      element.dataset.highlight = cluster === null ? '' : String(cluster + 1);
      schedule();
    },
    destroy() {
      resize.disconnect();
      if (raf) cancelAnimationFrame(raf);
    },
  };
}
