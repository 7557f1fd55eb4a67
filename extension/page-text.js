// Reading text and controls out of LinkedIn's markup, shared by the page
// reader of every era (page-reader.js, page-reader-era-c.js): what a person
// sees of an element, document order, links-only lines, and whether a
// control says Ignore. No selectors here beyond the aria-hidden attribute;
// the words come from selectors.js.
import { ERA_B, IGNORE_WORDS, ACCEPT_WORDS } from './selectors.js';

// Text as a reader sees it: whitespace runs collapse to one space, <br>
// becomes a line break, and subtrees matching `exclude` or hidden with
// aria-hidden are skipped.
export function visibleText(el, exclude) {
  // Most texts (a name, a headline, a one-paragraph note) have no element
  // inside: their textContent is the text, in two calls instead of a walk.
  const textOnly = el.childElementCount === 0;
  let out = textOnly ? el.textContent : '';
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        out += n.nodeValue;
      } else if (n.nodeType === 1) {
        if (n.tagName === 'BR') {
          out += '\n';
          continue;
        }
        if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE' || n.tagName === 'TEMPLATE') continue;
        if (isAriaHidden(n)) continue;
        if (exclude && n.matches(exclude)) continue;
        walk(n);
      }
    }
  };
  if (!textOnly) walk(el);
  // Most texts are one line: skip the per-line pass (1000 cards, several texts each).
  if (!out.includes('\n')) return squash(out);
  return out
    .split('\n')
    .map(squash)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Whitespace runs (but line breaks) to one space, trimmed.
// (Only runs that need it are replaced: most texts have single spaces, and
// replacing each by itself made a new string per text.)
function squash(text) {
  return text.replace(/[ \t\r\f\u00a0]{2,}|[\t\r\f\u00a0]/g, ' ').trim();
}

export function textOrNull(el) {
  if (!el) return null;
  return visibleText(el) || null;
}

// a follows b in document order.
// (One call: FOLLOWING without CONTAINED_BY.)
export function follows(a, b) {
  return (b.compareDocumentPosition(a) & 20) === 4;
}

// A paragraph that holds nothing but links (a "Message"/reply line).
// `text`: its visibleText, when the caller has it already.
export function isOnlyLinks(p, text) {
  const all = text === undefined ? visibleText(p) : text;
  if (!p.querySelector('a')) return !all; // most notes hold no link
  if (!all) return true;
  let linked = '';
  for (const a of p.querySelectorAll('a')) linked += visibleText(a);
  return linked.replace(/\s+/g, '') === all.replace(/\s+/g, '');
}

export function profilePath(href) {
  try {
    return new URL(href, 'https://www.linkedin.com/').pathname;
  } catch (_) {
    return '';
  }
}

// Hidden with aria-hidden on `el` or an ancestor below `root` (`root`
// itself and what holds it left out). One closest() in the browser: walking
// the ancestors attribute by attribute cost a call into the browser a step,
// and finding a card's aria-hidden elements first (a query of the whole
// card) cost a sixth of reading 1000 cards, where only the two or three
// paragraphs a card is read by are asked.
export function hiddenBelow(el, root) {
  const hidden = el.closest(ERA_B.ariaHidden);
  return hidden !== null && hidden !== root && root.contains(hidden);
}

// What ERA_B.ariaHidden selects, for one element.
function isAriaHidden(el) {
  return el.getAttribute('aria-hidden') === 'true';
}

// Ignore is identified positively: `control` sits where the structure puts
// Ignore, and its own label (aria-label or text) says Ignore in one of the
// UI languages of IGNORE_WORDS and does not say Accept. Anything else in that
// place (a "Follow" button, an unknown language) gives null: the badge then
// offers no Decline, since a wrong click is worse than no button.
export function crossCheckIgnore(control) {
  if (!control || control.tagName !== 'BUTTON') return null;
  const label = (control.getAttribute('aria-label') || '') + ' ' + (control.textContent || '');
  return IGNORE_PATTERN.test(label) && !ACCEPT_PATTERN.test(label) ? control : null;
}

// Each word list as one pattern (one scan of the label instead of one per
// word), matching whole words only: "Ignacio" or "Acceptance Ltd" in a
// name must not count.
const wordsPattern = (words) =>
  new RegExp('(?:^|[^\\p{L}])(?:' + words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')(?![\\p{L}])', 'iu');
export const IGNORE_PATTERN = wordsPattern(IGNORE_WORDS);
export const ACCEPT_PATTERN = wordsPattern(ACCEPT_WORDS);
