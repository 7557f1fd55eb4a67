// End-to-end: the built extension (dist/chrome) in Debian's Chromium, on the
// fixture pages served as https://www.linkedin.com with LinkedIn-like CSP.
// Run: node --test tests/browser/chromium.test.mjs   (after ./build.sh)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from './server.mjs';
import { launchChromium, openPopupFor } from './chromium-harness.mjs';
import {
  HOSTILE_NOTE_FIXTURE_ID, HOSTILE_NOTE_MARKUP, allCardsLabelled, appendHostileNoteCard, badgeExpanded, badgeState, injectionTraces, labelOf, labelsById, labelsMatch, readCards, readNotes,
} from './probes.mjs';
import { expectedLabels } from './oracle.mjs';
import {
  FIXTURES, WAIT, assertCardsMatch, assertNoCsp, cardSelector, countLabels, extensionIds,
  outPath, pickCard, publishScreenshots, sleep, spaScenario,
} from './e2e-common.mjs';

let server;
let browser;
const ids = extensionIds();

before(async () => {
  server = await startFixtureServer({ port: 0 });
  browser = await launchChromium({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Wait for a condition in the page; false on timeout (the caller then asserts real state). */
async function waitIn(page, fn, arg, timeout = WAIT) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
    return true;
  } catch {
    return false;
  }
}

async function openFixture(fixture, { page } = {}) {
  server.clearCspReports();
  page ??= await browser.context.newPage();
  await page.goto(server.url(fixture.path), { waitUntil: 'load' });
  return page;
}

async function settleCsp(page) {
  // Reports are POSTed asynchronously: give any in-flight report a moment
  // to land before asserting there was none.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 250))));
  await sleep(250);
}

test('extension loads with the fixed Chromium id', async () => {
  assert.ok(browser.worker.url().startsWith('chrome-extension://'), browser.worker.url());
  assert.equal(browser.extensionId, ids.chromeId, 'extension id differs from tests/extension-ids.json');
});

for (const key of ['eraA', 'eraB', 'eraBde', 'preview']) {
  const fixture = FIXTURES[key];
  test(`labels every card on ${fixture.name} (balanced), no CSP violation`, async () => {
    const page = await openFixture(fixture);
    try {
      await waitIn(page, allCardsLabelled);
      await waitIn(page, () => !!document.documentElement.dataset.noteworthyStatus);
      await settleCsp(page);
      const state = await page.evaluate(readCards);
      await page.screenshot({ path: outPath(`chromium-${fixture.name}.png`), fullPage: true });
      assert.equal(state.status, 'ok', 'documentElement.dataset.noteworthyStatus');
      assertCardsMatch(state, { what: fixture.name });
      assertNoCsp(state, server, fixture.name);
    } finally {
      await page.close();
    }
  });
}

test('unrecognised layout: no badges, status "unrecognised", popup says so', async () => {
  const page = await openFixture(FIXTURES.unrecognised);
  try {
    await waitIn(page, () => !!document.documentElement.dataset.noteworthyStatus);
    await settleCsp(page);
    const state = await page.evaluate(readCards);
    assert.equal(state.status, 'unrecognised');
    assert.equal(state.totalBadges, 0, 'badges on an unrecognised page');
    assert.equal(state.totalLabels, 0, 'labels on an unrecognised page');
    assertNoCsp(state, server, 'unrecognised');
    const popup = await openPopupFor(browser, page);
    try {
      await popup.waitForFunction(() => /recogn/i.test(document.querySelector('#status')?.textContent || ''), null, { timeout: WAIT }).catch(() => {});
      const status = await popup.locator('#status').textContent();
      assert.match(status, /recogn/i, `popup #status should say the layout is not recognised, says: ${status}`);
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }
});

test('hostile sender name stays text (no <img> injected, no script ran)', async () => {
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    const page = await openFixture(fixture);
    try {
      await waitIn(page, allCardsLabelled);
      const id = await page.evaluate(() => {
        const w = document.querySelector('a[href*="/in/hostile-sender/"]')?.closest('[data-expected]');
        const k = w?.querySelector('[componentkey^="urn:li:invitation:"]');
        return k ? k.getAttribute('componentkey').slice(18) : w?.getAttribute('data-invitation-id');
      });
      assert.ok(id, `${fixture.name}: hostile card not found in fixture`);
      // Open its panel too: whatever the badge renders of the card must stay text.
      await page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-badge`).first().click();
      await waitIn(page, badgeExpanded, [id, 'true']);
      await settleCsp(page);
      const traces = await page.evaluate(injectionTraces);
      const state = await page.evaluate(readCards);
      assert.deepEqual(traces.found, [], `${fixture.name}: injected img elements`);
      assert.equal(traces.pwned, false, `${fixture.name}: window.__pwned was set`);
      assert.ok(state.cards.find((c) => c.id === id)?.labels.length === 1, `${fixture.name}: hostile card not labelled`);
      assert.equal(server.requests.filter((r) => r.url === '/x').length, 0, `${fixture.name}: page requested /x`);
      assertNoCsp(state, server, `${fixture.name} hostile`);
    } finally {
      await page.close();
    }
  }
});

test('fixture note holding markup: labelled generic, shown as text, no element made from it', async () => {
  const page = await openFixture(FIXTURES.eraB);
  try {
    await waitIn(page, allCardsLabelled);
    const id = HOSTILE_NOTE_FIXTURE_ID;
    assert.equal(await page.evaluate(labelOf, id), 'generic');
    await page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-badge`).first().click();
    await waitIn(page, badgeExpanded, [id, 'true']);
    const s = await page.evaluate(badgeState, id);
    await settleCsp(page);
    const traces = await page.evaluate(injectionTraces);
    assert.deepEqual(traces.found, [], 'elements made from the note');
    assert.equal(traces.pwned, false, 'window.__pwned was set');
    assert.ok(s.panelVisible, 'panel visible');
    for (const m of HOSTILE_NOTE_MARKUP) assert.ok(s.panelText.includes(m), `${m} shown as text in the panel: ${s.panelText}`);
    assert.equal(server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
    assertNoCsp(await page.evaluate(readCards), server, 'fixture hostile note');
  } finally {
    await page.close();
  }
});

test('hostile note text stays text in the panel, highlights included', async () => {
  const page = await openFixture(FIXTURES.eraB);
  try {
    await waitIn(page, allCardsLabelled);
    const id = '7398000000000000001';
    assert.equal(await page.evaluate(appendHostileNoteCard, id), id, 'could not append the hostile card');
    await waitIn(page, (i) => {
      const c = document.querySelector(`[componentkey="urn:li:invitation:${i}"]`);
      return !!c && !!c.querySelector('noteworthy-badge') && (c.matches('[data-noteworthy]') || !!c.closest('[data-noteworthy]') || !!c.querySelector('[data-noteworthy]'));
    }, id);
    assert.ok(await page.evaluate(labelOf, id), 'hostile-note card was not labelled');
    await page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-badge`).first().click();
    await waitIn(page, badgeExpanded, [id, 'true']);
    const s = await page.evaluate(badgeState, id);
    await settleCsp(page);
    const traces = await page.evaluate(injectionTraces);
    assert.deepEqual(traces.found, [], 'injected img elements');
    assert.equal(traces.pwned, false, 'window.__pwned was set');
    assert.ok(s.panelVisible, 'panel visible');
    assert.ok(s.marks.length >= 1, `panel highlights part of the note: ${JSON.stringify(s.marks)}`);
    assert.ok(s.panelText.includes('<img src=x onerror="window.__pwned=1">'), `payload shown as text in the panel: ${s.panelText}`);
    assert.equal(server.requests.filter((r) => r.url === '/x').length, 0, 'page requested /x');
    assertNoCsp(await page.evaluate(readCards), server, 'hostile note');
  } finally {
    await page.close();
  }
});

test('badge opens a panel with rules and highlighted evidence (click and keyboard)', async () => {
  const page = await openFixture(FIXTURES.eraB);
  try {
    await waitIn(page, allCardsLabelled);
    const state = await page.evaluate(readCards);
    const genericId = pickCard(state, 'generic');
    const personalId = pickCard(state, 'personalized');
    const badge = (id) => page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-badge`).first();
    const expanded = (id) => waitIn(page, badgeExpanded, [id, 'true']);

    // Click.
    let before = await page.evaluate(badgeState, genericId);
    assert.equal(before.expanded, 'false', 'badge starts collapsed');
    assert.equal(before.panelVisible, false, 'panel starts hidden');
    await badge(genericId).click();
    await expanded(genericId);
    let s = await page.evaluate(badgeState, genericId);
    assert.equal(s.expanded, 'true', 'aria-expanded after click');
    assert.deepEqual([s.adoptedSheets, s.styleElements], [1, 0], 'badge styled by the one shared adopted sheet');
    assert.ok(s.panelVisible, 'panel visible after click');
    assert.ok(s.rules.length >= 1, `panel lists the rules that fired: ${JSON.stringify(s)}`);
    assert.ok(s.marks.length >= 1 && s.marks.every((m) => m.trim().length > 0), `panel highlights evidence with <mark>: ${JSON.stringify(s.marks)}`);
    assert.ok(s.hasIgnore, 'panel offers Ignore');
    await page.locator(`:is(${cardSelector(genericId)})`).first().screenshot({ path: outPath('chromium-panel-generic.png') });
    await page.screenshot({ path: outPath('chromium-era-b-panel.png') });

    // Keyboard: focus the other badge and press Enter.
    await badge(personalId).focus();
    await page.keyboard.press('Enter');
    await expanded(personalId);
    s = await page.evaluate(badgeState, personalId);
    assert.equal(s.expanded, 'true', 'aria-expanded after Enter');
    assert.ok(s.panelVisible, 'panel visible after Enter');
    assert.ok(s.marks.length >= 1, `personalized panel highlights evidence: ${JSON.stringify(s)}`);
    assert.ok(s.rules.length >= 1, 'personalized panel lists rules');
    await page.locator(`:is(${cardSelector(personalId)})`).first().screenshot({ path: outPath('chromium-panel-personalized.png') });
    // Enter again closes it.
    await page.keyboard.press('Enter');
    await waitIn(page, badgeExpanded, [personalId, 'false']);
    s = await page.evaluate(badgeState, personalId);
    assert.equal(s.expanded, 'false', 'second Enter collapses the panel');
    assertNoCsp(await page.evaluate(readCards), server, 'panel');
  } finally {
    await page.close();
  }
});

test('Ignore in the panel presses LinkedIn\'s Ignore of that card only', async () => {
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    const page = await openFixture(fixture);
    try {
      await waitIn(page, allCardsLabelled);
      let state = await page.evaluate(readCards);
      assert.equal(state.ignored, '', `${fixture.name}: something was ignored before any click`);
      const id = pickCard(state, 'generic');
      await page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-badge`).first().click();
      const ignore = page.locator(`:is(${cardSelector(id)}) noteworthy-badge button.nw-ignore`).first();
      await ignore.waitFor({ state: 'visible', timeout: WAIT });
      state = await page.evaluate(readCards);
      assert.equal(state.ignored, '', `${fixture.name}: opening the panel ignored something`);
      await ignore.click();
      await waitIn(page, () => !!document.documentElement.dataset.ignored);
      state = await page.evaluate(readCards);
      assert.equal(state.ignored, id, `${fixture.name}: dataset.ignored`);
      assert.equal(state.accepted, '', `${fixture.name}: nothing accepted`);
      assertNoCsp(state, server, `${fixture.name} ignore`);
    } finally {
      await page.close();
    }
  }
});

test('Load more: new cards get badged', async () => {
  for (const fixture of [FIXTURES.eraB, FIXTURES.eraA]) {
    const page = await openFixture(fixture);
    try {
      await waitIn(page, allCardsLabelled);
      const before = (await page.evaluate(readCards)).cards.length;
      await page.locator('[data-fixture-load-more]').click();
      await waitIn(page, (n) => document.querySelectorAll('[data-expected]').length >= n + 10, before);
      await waitIn(page, allCardsLabelled);
      const state = await page.evaluate(readCards);
      assert.equal(state.cards.length, before + 10, `${fixture.name}: load more added 10 cards`);
      assertCardsMatch(state, { what: `${fixture.name} after Load more` });
      assertNoCsp(state, server, `${fixture.name} load more`);
    } finally {
      await page.close();
    }
  }
});

test('single-page navigation feed -> invitations -> feed -> back', async () => {
  const page = await openFixture(FIXTURES.feed);
  try {
    await spaScenario({
      run: (fn) => page.evaluate(fn),
      wait: (fn) => waitIn(page, fn),
      click: (selector) => page.locator(selector).click(),
      back: () => page.goBack(),
      settleCsp: () => settleCsp(page),
      server,
    });
  } finally {
    await page.close();
  }
});

test('popup: strictness relabels the open page without reload; toggle off removes badges', async () => {
  const page = await openFixture(FIXTURES.eraB);
  let popup = null;
  const setStrictness = async (level) => {
    await popup.locator(`input[name="strictness"][value="${level}"]`).check();
  };
  try {
    await waitIn(page, allCardsLabelled);
    await page.evaluate(() => { window.__noReload = true; });
    const notes = await page.evaluate(readNotes);
    const oracle = {
      lenient: expectedLabels(notes, 'lenient'),
      balanced: expectedLabels(notes, 'balanced'),
      strict: expectedLabels(notes, 'strict'),
    };
    const changes = (lvl) => Object.keys(oracle.balanced).filter((k) => oracle[lvl][k] !== oracle.balanced[k]);
    assert.ok(changes('strict').length + changes('lenient').length > 0,
      'fixture era-b has no card whose label differs between strictness levels: the relabel check would be vacuous');

    popup = await openPopupFor(browser, page);
    await popup.locator('input[name="strictness"]').first().waitFor({ timeout: WAIT });
    // Settings load asynchronously: wait until the popup shows one.
    await popup.waitForFunction(() => !!document.querySelector('input[name="strictness"]:checked'), null, { timeout: WAIT }).catch(() => {});
    assert.equal(await popup.locator('input[name="strictness"][value="balanced"]').isChecked(), true, 'balanced is the default');
    assert.equal(await popup.locator('#enabled').isChecked(), true, 'enabled by default');

    // Counts in the popup match the page.
    const counts = countLabels(await page.evaluate(readCards));
    await popup.waitForFunction((c) => ['blank', 'generic', 'personalized'].every((k) =>
      (document.querySelector(`#count-${k}`)?.textContent || '').match(/\d+/)?.[0] === String(c[k])), counts, { timeout: WAIT }).catch(() => {});
    for (const k of ['blank', 'generic', 'personalized']) {
      const text = await popup.locator(`#count-${k}`).textContent();
      assert.equal(text.match(/\d+/)?.[0], String(counts[k]), `popup #count-${k} = "${text}", page has ${counts[k]}`);
    }
    assert.ok((await popup.locator('#status').textContent()).trim().length > 0, 'popup #status is filled in');
    const clip = await popup.evaluate(() => {
      const r = [...document.body.children].reduce((a, e) => {
        const b = e.getBoundingClientRect();
        return { right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
      }, { right: 0, bottom: 0 });
      return { x: 0, y: 0, width: Math.ceil(r.right) + 16, height: Math.ceil(r.bottom) + 16 };
    });
    await popup.screenshot({ path: outPath('chromium-popup.png'), clip });

    for (const level of ['strict', 'lenient', 'balanced']) {
      await setStrictness(level);
      await waitIn(page, labelsMatch, oracle[level]);
      const got = await page.evaluate(labelsById);
      assert.deepEqual(got, oracle[level], `labels at ${level} (the CLI's verdicts)`);
    }
    const balancedState = await page.evaluate(readCards);
    assertCardsMatch(balancedState, { what: 'back at balanced' });
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');

    // Off: badges go away. On: they come back.
    await popup.locator('#enabled').uncheck();
    await waitIn(page, () => document.querySelectorAll('noteworthy-badge').length === 0);
    let state = await page.evaluate(readCards);
    assert.equal(state.totalBadges, 0, 'badges remain after switching off');
    await popup.locator('#enabled').check();
    await waitIn(page, allCardsLabelled);
    await waitIn(page, (n) => document.querySelectorAll('noteworthy-badge').length === n, balancedState.totalBadges);
    state = await page.evaluate(readCards);
    assertCardsMatch(state, { what: 'switched back on' });
    assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded');
    await settleCsp(page);
    assertNoCsp(state, server, 'popup');
  } finally {
    // Leave the shared profile as we found it, whatever happened above.
    if (popup) {
      await popup.locator('input[name="strictness"][value="balanced"]').check().catch(() => {});
      await popup.locator('#enabled').check().catch(() => {});
      await popup.close();
    }
    await page.close();
  }
});

// chrome://extensions lists manifest problems (an unknown key, a key for
// another manifest version) that loading alone does not fail on. They are
// only collected in developer mode, so: turn it on, reload, read. A browser
// of its own, since reloading would cut the shared one's pages off.
test('chrome://extensions shows no manifest error or install warning', async () => {
  const own = await launchChromium({ port: server.port });
  try {
    const page = await own.context.newPage();
    await page.goto('chrome://extensions/');
    const info = await page.evaluate(async (id) => {
      const dp = chrome.developerPrivate;
      await dp.updateProfileConfiguration({ inDeveloperMode: true });
      await dp.reload(id, { failQuietly: true, populateErrorForUnpacked: true });
      const i = await dp.getExtensionInfo(id);
      return { state: i.state, installWarnings: i.installWarnings, manifestErrors: i.manifestErrors.map((e) => e.message) };
    }, own.extensionId);
    assert.equal(info.state, 'ENABLED');
    assert.deepEqual(info.manifestErrors, [], 'manifest errors on chrome://extensions');
    assert.deepEqual(info.installWarnings, [], 'install warnings on chrome://extensions');
  } finally {
    await own.close();
  }
});

test('no CSP report reached the server during the whole run', async () => {
  assert.deepEqual(server.requests.filter((r) => r.url.startsWith('/csp-report')), []);
  publishScreenshots({
    'chromium-panel-personalized.png': 'panel-personalized.png',
    'chromium-panel-generic.png': 'panel-generic.png',
    'chromium-popup.png': 'popup.png',
  });
});
