// The wasm binding as Node loads it (nodejs-target glue from build.sh):
// the same .wasm the extension ships.
import test from 'node:test';
import assert from 'node:assert/strict';
import { wasm } from './helpers.mjs';
import { judgeWith } from '../../extension/background/judge.js';

const STOCK = "I'd like to add you to my professional network on LinkedIn.";
const KUBECON =
  'Great meeting you at KubeCon Europe last week — your talk on eBPF tracing was the best of the day. Would love to keep in touch.';

test('stock sentence is generic, and the verdict is a plain object', () => {
  const v = wasm().classify({ note: STOCK }, 'balanced');
  assert.equal(Object.getPrototypeOf(v), Object.prototype, 'json-compatible: a plain object, not a Map');
  assert.equal(v.label, 'generic');
  assert.equal(v.strictness, 'balanced');
  assert.ok(['accept', 'review', 'ask', 'ignore'].includes(v.action));
  assert.ok(Array.isArray(v.evidence) && v.evidence.length > 0);
  const rule = v.evidence[0];
  for (const key of ['rule', 'description', 'weight', 'category', 'spans']) assert.ok(key in rule, key);
});

test('empty, missing and whitespace notes are blank', () => {
  const { classify } = wasm();
  assert.equal(classify({}, 'balanced').label, 'blank');
  assert.equal(classify({ note: '' }, 'balanced').label, 'blank');
  assert.equal(classify({ note: null, sender: { name: 'A' } }, 'strict').label, 'blank');
  assert.equal(classify({ note: '   \n ' }, 'lenient').label, 'blank');
});

test('evidence spans are UTF-16 offsets that slice the note in JavaScript', () => {
  const v = wasm().classify({ note: KUBECON }, 'balanced');
  assert.equal(v.label, 'personalized');
  const spans = v.evidence.flatMap((e) => e.spans);
  assert.ok(spans.length > 0);
  for (const s of spans) {
    assert.ok(s.start_utf16 < s.end_utf16 && s.end_utf16 <= KUBECON.length);
    assert.ok(KUBECON.slice(s.start_utf16, s.end_utf16).trim().length > 0);
  }
});

test('batch keeps order and length', () => {
  const notes = [STOCK, null, KUBECON, '', STOCK];
  const verdicts = wasm().classify_batch(notes.map((note) => ({ note })), 'balanced');
  assert.ok(Array.isArray(verdicts));
  assert.deepEqual(verdicts.map((v) => v.label), ['generic', 'blank', 'personalized', 'blank', 'generic']);
  assert.deepEqual(wasm().classify_batch([], 'strict'), []);
});

test('the full invitation shape from the page reader is accepted', () => {
  const v = wasm().classify(
    {
      note: KUBECON,
      sender: { name: 'Lena Fischer', headline: 'Platform Engineer', mutual_connections: '3 mutual connections' },
      recipient: { name: 'Sam Lee', headline: null },
    },
    'strict',
  );
  assert.equal(v.strictness, 'strict');
});

test('a bad strictness is an error naming the choices', () => {
  assert.throws(() => wasm().classify({ note: STOCK }, 'harsh'), /lenient, balanced or strict/);
  assert.throws(() => wasm().classify_batch([{ note: STOCK }], ''), /lenient, balanced or strict/);
});

test('a malformed invitation is an error, not a panic', () => {
  assert.throws(() => wasm().classify({ note: 42 }, 'balanced'), /invalid invitation/);
  assert.throws(() => wasm().classify_batch({ not: 'a list' }, 'balanced'), /invalid invitation/);
  // The module still works afterwards.
  assert.equal(wasm().classify({ note: STOCK }, 'balanced').label, 'generic');
});

test('a page\'s badge verdicts say what the full verdicts say, without the evidence', () => {
  const notes = [STOCK, null, KUBECON, '', 'Hi, we help SaaS teams cut churn. Open to a quick call?'];
  const invitations = notes.map((note) => ({ note }));
  const judge = judgeWith(wasm());
  for (const strictness of ['lenient', 'balanced', 'strict']) {
    const full = wasm().classify_batch(invitations, strictness);
    const badges = judge.classifyBatch(JSON.stringify(invitations), 'null', strictness);
    assert.equal(badges.length, full.length);
    full.forEach((v, i) => {
      // The strongest sign against: the most negative weight, the first of equals.
      const against = v.evidence.filter((e) => e.weight < 0).reduce((worst, e) => (!worst || e.weight < worst.weight ? e : worst), null);
      assert.deepEqual(badges[i], { label: v.label, action: v.action, score: v.score, threshold: v.threshold, against: against ? against.category : null }, `${strictness} ${i}`);
    });
  }
  assert.equal(judge.classifyBatch(JSON.stringify([{ note: STOCK }]), 'null', 'balanced')[0].against, 'stock');
  assert.deepEqual(judge.explain(JSON.stringify({ note: STOCK }), 'null', 'balanced'), wasm().classify({ note: STOCK }, 'balanced'));
});

test('the JSON text of a page is read leniently: odd values are absent, and the recipient fills in', () => {
  const judge = judgeWith(wasm());
  const ana = { name: 'Ana Lima', headline: null };
  const anaText = JSON.stringify(ana);
  const wrongName = 'Hi Maria, I saw your talk at PyCon Lisbon on Thursday about typed queues. Would love to connect.';
  // An odd reading (a number for a note, an element that is not an object)
  // is judged blank; the cards around it are judged as if alone.
  const text = JSON.stringify([{ note: 42 }, null, { note: STOCK }, { note: wrongName }, { note: wrongName, recipient: { name: 'Maria Souza' } }]);
  const badges = judge.classifyBatch(text, anaText, 'balanced');
  assert.deepEqual(badges.slice(0, 3).map((b) => b.label), ['blank', 'blank', 'generic']);
  const alone = (invitation) => judge.classifyBatch(JSON.stringify([invitation]), 'null', 'balanced')[0];
  assert.deepEqual(badges[3], alone({ note: wrongName, recipient: ana }), 'the message\'s recipient');
  assert.deepEqual(badges[4], alone({ note: wrongName, recipient: { name: 'Maria Souza' } }), 'the card\'s own recipient');
  assert.ok(badges[3].score < badges[4].score, 'a greeting to somebody else\'s name counts against the note');
  for (const bad of ['', 'no', '{"note":"a"}', '[{"note":']) assert.deepEqual(judge.classifyBatch(bad, anaText, 'balanced'), [], bad);
  const explained = judge.explain(JSON.stringify({ note: wrongName }), anaText, 'balanced');
  assert.deepEqual(explained, wasm().classify({ note: wrongName, recipient: ana }, 'balanced'));
  assert.equal(judge.explain('[1]', anaText, 'balanced').label, 'blank', 'not an object: nothing known');
});
