// End-to-end: the built extension (dist/firefox) in Debian's Firefox ESR,
// headless, driven through geckodriver; fixture pages served on 127.0.0.1:443
// as https://www.linkedin.com with LinkedIn-like CSP.
// Run: node --test tests/browser/firefox.test.mjs   (after ./build.sh; as root for port 443)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startFixtureServer } from './server.mjs';
import { startFirefox, startGeckodriver } from './firefox-harness.mjs';
import {
  HOSTILE_NOTE_FIXTURE_ID, HOSTILE_NOTE_MARKUP, allCardsLabelled, appendHostileNoteCard, badgeExpanded, badgeState, injectionTraces, labelOf, labelsMatch, readCards, readNotes,
} from './probes.mjs';
import { expectedLabels } from './oracle.mjs';
import {
  FIXTURES, WAIT, assertCardsMatch, assertNoCsp, countLabels, extensionIds, outPath, pickCard,
  sleep, spaScenario,
} from './e2e-common.mjs';

const ids = extensionIds();
let server;
let gecko;
let ff; // { session, addonId }
let mainHandle;

before(async () => {
  try {
    server = await startFixtureServer({ port: 443 });
  } catch (e) {
    throw new Error(`fixture server needs 127.0.0.1:443 for Firefox (network.dns.forceResolve keeps the port): ${e.message}`);
  }
  gecko = await startGeckodriver({ logFile: outPath('geckodriver.log') });
  ff = await startFirefox({ geckodriver: gecko, geckoId: ids.geckoId, uuid: ids.firefoxUuid });
  mainHandle = await ff.session.windowHandle();
});

after(async () => {
  await ff?.session.delete();
  await gecko?.stop();
  await server?.close();
});

/** Poll `fn(arg)` in the current page until truthy; false on timeout. */
async function waitIn(session, fn, arg, timeout = WAIT) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      if (await session.execute(fn, arg)) return true;
    } catch { /* page in transition */ }
    if (Date.now() > end) return false;
    await sleep(150);
  }
}

async function open(fixture, session = ff.session) {
  server.clearCspReports();
  await session.navigate(server.url(fixture.path));
}

async function settleCsp(session) {
  await session.executeAsync(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 250))));
  await sleep(250);
}

async function shot(session, name) {
  writeFileSync(outPath(name), await session.screenshot());
}

/** The badge button (inside the open shadow root) of card `id`, as a WebDriver element. */
function badgePart(session, id, part) {
  return session.execute((i, p) => {
    const c = document.querySelector(`[componentkey="urn:li:invitation:${i}"]`) || document.querySelector(`[data-invitation-id="${i}"]`);
    return c?.querySelector('noteworthy-badge')?.shadowRoot?.querySelector(p) ?? null;
  }, id, part);
}

test('temporary add-on installed with the fixed gecko id', async () => {
  assert.equal(ff.addonId, ids.geckoId);
});

for (const key of ['eraA', 'eraB', 'eraBde', 'preview']) {
  const fixture = FIXTURES[key];
  test(`labels every card on ${fixture.name} (balanced), no CSP violation`, async () => {
    const s = ff.session;
    await open(fixture);
    await waitIn(s, allCardsLabelled);
    await waitIn(s, () => !!document.documentElement.dataset.noteworthyStatus);
    await settleCsp(s);
    const state = await s.execute(readCards);
    await shot(s, `firefox-${fixture.name}.png`);
    assert.equal(state.status, 'ok', 'documentElement.dataset.noteworthyStatus');
    assertCardsMatch(state, { what: `firefox ${fixture.name}` });
    assertNoCsp(state, server, `firefox ${fixture.name}`);
  });
}

test('unrecognised layout: no badges, status "unrecognised"', async () => {
  const s = ff.session;
  await open(FIXTURES.unrecognised);
  await waitIn(s, () => !!document.documentElement.dataset.noteworthyStatus);
  await settleCsp(s);
  const state = await s.execute(readCards);
  assert.equal(state.status, 'unrecognised');
  assert.equal(state.totalBadges, 0);
  assert.equal(state.totalLabels, 0);
  assertNoCsp(state, server, 'firefox unrecognised');
});

