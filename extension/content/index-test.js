// Entry of the TEST content script bundle (dist/test-<browser>/content.js):
// the real content script plus test-hooks.js. Never in a release package.
import { installTestHooks } from './test-hooks.js';
import './index.js';

// A copy injected after an extension reload replaces the old copy's hook,
// whose badges are gone (see index.js).
const HOOKED = Symbol.for('noteworthy.test-hooks');
if (typeof globalThis[HOOKED] === 'function') globalThis[HOOKED]();
globalThis[HOOKED] = installTestHooks(window);
