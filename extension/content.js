// Content script: runs on every www.linkedin.com page (a single-page app,
// so invitation pages are often reached without a page load), watches the
// route, and on invitation pages badges each card once.
//
// The judgement happens in the background (the wasm core); this file only
// reads cards (page-reader.js), asks, and draws badges (badge.js). It keeps
// the page responsive: work is sliced into short chunks that yield, and all
// observers of one visit hang on one AbortController.
(function () {
  'use strict';

  const R = globalThis.NoteworthyPageReader;
  const Badge = globalThis.NoteworthyBadge;
  const S = globalThis.NoteworthySelectors;
  if (!R || !Badge || !S || globalThis.__noteworthyContent) return; // missing parts, or already running
  globalThis.__noteworthyContent = true;

  const ext = globalThis.browser || globalThis.chrome;

  const ROUTE_POLL_MS = 400; // SPA navigations happen in the page world; polling the URL is cheap
  // One scan per burst of mutations (a task's mutations already arrive
  // together); about a frame, so new cards are read soon after they render.
  const SCAN_DEBOUNCE_MS = 16;
  const SETTLE_QUIET_MS = 1500; // an invitations URL must stay unknown this long after the last mutation…
  const SETTLE_MIN_MS = 3000; // …and this long after the visit began, before it is called unrecognised
  const SETTLE_MAX_MS = 8000; // a page that never stops changing is judged by then
  const SLICE_MS = 8; // well under the 50 ms long-task budget
  const BATCH_SIZE = 100; // invitations per message to the background
  const MAX_READ_TRIES = 3; // a card still rendering may become readable on a later scan
  const REPORT_DELAY_MS = 250;

  let alive = true;
  let visit = null;
  let lastHref = location.href;
  let routeTimer = 0;
  const readFailures = new WeakMap(); // card root -> failed reads

  // ---------------------------------------------------------------- messaging

  function contextAlive() {
    try {
      return !!(ext && ext.runtime && ext.runtime.id);
    } catch (_) {
      return false;
    }
  }

  // Sends a message; retries once (the service worker may have been asleep
  // or restarting). Returns null when there is no answer. When the extension
  // was reloaded or removed under us, stops everything quietly.
  async function send(message) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!alive) return null;
      if (!contextAlive()) {
        shutdown();
        return null;
      }
      try {
        const reply = await ext.runtime.sendMessage(message);
        if (reply !== undefined) return reply;
      } catch (e) {
        if (/context invalidated/i.test(String(e && e.message))) {
          shutdown();
          return null;
        }
      }
      await sleep(150);
    }
    return null;
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // Lets the page run between slices of our work. scheduler.yield() resumes
  // us ahead of tasks queued meanwhile; where it is missing, a message to
  // ourselves is a fresh task without the >= 4 ms clamp that nested
  // setTimeout(0) gets (which made every slice wait 4 ms for nothing).
  let yieldChannel = null;
  const yieldWaiters = [];
  function yieldToPage() {
    if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
    if (typeof MessageChannel !== 'function') return sleep(0);
    if (!yieldChannel) {
      yieldChannel = new MessageChannel();
      yieldChannel.port1.onmessage = () => {
        const resume = yieldWaiters.shift();
        if (resume) resume();
      };
    }
    return new Promise((resolve) => {
      yieldWaiters.push(resolve);
      yieldChannel.port2.postMessage(null);
    });
  }

  // ---------------------------------------------------------------- status

  function setStatus(status) {
    const html = document.documentElement;
    if (status) html.dataset.noteworthyStatus = status;
    else delete html.dataset.noteworthyStatus;
  }

  function report() {
    if (!visit || visit.reportTimer) return;
    const v = visit;
    v.reportTimer = setTimeout(() => {
      v.reportTimer = 0;
      if (visit !== v) return;
      send({ type: 'report', status: v.status || 'pending', counts: counts(v), url: location.href });
    }, REPORT_DELAY_MS);
  }

  function counts(v) {
    const c = { blank: 0, generic: 0, personalized: 0 };
    for (const [root, rec] of v.records) {
      if (rec.verdict && root.isConnected && rec.badge && c[rec.verdict.label] !== undefined) c[rec.verdict.label]++;
    }
    return c;
  }

  // ---------------------------------------------------------------- route

  function checkRoute() {
    if (!alive) return;
    if (!contextAlive()) {
      shutdown();
      return;
    }
    if (location.href === lastHref) return;
    lastHref = location.href;
    onRoute();
  }

  function onRoute() {
    endVisit();
    if (R.isInvitationsUrl(location.href)) {
      beginVisit();
    } else {
      setStatus('not-invitations');
      send({ type: 'report', status: 'not-invitations', counts: { blank: 0, generic: 0, personalized: 0 }, url: location.href });
    }
  }

  // ---------------------------------------------------------------- one visit

  function beginVisit() {
    const controller = new AbortController();
    const now = performance.now();
    const v = {
      controller,
      signal: controller.signal,
      started: now,
      lastMutation: now,
      status: null,
      era: null,
      records: new Map(), // card root -> {card, verdict, badge}
      queue: [],
      queued: new WeakSet(),
      processing: false,
      generation: 0, // bumped on each settings change: late answers for older settings are dropped
      enabled: true,
      scanTimer: 0,
      reportTimer: 0,
      theme: readTheme(),
    };
    visit = v;
    setStatus(null);

    const observer = new MutationObserver((mutations) => onMutations(v, mutations));
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const themeObserver = new MutationObserver(() => applyTheme(v));
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    const media = globalThis.matchMedia ? matchMedia('(prefers-color-scheme: dark)') : null;
    const onMedia = () => applyTheme(v);
    if (media && media.addEventListener) media.addEventListener('change', onMedia, { signal: v.signal });

    v.signal.addEventListener('abort', () => {
      observer.disconnect();
      themeObserver.disconnect();
      clearTimeout(v.scanTimer);
      clearTimeout(v.reportTimer);
      clearTimeout(v.settleTimer);
    });
    scheduleScan(v, 0);
  }

  function endVisit() {
    const v = visit;
    if (!v) return;
    visit = null;
    v.controller.abort();
    // Leave LinkedIn's page as we found it: cards that stay in the DOM (a
    // filter change) are badged again by the next visit.
    for (const [root, rec] of v.records) {
      if (rec.badge) rec.badge.remove();
      delete root.dataset.noteworthy;
    }
    v.records.clear();
  }

  function onMutations(v, mutations) {
    if (v.signal.aborted) return;
    let relevant = false;
    for (const m of mutations) {
      // LinkedIn re-rendered a card and dropped our badge: put it back.
      for (const node of m.removedNodes) {
        if (node.nodeType === 1 && node.localName === Badge.HOST_TAG) {
          const rec = v.records.get(m.target);
          if (rec && rec.badge && rec.badge.host === node && m.target.isConnected) m.target.append(node);
        }
      }
      if (!relevant && !onlyOurs(m)) relevant = true;
    }
    if (!relevant) return;
    v.lastMutation = performance.now();
    scheduleScan(v, SCAN_DEBOUNCE_MS);
  }

  function onlyOurs(m) {
    const ours = (n) => n.nodeType === 1 && n.localName === Badge.HOST_TAG;
    for (const n of m.addedNodes) if (!ours(n)) return false;
    for (const n of m.removedNodes) if (!ours(n)) return false;
    return true;
  }

  function scheduleScan(v, delay) {
    if (v.scanTimer) return;
    v.scanTimer = setTimeout(() => {
      v.scanTimer = 0;
      if (!v.signal.aborted) scan(v);
    }, delay);
  }

  function scan(v) {
    const found = R.detect(document, location.href);
    if (found.status === 'ok') {
      v.era = found.era;
      // A known container with no card yet is a known page; with cards, the
      // page is 'ok' once one of them has been read (see processQueue).
      if (found.roots.length === 0) publish(v, 'ok');
      for (const root of found.roots) {
        if (v.records.has(root) || v.queued.has(root)) continue;
        if ((readFailures.get(root) || 0) >= MAX_READ_TRIES) continue;
        v.queued.add(root);
        v.queue.push(root);
      }
      processQueue(v);
      report();
      return;
    }
    if (found.status === 'not-invitations') {
      publish(v, 'not-invitations');
      return;
    }
    // Unknown structure: wait for the page to settle before saying so; a
    // slow page may still become one we know.
    const now = performance.now();
    const settled =
      (now - v.lastMutation >= SETTLE_QUIET_MS && now - v.started >= SETTLE_MIN_MS) || now - v.started >= SETTLE_MAX_MS;
    if (settled) {
      if (v.status !== 'ok') publish(v, 'unrecognised');
    } else {
      clearTimeout(v.settleTimer);
      v.settleTimer = setTimeout(() => scheduleScan(v, 0), SETTLE_QUIET_MS);
    }
  }

  function publish(v, status) {
    if (v.status === status) return;
    v.status = status;
    setStatus(status);
    report();
  }

  // Reads queued cards in short slices and sends each slice's cards to the
  // background at once, without waiting for the answer: the background
  // judges one batch while the page reads the next, and each answer is drawn
  // when it arrives. (Waiting for each round trip before reading on left the
  // page idle most of the time: 1000 cards took ten serial round trips.)
  async function processQueue(v) {
    if (v.processing) return;
    v.processing = true;
    try {
      while (v.queue.length && !v.signal.aborted && alive) {
        const batch = readSlice(v);
        if (batch.length) {
          publish(v, 'ok');
          classify(v, batch);
        }
        if (v.queue.length) await yieldToPage();
      }
      // Cards that exist but none of which we can read: a layout we do not know.
      if (!v.signal.aborted && v.records.size === 0) {
        const found = R.detect(document, location.href);
        if (found.roots.length && found.roots.every((r) => (readFailures.get(r) || 0) >= MAX_READ_TRIES)) {
          publish(v, 'unrecognised');
        } else if (found.roots.length) {
          // Retry later: cards may still be rendering.
          clearTimeout(v.settleTimer);
          v.settleTimer = setTimeout(() => scheduleScan(v, 0), SETTLE_QUIET_MS);
        }
      }
    } finally {
      v.processing = false;
    }
  }

  // Reads queued cards for at most SLICE_MS (and BATCH_SIZE cards).
  function readSlice(v) {
    const batch = [];
    const start = performance.now();
    while (v.queue.length && batch.length < BATCH_SIZE && performance.now() - start < SLICE_MS) {
      const root = v.queue.shift();
      v.queued.delete(root);
      if (!root.isConnected || v.records.has(root)) continue;
      const card = R.readCard(root, v.era);
      if (!card) {
        readFailures.set(root, (readFailures.get(root) || 0) + 1);
        continue;
      }
      const rec = { card, verdict: null, badge: null };
      v.records.set(root, rec);
      batch.push(rec);
    }
    return batch;
  }

  async function classify(v, recs) {
    const generation = v.generation;
    const recipient = R.readRecipient(document);
    const reply = await send({ type: 'classify', invitations: recs.map((r) => R.toInvitation(r.card, recipient)) });
    if (v.signal.aborted || generation !== v.generation) return; // a newer pass covers these
    if (!reply || reply.error || !Array.isArray(reply.verdicts)) return;
    v.enabled = reply.enabled !== false;
    if (!v.enabled) {
      for (const rec of recs) clearBadge(rec);
      report();
      return;
    }
    if (reply.verdicts.length !== recs.length) return;
    await applyVerdicts(v, recs, reply.verdicts);
  }

  async function applyVerdicts(v, recs, verdicts) {
    let start = performance.now();
    for (let i = 0; i < recs.length; i++) {
      if (v.signal.aborted) return;
      if (performance.now() - start > SLICE_MS) {
        await yieldToPage();
        start = performance.now();
      }
      const rec = recs[i];
      const root = rec.card.root;
      if (!root.isConnected || v.records.get(root) !== rec) continue;
      rec.verdict = verdicts[i];
      root.dataset.noteworthy = rec.verdict.label;
      if (rec.badge) {
        rec.badge.update(rec.verdict, rec.card.note);
      } else {
        rec.badge = Badge.create(root, rec.verdict, rec.card.note, {
          canDecline: () => !!currentIgnore(v, rec),
          onDecline: () => decline(v, rec),
        });
        rec.badge.setTheme(v.theme);
      }
    }
    report();
  }

  function clearBadge(rec) {
    if (rec.badge) rec.badge.remove();
    rec.badge = null;
    rec.verdict = null;
    delete rec.card.root.dataset.noteworthy;
  }

  // The card's Ignore control, read afresh (LinkedIn may have re-rendered).
  function currentIgnore(v, rec) {
    const root = rec.card.root;
    if (!root.isConnected) return null;
    const fresh = R.readCard(root, v.era);
    const button = fresh && fresh.ignoreButton;
    return button && root.contains(button) ? button : null;
  }

  // Only ever called from the person's click on our Decline button.
  function decline(v, rec) {
    const button = currentIgnore(v, rec);
    if (!button) return false;
    button.click();
    report();
    return true;
  }

  // Settings changed (popup): judge every card again at the new strictness.
  async function reclassifyAll() {
    const v = visit;
    if (!v || v.signal.aborted) return;
    v.generation++;
    const recs = Array.from(v.records.values()).filter((r) => r.card.root.isConnected);
    // Every batch asked at once: the background answers them in turn.
    const asked = [];
    for (let i = 0; i < recs.length && !v.signal.aborted; i += BATCH_SIZE) asked.push(classify(v, recs.slice(i, i + BATCH_SIZE)));
    await Promise.all(asked);
    report();
  }

  // ---------------------------------------------------------------- theme

  // LinkedIn's own theme class on <html> wins; without one the badge
  // follows the system (prefers-color-scheme, in the badge's CSS).
  function readTheme() {
    const cls = document.documentElement.classList;
    if (S.THEME.darkClasses.some((c) => cls.contains(c))) return 'dark';
    if (S.THEME.lightClasses.some((c) => cls.contains(c))) return 'light';
    return null;
  }

  function applyTheme(v) {
    const theme = readTheme();
    if (theme === v.theme) return;
    v.theme = theme;
    for (const rec of v.records.values()) if (rec.badge) rec.badge.setTheme(theme);
  }

  // ---------------------------------------------------------------- lifetime

  function onStorageChanged(changes) {
    if (!alive) return;
    if (!contextAlive()) {
      shutdown();
      return;
    }
    if (changes && changes.settings) reclassifyAll();
  }

  function shutdown() {
    if (!alive) return;
    alive = false;
    clearInterval(routeTimer);
    window.removeEventListener('popstate', checkRoute);
    try {
      ext.storage.onChanged.removeListener(onStorageChanged);
    } catch (_) {
      // the extension context is gone: nothing to remove from
    }
    endVisit();
  }

  window.addEventListener('popstate', checkRoute);
  routeTimer = setInterval(checkRoute, ROUTE_POLL_MS);
  try {
    ext.storage.onChanged.addListener(onStorageChanged);
  } catch (_) {
    // no storage access: settings changes apply on the next page load
  }
  onRoute();
})();
