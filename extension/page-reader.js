// Reads LinkedIn's invitation pages into plain data: which page this is,
// which cards it shows, and for each card the note and what the page says
// of the sender. It never clicks, never changes the page, and never guesses:
// a page whose structure it does not know is reported as 'unrecognised'.
//
// Structure carries the reader (element order, roles, link targets,
// componentkey): the UI is localised, so words are only a cross-check.
// Every selector comes from selectors.js. An ES module: bundled into the
// content script, imported directly by the Node tests.

import { STATUS } from './protocol.js';
import { ROUTES, ERA_A, ERA_B, ERA_C, PREVIEW, RECIPIENT } from './selectors.js';
import { isNonPerson, readCardC, surveyEraC } from './page-reader-era-c.js';
import { crossCheckIgnore, follows, hiddenBelow, isOnlyLinks, profilePath, textOrNull, visibleText } from './page-text.js';

// Read by the Node tests with the rest of the reader.
export { visibleText };

/** 'received' | 'preview' | 'sent' | 'other' for a URL string. */
export function routeOf(url) {
  let path;
  try {
    path = new URL(url).pathname;
  } catch (_) {
    return 'other';
  }
  if (ROUTES.sent.test(path)) return 'sent';
  if (ROUTES.received.test(path)) return 'received';
  if (ROUTES.preview.test(path)) return 'preview';
  return 'other';
}

/** True for URLs whose pages may show received invitations. */
export function isInvitationsUrl(url) {
  const r = routeOf(url);
  return r === 'received' || r === 'preview';
}

/**
 * Finds the card roots on the page without reading them (cheap: the
 * content script calls it on every burst of mutations).
 * Returns {status, era, roots}.
 */
export function detect(doc, url) {
  const route = routeOf(url);
  if (route === 'received') return detectReceived(doc);
  if (route === 'preview') return detectPreview(doc);
  return { status: STATUS.NOT_INVITATIONS, era: null, roots: [] };
}

// The cards inside `scope`, current markup first; null when there are none.
function cardsIn(scope) {
  // Only a person's connection invitation is judged: keyed rows inviting to a
  // newsletter, page, event or group are left alone.
  let eraB = Array.from(scope.querySelectorAll(ERA_B.card));
  const nonPerson = nonPersonRows(scope);
  if (nonPerson.size) eraB = eraB.filter((root) => !nonPerson.has(root));
  if (eraB.length) return { status: STATUS.OK, era: 'B', roots: eraB };
  const eraA = Array.from(scope.querySelectorAll(ERA_A.card));
  if (eraA.length) return { status: STATUS.OK, era: 'A', roots: eraA };
  return null;
}

// Keyed rows that invite to a newsletter, page, event or group: one query
// for the page rather than one per card.
function nonPersonRows(scope) {
  const out = new Set();
  const links = scope.querySelectorAll(ERA_C.nonPersonLink);
  for (let i = 0; i < links.length; i++) {
    const row = links[i].closest(ERA_B.card);
    if (row && !out.has(row) && isNonPerson(row)) out.add(row);
  }
  return out;
}

function detectReceived(doc) {
  const cards = cardsIn(doc);
  const eraC = detectEraC(doc, cards);
  if (eraC) return eraC;
  if (cards) return cards;

  // No card yet: the list may be empty or still loading. Only a known,
  // empty container counts; a container holding things we cannot read
  // means the layout changed.
  if (doc.querySelector(ERA_A.emptyState)) return { status: STATUS.OK, era: 'A', roots: [] };
  const listA = doc.querySelector(ERA_A.list);
  if (listA) {
    return listA.children.length === 0
      ? { status: STATUS.OK, era: 'A', roots: [] }
      : { status: STATUS.UNRECOGNISED, era: null, roots: [] };
  }
  const screen = invitationScreen(doc);
  const listB = (screen || doc).querySelector(ERA_B.list);
  if (screen && listB) {
    return listB.children.length === 0
      ? { status: STATUS.OK, era: 'B', roots: [] }
      : { status: STATUS.UNRECOGNISED, era: null, roots: [] };
  }
  return { status: STATUS.UNRECOGNISED, era: null, roots: [] };
}

