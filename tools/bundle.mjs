// Bundles the extension's ES modules with esbuild and lays out one browser's
// package: three bundles (each with its source map) plus the static files.
//
//   node tools/bundle.mjs <out-dir>          e.g. dist/chrome
//   node tools/bundle.mjs --test <out-dir>   e.g. dist/test-chrome: the same,
//        but the content script also carries content/test-hooks.js, which
//        lets the end-to-end tests read badges in their closed shadow roots.
//        Test packages are never zipped or shipped.
//
// The content script must be a classic script (MV3 content scripts cannot be
// modules), so it is bundled as an IIFE; so is the popup's. The background
// stays an ES module: Chrome runs it as a module service worker, Firefox as
// a module background script, and the wasm-bindgen glue it includes uses
// import.meta.url. manifest.json names only these bundles.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'extension');

/** Entry module (under extension/) -> bundle (at the package root). */
export const BUNDLES = [
  { entry: 'content/index.js', out: 'content.js', format: 'iife' },
  { entry: 'background/index.js', out: 'background.js', format: 'esm' },
  { entry: 'popup/index.js', out: 'popup.js', format: 'iife' },
];

/** The test package's content script entry: the release one plus the test hooks. */
export const TEST_CONTENT_ENTRY = 'content/index-test.js';

/** Files copied as they are: source (under extension/) -> place in the package. */
export const STATIC = [
  ['_locales', '_locales'],
  ['icons', 'icons'],
  ['popup/popup.html', 'popup.html'],
  ['popup/popup.css', 'popup.css'],
  ['wasm/noteworthy_wasm_bg.wasm', 'wasm/noteworthy_wasm_bg.wasm'],
];

export async function bundleInto(outDir, { test = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  for (const b of BUNDLES) {
    const entry = test && b.out === 'content.js' ? TEST_CONTENT_ENTRY : b.entry;
    await build({
      entryPoints: [path.join(SRC, entry)],
      outfile: path.join(outDir, b.out),
      bundle: true,
      format: b.format,
      // What the manifest allows: Chrome 120+ (module workers, MV3) and
      // Firefox 142+ (gecko strict_min_version); nothing to lower.
      target: ['chrome120', 'firefox142'],
      // Readable output (add-on reviewers read it) with maps for debugging.
      minify: false,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  for (const [from, to] of STATIC) {
    const src = path.join(SRC, from);
    if (!existsSync(src)) throw new Error(`bundle: ${path.relative(ROOT, src)} is missing (run build.sh)`);
    cpSync(src, path.join(outDir, to), { recursive: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const test = args[0] === '--test';
  const out = test ? args[1] : args[0];
  if (!out) {
    console.error('usage: node tools/bundle.mjs [--test] <out-dir>');
    process.exit(2);
  }
  await bundleInto(path.resolve(out), { test });
}
