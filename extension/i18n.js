// The extension's own words come from _locales/<lang>/messages.json through
// the browser's i18n API. One helper for the content script and the popup.
//
// The API is passed in rather than read from a global, so the Node tests can
// give each jsdom page its own stand-in; without one (or when the extension
// context is gone) the key itself is returned, which keeps a test readable
// and a broken page legible.
import { LABEL } from './protocol.js';

/** The message naming each label (badge and popup). */
export const LABEL_MESSAGES = Object.freeze({
  [LABEL.BLANK]: 'labelBlank',
  [LABEL.GENERIC]: 'labelGeneric',
  [LABEL.PERSONALIZED]: 'labelPersonalized',
});

/** The message describing a rule family (evidence.family from the core). */
export const ruleMessage = (family) => 'rule_' + family;

/**
 * A rule that fired, described in the reader's language: the message of
 * its family (`rule_STOCK_INVITE`), or the core's English description when
 * the locale has none (a rule added after the messages were written).
 */
export function ruleDescription(t, evidence) {
  const family = evidence && evidence.family;
  if (typeof family === 'string' && /^[A-Z0-9_]+$/.test(family)) {
    const key = ruleMessage(family);
    const text = t(key);
    if (text !== key) return text; // t gives the key back when there is no message
  }
  return String(evidence && evidence.description);
}

/** Returns t(key, subs): the message `key`, with $1…$9 replaced by `subs` (strings). */
export function translator(api) {
  const i18n = api && api.i18n ? api.i18n : null;
  return function t(key, subs) {
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
  };
}

/** Fills every [data-i18n] element's text (and [data-i18n-title] titles) in `doc`. */
export function localize(doc, api) {
  const t = translator(api);
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of doc.querySelectorAll('[data-i18n-title]')) el.title = t(el.getAttribute('data-i18n-title'));
  const i18n = api && api.i18n;
  if (i18n && i18n.getUILanguage) doc.documentElement.lang = i18n.getUILanguage();
}
