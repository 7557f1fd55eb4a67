// The sender's coach in jsdom: the dialog finder on every invite fixture
// (shadow root and plain dialog, English and German UI), the strip drawn
// from the real core's coaching, and the watcher end to end with the real
// background handlers. (The same flows run in Chromium and Firefox in
// tests/browser/scenarios-coach.mjs.)
import test from 'node:test';
import { JSDOM } from 'jsdom';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectLabelAt, findNoteBoxes, looksLikeName, nameFromLabel, readInvitee, readLimit } from '../../extension/coach-dialog.js';
import { COACH_TAG, createStrip } from '../../extension/coach-strip.js';
import { shadowOf } from '../../extension/shadow-host.js';
import { startCoach } from '../../extension/content/coach.js';
import { createDispatcher } from '../../extension/background/dispatch.js';
import { createHandlers } from '../../extension/background/handlers.js';
import { judgeWith } from '../../extension/background/judge.js';
import { tabReports } from '../../extension/background/tab-reports.js';
import { MSG, coachMessage } from '../../extension/protocol.js';
import { EXTENSION, FIXTURES, FIXTURE_URLS, loadHtml, wasm, waitFor } from './helpers.mjs';

const MESSAGES = JSON.parse(readFileSync(path.join(EXTENSION, '_locales', 'en', 'messages.json'), 'utf8'));
const t = (key, subs) => [].concat(subs || []).reduce((s, v, i) => s.split('$' + (i + 1)).join(v), MESSAGES[key] ? MESSAGES[key].message : key);

const INVITE = {
  'invite-shadow.html': { variant: 'shadow', invitee: 'Jonas Weber', limit: 300 },
  'invite-shadow-de.html': { variant: 'shadow', invitee: 'Jonas Weber', limit: 300 },
  'invite-plain.html': { variant: 'plain', invitee: 'Lena Hoffmann', limit: 200 },
  'invite-plain-de.html': { variant: 'plain', invitee: 'Lena Hoffmann', limit: 200 },
};

/** An invite fixture in jsdom with its own page script running. */
async function invitePage(file) {
  const dom = new JSDOM(readFileSync(path.join(FIXTURES, file), 'utf8'), { url: FIXTURE_URLS[file], runScripts: 'outside-only', pretendToBeVisual: true });
  // The fixture's own script, as the browser runs it.
  dom.window.eval(readFileSync(path.join(FIXTURES, 'invite-dialog.js'), 'utf8'));
  if (dom.window.document.readyState === 'loading') await new Promise((r) => dom.window.document.addEventListener('DOMContentLoaded', r));
  await new Promise((r) => setTimeout(r, 0));
  return dom;
}

function pressConnect(win) {
  win.document.querySelector('[data-fixture-connect]').click();
}

test('nameFromLabel reads the invitee from Connect labels in every UI language we know, and nothing else', () => {
  assert.equal(nameFromLabel('Invite Jonas Weber to connect'), 'Jonas Weber');
  assert.equal(nameFromLabel('  Invite  Zoë  Ó Briain to connect '), 'Zoë Ó Briain');
  assert.equal(nameFromLabel('Lena Hoffmann als Kontakt einladen'), 'Lena Hoffmann');
  assert.equal(nameFromLabel('Invitar a Ana Ruiz a conectar'), 'Ana Ruiz');
  assert.equal(nameFromLabel('Inviter Claire Martin à se connecter'), 'Claire Martin');
  for (const no of ['Add a note', 'Send without a note', 'Invite to connect', 'Invite http://x.example/a to connect', '', null]) {
    assert.equal(nameFromLabel(no), null, String(no));
  }
  assert.equal(looksLikeName('Jonas Weber'), true);
  assert.equal(looksLikeName('Ana de la Cruz'), true);
  for (const no of ['0/300', 'Add a note', '5 invitations left', 'Why not?']) assert.equal(looksLikeName(no), false, no);
});

