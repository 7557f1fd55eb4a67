// Entry of the content script bundle (build.sh bundles it with esbuild into
// dist/<browser>/content.js, a classic script: MV3 content scripts cannot be
// ES modules). The only file that reads the browser's globals.
import { startContentScript } from './content-script.js';

// Once per isolated world, even if the bundle were injected twice.
const RUNNING = Symbol.for('noteworthy.content-script');
if (!globalThis[RUNNING]) {
  globalThis[RUNNING] = true;
  startContentScript({ win: window, api: globalThis.browser || globalThis.chrome });
}
