// The sender's coach, end to end, written once for every browser (imported
// by chromium.test.mjs and firefox.test.mjs beside scenarios.mjs). Each
// scenario drives the adapter `b` documented at the top of scenarios.mjs.
//
// The fixtures (tests/fixtures/invite-*.html, gen-invite.py) are profile
// pages whose Connect opens LinkedIn's "Add a note" dialog, in the
// 2025-2026 variant (inside the open shadow root of #interop-outlet) or the
// older plain dialog, with an English or a German UI. The strip's own
// shadow root is closed: it is read through the test build's hook
// (askHook ops coachState / coachFocus / coachRect, test-hooks-coach.js).
// Everything is typed with real keys; Send is a real click.
import assert from 'node:assert/strict';
import { askHook } from './probes.mjs';
import { assertNoCsp } from './e2e-common.mjs';

const COACH_FIXTURES = {
  shadow: { name: 'invite-shadow', path: '/in/jonas-weber/?fixture=invite-shadow', invitee: 'Jonas Weber', limit: 300 },
  shadowDe: { name: 'invite-shadow-de', path: '/in/jonas-weber/?fixture=invite-shadow-de', invitee: 'Jonas Weber', limit: 300 },
  plain: { name: 'invite-plain', path: '/in/lena-hoffmann/?fixture=invite-plain', invitee: 'Lena Hoffmann', limit: 200 },
  plainDe: { name: 'invite-plain-de', path: '/in/lena-hoffmann/?fixture=invite-plain-de', invitee: 'Lena Hoffmann', limit: 200 },
};

const STOCK = "I'd like to add you to my professional network on LinkedIn.";
const MET = ' We met at PyCon Lisbon.';
const QUESTION = ' How did you get the Kafka consumers to keep up with the load?';

// --- in the page (main world) ----------------------------------------------

/** The strip's state through the test hook (null when no hook answers). */
function coachState() {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'coachState' }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  return typeof answer === 'string' ? JSON.parse(answer) : null;
}

/** The strip's state satisfies `want` (checked in the page, so b.wait can poll it). */
function coachIs(want) {
  let answer = null;
  const on = (e) => { answer = e.detail; };
  document.addEventListener('noteworthy-test-answer', on);
  document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'coachState' }) }));
  document.removeEventListener('noteworthy-test-answer', on);
  const s = typeof answer === 'string' ? JSON.parse(answer) : null;
  if (!s) return false;
  if (want.count !== undefined && s.count !== want.count) return false;
  if (want.count === 0) return true;
  if (!s.ours) return false;
  if (want.label && s.label !== want.label) return false;
  for (const [key, met] of Object.entries(want.checks || {})) {
    const c = s.checks.find((x) => x.key === key);
    if (!c || c.met !== met) return false;
  }
  const kinds = s.warnings.map((w) => w.kind);
  for (const k of want.warnings || []) if (!kinds.includes(k)) return false;
  for (const k of want.noWarnings || []) if (kinds.includes(k)) return false;
  if (want.left !== undefined && s.left !== want.left) return false;
  return true;
}

