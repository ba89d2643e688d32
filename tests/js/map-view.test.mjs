// The word map's zoom and pan arithmetic (web/ui/map-view.js) and its zones (web/ui/map-zones.js),
// without a browser: zooming keeps the point under the pointer still, panning moves the map by
// exactly the pixels asked, the view never leaves the map, and each group's zone surrounds its
// own words and not the other group's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOME, MAX_ZOOM, MIN_ZOOM, centreOn, clampView, frameOf, mixViews, nearestDot, panBy, transformOf, zoomAt } from '../../web/ui/map-view.js';
import { computeZones, zoneKeeper } from '../../web/ui/map-zones.js';

const frame = { x0: -2, x1: 2, y0: -1, y1: 1 };
const size = { width: 800, height: 500, margin: 18 };
const screen = (view, x, y) => {
  const t = transformOf(frame, view, size.width, size.height, size.margin);
  return [t.x(x), t.y(y)];
};

test('the home view fits the frame and centres it', () => {
  const [cx, cy] = screen(HOME, 0, 0);
  assert.equal(cx, 400);
  assert.equal(cy, 250);
  const [left] = screen(HOME, -2, 0);
  const [right] = screen(HOME, 2, 0);
  assert.ok(left >= 18 - 1e-9 && right <= 782 + 1e-9, 'the frame fits in the margins');
  const t = transformOf(frame, HOME, 800, 500, 18);
  const [x, y] = t.invert(...screen(HOME, 1.25, -0.5));
  assert.ok(Math.abs(x - 1.25) < 1e-9 && Math.abs(y + 0.5) < 1e-9, 'invert undoes the mapping');
});

test('zooming at a point keeps that point under the pointer', () => {
  for (const [px, py, factor] of [[400, 250, 2], [100, 60, 3], [700, 400, 0.7], [523, 111, 1.37]]) {
    const t = transformOf(frame, HOME, 800, 500, 18);
    const [x, y] = t.invert(px, py);
    const view = zoomAt(frame, HOME, size, factor, px, py);
    assert.ok(Math.abs(view.zoom - Math.max(MIN_ZOOM, factor)) < 1e-9);
    const [sx, sy] = screen(view, x, y);
    assert.ok(Math.abs(sx - px) < 1e-6 && Math.abs(sy - py) < 1e-6, `(${px}, ${py}) ×${factor}: at (${sx}, ${sy})`);
  }
});

test('zoom stays in range and the centre stays over the map', () => {
  let view = HOME;
  for (let i = 0; i < 100; i += 1) view = zoomAt(frame, view, size, 2, 0, 0);
  assert.equal(view.zoom, MAX_ZOOM);
  for (let i = 0; i < 100; i += 1) view = zoomAt(frame, view, size, 0.5, 800, 500);
  assert.equal(view.zoom, MIN_ZOOM);
  const far = clampView(frame, { zoom: 2, ox: 1e6, oy: -1e6 });
  assert.ok(Math.abs(far.ox) <= 4 * 0.6 + 1e-9 && Math.abs(far.oy) <= 2 * 0.6 + 1e-9);
});

test('panning moves every point by the pixels asked', () => {
  const view = zoomAt(frame, HOME, size, 4, 300, 200);
  const moved = panBy(frame, view, size, 37, -21);
  for (const [x, y] of [[0, 0], [0.1, 0.05], [-0.2, 0.1]]) {
    const [ax, ay] = screen(view, x, y);
    const [bx, by] = screen(moved, x, y);
    assert.ok(Math.abs(bx - ax - 37) < 1e-6 && Math.abs(by - ay + 21) < 1e-6);
  }
});

test('centreOn puts a point in the middle; mixViews runs from one view to the other', () => {
  const view = centreOn(frame, 1.5, -0.5, 3);
  const [sx, sy] = screen(view, 1.5, -0.5);
  assert.ok(Math.abs(sx - 400) < 1e-6 && Math.abs(sy - 250) < 1e-6);
  assert.deepEqual(mixViews(HOME, view, 0), HOME);
  const end = mixViews(HOME, view, 1);
  assert.ok(Math.abs(end.zoom - 3) < 1e-9 && Math.abs(end.ox - view.ox) < 1e-12);
  assert.ok(Math.abs(mixViews(HOME, view, 0.5).zoom - Math.sqrt(3)) < 1e-9, 'zoom moves geometrically');
});

