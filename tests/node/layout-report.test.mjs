// The layout report's redaction: shapes, never values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { keyShape, layoutReport, pathShape } from '../../extension/layout-report.js';
import { loadFixture } from './helpers.mjs';

test('componentkey shapes keep the urn type and drop the id', () => {
  const cases = [
    ['urn:li:invitation:7311000000000000101', 'urn:li:invitation:N'],
    ['pending-invitations-preview', 'a-a-a'],
    ['MyNetwork_InvitationsPreview', 'a_a'],
    ['invitation-done-73110', 'a-a-N'],
    ['Ana Ruiz', 'a.a'],
  ];
  for (const [value, shape] of cases) assert.equal(keyShape(value), shape, value);
});

test('link shapes keep LinkedIn path words and query names, nothing else', () => {
  const cases = [
    ['https://www.linkedin.com/in/ana-ruiz-4b1/', '/in/*/'],
    ['/messaging/compose/?invitation=urn%3Ali%3Ainvitation%3A7311', '/messaging/compose/?invitation=*'],
    ['https://www.linkedin.com/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/', '/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/'],
    ['https://www.linkedin.com/newsletters/weekly-rust-notes-7300/', '/newsletters/*/'],
    ['https://evil.example/in/someone?name=Ana', 'other-site/in/*?name=*'],
    ['https://www.linkedin.com/in/ANA/', '/in/*/'],
    ['javascript:alert(1)', 'javascript:*'],
  ];
  for (const [href, shape] of cases) assert.equal(pathShape(href), shape, href);
});

test('the report of the German Era C page holds none of its words and marks what the reader found', () => {
  const dom = loadFixture('era-c-received-de.html');
  const text = layoutReport(dom.window.document, { status: 'ok', era: 'C', cardsFound: 6, cardsRead: 6 });
  for (const w of ['Nora', 'Lindqvist', 'Tomás', 'KubeCon', 'Ignorieren', 'Annehmen', 'Abonnieren', 'Personen, die Sie', 'tomas-herrera', 'weekly-rust', 'onerror', 'Einladung']) {
    assert.ok(!text.includes(w), `report holds "${w}"`);
  }
  assert.match(text, /cards=6 keyed-cards=1 not-a-person-invitation=3 after-heading=2 rows-not-read=0/);
  for (const m of ['<- card', '<- ignore', '<- accept', '<- note', '<- heading-ends-invitations', 'data-testid="expandable-text-box"']) assert.ok(text.includes(m), m);
});
