// Shared by the Chromium and Firefox e2e tests (scenarios.mjs, the harnesses,
// bench.mjs): fixtures, ids, checks.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_IDS_FILE, OUT_DIR, SCREENSHOTS_DIR } from './paths.mjs';

/** Fixture pages, by the URL the tests open them at (see tests/fixtures/routes.json). */
export const FIXTURES = {
  eraA: { name: 'era-a', path: '/mynetwork/invitation-manager/received/?fixture=era-a' },
  eraB: { name: 'era-b', path: '/mynetwork/invitation-manager/received/' },
  eraBde: { name: 'era-b-de', path: '/mynetwork/invitation-manager/received/?fixture=era-b-de' },
  eraC: { name: 'era-c', path: '/mynetwork/invitation-manager/received/?fixture=era-c' },
  eraCde: { name: 'era-c-de', path: '/mynetwork/invitation-manager/received/?fixture=era-c-de' },
  preview: { name: 'mynetwork-preview', path: '/mynetwork/' },
  feed: { name: 'feed', path: '/feed/' },
  unrecognised: { name: 'unrecognised', path: '/mynetwork/invitation-manager/received/?fixture=unrecognised' },
};

export const LABELS = ['blank', 'generic', 'personalized'];
export const WAIT = Number(process.env.E2E_WAIT_MS || 30_000); // generous: shared, noisy machines

export function extensionIds() {
  const raw = JSON.parse(readFileSync(EXTENSION_IDS_FILE, 'utf8'));
  return {
    chromeId: raw.chromeId ?? raw.chrome?.id ?? raw.chromium?.id,
    geckoId: raw.geckoId ?? raw.firefox?.geckoId,
    firefoxUuid: raw.firefoxUuid ?? raw.firefox?.uuid,
  };
}

export function outPath(file) {
  mkdirSync(OUT_DIR, { recursive: true });
  return join(OUT_DIR, file);
}

/**
 * Copy chosen screenshots ({"out-name.png": "docs-name.png"}) from tests/browser/out/ to docs/screenshots/ when
 * UPDATE_SCREENSHOTS=1 (so ordinary runs never dirty the work tree).
 */
export function publishScreenshots(map) {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  for (const [from, to] of Object.entries(map)) {
    const src = join(OUT_DIR, from);
    if (existsSync(src)) copyFileSync(src, join(SCREENSHOTS_DIR, to));
  }
}

/** Assert that every card carries exactly its expected label and one badge. */
export function assertCardsMatch(state, { expectedById = null, what = '' } = {}) {
  assert.ok(state.cards.length > 0, `${what}: fixture has no [data-expected] cards`);
  const problems = [];
  for (const c of state.cards) {
    const want = expectedById && c.expected !== 'none' ? expectedById[c.id] : c.expected;
    if (want === 'none') {
      if (c.labels.length || c.badges) problems.push(`${c.id}: expected no label/badge, got labels=${JSON.stringify(c.labels)} badges=${c.badges}`);
    } else {
      if (c.labels.length !== 1 || c.labels[0] !== want) problems.push(`${c.id}: expected ${want}, got ${JSON.stringify(c.labels)}`);
      if (c.badges !== 1) problems.push(`${c.id}: expected 1 badge, got ${c.badges}`);
    }
  }
  if (state.strayLabels) problems.push(`${state.strayLabels} data-noteworthy outside fixture cards`);
  if (state.strayBadges) problems.push(`${state.strayBadges} badges outside fixture cards`);
  assert.deepEqual(problems, [], `${what}: cards do not match (${state.url})\n  ${problems.join('\n  ')}`);
}

export function assertNoCsp(state, server, what = '') {
  assert.ok(state.cspViolations === null || state.cspViolations === '0',
    `${what}: page saw ${state.cspViolations} securitypolicyviolation event(s)`);
  assert.deepEqual(server.cspReports.map((r) => r.report), [], `${what}: server received CSP reports`);
}

export function countLabels(state) {
  const n = { blank: 0, generic: 0, personalized: 0 };
  for (const c of state.cards) for (const l of c.labels) if (l in n) n[l]++;
  return n;
}

/** First card with this expected label (balanced), skipping the hostile one. */
export function pickCard(state, expected) {
  const c = state.cards.find((x) => x.expected === expected && x.labels.length);
  assert.ok(c, `no labelled card expected "${expected}" on ${state.url}`);
  return c.id;
}

export function cardSelector(id) {
  return `[componentkey="urn:li:invitation:${id}"], [data-invitation-id="${id}"]`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A badge part's place on screen once it has stopped moving and nothing is
 * drawn over it: `read()` asks the test hook (which scrolls the part into
 * view) until two answers 50 ms apart agree and the part is on top at its
 * centre, for at most a second. Badges of other cards may still be drawn
 * and shift the list after the hook scrolled; a click at a stale place
 * would land on something else (or outside the viewport).
 */
async function settledRect(read) {
  let last = await read();
  for (let i = 0; last && i < 20; i++) {
    await sleep(50);
    const now = await read();
    if (!now || (now.x === last.x && now.y === last.y && now.onTop !== false)) return now;
    last = now;
  }
  return last;
}

/**
 * Clicks a badge's own button and returns once its panel has toggled; a
 * click lost (the toggle did not happen within 2 s) is said on the console
 * and sent once more, so a lost click is seen, not read as the badge
 * refusing to open. The one cause found so far was the product's: bulk
 * decline's bar came 250 ms after the last badge and pushed the list down
 * during the click (Firefox dropped it); it now lands with the badges.
 */
async function clickToToggle(name, id, readExpanded, click) {
  const before = await readExpanded();
  for (let attempt = 0; attempt < 2; attempt++) {
    const where = await click();
    for (let i = 0; i < 20; i++) {
      if ((await readExpanded()) !== before) return;
      await sleep(100);
    }
    console.warn(`${name}: a click on the badge of ${id} at ${JSON.stringify(where)} did not toggle it within 2 s${attempt ? '' : '; clicking once more'}`);
  }
}

/**
 * A real click on `part` of card `id`'s badge, for either browser: `ask(op,
 * args)` asks the test hook, `clickAt(x, y)` is the browser's trusted
 * pointer click. The badge's own button is clicked until its panel toggles
 * (see clickToToggle).
 */
export async function clickBadgeWith(name, id, part, ask, clickAt) {
  const clickPart = async () => {
    const r = await settledRect(() => ask('rect', { id, part }));
    if (!r) throw new Error(`card ${id} has no ${part} in its badge`);
    await clickAt(r.x, r.y);
    return r;
  };
  if (part !== 'button.nw-badge') return clickPart();
  await clickToToggle(name, id, async () => (await ask('state', { id }))?.expanded, clickPart);
}
