// Firefox ESR (headless) driven by geckodriver over raw WebDriver, with the
// extension (dist/firefox) installed as a temporary add-on. Every host name
// resolves to 127.0.0.1 (network.dns.forceResolve), so the fixture server
// must listen on 443, and nothing leaves the machine.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX } from './paths.mjs';
import { Session, startGeckodriver } from './webdriver.mjs';

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
