// LinkedIn is a single-page app: it reaches the invitations page (and
// leaves it) with history.pushState, which fires no event a content script
// can hear. So the route is watched by popstate (back/forward) plus a cheap
// poll of location.href, and onChange runs once per new URL.

const ROUTE_POLL_MS = 400;

/**
 * Calls onChange(href) whenever win.location.href changes. onTick() runs
 * first on each check; when it returns false the change is not acted on.
 * Returns stop().
 */
export function watchRoute(win, { onChange, onTick = () => true }) {
  let lastHref = win.location.href;
  const check = () => {
    if (!onTick()) return;
    const href = win.location.href;
    if (href === lastHref) return;
    lastHref = href;
    onChange(href);
  };
  win.addEventListener('popstate', check);
  const timer = setInterval(check, ROUTE_POLL_MS);
  return function stop() {
    clearInterval(timer);
    win.removeEventListener('popstate', check);
  };
}