test('hostile sender name stays text (no <img> injected, no script ran)', async () => {
  const s = ff.session;
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    await open(fixture);
    await waitIn(s, allCardsLabelled);
    const id = await s.execute(() => {
      const w = document.querySelector('a[href*="/in/hostile-sender/"]')?.closest('[data-expected]');
      const k = w?.querySelector('[componentkey^="urn:li:invitation:"]');
      return k ? k.getAttribute('componentkey').slice(18) : w?.getAttribute('data-invitation-id');
    });
    assert.ok(id, `${fixture.name}: hostile card not found`);
    const button = await badgePart(s, id, 'button.nw-badge');
    assert.ok(button, `${fixture.name}: hostile card has no badge button`);
    await button.click();
    await waitIn(s, badgeExpanded, [id, 'true']);
    await settleCsp(s);
    const traces = await s.execute(injectionTraces);
    const state = await s.execute(readCards);
    assert.deepEqual(traces.found, [], `${fixture.name}: injected img elements`);
    assert.equal(traces.pwned, false, `${fixture.name}: window.__pwned was set`);
    assert.equal(server.requests.filter((r) => r.url === '/x').length, 0, `${fixture.name}: page requested /x`);
    assertNoCsp(state, server, `firefox ${fixture.name} hostile`);
  }
});

test('fixture note holding markup: labelled generic, shown as text, no element made from it', async () => {
  const s = ff.session;
  await open(FIXTURES.eraB);
  await waitIn(s, allCardsLabelled);
  const id = HOSTILE_NOTE_FIXTURE_ID;
  assert.equal(await s.execute(labelOf, id), 'generic');
  await (await badgePart(s, id, 'button.nw-badge')).click();
  await waitIn(s, badgeExpanded, [id, 'true']);
  const b = await s.execute(badgeState, id);
  await settleCsp(s);
  const traces = await s.execute(injectionTraces);
  assert.deepEqual(traces.found, [], 'elements made from the note');
  assert.equal(traces.pwned, false, 'window.__pwned was set');
  assert.ok(b.panelVisible, 'panel visible');
  for (const m of HOSTILE_NOTE_MARKUP) assert.ok(b.panelText.includes(m), `${m} shown as text in the panel: ${b.panelText}`);
  assert.equal(server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
  assertNoCsp(await s.execute(readCards), server, 'firefox fixture hostile note');
});

test('hostile note text stays text in the panel, highlights included', async () => {
  const s = ff.session;
  await open(FIXTURES.eraB);
  await waitIn(s, allCardsLabelled);
  const id = '7398000000000000001';
  assert.equal(await s.execute(appendHostileNoteCard, id), id, 'could not append the hostile card');
  await waitIn(s, (i) => {
    const c = document.querySelector(`[componentkey="urn:li:invitation:${i}"]`);
    return !!c && !!c.querySelector('noteworthy-badge');
  }, id);
  assert.ok(await s.execute(labelOf, id), 'hostile-note card was not labelled');
  const button = await badgePart(s, id, 'button.nw-badge');
  assert.ok(button, 'hostile-note card has no badge button');
  await button.click();
  await waitIn(s, badgeExpanded, [id, 'true']);
  const b = await s.execute(badgeState, id);
  assert.equal(b.adoptedSheets + b.styleElements, 1, `badge styled once: ${JSON.stringify(b)}`);
  console.log(`# firefox badge styling: ${b.adoptedSheets ? 'shared adopted sheet' : '<style> fallback'}`);
  await settleCsp(s);
  const traces = await s.execute(injectionTraces);
  assert.deepEqual(traces.found, [], 'injected img elements');
  assert.equal(traces.pwned, false, 'window.__pwned was set');
  assert.ok(b.marks.length >= 1, `panel highlights part of the note: ${JSON.stringify(b.marks)}`);
  assert.ok(b.panelText.includes('<img src=x onerror="window.__pwned=1">'), `payload shown as text: ${b.panelText}`);
  assertNoCsp(await s.execute(readCards), server, 'firefox hostile note');
});

test('Ignore in the panel presses LinkedIn\'s Ignore of that card only', async () => {
  const s = ff.session;
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    await open(fixture);
    await waitIn(s, allCardsLabelled);
    let state = await s.execute(readCards);
    assert.equal(state.ignored, '', `${fixture.name}: something was ignored before any click`);
    const id = pickCard(state, 'generic');
    await (await badgePart(s, id, 'button.nw-badge')).click();
    await waitIn(s, badgeExpanded, [id, 'true']);
    const ignore = await badgePart(s, id, 'button.nw-ignore');
    assert.ok(ignore, `${fixture.name}: panel has no button.nw-ignore`);
    state = await s.execute(readCards);
    assert.equal(state.ignored, '', `${fixture.name}: opening the panel ignored something`);
    await shot(s, `firefox-${fixture.name}-panel.png`);
    await ignore.click();
    await waitIn(s, () => !!document.documentElement.dataset.ignored);
    state = await s.execute(readCards);
    assert.equal(state.ignored, id, `${fixture.name}: dataset.ignored`);
    assert.equal(state.accepted, '', `${fixture.name}: nothing accepted`);
    assertNoCsp(state, server, `firefox ${fixture.name} ignore`);
  }
});

