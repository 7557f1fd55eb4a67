// Bulk decline's batch (extension/content/bulk-decline.js) on a fake clock:
// the countdown comes before any press, presses go one at a time in order
// at the pace (never under the minimum), each waits for its card to change,
// Cancel in the countdown presses nothing, Stop leaves the rest, a page
// problem stops the batch, and a refused press is a skip, never a press.
import test from 'node:test';
import assert from 'node:assert/strict';
import { COUNTDOWN_MS, CHANGE_TIMEOUT_MS, PHASE, createBatch, paceDelay } from '../../extension/content/bulk-decline.js';
import { firstWords, reasonOf } from '../../extension/content/bulk-visit.js';
import { BULK_PACE_MIN_MS } from '../../extension/settings.js';

// A clock that only moves when the batch sleeps; `at(ms, fn)` runs fn once
// the clock has reached ms (to cancel or stop "while the person watches").
function fakeClock() {
  const c = { now: 0, log: [], timers: [] };
  c.sleep = async (ms) => {
    c.now += ms;
    for (const tm of c.timers) if (!tm.done && c.now >= tm.at) { tm.done = true; tm.fn(); }
  };
  c.at = (ms, fn) => c.timers.push({ at: ms, fn, done: false });
  return c;
}

// Items whose card changes right after its press (as LinkedIn's does).
function setup({ items = ['a', 'b', 'c', 'd'], refuse = {}, neverChanges = [], slowChange = {}, problemAt = null, paceMs = 1000 } = {}) {
  const clock = fakeClock();
  const pressed = []; // [item, time]
  const pressedAt = new Map();
  let problem = null;
  if (problemAt) clock.at(problemAt.ms, () => { problem = problemAt.reason; });
  const updates = [];
  const batch = createBatch({
    items,
    press: (item) => {
      if (refuse[item]) return refuse[item];
      pressed.push([item, clock.now]);
      pressedAt.set(item, clock.now);
      return 'done';
    },
    changed: (item) => !neverChanges.includes(item) && clock.now - pressedAt.get(item) >= (slowChange[item] || 0),
    pageProblem: () => problem,
    paceMs,
    sleep: clock.sleep,
    random: () => 0.5,
    onUpdate: (s) => updates.push(s),
  });
  return { clock, pressed, batch, updates };
}

test('presses every item in order, none before the countdown ends, at least the minimum pace apart', async () => {
  const { pressed, batch, updates } = setup();
  const end = await batch.start();
  assert.equal(end.phase, PHASE.DONE);
  assert.deepEqual(pressed.map((p) => p[0]), ['a', 'b', 'c', 'd']);
  assert.ok(pressed[0][1] >= COUNTDOWN_MS, `first press at ${pressed[0][1]} ms`);
  for (let i = 1; i < pressed.length; i++) assert.ok(pressed[i][1] - pressed[i - 1][1] >= BULK_PACE_MIN_MS, `gap ${i}`);
  assert.deepEqual(end.declined, ['a', 'b', 'c', 'd']);
  assert.equal(end.left, 0);
  assert.ok(updates.some((u) => u.phase === PHASE.COUNTDOWN) && updates.some((u) => u.phase === PHASE.RUNNING));
});

test('the pace is jittered around the setting and never under the minimum', () => {
  assert.equal(paceDelay(1000, () => 0), 800);
  assert.equal(paceDelay(1000, () => 0.5), 1000);
  assert.equal(paceDelay(1000, () => 0.9999), 1200);
  assert.equal(paceDelay(2000, () => 0), 1600);
  for (const pace of [0, 1, 100, -5, NaN, '10']) assert.ok(paceDelay(pace, Math.random) >= BULK_PACE_MIN_MS, `pace ${pace}`);
});

test('Cancel during the countdown presses nothing', async () => {
  const { clock, pressed, batch } = setup();
  clock.at(1000, () => batch.cancel());
  const end = await batch.start();
  assert.equal(end.phase, PHASE.CANCELLED);
  assert.equal(end.stopReason, 'cancel');
  assert.deepEqual(pressed, []);
  assert.equal(end.left, 4);
});

