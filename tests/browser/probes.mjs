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

/**
 * Elements that would betray HTML injection: img[src=x] anywhere in the page
 * and its open shadow roots, and, through the test hook, anything inside
 * our badges' closed shadow roots made from page text.
 */
export function injectionTraces() {
  const roots = [document];
  const found = [];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.localName === 'img' && (el.getAttribute('src') === 'x' || el.hasAttribute('onerror'))) found.push(el.outerHTML.slice(0, 120));
    }
  }
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'injected' }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  if (typeof answer !== 'string') found.push('no test hook answered: is this the test build (dist/test-*)?');
  else found.push(...JSON.parse(answer));
  return { found, pwned: typeof window.__pwned !== 'undefined', shadowRoots: roots.length - 1 };
}

/** The era B fixture's card whose note holds markup as text (tests/fixtures/README.md). */
export const HOSTILE_NOTE_FIXTURE_ID = '7311000000000000113';
export const HOSTILE_NOTE_MARKUP = ['<img src=x onerror="window.__pwned=1">', '<b>bold</b>'];

/**
 * Asks the test build's hook (extension/content/test-hooks.js) about a
 * badge: the badge's shadow root is closed, so the page (and these probes,
 * which run in the page's main world) cannot read it; the hook answers from
 * the content script's world. [op, args] -> the hook's answer (null when no
 * hook answered: not a test build). Every probe below that reads a badge
 * repeats this small function, as each is sent to the browser on its own.
 */
export function askHook([op, args]) {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  try {
    document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op, ...args }) }));
  } finally {
    document.removeEventListener('noteworthy-test-answer', on);
  }
  return typeof answer === 'string' ? JSON.parse(answer) : null;
}

/** What the badge of the card with this invitation id shows (through the test hook). */
export function badgeState(id) {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'state', id }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  return typeof answer === 'string' ? JSON.parse(answer) : { found: false, hook: false };
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

/**
 * True when the badge of card `id` shows every field of `want` as
 * badgeState() gives it (through the test hook): {expanded: 'true'}, or
 * {panelVisible: true, explaining: false} once the open panel has drawn
 * its rules.
 */
export function badgeHas([id, want]) {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'state', id }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  const s = typeof answer === 'string' ? JSON.parse(answer) : null;
  return !!s && Object.entries(want).every(([k, v]) => s[k] === v);
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
 * Append one Era B card without action wrappers whose first control after
 * the name is a "Follow" button (then Accept), with LinkedIn's stock sentence
 * as its note: judged generic, suggested Ignore, but no control on it says
 * Ignore. linkedin.js records a press of its first control as "ignored".
 */
export function appendFollowFirstCard(id) {
  const list = document.querySelector('[data-testid="lazy-column"]');
  if (!list) return null;
  const mk = (tag, attrs, ...kids) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    for (const c of kids) n.append(c);
    return n;
  };
  const name = 'Fiona Follower';
  const card = mk('div', { role: 'listitem', componentkey: 'urn:li:invitation:' + id },
    mk('div', {},
      mk('p', {}, mk('a', { href: 'https://www.linkedin.com/in/fiona-follower/' }, mk('strong', {}, name))),
      mk('p', {}, 'Creator | Growth tips daily'),
      mk('div', {},
        mk('button', { type: 'button', 'aria-label': 'Follow ' + name }, mk('span', {}, 'Follow')),
        mk('button', { type: 'button', 'aria-label': 'Accept ' + name + '’s invitation' }, mk('span', {}, 'Accept')))),
    mk('div', {},
      mk('p', {}, "I'd like to add you to my professional network on LinkedIn."),
      mk('a', { href: 'https://www.linkedin.com/messaging/compose/?invitation=urn%3Ali%3Ainvitation%3A' + id }, 'Reply')));
  list.append(mk('div', { 'data-view-name': 'pending-invitation', 'data-display-contents': 'true', 'data-expected': 'generic' }, card));
  return id;
}

/**
 * A page script that, on the next mouseup anywhere (the press of a click,
 * just before the click event itself), reuses card `from`'s element for
 * another invitation `to`: new componentkey, name, Ignore label and a
 * personal note, as LinkedIn re-renders a row after an action.
 */
