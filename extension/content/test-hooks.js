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
import { HOST_TAG } from '../badge.js';
import { shadowOf } from '../shadow-host.js';
import { coachOps } from './test-hooks-coach.js';
import { BAR_TAG, rowRootOf } from './bulk-ui.js';

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
  // A part's centre on screen (scrolled into view first), and whether a
  // click there would reach it (nothing drawn over it).
  const rectOf = (el) => {
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const root = el.getRootNode();
    const top = root.elementFromPoint ? root.elementFromPoint(x, y) : el;
    return { x, y, width: r.width, height: r.height, onTop: !!top && (top === el || el.contains(top)) };
  };
  const visible = (e) => {
    if (!e || e.hidden) return false;
    const cs = win.getComputedStyle(e);
    return cs.display !== 'none' && cs.visibility !== 'hidden' && e.getClientRects().length > 0;
  };
  // Bulk decline's bar and review dialog (bulk-ui.js), in their own closed root.
  const bulkShadow = () => {
    const host = doc.querySelector(BAR_TAG);
    return host ? shadowOf(host) : null;
  };
  const idOfRoot = (root) => {
    const key = root && root.getAttribute('componentkey');
    if (key && key.startsWith('urn:li:invitation:')) return key.slice('urn:li:invitation:'.length);
    const w = root && root.closest('[data-invitation-id]');
    return w ? w.getAttribute('data-invitation-id') : null;
  };
  const bulkPart = (part, index) => {
    const shadow = bulkShadow();
    if (!shadow) return null;
    return index === undefined ? shadow.querySelector(part) : shadow.querySelectorAll(part)[index] || null;
  };
  const ops = {
    // What the bulk bar and its review show.
    bulk() {
      const host = doc.querySelector(BAR_TAG);
      const shadow = bulkShadow();
      if (!shadow) return { present: !!host, shadow: false };
      const text = (e) => (e ? e.textContent.replace(/\s+/g, ' ').trim() : null);
      const dialog = shadow.querySelector('dialog');
      const progress = shadow.querySelector('progress');
      const confirm = shadow.querySelector('button.nw-bulk-confirm');
      return {
        present: true,
        shadow: true,
        connected: host.isConnected,
        visible: visible(host),
        barText: text(shadow.querySelector('.bar')),
        status: text(shadow.querySelector('.bar [role="status"]')),
        offer: text(shadow.querySelector('button.nw-bulk-open')),
        cancel: !!shadow.querySelector('button.nw-bulk-cancel'),
        stop: !!shadow.querySelector('button.nw-bulk-stop'),
        dismiss: !!shadow.querySelector('button.nw-bulk-dismiss'),
        progress: progress && progress.isConnected ? { value: progress.value, max: progress.max } : null,
        dialogOpen: !!dialog && dialog.hasAttribute('open'),
        dialogLabelled: !!dialog && !!dialog.getAttribute('aria-labelledby') && !!shadow.getElementById(dialog.getAttribute('aria-labelledby')),
        title: dialog ? text(dialog.querySelector('h2')) : null,
        confirm: text(confirm),
        confirmDisabled: confirm ? confirm.disabled : null,
        focused: shadow.activeElement ? shadow.activeElement.className || shadow.activeElement.localName : null,
        rows: Array.from(shadow.querySelectorAll('li.nw-bulk-row'), (li) => {
          const box = li.querySelector('input[type="checkbox"]');
          return {
            id: idOfRoot(rowRootOf(li)),
            who: text(li.querySelector('.who')),
            note: text(li.querySelector('.note')),
            reason: text(li.querySelector('.reason')),
            checked: !!box && box.checked,
            ariaLabel: box ? box.getAttribute('aria-label') : null,
          };
        }),
      };
    },
    // Where a part of the bar or review is (the index-th match of `part`).
    bulkRect({ part, index }) {
      const el = bulkPart(part, index);
      if (!el) return null;
      return rectOf(el);
    },
    // Keyboard: focus a part of the bar or review (the test then presses keys).
    bulkFocus({ part, index }) {
      const el = bulkPart(part, index);
      if (el) el.focus();
      return !!el;
    },
    // What a page script could do with the bar's buttons: untrusted clicks.
    bulkSyntheticClick({ part, index }) {
      const el = bulkPart(part, index);
      if (!el) return false;
      el.click();
      el.dispatchEvent(new win.MouseEvent('click', { bubbles: true, composed: true }));
      return true;
    },
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
        explaining: !!shadow.querySelector('.nw-explaining'),
        rules: Array.from(shadow.querySelectorAll('li.nw-rule'), text),
        marks: Array.from(shadow.querySelectorAll('mark'), (e) => e.textContent),
        hasIgnore: !!shadow.querySelector('button.nw-ignore'),
        noDeclineReason: shadow.querySelector('.nw-no-decline') ? text(shadow.querySelector('.nw-no-decline')) : null,
        hasAsk: !!shadow.querySelector('button.nw-ask'),
        action: button ? button.getAttribute('data-action') : null,
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
      return rectOf(el);
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
      const hosts = [...doc.getElementsByTagName(HOST_TAG), ...doc.getElementsByTagName(BAR_TAG)];
      for (const host of hosts) {
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
