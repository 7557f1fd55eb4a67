// Highlighting: evidence spans (UTF-16) cut the note into plain and marked
// pieces that always put the note back together unchanged.
import test from 'node:test';
import assert from 'node:assert/strict';
import { segments } from '../../extension/badge.js';

const span = (a, b) => ({ start: 0, end: 0, start_utf16: a, end_utf16: b });
const ev = (weight, ...spans) => ({ rule: 'R', description: 'rule ' + weight, weight, spans });
const join = (segs) => segs.map((s) => s.text).join('');

const CASES = [
  ['no evidence', 'hello world', [], [['hello world', null]]],
  ['one bad span', 'hello world', [ev(-2, span(0, 5))], [['hello', 'bad'], [' world', null]]],
  ['good and bad overlap', 'abcdef', [ev(3, span(0, 4)), ev(-1, span(2, 6))], [['ab', 'good'], ['cd', 'mixed'], ['ef', 'bad']]],
  ['adjacent spans of one kind merge only with the same rules', 'abcd', [ev(2, span(0, 2)), ev(2, span(2, 4))], [['abcd', 'good']]],
  ['out-of-range and empty spans are ignored', 'abc', [ev(1, span(2, 99)), ev(1, span(1, 1)), ev(1, span(-5, 1))], [['a', 'good'], ['b', null], ['c', 'good']]],
  ['emoji and accents: UTF-16 offsets', 'Olá 👋 KubeCon', [ev(4, span(7, 14))], [['Olá 👋 ', null], ['KubeCon', 'good']]],
  ['blank note', '', [ev(-1, span(0, 3))], []],
];

for (const [name, note, evidence, expected] of CASES) {
  test('segments: ' + name, () => {
    const segs = segments(note, evidence);
    assert.deepEqual(segs.map((s) => [s.text, s.kind]), expected);
    assert.equal(join(segs), note, 'the pieces give back the note');
  });
}

test('segments name the rules that matched each piece', () => {
  const segs = segments('abcdef', [ev(3, span(0, 4)), ev(-1, span(2, 6))]);
  assert.deepEqual(segs[1].rules, ['rule 3', 'rule -1']);
  assert.deepEqual(segments('x', null).map((s) => s.text), ['x']);
});
