// Talking to the background, which holds the wasm core and the per-tab
// reports. The extension can be reloaded or removed under a running content
// script; from then on every API call throws "Extension context
// invalidated", so each call first checks that the context is alive and
// tells the caller (onContextGone) when it is not.

const RETRY_DELAY_MS = 150;

/**
 * api: the browser's extension namespace (browser or chrome).
 * onContextGone(): called once the extension context is found gone.
 * Returns {send(message) -> reply or null, contextAlive() -> boolean}.
 */
export function createMessenger(api, { onContextGone }) {
  function contextAlive() {
    try {
      return !!(api && api.runtime && api.runtime.id);
    } catch (_) {
      return false;
    }
  }

  // Sends a message; retries once (the service worker may have been asleep
  // or restarting). Returns null when there is no answer.
  async function send(message) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!contextAlive()) {
        onContextGone();
        return null;
      }
      try {
        const reply = await api.runtime.sendMessage(message);
        if (reply !== undefined) return reply;
      } catch (e) {
        if (/context invalidated/i.test(String(e && e.message))) {
          onContextGone();
          return null;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
    return null;
  }

  return { send, contextAlive };
}
