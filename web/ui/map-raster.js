// Crowded dots written straight into pixels: when thousands of dots are on screen (20,000 words),
// each is a small square blended into an ImageData buffer in JavaScript, and the layer is drawn
// over the zones with one drawImage. Canvas 2D would otherwise rasterise 20,000 separate shapes
// in software on every full frame, the longest part of drawing such a map.

let probe = null;

/**
 * A layer for one map.
 * @returns {{ begin(width, height, ratio): void, squares(list, points, t, side, css, alpha, skip): void, end(g, width, height): void }}
 */
export function dotRaster() {
  const layer = document.createElement('canvas');
  let image = null;
  let pixels = null;
  let cw = 0;
  let ch = 0;
  let ratio = 1;
  const colours = new Map(); // CSS colour -> [r, g, b, a], resolved by the browser itself
  const rgbaOf = (css) => {
    let c = colours.get(css);
    if (!c) {
      probe ??= document.createElement('canvas');
      probe.width = 1;
      probe.height = 1;
      const g = probe.getContext('2d', { willReadFrequently: true });
      g.clearRect(0, 0, 1, 1);
      g.fillStyle = css;
      g.fillRect(0, 0, 1, 1);
      const d = g.getImageData(0, 0, 1, 1).data;
      c = [d[0], d[1], d[2], d[3] / 255];
      colours.set(css, c);
    }
    return c;
  };
  return {
    /** A clear layer for a canvas of `width` × `height` CSS pixels at `ratio` device pixels each. */
    begin(width, height, pixelRatio) {
      ratio = pixelRatio;
      const w = Math.max(1, Math.round(width * ratio));
      const h = Math.max(1, Math.round(height * ratio));
      if (w !== cw || h !== ch) {
        cw = w;
        ch = h;
        layer.width = w;
        layer.height = h;
        image = new ImageData(w, h);
        pixels = image.data;
      } else {
        pixels.fill(0);
      }
    },
    /**
     * Squares of `side` CSS pixels at the dots `list` (indices into `points`, n × 2, placed by the
     * transform `t`), in the CSS colour `css` at opacity `alpha`, blended over what is there;
     * dots in `skip` (a Map or Set) are left out.
     */
    squares(list, points, t, side, css, alpha, skip) {
      const [r, g, b, a0] = rgbaOf(css);
      const a = a0 * alpha;
      if (a <= 0) return;
      const s = Math.max(1, Math.round(side * ratio));
      const half = s / 2;
      for (const i of list) {
        if (skip.has(i)) continue;
        const x0 = Math.round(t.x(points[2 * i]) * ratio - half);
        const y0 = Math.round(t.y(points[2 * i + 1]) * ratio - half);
        if (x0 >= cw || y0 >= ch || x0 + s <= 0 || y0 + s <= 0) continue;
        const xa = Math.max(0, x0);
        const xb = Math.min(cw, x0 + s);
        for (let y = Math.max(0, y0), yb = Math.min(ch, y0 + s); y < yb; y += 1) {
          for (let o = (y * cw + xa) * 4, x = xa; x < xb; x += 1, o += 4) {
            // Source over destination, in straight (not premultiplied) alpha as ImageData keeps it.
            const da = pixels[o + 3] / 255;
            const oa = a + da * (1 - a);
            const ks = a / oa;
            const kd = 1 - ks;
            pixels[o] = r * ks + pixels[o] * kd;
            pixels[o + 1] = g * ks + pixels[o + 1] * kd;
            pixels[o + 2] = b * ks + pixels[o + 2] * kd;
            pixels[o + 3] = oa * 255;
          }
        }
      }
    },
    /** Draws the layer onto `g` (whose transform maps CSS pixels to the device's). */
    end(g, width, height) {
      layer.getContext('2d').putImageData(image, 0, 0);
      g.drawImage(layer, 0, 0, width, height);
    },
  };
}
