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
import { WAIT, cardSelector, extensionIds, outPath, publishScreenshots } from './e2e-common.mjs';

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

test(NO_CSP_REPORT_IN_RUN.name, async () => {
  await NO_CSP_REPORT_IN_RUN.run(b);
  publishScreenshots({
    'chromium-panel-personalized.png': 'panel-personalized.png',
    'chromium-panel-generic.png': 'panel-generic.png',
    'chromium-popup.png': 'popup.png',
  });
});
