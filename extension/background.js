// Background: the only place the wasm core runs. (Page CSPs such as
// LinkedIn's forbid compiling WebAssembly in a content script, and each try
// would be reported to the page; the extension's own pages allow it through
// content_security_policy.extension_pages 'wasm-unsafe-eval'.)
//
// An ES module: Chrome's module service worker, Firefox's module background
// script. Messages:
//   {type:'classify', invitations:[…]}  -> {enabled, strictness, verdicts:[…]}
//   {type:'report', status, counts, url} from a content script (per tab)
//   {type:'tab-state', tabId}           -> {status, counts, url} or {status:null}
// No network: the wasm file is the extension's own.
import init, { classify_batch } from './wasm/noteworthy_wasm.js';
import { loadSettings } from './settings.js';

const ext = globalThis.browser || globalThis.chrome;
const MAX_BATCH = 1000;

// No top-level await in a module service worker: keep the promise and wait
// on it in each handler.
const ready = init({ module_or_path: new URL('./wasm/noteworthy_wasm_bg.wasm', import.meta.url) });
ready.catch((e) => console.error('Noteworthy: could not start the classifier', e));

// Per-tab reports live in session storage, which outlives the service
// worker's naps but not the browser session; a Map stands in where
// storage.session is missing.
const memoryReports = new Map();
const sessionStore = ext.storage && ext.storage.session ? ext.storage.session : null;

async function putReport(tabId, report) {
  if (sessionStore) await sessionStore.set({ ['tab:' + tabId]: report });
  else memoryReports.set(tabId, report);
}

async function getReport(tabId) {
  if (sessionStore) {
    const got = await sessionStore.get('tab:' + tabId);
    return got['tab:' + tabId] || null;
  }
  return memoryReports.get(tabId) || null;
}

async function dropReport(tabId) {
  if (sessionStore) await sessionStore.remove('tab:' + tabId);
  else memoryReports.delete(tabId);
}

function cleanString(value, max) {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

// Only the fields the core reads, as strings or null: whatever a page
// managed to put into the content script's reading stays data.
function cleanInvitation(raw) {
  const r = raw && typeof raw === 'object' ? raw : {};
  const s = r.sender && typeof r.sender === 'object' ? r.sender : {};
  const p = r.recipient && typeof r.recipient === 'object' ? r.recipient : {};
  return {
    note: cleanString(r.note, 20000),
    sender: { name: cleanString(s.name, 500), headline: cleanString(s.headline, 1000), mutual_connections: cleanString(s.mutual_connections, 500) },
    recipient: { name: cleanString(p.name, 500), headline: cleanString(p.headline, 1000) },
  };
}

async function handleClassify(message) {
  const settings = await loadSettings();
  if (!settings.enabled) return { enabled: false, strictness: settings.strictness, verdicts: [] };
  const list = Array.isArray(message.invitations) ? message.invitations.slice(0, MAX_BATCH) : [];
  await ready;
  const verdicts = classify_batch(list.map(cleanInvitation), settings.strictness);
  return { enabled: true, strictness: settings.strictness, verdicts };
}

const STATUSES = new Set(['ok', 'unrecognised', 'not-invitations', 'pending']);

async function handleReport(message, sender) {
  const tabId = sender && sender.tab && sender.tab.id;
  if (typeof tabId !== 'number' || (sender.frameId !== undefined && sender.frameId !== 0)) return { ok: false };
  const c = message.counts && typeof message.counts === 'object' ? message.counts : {};
  const num = (x) => (Number.isInteger(x) && x >= 0 ? x : 0);
  await putReport(tabId, {
    status: STATUSES.has(message.status) ? message.status : 'unrecognised',
    counts: { blank: num(c.blank), generic: num(c.generic), personalized: num(c.personalized) },
    url: cleanString(message.url, 2000),
    at: Date.now(),
  });
  return { ok: true };
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts and pages can reach onMessage.
  if (!message || typeof message !== 'object') return false;
  let work;
  if (message.type === 'classify') work = handleClassify(message);
  else if (message.type === 'report') work = handleReport(message, sender);
  else if (message.type === 'tab-state') work = getReport(Number(message.tabId)).then((r) => r || { status: null });
  else return false;
  work.then(sendResponse, (e) => sendResponse({ error: String((e && e.message) || e) }));
  return true; // answer asynchronously
});

ext.tabs.onRemoved.addListener((tabId) => {
  dropReport(tabId).catch(() => {});
});
