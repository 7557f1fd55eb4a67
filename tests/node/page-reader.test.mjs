// The page reader against every frozen LinkedIn page (tests/fixtures).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as R from '../../extension/page-reader.js';
import { RECIPIENT } from '../../extension/selectors.js';
import { FIXTURES, FIXTURE_URLS, expectedLabel, loadFixture } from './helpers.mjs';

const KUBECON =
  'Great meeting you at KubeCon Europe last week — your talk on eBPF tracing was the best of the day. Would love to keep in touch.';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function read(file, url) {
  const dom = loadFixture(file, url ? { url } : {});
  return { dom, page: R.readPage(dom.window.document, dom.window.location.href) };
}

function byName(page, name) {
  const card = page.cards.find((c) => c.sender.name === name);
  assert.ok(card, 'no card for ' + name);
  return card;
}

test('routes: received pages, filters, the preview, and what is not ours', () => {
  const u = (p) => 'https://www.linkedin.com' + p;
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/')), 'received');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/received/')), 'received');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/received')), 'received');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/')), 'received');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/received/?filterCriteria=null')), 'received');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/sent/')), 'sent');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/sent/CONNECTION/')), 'sent');
  assert.equal(R.routeOf(u('/mynetwork/invitation-manager/sent/?invitationType=CONNECTION')), 'sent');
  assert.equal(R.routeOf(u('/mynetwork/')), 'preview');
  assert.equal(R.routeOf(u('/mynetwork/grow/')), 'preview');
  assert.equal(R.routeOf(u('/feed/')), 'other');
  assert.equal(R.routeOf(u('/in/someone/')), 'other');
  assert.equal(R.routeOf('not a url'), 'other');
  assert.equal(R.isInvitationsUrl(u('/mynetwork/invitation-manager/sent/')), false);
  assert.equal(R.isInvitationsUrl(u('/mynetwork/grow/')), true);
});

test('Era B (English): every card, its sender, note and Ignore button', () => {
  const { page } = read('era-b-received.html');
  assert.equal(page.status, 'ok');
  assert.equal(page.era, 'B');
  assert.equal(page.cards.length, 14);
  assert.deepEqual(page.recipient, { name: 'Sam Lee', headline: null });

  // A note holding markup as text is read as that text, never parsed.
  assert.equal(byName(page, 'Noor Haddad').note,
    'I\'d like to add you to my professional network on LinkedIn. <img src=x onerror="window.__pwned=1"> <b>bold</b>');

  const ana = byName(page, 'Ana Ruiz');
  assert.equal(ana.id, '7311000000000000101');
  assert.equal(ana.sender.headline, 'Talent Partner at Brightlane | Hiring backend engineers');
  assert.equal(ana.sender.mutual_connections, '12 mutual connections');
  assert.equal(ana.note, "I'd like to add you to my professional network on LinkedIn.");
  assert.equal(ana.ignoreButton.getAttribute('aria-label'), 'Ignore an invitation to connect from Ana Ruiz');
  assert.equal(ana.acceptButton.getAttribute('aria-label'), 'Accept Ana Ruiz’s invitation');
  assert.equal(ana.root.getAttribute('role'), 'listitem');

  const kenji = byName(page, 'Kenji Watanabe');
  assert.equal(kenji.note, null, 'a blank invitation has no note');
  assert.equal(kenji.sender.mutual_connections, 'Anant Garg is a mutual connection');

  assert.equal(byName(page, 'Lena Fischer').note, KUBECON);
  for (const c of page.cards) {
    assert.equal(c.note === null, expectedLabel(c.root) === 'blank', c.sender.name);
    assert.ok(c.ignoreButton, 'Ignore found for ' + c.sender.name);
    assert.ok(c.root.contains(c.ignoreButton));
  }
});

test('Era B: the full text of a clamped note, without the "see more" button', () => {
  const { page } = read('era-b-received.html');
  const jonas = byName(page, 'Jonas Berg');
  assert.ok(jonas.note.startsWith('Hi Sam — we met at the Berlin Rust meetup'));
  assert.ok(jonas.note.endsWith('Happy to share what we saw.'));
  assert.ok(!/see more/i.test(jonas.note));
  assert.ok(jonas.root.querySelector('[data-testid="expandable-text-button"]'), 'the fixture does clamp it');
});

test('Era B: cards without data-view-name wrappers, and an Accept that is a link', () => {
  const { page } = read('era-b-received.html');
  const tomas = byName(page, 'Tomás Herrera');
  assert.equal(tomas.root.querySelector('[data-view-name="invitation-action"]'), null);
  assert.match(tomas.ignoreButton.getAttribute('aria-label'), /^Ignore/);
  assert.ok(tomas.note.startsWith('Priya Raman suggested'));
  const olivia = byName(page, 'Olivia Grant');
  assert.equal(olivia.acceptButton.tagName, 'A');
  assert.equal(olivia.ignoreButton.tagName, 'BUTTON');
  assert.match(olivia.ignoreButton.getAttribute('aria-label'), /^Ignore/);
});