// Era C (2026): cards found by structure in the invitation screen's list
// (page-reader-era-c.js). Used when it finds more cards than Era B's
// `componentkey` does, or when the list holds only rows that are not a
// person's invitation ("People you may know", a newsletter): a known page
// with nothing to badge. Skipped when every row of the list is an Era B card.
function detectEraC(doc, cards) {
  if (cards && cards.era === 'A') return null;
  const screen = invitationScreen(doc);
  if (!screen) return null;
  if (cards) {
    // Every row keyed: Era B reads them all (one query that allocates
    // nothing, rather than counting rows: this runs on every burst).
    if (!screen.querySelector(ERA_C.unkeyedItemInList)) return null;
  }
  const survey = surveyEraC(screen);
  const summary = summarise(survey);
  if (survey.cards.length > (cards ? cards.roots.length : 0)) return { status: STATUS.OK, era: 'C', roots: survey.cards, survey: summary };
  if (!cards && survey.lists.length && survey.other.length === 0 && survey.notPerson.length + survey.afterHeading.length > 0) {
    return { status: STATUS.OK, era: 'C', roots: [], survey: summary };
  }
  if (cards) cards.survey = summary;
  return null;
}

// What the layout report needs to know of a survey: counts, and how many
// rows look like a person's invitation (a profile link and a button) but
// were not read as one.
function summarise(survey) {
  let unread = 0;
  for (const row of survey.other) if (row.querySelector(ERA_C.profileLink) && row.querySelector(ERA_C.button)) unread++;
  return {
    cards: survey.cards.length,
    notPerson: survey.notPerson.length,
    afterHeading: survey.afterHeading.length,
    unread,
  };
}

function detectPreview(doc) {
  const section = doc.querySelector(PREVIEW.section);
  // The preview section only exists while invitations are pending: its
  // absence means there is nothing to judge on this page, not a new layout.
  if (!section) return { status: STATUS.NOT_INVITATIONS, era: null, roots: [] };
  return cardsIn(section) || { status: STATUS.OK, era: 'B', roots: [] };
}

function invitationScreen(doc) {
  for (const el of doc.querySelectorAll(ERA_B.screen)) {
    if ((el.getAttribute(ERA_B.screenAttribute) || '').includes(ERA_B.screenNamePart)) return el;
  }
  return null;
}

/**
 * Reads one card root. Returns null when the card does not have the
 * structure we know (no name, or no Ignore control where one must be):
 * such a card gets no badge.
 */
export function readCard(root, era) {
  if (era === 'C') return readCardC(root);
  return era === 'A' ? readCardA(root) : readCardB(root);
}

function readCardA(root) {
  const nameEl = root.querySelector(ERA_A.name);
  const name = nameEl ? visibleText(nameEl) : '';
  if (!name) return null;
  const link = root.querySelector(ERA_A.profileLink);
  const buttons = Array.from(root.querySelectorAll(ERA_A.actionButton));
  const ignore = buttons.find((b) => !b.classList.contains(ERA_A.acceptModifier)) || null;
  const accept = buttons.find((b) => b.classList.contains(ERA_A.acceptModifier)) || null;
  const noteEl = root.querySelector(ERA_A.note);
  let note = null;
  if (noteEl) {
    // A clamped note may carry its whole text in a raw line; otherwise the
    // visible lines, without the "See more" toggle.
    const raw = noteEl.querySelector(ERA_A.noteRawLine);
    note = raw ? visibleText(raw) : visibleText(noteEl, ERA_A.noteToggles);
    if (!note) note = null;
  }
  const mutualEl = root.querySelector(ERA_A.mutual);
  const href = link ? link.getAttribute('href') || '' : '';
  return {
    id: 'a:' + (profilePath(href) || name),
    era: 'A',
    root,
    note,
    sender: {
      name,
      headline: textOrNull(root.querySelector(ERA_A.headline)),
      mutual_connections: textOrNull(mutualEl),
    },
    profileUrl: href || null,
    ignoreButton: crossCheckIgnore(ignore),
    acceptButton: accept,
  };
}

