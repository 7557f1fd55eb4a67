// Firefox ESR (headless) driven by geckodriver over raw WebDriver, with the
// extension (dist/firefox) installed as a temporary add-on. Every host name
// resolves to 127.0.0.1 (network.dns.forceResolve), so the fixture server
// must listen on 443, and nothing leaves the machine.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX } from './paths.mjs';
import { Keys, Session, startGeckodriver } from './webdriver.mjs';
import { askHook } from './probes.mjs';
import { clickBadgeWith } from './e2e-common.mjs';

export const FIREFOX_BIN = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';

export function firefoxPrefs({ geckoId, uuid, grantByDefault = true }) {
  return {
    // Loopback only: every host is 127.0.0.1, DNS-over-HTTPS off.
    'network.dns.forceResolve': '127.0.0.1',
    'network.trr.mode': 5,
    // Fixed moz-extension://<uuid>/ host for the add-on.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    // Host permissions granted at install (false: a person withheld them).
    'extensions.originControls.grantByDefault': grantByDefault,
    // Content-script console output into geckodriver's log.
    'devtools.console.stdout.content': true,
    // Quiet: no background services trying to phone out.
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.ping-centre.telemetry': false,
    'media.gmp-manager.updateEnabled': false,
    'services.settings.server': 'https://127.0.0.1:1/',
  };
}

export async function startFirefox({ geckodriver, geckoId, uuid, grantByDefault = true, extensionDir = DIST_FIREFOX, width = 1100, height = 900 }) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir} (run ./build.sh first)`);
  }
  const session = await Session.create(geckodriver.base, {
    browserName: 'firefox',
    acceptInsecureCerts: true,
    'moz:firefoxOptions': {
      binary: FIREFOX_BIN,
      args: ['-headless'],
      prefs: firefoxPrefs({ geckoId, uuid, grantByDefault }),
    },
  });
  await session.setTimeouts({ script: 60_000, pageLoad: 60_000, implicit: 0 });
  await session.setWindowRect({ width, height }).catch(() => {});
  const addonId = await session.installAddon(extensionDir, true);
  return { session, addonId };
}

export { startGeckodriver };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn(arg)` in the session's current page until truthy; false after `timeout` ms. */
export async function waitIn(session, fn, arg, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      if (await session.execute(fn, arg)) return true;
    } catch { /* page in transition */ }
    if (Date.now() > end) return false;
    await sleep(150);
  }
}

/**
 * The scenario adapter (scenarios.mjs) over WebDriver: the session's first
 * tab shows the fixture pages; the popup opens as a second tab (WebDriver
 * may not navigate to moz-extension:// pages, the chrome context may) and
 * commands switch to whichever tab they address.
 */
