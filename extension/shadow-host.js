// The host element and closed shadow root that each visible part of
// Noteworthy lives in: the badge on a card (badge.js), bulk decline's bar
// (content/bulk-ui.js) and the coach's strip (coach-strip.js).
//
// A closed root: LinkedIn's styles and ours cannot reach each other, and
// LinkedIn's scripts cannot read what is inside (host.shadowRoot is null to
// them). Our own code keeps each root in a private WeakMap (shadowOf()): the
// content script's world only, which no page script can reach. Everything
// from the page goes in as text (el()'s `text`, textContent): never through
// an HTML parser.
//
// Each part's colours are CSS custom properties on its host, light by
// default; dark when LinkedIn's theme says so (data-theme, set from
// content/theme.js, never on <html>) or, without a LinkedIn theme, when the
// system prefers dark (palette()).

// host -> its closed shadow root, for our own code only.
const shadows = new WeakMap();

/** The closed shadow root of a host made by createHost(), or null. */
export function shadowOf(host) {
  return shadows.get(host) || null;
}

/** An element of `doc` with an optional class name and text (as a text node). */
export function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** The colours both themes share, every text colour at least 4.5:1 on --bg. */
export const BASE_PALETTE = Object.freeze({
  light: Object.freeze({ fg: '#1d2226', bg: '#ffffff', muted: '#4d5760', line: '#d0d7de', focus: '#0a66c2' }),
  dark: Object.freeze({ fg: '#e8eaed', bg: '#1b1f23', muted: '#b0b8c0', line: '#4a5259', focus: '#70b5f9' }),
});

/**
 * The CSS that sets the custom properties `light` and `dark` ({name:
 * value}, without the leading --) on the host: light unless the host's
 * data-theme is "dark", or there is no data-theme="light" and the system
 * prefers dark.
 */
export function palette(light, dark) {
  const vars = (p) =>
    Object.entries(p)
      .map(([name, value]) => `--${name}: ${value};`)
      .join(' ');
  return `:host { ${vars(light)} }
:host([data-theme="dark"]) { ${vars(dark)} }
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme="light"])) { ${vars(dark)} }
}`;
}

/** LinkedIn's theme on a host: 'dark', 'light' or null (follow the system). */
export function setTheme(host, theme) {
  if (theme) host.setAttribute('data-theme', theme);
  else host.removeAttribute('data-theme');
}

/**
 * A new <`tag`> of `doc` (not yet in the page: the caller places it) with a
 * closed shadow root styled by `css` and LinkedIn's `theme` set (see
 * setTheme). Returns {host, shadow}.
 */
export function createHost(doc, tag, css, theme) {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'closed' });
  shadows.set(host, shadow);
  style(doc, shadow, css);
  // A new host has no data-theme to remove (a call saved per badge).
  if (theme) setTheme(host, theme);
  return { host, shadow };
}

// One parsed stylesheet per document and CSS text, adopted by every root
// that uses it: a <style> per badge made the browser parse and index the
// same rules once per card (1000 times for a long list). Where
// constructable stylesheets are missing (jsdom) or refused, each root gets
// its own <style>.
const sheets = new WeakMap(); // document -> Map(css -> CSSStyleSheet or null)
function sharedSheet(doc, css) {
  let byCss = sheets.get(doc);
  if (!byCss) sheets.set(doc, (byCss = new Map()));
  if (byCss.has(css)) return byCss.get(css);
  let sheet = null;
  try {
    const Sheet = doc.defaultView && doc.defaultView.CSSStyleSheet;
    if (Sheet && typeof Sheet.prototype.replaceSync === 'function') {
      sheet = new Sheet(); // the page window's constructor: only its document may adopt the sheet
      sheet.replaceSync(css);
    }
  } catch (_) {
    sheet = null;
  }
  byCss.set(css, sheet);
  return sheet;
}

const adoptionWorks = new WeakMap(); // document -> true once a shadow root took a shared sheet
function style(doc, shadow, css) {
  const sheet = sharedSheet(doc, css);
  if (sheet && 'adoptedStyleSheets' in shadow) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      // Checked once per document (reading it back makes a new array per root).
      if (adoptionWorks.get(doc)) return;
      if (shadow.adoptedStyleSheets.length === 1) {
        adoptionWorks.set(doc, true);
        return;
      }
    } catch (_) {
      // refused (e.g. across a content script's wrapper): use a <style>
    }
  }
  shadow.append(el(doc, 'style', null, css));
}
