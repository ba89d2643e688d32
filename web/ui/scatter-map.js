// A 2-D map of words drawn with Canvas 2D: a couple of thousand dots, labels for the most
// frequent words where they fit, marked words (a probe and its neighbours) drawn larger with
// their own shapes and bold labels, a tooltip on hover. New positions for the same words glide
// from the old ones (requestAnimationFrame), or jump when the user prefers reduced motion.
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

const MARK_STYLES = {
  probe: { radius: 7, fill: '#111827', stroke: '#ffffff', label: 'bold 14px' },
  neighbor: { radius: 5, fill: '#ffffff', stroke: '#b45309', label: 'bold 12px' },
  query: { radius: 6, fill: '#1d4ed8', stroke: '#ffffff', label: 'bold 13px' },
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

export function scatterMap({ label = 'Map of words', height = 520 } = {}) {
  const canvas = h('canvas', { class: 'scatter-canvas', role: 'img', 'aria-label': label });
  const tooltip = h('div', { class: 'scatter-tooltip', hidden: true, 'aria-hidden': 'true' });
  // With height null, the stylesheet sizes the map (.scatter).
  const element = h('div', { class: 'scatter', style: height ? { height: `${height}px` } : null }, canvas, tooltip);

  let words = [];
  let shown = new Float32Array(0); // what is on screen now
  let from = shown;
  let target = shown;
  let frame = frameOf(shown);
  let frameFrom = frame;
  let frameTarget = frame;
  let animation = { start: 0, duration: 0 };
  let raf = 0;
  let marks = new Map(); // index -> kind
  let hovered = -1;
  let lastFrame = 0;
  let width = 600;
  let heightPx = height ?? 480;
  let lines = [];
  let groups = null; // a group number per word (clusters, categories), or null
  const textWidths = new Map(); // label widths: measureText is slow, and labels repeat every frame

  function toScreen() {
    const w = width - 2 * MARGIN;
    const hgt = heightPx - 2 * MARGIN;
    const sx = w / (frame.x1 - frame.x0 || 1);
    const sy = hgt / (frame.y1 - frame.y0 || 1);
    const s = Math.min(sx, sy); // one scale on both axes: distances on the map mean the same both ways
    const cx = (frame.x0 + frame.x1) / 2;
    const cy = (frame.y0 + frame.y1) / 2;
    return {
      x: (x) => width / 2 + (x - cx) * s,
      y: (y) => heightPx / 2 - (y - cy) * s,
    };
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

    if (groups && groups.length === n) {
      // One path per group (colour and shape): far cheaper than a fill per dot.
      g.fillStyle = 'rgba(71, 85, 105, 0.35)';
      g.beginPath();
      for (let i = 0; i < n; i += 1) if (groups[i] < 0 && !marks.has(i)) shapePath(g, 'circle', x(shown[2 * i]), y(shown[2 * i + 1]), 2.2);
      g.fill();
      let count = 0;
      for (let i = 0; i < n; i += 1) count = Math.max(count, groups[i] + 1);
      for (let group = 0; group < count; group += 1) {
        const { color, shape } = groupStyle(group);
        g.fillStyle = color;
        g.globalAlpha = 0.75;
        g.beginPath();
        for (let i = 0; i < n; i += 1) {
          if (groups[i] !== group || marks.has(i)) continue;
          shapePath(g, shape, x(shown[2 * i]), y(shown[2 * i + 1]), 3);
        }
        g.fill();
      }
      g.globalAlpha = 1;
    } else {
      // One path for all the dots: far cheaper than a fill per dot.
      g.fillStyle = 'rgba(71, 85, 105, 0.45)';
      g.beginPath();
      for (let i = 0; i < n; i += 1) {
        if (marks.has(i)) continue;
        const px = x(shown[2 * i]);
        const py = y(shown[2 * i + 1]);
        g.moveTo(px + 2.2, py);
        g.arc(px, py, 2.2, 0, Math.PI * 2);
      }
      g.fill();
    }

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
    const place = (i, font, color, force) => {
      g.font = `${font} system-ui, sans-serif`;
      const text = words[i];
      const key = `${font}|${text}`;
      let tw = textWidths.get(key);
      if (tw === undefined) {
        tw = g.measureText(text).width;
        if (textWidths.size > 20000) textWidths.clear();
        textWidths.set(key, tw);
      }
      const px = x(shown[2 * i]);
      const py = y(shown[2 * i + 1]);
      const candidates = [
        [px + 6, py - 7],
        [px - tw - 6, py - 7],
        [px + 6, py + 7],
        [px - tw - 6, py + 7],
      ];
      const free = candidates.find(([lx, ly]) => fits(lx - 2, ly - 9, tw + 4, 15));
      if (!free && !force) return;
      // A marked word's label always shows: where it fits, else at its dot, kept on the canvas.
      const [lx, ly] = free ?? [
        Math.max(2, Math.min(width - tw - 4, candidates[0][0])),
        Math.max(11, Math.min(heightPx - 8, candidates[0][1])),
      ];
      taken.push([lx - 2, ly - 9, tw + 4, 15]);
      g.fillStyle = 'rgba(255,255,255,0.8)';
      g.fillRect(lx - 2, ly - 9, tw + 4, 15);
      g.fillStyle = color;
      g.fillText(text, lx, ly + 3);
    };

    const dots = [];
    for (const [i, kind] of marks) {
      if (i >= n) continue;
      const style = MARK_STYLES[kind] ?? MARK_STYLES.neighbor;
      const px = x(shown[2 * i]);
      const py = y(shown[2 * i + 1]);
      g.beginPath();
      if (kind === 'neighbor') {
        g.rect(px - style.radius, py - style.radius, style.radius * 2, style.radius * 2); // a square: not colour alone
      } else {
        g.arc(px, py, style.radius, 0, Math.PI * 2);
      }
      g.fillStyle = style.fill;
      g.fill();
      g.lineWidth = 2;
      g.strokeStyle = style.stroke;
      g.stroke();
      dots.push([px - style.radius, py - style.radius, style.radius * 2, style.radius * 2]);
    }
    const order = [...marks.keys()].sort((a, b) => (marks.get(a) === 'probe' ? -1 : marks.get(b) === 'probe' ? 1 : a - b));
    // The probe's label always shows; a neighbour's where it fits (the list beside the map names them all).
    for (const i of order) if (i < n) place(i, MARK_STYLES[marks.get(i)]?.label ?? 'bold 12px', '#111827', marks.get(i) === 'probe');
    taken.push(...dots); // frequent words' labels keep off the marked dots
    for (let i = 0; i < n; i += i < ALWAYS_TRY ? 1 : THEN_EVERY) if (!marks.has(i)) place(i, '11px', '#374151', false);

    if (hovered >= 0 && hovered < n) {
      g.beginPath();
      g.arc(x(shown[2 * hovered]), y(shown[2 * hovered + 1]), 5, 0, Math.PI * 2);
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
    tooltip.textContent = words[index];
    tooltip.hidden = false;
    tooltip.style.left = `${Math.min(width - 80, mx + 12)}px`;
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
     * the dots glide over `duration` ms (unless reduced motion is asked for).
     */
    setData(nextWords, points, { duration = 400, description } = {}) {
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
      element.dataset.words = String(words.length);
      canvas.setAttribute('aria-label', description ?? `${label}: ${words.length} words. The table view lists them with their coordinates.`);
      schedule();
    },
    /** Marks words by index: kind is 'probe', 'neighbor' or 'query'. */
    setMarks(entries) {
      marks = new Map(entries);
      schedule();
    },
    /**
     * Colours and shapes the dots by group (one whole number per word, in the order of the
     * words; see groups.js), or plain again with null. Negative numbers mean "no group".
     */
    setGroups(next) {
      groups = next;
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
