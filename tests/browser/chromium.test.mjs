// End-to-end: the built extension (dist/chrome) in Debian's Chromium, on the
// fixture pages served as https://www.linkedin.com with LinkedIn-like CSP.
// The scenarios are scenarios.mjs (the same in every browser), driven through
// chromiumAdapter; below them, what only Chromium has.
// Run: node --test tests/browser/chromium.test.mjs   (after ./build.sh)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from './server.mjs';
import { chromiumAdapter, launchChromium } from './chromium-harness.mjs';
import { NO_CSP_REPORT_IN_RUN, SCENARIOS } from './scenarios.mjs';
import { COACH_SCENARIOS } from './scenarios-coach.mjs';
import { FIXTURES, WAIT, cardSelector, extensionIds, outPath, publishScreenshots, sleep } from './e2e-common.mjs';
import { allCardsLabelled, askHook, readCards } from './probes.mjs';

let server;
let browser;
let b;

before(async () => {
  server = await startFixtureServer({ port: 0 });
  browser = await launchChromium({ port: server.port });
  b = chromiumAdapter({ browser, server, ids: extensionIds(), wait: WAIT, outPath, cardSelector });
});

after(async () => {
  await b?.close();
  await browser?.close();
  await server?.close();
});

for (const scenario of SCENARIOS) test(scenario.name, () => scenario.run(b));
for (const scenario of COACH_SCENARIOS) test(scenario.name, () => scenario.run(b));

// --- Chromium only -----------------------------------------------------------

// chrome://extensions lists manifest problems (an unknown key, a key for
// another manifest version) that loading alone does not fail on. They are
// only collected in developer mode, so: turn it on, reload, read. A browser
// of its own, since reloading would cut the shared one's pages off.
test('chromium: chrome://extensions shows no manifest error or install warning', async () => {
  const own = await launchChromium({ port: server.port });
  try {
    const page = await own.context.newPage();
    await page.goto('chrome://extensions/');
    const info = await page.evaluate(async (id) => {
      const dp = chrome.developerPrivate;
      await dp.updateProfileConfiguration({ inDeveloperMode: true });
      await dp.reload(id, { failQuietly: true, populateErrorForUnpacked: true });
      const i = await dp.getExtensionInfo(id);
      return { state: i.state, installWarnings: i.installWarnings, manifestErrors: i.manifestErrors.map((e) => e.message), runtimeErrors: (i.runtimeErrors || []).map((e) => e.message) };
    }, own.extensionId);
    assert.equal(info.state, 'ENABLED');
    assert.deepEqual(info.manifestErrors, [], 'manifest errors on chrome://extensions');
    assert.deepEqual(info.installWarnings, [], 'install warnings on chrome://extensions');
  } finally {
    await own.close();
  }
});

// A browser of its own for each test below: they stop the service worker and
// reload the extension, which would cut the shared one's pages off.
async function ownPageOn(fixture) {
  const own = await launchChromium({ port: server.port });
  const page = await own.context.newPage();
  await page.goto(server.url(fixture.path), { waitUntil: 'load' });
  const ok = await page.waitForFunction(allCardsLabelled, null, { timeout: WAIT, polling: 100 }).then(() => true, () => false);
  assert.ok(ok, `${fixture.name}: cards not labelled`);
  return { own, page };
}

// Every fixture card labelled and carrying exactly one badge, ours.
async function everyCardBadgedOnce(page) {
  const state = await page.evaluate(readCards);
  const wrong = state.cards.filter((c) => c.labels.length !== 1 || c.badges !== 1).map((c) => `${c.id}: ${JSON.stringify(c.labels)} ${c.badges} badge(s)`);
  return { state, wrong };
}

test('chromium: cards appended while the service worker is stopped again and again all end badged (none lost, none twice)', async () => {
  const { own, page } = await ownPageOn(FIXTURES.eraB);
  try {
    const cdp = await own.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const before = await page.evaluate(() => document.querySelectorAll('[data-expected]').length);
    // Cards arrive while the worker is stopped every 40 ms, for 3 s: many
    // batches are sent to a worker that is starting or gone.
    let appended = 0;
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      await cdp.send('ServiceWorker.stopAllWorkers').catch(() => {});
      if (appended < 300) appended += await page.evaluate(() => window.__appendCards(30));
      await sleep(40);
    }
    const all = await page.waitForFunction(([n]) => document.querySelectorAll('[data-expected]').length === n &&
      [...document.querySelectorAll('[data-expected]')].every((w) => w.querySelectorAll('[data-noteworthy]').length === 1),
    [before + appended], { timeout: WAIT, polling: 200 }).then(() => true, () => false);
    const { state, wrong } = await everyCardBadgedOnce(page);
    assert.ok(all, `not every card badged after the outages: ${wrong.length} of ${state.cards.length}\n  ${wrong.slice(0, 10).join('\n  ')}`);
    assert.deepEqual(wrong, []);
    assert.equal(state.cards.length, before + appended);
  } finally {
    await own.close();
  }
});

test('chromium: after an extension reload under an open page, the old copy leaves no trace and new cards get one badge each', async () => {
  const { own, page } = await ownPageOn(FIXTURES.eraB);
  try {
    const ext = await own.context.newPage();
    await ext.goto('chrome://extensions/');
    // Unpacked extensions stay enabled across a reload only in developer mode.
    const state = await ext.evaluate(async (id) => {
      const dp = chrome.developerPrivate;
      await dp.updateProfileConfiguration({ inDeveloperMode: true });
      await dp.reload(id, { failQuietly: true });
      for (let i = 0; i < 50; i++) {
        const info = await dp.getExtensionInfo(id);
        if (info.state === 'ENABLED') return info.state;
        await new Promise((r) => setTimeout(r, 100));
      }
      return (await dp.getExtensionInfo(id)).state;
    }, own.extensionId);
    assert.equal(state, 'ENABLED', 'the extension came back after its reload');
    await ext.close();
    const before = await page.evaluate(() => document.querySelectorAll('[data-expected]').length);
    await page.evaluate(() => window.__appendCards(10));
    const ok = await page.waitForFunction(([n]) => document.querySelectorAll('[data-expected]').length === n &&
      [...document.querySelectorAll('[data-expected]')].every((w) => w.querySelectorAll('[data-noteworthy]').length === 1 && w.querySelectorAll('noteworthy-badge').length === 1),
    [before + 10], { timeout: WAIT, polling: 200 }).then(() => true, () => false);
    const { wrong } = await everyCardBadgedOnce(page);
    assert.ok(ok, `after the reload: ${wrong.join('; ')}`);
    // Every badge on the page is the new copy's (the old copy's are gone).
    const hosts = await page.evaluate(() => document.querySelectorAll('noteworthy-badge').length);
    assert.equal(await page.evaluate(askHook, ['ours', {}]), hosts, 'badges left by the old copy');
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-noteworthy]').length), hosts, 'labels without a badge');
  } finally {
    await own.close();
  }
});

test(NO_CSP_REPORT_IN_RUN.name, async () => {
  await NO_CSP_REPORT_IN_RUN.run(b);
  publishScreenshots({
    'chromium-panel-personalized.png': 'panel-personalized.png',
    'chromium-panel-generic.png': 'panel-generic.png',
    'chromium-popup.png': 'popup.png',
    'chromium-coach.png': 'coach.png',
    'chromium-bulk-review.png': 'bulk-review.png',
  });
});
