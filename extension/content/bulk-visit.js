// Bulk decline on one visit of the invitations page: which cards it offers,
// the review, and the batch run against the live page.
//
// The offer counts the cards whose verdict suggests `ignore` at the current
// strictness and whose Ignore control was positively recognised; a
// personalized card, or one suggested `ask` or `review`, is never among them.
// Nothing happens before the person's own (trusted) click on Confirm in the
// review; then the batch (bulk-decline.js) presses, for each card still
// checked, LinkedIn's Ignore through pressIgnoreIfSame (press-ignore.js, the
// badge's Decline uses the same), after checking that the card did not move
// and that its Ignore is the very element read at review time. The page
// must stay the one reviewed: same route, visible, a layout still read, the
// feature still on; else the batch stops and says why.
import { LABEL_MESSAGES } from '../i18n.js';
import { LABEL, STATUS } from '../protocol.js';
import { ERA_A, ERA_B } from '../selectors.js';
import { detect, readCard, routeOf } from '../page-reader.js';
import { loadSettings } from '../settings.js';
import { COUNTDOWN_MS, PHASE, createBatch } from './bulk-decline.js';
import { createBulkUi } from './bulk-ui.js';
import { pressIgnoreIfSame, sameInvitation } from './press-ignore.js';

const NOTE_WORDS = 12; // the first words of the note shown in the review
const NOTE_CHARS = 90;
const SKIP_WORDS = { changed: 'bulkSkipChanged', moved: 'bulkSkipMoved', control: 'bulkSkipControl', missing: 'bulkSkipMissing', verdict: 'bulkSkipVerdict' };
const STOP_WORDS = { stop: 'bulkStopStop', route: 'bulkStopRoute', hidden: 'bulkStopHidden', layout: 'bulkStopLayout', off: 'bulkStopOff', unchanged: 'bulkStopUnchanged' };

/** The first words of a note, for the review list (plain text). */
export function firstWords(note) {
  if (!note) return '';
  const words = String(note).trim().split(/\s+/);
  let out = words.slice(0, NOTE_WORDS).join(' ');
  if (out.length > NOTE_CHARS) out = out.slice(0, NOTE_CHARS).trimEnd();
  return out.length < note.trim().length ? out + '…' : out;
}

// The kind of the strongest sign against a note, in the person's language
// (the rules' own descriptions are English; the panel shows those).
const REASON_OF_CATEGORY = {
  stock: 'bulkReasonStock',
  template: 'bulkReasonTemplate',
  pitch: 'bulkReasonPitch',
  lion: 'bulkReasonLion',
  mass_send: 'bulkReasonMassSend',
  empty: 'bulkReasonEmpty',
};

/**
 * Why a card is suggested for declining: no note, or the kind of its
 * strongest sign against (the badge verdict's `against`, named by the core).
 */
export function reasonOf(verdict, t) {
  if (verdict.label === LABEL.BLANK) return t('bulkReasonBlank');
  const key = verdict.against ? REASON_OF_CATEGORY[verdict.against] : null;
  return key ? t(key) : t('bulkReasonGeneric');
}

/** A card the offer may include: suggested ignore, never personalized, with a recognised Ignore. */
function offered(rec) {
  return !!rec && !!rec.verdict && !!rec.badge && rec.verdict.action === 'ignore' && rec.verdict.label !== LABEL.PERSONALIZED;
}

function inPageOrder(a, b) {
  if (a === b) return 0;
  // DOCUMENT_POSITION_FOLLOWING (4): b comes after a.
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}

/**
 * env: {win, api, t, signal, isTrusted(event), records() (Map card root ->
 * {card, verdict, badge}), era(), status(), theme(), withoutObserving(fn),
 * report()}. Returns {refresh(), state(), open(), settingsChanged(),
 * setTheme(theme), end()}.
 */
