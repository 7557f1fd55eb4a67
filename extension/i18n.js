// The extension's own words come from _locales/<lang>/messages.json through
// the browser's i18n API. One helper for the content script and the popup.
// Loaded as a classic script (content scripts cannot be modules), and via
// require() in Node tests, where there is no browser API and the key is
// returned instead.
(function (root, factory) {
  const api = factory(root);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.NoteworthyI18n = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (root) {
  'use strict';

  function browserI18n() {
    const ns = root.browser || root.chrome;
    return ns && ns.i18n ? ns.i18n : null;
  }

  /** The message `key`, with $1…$9 replaced by `subs` (strings). */
  function t(key, subs) {
    const i18n = browserI18n();
    if (i18n) {
      try {
        const list = subs === undefined ? undefined : [].concat(subs).map(String);
        const m = i18n.getMessage(key, list);
        if (m) return m;
      } catch (_) {
        // Context invalidated or unknown key: fall through to the key itself.
      }
    }
    return subs === undefined ? key : key + ' ' + [].concat(subs).join(' ');
  }

  /** Fills every [data-i18n] element's text (and [data-i18n-title] titles) in `doc`. */
  function localize(doc) {
    for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
    for (const el of doc.querySelectorAll('[data-i18n-title]')) el.title = t(el.getAttribute('data-i18n-title'));
    const i18n = browserI18n();
    if (i18n && i18n.getUILanguage) doc.documentElement.lang = i18n.getUILanguage();
  }

  return { t, localize };
});
