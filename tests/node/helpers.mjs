// Shared helpers for the Node tests: paths, fixtures in jsdom, the wasm glue.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(REPO, 'tests', 'fixtures');
export const EXTENSION = path.join(REPO, 'extension');
const WASM_NODE = path.join(REPO, 'target', 'wasm-node', 'noteworthy_wasm.js');

/** The URL each fixture is served at (see routes.json). */
export const FIXTURE_URLS = {
  'era-a-received.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-a',
  'era-b-received.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/',
  'era-b-received-de.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-b-de',
  'era-c-received.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-c',
  'era-c-received-de.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=era-c-de',
  'unrecognised.html': 'https://www.linkedin.com/mynetwork/invitation-manager/received/?fixture=unrecognised',
  'feed.html': 'https://www.linkedin.com/feed/',
  'mynetwork-preview.html': 'https://www.linkedin.com/mynetwork/',
  'invite-shadow.html': 'https://www.linkedin.com/in/jonas-weber/?fixture=invite-shadow',
  'invite-shadow-de.html': 'https://www.linkedin.com/in/jonas-weber/?fixture=invite-shadow-de',
  'invite-plain.html': 'https://www.linkedin.com/in/lena-hoffmann/?fixture=invite-plain',
  'invite-plain-de.html': 'https://www.linkedin.com/in/lena-hoffmann/?fixture=invite-plain-de',
};

/**
 * A fixture in jsdom. Scripts in the page do not run unless `scripts` is
 * true, in which case linkedin.js (the fixture's stand-in for LinkedIn's
 * scripts) is evaluated in the window.
 */
export function loadFixture(file, { url = FIXTURE_URLS[file], scripts = false } = {}) {
  return loadHtml(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { url, scripts });
}

/** The same for a page given as HTML (a fixture changed by a test). */
export function loadHtml(html, { url, scripts = false }) {
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

/** The expected label of a card root, from its test-only wrapper. */
export function expectedLabel(root) {
  const holder = root.closest('[data-expected]');
  return holder ? holder.getAttribute('data-expected') : null;
}

/** The core as Node loads it (nodejs-target glue written by build.sh). */
export function wasm() {
  if (!fs.existsSync(WASM_NODE)) {
    throw new Error(`${path.relative(REPO, WASM_NODE)} is missing: run "bash build.sh" first`);
  }
  return require(WASM_NODE);
}

export function waitFor(predicate, { timeout = 5000, interval = 20 } = {}) {
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