export function attachBulk(env) {
  const { win, t, signal, isTrusted } = env;
  const doc = win.document;
  let settings = null; // loaded below; nothing is shown until then
  let ui = null;
  let mode = 'offer'; // 'offer' | 'review' | 'batch' | 'summary'
  let shownCount = -1;
  let review = null; // {era, path, order, items}
  let batch = null;
  let list = null; // the list the bar was last placed above
  let ended = false; // the visit is over: draw nothing more

  function ensureUi() {
    if (ui) return ui;
    ui = createBulkUi(doc, {
      t,
      theme: env.theme(),
      onOpen: (event) => {
        if (isTrusted(event)) open();
      },
      onConfirm: (event, keys) => confirm(event, keys),
      onReviewClosed: () => {
        if (mode !== 'review') return;
        mode = 'offer';
        review = null;
        refresh(); // the same button, where focus returns
      },
      onCancel: (event) => {
        if (isTrusted(event) && batch) batch.cancel();
      },
      onStop: (event) => {
        if (isTrusted(event) && batch) batch.stop();
      },
      onDismiss: (event) => {
        if (!isTrusted(event)) return;
        mode = 'offer';
        shownCount = -1;
        refresh();
        if (ui) ui.focusButton(); // keyboard users land on the offer (if any is left)
      },
    });
    return ui;
  }

  function pageOk() {
    return !!settings && settings.enabled && settings.bulkDecline && routeOf(win.location.href) === 'received' && env.status() === STATUS.OK;
  }

  function offerable(root, rec) {
    return root.isConnected && offered(rec) && rec.card.ignoreButton;
  }

  // The cards offered now, in page order (for the review).
  function candidates() {
    const out = [];
    for (const [root, rec] of env.records()) if (offerable(root, rec)) out.push(rec);
    return out.sort((a, b) => inPageOrder(a.card.root, b.card.root));
  }

  // How many cards are offered now, and the first of them on the page: all
  // the bar needs, after every report. (Sorting a thousand cards by
  // document position each time cost more than the rest of the offer.)
  function offerNow() {
    let count = 0;
    let first = null;
    for (const [root, rec] of env.records()) {
      if (!offerable(root, rec)) continue;
      count++;
      if (!first || inPageOrder(root, first.card.root) < 0) first = rec;
    }
    return { count, first };
  }

  // The bar sits just above the list of cards (its previous sibling).
  function place(anchorRoot) {
    const found = anchorRoot && (anchorRoot.closest(ERA_B.list) || anchorRoot.closest(ERA_A.list));
    if (!found || !found.parentNode) return false;
    list = found;
    const host = ensureUi().host;
    if (host.nextSibling !== list) env.withoutObserving(() => list.before(host));
    return true;
  }

  function hide() {
    if (ui && ui.host.isConnected) env.withoutObserving(() => ui.host.remove());
    shownCount = -1;
  }

  /** Redraws the offer (after each report of the visit); the batch and the review keep the bar. */
  function refresh() {
    if (signal.aborted || ended) return;
    if (mode === 'batch' || mode === 'summary' || mode === 'review') {
      // LinkedIn re-rendered the column and dropped the bar: put it back, so
      // Stop and the summary stay within reach.
      if (ui && !ui.host.isConnected && list && list.isConnected && list.parentNode) env.withoutObserving(() => list.before(ui.host));
      return;
    }
    const { count, first } = pageOk() ? offerNow() : { count: 0, first: null };
    if (count === 0 || !place(first.card.root)) {
      hide();
      return;
    }
    if (count !== shownCount) {
      shownCount = count;
      ui.showOffer(count);
    }
  }

  /** Opens the review of the cards offered now. Returns whether it opened. */
  function open() {
    if (signal.aborted || ended || mode === 'batch' || !pageOk()) return false;
    const era = env.era();
    const found = detect(doc, win.location.href);
    if (found.status !== STATUS.OK || found.era !== era) return false;
    const items = [];
    for (const rec of candidates()) {
      const root = rec.card.root;
      // Read again now: the review shows what will be checked at the press.
      const fresh = readCard(root, era);
      if (!fresh || !sameInvitation(rec.card, fresh) || !fresh.ignoreButton || !root.contains(fresh.ignoreButton)) continue;
      items.push({ key: String(items.length), root, card: fresh, control: fresh.ignoreButton, parent: root.parentNode, verdict: rec.verdict });
    }
    if (items.length === 0) return false;
    review = { era, path: win.location.pathname, order: found.roots, items };
    if (!place(items[0].root)) return false;
    mode = 'review';
    ensureUi().openReview(items.map((it) => ({
      key: it.key,
      root: it.root,
      name: it.card.sender.name,
      label: t(LABEL_MESSAGES[it.verdict.label] || it.verdict.label),
      note: firstWords(it.card.note),
      reason: reasonOf(it.verdict, t),
    })));
    return true;
  }

  // Whether the card is no longer where it was at review time: another
  // parent, or out of order with the reviewed cards still on the page.
  function moved(item) {
    if (item.root.parentNode !== item.parent) return true;
    const order = review.order;
    const at = order.indexOf(item.root);
    if (at < 0) return true;
    for (let i = at - 1; i >= 0; i--) {
      if (!order[i].isConnected) continue;
      if (inPageOrder(order[i], item.root) > 0) return true; // the one before is now after
      break;
    }
    for (let i = at + 1; i < order.length; i++) {
      if (!order[i].isConnected) continue;
      if (inPageOrder(item.root, order[i]) > 0) return true; // the one after is now before
      break;
    }
    return false;
  }

  function pageProblem() {
    if (signal.aborted || win.location.pathname !== review.path) return 'route';
    if (doc.visibilityState === 'hidden') return 'hidden';
    if (!settings || !settings.enabled || !settings.bulkDecline) return 'off';
    const found = detect(doc, win.location.href);
    if (found.status !== STATUS.OK || found.era !== review.era) return 'layout';
    return null;
  }

  function press(item) {
    if (!item.root.isConnected) return 'missing';
    // Another invitation first (the most telling reason), then its place,
    // then whether it is still judged, at the strictness in force now, as
    // one to decline; pressIgnoreIfSame checks the card and its control
    // once more at the press itself.
    if (changed(item)) return 'changed';
    if (moved(item)) return 'moved';
    if (!offered(env.records().get(item.root))) return 'verdict';
    return pressIgnoreIfSame(item.root, review.era, item.card, item.control);
  }

  function changed(item) {
    if (!item.root.isConnected) return true;
    const fresh = readCard(item.root, review.era);
    return !fresh || !sameInvitation(item.card, fresh);
  }

  function summaryText(s) {
    if (s.phase === PHASE.CANCELLED) {
      return s.stopReason && s.stopReason !== 'cancel' ? t('bulkSummaryNotStarted', t(STOP_WORDS[s.stopReason] || 'bulkStopLayout')) : t('bulkSummaryCancelled');
    }
    let text = t('bulkSummary', [String(s.declined.length), String(s.skipped.length)]);
    if (s.skipped.length) text += ' (' + s.skipped.map((k) => k.item.card.sender.name + ': ' + t(SKIP_WORDS[k.reason] || 'bulkSkipChanged')).join('; ') + ')';
    if (s.stopReason) text += ' — ' + t('bulkStoppedBecause', [t(STOP_WORDS[s.stopReason] || 'bulkStopLayout'), String(s.left)]);
    return text;
  }

  function onUpdate(s) {
    if (!ui) return;
    if (s.phase === PHASE.COUNTDOWN) ui.showCountdown(Math.max(1, Math.ceil(s.remainingMs / 1000)), s.total);
    else if (s.phase === PHASE.RUNNING) ui.showProgress(s.declined.length + s.skipped.length, s.total);
    else if (s.phase !== PHASE.IDLE) ui.showSummary(summaryText(s));
  }

  function confirm(event, keys) {
    // The batch is what the person confirmed with their own click: a page
    // script's click() or dispatchEvent on Confirm starts nothing.
    if (!isTrusted(event) || mode !== 'review' || !review) return;
    const chosen = new Set(keys);
    const items = review.items.filter((it) => chosen.has(it.key));
    mode = 'batch';
    ui.closeReview();
    if (items.length === 0) {
      mode = 'offer';
      refresh();
      return;
    }
    ui.showCountdown(Math.ceil(COUNTDOWN_MS / 1000), items.length); // at once, with focus on Cancel
    ui.focusButton();
    batch = createBatch({
      items,
      press,
      changed,
      pageProblem,
      paceMs: settings.bulkPaceMs,
      sleep: (ms) => new Promise((resolve) => win.setTimeout(resolve, ms)),
      onUpdate,
    });
    batch.start().then(() => {
      batch = null;
      if (signal.aborted) return;
      mode = 'summary';
      env.report();
    });
  }

  async function loadNow() {
    try {
      settings = await loadSettings(env.api);
    } catch (_) {
      settings = null;
    }
    if (batch && settings && (!settings.enabled || !settings.bulkDecline)) batch.abort('off');
    refresh();
  }

  // A hidden tab stops the batch at once (checked again before each press).
  // (Removed on abort by hand: the page window's addEventListener may not
  // take this world's AbortSignal.)
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden' && batch) batch.abort('hidden');
  };
  doc.addEventListener('visibilitychange', onVisibility);
  signal.addEventListener('abort', () => doc.removeEventListener('visibilitychange', onVisibility));
  loadNow();

  return {
    refresh,
    /** For the popup: whether the offer is shown, how many, whether a batch runs. */
    state() {
      const count = pageOk() ? offerNow().count : 0;
      return { available: pageOk(), count, running: mode === 'batch' };
    },
    open,
    settingsChanged: loadNow,
    setTheme(theme) {
      if (ui) ui.setTheme(theme);
    },
    end() {
      ended = true;
      if (batch) batch.abort('route');
      batch = null;
      if (ui) env.withoutObserving(() => ui.remove());
      ui = null;
    },
  };
}
