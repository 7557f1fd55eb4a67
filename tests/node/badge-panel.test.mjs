// The panel of a badge drawn from a page's badge verdict (no evidence): it
// asks for the card's full verdict when it opens, once, says so while it
// waits, draws the rules when they come, and says so when none came.
import test from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { create } from '../../extension/badge.js';
import { shadowOf } from '../../extension/shadow-host.js';

const NOTE = 'Great meeting you at KubeCon last week.';
const SUMMARY = { label: 'personalized', action: 'accept', score: 5, threshold: 2, against: null };
const FULL = {
  ...SUMMARY,
  strictness: 'balanced',
  language: 'en',
  truncated: false,
  evidence: [{ rule: 'NAMED_DETAIL', family: 'NAMED_DETAIL', description: 'Names a detail', weight: 5, category: 'how_found', spans: [{ start: 21, end: 28, start_utf16: 21, end_utf16: 28 }] }],
};

// A badge on a card of a fresh document; `answers` are what explain() gives
// at each call in turn (a value, or an Error to reject with).
function badge(answers) {
  const { window } = new JSDOM('<!doctype html><div id="card"></div>');
  const asked = [];
  const waiting = [];
  const handlers = {
    t: (key) => key,
    theme: null,
    canDecline: () => false,
    onDecline: () => 'refused',
    explain: () => {
      asked.push(true);
      const answer = answers[asked.length - 1];
      return new Promise((resolve, reject) => waiting.push(() => (answer instanceof Error ? reject(answer) : resolve(answer))));
    },
  };
  const b = create(window.document.getElementById('card'), SUMMARY, NOTE, handlers);
  const shadow = shadowOf(b.host);
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const answer = async () => {
    waiting.shift()();
    await settle();
  };
  const toggle = async () => {
    shadow.querySelector('button.nw-badge').click();
    await settle();
  };
  return { b, shadow, asked, answer, toggle };
}

test('a badge verdict without evidence: the panel asks once, says it is reading, then shows the rules', async () => {
  const { shadow, asked, answer, toggle } = badge([FULL]);
  assert.equal(asked.length, 0, 'nothing asked before the panel opens');
  await toggle();
  assert.equal(asked.length, 1);
  assert.equal(shadow.querySelector('.nw-explaining').textContent, 'panelExplaining');
  assert.equal(shadow.querySelectorAll('li.nw-rule').length, 0);
  assert.match(shadow.querySelector('.nw-action').textContent, /actionAccept/, 'the suggestion shows at once');
  await answer();
  assert.equal(shadow.querySelector('.nw-explaining'), null);
  assert.deepEqual(Array.from(shadow.querySelectorAll('li.nw-rule'), (li) => li.dataset.rule), ['NAMED_DETAIL']);
  assert.equal(shadow.querySelector('mark').textContent, 'KubeCon');
  await toggle();
  await toggle();
  assert.equal(asked.length, 1, 'asked once for the same verdict');
});

test('no answer: the panel says so, asks nothing more until opened again, then asks once more', async () => {
  const { shadow, asked, answer, toggle } = badge([null, new Error('worker stopped'), FULL]);
  await toggle();
  await answer();
  assert.equal(shadow.querySelector('.nw-explaining').textContent, 'panelExplainFailed');
  for (let i = 0; i < 20; i++) await Promise.resolve();
  assert.equal(asked.length, 1, 'a failed answer is not asked again by itself');
  await toggle(); // close
  await toggle(); // open: asks again
  assert.equal(asked.length, 2);
  assert.equal(shadow.querySelector('.nw-explaining').textContent, 'panelExplaining');
  await answer(); // rejected
  assert.equal(shadow.querySelector('.nw-explaining').textContent, 'panelExplainFailed');
  await toggle();
  await toggle();
  await answer();
  assert.equal(asked.length, 3);
  assert.equal(shadow.querySelectorAll('li.nw-rule').length, 1);
});

test('an answer for a verdict the badge no longer shows is dropped; the new one is asked for', async () => {
  const newer = { ...FULL, label: 'generic', action: 'ignore', score: -3, evidence: [] };
  const { b, shadow, asked, answer, toggle } = badge([FULL, newer]);
  await toggle();
  b.update({ label: 'generic', action: 'ignore', score: -3, threshold: 2, against: 'stock' }, NOTE);
  for (let i = 0; i < 5; i++) await Promise.resolve();
  assert.equal(asked.length, 2, 'the open panel asks for the new verdict');
  await answer(); // the old answer
  assert.equal(shadow.querySelectorAll('li.nw-rule').length, 0, 'the old rules are not shown');
  assert.ok(shadow.querySelector('.nw-explaining'));
  await answer();
  assert.equal(shadow.querySelector('.nw-explaining'), null);
  assert.equal(shadow.querySelector('.nw-empty').textContent, 'panelNoRules');
});

test('a full verdict is drawn at once, with nothing asked', () => {
  const { window } = new JSDOM('<!doctype html><div id="card"></div>');
  let asked = 0;
  const b = create(window.document.getElementById('card'), FULL, NOTE, {
    t: (key) => key,
    theme: null,
    canDecline: () => false,
    onDecline: () => 'refused',
    explain: async () => {
      asked++;
      return FULL;
    },
  });
  const shadow = shadowOf(b.host);
  shadow.querySelector('button.nw-badge').click();
  assert.equal(asked, 0);
  assert.equal(shadow.querySelectorAll('li.nw-rule').length, 1);
});
