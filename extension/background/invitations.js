// What the content script sends to be judged: its invitations and their
// recipient as JSON text (protocol.js), handed to the core as they are.
// The core reads that text leniently and cuts each field to its cap
// (crates/noteworthy-wasm/src/wire.rs: a value that is not a string is
// absent, an element that is not an object knows nothing, a text that is
// not a list is an empty batch), so a page's odd reading stays data. Here
// only the length of each text is bounded: a huge one is never copied into
// the core.

/** Longest text read (1000 notes of LinkedIn's 300 characters fit many times over). */
const MAX_TEXT = 4_000_000;

/** `value` when it is a text no longer than MAX_TEXT, else `otherwise`. */
function boundedText(value, otherwise) {
  return typeof value === 'string' && value.length <= MAX_TEXT ? value : otherwise;
}

/** A classify message's invitations text, or the text of an empty list. */
export function batchText(message) {
  return boundedText(message.invitations, '[]');
}

/** An explain message's invitation text, or the text of an empty invitation. */
export function invitationText(message) {
  return boundedText(message.invitation, '{}');
}

/** A classify or explain message's recipient text, or the text of nobody. */
export function recipientText(message) {
  return boundedText(message.recipient, 'null');
}
