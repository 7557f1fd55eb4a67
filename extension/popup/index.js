// Popup: the settings (on/off, strictness) and what the content script
// reported for one tab. Also works opened as a normal tab: `?tab=<id>`
// names the tab to report on (default: the active tab of this window).
//
// Entry of the popup bundle (build.sh: esbuild -> dist/<browser>/popup.js).
import { LABEL_MESSAGES, localize, translator } from '../i18n.js';
import { LABELS, NO_ACCESS, STATUS, bulkOpenMessage, bulkStateMessage, tabStateMessage } from '../protocol.js';
import { BULK_PACE_MIN_MS, loadSettings, saveSettings } from '../settings.js';

const ext = globalThis.browser || globalThis.chrome;
const t = translator(ext);
const POLL_MS = 1000;

// One bar segment and one count row per label, in protocol.js's order; the
// colours are popup.css's .bar-<label> and .dot-<label>.
function buildCounts() {
  const bar = document.getElementById('bar');
  const list = document.getElementById('counts');
  for (const label of LABELS) {
    const segment = document.createElement('span');
    segment.className = 'bar-' + label;
    segment.id = 'bar-' + label;
    bar.append(segment);
    const row = document.createElement('div');
    const term = document.createElement('dt');
    const dot = document.createElement('span');
    dot.className = 'dot dot-' + label;
    const name = document.createElement('span');
    name.setAttribute('data-i18n', LABEL_MESSAGES[label]);
    term.append(dot, name);
    const count = document.createElement('dd');
    count.id = 'count-' + label;
    count.textContent = '0';
    row.append(term, count);
    list.append(row);
  }
}

buildCounts();
localize(document, ext);

const enabledInput = document.getElementById('enabled');
const coachInput = document.getElementById('coach');
const radios = Array.from(document.querySelectorAll('input[name="strictness"]'));
const fieldset = document.getElementById('strictness');
const statusLine = document.getElementById('status');

function showSettings(settings) {
  enabledInput.checked = settings.enabled;
  coachInput.checked = settings.coach;
  for (const r of radios) r.checked = r.value === settings.strictness;
  fieldset.disabled = !settings.enabled;
  showBulkSettings(settings);
}

async function targetTabId() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function showCounts(counts) {
  const total = LABELS.reduce((sum, l) => sum + (counts[l] || 0), 0);
  for (const l of LABELS) {
    const n = counts[l] || 0;
    document.getElementById('count-' + l).textContent = String(n);
    document.getElementById('bar-' + l).style.width = total ? (100 * n) / total + '%' : '0';
  }
  return total;
}

function showStatus(status, total, enabled, partial) {
  statusLine.dataset.status = status;
  if (!enabled) statusLine.textContent = t('statusDisabled');
  else if (status === STATUS.OK && partial) statusLine.textContent = t('statusPartial', String(total));
  else if (status === STATUS.OK) statusLine.textContent = t('statusOk', String(total));
  else if (status === STATUS.UNRECOGNISED) statusLine.textContent = t('statusUnrecognised');
  else if (status === NO_ACCESS) statusLine.textContent = t('statusNoAccess');
  else if (status === STATUS.PENDING) statusLine.textContent = '…';
  else statusLine.textContent = t('statusNotInvitations');
}

// Cards the page has but the background has not judged yet: said, so that
// a card without a badge is never silently missing.
const pendingLine = document.getElementById('unjudged');
function showPending(n) {
  pendingLine.hidden = n === 0;
  pendingLine.dataset.unjudged = String(n);
  pendingLine.textContent = n ? t('countPending', String(n)) : '';
}

let tabId = null;

// A report outlives a navigation away from LinkedIn; the tab's URL (visible
// to us only on LinkedIn, through the host permission) says whether it
// still applies.
async function isLinkedInTab(id) {
  try {
    const tab = await ext.tabs.get(id);
    if (!tab || typeof tab.url !== 'string') return false;
    const url = new URL(tab.url);
    return url.protocol === 'https:' && url.hostname === 'www.linkedin.com';
  } catch (_) {
    return false;
  }
}

async function refresh() {
  const settings = await loadSettings();
  let state = null;
  if (tabId !== null && (await isLinkedInTab(tabId))) {
    try {
      state = await ext.runtime.sendMessage(tabStateMessage(tabId));
    } catch (_) {
      state = null;
    }
  }
  const status = state && state.status ? state.status : NO_ACCESS;
  const total = showCounts(state && state.counts ? state.counts : {});
  const layout = settings.enabled && state && typeof state.layout === 'string' && state.layout ? state.layout : null;
  showStatus(status, total, settings.enabled, !!layout);
  showPending(settings.enabled && state && Number.isInteger(state.pending) ? state.pending : 0);
  showLayout(layout);
  await refreshBulk(settings, status);
}