export function firefoxAdapter({ ff, server, ids, wait: WAIT, outPath }) {
  const s = ff.session;
  let mainHandle = null;
  let current = null;
  const use = async (handle) => {
    if (current !== handle) {
      await s.switchToWindow(handle);
      current = handle;
    }
  };
  const main = async () => {
    if (!mainHandle) mainHandle = current = await s.windowHandle();
    await use(mainHandle);
  };
  const poll = (fn, arg, timeout = WAIT) => waitIn(s, fn, arg, timeout);

  // The WebExtension tab id of the selected tab, read in the chrome context.
  async function selectedTabId() {
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

  return {
    name: 'firefox',
    server,
    ids,
    expectedId: ids.geckoId,
    installedId: async () => ff.addonId,
    async open(fixture) {
      await main();
      server.clearCspReports();
      await s.navigate(server.url(fixture.path));
    },
    run: async (fn, arg) => (await main(), s.execute(fn, arg)),
    wait: async (fn, arg, timeout) => (await main(), poll(fn, arg, timeout)),
    click: async (selector) => (await main(), (await s.find(selector)).click()),
    // The badge's shadow root is closed: the test hook gives the part's
    // place on screen and WebDriver's pointer clicks there (trusted input).
    async clickBadge(id, part = 'button.nw-badge') {
      await main();
      await clickBadgeWith('firefox', id, part, (op, args) => s.execute(askHook, [op, args]), (x, y) => s.clickAt(x, y));
    },
    focusBadge: async (id) => (await main(), s.execute(askHook, ['focus', { id }])),
    pressEnter: async () => (await main(), s.pressKey(Keys.ENTER)),
    // Real keyboard input into the focused element (the coach's scenarios):
    // one keyDown/keyUp per character, as WebDriver types.
    async type(text) {
      await main();
      const actions = [...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]);
      await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions }] });
    },
    async clearTyped() {
      await main();
      const CTRL = '\uE009';
      const BACKSPACE = '\uE003';
      await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions: [
        { type: 'keyDown', value: CTRL }, { type: 'keyDown', value: 'a' }, { type: 'keyUp', value: 'a' }, { type: 'keyUp', value: CTRL },
        { type: 'keyDown', value: BACKSPACE }, { type: 'keyUp', value: BACKSPACE }] }] });
    },
    clickAt: async (x, y) => (await main(), s.clickAt(x, y)),
    async hoverAt(x, y) {
      await main();
      await s.cmd('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' }] }] });
    },
    pressSpace: async () => (await main(), s.pressKey(Keys.SPACE)),
    // Bulk decline's bar and review: real pointer input where the hook says.
    async clickBulk(part, index) {
      await main();
      const r = await s.execute(askHook, ['bulkRect', { part, index }]);
      if (!r) throw new Error(`the bulk bar has no ${part}${index === undefined ? '' : ' #' + index}`);
      await s.clickAt(r.x, r.y);
    },
    focusBulk: async (part, index) => (await main(), s.execute(askHook, ['bulkFocus', { part, index }])),
    back: async () => (await main(), s.back()),
    async settleCsp() {
      await main();
      await s.executeAsync(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 250))));
      await sleep(250);
    },
    async screenshot(file) {
      await main();
      writeFileSync(outPath(file), await s.screenshot());
    },
    async screenshotCard(id, file) {
      await main();
      const card = await s.execute((i) => document.querySelector(`[componentkey="urn:li:invitation:${i}"]`) || document.querySelector(`[data-invitation-id="${i}"]`), id);
      writeFileSync(outPath(file), Buffer.from(await card.screenshot(), 'base64'));
    },
    async openPopup() {
      await main();
      const tabId = await selectedTabId();
      if (typeof tabId !== 'number') throw new Error(`no tab id for the fixture tab: ${tabId}`);
      const before = await s.windowHandles();
      await s.setContext('chrome');
      try {
        await s.execute((url) => {
          const tab = gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
          gBrowser.selectedTab = tab;
          return true;
        }, `moz-extension://${ids.firefoxUuid}/popup.html?tab=${tabId}`);
      } finally {
        await s.setContext('content');
      }
      let handle;
      const end = Date.now() + WAIT;
      while (!handle && Date.now() < end) {
        handle = (await s.windowHandles()).find((h) => !before.includes(h));
        if (!handle) await sleep(100);
      }
      if (!handle) throw new Error('popup tab did not open');
      await use(handle);
      await poll(() => document.readyState === 'complete' && !!document.querySelector('#status'));
      return {
        run: async (fn, arg) => (await use(handle), s.execute(fn, arg)),
        wait: async (fn, arg, timeout) => (await use(handle), poll(fn, arg, timeout)),
        click: async (selector) => (await use(handle), (await s.find(selector)).click()),
        async setChecked(selector, on) {
          await use(handle);
          if ((await s.execute((sel) => document.querySelector(sel).checked, selector)) !== on) await (await s.find(selector)).click();
        },
        async screenshot(file) {
          await use(handle);
          writeFileSync(outPath(file), await s.screenshot());
        },
        async close() {
          await use(handle);
          await s.closeWindow().catch(() => {});
          current = null;
          await main();
        },
      };
    },
    /** Forget the tab handles (a new session was started). */
    reset() {
      mainHandle = current = null;
    },
  };
}