test('nearestDot finds the dot under the pointer, within its radius only', () => {
  const points = Float32Array.from([0, 0, 1, 0.5, -1, -0.5]);
  const view = zoomAt(frame, HOME, size, 2, 400, 250);
  const t = transformOf(frame, view, size.width, size.height, size.margin);
  for (let i = 0; i < 3; i += 1) {
    assert.equal(nearestDot(t, points, 3, t.x(points[2 * i]) + 3, t.y(points[2 * i + 1]) - 2, 14), i);
  }
  assert.equal(nearestDot(t, points, 3, t.x(0) + 40, t.y(0), 14), -1, 'nothing within 14 px');
  assert.equal(nearestDot(t, points, 2, t.x(-1), t.y(-0.5), 14), -1, 'only the first n points count');
});

test('frameOf ignores a far outlier', () => {
  const points = [];
  for (let i = 0; i < 1000; i += 1) points.push(Math.cos(i), Math.sin(i * 1.3));
  points.push(1000, -1000);
  const f = frameOf(Float32Array.from(points));
  assert.ok(f.x1 < 2 && f.y0 > -2, JSON.stringify(f));
});

/** A seeded normal sample. */
function gaussian(seed) {
  let s = seed;
  const uniform = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Whether (x, y) is inside an odd number of the rings (even-odd rule, as the map fills them). */
function inside(rings, x, y) {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const [xi, yi, xj, yj] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

test('each group gets a zone around its own words, named at its dense middle', () => {
  const normal = gaussian(7);
  const centres = [[-3, 0], [3, 1], [0, -4]];
  const points = [];
  const groups = [];
  centres.forEach(([cx, cy], group) => {
    for (let i = 0; i < 300; i += 1) {
      points.push(cx + 0.6 * normal(), cy + 0.6 * normal());
      groups.push(group);
    }
  });
  for (let i = 0; i < 50; i += 1) {
    points.push(normal() * 3, normal() * 3);
    groups.push(-1); // words of no group get no zone
  }
  const zones = computeZones(Float32Array.from(points), Int32Array.from(groups), 3);
  assert.equal(zones.length, 3);
  for (const zone of zones) {
    const [cx, cy] = centres[zone.group];
    assert.equal(zone.size, 300);
    assert.ok(Math.hypot(zone.anchor[0] - cx, zone.anchor[1] - cy) < 0.5, `group ${zone.group}'s name sits at its middle: ${zone.anchor}`);
    assert.ok(inside(zone.rings, cx, cy), 'its zone covers its middle');
    for (const [ox, oy] of centres.filter((_, g) => g !== zone.group)) assert.ok(!inside(zone.rings, ox, oy), 'and not the other groups\' middles');
    let covered = 0;
    groups.forEach((g, i) => { if (g === zone.group && inside(zone.rings, points[2 * i], points[2 * i + 1])) covered += 1; });
    assert.ok(covered > 0.7 * 300, `most of its words are in its zone (${covered} of 300)`);
  }
  assert.deepEqual(computeZones(new Float32Array(0), new Int32Array(0), 2), []);

  // A frame at a time: the zones on show stay until the new set is whole, and it is the same set.
  const keeper = zoneKeeper();
  keeper.restart(Float32Array.from(points), Int32Array.from(groups), 3);
  let frames = 0;
  while (keeper.work(0)) {
    frames += 1;
    assert.deepEqual(keeper.zones, [], 'nothing half-made shows');
  }
  assert.equal(frames, 2, 'one group per frame with no time to spare');
  assert.deepEqual(keeper.zones.map((z) => [z.group, z.size, z.anchor]), zones.map((z) => [z.group, z.size, z.anchor]));
});
