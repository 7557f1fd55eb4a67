// End-to-end: the built extension (dist/firefox) in Debian's Firefox ESR,
// headless, driven through geckodriver; fixture pages served on 127.0.0.1:443
// as https://www.linkedin.com with LinkedIn-like CSP. The scenarios are
// scenarios.mjs (the same in every browser), driven through firefoxAdapter;
// below them, what only Firefox has: a person can withhold host permission.
// Run: node --test tests/browser/firefox.test.mjs   (after ./build.sh; as root for port 443)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { startFixtureServer } from './server.mjs';
import { firefoxAdapter, startFirefox, startGeckodriver, waitIn as waitInSession } from './firefox-harness.mjs';
import { NO_CSP_REPORT_IN_RUN, SCENARIOS } from './scenarios.mjs';
import { COACH_SCENARIOS } from './scenarios-coach.mjs';
import { allCardsLabelled, bulkState, readCards } from './probes.mjs';
import { FIXTURES, WAIT, assertNoCsp, extensionIds, outPath, sleep } from './e2e-common.mjs';

const ids = extensionIds();
let server;
let gecko;
let ff; // { session, addonId }
let b;

before(async () => {
  try {
    server = await startFixtureServer({ port: 443 });
  } catch (e) {
    throw new Error(`fixture server needs 127.0.0.1:443 for Firefox (network.dns.forceResolve keeps the port): ${e.message}`);
  }
  gecko = await startGeckodriver({ logFile: outPath('geckodriver.log') });
  ff = await startFirefox({ geckodriver: gecko, geckoId: ids.geckoId, uuid: ids.firefoxUuid });
  b = firefoxAdapter({ ff, server, ids, wait: WAIT, outPath });
});

after(async () => {
  await ff?.session.delete();
  await gecko?.stop();
  await server?.close();
});

for (const scenario of SCENARIOS) test(scenario.name, () => scenario.run(b));
for (const scenario of COACH_SCENARIOS) test(scenario.name, () => scenario.run(b));

test(NO_CSP_REPORT_IN_RUN.name, () => NO_CSP_REPORT_IN_RUN.run(b));

// --- Firefox only --------------------------------------------------------------

const waitIn = (session, fn, arg, timeout = WAIT) => waitInSession(session, fn, arg, timeout);

// Opening the popup as a tab selects that tab, so the fixture's tab is
// hidden (document.visibilityState): a bulk decline running there must stop.
// (Chromium's headless pages stay visible when another page opens.)
test('firefox: bulk decline stops when its tab is hidden (another tab selected), pressing nothing more', async () => {
  await b.open(FIXTURES.eraB);
  assert.ok(await b.wait(allCardsLabelled));
  assert.ok(await b.wait(() => {
    const s = (() => {
      let answer = null;
      const on = (e) => { answer = e.detail; };
      document.addEventListener('noteworthy-test-answer', on);
      document.dispatchEvent(new CustomEvent('noteworthy-test-request', { detail: JSON.stringify({ op: 'bulk' }) }));
      document.removeEventListener('noteworthy-test-answer', on);
      return typeof answer === 'string' ? JSON.parse(answer) : null;
    })();
    return !!s && !!s.offer;
  }), 'no bulk offer');
  const total = (await b.run(bulkState)).offer.match(/\d+/)[0];
  await b.clickBulk('button.nw-bulk-open');
  assert.ok(await b.wait(() => document.querySelector('noteworthy-bulk') !== null));
  await sleep(300);
  await b.clickBulk('button.nw-bulk-confirm');
  const popup = await b.openPopup(); // selects another tab: the fixture's is hidden
  const pressedWhenHidden = await (async () => {
    await sleep(5000);
    await popup.close(); // back to the fixture's tab
    return (await b.run(readCards)).ignored.split(' ').filter(Boolean).length;
  })();
  await sleep(3000);
  const after = (await b.run(readCards)).ignored.split(' ').filter(Boolean).length;
  assert.equal(after, pressedWhenHidden, 'pressed after the tab came back: the batch did not stop');
  assert.ok(after < Number(total), `all ${total} pressed while hidden`);
  assert.match((await b.run(bulkState)).status || '', /the tab was hidden/, 'the summary says why it stopped');
});

test('firefox: host permission withheld (grantByDefault=false): content script does not run, page unharmed', async () => {
  // A second, separate Firefox with the pref off.
  await ff.session.delete();
  ff = await startFirefox({ geckodriver: gecko, geckoId: ids.geckoId, uuid: ids.firefoxUuid, grantByDefault: false });
  const s = ff.session;
  server.clearCspReports();
  await s.navigate(server.url(FIXTURES.eraB.path));
  await waitIn(s, () => document.readyState === 'complete');
  // Nothing should appear: give the extension ample time to (wrongly) act.
  const acted = await waitIn(s, () => !!document.querySelector('[data-noteworthy], noteworthy-badge'), null, 5000);
  const before = await s.execute(readCards);
  assert.equal(acted, false, `extension acted without host permission: ${JSON.stringify({ badges: before.totalBadges, labels: before.totalLabels })}`);
  assert.equal(before.totalBadges, 0);
  assert.equal(before.totalLabels, 0);
  // The page's own behaviour still works: Load more and LinkedIn's Ignore.
  await (await s.find('[data-fixture-load-more]')).click();
  await waitIn(s, (n) => document.querySelectorAll('[data-expected]').length === n + 10, before.cards.length);
  const first = before.cards[0].id;
  const ignoreButton = await s.execute((i) => document.querySelector(`[componentkey="urn:li:invitation:${i}"] button[aria-label]`), first);
  await ignoreButton.click();
  await waitIn(s, () => !!document.documentElement.dataset.ignored);
  await sleep(500);
  const state = await s.execute(readCards);
  assert.equal(state.cards.length, before.cards.length + 10, 'load more added 10 cards');
  assert.equal(state.ignored, first, 'the page\'s own Ignore still works');
  assert.equal(state.totalBadges, 0, 'still no badges');
  assertNoCsp(state, server, 'firefox without permission');
  writeFileSync(outPath('firefox-no-permission.png'), await s.screenshot());
});
