// Drawing one frame of the word map (Canvas 2D), bottom to top: the paper, the groups' zones,
// the dots, lines, marked words, the zones' names, the badges, labels of frequent words where
// they fit, and the rings of the found, hovered and keyboard-chosen words. word-map.js owns the
// state and calls drawMap(scene) when something changed.
import { groupStyle, shapePath } from './groups.js';
import { labelPlacer } from './map-labels.js';

/**
 * Which dots get a label when there is room: the most frequent words first, then a sample
 * spread over the rest (so content words get names too, not only "the" and "of"); zoomed in
 * (ZOOM_ALL_LABELS and more), every word may get one.
 */
const ALWAYS_TRY = 40;
const THEN_EVERY = 4;
const ZOOM_ALL_LABELS = 2.5;
/** With frequentLabels 'zoomed', words are named only from this zoom on (crowded maps). */
const ZOOMED_LABELS = 2;
/** At most this many frequent-word labels are tried per frame (each costs a measure and a search). */
const LABEL_TRIES = 900;
/**
 * Above this many dots on screen, dots are small squares written into pixels (map-raster.js)
 * rather than shapes Canvas 2D rasterises one by one; zooming in brings their shapes back.
 */
export const DENSE_DOTS = 3000;
const DOT_RADIUS = 2.2;
const GROUP_DOT_RADIUS = 3;
/** Group dots are see-through so that crowded regions show their density. */
const GROUP_ALPHA = 0.8;
/** Zones: a light fill in the group's colour and an outline whose dash pattern is the group's too. */
const ZONE_FILL_ALPHA = 0.13;
const ZONE_DASHES = [[], [7, 4], [2, 3], [9, 3, 2, 3], [14, 5]];

export const MARK_STYLES = {
  probe: { radius: 7, label: 'bold 14px' },
  neighbor: { radius: 5, label: 'bold 12px' },
  query: { radius: 6, label: 'bold 13px' },
  member: { radius: 5.5, label: '600 11.5px' }, // fill: its group's colour
};

/** The dash pattern of a group's zone outline (never colour alone). */
export const zoneDash = (group) => ZONE_DASHES[Math.max(0, group | 0) % ZONE_DASHES.length];

function drawZones(g, scene) {
  const { zones, t, faded } = scene;
  for (const zone of zones) {
    if (faded(zone.group)) continue;
    const { color } = groupStyle(zone.group);
    g.beginPath();
    for (const ring of zone.rings) {
      g.moveTo(t.x(ring[0]), t.y(ring[1]));
      for (let i = 2; i < ring.length; i += 2) g.lineTo(t.x(ring[i]), t.y(ring[i + 1]));
      g.closePath();
    }
    g.globalAlpha = ZONE_FILL_ALPHA * scene.zoneAlpha * (scene.highlight === zone.group ? 2 : 1);
    g.fillStyle = color;
    g.fill('evenodd');
    g.globalAlpha = scene.zoneAlpha;
    g.strokeStyle = color;
    g.lineWidth = scene.highlight === zone.group ? 2.5 : 1.5;
    g.setLineDash(zoneDash(zone.group));
    g.stroke();
    g.setLineDash([]);
    g.globalAlpha = 1;
  }
}

/** The dots: one path (or one run of squares) per colour, far cheaper than a fill per dot. */
function drawDots(g, scene, visible) {
  const { shown, marks, groups, members, groupCount, t, colors, faded, width, height } = scene;
  const side = (r) => Math.max(2, Math.round(r * 1.3));
  if (visible > DENSE_DOTS) {
    // Crowded: small squares written into pixels (map-raster.js), one colour after the other.
    const { raster } = scene;
    raster.begin(width, height, scene.ratio);
    if (!groups) raster.squares(scene.all, shown, t, side(DOT_RADIUS), colors.dot, 1, marks);
    else {
      raster.squares(members.none, shown, t, side(2), colors.muted, 1, marks);
      for (let group = 0; group < groupCount; group += 1) if (faded(group)) raster.squares(members.of[group], shown, t, side(2), colors.muted, 1, marks);
      for (let group = 0; group < groupCount; group += 1) {
        if (!faded(group)) raster.squares(members.of[group], shown, t, side(GROUP_DOT_RADIUS), groupStyle(group).color, GROUP_ALPHA, marks);
      }
    }
    raster.end(g, width, height);
    return;
  }
  const inside = (px, py) => px > -8 && py > -8 && px < width + 8 && py < height + 8;
  const dots = (list, shape, r) => {
    g.beginPath();
    for (const i of list) {
      if (marks.has(i)) continue;
      const px = t.x(shown[2 * i]);
      const py = t.y(shown[2 * i + 1]);
      if (inside(px, py)) shapePath(g, shape, px, py, r);
    }
    g.fill();
  };
  if (!groups) {
    g.fillStyle = colors.dot;
    dots(scene.all, 'circle', DOT_RADIUS);
    return;
  }
  // Words of no group, and faded groups, as small grey dots; then each group in its colour and shape.
  g.fillStyle = colors.muted;
  dots(members.none, 'circle', 2);
  for (let group = 0; group < groupCount; group += 1) if (faded(group)) dots(members.of[group], 'circle', 2);
  g.globalAlpha = GROUP_ALPHA;
  for (let group = 0; group < groupCount; group += 1) {
    if (faded(group)) continue;
    const { color, shape } = groupStyle(group);
    g.fillStyle = color;
    dots(members.of[group], shape, GROUP_DOT_RADIUS);
  }
  g.globalAlpha = 1;
}

