// The sender's coach on every LinkedIn page (profiles, search, "People you
// may know"): notices LinkedIn's "Add a note" dialog, and while the person
// types their note shows, under the note box, what the recipient would see
// (coach-strip.js).
//
// What it does and never does:
// - Watches cheaply: one MutationObserver on the document (and, once it
//   exists, on `#interop-outlet`'s open shadow root, which a document
//   observer cannot see into), coalesced to one look every SCAN_MS, plus a
//   look on focusin and click.
// - Listens to the note box's `input` events (passive) and, after a pause in
//   typing (DEBOUNCE_MS), sends the note and the invitee's name to the
//   background's core (protocol.js `coach`); the answer is drawn and both
//   are forgotten. Nothing is stored or sent anywhere else.
// - Never writes to the note box, never calls preventDefault, never delays
//   or blocks Send: it only adds its own strip after the box, and removes
//   it when the dialog goes.
// - Switched off by the `coach` setting (settings.js), live.
import { connectLabelAt, findNoteBoxes, outletRoot, readInvitee, readLimit } from '../coach-dialog.js';
import { createStrip } from '../coach-strip.js';
import { coachMessage } from '../protocol.js';
import { loadSettings, sanitize } from '../settings.js';
import { readTheme } from './theme.js';

/** Pause in typing before the note is judged. */
const DEBOUNCE_MS = 300;
/** Longest wait between a page change and the coach's look at it. */
const SCAN_MS = 150;

/**
 * Starts the coach on `win`'s page. send(message) -> answer (messaging.js);
 * t: translator; api: the extension namespace (for the settings).
 * Returns {stop(), settingsChanged(newSettings), sessions()}.
 */
export function startCoach({ win, api, send, t }) {
  const doc = win.document;
  const sessions = new Map(); // textarea -> session
  let enabled = false;
  let stopped = false;
  let timer = null;
  let connectLabel = null; // label of the Connect control last activated
  let observedRoots = new WeakSet();
  const observer = new win.MutationObserver(() => schedule());

  function schedule() {
    if (timer !== null || stopped || !enabled) return;
    timer = win.setTimeout(() => {
      timer = null;
      scan();
    }, SCAN_MS);
  }

  function scan() {
    if (stopped || !enabled) return;
    const root = outletRoot(doc);
    if (root && !observedRoots.has(root)) {
      observedRoots.add(root);
      observer.observe(root, { childList: true, subtree: true });
    }
    const boxes = findNoteBoxes(doc);
    const live = new Set(boxes.map((b) => b.textarea));
    for (const [textarea, session] of sessions) {
      // Gone with its dialog, or our strip taken out by a re-render (drawn again below).
      if (!live.has(textarea) || !textarea.isConnected || !session.strip.host.isConnected) session.end();
    }
    for (const box of boxes) if (!sessions.has(box.textarea)) attach(box);
  }

  function attach({ textarea, dialog }) {
    const invitee = readInvitee(dialog, connectLabel);
    const strip = createStrip(textarea, { t, invitee, theme: readTheme(doc) });
    let debounce = null;
    let seq = 0;
    // Read until found, then kept: with no maxlength, finding LinkedIn's
    // "0/300" counter queries the dialog, too much for every keystroke.
    let known = null;
    const limit = () => (known ??= readLimit(textarea, dialog));
    const count = () => strip.chars(textarea.value.length, limit());

    async function judge() {
      debounce = null;
      const note = textarea.value;
      const mine = ++seq;
      const answer = await send(coachMessage(note, invitee));
      // A newer note was sent meanwhile, or the dialog went: drop this one.
      if (mine !== seq || !sessions.has(textarea)) return;
      if (answer && answer.enabled === false) {
        end();
        return;
      }
      if (answer && answer.coaching) strip.show(answer.coaching, note);
    }

    const onInput = () => {
      count();
      if (debounce !== null) win.clearTimeout(debounce);
      debounce = win.setTimeout(judge, DEBOUNCE_MS);
    };
    textarea.addEventListener('input', onInput, { passive: true });

    function end() {
      if (debounce !== null) win.clearTimeout(debounce);
      debounce = null;
      seq++;
      textarea.removeEventListener('input', onInput);
      strip.remove();
      sessions.delete(textarea);
    }

    const session = { end, strip, invitee };
    sessions.set(textarea, session);
    count();
    judge();
    return session;
  }

  // The Connect control's label names the invitee; remembered on the
  // person's click (capture, passive: the page's handlers run as always).
  const onClick = (event) => {
    const label = connectLabelAt(event.target);
    if (label) connectLabel = label;
    schedule();
  };
  const onFocus = () => schedule();

  function start() {
    if (enabled || stopped) return;
    enabled = true;
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener('click', onClick, { capture: true, passive: true });
    doc.addEventListener('focusin', onFocus, { capture: true, passive: true });
    scan();
  }

  function pause() {
    enabled = false;
    observer.disconnect();
    observedRoots = new WeakSet();
    doc.removeEventListener('click', onClick, { capture: true });
    doc.removeEventListener('focusin', onFocus, { capture: true });
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
    for (const session of [...sessions.values()]) session.end();
  }

  function apply(settings) {
    if (stopped) return;
    if (settings.coach) start();
    else pause();
  }

  loadSettings(api).then(apply, () => apply({ coach: true }));

  return {
    stop() {
      pause();
      stopped = true;
    },
    settingsChanged(newValue) {
      apply(sanitize(newValue));
    },
    sessions: () => sessions,
  };
}
