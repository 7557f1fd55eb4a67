// Bulk decline's batch: the state machine that presses LinkedIn's Ignore for
// the invitations the person chose, one at a time, at a human pace.
//
// It knows nothing of the DOM: the visit (content/bulk-visit.js) gives it
// the chosen items in page order and three functions — press one item (which
// re-reads the card and may refuse), whether a pressed card has changed
// yet, and whether the page is still one to act on — and the clock
// (`sleep`, `random`), so the Node tests drive it without a browser or real
// time. Why each rule:
// - A countdown comes first, during which Cancel drops the whole batch:
//   LinkedIn cannot un-ignore, so the only undo is before the first press.
// - One press at a time, about `paceMs` apart with jitter, and never before
//   the last pressed card has visibly changed: a burst of presses is what
//   an automation looks like, and a card that did not react means the page
//   is not behaving as read.
// - Before every press the page is checked (route, visibility, layout,
//   settings); any problem stops the batch and leaves the rest untouched.
// - Stop is honoured between presses; nothing is ever pressed twice.
import { BULK_PACE_MIN_MS } from '../settings.js';

/** How long the countdown before the first press lasts. */
export const COUNTDOWN_MS = 3000;
/** How long a pressed card may take to change before the batch stops. */
export const CHANGE_TIMEOUT_MS = 5000;
const CHANGE_POLL_MS = 100;
// Waits are cut into steps this long so Stop and Cancel act quickly.
const STEP_MS = 250;

/** The phases of a batch, in order (it ends in one of the last three). */
export const PHASE = Object.freeze({
  IDLE: 'idle',
  COUNTDOWN: 'countdown',
  RUNNING: 'running',
  DONE: 'done',
  CANCELLED: 'cancelled',
  STOPPED: 'stopped',
});

/**
 * The wait before the next press: `paceMs` jittered by ±20%, never under
 * BULK_PACE_MIN_MS. `random()` returns a number in [0, 1).
 */
export function paceDelay(paceMs, random) {
  const pace = Math.max(BULK_PACE_MIN_MS, Number(paceMs) || 0);
  return Math.max(BULK_PACE_MIN_MS, Math.round(pace * (0.8 + 0.4 * random())));
}

/**
 * A batch over `items` (in the order to press them).
 * press(item): presses that card's Ignore if it is still the one reviewed;
 *   returns 'done' or the reason it was skipped.
 * changed(item): true once a pressed card shows something else.
 * pageProblem(): null while the page may be acted on, else why not
 *   ('route', 'hidden', 'layout', 'off').
 * sleep(ms): a promise resolved after ms; random(): [0, 1).
 * onUpdate(state): called on every change (progress, countdown, end).
 * Returns {start(), cancel(), stop(), state()}; start() resolves with the
 * final state.
 */
export function createBatch({ items, press, changed, pageProblem, paceMs, sleep, random = Math.random, countdownMs = COUNTDOWN_MS, onUpdate = () => {} }) {
  const s = {
    phase: PHASE.IDLE,
    total: items.length,
    remainingMs: countdownMs,
    declined: [], // items pressed, in order
    skipped: [], // {item, reason}
    stopReason: null, // why the batch ended early, or null
  };
  let stopAsked = null; // 'stop' once the person asked, or a page problem

  const snapshot = () => ({ ...s, declined: s.declined.slice(), skipped: s.skipped.slice(), left: s.total - s.declined.length - s.skipped.length });
  const update = () => onUpdate(snapshot());
  const halt = () => stopAsked || pageProblem();

  async function wait(ms) {
    for (let left = ms; left > 0; left -= STEP_MS) {
      if (halt()) return false;
      await sleep(Math.min(STEP_MS, left));
    }
    return !halt();
  }

  function end(phase, reason) {
    s.phase = phase;
    s.stopReason = reason || null;
    update();
    return snapshot();
  }

  async function run() {
    s.phase = PHASE.COUNTDOWN;
    update();
    while (s.remainingMs > 0) {
      const problem = halt();
      if (problem) return end(PHASE.CANCELLED, problem === 'stop' ? 'cancel' : problem);
      const step = Math.min(STEP_MS, s.remainingMs);
      await sleep(step);
      s.remainingMs -= step;
      update();
    }
    s.phase = PHASE.RUNNING;
    update();
    let pressedBefore = false;
    for (const item of items) {
      if (pressedBefore && !(await wait(paceDelay(paceMs, random)))) return end(PHASE.STOPPED, halt());
      const problem = halt();
      if (problem) return end(PHASE.STOPPED, problem);
      const result = press(item);
      if (result !== 'done') {
        s.skipped.push({ item, reason: result });
        update();
        continue;
      }
      s.declined.push(item);
      pressedBefore = true;
      update();
      // LinkedIn turns the card into an "ignored" row: wait for it.
      let waited = 0;
      while (!changed(item)) {
        if (waited >= CHANGE_TIMEOUT_MS) return end(PHASE.STOPPED, 'unchanged');
        await sleep(CHANGE_POLL_MS);
        waited += CHANGE_POLL_MS;
      }
    }
    return end(PHASE.DONE, null);
  }

  let started = null;
  // Cancel and Stop ask the same; what it means depends on the phase.
  function stop() {
    stopAsked = 'stop';
  }

  return {
    start() {
      if (!started) started = run();
      return started;
    },
    /** During the countdown: nothing will be pressed. Afterwards: as stop(). */
    cancel: stop,
    /** No press after the current one; the rest stay as they are. */
    stop,
    /** Stops for a reason of the page's (route, hidden, …). */
    abort(reason) {
      if (!stopAsked) stopAsked = reason;
    },
    state: snapshot,
  };
}
