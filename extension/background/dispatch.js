// Routes each runtime message to its handler through one table keyed by
// message type, after checking that the type is one the protocol knows and
// that it comes from the sender the protocol allows for it. Anything else
// is refused: answered {error} (so the sender is not left waiting) and
// logged with the reason.
import { ACCEPTED_FROM } from '../protocol.js';
import { senderKind } from '../senders.js';

/**
 * handlers: {[type]: async (message, sender) => answer}
 * identity: {extensionId, extensionBase} (see senders.js)
 * log(reason): where refusals are written (console.warn in the background).
 * Returns dispatch(message, sender) -> Promise of the answer.
 */
export function createDispatcher(handlers, identity, log = (reason) => console.warn('Noteworthy:', reason)) {
  const refuse = (reason) => {
    log(reason);
    return Promise.resolve({ error: reason });
  };
  return function dispatch(message, sender) {
    const type = message && typeof message === 'object' ? message.type : undefined;
    const handle = Object.hasOwn(handlers, String(type)) ? handlers[type] : null;
    const allowed = Object.hasOwn(ACCEPTED_FROM, String(type)) ? ACCEPTED_FROM[type] : null;
    if (!handle || !allowed) return refuse(`refused a message of unknown type ${JSON.stringify(type)}`);
    const from = senderKind(sender, identity);
    if (from.kind !== allowed) return refuse(`refused "${type}" from ${from.why}: it is accepted from ${allowed} only`);
    let work;
    try {
      work = Promise.resolve(handle(message, sender));
    } catch (e) {
      work = Promise.reject(e);
    }
    return work.catch((e) => ({ error: String((e && e.message) || e) }));
  };
}
