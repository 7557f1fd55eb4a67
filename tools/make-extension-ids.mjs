// Writes tests/extension-ids.json, which the browser tests read to open the
// popup at a known address:
//   chrome:  the id Chromium derives from manifest.json's `key`
//   firefox: the gecko id, and a fixed UUID to set through the pref
//            extensions.webextensions.uuids = {"<gecko id>": "<uuid>"}
// Run again only if the key or the gecko id changes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromeIdFromKey, readBaseManifest } from './make-manifest.mjs';

const FIREFOX_UUID = 'bf82dee3-4df3-44aa-8045-62dc6f36302a';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const m = readBaseManifest(root);
const ids = {
  chrome: { id: await chromeIdFromKey(m.key) },
  firefox: { geckoId: m.browser_specific_settings.gecko.id, uuid: FIREFOX_UUID },
};
ids.chrome.popupUrl = `chrome-extension://${ids.chrome.id}/popup.html`;
ids.firefox.popupUrl = `moz-extension://${ids.firefox.uuid}/popup.html`;
// Flat aliases, for readers that prefer them.
ids.chromeId = ids.chrome.id;
ids.geckoId = ids.firefox.geckoId;
ids.firefoxUuid = ids.firefox.uuid;
writeFileSync(path.join(root, 'tests/extension-ids.json'), JSON.stringify(ids, null, 2) + '\n');
console.log(JSON.stringify(ids));
