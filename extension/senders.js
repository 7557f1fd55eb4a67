// Who sent a runtime message. Only our own content scripts and pages can
// reach runtime.onMessage, but they are not equal: a content script runs
// inside LinkedIn's page and may only ask about its own tab, while the
// popup (an extension page) may ask about any tab. The background checks
// each message type against the sender it is meant to come from
// (protocol.js ACCEPTED_FROM); the content script checks the popup's
// questions to it (content/bulk-messages.js) with the same function.
import { FROM } from './protocol.js';

const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch (_) {
    return null;
  }
}

/**
 * What kind of sender `sender` (runtime.MessageSender) is, for the extension
 * with id `extensionId` whose pages live under `extensionBase`
 * (runtime.getURL('')). Returns {kind: FROM.* or null, why}.
 */
export function senderKind(sender, { extensionId, extensionBase }) {
  if (!sender || typeof sender !== 'object') return { kind: null, why: 'no sender' };
  if (sender.id !== extensionId) return { kind: null, why: `another extension (${sender.id})` };
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (extensionBase && url.startsWith(extensionBase)) return { kind: FROM.EXTENSION_PAGE, why: 'an extension page' };
  if (originOf(url) === LINKEDIN_ORIGIN) {
    const tab = sender.tab;
    if (!tab || typeof tab.id !== 'number' || tab.id < 0) return { kind: null, why: 'a LinkedIn frame outside a tab' };
    if (sender.frameId !== undefined && sender.frameId !== 0) return { kind: null, why: `a LinkedIn subframe (${sender.frameId})` };
    return { kind: FROM.LINKEDIN_CONTENT, why: 'the content script of a LinkedIn tab' };
  }
  return { kind: null, why: `an unexpected page (${originOf(url) || 'no url'})` };
}