function readCardB(root) {
  const key = root.getAttribute(ERA_B.cardKeyAttribute) || '';
  const id = key.startsWith(ERA_B.cardKeyPrefix) ? key.slice(ERA_B.cardKeyPrefix.length) : key;

  // The sender: the bold name inside the first profile (or page) link.
  let nameStrong = null;
  let link = null;
  // (Tag names: the browser's cached live list is cheaper than a query.)
  const strongs = root.getElementsByTagName(ERA_B.nameStrong);
  for (let i = 0; i < strongs.length; i++) {
    const strong = strongs[i];
    const a = strong.closest('a');
    if (a && root.contains(a) && a.matches(ERA_B.entityLink)) {
      nameStrong = strong;
      link = a;
      break;
    }
  }
  if (!nameStrong) return null;
  const name = visibleText(nameStrong);
  if (!name) return null;

  const controls = actionControls(root, link);
  if (controls.length === 0) return null;
  const lastControl = controls[controls.length - 1];

  // Paragraphs in document order, minus the hidden duplicates and anything
  // inside the action controls. (Whether a paragraph is hidden is asked
  // only of those after the controls: most cards are read at the first of
  // them. NodeLists are walked by index: their iterator costs a call into
  // the browser per step.)
  const all = root.closest(ERA_B.ariaHidden) ? [] : root.getElementsByTagName(ERA_B.paragraph);
  const count = all.length;

  const mutual = mutualLine(root);

  // The note: the first plain paragraph after the action buttons. Its
  // full text is in the DOM even when clamped behind "See more".
  let note = null;
  for (let i = 0; i < count; i++) {
    const p = all[i];
    if (!follows(p, lastControl) || !usable(p, root, controls)) continue;
    const text = visibleText(p, ERA_B.expandButton);
    if (text && !isOnlyLinks(p, text)) {
      note = text;
      break;
    }
  }

  // Ignore comes first.
  const ignore = controls[0];
  return {
    id,
    era: 'B',
    root,
    note,
    sender: {
      name,
      // Read when asked: the core is not sent the headline and no badge
      // shows it, and reading it cost about 2 ms of CPU per 1000 cards.
      get headline() {
        const headline = headlineB(root, link, controls, mutual && mutual.el);
        Object.defineProperty(this, 'headline', { value: headline, enumerable: true });
        return headline;
      },
      mutual_connections: mutual ? mutual.text : null,
    },
    profileUrl: link.getAttribute('href') || null,
    ignoreButton: crossCheckIgnore(ignore),
    acceptButton: controls.length > 1 ? controls[1] : null,
  };
}

// A paragraph of the card that a person sees and that is not inside an
// action control.
function usable(p, root, controls) {
  if (hiddenBelow(p, root)) return false;
  for (let i = 0; i < controls.length; i++) if (controls[i].contains(p)) return false;
  return true;
}

// The sender's headline: the first paragraph a person sees after the name
// line and before the first control, other than the mutual line. (One
// compareDocumentPosition answers what contains() and follows() would each
// ask.)
function headlineB(root, link, controls, mutualEl) {
  if (root.closest(ERA_B.ariaHidden)) return null;
  const all = root.getElementsByTagName(ERA_B.paragraph);
  const namePara = link.closest('p') || link;
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    if (p === namePara) continue;
    // After the name line and outside it (neither holds the other)…
    if ((namePara.compareDocumentPosition(p) & 28) !== 4) continue;
    // …and before the first control.
    if (!follows(controls[0], p)) continue;
    if (mutualEl && (mutualEl.contains(p) || p.contains(mutualEl))) continue;
    if (!usable(p, root, controls)) continue;
    const text = visibleText(p);
    if (text) return text;
  }
  return null;
}

