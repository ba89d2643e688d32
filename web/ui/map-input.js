// What the hands do on the map, turned into a few calls on the map (word-map.js): the wheel
// zooms at the pointer; a drag pans (mouse, pen, or one finger once the map is zoomed in); two
// fingers pinch to zoom and move together to pan; a click or tap on a book picks it; hovering
// names it; on the focused map, the arrow keys pan, + and − zoom, 0 shows the whole map and
// Enter picks the word under the centre cross. Pointer Events serve mouse, pen and touch alike.
//
// At the whole-map view a single finger scrolls the page as usual (touch-action pan-x pan-y), so
// a phone's page never gets stuck on a map that fills the screen; once zoomed in, one finger
// pans the map. Every drag has a button beside it (map-controls.js).

/** A press that moves less than this (CSS pixels) is a click or a tap, not a drag. */
const CLICK_SLOP = 6;
/** Wheel: zoom factor per pixel of scroll (line and page modes are scaled to pixels). */
const WHEEL_RATE = 0.0015;
/** Keyboard steps: pixels per arrow press (Shift: three times as far), factor per + or −. */
export const KEY_PAN = 60;
export const KEY_ZOOM = 1.5;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{ zoomAt(f, x, y): void, panBy(dx, dy): void, hover(x, y, pointerType): void, leave(): void,
 *   pick(x, y, pointerType): void, zoomCentre(f): void, reset(): void, pickCentre(): void,
 *   escape(): void, gesture(active: boolean): void }} map
 * @returns {() => void} removes the listeners
 */
export function attachInput(canvas, map) {
  const pointers = new Map(); // pointerId -> { x, y } (canvas coordinates)
  let press = null; // { id, x0, y0, moved }
  let pinch = null; // { distance, mx, my }
  const local = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const pinchOf = () => {
    const [a, b] = [...pointers.values()];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, mx: (a.x + b.x) / 2, my: (a.y + b.y) / 2 };
  };

  const down = (event) => {
    if (event.button !== undefined && event.button > 0) return;
    const at = local(event);
    pointers.set(event.pointerId, at);
    canvas.setPointerCapture?.(event.pointerId);
    if (pointers.size === 1) {
      press = { id: event.pointerId, x0: at.x, y0: at.y, moved: false };
    } else if (pointers.size === 2) {
      press = null; // two fingers: a pinch, never a tap
      pinch = pinchOf();
      map.gesture(true);
    }
  };

  const move = (event) => {
    const at = local(event);
    if (!pointers.has(event.pointerId)) {
      if (event.pointerType !== 'touch') map.hover(at.x, at.y, event.pointerType);
      return;
    }
    const last = pointers.get(event.pointerId);
    pointers.set(event.pointerId, at);
    if (pointers.size >= 2 && pinch) {
      const next = pinchOf();
      map.panBy(next.mx - pinch.mx, next.my - pinch.my);
      map.zoomAt(next.distance / pinch.distance, next.mx, next.my);
      pinch = next;
      return;
    }
    if (press && press.id === event.pointerId) {
      if (!press.moved && Math.hypot(at.x - press.x0, at.y - press.y0) > CLICK_SLOP) {
        press.moved = true;
        map.gesture(true);
        map.leave();
      }
      if (press.moved) map.panBy(at.x - last.x, at.y - last.y);
    }
  };

  const up = (event) => {
    if (!pointers.has(event.pointerId)) return;
    const at = local(event);
    pointers.delete(event.pointerId);
    if (press && press.id === event.pointerId && !press.moved && event.type === 'pointerup') map.pick(at.x, at.y, event.pointerType);
    if (press?.id === event.pointerId) press = null;
    if (pointers.size < 2) pinch = null;
    if (!pointers.size) map.gesture(false);
  };

  const wheel = (event) => {
    event.preventDefault();
    const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
    const at = local(event);
    map.zoomAt(Math.exp(-pixels * WHEEL_RATE), at.x, at.y);
  };

  const key = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const step = event.shiftKey ? 3 * KEY_PAN : KEY_PAN;
    const actions = {
      ArrowLeft: () => map.panBy(step, 0),
      ArrowRight: () => map.panBy(-step, 0),
      ArrowUp: () => map.panBy(0, step),
      ArrowDown: () => map.panBy(0, -step),
      '+': () => map.zoomCentre(KEY_ZOOM),
      '=': () => map.zoomCentre(KEY_ZOOM),
      '-': () => map.zoomCentre(1 / KEY_ZOOM),
      _: () => map.zoomCentre(1 / KEY_ZOOM),
      0: () => map.reset(),
      Home: () => map.reset(),
      Enter: () => map.pickCentre(),
      ' ': () => map.pickCentre(),
      Escape: () => map.escape(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const leave = (event) => {
    if (event.pointerType !== 'touch' && !pointers.size) map.leave();
  };

  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('pointerleave', leave);
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('keydown', key);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
    canvas.removeEventListener('pointerleave', leave);
    canvas.removeEventListener('wheel', wheel);
    canvas.removeEventListener('keydown', key);
  };
}
