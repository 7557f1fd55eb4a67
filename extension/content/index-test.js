// Entry of the TEST content script bundle (dist/test-<browser>/content.js):
// the real content script plus test-hooks.js. Never in a release package.
import { installTestHooks } from './test-hooks.js';
import './index.js';

const HOOKED = Symbol.for('noteworthy.test-hooks');
if (!globalThis[HOOKED]) {
  globalThis[HOOKED] = true;
  installTestHooks(window);
}
