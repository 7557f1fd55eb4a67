// The content script, badges and fixture scripts together in jsdom, with a
// stand-in for the browser API whose background is the real one
// (background/dispatch.js and handlers.js) answering with the real wasm core.
// (The same flows run in real Chromium and Firefox in tests/browser.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startContentScript } from '../../extension/content/content-script.js';
import { createDispatcher } from '../../extension/background/dispatch.js';
import { createHandlers } from '../../extension/background/handlers.js';
import { judgeWith } from '../../extension/background/judge.js';
import { tabReports } from '../../extension/background/tab-reports.js';
import { LABELS, MSG, STATUS } from '../../extension/protocol.js';
import { BAR_TAG, rowRootOf } from '../../extension/content/bulk-ui.js';
import { shadowOf as hostShadow } from '../../extension/shadow-host.js';
import { answerPopup } from '../../extension/content/bulk-messages.js';
import { EXTENSION, FIXTURE_URLS, loadFixture, loadHtml, wasm, waitFor } from './helpers.mjs';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const messagesOf = (lang) => JSON.parse(readFileSync(path.join(EXTENSION, '_locales', lang, 'messages.json'), 'utf8'));
const MESSAGES = messagesOf('en');
const EXTENSION_ID = 'test-extension';
const TAB_ID = 7;

// A stand-in `chrome` for one page: storage with onChanged, i18n from the
// English messages (or `messages` of `uiLanguage`), and runtime.sendMessage
// answered by the background's own dispatcher and handlers, as if sent by
// this tab's content script.
function fakeBrowser(win, { settings = { enabled: true, strictness: 'balanced' }, messages = MESSAGES, uiLanguage = 'en' } = {}) {
  const listeners = new Set();
  const store = { settings };
  const sent = [];
  const judge = judgeWith(wasm());
  const dispatch = createDispatcher(
    createHandlers({
      loadSettings: async () => store.settings,
      classifyBatch: async (text, recipient, strictness) => judge.classifyBatch(text, recipient, strictness),
      explain: async (text, recipient, strictness) => judge.explain(text, recipient, strictness),
      reports: tabReports({}),
    }),
    { extensionId: EXTENSION_ID, extensionBase: `chrome-extension://${EXTENSION_ID}/` },
    (reason) => sent.push({ refused: reason }),
  );
  const api = {
    runtime: {
      id: EXTENSION_ID,
      sendMessage(msg) {
        sent.push(msg);
        // Through a structured clone, as the browser does.
        return dispatch(structuredClone(msg), { id: EXTENSION_ID, url: win.location.href, tab: { id: TAB_ID }, frameId: 0 });
      },
    },
    storage: {
      onChanged: { addListener: (f) => listeners.add(f), removeListener: (f) => listeners.delete(f) },
    },
    i18n: {
      getMessage(key, subs) {
        const m = messages[key];
        if (!m) return '';
        return [].concat(subs || []).reduce((text, s, i) => text.split('$' + (i + 1)).join(s), m.message);
      },
      getUILanguage: () => uiLanguage,
    },
  };
  return {
    api,
    sent,
    /** The status of the content script's latest report (what the popup shows). */
    status() {
      const reports = sent.filter((m) => m.type === MSG.REPORT);
      return reports.length ? reports[reports.length - 1].status : null;
    },
    refused: () => sent.filter((m) => m.refused),
    setSettings(next) {
      store.settings = next;
      for (const f of listeners) f({ settings: { newValue: next } }, 'sync');
    },
  };
}

async function start(file, opts = {}) {
  return started(await loadFixture(file, { scripts: true, ...(opts.url ? { url: opts.url } : {}) }).ready, opts);
}

async function startHtml(html, url, opts = {}) {
  return started(await loadHtml(html, { url, scripts: true }).ready, opts);
}

function started(dom, opts) {
  const fake = fakeBrowser(dom.window, opts);
  // jsdom makes no trusted events: by default every click here counts as the
  // person's (opts.trusted === false: none does, as with a page script).
  const trusted = opts.trusted !== false;
  const content = startContentScript({ win: dom.window, api: fake.api, isTrusted: () => trusted });
  const doc = dom.window.document;
  return {
    dom,
    doc,
    fake,
    stop: () => {
      content.shutdown();
      dom.window.close();
    },
  };
}