test('the invitee: the heading first, then a bold name, then the Connect label; a bold phrase is no name', () => {
  const dom = loadHtml(`<div role="dialog" id="a"><h2>Invite Ana Ruiz to connect</h2><p><strong>Jonas Weber</strong></p></div>
    <div role="dialog" id="b"><h2>Add a note?</h2><p><strong>Add a note</strong> to personalize it</p></div>
    <div id="menu"><div role="button" aria-label="Invite Lena Hoffmann to connect"><span><svg></svg><span id="inner">Connect</span></span></div></div>`,
  { url: 'https://www.linkedin.com/in/x/' });
  const doc = dom.window.document;
  assert.equal(readInvitee(doc.getElementById('a'), 'Invite Someone Else to connect'), 'Ana Ruiz');
  assert.equal(readInvitee(doc.getElementById('b')), null, '"Add a note" in bold is not a name');
  const label = connectLabelAt(doc.getElementById('inner'));
  assert.equal(label, 'Invite Lena Hoffmann to connect', 'a role=button of a "More" menu');
  assert.equal(readInvitee(doc.getElementById('b'), label), 'Lena Hoffmann');
  assert.equal(connectLabelAt(doc.querySelector('h2')), null);
});

for (const [file, want] of Object.entries(INVITE)) {
  test(`finds the note box, the invitee and LinkedIn's limit on ${file}`, async () => {
    const dom = await invitePage(file);
    const doc = dom.window.document;
    assert.deepEqual(findNoteBoxes(doc), [], 'no dialog before Connect');
    pressConnect(dom.window);
    const boxes = findNoteBoxes(doc);
    assert.equal(boxes.length, 1);
    const [{ textarea, dialog, variant }] = boxes;
    assert.equal(variant, want.variant);
    assert.equal(textarea.id, 'custom-message');
    if (want.variant === 'shadow') {
      assert.equal(doc.querySelector('textarea'), null, 'the shadow variant is out of a document query\'s reach');
      assert.equal(readInvitee(dialog), want.invitee, 'from the <strong> in the dialog');
    } else {
      assert.equal(readInvitee(dialog), null, 'the plain dialog does not name the invitee');
      const label = doc.querySelector('[data-fixture-connect]').getAttribute('aria-label');
      assert.equal(readInvitee(dialog, label), want.invitee, 'from the Connect control\'s label');
    }
    assert.equal(readLimit(textarea, dialog), want.limit);
    dom.window.close();
  });
}

test('a plain dialog counts only with the invite box\'s own id; outside a dialog nothing counts', () => {
  const dom = loadHtml(`<div role="dialog"><textarea name="message"></textarea></div>
    <textarea id="custom-message"></textarea>`, { url: 'https://www.linkedin.com/feed/' });
  assert.deepEqual(findNoteBoxes(dom.window.document), []);
  // In the outlet: a "message" box counts inside a dialog only.
  const outlet = dom.window.document.createElement('div');
  outlet.id = 'interop-outlet';
  dom.window.document.body.append(outlet);
  const root = outlet.attachShadow({ mode: 'open' });
  root.innerHTML = '<aside><textarea name="message"></textarea></aside><div role="dialog"><textarea name="message" id="m"></textarea></div>';
  assert.deepEqual(findNoteBoxes(dom.window.document).map((b) => [b.textarea.id, b.variant]), [['m', 'shadow']]);
});

test('the strip follows LinkedIn\'s theme class when it has one', () => {
  const dom = loadHtml('<div role="dialog"><textarea id="custom-message"></textarea></div>', { url: 'https://www.linkedin.com/in/x/' });
  const box = dom.window.document.querySelector('textarea');
  assert.equal(createStrip(box, { t, theme: 'dark' }).host.getAttribute('data-theme'), 'dark');
});

/** A stand-in extension API whose background is the real one, answering with the real core. */
function fakeApi(win, { coach = true } = {}) {
  const store = { settings: { enabled: true, strictness: 'balanced', coach } };
  const listeners = new Set();
  const sent = [];
  const judge = judgeWith(wasm());
  const dispatch = createDispatcher(
    createHandlers({
      loadSettings: async () => store.settings,
      classifyBatch: async (text, r, s) => judge.classifyBatch(text, r, s),
      reports: tabReports({}),
      coach: async (note, invitee) => wasm().coach(note, invitee ?? undefined),
    }),
    { extensionId: 'x', extensionBase: 'chrome-extension://x/' },
    (reason) => sent.push({ refused: reason }),
  );
  const area = { get: async () => ({ settings: store.settings }) };
  return {
    sent,
    store,
    api: {
      runtime: { id: 'x', sendMessage: (m) => (sent.push(m), dispatch(structuredClone(m), { id: 'x', url: win.location.href, tab: { id: 3 }, frameId: 0 })) },
      storage: { sync: area, local: area, onChanged: { addListener: (f) => listeners.add(f), removeListener: (f) => listeners.delete(f) } },
    },
    send: (m) => dispatch(structuredClone(m), { id: 'x', url: win.location.href, tab: { id: 3 }, frameId: 0 }).then((a) => (sent.push(m), a)),
  };
}

