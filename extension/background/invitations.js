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

/**
 * The batch in a classify message, cleaned, each with the message's
 * recipient unless it names its own; [] when it is not a list.
 */
export function invitationsOf(message) {
  if (!Array.isArray(message.invitations)) return [];
  const recipient = message.recipient;
  return message.invitations.slice(0, MAX_BATCH).map((raw) => {
    const own = raw && typeof raw === 'object' && raw.recipient && typeof raw.recipient === 'object';
    return cleanInvitation(own ? raw : { ...(raw && typeof raw === 'object' ? raw : {}), recipient });
  });
}
