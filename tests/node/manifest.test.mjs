// The one manifest.json, the per-browser manifests made from it, the
// locales and the fixed extension ids the browser tests rely on.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestFor, chromeIdFromKey, readBaseManifest } from '../../tools/make-manifest.mjs';
import { BUNDLES, STATIC } from '../../tools/bundle.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXT = path.join(REPO, 'extension');
const base = readBaseManifest(REPO);

// The extension's own sources (the generated wasm glue under wasm/ is not ours).
function sources(dir = EXT) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (path.relative(EXT, p) !== 'wasm') out.push(...sources(p));
    } else if (e.name.endsWith('.js') || e.name.endsWith('.html')) {
      out.push(p);
    }
  }
  return out;
}
const locales = Object.fromEntries(
  readdirSync(path.join(EXT, '_locales')).map((l) => [l, JSON.parse(readFileSync(path.join(EXT, '_locales', l, 'messages.json'), 'utf8'))]),
);

test('Chrome: a module service worker only, no Firefox settings, key kept for unpacked loads', () => {
  const m = manifestFor(base, 'chrome');
  assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
  assert.equal(m.browser_specific_settings, undefined);
  assert.equal(m.key, base.key);
  assert.equal(manifestFor(base, 'chrome', { keepKey: false }).key, undefined);
});

test('Firefox: module background scripts and gecko settings, no key', () => {
  const m = manifestFor(base, 'firefox');
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  assert.equal(m.background.service_worker, undefined);
  assert.equal(m.key, undefined);
  const gecko = m.browser_specific_settings.gecko;
  assert.equal(gecko.id, 'noteworthy@noteworthy.example');
  assert.equal(gecko.strict_min_version, '142.0');
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
});

test('the generator does not change the base and refuses unknown browsers', () => {
  const before = JSON.stringify(base);
  manifestFor(base, 'firefox');
  manifestFor(base, 'chrome', { keepKey: false });
  assert.equal(JSON.stringify(base), before);
  assert.throws(() => manifestFor(base, 'safari'), /unknown browser/);
});

test('base manifest: MV3, least privilege, wasm only in extension pages', () => {
  assert.equal(base.manifest_version, 3);
  // scripting: after an update or reload, the new content script is put into
  // LinkedIn tabs already open (Chrome does not); no install warning.
  assert.deepEqual(base.permissions, ['storage', 'scripting']);
  assert.deepEqual(base.host_permissions, ['https://www.linkedin.com/*']);
  assert.equal(base.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.equal(base.default_locale, 'en');
  assert.match(base.name, /^__MSG_\w+__$/);
  assert.match(base.description, /^__MSG_\w+__$/);
  const [cs] = base.content_scripts;
  assert.deepEqual(cs.matches, ['https://www.linkedin.com/*'], 'the whole site: it is a single-page app');
  assert.deepEqual(cs.js, ['content.js'], 'one bundle: its modules import what they use');
  assert.equal(base.web_accessible_resources, undefined, 'nothing exposed to pages');
});

test('every file the manifest names is a bundle or a static file of tools/bundle.mjs, and its source exists', () => {
  const made = new Map([...BUNDLES.map((b) => [b.out, b.entry]), ...STATIC.map(([from, to]) => [to, from])]);
  const files = [
    ...base.content_scripts.flatMap((c) => c.js),
    base.background.service_worker,
    base.action.default_popup,
    ...Object.values(base.icons),
    ...Object.values(base.action.default_icon),
  ];
  for (const f of files) {
    const from = made.get(f) ?? [...made].map(([to, src]) => (f.startsWith(to + '/') ? path.join(src, f.slice(to.length + 1)) : null)).find(Boolean);
    assert.ok(from, `${f} is neither a bundle nor a static file in tools/bundle.mjs`);
    assert.ok(existsSync(path.join(EXT, from)), `${f}: its source extension/${from} is missing`);
  }
  for (const size of ['16', '32', '48', '128']) {
    const png = readFileSync(path.join(EXT, base.icons[size]));
    assert.equal(png.readUInt32BE(16), Number(size), `icon ${size} is ${size}px wide`);
  }
});

test('no file reads another through a global: modules import what they use', () => {
  for (const f of sources()) {
    const src = readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /globalThis\.Noteworthy|\bmodule\.exports\b|\brequire\(/, path.relative(EXT, f));
  }
});

test('the protocol words live in protocol.js only', () => {
  const words = ["'classify'", "'report'", "'tab-state'", "'not-invitations'", "'unrecognised'", "'pending'", "'no-access'", "'blank'", "'generic'", "'personalized'"];
  for (const f of sources().filter((p) => p.endsWith('.js') && path.basename(p) !== 'protocol.js')) {
    const src = readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const w of words) assert.ok(!src.includes(w), `${path.relative(EXT, f)} spells ${w}: import it from protocol.js`);
  }
});

test('tests/extension-ids.json matches the manifest key and gecko id', async () => {
  const ids = JSON.parse(readFileSync(path.join(REPO, 'tests', 'extension-ids.json'), 'utf8'));
  assert.equal(ids.chrome.id, await chromeIdFromKey(base.key));
  assert.match(ids.chrome.id, /^[a-p]{32}$/);
  assert.equal(ids.firefox.geckoId, base.browser_specific_settings.gecko.id);
  assert.match(ids.firefox.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('every locale has every message, with the same placeholders', () => {
  const en = locales.en;
  assert.deepEqual(Object.keys(locales).sort(), ['de', 'en', 'es', 'fr']);
  for (const [lang, msgs] of Object.entries(locales)) {
    assert.deepEqual(Object.keys(msgs).sort(), Object.keys(en).sort(), lang);
    for (const [key, { message }] of Object.entries(msgs)) {
      assert.ok(message.trim(), `${lang}.${key} is empty`);
      const ph = (s) => (s.match(/\$\d/g) || []).sort().join();
      assert.equal(ph(message), ph(en[key].message), `${lang}.${key} placeholders`);
    }
  }
});

test('every message the code asks for exists', () => {
  const used = new Set();
  for (const f of sources()) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\('(\w+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]);
    for (const m of src.matchAll(/'((?:label|badgeName|action|strictness)[A-Z]\w*)'/g)) used.add(m[1]);
  }
  for (const m of JSON.stringify(base).matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  assert.ok(used.size > 20);
  for (const key of used) assert.ok(locales.en[key], `missing message ${key}`);
});

test('the extension never writes HTML from data, and makes no network requests', () => {
  for (const file of sources().filter((p) => p.endsWith('.js'))) {
    const src = readFileSync(file, 'utf8');
    const f = path.relative(EXT, file);
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(|new Function/, f);
    assert.doesNotMatch(src, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/, f);
  }
});
