// The Era C (2026) reader: cards found by structure, notes in the
// expandable-text-box, and rows that are not a person's invitation left alone.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as R from '../../extension/page-reader.js';
import { surveyEraC } from '../../extension/page-reader-era-c.js';
import { expectedLabel, loadFixture } from './helpers.mjs';

function read(file) {
  const dom = loadFixture(file);
  return { dom, doc: dom.window.document, page: R.readPage(dom.window.document, dom.window.location.href) };
}

const byName = (page, name) => {
  const card = page.cards.find((c) => c.sender.name === name);
  assert.ok(card, 'no card for ' + name);
  return card;
};

for (const file of ['era-c-received.html', 'era-c-received-de.html']) {
  test(`Era C ${file}: a card for each person's invitation, found by structure`, () => {
    const { doc, page } = read(file);
    assert.equal(page.status, 'ok');
    assert.equal(page.era, 'C');
    // Exactly the wrappers the fixture declares as a person's invitation.
    const declared = Array.from(doc.querySelectorAll('[data-expected]')).filter((w) => w.getAttribute('data-expected') !== 'none');
    assert.equal(page.cards.length, declared.length);
    assert.equal(page.cards.length, 6);
    for (const card of page.cards) {
      assert.equal(card.root.getAttribute('role'), 'listitem');
      assert.notEqual(expectedLabel(card.root), 'none');
      assert.ok(card.ignoreButton && card.ignoreButton.tagName === 'BUTTON', `${card.sender.name}: Ignore is a button`);
      assert.ok(card.acceptButton, `${card.sender.name}: Accept found`);
    }
    // The key is the id when present; otherwise the profile path.
    assert.equal(byName(page, 'Nora Lindqvist').id, '7320000000000000101');
    assert.equal(byName(page, 'Tomás Herrera').id, 'c:/in/tomas-herrera-9a/');
    // Name with and without <strong>; blank has no note.
    assert.equal(byName(page, 'Tomás Herrera').note, null);
    assert.equal(byName(page, 'Nora Lindqvist').sender.mutual_connections.startsWith('12 '), true);
    // The clamped note: its toggle ("… see more") is not part of it.
    const aiko = byName(page, 'Aiko Tanaka').note;
    assert.ok(aiko.includes('KubeCon'), aiko);
    assert.doesNotMatch(aiko, /…|see more|mehr anzeigen/);
    // "Follows you": Accept is a link, Ignore a button.
    const jonas = byName(page, 'Jonas Berg');
    assert.equal(jonas.acceptButton.tagName, 'A');
    assert.equal(jonas.ignoreButton.tagName, 'BUTTON');
    // Markup-looking text is text.
    const hostile = page.cards.find((c) => c.profileUrl.includes('/in/hostile-sender/'));
    assert.equal(hostile.sender.name, '<img src=x onerror="window.__pwned=1"> Rae');
    assert.ok(byName(page, 'Elif Demir').note.startsWith('<img src=x onerror="window.__pwned=1">'));
  });
}

test('Era C: the rail and newsletter/page/event invitations are not cards', () => {
  const { doc } = read('era-c-received.html');
  const screen = doc.querySelector('[data-sdui-screen]');
  const s = surveyEraC(screen);
  const ids = (rows) => rows.map((r) => r.closest('[data-invitation-id]').getAttribute('data-invitation-id')).sort();
  assert.deepEqual(ids(s.notPerson), ['x-event', 'x-newsletter', 'x-page']);
  assert.deepEqual(ids(s.afterHeading), ['pymk-1', 'pymk-2']);
  assert.deepEqual(s.other, []);
});

test('Era C: a list holding only the rail is a known page with nothing to badge', () => {
  const dom = loadFixture('era-c-received.html');
  const doc = dom.window.document;
  for (const w of doc.querySelectorAll('[data-expected]:not([data-expected="none"])')) w.parentElement.remove();
  const found = R.detect(doc, dom.window.location.href);
  assert.equal(found.status, 'ok');
  assert.equal(found.roots.length, 0);
});

test('Era B pages stay Era B (all their rows carry componentkey)', () => {
  const { page } = read('era-b-received.html');
  assert.equal(page.era, 'B');
  assert.equal(page.cards.length, 14);
});

test('Era B: a keyed row inviting to a page or newsletter is not a card either', () => {
  const dom = loadFixture('era-b-received.html');
  const doc = dom.window.document;
  const row = doc.querySelector('[componentkey="urn:li:invitation:7311000000000000102"]');
  const link = row.querySelector('p a[href*="/in/"]');
  link.setAttribute('href', 'https://www.linkedin.com/company/brightlane-robotics/');
  for (const a of row.querySelectorAll('a[href*="/in/marco-bellini/"]')) a.setAttribute('href', 'https://www.linkedin.com/company/brightlane-robotics/');
  const page = R.readPage(doc, dom.window.location.href);
  assert.equal(page.era, 'B');
  assert.equal(page.cards.length, 13);
  assert.ok(!page.cards.some((c) => c.root === row));
});