test('a hostile sender name is read as text', () => {
  const { dom, page } = read('era-b-received.html');
  const card = byName(page, HOSTILE);
  assert.equal(card.note, null);
  assert.equal(dom.window.document.querySelectorAll('img[onerror]').length, 0, 'the fixture holds it as text');
});

test('Era B in German: structure carries the reader, not English words', () => {
  const { page } = read('era-b-received-de.html');
  assert.equal(page.status, 'ok');
  assert.equal(page.cards.length, 5);
  const katrin = byName(page, 'Katrin Vogel');
  assert.equal(katrin.ignoreButton.getAttribute('aria-label'), 'Einladung von Katrin Vogel ignorieren');
  assert.equal(katrin.sender.mutual_connections, '8 gemeinsame Kontakte');
  assert.equal(katrin.note, 'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.');
  const jonas = byName(page, 'Jonas Berg');
  assert.ok(jonas.note.endsWith('Wie misst ihr den Overhead im Betrieb?'));
  assert.ok(!/mehr anzeigen/i.test(jonas.note));
  for (const c of page.cards) assert.match(c.ignoreButton.getAttribute('aria-label'), /ignorieren$/);
});

test('Era A: class-named cards', () => {
  const { page } = read('era-a-received.html');
  assert.equal(page.status, 'ok');
  assert.equal(page.era, 'A');
  assert.equal(page.cards.length, 8);
  assert.equal(page.recipient.name, 'Sam Lee');
  const ana = byName(page, 'Ana Ruiz');
  assert.ok(ana.root.classList.contains('invitation-card'));
  assert.equal(ana.sender.headline, 'Talent Partner at Brightlane');
  assert.equal(ana.sender.mutual_connections, '12 mutual connections');
  assert.equal(ana.ignoreButton.getAttribute('aria-label'), 'Ignore invitation from Ana Ruiz');
  assert.ok(!ana.ignoreButton.classList.contains('artdeco-button--secondary'));
  const jonas = byName(page, 'Jonas Berg');
  assert.ok(jonas.note.endsWith('Happy to share what we saw.'));
  assert.ok(!/see more/i.test(jonas.note));
  for (const c of page.cards) assert.equal(c.note === null, expectedLabel(c.root) === 'blank', c.sender.name);
});

test('the /mynetwork/ preview: only the invitation cards, not suggestions', () => {
  const { page } = read('mynetwork-preview.html');
  assert.equal(page.status, 'ok');
  assert.deepEqual(page.cards.map((c) => c.sender.name), ['Ana Ruiz', 'Lena Fischer', 'Kenji Watanabe']);
  const grow = read('mynetwork-preview.html', 'https://www.linkedin.com/mynetwork/grow/').page;
  assert.equal(grow.cards.length, 3);
});

test('a page without the preview section is not an invitations page', () => {
  const { page } = read('feed.html', 'https://www.linkedin.com/mynetwork/');
  assert.equal(page.status, 'not-invitations');
  assert.equal(read('feed.html').page.status, 'not-invitations');
  assert.equal(read('era-b-received.html', 'https://www.linkedin.com/mynetwork/invitation-manager/sent/').page.status, 'not-invitations');
});

test('an invitations URL with an unknown structure is unrecognised, with no cards', () => {
  const { page } = read('unrecognised.html');
  assert.equal(page.status, 'unrecognised');
  assert.deepEqual(page.cards, []);
});

test('cards that look like invitations but cannot be read make the page unrecognised', () => {
  const { dom } = read('era-b-received.html');
  const doc = dom.window.document;
  for (const strong of doc.querySelectorAll('[componentkey^="urn:li:invitation:"] strong')) strong.replaceWith(doc.createTextNode(strong.textContent));
  assert.equal(R.readPage(doc, dom.window.location.href).status, 'unrecognised');
});

test('an empty known list is ok with no cards; a list holding unknown things is not', () => {
  const { dom } = read('era-b-received.html');
  const doc = dom.window.document;
  const list = doc.querySelector('[data-testid="lazy-column"]');
  list.replaceChildren();
  assert.deepEqual([R.readPage(doc, dom.window.location.href).status, R.readPage(doc, dom.window.location.href).cards.length], ['ok', 0]);
  const other = doc.createElement('div');
  other.textContent = 'something new';
  list.append(other);
  assert.equal(R.readPage(doc, dom.window.location.href).status, 'unrecognised');
});

test('an Ignore whose label says Accept is refused (order contradicted)', () => {
  const { dom } = read('era-b-received.html');
  const doc = dom.window.document;
  const root = doc.querySelector('[componentkey="urn:li:invitation:7311000000000000101"]');
  const [ignore, accept] = root.querySelectorAll('[data-view-name="invitation-action"]');
  ignore.before(accept); // Accept now comes first
  const card = R.readCard(root, 'B');
  assert.equal(card.ignoreButton, null);
});

