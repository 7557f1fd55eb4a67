// Finds LinkedIn's "Add a note" dialog (the sender's side) and reads what
// the coach needs of it: the note box, the invitee's name and LinkedIn's own
// character limit. Read only: nothing here writes to the page.
//
// Two variants (shared/linkedin-dom.md, "The 'Add a note' dialog"):
// 2025-2026 builds render the dialog inside the OPEN shadow root of
// `div#interop-outlet`; older builds in a plain `div[role="dialog"]`. Either
// way the note box is `textarea#custom-message` (in the outlet also
// `textarea[name=message]`).
//
// An ES module: bundled into the content script, imported by the Node tests.
import { INVITE_DIALOG, INVITE_LABELS } from './selectors.js';

/** The open shadow root of LinkedIn's `#interop-outlet`, or null. */
export function outletRoot(doc) {
  const outlet = doc.querySelector(INVITE_DIALOG.outlet);
  return (outlet && outlet.shadowRoot) || null;
}

/**
 * Every note box of an invite dialog on the page, in a plain dialog or in
 * the outlet's shadow root: [{textarea, dialog, variant: 'shadow'|'plain'}].
 * `dialog` is the element the dialog's other parts are read from.
 */
export function findNoteBoxes(doc) {
  const found = [];
  for (const textarea of doc.querySelectorAll(INVITE_DIALOG.plainNoteBox)) {
    const dialog = textarea.closest(INVITE_DIALOG.plainDialog);
    if (dialog) found.push({ textarea, dialog, variant: 'plain' });
  }
  const root = outletRoot(doc);
  if (root) {
    for (const textarea of root.querySelectorAll(INVITE_DIALOG.noteBox)) {
      const dialog = textarea.closest(INVITE_DIALOG.plainDialog);
      // A "message" box outside any dialog is not the invite's (the outlet
      // hosts LinkedIn's other overlays too); the invite box's own id is.
      if (dialog || textarea.matches(INVITE_DIALOG.plainNoteBox)) found.push({ textarea, dialog: dialog || root, variant: 'shadow' });
    }
  }
  return found;
}

const squash = (s) => String(s || '').replace(/\s+/g, ' ').trim();

/**
 * A string that can be a person's display name: 1 to 6 words, no digits or
 * markup, the first and the last word capitalised ("Jonas Weber", "Ana de
 * la Cruz"; not "Add a note", not "5 left").
 */
export function looksLikeName(s) {
  const text = squash(s);
  if (!text || text.length > 80 || /[\d/:@{}[\]<>?!]/.test(text)) return false;
  const words = text.split(' ');
  const capital = (w) => /^\p{Lu}/u.test(w);
  return words.length <= 6 && capital(words[0]) && capital(words[words.length - 1]);
}

/** The invitee's name in a Connect label or heading ("Invite NAME to connect"), or null. */
export function nameFromLabel(label) {
  const text = squash(label);
  for (const pattern of INVITE_LABELS) {
    const m = text.match(pattern);
    if (m && looksLikeName(m[1])) return squash(m[1]);
  }
  return null;
}

/**
 * The invitee's name: the dialog's heading read through INVITE_LABELS, a
 * bold name in the dialog, or the label of the Connect control the person
 * last activated (`connectLabel`, recorded by the watcher). Null when none
 * says: then no greeting is called a wrong name (better silent than wrong).
 */
export function readInvitee(dialog, connectLabel = null) {
  for (const el of dialog.querySelectorAll(INVITE_DIALOG.heading)) {
    const name = nameFromLabel(el.textContent);
    if (name) return name;
  }
  for (const el of dialog.querySelectorAll(INVITE_DIALOG.name)) {
    if (looksLikeName(el.textContent)) return squash(el.textContent);
  }
  return connectLabel ? nameFromLabel(connectLabel) : null;
}

/**
 * The Connect label of the control a click landed in: the nearest of
 * `target`'s first few ancestors (a link, a button, a `role=button` div of a
 * "More" menu) whose aria-label names an invitee; null otherwise.
 */
export function connectLabelAt(target) {
  let el = target && target.nodeType === 1 ? target : null;
  for (let depth = 0; el && depth < 6; depth++, el = el.parentElement) {
    const label = el.getAttribute('aria-label');
    if (label && nameFromLabel(label)) return label;
  }
  return null;
}

/**
 * LinkedIn's limit for the note: the note box's maxlength, else the
 * counter it shows ("0/300"); null when neither is there.
 */
export function readLimit(textarea, dialog) {
  const max = Number(textarea.getAttribute('maxlength'));
  if (Number.isInteger(max) && max > 0) return max;
  for (const el of dialog.querySelectorAll('span, div, p, small')) {
    if (el.childElementCount) continue;
    const m = (el.textContent || '').match(INVITE_DIALOG.counter);
    if (m) return Number(m[2]);
  }
  return null;
}
