// What each tab's content script last reported (status and counts), for the
// popup. Kept in storage.session, which outlives the service worker's naps
// but not the browser session; a Map stands in where storage.session is
// missing.
import { LABELS, MAX_LAYOUT_REPORT, REPORTED_STATUSES, STATUS, emptyCounts } from '../protocol.js';

const KEY_PREFIX = 'tab:';

export function cleanString(value, max) {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

/** A content script's report, reduced to known words and whole counts. */
export function cleanReport(message) {
  const raw = message.counts && typeof message.counts === 'object' ? message.counts : {};
  const counts = emptyCounts();
  for (const label of LABELS) {
    const n = raw[label];
    counts[label] = Number.isInteger(n) && n >= 0 ? n : 0;
  }
  return {
    status: REPORTED_STATUSES.includes(message.status) ? message.status : STATUS.UNRECOGNISED,
    counts,
    pending: Number.isInteger(message.pending) && message.pending >= 0 ? message.pending : 0,
    url: cleanString(message.url, 2000),
    layout: cleanString(message.layout, MAX_LAYOUT_REPORT),
    at: Date.now(),
  };
}

export function tabReports(api) {
  const session = api.storage && api.storage.session ? api.storage.session : null;
  const memory = new Map();
  return {
    async put(tabId, report) {
      if (session) await session.set({ [KEY_PREFIX + tabId]: report });
      else memory.set(tabId, report);
    },
    async get(tabId) {
      if (!session) return memory.get(tabId) || null;
      const got = await session.get(KEY_PREFIX + tabId);
      return got[KEY_PREFIX + tabId] || null;
    },
    async drop(tabId) {
      if (session) await session.remove(KEY_PREFIX + tabId);
      else memory.delete(tabId);
    },
  };
}
