// Each group's zone on the map: where its words are dense, as a density contour (d3-contour's
// kernel density estimate and marching squares), like the regions WizMap draws under its points.
// Computed once per new set of positions (not per frame), in the points' own units, so zooming
// and panning only transform the outlines. A group whose words are scattered (early in training)
// gets small patches or none: that is what "no shelf yet" looks like.
import { contourDensity } from 'd3-contour';

/** The grid the density is estimated on, in cells along the longer side of the map. */
const GRID = 96;
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
 * negative for none). Returns one entry per group with words: { group, rings, anchor, size },
 * where `rings` are closed outlines as flat [x0, y0, x1, y1, ...] arrays in the points' units
 * (holes included: draw them with the even-odd rule) and `anchor` is where to write its name.
 */
export function computeZones(points, groups, count) {
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
  if (!(n > 0) || !Number.isFinite(x0 + x1 + y0 + y1)) return [];
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const pad = BANDWIDTH * 3;
  const scale = GRID / span; // grid cells per unit
  const toGrid = (v, lo) => (v - lo) * scale + pad;
  const size = [Math.ceil((x1 - x0) * scale) + 2 * pad, Math.ceil((y1 - y0) * scale) + 2 * pad];
  const members = Array.from({ length: count }, () => []);
  for (let i = 0; i < n; i += 1) if (groups[i] >= 0 && groups[i] < count) members[groups[i]].push(i);
  const zones = [];
  for (let group = 0; group < count; group += 1) {
    const list = members[group];
    if (list.length < 3) continue;
    const density = contourDensity()
      .x((i) => toGrid(points[2 * i], x0))
      .y((i) => toGrid(points[2 * i + 1], y0))
      .size(size)
      .cellSize(1)
      .bandwidth(BANDWIDTH)
      .contours(list);
    const peak = density.max;
    if (!(peak > 0)) continue;
    const back = ([gx, gy]) => [(gx - pad) / scale + x0, (gy - pad) / scale + y0];
    const rings = [];
    for (const polygon of density(peak * LEVEL).coordinates) {
      for (const ring of polygon) rings.push(Float64Array.from(ring.flatMap(back)));
    }
    const core = largestRing(density(peak * CORE_LEVEL));
    const [ax, ay] = core ? back([core.x, core.y]) : back([0, 0]);
    zones.push({ group, rings, anchor: [ax, ay], size: list.length });
  }
  return zones;
}