test('the feed page reaches the invitations view by pushState (fixture script)', async () => {
  const dom = await loadFixture('feed.html', { scripts: true }).ready;
  const { document: doc, location } = dom.window;
  assert.equal(R.readPage(doc, location.href).status, 'not-invitations');
  doc.getElementById('fixture-invitations-link').click();
  assert.equal(location.pathname, '/mynetwork/invitation-manager/received/');
  const page = R.readPage(doc, location.href);
  assert.equal(page.status, 'ok');
  assert.equal(page.cards.length, 4);
  doc.getElementById('fixture-feed-link').click();
  assert.equal(location.pathname, '/feed/');
  assert.equal(R.readPage(doc, location.href).status, 'not-invitations');
});

test('toInvitation sends only what the core reads', () => {
  const { page } = read('era-b-received.html');
  const inv = R.toInvitation(byName(page, 'Ana Ruiz'), page.recipient);
  assert.deepEqual(Object.keys(inv).sort(), ['note', 'recipient', 'sender']);
  assert.deepEqual(inv.recipient, { name: 'Sam Lee', headline: null });
  assert.deepEqual(Object.keys(inv.sender).sort(), ['mutual_connections', 'name']);
  assert.doesNotThrow(() => JSON.stringify(inv));
});

test('every fixture in routes.json exists and every fixture has a URL here', () => {
  const dir = FIXTURES;
  const routes = JSON.parse(fs.readFileSync(path.join(dir, 'routes.json'), 'utf8'));
  for (const file of Object.values(routes)) assert.ok(fs.existsSync(path.join(dir, file)), file);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) assert.ok(FIXTURE_URLS[file], file);
});

test('recipient: only an alt text that looks like a name counts', () => {
  const { dom } = read('era-b-received.html');
  const doc = dom.window.document;
  const img = doc.querySelector(RECIPIENT.mePhoto);
  assert.ok(img, 'fixture has a Me photo');
  const nameFor = (alt) => {
    img.setAttribute('alt', alt);
    return R.readRecipient(doc).name;
  };
  assert.equal(nameFor('Sam Lee'), 'Sam Lee');
  assert.equal(nameFor('Ana Maria da Silva'), 'Ana Maria da Silva');
  assert.equal(nameFor('Émile  Zola'), 'Émile Zola');
  // A wrong name would mark personal notes as mass-sent: none is safer.
  assert.equal(nameFor('Profile photo'), null);
  assert.equal(nameFor('Photo of Sam Lee'), null);
  assert.equal(nameFor(''), null);
});

test('visibleText: a text-only element reads as the same element walked', () => {
  const { dom } = read('feed.html');
  const doc = dom.window.document;
  const text = '  Hello\n      world\u00a0 again \n\n\n\n  bye ';
  const plain = doc.createElement('p');
  plain.textContent = text;
  const wrapped = doc.createElement('p');
  const span = doc.createElement('span');
  span.textContent = text;
  wrapped.append(span);
  assert.equal(R.visibleText(plain), 'Hello\nworld again\n\nbye');
  assert.equal(R.visibleText(plain), R.visibleText(wrapped));
  assert.equal(R.visibleText(doc.createElement('p')), '');
});

// Ignore is identified positively: its place AND its own words. A card
// without action wrappers whose first control is something else gets no
// Ignore at all (the badge then offers no Decline).
test('Ignore: a control in its place that does not say Ignore is not Ignore (Follow, Subscribe, unknown words)', () => {
  const { dom } = read('era-b-received.html');
  const doc = dom.window.document;
  const card = (first, second) => {
    const root = doc.createElement('div');
    root.setAttribute('role', 'listitem');
    root.setAttribute('componentkey', 'urn:li:invitation:42');
    root.innerHTML = `<p><a href="https://www.linkedin.com/in/fiona/"><strong>Fiona Follower</strong></a></p><p>Creator</p>
      <div>${first}${second}</div><div><p>I'd like to add you to my professional network on LinkedIn.</p></div>`;
    doc.body.append(root);
    return R.readCard(root, 'B');
  };
  const follow = card('<button type="button" aria-label="Follow Fiona Follower">Follow</button>', '<button type="button" aria-label="Accept Fiona Follower’s invitation">Accept</button>');
  assert.ok(follow, 'the card is still read (and judged)');
  assert.equal(follow.ignoreButton, null, 'Follow taken for Ignore');
  assert.equal(card('<button type="button">Abonnieren</button>', '<button type="button">Annehmen</button>').ignoreButton, null);
  assert.equal(card('<button type="button" aria-label="Follow Ignacio Acceptance">Follow</button>', '<button>Accept</button>').ignoreButton, null, 'words inside a name do not count');
  for (const [label, text] of [['Ignore an invitation to connect from Fiona', 'Ignore'], ['Einladung von Fiona ignorieren', 'Ignorieren'], ['Ignorer l’invitation de Fiona', 'Ignorer'], ['Ignorar la invitación de Fiona', 'Ignorar']]) {
    const c = card(`<button type="button" aria-label="${label}">${text}</button>`, '<button type="button">Accept</button>');
    assert.ok(c.ignoreButton, `Ignore not recognised: ${label}`);
  }
  assert.equal(card('<a role="button" aria-label="Ignore Fiona">Ignore</a>', '<button>Accept</button>').ignoreButton, null, 'Ignore is always a <button>');
});
