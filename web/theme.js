// Light and dark: the page follows the system's `prefers-color-scheme` unless the URL (or an
// embedding page, through `shelf:set`) says `theme=light` or `theme=dark`. The theme in force is
// written on <html data-theme="light|dark">, where web/styles/themes.css switches the custom properties;
// canvases read those properties when they draw (`cssColor`) and redraw on `onThemeChange`.
import { choiceParam } from './state.js';

export const themeParams = { theme: choiceParam('auto', ['auto', 'light', 'dark']) };
/** The URL keys every lesson's embed link and `shelf:set` accept besides the lesson's own. */
export const THEME_KEYS = Object.keys(themeParams);

const EVENT = 'shelf:theme';
const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** 'light' or 'dark': what `theme` means on this system now. */
export function resolveTheme(theme) {
  if (theme === 'light' || theme === 'dark') return theme;
  return darkQuery()?.matches ? 'dark' : 'light';
}

/** Keeps <html data-theme> in step with the store's `theme` and the system's setting. */
export function applyTheme(store, root = document.documentElement) {
  const apply = () => {
    const theme = resolveTheme(store.get().theme);
    if (root.dataset.theme === theme) return;
    root.dataset.theme = theme;
    document.dispatchEvent(new CustomEvent(EVENT, { detail: { theme } }));
  };
  apply();
  const unsubscribe = store.subscribe(apply, ['theme']);
  const query = darkQuery();
  query?.addEventListener?.('change', apply);
  return () => {
    unsubscribe();
    query?.removeEventListener?.('change', apply);
  };
}

/** The value of a CSS custom property on <html> (e.g. '--ink'), or `fallback` when unset. */
export function cssColor(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Calls `listener(theme)` whenever the theme in force changes; returns the unsubscribe. */
export function onThemeChange(listener) {
  const handler = (event) => listener(event.detail.theme);
  document.addEventListener(EVENT, handler);
  return () => document.removeEventListener(EVENT, handler);
}
