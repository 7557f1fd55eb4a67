// Where things are, relative to the repository root.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BROWSER_TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(BROWSER_TEST_DIR, '..', '..');
export const FIXTURES_DIR = join(REPO, 'tests', 'fixtures');
export const ROUTES_FILE = join(FIXTURES_DIR, 'routes.json');
export const EXTENSION_IDS_FILE = join(REPO, 'tests', 'extension-ids.json');
// The test packages (build.sh): the release ones plus the hooks that read
// badges in their closed shadow roots (extension/content/test-hooks.js).
// Overridable, e.g. to check that the tests fail against a broken build.
export const DIST_CHROME = process.env.NOTEWORTHY_DIST_CHROME || join(REPO, 'dist', 'test-chrome');
export const DIST_FIREFOX = process.env.NOTEWORTHY_DIST_FIREFOX || join(REPO, 'dist', 'test-firefox');
// The release package, which the benchmark measures (the test hooks are
// not what people run).
export const DIST_CHROME_RELEASE = process.env.NOTEWORTHY_DIST_CHROME || join(REPO, 'dist', 'chrome');
export const OUT_DIR = join(BROWSER_TEST_DIR, 'out');
export const SCREENSHOTS_DIR = join(REPO, 'docs', 'screenshots');
