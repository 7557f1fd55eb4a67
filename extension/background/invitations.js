// What the content script sends to be judged: its invitations and their
// recipient as JSON text (protocol.js), handed to the core as they are. The core reads that text
// leniently and cuts each field to its cap (crates/noteworthy-wasm/src/wire.rs:
// a value that is not a string is absent, an element that is not an object
// knows nothing, a text that is not a list is an empty batch), so a page's
// odd reading stays data. Here only the size of the text is bounded: a huge
// one is never copied into the core.

/** Longest batch text judged (1000 notes of LinkedIn's 300 characters fit many times over). */
const MAX_BATCH_TEXT = 4_000_000;

/** Longest text of one invitation explained (its fields are capped far below). */
const MAX_INVITATION_TEXT = 100_000;

/** A classify message's invitations text, or the text of an empty list. */
export function batchText(message) {
  const text = message.invitations;
  return typeof text === 'string' && text.length <= MAX_BATCH_TEXT ? text : '[]';
}

/** Longest text of the recipient read (its fields are capped far below). */
const MAX_RECIPIENT_TEXT = 10_000;

/** A classify or explain message's recipient text, or the text of nobody. */
export function recipientText(message) {
  const text = message.recipient;
  return typeof text === 'string' && text.length <= MAX_RECIPIENT_TEXT ? text : 'null';
}

/** An explain message's invitation text, or the text of an empty invitation. */
export function invitationText(message) {
  const text = message.invitation;
  return typeof text === 'string' && text.length <= MAX_INVITATION_TEXT ? text : '{}';
}
