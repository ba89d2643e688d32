// Each group's zone on the map: where its words are dense, as a density contour (d3-contour's
// kernel density estimate and marching squares), like the regions WizMap draws under its points.
// Computed once per new set of positions (not per frame), a group per animation frame, in the
// points' own units, so zooming and panning only transform the outlines. A group whose words are scattered (early in training)
// gets small patches or none: that is what "no shelf yet" looks like.
import { contourDensity } from 'd3-contour';

/** The grid the density is estimated on, in cells along the longer side of the map. */
const GRID = 72;
/** The kernel's width, in grid cells: about 4% of the map. */
const BANDWIDTH = 4;
/** A zone encloses the places where the group's density is above this share of its peak. */
const LEVEL = 0.2;
/** The name goes in the middle of the group's densest patch (density above this share of its peak). */
const CORE_LEVEL = 0.6;

/** The signed area and the centroid of a ring of [x, y] pairs (shoelace formula). */
function ringCentroid(ring) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    area += cross;
    cx += (ring[j][0] + ring[i][0]) * cross;
    cy += (ring[j][1] + ring[i][1]) * cross;
  }
  if (Math.abs(area) < 1e-12) return { area: 0, x: ring[0][0], y: ring[0][1] };
  return { area: Math.abs(area / 2), x: cx / (3 * area), y: cy / (3 * area) };
}

/** The largest outer ring of a MultiPolygon, with its centroid. */
function largestRing(multi) {
  let best = null;
  for (const polygon of multi.coordinates) {
    const c = ringCentroid(polygon[0]);
    if (!best || c.area > best.area) best = c;
  }
  return best;
}

/**
 * Zones of `count` groups for `points` (n × 2, row-major) and `groups` (a group per point,
 * negative for none), computed one group at a time: `next()` returns the next group's zone (or
 * null for a group with too few words) and `done` says when all are there, so the map spreads the
 * work over frames and never holds the main thread for long. A zone is { group, rings, anchor,
 * size }: `rings` are closed outlines as flat [x0, y0, x1, y1, ...] arrays in the points' units
 * (holes included: draw them with the even-odd rule), `anchor` is where to write its name.
 */
export function zoneJob(points, groups, count) {
  const n = points.length / 2;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i += 1) {
    x0 = Math.min(x0, points[2 * i]);
    x1 = Math.max(x1, points[2 * i]);
    y0 = Math.min(y0, points[2 * i + 1]);
    y1 = Math.max(y1, points[2 * i + 1]);
  }
  const empty = !(n > 0) || !Number.isFinite(x0 + x1 + y0 + y1);
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const scale = GRID / span; // grid cells per unit
  const size = [Math.ceil((x1 - x0) * scale) + 1, Math.ceil((y1 - y0) * scale) + 1];
  const members = Array.from({ length: count }, () => []);
  if (!empty) for (let i = 0; i < n; i += 1) if (groups[i] >= 0 && groups[i] < count) members[groups[i]].push(i);
  const back = ([gx, gy]) => [gx / scale + x0, gy / scale + y0];
  let group = empty ? count : 0;
  return {
    get done() {
      return group >= count;
    },
    next() {
      const list = members[group];
      const g = group;
      group += 1;
      if (list.length < 3) return null;
      const density = contourDensity()
        .x((i) => (points[2 * i] - x0) * scale)
        .y((i) => (points[2 * i + 1] - y0) * scale)
        .size(size)
        .cellSize(1)
        .bandwidth(BANDWIDTH)
        .contours(list);
      const peak = density.max;
      if (!(peak > 0)) return null;
      const rings = [];
      for (const polygon of density(peak * LEVEL).coordinates) {
        for (const ring of polygon) rings.push(Float64Array.from(ring.flatMap(back)));
      }
      const core = largestRing(density(peak * CORE_LEVEL));
      return { group: g, rings, anchor: core ? back([core.x, core.y]) : back([0, 0]), size: list.length };
    },
  };
}

/** All the zones at once (see zoneJob). */
export function computeZones(points, groups, count) {
  const job = zoneJob(points, groups, count);
  const zones = [];
  while (!job.done) {
    const zone = job.next();
    if (zone) zones.push(zone);
  }
  return zones;
}

/**
 * The zones a map shows, kept up to date a slice of work at a time: `restart` with new positions
 * (the zones on show stay until the new ones are all computed, so they never flicker), `clear`,
 * and `work(ms)` once per frame, true while work remains.
 */
export function zoneKeeper() {
  let job = null;
  let pending = [];
  let zones = [];
  return {
    restart(points, groups, count) {
      job = zoneJob(points, groups, count);
      pending = [];
    },
    clear() {
      job = null;
      zones = [];
    },
    work(ms) {
      if (!job) return false;
      const until = performance.now() + ms;
      do {
        const zone = job.next();
        if (zone) pending.push(zone);
      } while (!job.done && performance.now() < until);
      if (!job.done) return true;
      zones = pending;
      job = null;
      return false;
    },
    get zones() {
      return zones;
    },
  };
}