test('Load more: new cards get badged', async () => {
  const s = ff.session;
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    await open(fixture);
    await waitIn(s, allCardsLabelled);
    const before = (await s.execute(readCards)).cards.length;
    await (await s.find('[data-fixture-load-more]')).click();
    await waitIn(s, (n) => document.querySelectorAll('[data-expected]').length >= n + 10, before);
    await waitIn(s, allCardsLabelled);
    const state = await s.execute(readCards);
    assert.equal(state.cards.length, before + 10, `${fixture.name}: load more added 10 cards`);
    assertCardsMatch(state, { what: `firefox ${fixture.name} after Load more` });
    assertNoCsp(state, server, `firefox ${fixture.name} load more`);
  }
});

test('single-page navigation feed -> invitations -> feed -> back', async () => {
  const s = ff.session;
  await open(FIXTURES.feed);
  await spaScenario({
    run: (fn) => s.execute(fn),
    wait: (fn) => waitIn(s, fn),
    click: async (selector) => (await s.find(selector)).click(),
    back: () => s.back(),
    settleCsp: () => settleCsp(s),
    server,
  }, 'firefox ');
});

/** Open popup.html as a tab from the chrome context; returns its window handle. */
async function openPopupTab(s, query) {
  const before = await s.windowHandles();
  await s.setContext('chrome');
  try {
    await s.execute((url) => {
      const tab = gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      gBrowser.selectedTab = tab;
      return true;
    }, `moz-extension://${ids.firefoxUuid}/popup.html${query}`);
  } finally {
    await s.setContext('content');
  }
  let handle;
  const end = Date.now() + WAIT;
  while (!handle && Date.now() < end) {
    handle = (await s.windowHandles()).find((h) => !before.includes(h));
    if (!handle) await sleep(100);
  }
  assert.ok(handle, 'popup tab did not open');
  await s.switchToWindow(handle);
  return handle;
}

/** The WebExtension tab id of the selected tab, read in the chrome context. */
async function selectedTabId(s) {
  await s.setContext('chrome');
  try {
    return await s.execute(() => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      return ExtensionParent.apiManager.global.tabTracker.getId(gBrowser.selectedTab);
    });
  } finally {
    await s.setContext('content');
  }
}

