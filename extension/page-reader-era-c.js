// Era C: LinkedIn's received-invitations page as surveyed in September 2026
// (shared/linkedin-dom.md, "Seen on the live page in 2026").
//
// The cards are found by structure, not by an attribute: a listitem of the
// lazy column that holds a profile link and an Ignore-then-Accept pair of
// controls. `componentkey="urn:li:invitation:N"` is used as the id when it is
// there, never required. Only a person's connection invitation is a card:
// rows after a heading ("People you may know") and invitations to
// newsletters, pages, events and groups are left alone (no badge, no label,
// not counted). Every selector comes from selectors.js (ERA_C).
import { ERA_B, ERA_C } from './selectors.js';
import { ACCEPT_PATTERN, IGNORE_PATTERN, crossCheckIgnore, follows, hiddenBelow, isOnlyLinks, profilePath, visibleText } from './page-text.js';

/**
 * Sorts the rows of the invitation lists in `scope` (the screen, or the
 * document) into what the reader makes of them:
 *   cards      person's connection invitations it can read (listitem roots)
 *   notPerson  invitations to something other than a connection
 *   afterHeading rows after a heading in the list ("People you may know")
 *   other      rows before any heading that are none of these (a replaced
 *              "is now a connection" row, or a card we cannot read)
 *   lists      the lazy columns looked at
 */
export function surveyEraC(scope) {
  const out = { lists: [], cards: [], notPerson: [], afterHeading: [], other: [] };
  for (const list of scope.querySelectorAll(ERA_C.list)) {
    if (list.parentElement && list.parentElement.closest(ERA_C.list)) continue; // nested column: its outer one covers it
    out.lists.push(list);
    const heading = list.querySelector(ERA_C.sectionHeading);
    const items = list.querySelectorAll(ERA_C.item);
    const rows = new Set();
    for (let i = 0; i < items.length; i++) rows.add(items[i]);
    // Rows holding a newsletter/page/event link: one query for the list,
    // not one per row (this runs on every burst of mutations).
    const linked = new Set();
    const links = list.querySelectorAll(ERA_C.nonPersonLink);
    for (let i = 0; i < links.length; i++) {
      const row = links[i].closest(ERA_C.item);
      if (row && rows.has(row)) linked.add(row);
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (insideRow(item, list, rows)) continue; // a row inside a row
      if (heading && follows(item, heading)) out.afterHeading.push(item);
      else if (linked.has(item) && isNonPerson(item)) out.notPerson.push(item);
      else if (!actionPair(item)) out.other.push(item);
      else out.cards.push(item);
    }
  }
  return out;
}

function insideRow(item, list, rows) {
  for (let n = item.parentElement; n && n !== list; n = n.parentElement) if (rows.has(n)) return true;
  return false;
}

// Rows found to be cards keep their pair while its three elements are still
// inside them: a row is surveyed on every burst of mutations, and finding the
// pair is most of that work. A row whose content LinkedIn replaced loses them
// and is looked at afresh; rows that are not cards are never cached.
const pairs = new WeakMap();

/** The person's-invitation card roots in `scope` (see surveyEraC). */
export function findCardsC(scope) {
  return surveyEraC(scope).cards;
}

/**
 * Reads one Era C card root (a listitem). Null when it is not a person's
 * connection invitation with the structure we know.
 */
