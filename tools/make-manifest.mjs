// Writes each browser's manifest from the one manifest.json at the top of
// the repository, so the two never drift apart.
//
//   Chrome:  background.service_worker (module); no browser_specific_settings.
//   Firefox: background.scripts (module); browser_specific_settings.gecko;
//            no `key` (a Chromium-only way to fix the extension id).
//
// Usage: node tools/make-manifest.mjs <chrome|firefox> <out/manifest.json> [--no-key]
//   --no-key drops `key` from the Chrome manifest: the Web Store refuses
//   uploads that carry one; unpacked loads keep it for a stable id.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BROWSERS = ['chrome', 'firefox'];

/** Returns a new manifest object for `browser` from the base manifest. */
export function manifestFor(base, browser, { keepKey = true } = {}) {
  if (!BROWSERS.includes(browser)) throw new Error(`unknown browser ${browser}: expected chrome or firefox`);
  const m = structuredClone(base);
  const worker = base.background && (base.background.service_worker || (base.background.scripts || [])[0]);
  if (!worker) throw new Error('manifest.json has no background script');
  if (browser === 'chrome') {
    m.background = { service_worker: worker, type: 'module' };
    delete m.browser_specific_settings;
    if (!keepKey) delete m.key;
  } else {
    // Firefox runs background scripts (no service worker in MV3 there);
    // "type": "module" lets the same ES module file serve both.
    m.background = { scripts: [worker], type: 'module' };
    delete m.key;
    const gecko = (base.browser_specific_settings || {}).gecko;
    if (!gecko || !gecko.id) throw new Error('manifest.json lacks browser_specific_settings.gecko.id');
    m.browser_specific_settings = { gecko: { ...gecko } };
  }
  return m;
}

/** Chromium's extension id for a base64 public key: sha256, first 32 hex digits as a-p. */
export async function chromeIdFromKey(keyBase64) {
  const { createHash } = await import('node:crypto');
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export function readBaseManifest(root) {
  return JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [browser, out, ...flags] = process.argv.slice(2);
  if (!browser || !out) {
    console.error('usage: node tools/make-manifest.mjs <chrome|firefox> <out/manifest.json> [--no-key]');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const m = manifestFor(readBaseManifest(root), browser, { keepKey: !flags.includes('--no-key') });
  writeFileSync(out, JSON.stringify(m, null, 2) + '\n');
}