test('popup (opened as a tab): strictness relabels the open page without reload', async () => {
  const s = ff.session;
  await s.switchToWindow(mainHandle);
  await open(FIXTURES.eraB);
  await waitIn(s, allCardsLabelled);
  await s.execute(() => { document.documentElement.dataset.e2eNoReload = '1'; });
  const notes = await s.execute(readNotes);
  const oracle = Object.fromEntries(['lenient', 'balanced', 'strict'].map((l) => [l, expectedLabels(notes, l)]));
  const differs = ['lenient', 'strict'].some((l) => Object.keys(oracle.balanced).some((k) => oracle[l][k] !== oracle.balanced[k]));
  assert.ok(differs, 'fixture era-b has no card whose label differs between levels: the relabel check would be vacuous');
  const counts = countLabels(await s.execute(readCards));

  const tabId = await selectedTabId(s);
  assert.equal(typeof tabId, 'number', `tab id of the fixture tab: ${tabId}`);
  const popupHandle = await openPopupTab(s, `?tab=${tabId}`);
  const radio = (level) => s.find(`input[name="strictness"][value="${level}"]`);
  try {
    // Settings load asynchronously: wait until the popup shows one.
    await waitIn(s, () => !!document.querySelector('input[name="strictness"]:checked'));
    assert.equal(await (await radio('balanced')).property('checked'), true, 'balanced is the default');
    await waitIn(s, (c) => ['blank', 'generic', 'personalized'].every((k) =>
      (document.querySelector(`#count-${k}`)?.textContent || '').match(/\d+/)?.[0] === String(c[k])), counts);
    for (const k of ['blank', 'generic', 'personalized']) {
      const text = await s.execute((kk) => document.querySelector(`#count-${kk}`)?.textContent ?? null, k);
      assert.equal(text?.match(/\d+/)?.[0], String(counts[k]), `popup #count-${k} = "${text}", page has ${counts[k]}`);
    }
    await shot(s, 'firefox-popup.png');

    for (const level of ['strict', 'lenient', 'balanced']) {
      await s.switchToWindow(popupHandle);
      await (await radio(level)).click();
      await s.switchToWindow(mainHandle);
      await waitIn(s, labelsMatch, oracle[level]);
      const state = await s.execute(readCards);
      const got = Object.fromEntries(state.cards.filter((c) => c.expected !== 'none').map((c) => [c.id, c.labels.join(',')]));
      assert.deepEqual(got, oracle[level], `labels at ${level} (the CLI's verdicts)`);
    }
    assert.equal(await s.execute(() => document.documentElement.dataset.e2eNoReload), '1', 'the page was not reloaded');
    await settleCsp(s);
    assertNoCsp(await s.execute(readCards), server, 'firefox popup');
  } finally {
    await s.switchToWindow(popupHandle).catch(() => {});
    await s.execute(() => { const r = document.querySelector('input[name="strictness"][value="balanced"]'); if (r && !r.checked) r.click(); }).catch(() => {});
    await s.closeWindow().catch(() => {});
    await s.switchToWindow(mainHandle);
  }
});

test('host permission withheld (grantByDefault=false): content script does not run, page unharmed', async () => {
  // A second, separate Firefox with the pref off.
  await ff.session.delete();
  ff = await startFirefox({ geckodriver: gecko, geckoId: ids.geckoId, uuid: ids.firefoxUuid, grantByDefault: false });
  mainHandle = await ff.session.windowHandle();
  const s = ff.session;
  await open(FIXTURES.eraB);
  await waitIn(s, () => document.readyState === 'complete');
  // Nothing should appear: give the extension ample time to (wrongly) act.
  const acted = await waitIn(s, () => !!document.querySelector('[data-noteworthy], noteworthy-badge') ||
    !!document.documentElement.dataset.noteworthyStatus, null, 5000);
  const before = await s.execute(readCards);
  assert.equal(acted, false, `extension acted without host permission: ${JSON.stringify({ status: before.status, badges: before.totalBadges })}`);
  assert.equal(before.totalBadges, 0);
  assert.equal(before.totalLabels, 0);
  // The page's own behaviour still works: Load more and LinkedIn's Ignore.
  await (await s.find('[data-fixture-load-more]')).click();
  await waitIn(s, (n) => document.querySelectorAll('[data-expected]').length === n + 10, before.cards.length);
  const first = before.cards[0].id;
  const ignoreButton = await s.execute((i) => document.querySelector(`[componentkey="urn:li:invitation:${i}"] button[aria-label]`), first);
  await ignoreButton.click();
  await waitIn(s, () => !!document.documentElement.dataset.ignored);
  await settleCsp(s);
  const state = await s.execute(readCards);
  assert.equal(state.cards.length, before.cards.length + 10, 'load more added 10 cards');
  assert.equal(state.ignored, first, 'the page\'s own Ignore still works');
  assert.equal(state.totalBadges, 0, 'still no badges');
  assertNoCsp(state, server, 'firefox without permission');
  await shot(s, 'firefox-no-permission.png');
});