export function readCardC(root) {
  const pair = actionPair(root);
  if (!pair || isNonPerson(root)) return null;
  const link = pair.nameLink;
  const strong = link.querySelector(ERA_C.nameStrong);
  const name = visibleText(strong || link);
  if (!name) return null;

  const key = root.getAttribute(ERA_B.cardKeyAttribute) || '';
  const href = link.getAttribute('href') || '';
  const id = key.startsWith(ERA_B.cardKeyPrefix) ? key.slice(ERA_B.cardKeyPrefix.length) : 'c:' + (profilePath(href) || name);

  // Paragraphs between the name and the controls: the headline first, then
  // the mutual line (found by its icon) and the age, which we leave.
  const namePara = link.closest('p') || link;
  let headline = null;
  let mutual = null;
  const paras = root.querySelectorAll(ERA_C.paragraph);
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p === namePara || p.contains(namePara) || namePara.contains(p)) continue;
    if (!follows(p, namePara) || !follows(pair.ignore, p) || hiddenBelow(p, root)) continue;
    const text = visibleText(p);
    if (!text) continue;
    const icon = p.parentElement && p.parentElement.querySelector(ERA_B.mutualIcon);
    if (icon && !p.contains(icon) && p.parentElement !== namePara.parentElement) {
      if (!mutual) mutual = text;
    } else if (!headline) {
      headline = text;
    }
  }

  return {
    id,
    era: 'C',
    root,
    note: readNoteC(root, pair.accept),
    sender: { name, headline, mutual_connections: mutual },
    profileUrl: href || null,
    // Decline presses only a control that says Ignore (issue 8): the pair's
    // structure found the card, the words confirm the button.
    ignoreButton: crossCheckIgnore(pair.ignore),
    acceptButton: pair.accept,
  };
}

/**
 * The note after the controls: the expandable text box of 2026 builds
 * (without its "… see more" toggle and the trailing ellipsis), else the first
 * plain paragraph of earlier builds. Null when there is none (a blank
 * invitation has no note element at all).
 */
export function readNoteC(root, after) {
  const boxes = root.querySelectorAll(ERA_C.noteBox);
  for (let i = 0; i < boxes.length; i++) {
    if (!follows(boxes[i], after)) continue;
    const text = visibleText(boxes[i], ERA_C.expandButton).replace(ERA_C.trailingEllipsis, '');
    if (text) return text;
  }
  const paras = root.querySelectorAll(ERA_C.paragraph);
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (!follows(p, after) || hiddenBelow(p, root)) continue;
    const text = visibleText(p, ERA_C.expandButton);
    if (text && !isOnlyLinks(p, text)) return text.replace(ERA_C.trailingEllipsis, '');
  }
  return null;
}

// The name link and the Ignore-then-Accept pair: the first two action
// controls after the first profile link that has text. Ignore must be a
// <button>; Accept a <button> or (a "follows you" card) a link. Null when the
// row has no such pair.
function actionPair(root) {
  const cached = pairs.get(root);
  if (cached && root.contains(cached.ignore) && root.contains(cached.accept) && root.contains(cached.nameLink)) return cached;
  const pair = findPair(root);
  if (pair) pairs.set(root, pair);
  else pairs.delete(root);
  return pair;
}

function findPair(root) {
  const links = root.querySelectorAll(ERA_C.profileLink);
  let nameLink = null;
  for (let i = 0; i < links.length; i++) {
    if (!hiddenBelow(links[i], root) && visibleText(links[i])) {
      nameLink = links[i];
      break;
    }
  }
  if (!nameLink) return null;
  const found = [];
  const all = root.querySelectorAll(ERA_C.control);
  for (let i = 0; i < all.length && found.length < 2; i++) {
    const c = all[i];
    if (!follows(c, nameLink)) continue;
    if (c.matches(ERA_C.profileLink) || c.matches(ERA_C.replyLink) || c.matches(ERA_C.nonPersonLink)) continue;
    if (c.matches(ERA_C.expandButton) || c.closest(ERA_C.expandButton) || c.closest(ERA_C.noteBox)) continue;
    if (hiddenBelow(c, root)) continue;
    found.push(c);
  }
  if (found.length < 2 || found[0].tagName !== 'BUTTON') return null;
  const [ignore, accept] = found;
  // Words only as a cross-check (the UI is localised): a first control that
  // says Accept and not Ignore means the order is not what we know.
  const said = (ignore.getAttribute('aria-label') || '') + ' ' + (ignore.textContent || '');
  if (ACCEPT_PATTERN.test(said) && !IGNORE_PATTERN.test(said)) return null;
  return { nameLink, ignore, accept };
}

// An invitation to a newsletter, page, event or group: such a link above the
// first button (a note below the controls may hold a link of its own).
// Also used for Era B's keyed rows, which share the list with them.
export function isNonPerson(root) {
  const link = root.querySelector(ERA_C.nonPersonLink);
  if (!link) return false;
  const button = root.querySelector(ERA_C.button);
  return !button || follows(button, link);
}
