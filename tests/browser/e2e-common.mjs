// Shared by the Chromium and Firefox e2e tests: fixtures, ids, checks.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_IDS_FILE, OUT_DIR, SCREENSHOTS_DIR } from './paths.mjs';
import { allCardsLabelled, readCards } from './probes.mjs';

/** Fixture pages, by the URL the tests open them at (see tests/fixtures/routes.json). */
export const FIXTURES = {
  eraA: { name: 'era-a', path: '/mynetwork/invitation-manager/received/?fixture=era-a' },
  eraB: { name: 'era-b', path: '/mynetwork/invitation-manager/received/' },
  eraBde: { name: 'era-b-de', path: '/mynetwork/invitation-manager/received/?fixture=era-b-de' },
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
 * Feed -> invitations -> feed -> back, all in-page, on a page already open
 * at the feed fixture. The same steps in both browsers; `drive` adapts the
 * browser's API: run(fn) in the page, wait(fn) until it is true there,
 * click(selector), back(), settleCsp(), and `server` for CSP reports.
 * `prefix` starts the assertion labels ('' or 'firefox ').
 */
export async function spaScenario(drive, prefix = '') {
  await drive.wait(() => !!document.documentElement.dataset.noteworthyStatus);
  let state = await drive.run(readCards);
  assert.equal(state.status, 'not-invitations', 'status on the feed');
  assert.equal(state.totalBadges, 0, 'no badges on the feed');
  await drive.run(() => { window.__sameDocument = true; });

  await drive.click('#fixture-invitations-link');
  await drive.wait(() => location.pathname.startsWith('/mynetwork/invitation-manager/'));
  await drive.wait(allCardsLabelled);
  await drive.wait(() => document.documentElement.dataset.noteworthyStatus === 'ok');
  state = await drive.run(readCards);
  assert.equal(await drive.run(() => window.__sameDocument), true, 'navigation was in-page (no reload)');
  assert.equal(state.status, 'ok', 'status on invitations after pushState');
  assertCardsMatch(state, { what: `${prefix}invitations reached by pushState` });

  await drive.click('#fixture-feed-link');
  await drive.wait(() => document.documentElement.dataset.noteworthyStatus === 'not-invitations');
  state = await drive.run(readCards);
  assert.equal(state.status, 'not-invitations', 'status after leaving by pushState');
  assert.equal(state.totalBadges, 0, 'no badges left on the feed');

  await drive.back(); // popstate, same document
  await drive.wait(() => document.documentElement.dataset.noteworthyStatus === 'ok');
  await drive.wait(allCardsLabelled);
  state = await drive.run(readCards);
  assert.equal(await drive.run(() => window.__sameDocument), true, 'back was in-page');
  assert.equal(state.status, 'ok', 'status after popstate back to invitations');
  assertCardsMatch(state, { what: `${prefix}invitations reached by popstate` });
  await drive.settleCsp();
  assertNoCsp(await drive.run(readCards), drive.server, `${prefix}spa`);
}