/** Every card that declares an expected label carries exactly it, and one badge. */
function assertEveryCardAsDeclared(doc, what) {
  const wrappers = Array.from(doc.querySelectorAll('[data-expected]'));
  assert.ok(wrappers.length > 0, `${what}: no [data-expected] cards`);
  const wrong = [];
  for (const w of wrappers) {
    const want = w.getAttribute('data-expected');
    const labelled = [...(w.matches('[data-noteworthy]') ? [w] : []), ...w.querySelectorAll('[data-noteworthy]')];
    const got = labelled.map((e) => e.getAttribute('data-noteworthy'));
    const badges = w.querySelectorAll('noteworthy-badge').length;
    const ok = want === 'none' ? got.length === 0 && badges === 0 : got.length === 1 && got[0] === want && badges === 1;
    if (!ok) wrong.push(`${w.querySelector('strong, .invitation-card__title')?.textContent.trim()}: expected ${want}, got ${JSON.stringify(got)} with ${badges} badge(s)`);
  }
  assert.deepEqual(wrong, [], `${what}: cards not as the fixture declares`);
}

const badgeOf = (root) => root.querySelector('noteworthy-badge');
// Cards of era-b-received.html (all labelled there, none marked 'none').
const ERA_B_CARDS = 14;
// The badge's shadow root is closed: the page sees none; our own code (and
// these tests) reach it through badge.js's private map.
const shadowOf = (root) => hostShadow(badgeOf(root));

test('Era B page: every card carries exactly its declared label; status ok', async () => {
  const { doc, fake, stop } = await start('era-b-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS);
    await waitFor(() => fake.status() === STATUS.OK);
    for (const root of doc.querySelectorAll('[data-noteworthy]')) {
      assert.equal(root.getAttribute('role'), 'listitem');
      const host = badgeOf(root);
      assert.ok(host && hostShadow(host), 'a shadow root of ours');
      assert.equal(host.shadowRoot, null, 'closed: the page cannot reach it');
      const button = hostShadow(host).querySelector('button.nw-badge');
      assert.equal(button.getAttribute('aria-expanded'), 'false');
      assert.match(button.getAttribute('aria-label'), /^Noteworthy: .+ — show why$/);
    }
    assertEveryCardAsDeclared(doc, 'era-b-received.html');
    assert.deepEqual(fake.refused(), [], 'no message refused');
  } finally {
    stop();
  }
});

test('nothing is written on <html>: the status goes to the background only', async () => {
  const { doc, fake, stop } = await start('era-b-received.html');
  try {
    const before = Array.from(doc.documentElement.attributes).map((a) => a.name).sort();
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS && fake.status() === STATUS.OK);
    assert.deepEqual(Array.from(doc.documentElement.attributes).map((a) => a.name).sort(), before);
  } finally {
    stop();
  }
});

test('opening a badge explains it: note with marks, rules, suggested action', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000106"][data-noteworthy]'));
    const shadow = shadowOf(root);
    const button = shadow.querySelector('button.nw-badge');
    // No panel until the first opening (1000 badges, few opened).
    assert.equal(shadow.querySelector('.nw-panel'), null);
    assert.equal(button.getAttribute('aria-expanded'), 'false');
    button.click();
    const panel = shadow.querySelector('.nw-panel');
    assert.equal(button.getAttribute('aria-expanded'), 'true');
    assert.equal(button.getAttribute('aria-controls'), panel.id);
    assert.equal(panel.hidden, false);
    // The page's verdicts carry no evidence: the panel asks for this card's
    // and says so until it is here.
    assert.ok(shadow.querySelector('.nw-explaining'), 'the panel says the rules are being read');
    assert.equal(shadow.querySelectorAll('li.nw-rule').length, 0);
    await waitFor(() => shadow.querySelectorAll('li.nw-rule').length > 0);
    assert.equal(shadow.querySelector('.nw-explaining'), null);
    const note = shadow.querySelector('.nw-note');
    assert.ok(note.textContent.startsWith('Great meeting you at KubeCon Europe'));
    assert.ok(shadow.querySelectorAll('mark').length > 0);
    for (const m of shadow.querySelectorAll('mark')) assert.ok(note.textContent.includes(m.textContent));
    assert.ok(shadow.querySelectorAll('li.nw-rule').length > 0);
    assert.match(shadow.querySelector('.nw-action').textContent, /Suggested:/);
    assert.equal(shadow.querySelector('button.nw-ignore'), null, 'no Decline for a personal note');
    button.click();
    assert.equal(panel.hidden, true);
    button.click();
    shadow.querySelector('.nw-rule').dispatchEvent(new button.ownerDocument.defaultView.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    assert.equal(panel.hidden, true, 'Escape closes');
    assert.equal(button.getAttribute('aria-expanded'), 'false');
  } finally {
    stop();
  }
});

