// Settings: defaults on missing or corrupt values; sync first, local as fallback.
import test from 'node:test';
import assert from 'node:assert/strict';
import { sanitize, loadSettings, saveSettings, DEFAULTS, BULK_PACE_MIN_MS, BULK_PACE_MAX_MS } from '../../extension/settings.js';

const CASES = [
  [undefined, DEFAULTS],
  [null, DEFAULTS],
  ['corrupt', DEFAULTS],
  [[1, 2], DEFAULTS],
  [{ enabled: 'yes', strictness: 'harsh' }, DEFAULTS],
  [{ enabled: false }, { ...DEFAULTS, enabled: false, strictness: 'balanced' }],
  [{ strictness: 'strict', extra: 1 }, { ...DEFAULTS, enabled: true, strictness: 'strict' }],
  // Bulk decline: a switch, and a pace that never goes under the minimum.
  [{ bulkDecline: false }, { ...DEFAULTS, bulkDecline: false }],
  [{ bulkDecline: 'no' }, DEFAULTS],
  [{ bulkPaceMs: 10 }, { ...DEFAULTS, bulkPaceMs: BULK_PACE_MIN_MS }],
  [{ bulkPaceMs: -1 }, { ...DEFAULTS, bulkPaceMs: BULK_PACE_MIN_MS }],
  [{ bulkPaceMs: 1e9 }, { ...DEFAULTS, bulkPaceMs: BULK_PACE_MAX_MS }],
  [{ bulkPaceMs: 1500.4 }, { ...DEFAULTS, bulkPaceMs: 1500 }],
  [{ bulkPaceMs: '900' }, DEFAULTS],
  // The sender's coach: a switch.
  [{ coach: false }, { ...DEFAULTS, coach: false }],
  [{ coach: 'no' }, DEFAULTS],
];
for (const [raw, expected] of CASES) {
  test(`sanitize(${JSON.stringify(raw)})`, () => assert.deepEqual(sanitize(raw), expected));
}

function area(data, { fail = false } = {}) {
  return {
    data,
    async get(key) {
      if (fail) throw new Error('sync is off');
      return key in data ? { [key]: data[key] } : {};
    },
    async set(obj) {
      if (fail) throw new Error('sync is off');
      Object.assign(data, obj);
    },
  };
}

test('sync wins over local; local is used when sync is empty or failing', async () => {
  globalThis.chrome = { storage: { sync: area({ settings: { strictness: 'strict' } }), local: area({ settings: { strictness: 'lenient' } }) } };
  assert.equal((await loadSettings()).strictness, 'strict');
  globalThis.chrome.storage.sync = area({});
  assert.equal((await loadSettings()).strictness, 'lenient');
  globalThis.chrome.storage.sync = area({}, { fail: true });
  assert.equal((await loadSettings()).strictness, 'lenient');
  globalThis.chrome.storage.local = area({});
  assert.deepEqual(await loadSettings(), DEFAULTS);
});

test('saving goes to sync, or to local when sync refuses', async () => {
  const sync = area({});
  const local = area({});
  globalThis.chrome = { storage: { sync, local } };
  assert.deepEqual(await saveSettings({ strictness: 'strict' }), { ...DEFAULTS, enabled: true, strictness: 'strict' });
  assert.deepEqual(sync.data.settings, { ...DEFAULTS, enabled: true, strictness: 'strict' });
  globalThis.chrome.storage.sync = area({}, { fail: true });
  await saveSettings({ enabled: false, strictness: 'nonsense' });
  assert.deepEqual(local.data.settings, { ...DEFAULTS, enabled: false, strictness: 'balanced' });
  // The pace is kept at or above its minimum whatever is saved.
  await saveSettings({ bulkPaceMs: 100 });
  assert.equal(local.data.settings.bulkPaceMs, BULK_PACE_MIN_MS);
});

test('the content script reads the settings through the API it is given', async () => {
  const given = { storage: { sync: area({ settings: { coach: false } }), local: area({}) } };
  assert.equal((await loadSettings(given)).coach, false);
});