// Bulk decline: the tab's content script says how many cards it would
// offer (tabs.sendMessage; protocol.js MSG.BULK_STATE); the button asks it
// to open the review on the page (MSG.BULK_OPEN). Nothing is declined
// from here: the person confirms on the page.
const bulkButton = document.getElementById('bulk-open');
const bulkStatus = document.getElementById('bulk-status');
const bulkEnabled = document.getElementById('bulk-enabled');
const bulkPace = document.getElementById('bulk-pace');

function showBulkSettings(settings) {
  bulkEnabled.checked = settings.bulkDecline;
  bulkEnabled.disabled = !settings.enabled;
  if (document.activeElement !== bulkPace) bulkPace.value = String(settings.bulkPaceMs / 1000);
}

async function refreshBulk(settings, status) {
  let state = null;
  if (settings.enabled && settings.bulkDecline && status === STATUS.OK && tabId !== null) {
    try {
      state = await ext.tabs.sendMessage(tabId, bulkStateMessage());
    } catch (_) {
      state = null; // no content script in that tab
    }
  }
  const count = state && !state.error && Number.isInteger(state.count) ? state.count : 0;
  bulkButton.hidden = !state || !state.available || state.running || count === 0;
  bulkButton.dataset.count = String(count);
  bulkButton.textContent = t('bulkOffer', String(count));
  let line = '';
  if (state && state.running) line = t('popupBulkRunning');
  else if (state && state.available && count === 0) line = t('popupBulkNone');
  else if (!bulkButton.hidden) line = t('popupBulkHint');
  if (bulkStatus.textContent !== line) bulkStatus.textContent = line;
}

bulkButton.addEventListener('click', async () => {
  try {
    const answer = await ext.tabs.sendMessage(tabId, bulkOpenMessage());
    // The review is on the page: a real popup gets out of its way.
    if (answer && answer.opened && !new URLSearchParams(location.search).has('tab')) window.close();
  } catch (_) {
    // the tab has no content script any more: the next refresh hides the button
  }
  refresh();
});
bulkEnabled.addEventListener('change', async () => {
  showSettings(await saveSettings({ bulkDecline: bulkEnabled.checked }));
  refresh();
});
bulkPace.addEventListener('change', async () => {
  const seconds = Number(String(bulkPace.value).replace(',', '.'));
  const ms = Number.isFinite(seconds) ? Math.max(BULK_PACE_MIN_MS, seconds * 1000) : BULK_PACE_MIN_MS;
  bulkPace.value = String(ms / 1000);
  showSettings(await saveSettings({ bulkPaceMs: ms }));
});

// The layout report: shown in full (so the person sees what they would
// share), copied to the clipboard only on their click, sent nowhere.
const layoutSection = document.getElementById('layout');
const layoutPre = document.getElementById('layout-report');
const layoutCopied = document.getElementById('layout-copied');

function layoutText(layout) {
  const manifest = ext.runtime.getManifest ? ext.runtime.getManifest() : {};
  const browserName = /Firefox\//.test(navigator.userAgent) ? 'firefox' : 'chromium';
  return `extension: Noteworthy ${manifest.version || '?'} (${browserName}), reader ${manifest.version || '?'}\n${layout}`;
}

function showLayout(layout) {
  layoutSection.hidden = !layout;
  const text = layout ? layoutText(layout) : '';
  if (layoutPre.textContent !== text) layoutPre.textContent = text;
}

document.getElementById('layout-copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(layoutPre.textContent);
    layoutCopied.textContent = t('layoutCopied');
  } catch (_) {
    // No clipboard here: open the report so the person can select it.
    layoutPre.closest('details').open = true;
    layoutCopied.textContent = t('layoutCopyFailed');
  }
});

enabledInput.addEventListener('change', async () => {
  showSettings(await saveSettings({ enabled: enabledInput.checked }));
  refresh();
});
coachInput.addEventListener('change', async () => {
  showSettings(await saveSettings({ coach: coachInput.checked }));
});
for (const r of radios) {
  r.addEventListener('change', async () => {
    if (r.checked) showSettings(await saveSettings({ strictness: r.value }));
  });
}

// Content scripts apply a change themselves (storage.onChanged); the popup
// only has to follow the counts they report.
ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' || changes.settings) refresh();
});

(async () => {
  showSettings(await loadSettings());
  tabId = await targetTabId();
  await refresh();
  setInterval(refresh, POLL_MS);
})();
