// Text on the map: labels placed where they do not overlap (the first that fits of four spots
// around the dot), on a halo of the paper colour so they read over dots and zones.

/** Label widths: measureText is slow, and the same labels come back every frame. */
export function labelWidths() {
  const widths = new Map();
  return (g, font, text) => {
    const key = `${font}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      g.font = `${font} system-ui, sans-serif`;
      width = g.measureText(text).width;
      if (widths.size > 40000) widths.clear();
      widths.set(key, width);
    }
    return width;
  };
}

/**
 * Places labels without overlap on a canvas of `width` × `height`: `reserve(box)` keeps a box
 * clear; `place(px, py, text, font, color, force)` writes `text` next to the point (px, py) where
 * it fits (a forced label always shows, kept on the canvas) and says whether it did.
 */
export function labelPlacer(g, width, height, colors, measure) {
  const taken = [];
  const fits = (bx, by, bw, bh) => {
    if (bx < 0 || by < 0 || bx + bw > width || by + bh > height) return false;
    for (const r of taken) if (bx < r[0] + r[2] && r[0] < bx + bw && by < r[1] + r[3] && r[1] < by + bh) return false;
    return true;
  };
  return {
    reserve(box) {
      taken.push(box);
    },
    place(px, py, text, font, color, force = false) {
      const tw = measure(g, font, text);
      const candidates = [[px + 6, py - 7], [px - tw - 6, py - 7], [px + 6, py + 7], [px - tw - 6, py + 7]];
      const free = candidates.find(([lx, ly]) => fits(lx - 2, ly - 9, tw + 4, 15));
      if (!free && !force) return false;
      const [lx, ly] = free ?? [
        Math.max(2, Math.min(width - tw - 4, candidates[0][0])),
        Math.max(11, Math.min(height - 8, candidates[0][1])),
      ];
      taken.push([lx - 2, ly - 9, tw + 4, 15]);
      g.font = `${font} system-ui, sans-serif`;
      g.globalAlpha = 0.85;
      g.fillStyle = colors.paper;
      g.fillRect(lx - 2, ly - 9, tw + 4, 15);
      g.globalAlpha = 1;
      g.fillStyle = color;
      g.fillText(text, lx, ly + 3);
      return true;
    },
    /**
     * A centred label (a zone's name) at (cx, cy), moved up or down until it fits, or (forced)
     * at (cx, cy) over what is there; false if it did not show.
     */
    placeCentred(cx, cy, text, font, color, drawSwatch, force = false) {
      const tw = measure(g, font, text) + 16; // room for the swatch
      const spots = [0, -18, 18, -36, 36, -54, 54];
      for (let k = 0; k <= spots.length; k += 1) {
        const lx = Math.max(2, Math.min(width - tw - 2, cx - tw / 2));
        const ly = k < spots.length ? cy + spots[k] : cy;
        if (k === spots.length ? !force || ly < 10 || ly > height - 10 : !fits(lx - 3, ly - 10, tw + 6, 20)) continue;
        taken.push([lx - 3, ly - 10, tw + 6, 20]);
        g.globalAlpha = 0.9;
        g.fillStyle = colors.paper;
        g.fillRect(lx - 3, ly - 10, tw + 6, 20);
        g.globalAlpha = 1;
        drawSwatch(lx + 6, ly);
        g.font = `${font} system-ui, sans-serif`;
        g.fillStyle = color;
        g.textBaseline = 'middle';
        g.fillText(text, lx + 15, ly + 0.5);
        g.textBaseline = 'alphabetic';
        return true;
      }
      return false;
    },
  };
}
