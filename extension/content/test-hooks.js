// TEST BUILDS ONLY. Bundled into dist/test-<browser>/content.js by
// `node tools/bundle.mjs --test` (build.sh), never into dist/<browser>/ or
// the zips: tests/node/bundles.test.mjs checks that the release content
// script has none of it.
//
// The badge's shadow root is closed, so the end-to-end tests, which run in
// the page's main world, cannot read it. This hook answers their questions
// about a badge from the content script's world: a synchronous request/answer
// over two DOM events carrying JSON strings (strings cross worlds in both
// browsers). It can read a badge, give the place of one of its parts (the
// test then clicks there with real, trusted input), focus it, or send it an
// untrusted click (what a page script could do). It never presses anything
// of LinkedIn's itself.
import { HOST_TAG, shadowOf } from '../badge.js';
import { coachOps } from './test-hooks-coach.js';

export const REQUEST_EVENT = 'noteworthy-test-request';
export const ANSWER_EVENT = 'noteworthy-test-answer';

/** Installs the hook on `win`'s document; returns uninstall(). */
export function installTestHooks(win) {
  const doc = win.document;
  const cardOf = (id) =>
    doc.querySelector(`[componentkey="urn:li:invitation:${id}"]`) || doc.querySelector(`[data-invitation-id="${id}"]`);
  const shadowFor = (id) => {
    const card = cardOf(id);
    const host = card && card.querySelector(HOST_TAG);
    return { card, host, shadow: host ? shadowOf(host) : null };
  };
  const visible = (e) => {
    if (!e || e.hidden) return false;
    const cs = win.getComputedStyle(e);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && e.getClientRects().length > 0;
  };
  const ops = {
    state({ id }) {
      const { card, host, shadow } = shadowFor(id);
      if (!shadow) return { found: !!card, host: !!host, shadow: false };
      const button = shadow.querySelector('button.nw-badge');
      const panel = shadow.querySelector('.nw-panel');
      const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
      return {
        found: true,
        host: true,
        shadow: true,
        buttonText: button ? text(button) : null,
        expanded: button ? button.getAttribute('aria-expanded') : null,
        panelVisible: visible(panel),
        panelText: panel ? text(panel) : null,
        feedback: panel && panel.querySelector('.nw-feedback') ? text(panel.querySelector('.nw-feedback')) : null,
        rules: Array.from(shadow.querySelectorAll('li.nw-rule'), text),
        marks: Array.from(shadow.querySelectorAll('mark'), (e) => e.textContent),
        hasIgnore: !!shadow.querySelector('button.nw-ignore'),
        noDeclineReason: shadow.querySelector('.nw-no-decline') ? text(shadow.querySelector('.nw-no-decline')) : null,
        hasAsk: !!shadow.querySelector('button.nw-ask'),
        adoptedSheets: shadow.adoptedStyleSheets ? shadow.adoptedStyleSheets.length : 0,
        styleElements: shadow.querySelectorAll('style').length,
      };
    },
    // Where a part of the badge is on the screen (scrolled into view first),
    // for a real click there.
    rect({ id, part }) {
      const { shadow } = shadowFor(id);
      const el = shadow && shadow.querySelector(part);
      if (!el) return null;
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width, height: r.height };
    },
    focus({ id }) {
      const { shadow } = shadowFor(id);
      const el = shadow && shadow.querySelector('button.nw-badge');
      if (el) el.focus();
      return !!el;
    },
    // What a page script holding the button could do: an untrusted click.
    syntheticClick({ id, part }) {
      const { shadow } = shadowFor(id);
      const el = shadow && shadow.querySelector(part);
      if (!el) return false;
      el.click();
      el.dispatchEvent(new win.MouseEvent('click', { bubbles: true, composed: true }));
      return true;
    },
    // Elements inside any badge that would betray HTML injection.
    injected() {
      const found = [];
      for (const host of doc.getElementsByTagName(HOST_TAG)) {
        const shadow = shadowOf(host);
        if (!shadow) continue;
        // Named by tag and attribute names: enough to say what got in.
        for (const el of shadow.querySelectorAll('img, script, b, [onerror]')) found.push([el.localName, ...el.getAttributeNames()].join(' '));
      }
      return found;
    },
    // Badge hosts whose shadow root is ours (a reloaded extension's stale
    // copies are not).
    ours() {
      let n = 0;
      for (const host of doc.getElementsByTagName(HOST_TAG)) if (shadowOf(host)) n++;
      return n;
    },
  };
  Object.assign(ops, coachOps(win));
  const onRequest = (event) => {
    let answer = null;
    try {
      const ask = JSON.parse(String(event.detail));
      const op = Object.prototype.hasOwnProperty.call(ops, ask.op) ? ops[ask.op] : null;
      answer = op ? op(ask) : null;
    } catch (e) {
      answer = { error: String(e && e.message) };
    }
    doc.dispatchEvent(new win.CustomEvent(ANSWER_EVENT, { detail: JSON.stringify(answer) }));
  };
  doc.addEventListener(REQUEST_EVENT, onRequest);
  return function uninstall() {
    doc.removeEventListener(REQUEST_EVENT, onRequest);
  };
}
