// Quick frames while a crowded map is being zoomed or panned: instead of drawing every dot again
// at each wheel step, the picture drawn last is kept as a bitmap and only moved and scaled to the
// new view (one drawImage), as online maps do; the full drawing comes back as soon as the hands
// rest. With 20,000 words a full frame costs the browser tens of milliseconds to rasterise in
// software; a quick frame a few.

/** The hands rest once no wheel step or drag has come for this long (ms). */
export const REST_MS = 160;

/**
 * @param {HTMLCanvasElement} canvas the map's canvas
 * @returns {{ hold(t, width, height): void, draw(g, t, width, height, paper): boolean, drop(): void, held: boolean }}
 */
export function quickFrames(canvas) {
  let bitmap = null; // a copy of the canvas at the last full frame
  let at = null; // its transform's scale and centre
  return {
    /** Keeps the picture now on the canvas (`width` × `height` CSS pixels), drawn with transform `t`. */
    hold(t, width, height) {
      if (!bitmap || bitmap.width !== canvas.width || bitmap.height !== canvas.height) {
        bitmap = document.createElement('canvas');
        bitmap.width = canvas.width;
        bitmap.height = canvas.height;
      }
      bitmap.getContext('2d').drawImage(canvas, 0, 0);
      const [cx, cy] = t.invert(width / 2, height / 2);
      at = { s: t.s, cx, cy };
    },
    get held() {
      return at !== null;
    },
    /** Draws the held picture moved and scaled to transform `t`; false when none is held. */
    draw(g, t, width, height, paper) {
      if (!at) return false;
      const k = t.s / at.s;
      const [cx, cy] = t.invert(width / 2, height / 2);
      // A point at x on the held picture is now at x·k + (w/2)(1 − k) + (cx_then − cx_now)·s_now.
      const ox = (width / 2) * (1 - k) + (at.cx - cx) * t.s;
      const oy = (height / 2) * (1 - k) - (at.cy - cy) * t.s;
      g.fillStyle = paper;
      g.fillRect(0, 0, width, height);
      g.drawImage(bitmap, ox, oy, width * k, height * k);
      return true;
    },
    drop() {
      at = null;
    },
  };
}
