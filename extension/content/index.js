// Entry of the content script bundle (build.sh bundles it with esbuild into
// dist/<browser>/content.js, a classic script: MV3 content scripts cannot be
// ES modules). The only file that reads the browser's globals.
import { startContentScript } from './content-script.js';

// One content script per isolated world. Chromium keeps an extension's
// isolated world across a reload of the extension: the copy injected after
// the reload (background/index.js) finds the old one here, cut off from
// its extension, and shuts it down (its badges, labels and observers go)
// before taking over the page. Injected twice by the same extension, the
// second copy likewise replaces the first.
const RUNNING = Symbol.for('noteworthy.content-script');
const previous = globalThis[RUNNING];
if (previous && typeof previous.shutdown === 'function') {
  try {
    previous.shutdown();
  } catch (_) {
    // the old copy's context is gone; its cleanup does not depend on it
  }
}
globalThis[RUNNING] = startContentScript({ win: window, api: globalThis.browser || globalThis.chrome });
