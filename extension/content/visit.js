// One visit to an invitations page: from arriving at its URL to leaving it.
//
// It finds the cards (page-reader.js) as LinkedIn renders them, reads them
// in short slices, sends each slice's cards to the background to be judged,
// draws each answer as a badge (badge.js), and reports the page's status and
// counts for the popup. Every observer and timer of a visit hangs on one
// AbortController, and end() leaves LinkedIn's page as it was found.
import { detect, readCard, readRecipient, toInvitation, toRecipient } from '../page-reader.js';
import { HOST_TAG, create as createBadge } from '../badge.js';
import { STATUS, classifyMessage, emptyCounts, explainMessage, reportMessage } from '../protocol.js';
import { layoutReport } from '../layout-report.js';
import { sliceClock } from './scheduler.js';
import { pressIgnoreIfSame, sameInvitation } from './press-ignore.js';
import { attachBulk } from './bulk-visit.js';
import { readTheme, watchTheme } from './theme.js';

// One scan per burst of mutations (a task's mutations already arrive
// together); about a frame, so new cards are read soon after they render.
const SCAN_DEBOUNCE_MS = 16;
const SETTLE_QUIET_MS = 1500; // an invitations URL must stay unknown this long after the last mutation…
const SETTLE_MIN_MS = 3000; // …and this long after the visit began, before it is called unrecognised
const SETTLE_MAX_MS = 8000; // a page that never stops changing is judged by then
// Invitations per message to the background. Each message has a fixed cost
// on the page's main thread (Chrome validates and serialises it there), so
// fewer, larger messages; 8 ms of reading makes about this many.
const BATCH_SIZE = 250;
const MAX_READ_TRIES = 3; // a card still rendering may become readable on a later scan
// Longest slice of drawing badges (see draw()): 1000 badges take about
// 15-25 ms, so usually one or two slices; still half the 50 ms of a long task.
const DRAW_SLICE_MS = 24;
// Longest an answer waits for the other batches of a burst before it is
// drawn (see draw()): about the time the rest of 1000 cards take to be read
// and judged.
const DRAW_WAIT_MS = 100;
const REPORT_DELAY_MS = 250; // one report per burst of changes
const LAYOUT_REPORT_MS = 2000; // a layout report is made again at most this often
// Set on each badged card's root to its label, so people can style on it.
const LABEL_ATTRIBUTE = 'data-noteworthy';
// What the page observer watches: cards come and go anywhere in the page,
// and a card's content can change in place (LinkedIn reuses a row's element
// for another invitation after an action): its key, labels, links and text.
// Our own data-noteworthy is not among the attributes, so labelling a card
// does not come back as a change of it.
const OBSERVED = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['componentkey', 'aria-label', 'href', 'aria-hidden'],
};
// A batch the background did not answer (its service worker was stopped or
// restarting) is asked again after these waits, the last one repeated, for
// as long as the visit lasts: its cards stay "not judged yet" meanwhile.
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * Starts a visit of the page in `win`.
 * env: {win, send(message), t (i18n translator), yieldToPage(),
 *       readFailures: WeakMap shared across visits (card root -> failed reads),
 *       isAlive(): false once the content script has shut down}
 * Returns {end(), reclassifyAll(), status()}.
 */