test('with a German UI the panel words each rule in German, and a rule without a message in the core’s English', async () => {
  const de = messagesOf('de');
  // The generic card's strongest rule loses its message, as a rule family
  // added after the messages would have none.
  const stock = wasm().classify({ note: "I'd like to add you to my professional network on LinkedIn." }, 'balanced').evidence[0];
  const messages = { ...de };
  delete messages['rule_' + stock.family];
  const { doc, stop } = await start('era-b-received.html', { messages, uiLanguage: 'de' });
  try {
    const generic = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000101"][data-noteworthy]'));
    const personal = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000106"][data-noteworthy]'));
    const germanRules = new Set(Object.keys(de).filter((k) => k.startsWith('rule_')).map((k) => de[k].message));
    let german = 0;
    for (const root of [generic, personal]) {
      const shadow = shadowOf(root);
      shadow.querySelector('button.nw-badge').click();
      assert.equal(shadow.querySelector('.nw-explaining').textContent, de.panelExplaining.message);
      await waitFor(() => shadow.querySelector('li.nw-rule'));
      assert.equal(shadow.querySelector('.nw-panel h3:nth-of-type(2)').textContent, de.panelRules.message);
      const note = shadow.querySelector('.nw-note').textContent;
      const verdict = wasm().classify({ note }, 'balanced');
      const byRule = new Map(verdict.evidence.map((e) => [e.rule, e]));
      const items = shadow.querySelectorAll('li.nw-rule');
      assert.ok(items.length > 0);
      for (const li of items) {
        const e = byRule.get(li.dataset.rule);
        assert.ok(e, `${li.dataset.rule} fired for this note`);
        const desc = li.querySelector('.nw-desc');
        const want = e.family === stock.family ? e.description : de['rule_' + e.family].message;
        assert.equal(desc.textContent, want, li.dataset.rule);
        assert.equal(desc.children.length, 0, 'text only');
        if (germanRules.has(desc.textContent)) german++;
      }
      // The marks' titles name the rules in the same words.
      for (const m of shadow.querySelectorAll('mark')) {
        for (const line of m.title.split('\n')) assert.ok(Array.from(items, (li) => li.querySelector('.nw-desc').textContent).includes(line), line);
      }
    }
    assert.ok(german >= 2, 'German descriptions shown');
    const fallback = shadowOf(generic).querySelector(`li.nw-rule[data-rule="${stock.rule}"] .nw-desc`);
    assert.equal(fallback.textContent, stock.description, 'no message: the core’s English description');
  } finally {
    stop();
  }
});

test('Decline clicks LinkedIn’s Ignore for that card only, and only when clicked', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000101"][data-noteworthy="generic"]'));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(doc.documentElement.dataset.ignored, undefined, 'nothing ignored by itself');
    const shadow = shadowOf(root);
    shadow.querySelector('button.nw-badge').click();
    const decline = shadow.querySelector('button.nw-ignore');
    assert.ok(decline, 'Decline offered for an ignore verdict');
    decline.click();
    assert.equal(doc.documentElement.dataset.ignored, '7311000000000000101');
    assert.equal(doc.documentElement.dataset.accepted, undefined);
    assert.equal(root.isConnected, false, 'LinkedIn replaced the card');
  } finally {
    stop();
  }
});

test('a hostile sender name stays text; page text never becomes markup', async () => {
  const { dom, doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000110"][data-noteworthy]'));
    shadowOf(root).querySelector('button.nw-badge').click();
    assert.equal(dom.window.__pwned, undefined);
    for (const host of doc.querySelectorAll('noteworthy-badge')) {
      hostShadow(host).querySelector('button.nw-badge').click();
      assert.equal(hostShadow(host).querySelectorAll('img, script, [onerror]').length, 0);
    }
    assert.equal(root.querySelector('strong').textContent, HOSTILE);
  } finally {
    stop();
  }
});

test('German UI: badges on every card, Decline finds "Ignorieren"', async () => {
  const { doc, stop } = await start('era-b-received-de.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === 5);
    const root = doc.querySelector('[componentkey="urn:li:invitation:7312000000000000205"]');
    assert.equal(root.dataset.noteworthy, 'generic');
    const shadow = shadowOf(root);
    shadow.querySelector('button.nw-badge').click();
    shadow.querySelector('button.nw-ignore').click();
    assert.equal(doc.documentElement.dataset.ignored, '7312000000000000205');
  } finally {
    stop();
  }
});

