// Shared helpers for the Node tests: paths, fixtures in jsdom, the wasm glue.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { JSDOM } = require('jsdom');

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'tests', 'fixtures');
const EXTENSION = path.join(REPO, 'extension');
const WASM_NODE = path.join(REPO, 'target', 'wasm-node', 'noteworthy_wasm.js');

/** The URL each fixture is served at (see routes.json). */
const FIXTURE_URLS = {
  'era-a-received.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-a',
  'era-b-received.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/',
  'era-b-received-de.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-b-de',
  'unrecognised.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=unrecognised',
  'feed.html': 'https://www.linkedin.com/feed/',
  'mynetwork-preview.html': 'https://www.linkedin.com/mynetwork/',
};

/**
 * A fixture in jsdom. Scripts in the page do not run unless `scripts` is
 * true, in which case linkedin.js (the fixture's stand-in for LinkedIn's
 * scripts) is evaluated in the window.
 */
function loadFixture(file, { url = FIXTURE_URLS[file], scripts = false } = {}) {
  const html = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  const dom = new JSDOM(html, { url, runScripts: scripts ? 'outside-only' : undefined, pretendToBeVisual: true });
  const doc = dom.window.document;
  if (scripts) dom.window.eval(fs.readFileSync(path.join(FIXTURES, 'linkedin.js'), 'utf8'));
  // jsdom fires DOMContentLoaded after construction, asynchronously: await
  // `dom.ready` before using what the fixture's script sets up.
  dom.ready = new Promise((resolve) => {
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => resolve(dom));
    else resolve(dom);
  });
  return dom;
}

/** Evaluates extension files (classic scripts) in a jsdom window, in order. */
function loadExtensionScripts(dom, files) {
  for (const f of files) dom.window.eval(fs.readFileSync(path.join(EXTENSION, f), 'utf8'));
}

/** The expected label of a card root, from its test-only wrapper. */
function expectedLabel(root) {
  const holder = root.closest('[data-expected]');
  return holder ? holder.getAttribute('data-expected') : null;
}

function wasm() {
  if (!fs.existsSync(WASM_NODE)) {
    throw new Error(`${path.relative(REPO, WASM_NODE)} is missing: run "bash build.sh" first`);
  }
  return require(WASM_NODE);
}

function waitFor(predicate, { timeout = 5000, interval = 20 } = {}) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      let value;
      try {
        value = predicate();
      } catch (e) {
        return reject(e);
      }
      if (value) return resolve(value);
      if (Date.now() - start > timeout) return reject(new Error('timed out waiting for ' + predicate.toString()));
      setTimeout(tick, interval);
    };
    tick();
  });
}

module.exports = { REPO, FIXTURES, EXTENSION, FIXTURE_URLS, loadFixture, loadExtensionScripts, expectedLabel, wasm, waitFor };