test('Stop after the first press leaves the rest untouched', async () => {
  const { clock, pressed, batch } = setup();
  clock.at(COUNTDOWN_MS + 50, () => batch.stop());
  const end = await batch.start();
  assert.equal(end.phase, PHASE.STOPPED);
  assert.equal(end.stopReason, 'stop');
  assert.deepEqual(pressed.map((p) => p[0]), ['a']);
  assert.equal(end.left, 3);
});

test('a refused press is a skip with its reason; the batch goes on', async () => {
  const { pressed, batch } = setup({ refuse: { b: 'changed', c: 'moved' } });
  const end = await batch.start();
  assert.deepEqual(pressed.map((p) => p[0]), ['a', 'd']);
  assert.deepEqual(end.skipped, [{ item: 'b', reason: 'changed' }, { item: 'c', reason: 'moved' }]);
  assert.equal(end.phase, PHASE.DONE);
});

test('a page problem (tab hidden, route, layout) stops the batch before the next press', async () => {
  for (const reason of ['hidden', 'route', 'layout', 'off']) {
    const { pressed, batch } = setup({ problemAt: { ms: COUNTDOWN_MS + 300, reason } });
    const end = await batch.start();
    assert.equal(end.phase, PHASE.STOPPED, reason);
    assert.equal(end.stopReason, reason);
    assert.deepEqual(pressed.map((p) => p[0]), ['a'], reason);
  }
  // During the countdown: nothing at all.
  const { pressed, batch } = setup({ problemAt: { ms: 500, reason: 'route' } });
  const end = await batch.start();
  assert.equal(end.phase, PHASE.CANCELLED);
  assert.equal(end.stopReason, 'route');
  assert.deepEqual(pressed, []);
});

test('the next press waits for the pressed card to change; a card that never changes stops the batch', async () => {
  const slow = setup({ slowChange: { a: 3000 } });
  await slow.batch.start();
  assert.ok(slow.pressed[1][1] - slow.pressed[0][1] >= 3000 + BULK_PACE_MIN_MS, `b pressed ${slow.pressed[1][1] - slow.pressed[0][1]} ms after a`);
  const stuck = setup({ neverChanges: ['b'] });
  const end = await stuck.batch.start();
  assert.equal(end.phase, PHASE.STOPPED);
  assert.equal(end.stopReason, 'unchanged');
  assert.deepEqual(stuck.pressed.map((p) => p[0]), ['a', 'b']);
  assert.ok(stuck.clock.now >= stuck.pressed[1][1] + CHANGE_TIMEOUT_MS);
});

test('start() twice runs one batch', async () => {
  const { pressed, batch } = setup({ items: ['a'] });
  await Promise.all([batch.start(), batch.start()]);
  assert.deepEqual(pressed.map((p) => p[0]), ['a']);
});

test('review text: the first words of a note, and why a card is suggested', () => {
  assert.equal(firstWords(null), '');
  assert.equal(firstWords('Hi there'), 'Hi there');
  assert.equal(firstWords('one two three four five six seven eight nine ten eleven twelve thirteen'), 'one two three four five six seven eight nine ten eleven twelve…');
  assert.ok(firstWords('x'.repeat(200)).length <= 91);
  const t = (k) => k;
  assert.equal(reasonOf({ label: 'blank', against: null }, t), 'bulkReasonBlank');
  assert.equal(reasonOf({ label: 'generic', against: 'stock' }, t), 'bulkReasonStock');
  assert.equal(reasonOf({ label: 'generic', against: 'pitch' }, t), 'bulkReasonPitch');
  // A kind with no words of its own (the token model) falls back.
  assert.equal(reasonOf({ label: 'generic', against: 'learned' }, t), 'bulkReasonGeneric');
  assert.equal(reasonOf({ label: 'generic', against: null }, t), 'bulkReasonGeneric');
});
