// What each bundle is made of (esbuild's metafile, built in memory from the
// same list build.sh uses): the content script and the popup carry no wasm
// (Chromium refuses WebAssembly in a content script under LinkedIn's CSP,
// and each try is reported to the page); only the background does.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';
import { BUNDLES, TEST_CONTENT_ENTRY } from '../../tools/bundle.mjs';
import { EXTENSION } from './helpers.mjs';

async function inputsOf(entry, format) {
  const r = await build({ entryPoints: [path.join(EXTENSION, entry)], bundle: true, format, write: false, metafile: true, logLevel: 'silent' });
  return { inputs: Object.keys(r.metafile.inputs).map((p) => path.relative(EXTENSION, path.resolve(p))), text: r.outputFiles[0].text };
}

const bundle = (out) => BUNDLES.find((b) => b.out === out);

test('three bundles: content script (classic), background (module), popup', () => {
  assert.deepEqual(BUNDLES.map((b) => [b.out, b.format]), [['content.js', 'iife'], ['background.js', 'esm'], ['popup.js', 'iife']]);
});

test('the content script bundle holds no wasm and nothing of the background', async () => {
  const { inputs, text } = await inputsOf(bundle('content.js').entry, 'iife');
  assert.ok(inputs.includes('protocol.js') && inputs.includes('selectors.js'), inputs.join(', '));
  assert.deepEqual(inputs.filter((p) => p.startsWith('wasm/') || p.startsWith('background/') || p.startsWith('popup/')), []);
  assert.doesNotMatch(text, /WebAssembly/);
});

test('the popup bundle holds no wasm', async () => {
  const { inputs, text } = await inputsOf(bundle('popup.js').entry, 'iife');
  assert.deepEqual(inputs.filter((p) => p.startsWith('wasm/') || p.startsWith('background/') || p.startsWith('content/')), []);
  assert.doesNotMatch(text, /WebAssembly/);
});

test('the release content script has no test hook; the test one has', async () => {
  const release = await inputsOf(bundle('content.js').entry, 'iife');
  assert.deepEqual(release.inputs.filter((p) => p.includes('test')), []);
  assert.doesNotMatch(release.text, /noteworthy-test-request/);
  const withHooks = await inputsOf(TEST_CONTENT_ENTRY, 'iife');
  assert.ok(withHooks.inputs.includes('content/test-hooks.js'), withHooks.inputs.join(', '));
  assert.match(withHooks.text, /noteworthy-test-request/);
});
