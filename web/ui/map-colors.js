// The map's colours come from CSS custom properties, read when it draws, so a theme (light or
// dark) restyles the canvas as it does the page: --map-ink (labels, the probe, outlines),
// --map-dot (plain dots), --paper (the background and the halo behind labels), --map-muted
// (faded dots), --accent (a query and lines). Where a property is not set, the light colours
// the map always had.
const FALLBACK = {
  ink: '#111827',
  dot: 'rgba(71, 85, 105, 0.45)',
  paper: '#fbfbfc',
  muted: 'rgba(148, 163, 184, 0.35)',
  accent: '#1d4ed8',
};

/** The map's colours for `element` (any element inside the themed page). */
export function mapColors(element) {
  const style = globalThis.getComputedStyle?.(element);
  const read = (name, fallback) => style?.getPropertyValue(name).trim() || fallback;
  return {
    ink: read('--map-ink', FALLBACK.ink),
    dot: read('--map-dot', FALLBACK.dot),
    paper: read('--paper', FALLBACK.paper),
    muted: read('--map-muted', FALLBACK.muted),
    accent: read('--accent', FALLBACK.accent),
    /** Neighbours' outline: amber reads on light and dark paper alike. */
    neighbor: '#b45309',
  };
}