test('the background answers coach from a LinkedIn tab only, and not at all when switched off', async () => {
  const dom = loadHtml('<p>', { url: 'https://www.linkedin.com/in/x/' });
  const { send, store } = fakeApi(dom.window);
  const answer = await send(coachMessage("I'd like to add you to my professional network on LinkedIn.", 'Jonas Weber'));
  assert.equal(answer.enabled, true);
  assert.equal(answer.coaching.label, 'generic');
  assert.deepEqual(answer.coaching.warnings.map((w) => w.kind), ['stock']);
  assert.equal(answer.coaching.how_found.met, false);
  store.settings = { ...store.settings, coach: false };
  assert.deepEqual(await send(coachMessage('We met at PyCon Lisbon', null)), { enabled: false });
  assert.equal(MSG.COACH, 'coach');
});

test('coach is refused from anything but a LinkedIn tab\'s top-frame content script, and the note is not logged', async () => {
  const logged = [];
  const dispatch = createDispatcher(
    createHandlers({ loadSettings: async () => ({ coach: true }), classifyBatch: async () => [], reports: tabReports({}), coach: async (n, i) => wasm().coach(n, i ?? undefined) }),
    { extensionId: 'x', extensionBase: 'chrome-extension://x/' },
    (reason) => logged.push(reason),
  );
  const note = 'We met at PyCon Lisbon, secret draft';
  const senders = {
    popup: { id: 'x', url: 'chrome-extension://x/popup.html' },
    subframe: { id: 'x', url: 'https://www.linkedin.com/in/x/', tab: { id: 1 }, frameId: 3 },
    otherSite: { id: 'x', url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 },
    otherExtension: { id: 'y', url: 'https://www.linkedin.com/in/x/', tab: { id: 1 }, frameId: 0 },
  };
  for (const [name, sender] of Object.entries(senders)) {
    const answer = await dispatch(coachMessage(note, 'Jonas Weber'), sender);
    assert.match(answer.error, /^refused/, name);
    assert.equal(answer.coaching, undefined, name);
  }
  assert.equal(logged.length, 4);
  assert.ok(logged.every((line) => !line.includes('secret draft')), 'a refusal never logs the note');
  const ok = await dispatch(coachMessage(note, 'Jonas Weber'), { id: 'x', url: 'https://www.linkedin.com/in/x/', tab: { id: 1 }, frameId: 0 });
  assert.equal(ok.coaching.how_found.met, true);
});

test('the strip shows the verdict, the checklist, warnings and characters left, and marks the words on focus', () => {
  const dom = loadHtml('<div role="dialog"><textarea id="custom-message" maxlength="300"></textarea></div>', { url: 'https://www.linkedin.com/in/x/' });
  const doc = dom.window.document;
  const box = doc.querySelector('textarea');
  const note = 'Hi Maria, we met at PyCon Lisbon. How did you get the Kafka consumers to keep up?';
  box.value = note;
  const strip = createStrip(box, { t, invitee: 'Jonas Weber' });
  strip.chars(note.length, 300);
  strip.show(wasm().coach(note, 'Jonas Weber'), note);
  const shadow = shadowOf(strip.host);
  assert.equal(strip.host.shadowRoot, null, 'the strip\'s shadow root is closed');
  assert.equal(box.nextElementSibling, strip.host, 'right after the note box');
  const checks = [...shadow.querySelectorAll('li.nw-check')];
  assert.deepEqual(checks.map((li) => [li.dataset.key, li.dataset.met]), [['how_found', 'true'], ['why', 'true']]);
  assert.equal(checks[0].getAttribute('aria-label'), 'Says how you found them: yes');
  assert.ok(checks.every((li) => li.tabIndex === 0));
  const warning = shadow.querySelector('li.nw-warning[data-kind="wrong_name"]');
  assert.equal(warning.textContent, 'The greeting names Maria, but you are inviting Jonas Weber.');
  assert.equal(shadow.querySelector('.nw-chars').textContent, `${300 - note.length} characters left`);
  assert.equal(shadow.querySelector('.nw-verdict').getAttribute('aria-live'), 'polite');
  assert.match(shadow.querySelector('.nw-verdict').textContent, /Personalized$/);
  const preview = shadow.querySelector('.nw-preview');
  assert.equal(preview.hidden, true);
  checks[0].dispatchEvent(new dom.window.FocusEvent('focus'));
  assert.equal(preview.hidden, false);
  assert.ok([...preview.querySelectorAll('mark')].some((m) => m.textContent.includes('PyCon')));
  assert.equal(preview.textContent, note, 'the preview gives back the note unchanged');
  checks[0].dispatchEvent(new dom.window.FocusEvent('blur'));
  assert.equal(preview.hidden, true);
  strip.chars(310, 300);
  assert.equal(shadow.querySelector('.nw-chars').textContent, '10 characters over the limit');
  assert.equal(box.value, note, 'the strip never touches the note box');
  strip.remove();
  assert.equal(doc.querySelector(COACH_TAG), null);
});