/** Center of the first element matching `selector` in the page or in #interop-outlet's open shadow root. */
function deepRect(selector) {
  const outlet = document.querySelector('#interop-outlet');
  const el = document.querySelector(selector) || (outlet && outlet.shadowRoot && outlet.shadowRoot.querySelector(selector));
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

/** The note box's value, wherever the dialog is (null when it is gone). */
function noteBoxValue() {
  const outlet = document.querySelector('#interop-outlet');
  const root = outlet && outlet.shadowRoot;
  const box = document.querySelector('textarea#custom-message') || (root && root.querySelector('textarea#custom-message'));
  return box ? box.value : null;
}

/** Whether the note box has the focus (through the outlet's shadow root too). */
function noteBoxFocused() {
  const a = document.activeElement;
  const inner = a && a.shadowRoot ? a.shadowRoot.activeElement : a;
  return !!inner && inner.localName === 'textarea';
}

function pageRecord() {
  const d = document.documentElement.dataset;
  return { sent: d.sent || '0', sentNote: d.sentNote ?? null, untrusted: d.untrustedInput || '0', dialog: d.dialog || null, cspViolations: d.cspViolations ?? null };
}

// --- steps -------------------------------------------------------------------

/** Opens the fixture, presses Connect, then "Add a note" (focused by the dialog) with the keyboard. */
async function openNoteBox(b, fixture) {
  await b.open(fixture);
  await b.click('[data-fixture-connect]');
  assert.ok(await b.wait(() => document.documentElement.dataset.dialog === 'open'), `${fixture.name}: the dialog opened`);
  await b.pressEnter();
  assert.ok(await b.wait(noteBoxFocused), `${fixture.name}: the note box has the focus`);
  assert.ok(await b.wait(coachIs, { label: 'blank', left: fixture.limit }), `${fixture.name}: the strip shows "no note" and LinkedIn's limit\n${JSON.stringify(await b.run(coachState))}`);
}

async function expectCoach(b, want, what) {
  const ok = await b.wait(coachIs, want);
  assert.ok(ok, `${what}: wanted ${JSON.stringify(want)}, the strip shows ${JSON.stringify(await b.run(coachState))}`);
  return b.run(coachState);
}

async function sendAndCheck(b, fixture, typed) {
  const before = await b.run(pageRecord);
  const r = await b.run(deepRect, '[data-fixture-send]');
  assert.ok(r, 'Send button on screen');
  await b.clickAt(r.x, r.y);
  assert.ok(await b.wait((n) => document.documentElement.dataset.sent === n, String(Number(before.sent) + 1)), `${fixture.name}: Send worked`);
  const after = await b.run(pageRecord);
  assert.equal(after.sentNote, typed, 'the note sent is exactly what was typed (the extension never changed the box)');
  assert.equal(after.untrusted, '0', 'no input event on the note box came from anything but the keyboard');
  assert.ok(await b.wait(coachIs, { count: 0 }), `${fixture.name}: the strip left with the dialog\n${JSON.stringify(await b.run(coachState))}`);
  await b.settleCsp();
  assertNoCsp(await b.run(pageRecord), b.server, `${b.name} ${fixture.name}`);
}

export const COACH_SCENARIOS = [
  {
    name: 'coach (2025-2026 dialog in #interop-outlet\'s shadow root): stock is generic with neither line ticked; a meeting ticks the first, a question the second; Send sends exactly what was typed; the strip leaves with the dialog',
    async run(b) {
      const fx = COACH_FIXTURES.shadow;
      await openNoteBox(b, fx);
      let s = await b.run(coachState);
      assert.equal(s.inOutlet, true, 'the strip lives in the dialog\'s own DOM (the outlet\'s shadow root)');
      assert.equal(s.afterNoteBox, true, 'the strip sits right after the note box');
      assert.equal(s.live, 'polite', 'the verdict is a polite live region');
      assert.deepEqual(s.checks.map((c) => c.tabIndex), [0, 0], 'checklist lines are focusable');
      assert.deepEqual(await b.run(() => {
        const host = document.querySelector('#interop-outlet').shadowRoot.querySelector('noteworthy-coach');
        return { host: !!host, open: host ? host.shadowRoot !== null : null, onHtml: document.documentElement.getAttributeNames().filter((a) => /noteworthy/i.test(a)) };
      }), { host: true, open: false, onHtml: [] }, 'the page sees a host with a closed shadow root, and nothing on <html>');

      await b.type(STOCK);
      s = await expectCoach(b, { label: 'generic', checks: { how_found: false, why: false }, warnings: ['stock'], left: fx.limit - STOCK.length }, 'stock note');
      assert.match(s.checks[0].label, /not yet/, 'the unticked line says so to a screen reader');
      assert.equal(await b.run(noteBoxValue), STOCK, 'the box holds what was typed');

      await b.type(MET);
      s = await expectCoach(b, { checks: { how_found: true, why: false } }, 'after "We met at PyCon Lisbon"');
      assert.match(s.checks[0].label, /: yes$/);
      // The words that counted, on focus (keyboard) ...
      assert.equal(await b.run(askHook, ['coachFocus', { key: 'how_found' }]), true);
      s = await b.run(coachState);
      assert.equal(s.previewVisible, true, 'focus shows the note with its evidence marked');
      assert.ok(s.marks.some((m) => m.includes('PyCon')), `marks: ${JSON.stringify(s.marks)}`);

      // ... back into the box (a real click), where typing goes on.
      const box = await b.run(deepRect, 'textarea#custom-message');
      await b.clickAt(box.x, box.y);
      await b.run(() => {
        const root = document.querySelector('#interop-outlet').shadowRoot;
        const t = root.querySelector('textarea');
        t.setSelectionRange(t.value.length, t.value.length);
      });
      await b.type(QUESTION);
      await expectCoach(b, { checks: { how_found: true, why: true }, label: 'personalized' }, 'after a question about their work');
      // Hover shows the words too (real pointer).
      const why = await b.run(askHook, ['coachRect', { key: 'why' }]);
      await b.hoverAt(why.x, why.y);
      assert.ok(await b.wait(() => {
        let a = null;
        const on = (e) => { a = e.detail; };
        document.addEventListener('noteworthy-test-answer', on);
        document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'coachState' }) }));
        document.removeEventListener('noteworthy-test-answer', on);
        const st = JSON.parse(a);
        return st.previewVisible && st.marks.length > 0;
      }), 'hovering "says why" marks the question');
      await b.screenshot(`${b.name}-coach.png`);

      await sendAndCheck(b, fx, STOCK + MET + QUESTION);
    },
  },

  {
    name: 'coach (plain dialog, invitee named only by the Connect control): a greeting to another name warns, the counter reads LinkedIn\'s 0/200; Send works',
    async run(b) {
      const fx = COACH_FIXTURES.plain;
      await openNoteBox(b, fx);
      const s0 = await b.run(coachState);
      assert.equal(s0.inOutlet, false, 'plain dialog: the strip is in the document');
      const note = 'Hi Maria, we met at PyCon Lisbon.';
      await b.type(note);
      const s = await expectCoach(b, { warnings: ['wrong_name'], checks: { how_found: true }, left: fx.limit - note.length }, 'wrong-name greeting');
      const w = s.warnings.find((x) => x.kind === 'wrong_name');
      assert.match(w.text, /Maria/);
      assert.match(w.text, /Lena Hoffmann/, 'the warning names the invitee read from the Connect control');
      assert.equal(w.tabIndex, 0, 'warnings are focusable');
      // The invitee's own name is no slip.
      await b.clearTyped();
      const own = 'Hi Lena, we met at PyCon Lisbon.';
      await b.type(own);
      await expectCoach(b, { noWarnings: ['wrong_name'], checks: { how_found: true } }, 'greeting the invitee');
      await sendAndCheck(b, fx, own);
    },
  },

  ...['shadowDe', 'plainDe'].map((key) => ({
    name: `coach (German UI, ${COACH_FIXTURES[key].name}): the dialog is found by structure, the invitee read, a placeholder and a wrong name warn; Send works`,
    async run(b) {
      const fx = COACH_FIXTURES[key];
      await openNoteBox(b, fx);
      const note = 'Hallo Maria, wir haben uns auf der PyCon in Lissabon getroffen. {first_name}';
      await b.type(note);
      const s = await expectCoach(b, { warnings: ['wrong_name', 'placeholder'], checks: { how_found: true } }, `${fx.name} note`);
      assert.match(s.warnings.find((x) => x.kind === 'wrong_name').text, new RegExp(fx.invitee));
      await sendAndCheck(b, fx, note);
    },
  })),

  {
    name: 'coach: Dismiss closes the dialog and the strip goes with it; nothing is sent',
    async run(b) {
      const fx = COACH_FIXTURES.shadow;
      await openNoteBox(b, fx);
      await b.type('We met at PyCon Lisbon.');
      await expectCoach(b, { checks: { how_found: true } }, 'before Dismiss');
      const r = await b.run(deepRect, '[data-fixture-dismiss]');
      await b.clickAt(r.x, r.y);
      assert.ok(await b.wait(coachIs, { count: 0 }), 'the strip left with the dismissed dialog');
      const rec = await b.run(pageRecord);
      assert.equal(rec.sent, '0');
      assert.equal(rec.dialog, null);
    },
  },

  {
    name: 'coach switched off in the popup: no strip, the dialog works as ever; switched on again: the strip is back',
    async run(b) {
      const fx = COACH_FIXTURES.shadow;
      await b.open(fx);
      const popup = await b.openPopup();
      try {
        await popup.setChecked('#coach', false);
        assert.ok(await popup.wait(() => document.querySelector('#coach').checked === false));
      } finally {
        await popup.close();
      }
      await b.open(fx);
      await b.click('[data-fixture-connect]');
      assert.ok(await b.wait(() => document.documentElement.dataset.dialog === 'open'));
      await b.pressEnter();
      assert.ok(await b.wait(noteBoxFocused));
      await b.type('Hi');
      // Give the coach more than its pause to (wrongly) appear.
      assert.equal(await b.wait(() => {
        let a = null;
        const on = (e) => { a = e.detail; };
        document.addEventListener('noteworthy-test-answer', on);
        document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'coachState' }) }));
        document.removeEventListener('noteworthy-test-answer', on);
        return JSON.parse(a).count > 0;
      }, null, 1500), false, 'no strip while the coach is off');
      // Switched on while the dialog is open: it appears, live.
      const again = await b.openPopup();
      try {
        await again.setChecked('#coach', true);
        assert.ok(await again.wait(() => document.querySelector('#coach').checked === true));
      } finally {
        await again.close();
      }
      await expectCoach(b, { count: 1, checks: { how_found: false } }, 'coach switched back on');
      await sendAndCheck(b, fx, 'Hi');
    },
  },
];
