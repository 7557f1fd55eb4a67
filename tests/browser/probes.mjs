// Functions that run *inside* the fixture page (main world) to read what the
// extension did. Each is self-contained so it can be sent as source text to
// Playwright (page.evaluate) or to WebDriver (execute). Nothing here changes
// the page, except where the name says so.

/**
 * Every fixture card ([data-expected] on the card or its wrapper) with the
 * labels the extension set inside it, its badges, and page-level state (what
 * the fixture records on <html>; the extension writes nothing there).
 */
export function readCards() {
  const html = document.documentElement;
  const idOf = (w) => {
    const k = (w.matches('[componentkey]') ? w : w.querySelector('[componentkey]'))?.getAttribute('componentkey') || '';
    if (k.startsWith('urn:li:invitation:')) return k.slice('urn:li:invitation:'.length);
    return w.getAttribute('data-invitation-id') || w.querySelector('[data-invitation-id]')?.getAttribute('data-invitation-id') ||
      w.getAttribute('data-urn') || k || null;
  };
  const cards = [...document.querySelectorAll('[data-expected]')].map((w) => {
    const labelled = [...(w.matches('[data-noteworthy]') ? [w] : []), ...w.querySelectorAll('[data-noteworthy]')];
    return {
      id: idOf(w),
      expected: w.getAttribute('data-expected'),
      labels: labelled.map((e) => e.getAttribute('data-noteworthy')),
      badges: w.querySelectorAll('noteworthy-badge').length,
    };
  });
  const inCard = (e) => e.closest('[data-expected]');
  return {
    url: location.href,
    cards,
    strayLabels: [...document.querySelectorAll('[data-noteworthy]')].filter((e) => !inCard(e)).length,
    strayBadges: [...document.querySelectorAll('noteworthy-badge')].filter((e) => !inCard(e)).length,
    totalBadges: document.querySelectorAll('noteworthy-badge').length,
    totalLabels: document.querySelectorAll('[data-noteworthy]').length,
    cspViolations: html.dataset.cspViolations ?? null,
    ignored: html.dataset.ignored ?? '',
    accepted: html.dataset.accepted ?? '',
    pwned: typeof window.__pwned !== 'undefined',
  };
}

/** True when every card that expects a label carries exactly one. */
export function allCardsLabelled() {
  const ws = [...document.querySelectorAll('[data-expected]')].filter((w) => w.getAttribute('data-expected') !== 'none');
  return ws.length > 0 && ws.every((w) =>
    (w.matches('[data-noteworthy]') ? 1 : 0) + w.querySelectorAll('[data-noteworthy]').length === 1);
}

/**
 * The note text of each fixture card, read from the fixture's own markup
 * (era A: .invitation-card__custom-message; era B: the <p> beside the
 * "Reply" link after the buttons). Used to ask the Rust CLI what the label
 * should be at each strictness. Cards without a note give ''.
 */
export function readNotes() {
  return [...document.querySelectorAll('[data-expected]')]
    .filter((w) => w.getAttribute('data-expected') !== 'none')
    .map((w) => {
      const k = w.querySelector('[componentkey^="urn:li:invitation:"]');
      const id = k ? k.getAttribute('componentkey').slice('urn:li:invitation:'.length)
        : (w.getAttribute('data-invitation-id') || '');
      let text = '';
      const a = w.querySelector('.invitation-card__custom-message');
      if (a) text = a.textContent;
      const reply = w.querySelector('a[href*="/messaging/compose/?invitation="]');
      if (!a && reply) {
        const p = reply.parentElement.querySelector(':scope > p');
        if (p) text = p.textContent;
      }
      // What the page shows of both people, read here independently of the
      // extension's reader: the core weighs it too (a note naming the mutual
      // connection LinkedIn shows), so the oracle must be given it.
      const squash = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() || null : null);
      const nameA = w.querySelector('.invitation-card__title');
      const strongB = w.querySelector('a[href*="/in/"] strong, a[href*="/company/"] strong');
      const nameP = strongB && strongB.closest('p');
      const headlineB = nameP && nameP.nextElementSibling && nameP.nextElementSibling.localName === 'p' ? nameP.nextElementSibling : null;
      const icon = w.querySelector('svg#in-common-small');
      const me = document.querySelector('img.global-nav__me-photo[alt]');
      return {
        id,
        text: text.replace(/\s+/g, ' ').trim(),
        sender: {
          name: squash(nameA || strongB),
          headline: squash(nameA ? w.querySelector('.invitation-card__subtitle') : headlineB),
          mutual_connections: squash(nameA ? w.querySelector('.member-insights') : icon && icon.parentElement),
        },
        recipient: { name: me ? me.getAttribute('alt').trim() || null : null, headline: null },
      };
    });
}