test('Era A page, and Load more: new cards are badged once each', async () => {
  const { doc, fake, stop } = await start('era-a-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('.invitation-card[data-noteworthy]').length === 8);
    doc.querySelector('[data-fixture-load-more]').click();
    await waitFor(() => doc.querySelectorAll('.invitation-card[data-noteworthy]').length === 18);
    await new Promise((r) => setTimeout(r, 200));
    assertEveryCardAsDeclared(doc, 'era-a-received.html after Load more');
    // The status is reported once a burst of changes settles (250 ms after
    // the last one), so wait for it rather than for a fixed time.
    assert.equal(await waitFor(() => fake.status() === STATUS.OK && fake.status()), STATUS.OK);
  } finally {
    stop();
  }
});

test('a strictness change re-labels cards in place, without reload', async () => {
  const { doc, fake, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector('[componentkey="urn:li:invitation:7311000000000000107"][data-noteworthy]'));
    const before = root.dataset.noteworthy;
    fake.setSettings({ enabled: true, strictness: 'strict' });
    const expectedStrict = wasm().classify_batch(
      [{ note: 'Priya Raman suggested I reach out — we both work on payments risk and she thought we should compare notes.', sender: { name: 'Tomás Herrera', headline: 'Payments Risk Lead at Calder Pay', mutual_connections: 'Priya Raman is a mutual connection' }, recipient: { name: 'Sam Lee' } }],
      'strict',
    )[0].label;
    await waitFor(() => shadowOf(root).querySelector('button.nw-badge').dataset.label === expectedStrict && root.dataset.noteworthy === expectedStrict);
    assert.equal(root.querySelectorAll('noteworthy-badge').length, 1);
    assert.ok(before);
  } finally {
    stop();
  }
});

test('switching off removes badges; switching on brings them back', async () => {
  const { doc, fake, stop } = await start('era-b-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS);
    fake.setSettings({ enabled: false, strictness: 'balanced' });
    await waitFor(() => doc.querySelectorAll('[data-noteworthy], noteworthy-badge').length === 0);
    fake.setSettings({ enabled: true, strictness: 'balanced' });
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS);
    assert.equal(doc.querySelectorAll('noteworthy-badge').length, ERA_B_CARDS);
  } finally {
    stop();
  }
});

test('SPA: feed -> invitations by pushState -> back; observers follow the route', async () => {
  const { doc, fake, stop } = await start('feed.html');
  try {
    await waitFor(() => fake.status() === STATUS.NOT_INVITATIONS);
    doc.getElementById('fixture-invitations-link').click();
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === 4);
    await waitFor(() => fake.status() === STATUS.OK);
    assertEveryCardAsDeclared(doc, 'invitations reached by pushState');
    doc.getElementById('fixture-feed-link').click();
    await waitFor(() => fake.status() === STATUS.NOT_INVITATIONS);
    assert.equal(doc.querySelectorAll('noteworthy-badge').length, 0);
  } finally {
    stop();
  }
});

test('unrecognised layout: no badges, status unrecognised after the page settles', async () => {
  const { doc, fake, stop } = await start('unrecognised.html');
  try {
    await waitFor(() => fake.status() === STATUS.UNRECOGNISED, { timeout: 10000 });
    assert.equal(doc.querySelectorAll('noteworthy-badge, [data-noteworthy]').length, 0);
  } finally {
    stop();
  }
});

test('extension context invalidated: the content script stops quietly', async () => {
  const { dom, doc, fake, stop } = await start('era-b-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS);
    fake.api.runtime.id = undefined; // what an extension reload leaves behind
    dom.window.__appendCards(5);
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(doc.querySelectorAll('[data-noteworthy]').length, 0, 'badges removed, nothing new badged');
    assert.equal(doc.querySelectorAll('noteworthy-badge').length, 0);
  } finally {
    stop();
  }
});

