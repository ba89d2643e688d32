// The 2-D map of words every lesson draws, with Canvas 2D: a couple of thousand dots, labels for
// the most frequent words where they fit, a tooltip on hover. New positions for the same words
// glide from the old ones (requestAnimationFrame), or jump when the user prefers reduced motion.
// On top of the dots, as a lesson needs them:
// - groups (clusters, categories): each a colour and a shape (groups.js), never colour alone;
//   optionally each group's number in a badge at its middle, and one group brought forward;
// - marked words, drawn larger with bold labels: the probe (a dark dot), its neighbours
//   (squares), a query, or members of their group (its shape, with a dark ring) with a tag letter;
// - lines between words (e.g. an analogy's parallelogram).
// The lessons give the map's text alternative (a table) beside it.
//
// Canvas 2D rather than WebGL: two thousand points redraw in a few milliseconds, it runs in
// every browser and in headless test browsers without a GPU, and text labels come for free.
import { h, prefersReducedMotion } from './dom.js';
import { groupStyle, shapePath } from './groups.js';

/**
 * Which dots get a label when there is room: the most frequent words first, then a sample
 * spread over the rest (so content words get names too, not only "the" and "of").
 */
const ALWAYS_TRY = 40;
const THEN_EVERY = 4;
/** How close (CSS pixels) the pointer must be to a dot to name it. */
const HOVER_RADIUS = 14;
const MARGIN = 18;
/** The glide redraws at most about 30 times a second: smooth enough for a drift, half the work of 60. */
const MIN_FRAME_MS = 30;
const DOT_RADIUS = 2.2;
const GROUP_DOT_RADIUS = 3;
/** Group dots are see-through so that crowded regions show their density. */
const GROUP_ALPHA = 0.8;

const MARK_STYLES = {
  probe: { radius: 7, fill: '#111827', stroke: '#ffffff', label: 'bold 14px' },
  neighbor: { radius: 5, fill: '#ffffff', stroke: '#b45309', label: 'bold 12px' },
  query: { radius: 6, fill: '#1d4ed8', stroke: '#ffffff', label: 'bold 13px' },
  member: { radius: 5.5, fill: null, stroke: '#111827', label: '600 11.5px' }, // fill: its group's colour
};

const lerp = (a, b, t) => a + (b - a) * t;
const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

/** A robust frame for the points: percentiles, so one outlier does not shrink the map. */
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
    return [lo - span * 0.04, hi + span * 0.04];
  };
  const [x0, x1] = pad(at(xs, 0.005), at(xs, 0.995));
  const [y0, y1] = pad(at(ys, 0.005), at(ys, 0.995));
  return { x0, x1, y0, y1 };
}

/**
 * @param {{ label?: string, height?: number|null, className?: string, frequentLabels?: boolean }} options
 *   height null: the stylesheet sizes the map (.scatter); frequentLabels: name frequent words where they fit
 */
