// What the content script sends to be judged, reduced to the fields the core
// reads, as strings or null: whatever a page managed to put into the content
// script's reading stays data, and a huge field cannot stall the worker.
import { cleanString } from './tab-reports.js';

/** Most invitations judged per message. */
export const MAX_BATCH = 1000;

export function cleanInvitation(raw) {
  const r = raw && typeof raw === 'object' ? raw : {};
  const s = r.sender && typeof r.sender === 'object' ? r.sender : {};
  const p = r.recipient && typeof r.recipient === 'object' ? r.recipient : {};
  return {
    note: cleanString(r.note, 20000),
    sender: { name: cleanString(s.name, 500), headline: cleanString(s.headline, 1000), mutual_connections: cleanString(s.mutual_connections, 500) },
    recipient: { name: cleanString(p.name, 500), headline: cleanString(p.headline, 1000) },
  };
}

/** Longest batch text parsed (MAX_BATCH notes of LinkedIn's 300 characters fit many times over). */
const MAX_BATCH_TEXT = 4_000_000;

// A classify message's invitations, JSON text on the wire (protocol.js):
// the list it holds, or [] for anything else.
function parseBatch(text) {
  if (typeof text !== 'string' || text.length > MAX_BATCH_TEXT) return [];
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list : [];
  } catch (_) {
    return [];
  }
}

/**
 * `list` (at most MAX_BATCH of it) cleaned, each invitation with
 * `recipient` unless it names its own.
 */
export function withRecipient(list, recipient) {
  return list.slice(0, MAX_BATCH).map((raw) => {
    const own = raw && typeof raw === 'object' && raw.recipient && typeof raw.recipient === 'object';
    return cleanInvitation(own ? raw : { ...(raw && typeof raw === 'object' ? raw : {}), recipient });
  });
}

/**
 * The batch in a classify message, cleaned, each with the message's
 * recipient unless it names its own; [] when it is not the JSON text of a
 * list.
 */
export function invitationsOf(message) {
  return withRecipient(parseBatch(message.invitations), message.recipient);
}