test('the content script reports per-page counts for the popup', async () => {
  const { doc, fake, stop } = await start('era-a-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === 8);
    const last = await waitFor(() => {
      const reports = fake.sent.filter((m) => m.type === MSG.REPORT && m.status === STATUS.OK);
      const r = reports[reports.length - 1];
      return r && LABELS.reduce((n, l) => n + r.counts[l], 0) === 8 ? r : null;
    });
    // The fixture's own declaration of each card's label, counted.
    const declared = Object.fromEntries(LABELS.map((l) => [l, doc.querySelectorAll(`[data-expected="${l}"]`).length]));
    assert.deepEqual(JSON.parse(JSON.stringify(last.counts)), declared);
  } finally {
    stop();
  }
});

const GENERIC_ID = '7311000000000000101';
const cardB = (doc, id) => doc.querySelector(`[componentkey="urn:li:invitation:${id}"]`);

test('Decline does nothing on a click that is not the person’s (a page script’s)', async () => {
  const { doc, stop } = await start('era-b-received.html', { trusted: false });
  try {
    const root = await waitFor(() => doc.querySelector(`[componentkey="urn:li:invitation:${GENERIC_ID}"][data-noteworthy="generic"]`));
    const shadow = shadowOf(root);
    shadow.querySelector('button.nw-badge').click();
    shadow.querySelector('button.nw-ignore').click();
    assert.equal(doc.documentElement.dataset.ignored, undefined, 'an untrusted click pressed Ignore');
    assert.ok(root.isConnected);
  } finally {
    stop();
  }
});

test('Decline on a card reused for another invitation presses nothing; the card is judged again', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector(`[componentkey="urn:li:invitation:${GENERIC_ID}"][data-noteworthy="generic"]`));
    const shadow = shadowOf(root);
    shadow.querySelector('button.nw-badge').click();
    const decline = shadow.querySelector('button.nw-ignore');
    // LinkedIn reuses the row for another person, and the click lands before
    // any observer has run (same task).
    root.setAttribute('componentkey', 'urn:li:invitation:7311000000000009999');
    for (const e of root.querySelectorAll('strong, [aria-hidden="true"] span')) e.textContent = 'Zed Other';
    const noteP = root.querySelector('a[href*="/messaging/compose/"]').parentElement.querySelector('p');
    noteP.textContent = 'Great meeting you at KubeCon Europe last week — your talk on eBPF tracing was the best of the day.';
    decline.click();
    assert.equal(doc.documentElement.dataset.ignored, undefined, 'Ignore pressed for someone the badge never judged');
    assert.match(shadow.querySelector('.nw-feedback').textContent, /another invitation/);
    await waitFor(() => root.dataset.noteworthy === 'personalized');
    assert.equal(root.querySelectorAll('noteworthy-badge').length, 1);
    // The same badge, its panel still open, redrawn for the new person; the
    // notice is still there to be read, and nothing is offered to press.
    assert.equal(badgeOf(root), shadow.host);
    assert.match(shadow.querySelector('.nw-note').textContent, /KubeCon/);
    assert.match(shadow.querySelector('.nw-feedback').textContent, /another invitation/);
    assert.equal(shadow.querySelector('button.nw-ignore'), null);
    assert.equal(doc.documentElement.dataset.ignored, undefined);
  } finally {
    stop();
  }
});

// --- Era C (2026) --------------------------------------------------------

const ERA_C_CARDS = 6; // person's invitations in era-c-received.html; the rest is marked 'none'
const eraCRow = (doc, id) => doc.querySelector(`[data-invitation-id="${id}"] > [role="listitem"]`);

for (const file of ['era-c-received.html', 'era-c-received-de.html']) {
  test(`Era C ${file}: every person's invitation labelled as declared; rail and non-person invitations untouched; counts`, async () => {
    const { doc, fake, stop } = await start(file);
    try {
      await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS);
      await new Promise((r) => setTimeout(r, 200));
      assertEveryCardAsDeclared(doc, file);
      const last = await waitFor(() => {
        const reports = fake.sent.filter((m) => m.type === MSG.REPORT && m.status === STATUS.OK);
        const r = reports[reports.length - 1];
        return r && LABELS.reduce((n, l) => n + r.counts[l], 0) === ERA_C_CARDS ? r : null;
      });
      const declared = Object.fromEntries(LABELS.map((l) => [l, doc.querySelectorAll(`[data-expected="${l}"]`).length]));
      assert.deepEqual(JSON.parse(JSON.stringify(last.counts)), declared);
    } finally {
      stop();
    }
  });
}

