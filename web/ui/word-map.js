// The 2-D map of words every lesson draws (Canvas 2D), explored as maps are: wheel, drag and
// pinch zoom and pan (map-input.js); buttons, keys and a search box do the same without dragging
// (map-controls.js); hovering names a book; clicking or tapping one (or Enter on the word under
// the centre cross) calls the lesson's onPick. New positions for the same words glide from the
// old ones, or jump under reduced motion. Over the dots, as a lesson needs them: groups (a colour
// and a shape each, groups.js; badges; one brought forward; zones with names, map-zones.js),
// marked words (the probe, its neighbours as squares, a query, members with a tag letter) and
// lines. Colours come from the page's CSS custom properties (map-colors.js); the lessons give the
// table beside it. Canvas 2D rather than WebGL: it runs in every browser and in headless test
// browsers without a GPU and draws text directly; 20,000 words stay within a frame (map-draw.js
// draws crowded dots as squares, map-quick.js moves the last picture while the hands are on it).
import { h, prefersReducedMotion } from './dom.js';
import { mapColors } from './map-colors.js';
import { mapControls, mapSurface } from './map-controls.js';
import { DENSE_DOTS, drawMap } from './map-draw.js';
import { attachInput, KEY_PAN } from './map-input.js';
import { labelWidths } from './map-labels.js';
import { REST_MS, quickFrames } from './map-quick.js';
import { dotRaster } from './map-raster.js';
import { HOME, centreOn, clampView, frameOf, mixViews, nearestDot, panBy, transformOf, zoomAt } from './map-view.js';
import { zoneKeeper as keepZones } from './map-zones.js';

/** How close (CSS pixels) the pointer must be to a dot to name it; a finger gets more room. */
const HOVER_RADIUS = 14;
const TOUCH_RADIUS = 24;
/** The keyboard's cross picks the word within this distance of the centre. */
const CURSOR_RADIUS = 30;
const MARGIN = 18;
/** The glide redraws at most about 30 times a second: smooth enough for a drift, half the work of 60. */
const MIN_FRAME_MS = 30;
/** Moves asked for by a button, a key or a search are animated over this long. */
const VIEW_MS = 260;
/** Zones are computed for at most about this long per frame (ms). */
const ZONE_SLICE_MS = 6;
/** Find zooms in at least this far, so the word's neighbourhood is readable. */
const FIND_ZOOM = 3;

const lerp = (a, b, t) => a + (b - a) * t;
const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

/**
 * @param {{ label?: string, height?: number|null, className?: string, frequentLabels?: boolean|'zoomed',
 *   onPick?: (index: number, word: string) => void, pickLabel?: string }} options
 *   height null: the stylesheet sizes the map (.scatter); frequentLabels: name frequent words where
 *   they fit (true), only once zoomed in ('zoomed'), or never (false); onPick: a book was clicked,
 *   tapped or chosen by keyboard; pickLabel: the button that picks a found word ("Make it the probe")
 */
