// What the background answers to each message type of protocol.js. The
// browser-facing parts come in as arguments, so the Node tests run these
// same handlers against the wasm core's Node build and a stand-in storage.
import { MSG } from '../protocol.js';
import { batchText, invitationText, recipientText } from './invitations.js';
import { cleanReport, cleanString } from './tab-reports.js';

/** Longest draft the coach judges (LinkedIn's notes stop at 300 characters). */
const MAX_COACH_NOTE = 5000;

/**
 * loadSettings(): the person's settings (settings.js).
 * classifyBatch(invitationsText, recipientText, strictness): a badge
 *   verdict each (judge.js).
 * explain(invitationText, recipientText, strictness): one card's full
 *   verdict (judge.js).
 * reports: per-tab report store (tab-reports.js).
 * coach(note, invitee): the core's coaching of a draft note (the wasm).
 * Returns the table of handlers, keyed by message type, for dispatch.js.
 */
export function createHandlers({ loadSettings, classifyBatch, explain, reports, coach }) {
  return {
    async [MSG.CLASSIFY](message) {
      const settings = await loadSettings();
      if (!settings.enabled) return { enabled: false, strictness: settings.strictness, verdicts: [] };
      const verdicts = await classifyBatch(batchText(message), recipientText(message), settings.strictness);
      return { enabled: true, strictness: settings.strictness, verdicts };
    },
    // The panel of one card opened: its full verdict, at the strictness of
    // now (a change of strictness judges the page's cards again anyway).
    async [MSG.EXPLAIN](message) {
      const settings = await loadSettings();
      if (!settings.enabled || !explain) return { enabled: false };
      return { enabled: true, verdict: await explain(invitationText(message), recipientText(message), settings.strictness) };
    },
    // The sender check (dispatch.js) guarantees a tab: a content script
    // reports on its own tab only.
    async [MSG.REPORT](message, sender) {
      await reports.put(sender.tab.id, cleanReport(message));
      return { ok: true };
    },
    // The sender's draft: judged and forgotten (nothing kept, nothing logged).
    async [MSG.COACH](message) {
      const settings = await loadSettings();
      if (!settings.coach || !coach) return { enabled: false };
      const note = cleanString(message.note, MAX_COACH_NOTE) || '';
      return { enabled: true, coaching: await coach(note, cleanString(message.invitee, 500)) };
    },
    async [MSG.TAB_STATE](message) {
      const tabId = Number(message.tabId);
      if (!Number.isInteger(tabId) || tabId < 0) return { status: null };
      return (await reports.get(tabId)) || { status: null };
    },
  };
}