test('Era C "follows you" card: Decline presses its Ignore only; the replaced row keeps no badge', async () => {
  const { doc, fake, stop } = await start('era-c-received.html');
  try {
    const row = await waitFor(() => {
      const r = eraCRow(doc, 'c-jonas');
      return r && r.matches('[data-noteworthy="blank"]') && r;
    });
    const shadow = shadowOf(row);
    shadow.querySelector('button.nw-badge').click();
    const decline = shadow.querySelector('button.nw-ignore');
    assert.ok(decline, 'Decline offered');
    decline.click();
    assert.equal(doc.documentElement.dataset.ignored, 'c-jonas');
    assert.equal(doc.documentElement.dataset.accepted, undefined);
    // LinkedIn turns the row itself into an undo row: no badge may stay on it.
    assert.equal(row.isConnected, true);
    await waitFor(() => !row.querySelector('noteworthy-badge') && !row.hasAttribute('data-noteworthy'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(row.querySelector('noteworthy-badge'), null, 'badge came back on the replaced row');
    await waitFor(() => {
      const reports = fake.sent.filter((m) => m.type === MSG.REPORT && m.status === STATUS.OK);
      const r = reports[reports.length - 1];
      return r && LABELS.reduce((n, l) => n + r.counts[l], 0) === ERA_C_CARDS - 1;
    });
    assert.equal(doc.querySelectorAll('[data-noteworthy]').length, ERA_C_CARDS - 1);
  } finally {
    stop();
  }
});

test('a card whose content changes in place is read again and re-badged', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector(`[componentkey="urn:li:invitation:${GENERIC_ID}"][data-noteworthy="generic"]`));
    const noteP = root.querySelector('a[href*="/messaging/compose/"]').parentElement.querySelector('p');
    noteP.firstChild.data = 'Great meeting you at KubeCon Europe last week — your talk on eBPF tracing was the best of the day.';
    await waitFor(() => root.dataset.noteworthy === 'personalized');
    assert.equal(root.querySelectorAll('noteworthy-badge').length, 1);
    assert.equal(shadowOf(root).querySelector('button.nw-badge').dataset.label, 'personalized');
  } finally {
    stop();
  }
});

test('Era C: Accept turns the row into "is now a connection" (no badge); Load more badges new cards, none on the rail', async () => {
  const { dom, doc, stop } = await start('era-c-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS);
    const row = eraCRow(doc, 'c-tomas');
    row.querySelectorAll('button')[1].click(); // the page's own Accept, as the person would
    await waitFor(() => row.textContent.includes('is now a connection') && !row.querySelector('noteworthy-badge'));
    dom.window.__appendCards(10);
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS - 1 + 10);
    await new Promise((r) => setTimeout(r, 200));
    assertEveryCardAsDeclared(doc, 'era-c after Accept and Load more');
  } finally {
    stop();
  }
});

test('a button in Ignore’s place that does not say Ignore ("Follow") is never pressed; the panel says why', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector(`[componentkey="urn:li:invitation:${GENERIC_ID}"][data-noteworthy="generic"]`));
    const ignore = root.querySelector('button[aria-label^="Ignore"]');
    ignore.setAttribute('aria-label', 'Follow Ana Ruiz');
    ignore.textContent = 'Follow';
    const shadow = shadowOf(root);
    shadow.querySelector('button.nw-badge').click();
    assert.equal(shadow.querySelector('button.nw-ignore'), null, 'Decline offered over a Follow button');
    assert.match(shadow.querySelector('.nw-no-decline').textContent, /could not recognise/);
  } finally {
    stop();
  }
});

// --- the layout report -----------------------------------------------------

// Every text, label, alt and link slug of the page: none may be in a report.
function pageWords(doc) {
  const words = new Set();
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const part of n.nodeValue.split(/\s{2,}|\n/)) if (part.trim().length >= 4) words.add(part.trim());
  }
  for (const el of doc.querySelectorAll('[aria-label], [alt], [href]')) {
    for (const a of ['aria-label', 'alt']) if ((el.getAttribute(a) || '').length >= 4) words.add(el.getAttribute(a));
    const href = el.getAttribute('href');
    if (href) for (const seg of new URL(href, 'https://www.linkedin.com/').pathname.split('/')) if (seg.length >= 4 && !/^[a-z]+(-[a-z]+)?$/.test(seg)) words.add(seg);
  }
  return words;
}

const lastReport = (fake) => fake.sent.filter((m) => m.type === MSG.REPORT).pop();

