// Launch Debian's Chromium with the unpacked extension and the fixture
// server mapped to www.linkedin.com. Shared by chromium.test.mjs and bench.mjs.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CHROME } from './paths.mjs';
import { FIXTURE_HOST } from './server.mjs';
import { askHook } from './probes.mjs';
import { clickBadgeWith } from './e2e-common.mjs';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export async function launchChromium({ port, extensionDir = DIST_CHROME, viewport = { width: 1100, height: 900 } }) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir} (run ./build.sh first)`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'noteworthy-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BIN,
    headless: false, // we pass --headless=new ourselves, as proven on this machine
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-default-browser-check',
      '--ignore-certificate-errors',
      `--host-resolver-rules=MAP ${FIXTURE_HOST} 127.0.0.1:${port}, EXCLUDE localhost`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) {
    worker = await context.waitForEvent('serviceworker', {
      timeout: 30_000,
      predicate: (w) => w.url().startsWith('chrome-extension://'),
    });
  }
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Open popup.html as a tab reporting on `page` (popup.html?tab=<id>). The
 * tab id is asked of the extension itself from its own page (chrome.tabs),
 * which works even when the service worker has gone idle.
 */
export async function openPopupFor(browser, page, viewport = { width: 420, height: 640 }) {
  const popup = await browser.context.newPage();
  await popup.setViewportSize(viewport);
  const base = `chrome-extension://${browser.extensionId}/popup.html`;
  await popup.goto(base);
  const tabs = await popup.evaluate(() => chrome.tabs.query({}).then((t) => t.map(({ id, url }) => ({ id, url }))));
  const hit = tabs.filter((t) => t.url === page.url());
  if (hit.length !== 1) {
    await popup.close();
    throw new Error(`expected one tab at ${page.url()}, found ${JSON.stringify(tabs)}`);
  }
  await popup.goto(`${base}?tab=${hit[0].id}`);
  return popup;
}

/**
 * The scenario adapter (scenarios.mjs) over Playwright: one tab at a time
 * shows the fixture pages; the popup opens as a tab reporting on it.
 */
export function chromiumAdapter({ browser, server, ids, wait: WAIT, outPath, cardSelector }) {
  let page = null;
  const waitIn = async (p, fn, arg, timeout = WAIT) => {
    try {
      await p.waitForFunction(fn, arg, { timeout, polling: 100 });
      return true;
    } catch {
      return false;
    }
  };
  // The badge's shadow root is closed: the test hook gives the part's place
  // on screen and the click is real input there (a trusted click, as the
  // person's; the extension refuses untrusted ones).
  async function clickBadgePart(id, part) {
    await clickBadgeWith('chromium', id, part, (op, args) => page.evaluate(askHook, [op, args]), (x, y) => page.mouse.click(x, y));
  }
  return {
    name: 'chromium',
    server,
    ids,
    expectedId: ids.chromeId,
    installedId: async () => browser.extensionId,
    async open(fixture) {
      server.clearCspReports();
      if (page) await page.close();
      page = await browser.context.newPage();
      await page.goto(server.url(fixture.path), { waitUntil: 'load' });
    },
    run: (fn, arg) => page.evaluate(fn, arg),
    wait: (fn, arg, timeout) => waitIn(page, fn, arg, timeout),
    click: (selector) => page.locator(selector).first().click(),
    clickBadge: (id, part = 'button.nw-badge') => clickBadgePart(id, part),
    focusBadge: (id) => page.evaluate(askHook, ['focus', { id }]),
    pressEnter: () => page.keyboard.press('Enter'),
    // Real keyboard input into the focused element (the coach's scenarios).
    type: (text) => page.keyboard.type(text),
    clearTyped: async () => {
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    hoverAt: (x, y) => page.mouse.move(x, y),
    pressSpace: () => page.keyboard.press('Space'),
    // Bulk decline's bar and review (their own closed shadow root): real
    // input at the place the hook gives, as for the badge.
    async clickBulk(part, index) {
      const r = await page.evaluate(askHook, ['bulkRect', { part, index }]);
      if (!r) throw new Error(`the bulk bar has no ${part}${index === undefined ? '' : ' #' + index}`);
      await page.mouse.click(r.x, r.y);
    },
    focusBulk: (part, index) => page.evaluate(askHook, ['bulkFocus', { part, index }]),
    back: () => page.goBack(),
    async settleCsp() {
      // Reports are POSTed asynchronously: give any in-flight report a moment
      // to land before asserting there was none.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 250))));
      await new Promise((r) => setTimeout(r, 250));
    },
    screenshot: (file) => page.screenshot({ path: outPath(file), fullPage: true }),
    screenshotCard: (id, file) => page.locator(`:is(${cardSelector(id)})`).first().screenshot({ path: outPath(file) }),
    async openPopup() {
      const popup = await openPopupFor(browser, page);
      return {
        run: (fn, arg) => popup.evaluate(fn, arg),
        wait: (fn, arg, timeout) => waitIn(popup, fn, arg, timeout),
        click: (selector) => popup.locator(selector).click(),
        setChecked: (selector, on) => popup.locator(selector).setChecked(on),
        async screenshot(file) {
          const clip = await popup.evaluate(() => {
            const r = [...document.body.children].reduce((a, e) => {
              const b = e.getBoundingClientRect();
              return { right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
            }, { right: 0, bottom: 0 });
            return { x: 0, y: 0, width: Math.ceil(r.right) + 16, height: Math.ceil(r.bottom) + 16 };
          });
          await popup.screenshot({ path: outPath(file), clip });
        },
        close: () => popup.close(),
      };
    },
    async close() {
      if (page) await page.close();
      page = null;
    },
  };
}