// The two action controls, Ignore first, in document order.
function actionControls(root, nameLink) {
  const wrappers = root.querySelectorAll(ERA_B.actionWrapper);
  if (wrappers.length) {
    const found = [];
    for (let i = 0; i < wrappers.length && found.length < 2; i++) {
      const w = wrappers[i];
      const c = w.matches(ERA_B.actionControl) ? w : w.querySelector(ERA_B.actionControl);
      if (c) found.push(c);
    }
    return found;
  }
  // No wrappers in this build: the first two controls after the name that
  // are neither "See more", nor a profile or messaging link, nor hidden.
  const candidates = root.querySelectorAll(ERA_B.bareActionControl);
  const found = [];
  for (let i = 0; i < candidates.length && found.length < 2; i++) {
    if (follows(candidates[i], nameLink)) found.push(candidates[i]);
  }
  return found;
}

// The mutual-connection line, found by its icon: {el, text} or null.
function mutualLine(root) {
  const icon = root.querySelector(ERA_B.mutualIcon);
  if (!icon) return null;
  let el = icon.parentElement;
  while (el && el !== root) {
    const text = visibleText(el);
    if (text) return { el, text };
    el = el.parentElement;
  }
  return null;
}



/**
 * The signed-in person's name, when the page shows it: the alt text of the
 * "Me" photo. The core flags a greeting to any other name as a mass-send
 * slip, so a wrong name here would wrongly mark personal notes: an alt
 * that does not look like a name ("Profile photo", "Photo of …") is no
 * name at all.
 */
export function readRecipient(doc) {
  const img = doc.querySelector(RECIPIENT.mePhoto);
  const alt = img ? (img.getAttribute('alt') || '').replace(/\s+/g, ' ').trim() : '';
  return { name: looksLikeName(alt) ? alt : null, headline: null };
}

// Lowercase words that belong in names (van Dijk, da Silva, bin Salman).
const NAME_PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'del', 'della', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ten', 'ter', 'bin', 'binti', 'al', 'el', 'y']);

function looksLikeName(text) {
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 6 || text.length > 80) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.has(w)) && !/\d/.test(text);
}

/**
 * Reads the whole page at once (tests and small pages). The content
 * script uses detect() + readCard() to spread the work over time.
 */
export function readPage(doc, url) {
  const found = detect(doc, url);
  const recipient = readRecipient(doc);
  if (found.status !== STATUS.OK) return { status: found.status, era: found.era, cards: [], recipient };
  const cards = [];
  for (const root of found.roots) {
    const card = readCard(root, found.era);
    if (card) cards.push(card);
  }
  // Card-shaped elements none of which we can read: a new layout.
  const status = found.roots.length > 0 && cards.length === 0 ? STATUS.UNRECOGNISED : STATUS.OK;
  return { status, era: found.era, cards: status === STATUS.OK ? cards : [], recipient };
}

/**
 * The invitation object the Rust core expects. Without `recipient` it is
 * left out: a batch sent to the background names the recipient once (see
 * protocol.js classifyMessage).
 */
export function toInvitation(card, recipient) {
  const invitation = {
    note: card.note,
    // The headline is read (tests hold the reader to it) but not sent: the
    // core does not read it, and every byte is cloned into the message.
    sender: {
      name: card.sender.name,
      mutual_connections: card.sender.mutual_connections,
    },
  };
  if (recipient !== undefined) invitation.recipient = toRecipient(recipient);
  return invitation;
}

/** The recipient as the core expects it (`readRecipient`'s answer, or null). */
export function toRecipient(recipient) {
  return { name: recipient ? recipient.name : null, headline: recipient ? recipient.headline : null };
}
