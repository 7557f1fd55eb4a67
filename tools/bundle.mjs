// Bundles the extension's ES modules with esbuild and lays out one browser's
// package: three bundles (each with its source map) plus the static files.
//
//   node tools/bundle.mjs <out-dir>        e.g. dist/chrome
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

/** Files copied as they are: source (under extension/) -> place in the package. */
export const STATIC = [
  ['_locales', '_locales'],
  ['icons', 'icons'],
  ['popup/popup.html', 'popup.html'],
  ['popup/popup.css', 'popup.css'],
  ['wasm/noteworthy_wasm_bg.wasm', 'wasm/noteworthy_wasm_bg.wasm'],
];

export async function bundleInto(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const b of BUNDLES) {
    await build({
      entryPoints: [path.join(SRC, b.entry)],
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
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node tools/bundle.mjs <out-dir>');
    process.exit(2);
  }
  await bundleInto(path.resolve(out));
}
