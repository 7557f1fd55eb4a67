// The one description of what the extension's parts say to each other:
// message types, who may send each, the status words a page can be in, the
// three labels and an empty count of them. The content script, the
// background and the popup import it, so a word changed here changes
// everywhere, and a word missing here cannot be sent.
//
// Messages (runtime.sendMessage; answers are the handler's return value):
//   classify   content script of a LinkedIn tab -> background
//              {type, recipient: JSON text of {name, headline},
//               invitations: JSON text of […]} -> {enabled, strictness, verdicts:[…]}
//              (the recipient, the same for every card, travels once, and
//              the invitations as one string: each value in a message
//              costs the page's thread to serialise, and 250 invitations
//              as objects took 0.7 ms of it against 0.4 ms as one string;
//              the core reads the texts itself, crates/noteworthy-wasm/src/wire.rs;
//              each verdict is a badge verdict {label, action, score,
//              threshold, against}, background/judge.js: no evidence)
//   explain    content script of a LinkedIn tab -> background
//              {type, recipient: JSON text, invitation: JSON text of {…}} -> {enabled, verdict}
//              (one card's full verdict, evidence and spans included, for
//              its panel when the person opens it)
//   report     content script of a LinkedIn tab -> background
//              {type, status, counts, url, pending, layout?} -> {ok}
//              (pending: cards read but not judged yet, e.g. while the
//              service worker restarts; layout: the redacted outline of
//              layout-report.js, only when the page looks like invitations
//              the reader cannot read all of)
//   coach      content script of a LinkedIn tab -> background
//              {type, note, invitee} -> {enabled, coaching} (coaching: the
//              core's coach.rs Coaching; {enabled:false} when the coach is
//              switched off). The note is judged and forgotten.
//   tab-state  extension page (the popup)       -> background
//              {type, tabId}                    -> {status, counts, url, layout} or {status:null}
//   bulk-state extension page (the popup)       -> content script of tab (tabs.sendMessage)
//              {type}                           -> {available, count, running}
//              (how many cards bulk decline would offer on that page now)
//   bulk-open  extension page (the popup)       -> content script of tab (tabs.sendMessage)
//              {type}                           -> {opened}
//              (opens the review on the page; nothing is pressed until the
//              person confirms there with their own click)
// A refused message is answered {error} (see background/dispatch.js; the
// content script checks the sender of bulk-* itself, content/bulk-messages.js).

/** Message types. */
export const MSG = Object.freeze({
  CLASSIFY: 'classify',
  EXPLAIN: 'explain',
  REPORT: 'report',
  TAB_STATE: 'tab-state',
  COACH: 'coach',
  BULK_STATE: 'bulk-state',
  BULK_OPEN: 'bulk-open',
});

/** Who a message comes from (checked by the background, per type). */
export const FROM = Object.freeze({
  // The content script in the top frame of a https://www.linkedin.com tab.
  LINKEDIN_CONTENT: 'linkedin-content-script',
  // A page of the extension itself: the popup, also when opened as a tab.
  EXTENSION_PAGE: 'extension-page',
});

/** Which sender each message type is accepted from. */
export const ACCEPTED_FROM = Object.freeze({
  [MSG.CLASSIFY]: FROM.LINKEDIN_CONTENT,
  [MSG.EXPLAIN]: FROM.LINKEDIN_CONTENT,
  [MSG.REPORT]: FROM.LINKEDIN_CONTENT,
  [MSG.TAB_STATE]: FROM.EXTENSION_PAGE,
  [MSG.COACH]: FROM.LINKEDIN_CONTENT,
  [MSG.BULK_STATE]: FROM.EXTENSION_PAGE,
  [MSG.BULK_OPEN]: FROM.EXTENSION_PAGE,
});

/** What a tab's content script reports about its page. */
export const STATUS = Object.freeze({
  OK: 'ok', // a page we know: its cards are badged
  UNRECOGNISED: 'unrecognised', // an invitations URL whose structure we do not know
  NOT_INVITATIONS: 'not-invitations', // a LinkedIn page with nothing to judge
  PENDING: 'pending', // an invitations page still being read
});

/** The statuses a content script may report (anything else is refused as unrecognised). */
export const REPORTED_STATUSES = Object.freeze(Object.values(STATUS));

/** The popup's own word for a tab it has no report of (not LinkedIn, or no host access). */
export const NO_ACCESS = 'no-access';

/** The core's three labels (verdict.label), by name. */
export const LABEL = Object.freeze({
  BLANK: 'blank', // no note at all
  GENERIC: 'generic', // a note that could have been sent to anyone
  PERSONALIZED: 'personalized', // a note written for this person
});

/** The three labels, in the order they are shown. */
export const LABELS = Object.freeze([LABEL.BLANK, LABEL.GENERIC, LABEL.PERSONALIZED]);

/** A fresh count of badged cards per label, all zero. */
export function emptyCounts() {
  const counts = {};
  for (const label of LABELS) counts[label] = 0;
  return counts;
}

/**
 * The message that asks the background to judge a batch of invitations, all
 * sent to `recipient` ({name, headline}); an invitation's own recipient, if
 * it has one, wins.
 */
export function classifyMessage(invitations, recipient = null) {
  return { type: MSG.CLASSIFY, recipient: JSON.stringify(recipient), invitations: JSON.stringify(invitations) };
}

/** The message that asks the background for one card's full verdict. */
export function explainMessage(invitation, recipient = null) {
  return { type: MSG.EXPLAIN, recipient: JSON.stringify(recipient), invitation: JSON.stringify(invitation) };
}

/**
 * The message that tells the background what this tab's page shows:
 * `pending` cards read but not judged yet, and `layout` (a layout report,
 * or null) only when the reader could not read it all.
 */
export function reportMessage(status, counts, url, pending = 0, layout = null) {
  const message = { type: MSG.REPORT, status, counts, url, pending };
  if (layout) message.layout = layout;
  return message;
}

/** Longest layout report the background keeps (layout-report.js stays under it). */
export const MAX_LAYOUT_REPORT = 32000;

/** The popup's question: what did the content script of tab `tabId` report? */
export function tabStateMessage(tabId) {
  return { type: MSG.TAB_STATE, tabId };
}

/** The coach's question: how would the invitee (a name or null) read this draft note? */
export function coachMessage(note, invitee = null) {
  return { type: MSG.COACH, note, invitee };
}

/** The popup's questions to a tab's content script about bulk decline. */
export function bulkStateMessage() {
  return { type: MSG.BULK_STATE };
}
export function bulkOpenMessage() {
  return { type: MSG.BULK_OPEN };
}
