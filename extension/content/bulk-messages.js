// The popup's questions to this tab's content script about bulk decline
// (protocol.js MSG.BULK_STATE, MSG.BULK_OPEN, sent with tabs.sendMessage).
// Only an extension page of our own may ask (protocol.js ACCEPTED_FROM,
// checked with the background's own senders.js); opening the review
// presses nothing: the person confirms on the page with their own click.
import { ACCEPTED_FROM, MSG } from '../protocol.js';
import { senderKind } from '../senders.js';

/**
 * Answers `message` from `sender` about the current visit (getVisit()), or
 * returns undefined for a message that is not for us. Refused: {error}.
 */
export function answerPopup(message, sender, api, getVisit) {
  const type = message && typeof message === 'object' ? message.type : undefined;
  if (type !== MSG.BULK_STATE && type !== MSG.BULK_OPEN) return undefined;
  let base = '';
  try {
    base = api.runtime.getURL('');
  } catch (_) {
    return { error: 'no extension context' };
  }
  if (senderKind(sender, { extensionId: api.runtime.id, extensionBase: base }).kind !== ACCEPTED_FROM[type]) return { error: `refused "${type}": not from a page of this extension` };
  const visit = getVisit();
  if (type === MSG.BULK_STATE) return visit ? visit.bulkState() : { available: false, count: 0, running: false };
  return { opened: visit ? visit.bulkOpen() : false };
}

/** Listens on runtime.onMessage; returns the function that stops listening. */
export function listenToPopup(api, getVisit) {
  const listener = (message, sender, sendResponse) => {
    const answer = answerPopup(message, sender, api, getVisit);
    if (answer === undefined) return false;
    sendResponse(answer);
    return false;
  };
  try {
    api.runtime.onMessage.addListener(listener);
  } catch (_) {
    return () => {};
  }
  return () => {
    try {
      api.runtime.onMessage.removeListener(listener);
    } catch (_) {
      // the extension context is gone: nothing to remove from
    }
  };
}