export function rewriteCardOnNextMouseup([from, to]) {
  const root = document.querySelector(`[componentkey="urn:li:invitation:${from}"]`);
  if (!root) return false;
  document.addEventListener('mouseup', () => {
    root.setAttribute('componentkey', 'urn:li:invitation:' + to);
    for (const e of root.querySelectorAll('strong, a[aria-hidden="true"] span')) e.textContent = 'Zed Other';
    const ignore = root.querySelector('button[aria-label^="Ignore"]');
    if (ignore) ignore.setAttribute('aria-label', 'Ignore an invitation to connect from Zed Other');
    const reply = root.querySelector('a[href*="/messaging/compose/"]');
    const note = reply && reply.parentElement.querySelector('p');
    if (note) note.textContent = 'Great meeting you at KubeCon Europe — your eBPF talk was the best of the day.';
    window.__rewritten = true;
  }, { capture: true, once: true });
  return true;
}

/**
 * What the page itself can see of the extension: shadow roots it can open,
 * attributes on <html> that the fixture did not set, labels without a
 * badge, badges and labels overall.
 */
export function pageView() {
  const FIXTURE_HTML_ATTRIBUTES = ['lang', 'class', 'data-csp-violations', 'data-ignored', 'data-accepted'];
  const hosts = [...document.querySelectorAll('noteworthy-badge')];
  return {
    hosts: hosts.length,
    openShadowRoots: hosts.filter((h) => h.shadowRoot !== null).length,
    htmlAttributes: [...document.documentElement.attributes].map((a) => a.name).filter((n) => !FIXTURE_HTML_ATTRIBUTES.includes(n)),
    labels: document.querySelectorAll('[data-noteworthy]').length,
    labelsWithoutBadge: [...document.querySelectorAll('[data-noteworthy]')].filter((e) => !e.querySelector(':scope > noteworthy-badge')).length,
  };
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

// --- Bulk decline (issue 10) -------------------------------------------------

/** What the bulk bar and its review show (through the test hook; null when no hook). */
export function bulkState() {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'bulk' }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  return typeof answer === 'string' ? JSON.parse(answer) : null;
}

/**
 * Every labelled fixture card in page order with its label and the action
 * its badge suggests (through the test hook); null until every one has it.
 */
export function cardActions() {
  const ask = (id) => {
    let answer = null;
    const on = (e) => { answer = e.detail; };
    document.addEventListener('noteworthy-test-answer', on);
    document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'state', id }) }));
    document.removeEventListener('noteworthy-test-answer', on);
    return typeof answer === 'string' ? JSON.parse(answer) : null;
  };
  const out = [];
  for (const w of document.querySelectorAll('[data-expected]')) {
    if (w.getAttribute('data-expected') === 'none') continue;
    const k = w.querySelector('[componentkey^="urn:li:invitation:"]');
    const id = k ? k.getAttribute('componentkey').slice('urn:li:invitation:'.length)
      : (w.getAttribute('data-invitation-id') || w.querySelector('[data-invitation-id]')?.getAttribute('data-invitation-id'));
    const l = w.matches('[data-noteworthy]') ? w : w.querySelector('[data-noteworthy]');
    const s = ask(id);
    if (!l || !s || !s.action) return null;
    out.push({ id, label: l.getAttribute('data-noteworthy'), action: s.action });
  }
  return out;
}

/**
 * What a page that re-renders between review and press does (a page
 * script, run after Confirm, during the countdown): swaps the rows of cards
 * `a` and `b`, and shows another sender's name on card `c`'s row.
 */
export function reorderAndRename([a, b, c]) {
  const wrapper = (id) => {
    const k = document.querySelector(`[componentkey="urn:li:invitation:${id}"]`) || document.querySelector(`[data-invitation-id="${id}"]`);
    return k && (k.closest('[data-expected]') || k);
  };
  const wa = wrapper(a);
  const wb = wrapper(b);
  const wc = c ? wrapper(c) : null;
  if (!wa || !wb || (c && !wc)) return false;
  const mark = document.createComment('swap');
  wa.replaceWith(mark);
  wb.replaceWith(wa);
  mark.replaceWith(wb);
  if (wc) {
    const name = wc.querySelector('.invitation-card__title') || wc.querySelector('a[href*="/in/"] strong') || wc.querySelector('p a[href*="/in/"]');
    if (!name) return false;
    name.textContent = 'Someone Else';
  }
  return true;
}
