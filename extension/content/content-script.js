// The content script's lifetime on one www.linkedin.com tab: follows the
// route, starts a visit (visit.js) on each invitations page and ends it on
// leaving, re-judges the cards when the settings change, and stops quietly
// when the extension is reloaded or removed under it.
//
// Everything it touches comes in through `win` (the page's window) and `api`
// (the extension namespace), so the Node tests run it in a jsdom window with
// a stand-in API; index.js passes the real ones.
import { translator } from '../i18n.js';
import { isInvitationsUrl } from '../page-reader.js';
import { STATUS, emptyCounts, reportMessage } from '../protocol.js';
import { startCoach } from './coach.js';
import { createMessenger } from './messaging.js';
import { watchRoute } from './route.js';
import { pageYielder } from './scheduler.js';
import { startVisit } from './visit.js';
import { listenToPopup } from './bulk-messages.js';

/**
 * Starts the content script; returns {shutdown(), visit()} (the latter for tests).
 * isTrusted(event): whether a click is the person's own (default: the
 * event's isTrusted); the Node tests pass their own, as jsdom has none.
 */
export function startContentScript({ win, api, isTrusted }) {
  let alive = true;
  let visit = null;
  const readFailures = new WeakMap(); // card root -> failed reads, across visits
  const messenger = createMessenger(api, { onContextGone: shutdown });
  const send = (message) => (alive ? messenger.send(message) : Promise.resolve(null));
  // Alive while the extension that injected us is: once it is reloaded or
  // removed, the first check shuts everything down and removes every badge
  // and label (a newer copy of the content script takes over the page).
  const isAlive = () => {
    if (alive && !messenger.contextAlive()) shutdown();
    return alive;
  };
  // The popup's "Decline N suggested" (bulk-messages.js).
  const stopPopup = listenToPopup(api, () => visit);
  const env = { win, api, send, t: translator(api), yieldToPage: pageYielder(win), readFailures, isAlive, isTrusted };
  // The sender's coach runs on every LinkedIn page, beside any visit.
  const coach = startCoach({ win, api, send, t: env.t });

  function onRoute(href) {
    if (!alive) return;
    if (visit) visit.end();
    visit = null;
    if (isInvitationsUrl(href)) {
      visit = startVisit(env);
    } else {
      send(reportMessage(STATUS.NOT_INVITATIONS, emptyCounts(), href));
    }
  }

  function onStorageChanged(changes) {
    if (!alive) return;
    if (!messenger.contextAlive()) {
      shutdown();
      return;
    }
    if (changes && changes.settings) {
      coach.settingsChanged(changes.settings.newValue);
      if (visit) visit.reclassifyAll();
    }
  }

  const stopRoute = watchRoute(win, {
    onChange: onRoute,
    // Each poll also notices an extension that was reloaded under us.
    onTick: () => {
      if (alive && !messenger.contextAlive()) shutdown();
      return alive;
    },
  });

  function shutdown() {
    if (!alive) return;
    alive = false;
    stopRoute();
    coach.stop();
    stopPopup();
    try {
      api.storage.onChanged.removeListener(onStorageChanged);
    } catch (_) {
      // the extension context is gone: nothing to remove from
    }
    if (visit) visit.end();
    visit = null;
  }

  try {
    api.storage.onChanged.addListener(onStorageChanged);
  } catch (_) {
    // no storage access: settings changes apply on the next page load
  }
  onRoute(win.location.href);
  return { shutdown, visit: () => visit };
}