export function wordMap({ label = 'Map of words', height = 520, className = '', frequentLabels = true } = {}) {
  const canvas = h('canvas', { class: 'scatter-canvas', role: 'img', 'aria-label': label });
  const tooltip = h('div', { class: 'scatter-tooltip', hidden: true, 'aria-hidden': 'true' });
  const element = h('div', { class: `scatter ${className}`.trim(), style: height ? { height: `${height}px` } : null }, canvas, tooltip);

  let words = [];
  let shown = new Float32Array(0); // what is on screen now
  let from = shown;
  let target = shown;
  let frame = frameOf(shown);
  let frameFrom = frame;
  let frameTarget = frame;
  let animation = { start: 0, duration: 0 };
  let raf = 0;
  let marks = new Map(); // index -> { kind, tag }
  let hovered = -1;
  let lastFrame = 0;
  let width = 600;
  let heightPx = height ?? 480;
  let lines = [];
  let groups = null; // a group number per word (clusters, categories), or null; negative: none
  let groupCount = 0;
  let badges = false;
  let highlight = null; // a group brought forward, or null
  let describe = (i) => words[i];
  const textWidths = new Map(); // label widths: measureText is slow, and labels repeat every frame

  function toScreen() {
    const sx = (width - 2 * MARGIN) / (frame.x1 - frame.x0 || 1);
    const sy = (heightPx - 2 * MARGIN) / (frame.y1 - frame.y0 || 1);
    const s = Math.min(sx, sy); // one scale on both axes: distances on the map mean the same both ways
    const cx = (frame.x0 + frame.x1) / 2;
    const cy = (frame.y0 + frame.y1) / 2;
    return { x: (x) => width / 2 + (x - cx) * s, y: (y) => heightPx / 2 - (y - cy) * s };
  }

  const faded = (group) => highlight !== null && highlight !== group;

  function drawDots(g, x, y, n) {
    if (!groups) {
      // One path for all the dots: far cheaper than a fill per dot.
      g.fillStyle = 'rgba(71, 85, 105, 0.45)';
      g.beginPath();
      for (let i = 0; i < n; i += 1) if (!marks.has(i)) shapePath(g, 'circle', x(shown[2 * i]), y(shown[2 * i + 1]), DOT_RADIUS);
      g.fill();
      return;
    }
    // One path per group (its colour and shape); words of no group, and faded groups, as small grey dots.
    g.fillStyle = 'rgba(148, 163, 184, 0.35)';
    g.beginPath();
    for (let i = 0; i < n; i += 1) {
      if (!marks.has(i) && (groups[i] < 0 || faded(groups[i]))) shapePath(g, 'circle', x(shown[2 * i]), y(shown[2 * i + 1]), 2);
    }
    g.fill();
    g.globalAlpha = GROUP_ALPHA;
    for (let group = 0; group < groupCount; group += 1) {
      if (faded(group)) continue;
      const { color, shape } = groupStyle(group);
      g.fillStyle = color;
      g.beginPath();
      for (let i = 0; i < n; i += 1) if (groups[i] === group && !marks.has(i)) shapePath(g, shape, x(shown[2 * i]), y(shown[2 * i + 1]), GROUP_DOT_RADIUS);
      g.fill();
    }
    g.globalAlpha = 1;
  }

  /** Each group's number goes at the median of its dots (on screen). */
  function badgeSpots(x, y, n) {
    const xs = Array.from({ length: groupCount }, () => []);
    const ys = Array.from({ length: groupCount }, () => []);
    for (let i = 0; i < n; i += 1) {
      const group = groups[i];
      if (group < 0 || group >= groupCount) continue;
      xs[group].push(x(shown[2 * i]));
      ys[group].push(y(shown[2 * i + 1]));
    }
    const spots = [];
    for (let group = 0; group < groupCount; group += 1) {
      if (!xs[group].length) continue;
      xs[group].sort((a, b) => a - b);
      ys[group].sort((a, b) => a - b);
      spots.push([group, xs[group][xs[group].length >> 1], ys[group][ys[group].length >> 1]]);
    }
    return spots;
  }

  function drawBadge(g, group, bx, by) {
    const strong = highlight === group;
    g.beginPath();
    g.arc(bx, by, strong ? 13 : 10, 0, Math.PI * 2);
    g.fillStyle = '#ffffff';
    g.fill();
    g.lineWidth = strong ? 3 : 2;
    g.strokeStyle = groupStyle(group).color;
    g.stroke();
    g.fillStyle = '#111827';
    g.font = `700 ${strong ? 13 : 11}px system-ui, sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(String(group + 1), bx, by + 0.5);
    g.textAlign = 'start';
    g.textBaseline = 'alphabetic';
  }

  function drawMark(g, i, mark, px, py) {
    const style = MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor;
    g.beginPath();
    if (mark.kind === 'member') {
      const group = groups?.[i] ?? -1;
      shapePath(g, groupStyle(group).shape, px, py, style.radius);
      g.fillStyle = group < 0 || faded(group) ? '#cbd5e1' : groupStyle(group).color;
      g.lineWidth = 1.5;
    } else {
      // The neighbours are squares, the others round: not colour alone.
      shapePath(g, mark.kind === 'neighbor' ? 'square' : 'circle', px, py, style.radius);
      g.fillStyle = style.fill;
      g.lineWidth = 2;
    }
    g.fill();
    g.strokeStyle = style.stroke;
    g.stroke();
  }

  function draw() {
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
    drawDots(g, x, y, n);

    for (const line of lines) {
      const [a, b] = [line.from, line.to];
      if (a >= n || b >= n) continue;
      g.strokeStyle = line.color ?? '#1d4ed8';
      g.lineWidth = 1.5;
      g.setLineDash(line.dashed ? [5, 4] : []);
      g.beginPath();
      g.moveTo(x(shown[2 * a]), y(shown[2 * a + 1]));
      g.lineTo(x(shown[2 * b]), y(shown[2 * b + 1]));
      g.stroke();
    }
    g.setLineDash([]);

    // Labels: marked words first, then frequent words where they do not overlap.
    const taken = [];
    const fits = (bx, by, bw, bh) => {
      if (bx < 0 || by < 0 || bx + bw > width || by + bh > heightPx) return false;
      for (const r of taken) if (bx < r[0] + r[2] && r[0] < bx + bw && by < r[1] + r[3] && r[1] < by + bh) return false;
      return true;
    };
    const place = (i, text, font, color, force) => {
      g.font = `${font} system-ui, sans-serif`;
      const key = `${font}|${text}`;
      let tw = textWidths.get(key);
      if (tw === undefined) {
        tw = g.measureText(text).width;
        if (textWidths.size > 20000) textWidths.clear();
        textWidths.set(key, tw);
      }
      const px = x(shown[2 * i]);
      const py = y(shown[2 * i + 1]);
      const candidates = [[px + 6, py - 7], [px - tw - 6, py - 7], [px + 6, py + 7], [px - tw - 6, py + 7]];
      const free = candidates.find(([lx, ly]) => fits(lx - 2, ly - 9, tw + 4, 15));
      if (!free && !force) return;
      // A forced label (the probe's) always shows: where it fits, else at its dot, kept on the canvas.
      const [lx, ly] = free ?? [
        Math.max(2, Math.min(width - tw - 4, candidates[0][0])),
        Math.max(11, Math.min(heightPx - 8, candidates[0][1])),
      ];
      taken.push([lx - 2, ly - 9, tw + 4, 15]);
      g.fillStyle = 'rgba(255,255,255,0.85)';
      g.fillRect(lx - 2, ly - 9, tw + 4, 15);
      g.fillStyle = color;
      g.fillText(text, lx, ly + 3);
    };

    const spots = badges && groups ? badgeSpots(x, y, n) : [];
    for (const [, bx, by] of spots) taken.push([bx - 12, by - 12, 24, 24]);
    const dots = [];
    for (const [i, mark] of marks) {
      if (i >= n) continue;
      const px = x(shown[2 * i]);
      const py = y(shown[2 * i + 1]);
      drawMark(g, i, mark, px, py);
      const r = (MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor).radius;
      dots.push([px - r, py - r, 2 * r, 2 * r]);
    }
    const order = [...marks.keys()].sort((a, b) => (marks.get(a).kind === 'probe' ? -1 : marks.get(b).kind === 'probe' ? 1 : a - b));
    // The probe's label always shows; the others' where they fit (the lists beside the map name them all).
    for (const i of order) {
      const mark = marks.get(i);
      if (i >= n || (mark.kind === 'member' && groups && faded(groups[i]))) continue;
      const style = MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor;
      place(i, mark.tag ? `${mark.tag} ${words[i]}` : words[i], style.label, '#111827', mark.kind === 'probe');
    }
    taken.push(...dots); // frequent words' labels keep off the marked dots
    if (frequentLabels) for (let i = 0; i < n; i += i < ALWAYS_TRY ? 1 : THEN_EVERY) if (!marks.has(i)) place(i, words[i], '11px', '#374151', false);
    for (const [group, bx, by] of spots) if (!faded(group)) drawBadge(g, group, bx, by);

    if (hovered >= 0 && hovered < n) {
      g.beginPath();
      g.arc(x(shown[2 * hovered]), y(shown[2 * hovered + 1]), 6, 0, Math.PI * 2);
      g.lineWidth = 2;
      g.strokeStyle = '#111827';
      g.stroke();
    }
  }

  function tick(now) {
    raf = 0;
    if (now - lastFrame < MIN_FRAME_MS && now - animation.start < animation.duration) {
      raf = requestAnimationFrame(tick);
      return;
    }
    lastFrame = now;
    const t = animation.duration ? Math.min(1, (now - animation.start) / animation.duration) : 1;
    const k = ease(t);
    if (from.length === target.length) {
      for (let i = 0; i < target.length; i += 1) shown[i] = lerp(from[i], target[i], k);
    }
    frame = {
      x0: lerp(frameFrom.x0, frameTarget.x0, k),
      x1: lerp(frameFrom.x1, frameTarget.x1, k),
      y0: lerp(frameFrom.y0, frameTarget.y0, k),
      y1: lerp(frameFrom.y1, frameTarget.y1, k),
    };
    draw();
    if (t < 1) raf = requestAnimationFrame(tick);
  }

  function schedule() {
    if (!raf) raf = requestAnimationFrame(tick);
  }

  function nearest(clientX, clientY) {
    const rect = canvas.getBoundingClientRect();
    const mx = clientX - rect.left;
    const my = clientY - rect.top;
    const { x, y } = toScreen();
    let best = -1;
    let bestDistance = HOVER_RADIUS ** 2;
    for (let i = 0; i < words.length; i += 1) {
      const d = (x(shown[2 * i]) - mx) ** 2 + (y(shown[2 * i + 1]) - my) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return { index: best, mx, my };
  }

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
    tooltip.style.top = `${Math.max(0, my - 28)}px`;
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
    /**
     * Shows `points` (n × 2, row-major) for `nextWords`. When the words are the same as shown,
     * the dots glide over `duration` ms (unless reduced motion is asked for). `tooltip(i)` names
     * a hovered dot (default: its word).
     */
    setData(nextWords, points, { duration = 400, description, tooltip: text } = {}) {
      const same = nextWords.length === words.length && nextWords.every((w, i) => w === words[i]);
      words = nextWords;
      const glide = same && duration > 0 && !prefersReducedMotion();
      from = glide ? Float32Array.from(shown) : Float32Array.from(points);
      target = Float32Array.from(points);
      if (!glide) shown = Float32Array.from(points);
      else if (shown.length !== target.length) shown = Float32Array.from(from);
      frameFrom = glide ? frame : frameOf(target);
      frameTarget = frameOf(target);
      animation = { start: performance.now(), duration: glide ? duration : 0 };
      if (!glide) frame = frameTarget;
      describe = text ?? ((i) => words[i]);
      element.dataset.words = String(words.length);
      canvas.setAttribute('aria-label', description ?? `${label}: ${words.length} words. The table view lists them with their coordinates.`);
      schedule();
    },
    /**
     * Marks words by index: entries [index, kind] or [index, kind, tag]; kind is 'probe',
     * 'neighbor', 'query' or 'member' (drawn in its group's colour and shape); a tag (a letter)
     * starts the label.
     */
    setMarks(entries) {
      marks = new Map(entries.map(([i, kind, tag]) => [i, { kind, tag }]));
      schedule();
    },
    /**
     * Colours and shapes the dots by group (one whole number per word, in the order of the
     * words; see groups.js), or plain again with null. Negative numbers mean "no group". With
     * `badges`, each group's number is drawn at its middle; `count` says how many groups there
     * are (default: the largest number + 1).
     */
    setGroups(next, { badges: withBadges = false, count } = {}) {
      groups = next ? Int32Array.from(next) : null;
      groupCount = 0;
      if (groups) for (const group of groups) groupCount = Math.max(groupCount, group + 1);
      if (groups && count !== undefined) groupCount = count;
      badges = withBadges;
      if (highlight !== null && highlight >= groupCount) this.setHighlight(null);
      element.dataset.groups = String(groupCount);
      schedule();
    },
    /** Brings one group forward (the others fade), or all with null. */
    setHighlight(group) {
      highlight = group;
      element.dataset.highlight = group === null ? '' : String(group + 1);
      schedule();
    },
    /** Lines between dots by index: [{ from, to, dashed, color }]. */
    setLines(next) {
      lines = next;
      schedule();
    },
    get words() {
      return words;
    },
    /** The screen position (CSS pixels in the canvas) of a word's dot, for tests and overlays. */
    screenPosition(index) {
      const { x, y } = toScreen();
      return [x(shown[2 * index]), y(shown[2 * index + 1])];
    },
    destroy() {
      resize.disconnect();
      if (raf) cancelAnimationFrame(raf);
    },
  };
}