test('layout report: made on an unrecognised page, holds none of its text, says what the reader found', async () => {
  const { doc, fake, stop } = await start('unrecognised.html');
  try {
    await waitFor(() => fake.status() === STATUS.UNRECOGNISED && lastReport(fake).layout, { timeout: 10000 });
    const layout = lastReport(fake).layout;
    assert.match(layout, /status=unrecognised/);
    assert.match(layout, /invitation-screen=yes lists=0 cards=0/);
    assert.match(layout, /href="\/in\/\*\/"/);
    const words = pageWords(doc);
    assert.ok(words.has('Ana Ruiz') && words.has('someone-0'), 'the check sees the page text');
    for (const w of words) assert.ok(!layout.includes(w), `report holds page text: ${w}`);
  } finally {
    stop();
  }
});

test('a batch the background does not answer is asked again until it is; meanwhile it counts as not judged', async () => {
  const dom = await loadFixture('era-b-received.html', { scripts: true }).ready;
  const fake = fakeBrowser(dom.window);
  const real = fake.api.runtime.sendMessage;
  let down = true; // the service worker is stopped: no answer
  fake.api.runtime.sendMessage = (msg) => (down && msg.type === MSG.CLASSIFY ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')) : real(msg));
  const content = startContentScript({ win: dom.window, api: fake.api });
  const doc = dom.window.document;
  try {
    const pending = await waitFor(() => fake.sent.find((m) => m.type === MSG.REPORT && m.pending === ERA_B_CARDS), { timeout: 8000 });
    assert.ok(pending, 'the popup is told the cards are not judged yet');
    assert.equal(doc.querySelectorAll('[data-noteworthy]').length, 0);
    down = false;
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS, { timeout: 8000 });
    assertEveryCardAsDeclared(doc, 'after the background came back');
    await waitFor(() => { const r = fake.sent.filter((m) => m.type === MSG.REPORT).pop(); return r && r.pending === 0; });
  } finally {
    content.shutdown();
    dom.window.close();
  }
});

test('a card whose key stops being an invitation’s loses its badge and label', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    const root = await waitFor(() => doc.querySelector(`[componentkey="urn:li:invitation:${GENERIC_ID}"][data-noteworthy="generic"]`));
    // The row is no longer an invitation: its key changes and its Ignore and
    // Accept go (a row that still offers them is read by its structure, as
    // on the 2026 page, whatever its key says).
    root.setAttribute('componentkey', 'invitation-done-' + GENERIC_ID);
    for (const action of root.querySelectorAll('[data-view-name="invitation-action"]')) action.remove();
    await waitFor(() => !root.hasAttribute('data-noteworthy') && root.querySelectorAll('noteworthy-badge').length === 0);
  } finally {
    stop();
  }
});

test('layout report: a readable Era C page has none; a row that looks like an invitation but does not read gets one', async () => {
  const ok = await start('era-c-received.html');
  try {
    await waitFor(() => ok.doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(lastReport(ok.fake).layout, undefined, 'no report for a page read in full');
  } finally {
    ok.stop();
  }
  const dom = loadFixture('era-c-received.html');
  // A build that renders one card's controls differently: its Ignore is gone.
  const broken = dom.window.document.querySelector('[data-invitation-id="c-aiko"] button[aria-label^="Ignore"]');
  broken.remove();
  const html = dom.serialize();
  dom.window.close();
  const { doc, fake, stop } = await startHtml(html, FIXTURE_URLS['era-c-received.html']);
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS - 1);
    const report = await waitFor(() => {
      const r = lastReport(fake);
      return r && r.status === STATUS.OK && r.layout ? r : null;
    });
    assert.match(report.layout, /rows-not-read=1/);
    assert.match(report.layout, /<- row-not-read/);
    assert.match(report.layout, /<- not-a-person-invitation/);
    for (const w of pageWords(doc)) assert.ok(!report.layout.includes(w), `report holds page text: ${w}`);
  } finally {
    stop();
  }
});

test('Era C: a row LinkedIn fills with another invitation is read again: its badge follows the new note', async () => {
  const { doc, stop } = await start('era-c-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_C_CARDS);
    const blankRow = eraCRow(doc, 'c-tomas');
    const personal = eraCRow(doc, 'c-aiko');
    assert.equal(blankRow.dataset.noteworthy, 'blank');
    // The same listitem element, now holding another person's invitation.
    const copy = personal.cloneNode(true);
    copy.querySelector('noteworthy-badge')?.remove();
    blankRow.replaceChildren(...Array.from(copy.childNodes));
    for (const a of blankRow.querySelectorAll('a[href*="/in/aiko-tanaka/"]')) a.setAttribute('href', 'https://www.linkedin.com/in/recycled-row/');
    await waitFor(() => blankRow.dataset.noteworthy === 'personalized' && blankRow.querySelectorAll('noteworthy-badge').length === 1);
    assert.equal(doc.querySelectorAll('[data-noteworthy]').length, ERA_C_CARDS);
  } finally {
    stop();
  }
});