test('page text enters the strip only as text', () => {
  const dom = loadHtml('<div role="dialog"><textarea id="custom-message"></textarea></div>', { url: 'https://www.linkedin.com/in/x/' });
  const box = dom.window.document.querySelector('textarea');
  const note = 'Hi <img src=x onerror="window.__pwned=1">, we met at PyCon Lisbon';
  const strip = createStrip(box, { t, invitee: '<b>Jonas</b>' });
  strip.show(wasm().coach(note, '<b>Jonas</b>'), note);
  const shadow = shadowOf(strip.host);
  shadow.querySelector('li.nw-check').dispatchEvent(new dom.window.FocusEvent('focus'));
  assert.equal(shadow.querySelectorAll('img, b').length, 0);
  assert.equal(dom.window.__pwned, undefined);
});

for (const file of ['invite-shadow.html', 'invite-plain-de.html']) {
  test(`the watcher on ${file}: a strip after Connect, judged after a pause in typing, gone with the dialog and when switched off`, async () => {
    const dom = await invitePage(file);
    const win = dom.window;
    const { api, sent } = fakeApi(win);
    const coach = startCoach({ win, api, send: (m) => api.runtime.sendMessage(m), t });
    await new Promise((r) => setTimeout(r, 20)); // settings loaded
    win.document.querySelector('[data-fixture-connect]').dispatchEvent(new win.MouseEvent('click', { bubbles: true, cancelable: true }));
    const state = () => {
      const [box] = findNoteBoxes(win.document);
      const host = box && box.textarea.nextElementSibling;
      const shadow = host && host.localName === COACH_TAG ? shadowOf(host) : null;
      return { box, shadow };
    };
    assert.ok(await waitFor(() => state().shadow && state().shadow.querySelector('.nw-verdict').dataset.label === 'blank'), 'strip for the empty box');
    const { box } = state();
    const note = "Hi Maria, I'd like to add you to my professional network on LinkedIn.";
    // Typing: several input events in quick succession, one judgement after the pause.
    const before = sent.filter((m) => m.type === MSG.COACH).length;
    for (let i = 10; i <= note.length; i += 10) {
      box.textarea.value = note.slice(0, i);
      box.textarea.dispatchEvent(new win.Event('input', { bubbles: true }));
    }
    box.textarea.value = note;
    box.textarea.dispatchEvent(new win.Event('input', { bubbles: true }));
    assert.ok(await waitFor(() => state().shadow.querySelector('.nw-verdict').dataset.label === 'generic'));
    const asked = sent.filter((m) => m.type === MSG.COACH).slice(before);
    assert.equal(asked.length, 1, 'one question after the pause, not one per keystroke');
    assert.equal(asked[0].invitee, INVITE[file].invitee);
    const kinds = [...state().shadow.querySelectorAll('li.nw-warning')].map((li) => li.dataset.kind);
    assert.deepEqual(kinds.sort(), ['stock', 'wrong_name']);
    assert.equal(box.textarea.value, note, 'the box holds what was typed');

    // Switched off: the strip goes; on again: it is back.
    coach.settingsChanged({ coach: false });
    assert.equal(state().shadow, null);
    coach.settingsChanged({ coach: true });
    assert.ok(await waitFor(() => state().shadow && state().shadow.querySelector('.nw-verdict').dataset.label === 'generic'));

    // A re-render that takes our strip out: it is drawn again.
    const first = state().shadow;
    box.textarea.nextElementSibling.remove();
    assert.ok(await waitFor(() => state().shadow && state().shadow !== first), 'the strip is back after a re-render removed it');

    // Send: the dialog goes, and the strip with it.
    box.dialog.querySelector('[data-fixture-send]').click();
    assert.equal(win.document.documentElement.dataset.sentNote, note);
    assert.ok(await waitFor(() => coach.sessions().size === 0), 'the session ended with the dialog');
    coach.stop();
    win.close();
  });
}
