// Entry of the background bundle: the only place the wasm core runs. (Page
// CSPs such as LinkedIn's forbid compiling WebAssembly in a content script,
// and each try would be reported to the page; the extension's own pages
// allow it through content_security_policy.extension_pages
// 'wasm-unsafe-eval'.)
//
// build.sh bundles it with esbuild into dist/<browser>/background.js, an ES
// module: Chrome runs it as a module service worker, Firefox as a module
// background script (tools/make-manifest.mjs writes each one's manifest).
// Messages are those of protocol.js, dispatched by dispatch.js. No network:
// the wasm file is the extension's own.
import init, { classify_compact, compact_layout, explain, coach as coachNote } from '../wasm/noteworthy_wasm.js';
import { loadSettings } from '../settings.js';
import { createDispatcher } from './dispatch.js';
import { createHandlers } from './handlers.js';
import { judgeWith } from './judge.js';
import { tabReports } from './tab-reports.js';

const ext = globalThis.browser || globalThis.chrome;

// No top-level await in a module service worker: keep the promise and wait
// on it in each classify.
const ready = init({ module_or_path: ext.runtime.getURL('wasm/noteworthy_wasm_bg.wasm') });
ready.catch((e) => console.error('Noteworthy: could not start the classifier', e));

const reports = tabReports(ext);
const judge = judgeWith({ classify_compact, compact_layout, explain });
const handlers = createHandlers({
  loadSettings,
  classifyBatch: async (invitationsText, recipientText, strictness) => {
    await ready;
    return judge.classifyBatch(invitationsText, recipientText, strictness);
  },
  explain: async (invitationText, recipientText, strictness) => {
    await ready;
    return judge.explain(invitationText, recipientText, strictness);
  },
  reports,
  coach: async (note, invitee) => {
    await ready;
    return coachNote(note, invitee);
  },
});
const dispatch = createDispatcher(handlers, { extensionId: ext.runtime.id, extensionBase: ext.runtime.getURL('') });

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  dispatch(message, sender).then(sendResponse);
  return true; // answered asynchronously
});

// After an update or a reload of the extension, the content script of a
// LinkedIn tab already open is cut off (its API calls fail); it notices, and
// removes its badges, labels and observers. Chromium does not put the new
// content script into such tabs, so it is put there here: new cards get
// badges without a page reload. Firefox injects the manifest's content
// scripts into open tabs itself, so it is left alone there (only Firefox has
// runtime.getBrowserInfo; recent Chromium defines `browser` too). Only
// LinkedIn tabs, the only host we may access.
ext.runtime.onInstalled.addListener(() => {
  if (typeof ext.runtime.getBrowserInfo === 'function' || !ext.scripting || !ext.tabs.query) return;
  ext.tabs
    .query({ url: 'https://www.linkedin.com/*' })
    .then((tabs) => {
      for (const tab of tabs) {
        ext.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).catch(() => {});
      }
    })
    .catch(() => {});
});

ext.tabs.onRemoved.addListener((tabId) => {
  reports.drop(tabId).catch(() => {});
});
