// The badge's colours follow LinkedIn's theme: LinkedIn's own theme class
// on <html> wins (read only, never written); without one the badge follows
// the system (prefers-color-scheme, in the badge's CSS).
import { THEME } from '../selectors.js';

/** 'dark', 'light' or null (follow the system) for `doc`. */
export function readTheme(doc) {
  const cls = doc.documentElement.classList;
  if (THEME.darkClasses.some((c) => cls.contains(c))) return 'dark';
  if (THEME.lightClasses.some((c) => cls.contains(c))) return 'light';
  return null;
}

/**
 * Calls onChange(theme) when LinkedIn's theme class or the system scheme
 * changes, until `signal` aborts.
 */
export function watchTheme(win, signal, onChange) {
  const doc = win.document;
  const observer = new win.MutationObserver(() => onChange(readTheme(doc)));
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class'] });
  const media = typeof win.matchMedia === 'function' ? win.matchMedia('(prefers-color-scheme: dark)') : null;
  if (media && media.addEventListener) media.addEventListener('change', () => onChange(readTheme(doc)), { signal });
  signal.addEventListener('abort', () => observer.disconnect());
}
