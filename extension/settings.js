// The person's settings: whether badges show, how strict the judgement
// is, and whether bulk decline is offered and at what pace. Stored under one key in storage.sync (follows the person across
// devices), falling back to storage.local where sync is unavailable or
// refuses. Missing or corrupt values fall back to the defaults.
// An ES module, shared by the background and the popup.

export const SETTINGS_KEY = 'settings';
export const STRICTNESS = Object.freeze(['lenient', 'balanced', 'strict']);
// coach: whether the sender's coach shows under LinkedIn's note box (content/coach.js).
// Bulk decline presses LinkedIn's Ignore about once a second, like a
// person: never faster than BULK_PACE_MIN_MS, whatever storage holds (a
// burst of presses is what an automation looks like to LinkedIn).
export const BULK_PACE_MIN_MS = 800;
export const BULK_PACE_MAX_MS = 10000;
export const DEFAULTS = Object.freeze({ enabled: true, strictness: 'balanced', coach: true, bulkDecline: true, bulkPaceMs: 1000 });

/** Turns whatever storage held into valid settings. */
export function sanitize(raw) {
  const out = { ...DEFAULTS };
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    if (typeof raw.enabled === 'boolean') out.enabled = raw.enabled;
    if (typeof raw.strictness === 'string' && STRICTNESS.includes(raw.strictness)) out.strictness = raw.strictness;
    if (typeof raw.coach === 'boolean') out.coach = raw.coach;
    if (typeof raw.bulkDecline === 'boolean') out.bulkDecline = raw.bulkDecline;
    if (typeof raw.bulkPaceMs === 'number' && Number.isFinite(raw.bulkPaceMs)) {
      out.bulkPaceMs = Math.round(Math.min(BULK_PACE_MAX_MS, Math.max(BULK_PACE_MIN_MS, raw.bulkPaceMs)));
    }
  }
  return out;
}

function api() {
  return globalThis.browser || globalThis.chrome;
}

async function readArea(area, ext) {
  const storage = ext.storage[area];
  if (!storage) return undefined;
  const got = await storage.get(SETTINGS_KEY);
  return got ? got[SETTINGS_KEY] : undefined;
}

/**
 * Current settings: sync first, then local, then the defaults. `ext`: the
 * extension API (the content script passes the one it was given).
 */
export async function loadSettings(ext = api()) {
  for (const area of ['sync', 'local']) {
    try {
      const raw = await readArea(area, ext);
      if (raw !== undefined) return sanitize(raw);
    } catch (_) {
      // Sync can be disabled by policy or fail offline: try the next area.
    }
  }
  return { ...DEFAULTS };
}

/** Saves a change; returns the settings now in force. */
export async function saveSettings(patch) {
  const next = sanitize({ ...(await loadSettings()), ...patch });
  try {
    await api().storage.sync.set({ [SETTINGS_KEY]: next });
  } catch (_) {
    await api().storage.local.set({ [SETTINGS_KEY]: next });
  }
  return next;
}