function drawMark(g, scene, i, mark, px, py) {
  const { colors, groups, faded } = scene;
  const style = MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor;
  g.beginPath();
  if (mark.kind === 'member') {
    const group = groups?.[i] ?? -1;
    shapePath(g, groupStyle(group).shape, px, py, style.radius);
    g.fillStyle = group < 0 || faded(group) ? colors.muted : groupStyle(group).color;
    g.strokeStyle = colors.ink;
    g.lineWidth = 1.5;
  } else {
    // The neighbours are squares, the others round: not colour alone.
    shapePath(g, mark.kind === 'neighbor' ? 'square' : 'circle', px, py, style.radius);
    g.fillStyle = { probe: colors.ink, neighbor: colors.paper, query: colors.accent }[mark.kind] ?? colors.paper;
    g.strokeStyle = mark.kind === 'neighbor' ? colors.neighbor : colors.paper;
    g.lineWidth = 2;
  }
  g.fill();
  g.stroke();
}

function drawBadge(g, scene, group, bx, by) {
  const strong = scene.highlight === group;
  g.beginPath();
  g.arc(bx, by, strong ? 13 : 10, 0, Math.PI * 2);
  g.fillStyle = scene.colors.paper;
  g.fill();
  g.lineWidth = strong ? 3 : 2;
  g.strokeStyle = groupStyle(group).color;
  g.stroke();
  g.fillStyle = scene.colors.ink;
  g.font = `700 ${strong ? 13 : 11}px system-ui, sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(String(group + 1), bx, by + 0.5);
  g.textAlign = 'start';
  g.textBaseline = 'alphabetic';
}

/** Each group's number goes at the median of its dots (on screen). */
function badgeSpots(scene) {
  const { shown, members, groupCount, t } = scene;
  const spots = [];
  for (let group = 0; group < groupCount; group += 1) {
    const list = members.of[group];
    if (!list.length) continue;
    const xs = Float32Array.from(list, (i) => t.x(shown[2 * i])).sort();
    const ys = Float32Array.from(list, (i) => t.y(shown[2 * i + 1])).sort();
    spots.push([group, xs[xs.length >> 1], ys[ys.length >> 1]]);
  }
  return spots;
}

function ring(g, px, py, r, color, width = 2) {
  g.beginPath();
  g.arc(px, py, r, 0, Math.PI * 2);
  g.lineWidth = width;
  g.strokeStyle = color;
  g.stroke();
}

/** Draws the whole frame. Returns how many dots were on screen. */
export function drawMap(g, scene) {
  const { width, height, colors, words, shown, marks, t, lines, measure } = scene;
  g.fillStyle = colors.paper;
  g.fillRect(0, 0, width, height);
  const n = words.length;
  if (!n) return 0;
  let visible = 0;
  for (let i = 0; i < n; i += 1) {
    const px = t.x(shown[2 * i]);
    const py = t.y(shown[2 * i + 1]);
    if (px >= 0 && py >= 0 && px <= width && py <= height) visible += 1;
  }
  if (scene.zones.length) drawZones(g, scene);
  drawDots(g, scene, visible);

  for (const line of lines) {
    const [a, b] = [line.from, line.to];
    if (a >= n || b >= n) continue;
    g.strokeStyle = line.color ?? colors.accent;
    g.lineWidth = 1.5;
    g.setLineDash(line.dashed ? [5, 4] : []);
    g.beginPath();
    g.moveTo(t.x(shown[2 * a]), t.y(shown[2 * a + 1]));
    g.lineTo(t.x(shown[2 * b]), t.y(shown[2 * b + 1]));
    g.stroke();
  }
  g.setLineDash([]);

  // Labels: marked words first, then zones' names, then frequent words where they do not overlap.
  const labels = labelPlacer(g, width, height, colors, measure);
  const spots = scene.badges && scene.groups ? badgeSpots(scene) : [];
  for (const [, bx, by] of spots) labels.reserve([bx - 12, by - 12, 24, 24]);
  const dots = [];
  for (const [i, mark] of marks) {
    if (i >= n) continue;
    const px = t.x(shown[2 * i]);
    const py = t.y(shown[2 * i + 1]);
    drawMark(g, scene, i, mark, px, py);
    const r = (MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor).radius;
    dots.push([px - r, py - r, 2 * r, 2 * r]);
  }
  const order = [...marks.keys()].sort((a, b) => (marks.get(a).kind === 'probe' ? -1 : marks.get(b).kind === 'probe' ? 1 : a - b));
  // The probe's label always shows, then the zones' names; the others' where they fit (the lists
  // beside the map name them all).
  for (const i of order) {
    const mark = marks.get(i);
    if (mark.kind !== 'probe' || i >= n) continue;
    labels.place(t.x(shown[2 * i]), t.y(shown[2 * i + 1]), mark.tag ? `${mark.tag} ${words[i]}` : words[i], MARK_STYLES.probe.label, colors.ink, true);
  }
  if (scene.names) {
    for (const zone of scene.zones) {
      const name = scene.names[zone.group];
      if (!name || scene.faded(zone.group)) continue;
      const ax = t.x(zone.anchor[0]);
      const ay = t.y(zone.anchor[1]);
      if (ax < 0 || ay < 0 || ax > width || ay > height) continue; // its zone's middle is off screen
      const { color, shape } = groupStyle(zone.group);
      const swatch = (sx, sy) => {
        g.beginPath();
        shapePath(g, shape, sx, sy, 5);
        g.fillStyle = color;
        g.fill();
      };
      labels.placeCentred(ax, ay, name, '700 12px', colors.ink, swatch, true);
    }
  }
  for (const i of order) {
    const mark = marks.get(i);
    if (mark.kind === 'probe') continue;
    if (i >= n || (mark.kind === 'member' && scene.groups && scene.faded(scene.groups[i]))) continue;
    const style = MARK_STYLES[mark.kind] ?? MARK_STYLES.neighbor;
    labels.place(t.x(shown[2 * i]), t.y(shown[2 * i + 1]), mark.tag ? `${mark.tag} ${words[i]}` : words[i], style.label, colors.ink, false);
  }
  if (scene.found >= 0 && scene.found < n && !marks.has(scene.found)) {
    labels.place(t.x(shown[2 * scene.found]), t.y(shown[2 * scene.found + 1]), words[scene.found], 'bold 13px', colors.ink, true);
  }
  for (const box of dots) labels.reserve(box); // other labels keep off the marked dots
  if (scene.frequentLabels === true || (scene.frequentLabels === 'zoomed' && scene.zoom >= ZOOMED_LABELS)) {
    const every = scene.zoom >= ZOOM_ALL_LABELS ? 1 : THEN_EVERY;
    let tries = 0;
    for (let i = 0; i < n && tries < LABEL_TRIES; i += i < ALWAYS_TRY ? 1 : every) {
      if (marks.has(i)) continue;
      const px = t.x(shown[2 * i]);
      const py = t.y(shown[2 * i + 1]);
      if (px < 0 || py < 0 || px > width || py > height) continue;
      tries += 1;
      labels.place(px, py, words[i], '11px', colors.ink, false);
    }
  }
  for (const [group, bx, by] of spots) if (!scene.faded(group)) drawBadge(g, scene, group, bx, by);

  if (scene.found >= 0 && scene.found < n) ring(g, t.x(shown[2 * scene.found]), t.y(shown[2 * scene.found + 1]), 11, colors.accent, 3);
  if (scene.hovered >= 0 && scene.hovered < n) ring(g, t.x(shown[2 * scene.hovered]), t.y(shown[2 * scene.hovered + 1]), 6, colors.ink);
  if (scene.cursor) {
    // The keyboard's cross at the centre; the word it picks (Enter) gets a ring.
    const cx = width / 2;
    const cy = height / 2;
    g.strokeStyle = colors.ink;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(cx - 12, cy);
    g.lineTo(cx - 4, cy);
    g.moveTo(cx + 4, cy);
    g.lineTo(cx + 12, cy);
    g.moveTo(cx, cy - 12);
    g.lineTo(cx, cy - 4);
    g.moveTo(cx, cy + 4);
    g.lineTo(cx, cy + 12);
    g.stroke();
    if (scene.cursorIndex >= 0) ring(g, t.x(shown[2 * scene.cursorIndex]), t.y(shown[2 * scene.cursorIndex + 1]), 8, colors.ink, 2.5);
  }
  return visible;
}
