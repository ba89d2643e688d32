// Where the map looks: the words' frame (a robust box around the points) and a view on it (a zoom
// factor and the offset of the view's centre from the frame's centre, in the points' own units).
// Pure functions, so the zoom and pan arithmetic is tested on its own (tests/js/map-view.test.mjs).
// Zoom 1 with no offset shows the whole map.

/** How far out and in the map zooms (1: the whole map fits). */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 64;
/** The whole view; what resetView goes back to. */
export const HOME = Object.freeze({ zoom: 1, ox: 0, oy: 0 });

/** A robust frame for the points: percentiles, so one outlier does not shrink the map. */
export function frameOf(points) {
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

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

/**
 * The screen mapping for a frame, a view and a canvas of `width` × `height` CSS pixels with a
 * `margin`: `x(px)`, `y(py)` from the points' units to the screen, `invert(sx, sy)` back, and the
 * scale `s` (screen pixels per unit, the same on both axes so distances mean the same both ways).
 */
export function transformOf(frame, view, width, height, margin) {
  const sx = (width - 2 * margin) / (frame.x1 - frame.x0 || 1);
  const sy = (height - 2 * margin) / (frame.y1 - frame.y0 || 1);
  const s = Math.max(1e-9, Math.min(sx, sy)) * view.zoom;
  const cx = (frame.x0 + frame.x1) / 2 + view.ox;
  const cy = (frame.y0 + frame.y1) / 2 + view.oy;
  const hw = width / 2;
  const hh = height / 2;
  return {
    s,
    x: (x) => hw + (x - cx) * s,
    y: (y) => hh - (y - cy) * s,
    invert: (px, py) => [cx + (px - hw) / s, cy - (py - hh) / s],
  };
}

/** Keeps the view's centre over the map (never lost in empty space) and its zoom in range. */
export function clampView(frame, view) {
  const zoom = clamp(view.zoom, MIN_ZOOM, MAX_ZOOM);
  const spanX = (frame.x1 - frame.x0) * 0.6;
  const spanY = (frame.y1 - frame.y0) * 0.6;
  return { zoom, ox: clamp(view.ox, -spanX, spanX), oy: clamp(view.oy, -spanY, spanY) };
}

/** Zooms by `factor` keeping the point under the screen position (px, py) where it is. */
export function zoomAt(frame, view, size, factor, px, py) {
  const { width, height, margin } = size;
  const before = transformOf(frame, view, width, height, margin);
  const [dx, dy] = before.invert(px, py);
  const zoom = clamp(view.zoom * factor, MIN_ZOOM, MAX_ZOOM);
  const s = (before.s / view.zoom) * zoom;
  // Solve x'(dx) = px and y'(dy) = py for the new centre.
  const cx = dx - (px - width / 2) / s;
  const cy = dy + (py - height / 2) / s;
  return clampView(frame, { zoom, ox: cx - (frame.x0 + frame.x1) / 2, oy: cy - (frame.y0 + frame.y1) / 2 });
}

/** Moves the map by (dx, dy) screen pixels: what was at (x, y) is then at (x + dx, y + dy). */
export function panBy(frame, view, size, dx, dy) {
  const { s } = transformOf(frame, view, size.width, size.height, size.margin);
  return clampView(frame, { zoom: view.zoom, ox: view.ox - dx / s, oy: view.oy + dy / s });
}

/** A view centred on the point (x, y) at `zoom`. */
export function centreOn(frame, x, y, zoom) {
  return clampView(frame, { zoom, ox: x - (frame.x0 + frame.x1) / 2, oy: y - (frame.y0 + frame.y1) / 2 });
}

/** Between two views, for an animated move (t from 0 to 1; zoom moves geometrically). */
export function mixViews(a, b, t) {
  return {
    zoom: a.zoom * (b.zoom / a.zoom) ** t,
    ox: a.ox + (b.ox - a.ox) * t,
    oy: a.oy + (b.oy - a.oy) * t,
  };
}

/** The point (of `n` in `points`, n × 2) nearest to the screen position (px, py) within `radius` pixels under `t`, or -1. */
export function nearestDot(t, points, n, px, py, radius) {
  let best = -1;
  let bestDistance = radius ** 2;
  for (let i = 0; i < n; i += 1) {
    const d = (t.x(points[2 * i]) - px) ** 2 + (t.y(points[2 * i + 1]) - py) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}