export function wordMap({ label = 'Map of words', height = 520, className = '', frequentLabels = true, onPick = null, pickLabel = 'Pick it' } = {}) {
  const { canvas, help, tooltip } = mapSurface(label);

  let words = [];
  let indexOf = new Map(); // word -> index, and its lower case
  let shown = new Float32Array(0); // what is on screen now
  let from = shown;
  let target = shown;
  let frame = frameOf(shown);
  let frameFrom = frame;
  let frameTarget = frame;
  let animation = { start: 0, duration: 0 };
  let view = { ...HOME };
  let viewMove = null; // { from, to, start, duration }
  let raf = 0;
  let marks = new Map(); // index -> { kind, tag }
  let [hovered, found] = [-1, -1];
  let [cursor, cursorIndex] = [false, -1]; // the keyboard's cross shows while the map has keyboard focus
  let [lastFrame, width] = [0, 600];
  let heightPx = height ?? 480;
  let lines = [];
  let groups = null; // a group number per word (clusters, categories), or null; negative: none
  let members = { none: [], of: [] };
  let all = [];
  let groupCount = 0;
  let [badges, names, zonesOn, zonesStale, zonesPending] = [false, null, false, false, false];
  const zoneKeeper = keepZones();
  let highlight = null; // a group brought forward, or null
  let describe = (i) => words[i];
  const measure = labelWidths();
  const [quick, raster] = [quickFrames(canvas), dotRaster()];
  let busy = false; // the hands are on the map (wheel, drag, pinch)
  let restTimer = 0;
  let lastFull = null; // the transform of the last full frame

  const size = () => ({ width, height: heightPx, margin: MARGIN });
  const transform = () => transformOf(frame, view, width, heightPx, MARGIN);
  const faded = (group) => highlight !== null && highlight !== group;

  function draw() {
    const ratio = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(heightPx * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(heightPx * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${heightPx}px`;
    }
    if (zonesStale) {
      zonesStale = false;
      if (zonesOn && groups && groups.length === target.length / 2) zoneKeeper.restart(target, groups, groupCount);
      else zoneKeeper.clear();
    }
    zonesPending = zoneKeeper.work(ZONE_SLICE_MS); // a few groups per frame: no long task
    if (!zonesPending) {
      if (zonesOn) element.dataset.zones = String(zoneKeeper.zones.length);
      else delete element.dataset.zones;
    }
    const t = transform();
    if (cursor) cursorIndex = nearestTo(t, width / 2, heightPx / 2, CURSOR_RADIUS);
    const g = canvas.getContext('2d', { alpha: false });
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    const started = performance.now();
    // A crowded map being zoomed or panned moves the last full picture; it is redrawn at rest.
    if (busy && words.length > DENSE_DOTS && lastFull) {
      if (!quick.held) quick.hold(lastFull, width, heightPx);
      quick.draw(g, t, width, heightPx, mapColors(element).paper);
      element.dataset.drawMs = (performance.now() - started).toFixed(1);
      return;
    }
    lastFull = t;
    const glide = animation.duration ? Math.min(1, (performance.now() - animation.start) / animation.duration) : 1;
    const visible = drawMap(g, {
      g, width, height: heightPx, ratio, raster, colors: mapColors(element), t, zoom: view.zoom, words, shown, marks,
      groups, members, all, groupCount, faded, highlight, lines, badges, names, zones: zoneKeeper.zones,
      zoneAlpha: 0.35 + 0.65 * glide, frequentLabels, measure, hovered, found, cursor, cursorIndex,
    });
    element.dataset.visible = String(visible);
    element.dataset.drawMs = (performance.now() - started).toFixed(1);
    if (cursor) element.dataset.cursor = cursorIndex >= 0 ? words[cursorIndex] : '';
  }

  function tick(now) {
    raf = 0;
    const gliding = now - animation.start < animation.duration;
    if (now - lastFrame < MIN_FRAME_MS && gliding && !viewMove) {
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
    let moving = false;
    if (viewMove) {
      const v = Math.min(1, (now - viewMove.start) / viewMove.duration);
      view = mixViews(viewMove.from, viewMove.to, ease(v));
      if (v >= 1) viewMove = null;
      else moving = true;
      viewChanged();
    }
    draw();
    if (t < 1 || moving || zonesPending) raf = requestAnimationFrame(tick);
  }

  function schedule() {
    if (!raf) raf = requestAnimationFrame(tick);
  }

  function viewChanged() {
    element.dataset.zoom = view.zoom.toFixed(3);
    element.dataset.offset = `${view.ox.toPrecision(4)},${view.oy.toPrecision(4)}`;
    // A finger scrolls the page over the whole map, and pans the map once it is zoomed in.
    canvas.style.touchAction = view.zoom > 1.001 ? 'none' : 'pan-x pan-y';
  }

  function setView(next, animate = false) {
    const to = clampView(frame, next);
    if (hovered >= 0) showTooltip(-1, 0, 0); // the tooltip would point at where the word was
    if (animate && !prefersReducedMotion()) {
      handsOn(VIEW_MS);
      viewMove = { from: view, to, start: performance.now(), duration: VIEW_MS };
    } else {
      viewMove = null;
      view = to;
      viewChanged();
    }
    schedule();
  }

  const nearestTo = (t, px, py, radius) => nearestDot(t, shown, words.length, px, py, radius);

  function showTooltip(index, px, py) {
    if (index !== hovered) {
      hovered = index;
      element.dataset.hovered = index >= 0 ? words[index] : '';
      schedule();
    }
    tooltip.hidden = index < 0;
    if (index < 0) return;
    tooltip.textContent = describe(index);
    tooltip.style.left = `${Math.max(0, Math.min(width - 180, px + 12))}px`;
    tooltip.style.top = `${Math.max(0, py - 28)}px`;
  }

  function pickIndex(index) {
    if (index < 0 || index >= words.length) return;
    element.dataset.picked = words[index];
    onPick?.(index, words[index]);
  }

  /** Zooms about the centre, animated (buttons and keys). */
  const zoomCentre = (factor) => setView(zoomAt(frame, viewMove?.to ?? view, size(), factor, width / 2, heightPx / 2), true);
  const controls = mapControls({
    find: (word) => api.find(word),
    zoomCentre,
    panBy: (dx, dy) => setView(panBy(frame, viewMove?.to ?? view, size(), dx, dy), true),
    reset: () => api.resetView(),
    pick: (index) => pickIndex(index),
    words: () => words,
    canPick: () => Boolean(onPick),
    pickLabel,
    label,
    panStep: KEY_PAN * 2,
  });

  const element = h('div', { class: `scatter ${className}`.trim(), style: height ? { height: `${height}px` } : null },
    canvas, tooltip, help, controls.form, controls.zoomGroup, controls.panGroup, controls.status);

  /** The view is moving (hands, or an animated move of `ms`): quick frames until it rests. */
  function handsOn(ms = 0) {
    busy = true;
    clearTimeout(restTimer);
    restTimer = setTimeout(() => {
      busy = false;
      quick.drop();
      schedule();
    }, ms + REST_MS);
  }

  const detach = attachInput(canvas, {
    zoomAt: (factor, px, py) => {
      handsOn();
      setView(zoomAt(frame, view, size(), factor, px, py));
    },
    panBy: (dx, dy) => {
      handsOn();
      setView(panBy(frame, view, size(), dx, dy));
    },
    zoomCentre,
    reset: () => api.resetView(),
    hover: (px, py) => showTooltip(nearestTo(transform(), px, py, HOVER_RADIUS), px, py),
    leave: () => showTooltip(-1, 0, 0),
    pick: (px, py, pointerType) => {
      const index = nearestTo(transform(), px, py, pointerType === 'touch' ? TOUCH_RADIUS : HOVER_RADIUS);
      showTooltip(index, px, py); // a tap names the book too: touch has no hover
      pickIndex(index);
    },
    pickCentre: () => {
      const index = nearestTo(transform(), width / 2, heightPx / 2, CURSOR_RADIUS);
      if (index < 0) controls.say('No word under the centre cross: move the map or zoom in.');
      else pickIndex(index);
    },
    escape: () => {
      found = -1;
      element.dataset.found = '';
      showTooltip(-1, 0, 0);
    },
    gesture: (active) => element.classList.toggle('is-moving', active),
  });

  canvas.addEventListener('focus', () => {
    cursor = canvas.matches(':focus-visible');
    schedule();
  });
  canvas.addEventListener('blur', () => {
    cursor = false;
    cursorIndex = -1;
    schedule();
  });
  canvas.addEventListener('keyup', () => {
    if (cursor) controls.say(cursorIndex >= 0 ? `At the centre cross: “${words[cursorIndex]}”.${onPick ? ' Enter picks it.' : ''}` : '');
  });

  const resize = new ResizeObserver(() => {
    width = Math.max(200, Math.floor(element.clientWidth));
    heightPx = Math.max(200, Math.floor(element.clientHeight));
    schedule();
  });
  resize.observe(element);
  viewChanged();

  const api = {
    element,
    canvas,
    /**
     * Shows `points` (n × 2, row-major) for `nextWords`. When the words are the same as shown,
     * the dots glide over `duration` ms (unless reduced motion is asked for). `tooltip(i)` names
     * a hovered dot (default: its word). The zoom and pan stay as the learner left them.
     */
    setData(nextWords, points, { duration = 400, description, tooltip: text } = {}) {
      const same = nextWords.length === words.length && nextWords.every((w, i) => w === words[i]);
      if (!same) {
        indexOf = new Map();
        nextWords.forEach((w, i) => {
          if (!indexOf.has(w)) indexOf.set(w, i);
          const lower = w.toLowerCase();
          if (!indexOf.has(lower)) indexOf.set(lower, i);
        });
        if (found >= nextWords.length || (found >= 0 && nextWords[found] !== words[found])) found = -1;
      }
      words = nextWords;
      if (all.length !== words.length) all = Array.from(words, (_, i) => i);
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
      zonesStale = true;
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
     * are (default: the largest number + 1); `names[g]` is a short label for group g; with
     * `zones`, each group's zone is drawn under the dots, with its name there.
     */
    setGroups(next, { badges: withBadges = false, count, names: groupNames = null, zones: withZones = false } = {}) {
      groups = next ? Int32Array.from(next) : null;
      groupCount = 0;
      if (groups) for (const group of groups) groupCount = Math.max(groupCount, group + 1);
      if (groups && count !== undefined) groupCount = count;
      members = { none: [], of: Array.from({ length: groupCount }, () => []) };
      if (groups) groups.forEach((group, i) => (group >= 0 && group < groupCount ? members.of[group] : members.none).push(i));
      badges = withBadges;
      names = groupNames;
      zonesOn = Boolean(withZones);
      zonesStale = true;
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
    /** Rings and centres `word` (exact, or in lower case) if it is on the map; its index, or -1. */
    find(word) {
      const key = String(word ?? '').trim();
      const index = indexOf.get(key) ?? indexOf.get(key.toLowerCase()) ?? -1;
      found = index;
      element.dataset.found = index >= 0 ? words[index] : '';
      if (index >= 0) {
        const zoom = Math.max(view.zoom, FIND_ZOOM);
        setView(centreOn(frameTarget, target[2 * index], target[2 * index + 1], zoom), true);
      } else {
        schedule();
      }
      return index;
    },
    /** Back to the whole map. */
    resetView() {
      setView(HOME, true);
    },
    get words() {
      return words;
    },
    /** The screen position (CSS pixels in the canvas) of a word's dot, for tests and overlays. */
    screenPosition(index) {
      const t = transform();
      return [t.x(shown[2 * index]), t.y(shown[2 * index + 1])];
    },
    destroy() {
      clearTimeout(restTimer);
      resize.disconnect();
      detach();
      if (raf) cancelAnimationFrame(raf);
    },
  };
  return api;
}
