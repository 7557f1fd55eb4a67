#!/usr/bin/env bash
# Builds the Noteworthy extension for Chrome and Firefox.
#
#   bash build.sh
#
# Installs what it lacks (the wasm32 Rust target, wasm-bindgen-cli at the
# version in Cargo.lock, wasm-opt, npm packages), then:
#   crates/noteworthy-wasm  -> wasm (cargo, profile "wasm")
#   wasm-bindgen --target web     -> extension/wasm/   (gitignored; bundled into background.js)
#   wasm-bindgen --target nodejs  -> target/wasm-node/ (for tests/node)
#   wasm-opt -O1 on the .wasm
#   esbuild (tools/bundle.mjs): extension/ ES modules -> content.js, background.js, popup.js (+ .map)
#   dist/chrome/, dist/firefox/  (one manifest.json, per-browser differences by tools/make-manifest.mjs)
#   dist/test-chrome/, dist/test-firefox/  the same plus test hooks, for tests/browser only
#   dist/noteworthy-chrome.zip, dist/noteworthy-firefox.zip
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '==> %s\n' "$*"; }

# --- tools ---------------------------------------------------------------

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly, or the glue and the
# wasm disagree. (--locked fails here: a locked dependency of the CLI is
# no longer on the registry.)
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WB_VERSION" ]; then
  echo "build.sh: no wasm-bindgen in Cargo.lock; run cargo build -p noteworthy-wasm first" >&2
  exit 1
fi
if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ ! -d node_modules ] || [ ! -x node_modules/.bin/esbuild ]; then
  say "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# wasm-opt: npm's binaryen (a devDependency) first. Debian bookworm's
# binaryen 108 corrupts wasm-bindgen's externref table (the glue then fails
# with "WebAssembly.Table.set(): Argument 1 is invalid"), so a system
# wasm-opt is used only when it is version 116 or newer.
WASM_OPT=""
if [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing wasm-opt (npm binaryen)"
  npm install --no-save --no-audit --no-fund binaryen >/dev/null || true
fi
if [ -x node_modules/.bin/wasm-opt ]; then
  WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
elif have wasm-opt && [ "$(wasm-opt --version | grep -o '[0-9]\+' | head -1)" -ge 116 ]; then
  WASM_OPT="$(command -v wasm-opt)"
fi

# --- wasm ----------------------------------------------------------------

say "building noteworthy-wasm for wasm32"
cargo build -p noteworthy-wasm --target wasm32-unknown-unknown --profile wasm
RAW="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/noteworthy_wasm.wasm"

WEB_OUT="extension/wasm"
NODE_OUT="target/wasm-node"
rm -rf "$WEB_OUT" "$NODE_OUT"
mkdir -p "$WEB_OUT" "$NODE_OUT"
wasm-bindgen --target web --no-typescript --out-dir "$WEB_OUT" "$RAW"
wasm-bindgen --target nodejs --no-typescript --out-dir "$NODE_OUT" "$RAW"

# One .wasm serves both targets; shrink it once, and keep the shrunk file
# only if it still loads and answers (a bad optimiser must not ship).
# -O1, not -Oz: measured alternately on the corpus in Node, -Oz, -O2 and
# -O3 made classify_compact 12-15% slower than LLVM's output as it comes
# (14.2-15.4 against 12.3-13.0 µs a card) and saved nothing gzipped
# (212.7 KB against 212.9 KB for -O1); -O1 keeps the speed and takes the
# raw file from 586 to 531 KB.
if [ -n "$WASM_OPT" ]; then
  say "wasm-opt -O1 ($("$WASM_OPT" --version))"
  cp "$NODE_OUT/noteworthy_wasm_bg.wasm" "$NODE_OUT/raw.wasm"
  "$WASM_OPT" -O1 --enable-simd "$NODE_OUT/raw.wasm" -o "$NODE_OUT/noteworthy_wasm_bg.wasm"
  if node -e "const w = require('./$NODE_OUT/noteworthy_wasm.js'); if (w.classify({}, 'balanced').label !== 'blank') process.exit(1)"; then
    rm "$NODE_OUT/raw.wasm"
  else
    echo "build.sh: the optimised wasm does not work; shipping it unoptimised" >&2
    mv "$NODE_OUT/raw.wasm" "$NODE_OUT/noteworthy_wasm_bg.wasm"
  fi
  cp "$NODE_OUT/noteworthy_wasm_bg.wasm" "$WEB_OUT/noteworthy_wasm_bg.wasm"
else
  echo "build.sh: no usable wasm-opt; the wasm is not optimised" >&2
fi

# --- packages ------------------------------------------------------------

zip_dir() { # zip_dir <dir> <out.zip>: the dir's contents at the zip's root
  local dir="$1" out="$2"
  rm -f "$out"
  if have zip; then
    (cd "$dir" && zip -qr -X "$out" .)
  else
    python3 - "$dir" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(base, f)
            z.write(p, os.path.relpath(p, src))
PY
  fi
}

rm -rf dist
mkdir -p dist
for browser in chrome firefox; do
  say "writing dist/$browser"
  node tools/bundle.mjs "dist/$browser"
  node tools/make-manifest.mjs "$browser" "dist/$browser/manifest.json"
  # The package the end-to-end tests load: the same, plus the test hooks
  # that read badges in their closed shadow roots (never zipped or shipped).
  say "writing dist/test-$browser"
  node tools/bundle.mjs --test "dist/test-$browser"
  node tools/make-manifest.mjs "$browser" "dist/test-$browser/manifest.json"
done

# The Web Store refuses a manifest with "key" (it only fixes the id of an
# unpacked load), so the Chrome zip is made from a copy without it.
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R dist/chrome/. "$STAGE/"
node tools/make-manifest.mjs chrome "$STAGE/manifest.json" --no-key
zip_dir "$STAGE" "$ROOT/dist/noteworthy-chrome.zip"
zip_dir "$ROOT/dist/firefox" "$ROOT/dist/noteworthy-firefox.zip"

WASM_SIZE="$(wc -c < "$WEB_OUT/noteworthy_wasm_bg.wasm")"
cat <<MSG

Built (wasm $WASM_SIZE bytes).
  Chrome:  chrome://extensions -> Developer mode -> Load unpacked -> $ROOT/dist/chrome
           (store upload: $ROOT/dist/noteworthy-chrome.zip)
  Firefox: about:debugging#/runtime/this-firefox -> Load Temporary Add-on -> $ROOT/dist/firefox/manifest.json
           (signing/upload: $ROOT/dist/noteworthy-firefox.zip)
  Node tests use the nodejs glue in $ROOT/$NODE_OUT: npm test
MSG