// --- Bulk decline (issue 10): the bar, the review and the batch in jsdom ---

test('bulk decline: the bar offers the cards suggested ignore; Confirm presses the checked ones in order; a card renamed meanwhile is skipped', async () => {
  const { doc, stop } = await start('era-b-received.html');
  try {
    await waitFor(() => doc.querySelectorAll('[data-noteworthy]').length === ERA_B_CARDS);
    const host = await waitFor(() => doc.querySelector(BAR_TAG));
    const bar = hostShadow(host);
    const offer = await waitFor(() => bar.querySelector('button.nw-bulk-open'));
    // The bar sits just above the list, outside it.
    assert.equal(host.nextElementSibling, doc.querySelector('[data-testid="lazy-column"]'));
    const n = Number(offer.textContent.match(/\d+/)[0]);
    offer.click();
    const rows = Array.from(bar.querySelectorAll('li.nw-bulk-row'));
    assert.equal(rows.length, n);
    const ids = rows.map((li) => rowRootOf(li).getAttribute('componentkey').slice('urn:li:invitation:'.length));
    for (const id of ids) {
      const root = doc.querySelector(`[componentkey="urn:li:invitation:${id}"]`);
      assert.notEqual(root.dataset.noteworthy, 'personalized', `${id} offered though personalized`);
    }
    assert.ok(n >= 3, `only ${n} offered`);
    // Keep the first one out; rename the second's sender before the press.
    rows[0].querySelector('input').click();
    bar.querySelector('button.nw-bulk-confirm').click();
    assert.ok(bar.querySelector('button.nw-bulk-cancel'), 'countdown with Cancel');
    assert.equal(doc.documentElement.dataset.ignored, undefined, 'pressed before the countdown ended');
    doc.querySelector(`[componentkey="urn:li:invitation:${ids[1]}"] a[href*="/in/"] strong`).textContent = 'Someone Else';
    await waitFor(() => bar.querySelector('button.nw-bulk-dismiss'), { timeout: 30000 });
    assert.deepEqual(doc.documentElement.dataset.ignored.split(' '), ids.slice(2));
    assert.equal(doc.documentElement.dataset.accepted, undefined);
    assert.match(bar.querySelector('.text').textContent, new RegExp(`^${n - 2} declined, 1 skipped \\([^)]+: the card changed\\)$`));
  } finally {
    stop();
  }
});

test('bulk decline: an untrusted Confirm (a page script) starts nothing', async () => {
  const { doc, stop } = await start('era-b-received.html', { trusted: false });
  try {
    const host = await waitFor(() => doc.querySelector(BAR_TAG));
    const bar = hostShadow(host);
    const offer = await waitFor(() => bar.querySelector('button.nw-bulk-open'));
    offer.click();
    assert.equal(bar.querySelectorAll('li.nw-bulk-row').length, 0, 'an untrusted click opened the review');
  } finally {
    stop();
  }
});

test('bulk decline: the popup messages are answered only for a page of this extension', async () => {
  const api = { runtime: { id: 'ext', getURL: (p) => 'chrome-extension://ext/' + p } };
  const visit = { bulkState: () => ({ available: true, count: 3, running: false }), bulkOpen: () => true };
  const popup = { id: 'ext', url: 'chrome-extension://ext/popup.html?tab=7' };
  assert.deepEqual(answerPopup({ type: MSG.BULK_STATE }, popup, api, () => visit), { available: true, count: 3, running: false });
  assert.deepEqual(answerPopup({ type: MSG.BULK_OPEN }, popup, api, () => visit), { opened: true });
  for (const sender of [{ id: 'other', url: 'chrome-extension://other/popup.html' }, { id: 'ext', url: 'https://www.linkedin.com/feed/', tab: { id: 1 } }, null]) {
    assert.ok(answerPopup({ type: MSG.BULK_OPEN }, sender, api, () => visit).error, JSON.stringify(sender));
  }
  assert.equal(answerPopup({ type: MSG.CLASSIFY }, popup, api, () => visit), undefined, 'not ours to answer');
});