/** id -> label map of the cards currently labelled. */
export function labelsById() {
  const out = {};
  for (const w of document.querySelectorAll('[data-expected]')) {
    const k = w.querySelector('[componentkey^="urn:li:invitation:"]');
    const id = k ? k.getAttribute('componentkey').slice('urn:li:invitation:'.length) : w.getAttribute('data-invitation-id');
    const l = w.matches('[data-noteworthy]') ? w : w.querySelector('[data-noteworthy]');
    if (id && l) out[id] = l.getAttribute('data-noteworthy');
  }
  return out;
}

/** Elements that would betray HTML injection: img[src=x] anywhere, including open shadow roots. */
export function injectionTraces() {
  const roots = [document];
  const found = [];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.localName === 'img' && (el.getAttribute('src') === 'x' || el.hasAttribute('onerror'))) found.push(el.outerHTML.slice(0, 120));
      // The badge makes no <b> of its own: one in a shadow root came from page text.
      if (el.localName === 'b' && i > 0) found.push(el.outerHTML.slice(0, 120));
    }
  }
  return { found, pwned: typeof window.__pwned !== 'undefined', shadowRoots: roots.length - 1 };
}

/** The era B fixture's card whose note holds markup as text (tests/fixtures/README.md). */
export const HOSTILE_NOTE_FIXTURE_ID = '7311000000000000113';
export const HOSTILE_NOTE_MARKUP = ['<img src=x onerror="window.__pwned=1">', '<b>bold</b>'];

