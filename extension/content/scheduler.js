// Keeping the page responsive: our work runs in slices of at most SLICE_MS,
// and between slices we yield so LinkedIn's own tasks (input, rendering) run.

/** Longest slice of our work between yields: well under the 50 ms long-task budget. */
export const SLICE_MS = 8;

/** Units of work (cards read, badges drawn) between two looks at the clock. */
const CLOCK_EVERY = 4;

/**
 * A clock for one slice (of `ms`, SLICE_MS unless said): call it after each
 * unit of work to know whether the slice is used up. It reads the time on every CLOCK_EVERY-th call
 * only: a card takes tens of microseconds, and reading the time for each
 * of 1000 cards and 1000 badges was a few percent of the work.
 */
export function sliceClock(ms = SLICE_MS) {
  const start = performance.now();
  let calls = 0;
  return () => ++calls % CLOCK_EVERY === 0 && performance.now() - start >= ms;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Returns yieldToPage(): a promise that resolves after the page has had a
 * turn. scheduler.yield() resumes us ahead of tasks queued meanwhile; where
 * it is missing, a message to ourselves is a fresh task without the >= 4 ms
 * clamp that nested setTimeout(0) gets (which made every slice wait 4 ms for
 * nothing). `win` is the window whose scheduler and MessageChannel to use.
 */
export function pageYielder(win) {
  const scheduler = win.scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return () => scheduler.yield();
  if (typeof win.MessageChannel !== 'function') return () => sleep(0);
  let channel = null;
  const waiters = [];
  return function yieldToPage() {
    if (!channel) {
      channel = new win.MessageChannel();
      channel.port1.onmessage = () => {
        const resume = waiters.shift();
        if (resume) resume();
      };
    }
    return new Promise((resolve) => {
      waiters.push(resolve);
      channel.port2.postMessage(null);
    });
  };
}