export function startVisit(env) {
  const { win, send, t, yieldToPage, readFailures, isAlive } = env;
  // Whether a click came from the person (not from a page script): only such
  // a click may act on LinkedIn. The Node tests (jsdom has no trusted
  // events) pass their own.
  const isTrusted = env.isTrusted || ((event) => !!event && event.isTrusted === true);
  const doc = win.document;
  const controller = new AbortController();
  const signal = controller.signal;
  const now = performance.now();
  const v = {
    started: now,
    lastMutation: now,
    status: null,
    era: null,
    records: new Map(), // card root -> {card, verdict, badge}
    queue: [], // card roots to read, from queueHead on (shift() on 1000 roots moved them all each time)
    queueHead: 0,
    queued: new WeakSet(),
    changed: new Set(), // judged card roots whose content changed in place: read again on the next scan
    enabled: true, // false once the background said the extension is switched off
    recipient: null, // the signed-in person, read once per scan (not per batch: a query over the whole page)
    processing: false,
    generation: 0, // bumped on each settings change: late answers for older settings are dropped
    scanTimer: 0,
    reportTimer: 0,
    settleTimer: 0,
    theme: readTheme(doc),
    cardsFound: 0, // card roots the last scan found
    unreadRows: 0, // rows of the last scan that look like invitations but are not cards (Era C survey)
    unreadCards: 0, // card roots that failed to read MAX_READ_TRIES times
    layout: null, // {at, text}: the last layout report made
    drawQueue: [], // answers waiting to be drawn (draw())
    asking: 0, // batches sent to the background and not yet drawn (classify())
    drawTimer: 0,
    drawWait: 0, // the timer of an answer waiting for the others (draw())
    // Badges of an earlier copy of the content script (the extension was
    // reloaded under the page) can only be there if some were when the
    // visit began: the previous visit of this copy removed its own, and an
    // orphaned copy removes its badges at the first change it sees (its
    // observer finds the extension gone). Only then is each card searched
    // for them before its badge is drawn (a query per card: 1000 at once).
    staleBadges: doc.getElementsByTagName(HOST_TAG).length > 0,
  };

  // ------------------------------------------------------------ status

  function report() {
    if (v.reportTimer || signal.aborted) return;
    v.reportTimer = setTimeout(() => {
      v.reportTimer = 0;
      if (signal.aborted) return;
      const { counts: c, pending } = counts();
      send(reportMessage(v.status || STATUS.PENDING, c, win.location.href, pending, layout()));
      // The bulk-decline offer follows the verdicts, once the page's cards
      // are all judged and drawn (the last draw offers them itself).
      if (!judging(0)) bulk.refresh();
    }, REPORT_DELAY_MS);
  }

  // A layout report, only for a page that looks like invitations the reader
  // cannot read all of: unrecognised, or rows that look like a person's
  // invitation and were not read, or cards that never read.
  // Made at most once per LAYOUT_REPORT_MS (it walks the main column).
  function layout() {
    const unread = v.unreadRows > 0 || v.unreadCards > 0;
    if (v.status !== STATUS.UNRECOGNISED && !(v.status === STATUS.OK && unread)) return null;
    const at = performance.now();
    if (!v.layout || at - v.layout.at > LAYOUT_REPORT_MS) {
      v.layout = { at, text: layoutReport(doc, { status: v.status, era: v.era, cardsFound: v.cardsFound, cardsRead: v.records.size }) };
    }
    return v.layout.text;
  }

  // Badged cards per label, and cards read but not judged yet (the
  // background has not answered for them): those are shown in the popup as
  // such, never silently left without a badge.
  function counts() {
    const c = emptyCounts();
    let pending = 0;
    for (const [root, rec] of v.records) {
      if (!root.isConnected) continue;
      if (rec.verdict && rec.badge && c[rec.verdict.label] !== undefined) c[rec.verdict.label]++;
      else if (!rec.verdict && v.enabled) pending++;
    }
    return { counts: c, pending };
  }

  function publish(status) {
    if (v.status === status) return;
    v.status = status;
    report();
  }

  // ------------------------------------------------------------ watching

  function onMutations(mutations) {
    if (signal.aborted) return;
    // The extension was reloaded or removed under us: stop here (isAlive()
    // shuts the whole content script down), without touching the page.
    if (!isAlive()) return;
    let relevant = false;
    for (const m of mutations) {
      // A judged card whose own content changed (not our badge going in or
      // out): read it again on the next scan.
      const ours = m.type === 'childList' && onlyOurs(m);
      if (!ours) {
        const root = judgedCardOf(m.target);
        if (root) v.changed.add(root);
      }
      // LinkedIn re-rendered a card and dropped our badge: put it back, if
      // the row still holds the same invitation. A row whose content was
      // replaced ("NAME is now a connection", an undo row, or another card
      // in a recycled row) is forgotten, and read again by the next scan.
      const removed = m.removedNodes;
      for (let i = 0; i < removed.length; i++) {
        const node = removed[i];
        if (isBadgeHost(node)) {
          const rec = v.records.get(m.target);
          if (rec && rec.badge && rec.badge.host === node && m.target.isConnected) {
            if (sameCard(rec)) m.target.append(node);
            else forget(m.target, rec);
          }
        }
      }
      if (!ours) relevant = true;
    }
    if (!relevant) return;
    v.lastMutation = performance.now();
    scheduleScan(SCAN_DEBOUNCE_MS);
  }

  function scheduleScan(delay) {
    if (v.scanTimer) return;
    v.scanTimer = setTimeout(() => {
      v.scanTimer = 0;
      if (!signal.aborted) scan();
    }, delay);
  }

  function retryLater() {
    clearTimeout(v.settleTimer);
    v.settleTimer = setTimeout(() => scheduleScan(0), SETTLE_QUIET_MS);
  }

  // The judged card root that holds `node` (or is it), or null. (Mutations
  // inside our own badge never reach here: its shadow root is not observed.)
  function judgedCardOf(node) {
    for (let n = node; n; n = n.parentNode) {
      if (n.nodeType === 1 && v.records.has(n)) return n;
    }
    return null;
  }

  // Cards whose content changed in place are read again: the same
  // invitation keeps its verdict; another one (a new id, name or note), or
  // one we can no longer read, loses it and is judged again.
  // `roots`: the cards the page shows now (detect()); a root no longer
  // among them (its key no longer an invitation's) is not a card any more.
  function rereadChanged(roots) {
    if (v.changed.size === 0) return;
    const cards = new Set(roots);
    const again = [];
    for (const root of v.changed) {
      const rec = v.records.get(root);
      if (!rec || !root.isConnected) continue;
      const fresh = cards.has(root) ? readCard(root, v.era) : null;
      if (fresh && sameInvitation(rec.card, fresh)) {
        rec.card = fresh; // the same card: only its controls may be new elements
        continue;
      }
      v.records.delete(root);
      if (!fresh) {
        withoutObserving(() => clearBadge(rec));
        continue; // queued below like any new card, up to MAX_READ_TRIES
      }
      // Another invitation: its badge stays (an open panel stays open, and
      // is redrawn with the new verdict) but it has no verdict until judged
      // again, so it offers nothing to press meanwhile; the label goes.
      root.removeAttribute(LABEL_ATTRIBUTE);
      const next = { card: fresh, verdict: null, badge: rec.badge };
      if (next.badge) next.badge.judging();
      v.records.set(root, next);
      again.push(next);
    }
    v.changed.clear();
    if (again.length) classify(again);
  }

  function scan() {
    const found = detect(doc, win.location.href);
    if (found.status === STATUS.OK) {
      v.era = found.era;
      v.cardsFound = found.roots.length;
      v.unreadRows = found.survey ? found.survey.unread : 0;
      v.recipient = readRecipient(doc);
      rereadChanged(found.roots);
      // A known container with no card yet is a known page; with cards, the
      // page is 'ok' once one of them has been read (see processQueue).
      if (found.roots.length === 0) publish(STATUS.OK);
      dropGone(found.roots);
      for (const root of found.roots) {
        if (v.records.has(root) || v.queued.has(root)) continue;
        if ((readFailures.get(root) || 0) >= MAX_READ_TRIES) continue;
        v.queued.add(root);
        v.queue.push(root);
      }
      processQueue();
      report();
      return;
    }
    if (found.status === STATUS.NOT_INVITATIONS) {
      publish(STATUS.NOT_INVITATIONS);
      return;
    }
    // Unknown structure: wait for the page to settle before saying so; a
    // slow page may still become one we know.
    const at = performance.now();
    const settled =
      (at - v.lastMutation >= SETTLE_QUIET_MS && at - v.started >= SETTLE_MIN_MS) || at - v.started >= SETTLE_MAX_MS;
    if (!settled) retryLater();
    else if (v.status !== STATUS.OK) publish(STATUS.UNRECOGNISED);
  }

  // ------------------------------------------------------------ reading and judging

  // Reads queued cards in short slices and sends each slice's cards to the
  // background at once, without waiting for the answer: the background
  // judges one batch while the page reads the next, and each answer is drawn
  // when it arrives. (Waiting for each round trip before reading on left the
  // page idle most of the time: 1000 cards took ten serial round trips.)
  async function processQueue() {
    if (v.processing) return;
    v.processing = true;
    try {
      while (queued() && !signal.aborted && isAlive()) {
        const batch = readSlice();
        if (batch.length) {
          publish(STATUS.OK);
          classify(batch);
        }
        if (queued()) await yieldToPage();
      }
      v.queue = [];
      v.queueHead = 0;
      // Cards that exist but none of which we can read: a layout we do not know.
      if (!signal.aborted && v.records.size === 0) {
        const found = detect(doc, win.location.href);
        if (found.roots.length && found.roots.every((r) => (readFailures.get(r) || 0) >= MAX_READ_TRIES)) {
          publish(STATUS.UNRECOGNISED);
        } else if (found.roots.length) {
          retryLater(); // cards may still be rendering
        }
      }
    } finally {
      v.processing = false;
    }
  }

  function queued() {
    return v.queueHead < v.queue.length;
  }

  // Whether cards are still being read or asked about, besides the
  // `answered` batches (waiting to be drawn, or just drawn): a batch counts
  // in v.asking until its drawing ends, so one still to be drawn is too.
  function judging(answered) {
    return queued() || v.asking > answered;
  }

  // Reads queued cards for at most one slice (and BATCH_SIZE cards).
  function readSlice() {
    const batch = [];
    const sliceUsed = sliceClock();
    while (queued() && batch.length < BATCH_SIZE && !sliceUsed()) {
      const root = v.queue[v.queueHead++];
      v.queued.delete(root);
      if (!root.isConnected || v.records.has(root)) continue;
      const card = readCard(root, v.era);
      if (!card) {
        const failures = (readFailures.get(root) || 0) + 1;
        readFailures.set(root, failures);
        if (failures === MAX_READ_TRIES) v.unreadCards++;
        continue;
      }
      const rec = { card, verdict: null, badge: null };
      v.records.set(root, rec);
      batch.push(rec);
    }
    return batch;
  }

  // Asks the background to judge `recs` and draws the answer. A batch left
  // unanswered (the service worker stopped or restarting, an answer that does
  // not fit) is asked again with backoff for as long as the visit lasts: a
  // card counts as done only once it has its verdict.
  async function classify(recs) {
    v.asking++;
    try {
      await ask(recs);
    } finally {
      v.asking--;
    }
  }

  // The signed-in person as the core reads them: as the last scan found
  // them, or read now.
  function recipientNow() {
    return toRecipient(v.recipient || readRecipient(doc));
  }

  async function ask(recs) {
    const generation = v.generation;
    const recipient = recipientNow();
    for (let attempt = 0; ; attempt++) {
      const reply = await send(classifyMessage(recs.map((r) => toInvitation(r.card)), recipient));
      if (signal.aborted || !isAlive() || generation !== v.generation) return; // a newer pass covers these
      if (reply && reply.enabled === false) {
        v.enabled = false;
        withoutObserving(() => {
          for (const rec of recs) clearBadge(rec);
        });
        report();
        return;
      }
      if (reply && !reply.error && Array.isArray(reply.verdicts) && reply.verdicts.length === recs.length) {
        v.enabled = true;
        await draw(recs, reply.verdicts, generation);
        return;
      }
      report(); // the popup shows these cards as not judged yet
      await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
      if (signal.aborted || !isAlive() || generation !== v.generation) return;
      // Only cards still on the page and still ours are asked again.
      recs = recs.filter((r) => r.card.root.isConnected && v.records.get(r.card.root) === r);
      if (recs.length === 0) return;
    }
  }

  // Draws verdicts as badges; resolves once they are drawn (or dropped:
  // the visit ended, or newer settings judge these cards again). Answers
  // that arrive together are drawn together, in a task after them, in
  // slices of DRAW_SLICE_MS that yield to the page: each task that adds
  // badges has the browser style and lay out the list again in the next
  // frame (tens of milliseconds with 1000 cards on the page), and drawing
  // each answer as it came made a frame of that per answer. For the same
  // reason an answer waits, up to DRAW_WAIT_MS, for the batches still
  // being read or asked about: drawing the first of five answers for 1000
  // new cards made a frame of about 45 ms that held up the other four
  // (their answers queued behind it), and the last badge came later.
  function draw(recs, verdicts, generation) {
    return new Promise((resolve) => {
      v.drawQueue.push({ recs, verdicts, generation, i: 0, resolve });
      if (v.drawTimer) return; // a draw is due or running: it takes this one too
      if (judging(v.drawQueue.length)) {
        if (!v.drawWait) v.drawWait = setTimeout(startDraw, DRAW_WAIT_MS);
        return;
      }
      startDraw();
    });
  }

  function startDraw() {
    clearTimeout(v.drawWait);
    v.drawWait = 0;
    if (!v.drawTimer) v.drawTimer = setTimeout(drawQueued, 0);
  }

  async function drawQueued() {
    const done = [];
    while (v.drawQueue.length && !signal.aborted) {
      withoutObserving(() => {
        const sliceUsed = sliceClock(DRAW_SLICE_MS);
        while (v.drawQueue.length) {
          const job = v.drawQueue[0];
          if (job.generation === v.generation) {
            while (job.i < job.recs.length && !sliceUsed()) {
              drawOne(job.recs[job.i], job.verdicts[job.i]);
              job.i++;
            }
            if (job.i < job.recs.length) break; // the slice is used up
          }
          done.push(v.drawQueue.shift());
        }
      });
      if (v.drawQueue.length) await yieldToPage();
    }
    v.drawTimer = 0;
    // A visit that ended drops what was left; its callers stop there.
    for (const job of v.drawQueue.splice(0)) done.push(job);
    for (const job of done) job.resolve();
    // The bulk-decline offer lands with the last badges, in the same task:
    // drawn from the debounced report, it came a moment after the last
    // badge and pushed the list down under the person's pointer (Firefox
    // then dropped a click landing during the insertion). Not before the
    // last: each offer counts every card on the page, and a thousand cards
    // come in several answers.
    if (!signal.aborted && !judging(done.length)) bulk.refresh();
    report();
  }

  function drawOne(rec, verdict) {
    const root = rec.card.root;
    if (!root.isConnected || v.records.get(root) !== rec) return;
    rec.verdict = verdict;
    root.setAttribute(LABEL_ATTRIBUTE, verdict.label);
    if (rec.badge) {
      rec.badge.update(verdict, rec.card.note);
    } else {
      // A badge left by an earlier copy of the content script (the extension
      // was reloaded under the page) goes: one badge per card, ours.
      if (v.staleBadges) {
        const stale = root.getElementsByTagName(HOST_TAG);
        for (let i = stale.length - 1; i >= 0; i--) stale[i].remove();
      }
      // The handlers look the card up at the moment of the click: the
      // record may have been replaced since (content changed in place).
      rec.badge = createBadge(root, verdict, rec.card.note, {
        t,
        theme: v.theme,
        canDecline: () => !!currentIgnore(v.records.get(root)),
        onDecline: (event) => decline(root, event),
        explain: () => explainCard(root),
      });
    }
  }

  // The full verdict of the card at `root` for its panel, or null: the
  // invitation as read when it was judged, asked of the background again
  // with its evidence (a page's verdicts carry none).
  async function explainCard(root) {
    const rec = v.records.get(root);
    if (!rec || !rec.verdict) return null;
    const reply = await send(explainMessage(toInvitation(rec.card), recipientNow()));
    return reply && reply.enabled && reply.verdict ? reply.verdict : null;
  }

  // Runs fn() (our own synchronous DOM changes) with the page observer off:
  // otherwise each badge we insert comes back as a mutation record to create
  // and sift (1000 at once). Records already pending are LinkedIn's, taken
  // first and handled as usual; nothing else runs on the page during fn().
  function withoutObserving(fn) {
    const pending = observer.takeRecords();
    observer.disconnect();
    try {
      fn();
    } finally {
      if (!signal.aborted) observer.observe(doc.documentElement, OBSERVED);
      if (pending.length) onMutations(pending);
    }
  }

  function clearBadge(rec) {
    if (rec.badge) rec.badge.remove();
    rec.badge = null;
    rec.verdict = null;
    rec.card.root.removeAttribute(LABEL_ATTRIBUTE);
  }

  // The row still reads as the invitation we badged.
  function sameCard(rec) {
    const fresh = readCard(rec.card.root, v.era);
    return !!fresh && fresh.id === rec.card.id;
  }

  // A badged row that is no longer a card: no badge, no label, not counted.
  function forget(root, rec) {
    clearBadge(rec);
    v.records.delete(root);
  }

  // Records whose root is no longer among the page's cards (removed, or
  // turned into a row that is not an invitation).
  function dropGone(roots) {
    if (v.records.size === 0) return;
    const current = new Set(roots);
    for (const [root, rec] of v.records) if (!current.has(root)) forget(root, rec);
  }

  // The card's Ignore control, read afresh (LinkedIn may have re-rendered).
  function currentIgnore(rec) {
    if (!rec || !rec.verdict) return null;
    const root = rec.card.root;
    if (!root.isConnected) return null;
    const fresh = readCard(root, v.era);
    const button = fresh && fresh.ignoreButton;
    return button && root.contains(button) ? button : null;
  }

  /**
   * The person clicked Decline on the badge of `root`. Returns 'done',
   * 'missing' (no Ignore to press), 'changed' (the card now shows another
   * invitation: judged again, nothing pressed) or 'refused' (not the
   * person's own click).
   */
  function decline(root, event) {
    // Only a click from the person acts on LinkedIn: a page script's click()
    // or dispatchEvent on our button does nothing.
    if (!isTrusted(event)) return 'refused';
    const rec = v.records.get(root);
    if (!rec || !rec.verdict || !root.isConnected) return 'missing';
    // The card is read again at the moment of the click: the invitation id,
    // the name and the note read when it was judged must still be what it
    // shows, and the control to press must be that card's own Ignore.
    // LinkedIn reuses a row's element for another invitation; pressing then
    // would ignore someone the badge never judged.
    const result = pressIgnoreIfSame(root, v.era, rec.card);
    if (result === 'changed') {
      v.changed.add(root);
      scheduleScan(0);
      return 'changed';
    }
    if (result !== 'done') return 'missing';
    report();
    return 'done';
  }

  // ------------------------------------------------------------ lifetime

  const observer = new win.MutationObserver(onMutations);
  observer.observe(doc.documentElement, OBSERVED);
  watchTheme(win, signal, (theme) => {
    if (theme === v.theme) return;
    v.theme = theme;
    for (const rec of v.records.values()) if (rec.badge) rec.badge.setTheme(theme);
    bulk.setTheme(theme);
  });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(v.scanTimer);
    clearTimeout(v.reportTimer);
    clearTimeout(v.settleTimer);
    clearTimeout(v.drawTimer);
    v.drawTimer = 0;
    clearTimeout(v.drawWait);
    v.drawWait = 0;
    for (const job of v.drawQueue.splice(0)) job.resolve();
  });
  // Bulk decline (bulk-visit.js): the bar above the list, its review and batch.
  const bulk = attachBulk({
    win,
    api: env.api,
    t,
    signal,
    isTrusted,
    records: () => v.records,
    era: () => v.era,
    status: () => v.status,
    theme: () => v.theme,
    withoutObserving,
    report,
  });
  scheduleScan(0);

  return {
    /** The page's status so far (null until known). */
    status: () => v.status,

    /** Settings changed (popup): judge every card again at the new strictness. */
    async reclassifyAll() {
      if (signal.aborted) return;
      bulk.settingsChanged();
      v.generation++;
      const recs = Array.from(v.records.values()).filter((r) => r.card.root.isConnected);
      // Every batch asked at once: the background answers them in turn.
      const asked = [];
      for (let i = 0; i < recs.length && !signal.aborted; i += BATCH_SIZE) asked.push(classify(recs.slice(i, i + BATCH_SIZE)));
      await Promise.all(asked);
      report();
    },

    /** Bulk decline, for the popup: {available, count, running}. */
    bulkState: () => bulk.state(),
    /** The popup's "Decline N suggested": opens the review on the page. */
    bulkOpen: () => bulk.open(),

    /** Stops watching and removes every badge and label we added. */
    end() {
      if (signal.aborted) return;
      bulk.end(); // a running batch stops: the page is being left
      controller.abort();
      // Leave LinkedIn's page as we found it: cards that stay in the DOM (a
      // filter change) are badged again by the next visit.
      for (const [root, rec] of v.records) {
        if (rec.badge) rec.badge.remove();
        // A badge still there is a newer copy's (the extension was reloaded
        // and the new content script took over): its label stays.
        if (root.getElementsByTagName(HOST_TAG).length === 0) root.removeAttribute(LABEL_ATTRIBUTE);
      }
      v.records.clear();
    },
  };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isBadgeHost(node) {
  return node.nodeType === 1 && node.localName === HOST_TAG;
}

// A mutation that only added or removed our own badge hosts. (Drawing 1000
// badges makes 1000 such records; NodeLists are walked by index, as their
// iterator costs a call into the browser per step.)
function onlyOurs(m) {
  for (const list of [m.addedNodes, m.removedNodes]) {
    for (let i = 0; i < list.length; i++) if (!isBadgeHost(list[i])) return false;
  }
  return true;
}