/** What the badge of the card with this invitation id shows (open shadow root). */
export function badgeState(id) {
  const card = document.querySelector(`[componentkey="urn:li:invitation:${id}"]`) ||
    document.querySelector(`[data-invitation-id="${id}"]`);
  const host = card && card.querySelector('noteworthy-badge');
  const root = host && host.shadowRoot;
  if (!root) return { found: !!card, host: !!host, shadow: false };
  const button = root.querySelector('button.nw-badge');
  const panel = root.querySelector('.nw-panel');
  const visible = (e) => !!e && !e.hidden && getComputedStyle(e).display !== 'none' &&
    getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0;
  return {
    found: true,
    host: true,
    shadow: true,
    buttonText: button ? button.textContent.trim() : null,
    expanded: button ? button.getAttribute('aria-expanded') : null,
    panelVisible: visible(panel),
    panelText: panel ? panel.textContent.replace(/\s+/g, ' ').trim() : null,
    rules: [...root.querySelectorAll('li.nw-rule')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    marks: [...root.querySelectorAll('mark')].map((e) => e.textContent),
    hasIgnore: !!root.querySelector('button.nw-ignore'),
    hasAsk: !!root.querySelector('button.nw-ask'),
    // How the shadow root is styled: the shared adopted sheet, or the
    // <style> fallback; exactly one of them.
    adoptedSheets: root.adoptedStyleSheets ? root.adoptedStyleSheets.length : 0,
    styleElements: root.querySelectorAll('style').length,
  };
}

/** True when every card id in `want` carries exactly that label. */
export function labelsMatch(want) {
  for (const [id, label] of Object.entries(want)) {
    const c = document.querySelector(`[componentkey="urn:li:invitation:${id}"]`) || document.querySelector(`[data-invitation-id="${id}"]`);
    const w = c && (c.closest('[data-expected]') || c);
    if (!w) return false;
    const l = [...(w.matches('[data-noteworthy]') ? [w] : []), ...w.querySelectorAll('[data-noteworthy]')];
    if (l.length !== 1 || l[0].getAttribute('data-noteworthy') !== label) return false;
  }
  return true;
}

/** True when the badge of card `id` has aria-expanded === `want` ('true'/'false'). */
export function badgeExpanded([id, want]) {
  const c = document.querySelector(`[componentkey="urn:li:invitation:${id}"]`) || document.querySelector(`[data-invitation-id="${id}"]`);
  const b = c && c.querySelector('noteworthy-badge');
  const btn = b && b.shadowRoot && b.shadowRoot.querySelector('button.nw-badge');
  return !!btn && btn.getAttribute('aria-expanded') === want;
}

/**
 * Append one Era B card (built here, like the fixture's own generator) whose
 * sender name AND note carry an HTML payload, to an Era B list. The note
 * starts with LinkedIn's stock sentence so the panel highlights part of it
 * (<mark> splits the text: the riskiest rendering path). Returns its id.
 */
export function appendHostileNoteCard(id) {
  const list = document.querySelector('[data-testid="lazy-column"]');
  if (!list) return null;
  const payload = '<img src=x onerror="window.__pwned=1">';
  const mk = (tag, attrs, ...kids) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    for (const c of kids) n.append(c);
    return n;
  };
  const name = payload + ' Evil';
  const href = 'https://www.linkedin.com/in/hostile-note-sender/';
  const card = mk('div', { role: 'listitem', componentkey: 'urn:li:invitation:' + id },
    mk('div', {},
      mk('div', {},
        mk('p', {}, mk('a', { href }, mk('strong', {}, name))),
        mk('p', {}, 'Engineer at ' + payload)),
      mk('div', {},
        mk('div', { 'data-view-name': 'invitation-action' },
          mk('button', { type: 'button', 'aria-label': 'Ignore an invitation to connect from ' + name }, mk('span', {}, 'Ignore'))),
        mk('div', { 'data-view-name': 'invitation-action' },
          mk('button', { type: 'button', 'aria-label': 'Accept ' + name + '’s invitation' }, mk('span', {}, 'Accept'))))),
    mk('div', {},
      mk('p', {}, "I'd like to add you to my professional network on LinkedIn. " + payload + ' <b>bold</b> &amp;'),
      mk('a', { href: 'https://www.linkedin.com/messaging/compose/?invitation=urn%3Ali%3Ainvitation%3A' + id }, 'Reply')));
  list.append(mk('div', { 'data-view-name': 'pending-invitation', 'data-display-contents': 'true', 'data-e2e-hostile': '' }, card));
  return id;
}

/** Label of the card with this invitation id (null when none yet). */
export function labelOf(id) {
  const c = document.querySelector(`[componentkey="urn:li:invitation:${id}"]`) || document.querySelector(`[data-invitation-id="${id}"]`);
  if (!c) return null;
  const l = c.matches('[data-noteworthy]') ? c : (c.closest('[data-noteworthy]') || c.querySelector('[data-noteworthy]'));
  return l ? l.getAttribute('data-noteworthy') : null;
}

/**
 * Every text (4 characters or more), aria-label, alt and link slug of the
 * page's body: none of them may appear in a layout report.
 */
export function pageWords() {
  const words = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const part of n.nodeValue.split(/\s{2,}|\n/)) if (part.trim().length >= 4) words.add(part.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [alt], [href]')) {
    for (const a of ['aria-label', 'alt']) if ((el.getAttribute(a) || '').length >= 4) words.add(el.getAttribute(a));
    const href = el.getAttribute('href');
    if (href) for (const seg of new URL(href, location.href).pathname.split('/')) if (seg.length >= 4 && !/^[a-z]+(-[a-z]+)?$/.test(seg)) words.add(seg);
  }
  return [...words];
}
