// A small W3C WebDriver client over fetch, for geckodriver. Enough for the
// Firefox e2e tests: sessions, navigation, scripts, elements (including ones
// returned from inside open shadow roots), chrome context, temporary add-ons.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path} -> ${status} ${value?.error ?? ''}: ${value?.message ?? JSON.stringify(value)}`);
    this.status = status;
    this.value = value;
  }
}

/** Start geckodriver on a free loopback port; resolves once it answers /status. */
export async function startGeckodriver({ binary = process.env.GECKODRIVER || 'geckodriver', logFile, extraArgs = [] } = {}) {
  const port = await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--allow-system-access', ...extraArgs];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    const out = createWriteStream(logFile);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`geckodriver exited with ${exited} (args: ${args.join(' ')})`);
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('geckodriver did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    process: child,
    async stop() {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === null) child.kill('SIGKILL');
    },
  };
}

export class Element {
  constructor(session, id) { this.session = session; this.id = id; }
  toJSON() { return { [ELEMENT_KEY]: this.id }; }
  click() { return this.session.cmd('POST', `/element/${this.id}/click`, {}); }
  sendKeys(text) { return this.session.cmd('POST', `/element/${this.id}/value`, { text }); }
  text() { return this.session.cmd('GET', `/element/${this.id}/text`); }
  attribute(name) { return this.session.cmd('GET', `/element/${this.id}/attribute/${name}`); }
  property(name) { return this.session.cmd('GET', `/element/${this.id}/property/${name}`); }
  screenshot() { return this.session.cmd('GET', `/element/${this.id}/screenshot`); }
}

export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  static async create(base, capabilities) {
    const r = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
    });
    const json = await r.json();
    if (!r.ok) throw new WebDriverError('POST', '/session', r.status, json.value);
    return new Session(base, json.value.sessionId, json.value.capabilities);
  }

  async cmd(method, path, body) {
    const r = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new WebDriverError(method, path, r.status, json.value);
    return this.#revive(json.value);
  }

  #revive(v) {
    if (Array.isArray(v)) return v.map((x) => this.#revive(x));
    if (v && typeof v === 'object') {
      if (ELEMENT_KEY in v) return new Element(this, v[ELEMENT_KEY]);
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = this.#revive(x);
      return o;
    }
    return v;
  }

  delete() { return fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' }).then((r) => r.json()).catch(() => {}); }
  navigate(url) { return this.cmd('POST', '/url', { url }); }
  currentUrl() { return this.cmd('GET', '/url'); }
  back() { return this.cmd('POST', '/back', {}); }
  setTimeouts(t) { return this.cmd('POST', '/timeouts', t); }
  /** Run `body` (a function body string, or a function) with args. */
  execute(script, ...args) {
    const src = typeof script === 'function' ? `return (${script}).apply(null, arguments);` : script;
    return this.cmd('POST', '/execute/sync', { script: src, args });
  }
  /** Run an async function (returns a promise) and await its value. */
  executeAsync(fn, ...args) {
    const src = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: String(e && e.stack || e) }));`;
    return this.cmd('POST', '/execute/async', { script: src, args }).then((r) => {
      if (!r.ok) throw new Error(`script failed: ${r.e}`);
      return r.v;
    });
  }
  find(css) { return this.cmd('POST', '/element', { using: 'css selector', value: css }); }
  findAll(css) { return this.cmd('POST', '/elements', { using: 'css selector', value: css }); }
  screenshot() { return this.cmd('GET', '/screenshot').then((b64) => Buffer.from(b64, 'base64')); }
  windowHandle() { return this.cmd('GET', '/window'); }
  windowHandles() { return this.cmd('GET', '/window/handles'); }
  switchToWindow(handle) { return this.cmd('POST', '/window', { handle }); }
  closeWindow() { return this.cmd('DELETE', '/window'); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }
  /** Keyboard: press and release the given key (e.g. '\uE007' = Enter). */
  pressKey(key) {
    return this.cmd('POST', '/actions', {
      actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }],
    });
  }
  /** Mouse: a left click at viewport coordinates (real input: trusted events). */
  clickAt(x, y) {
    return this.cmd('POST', '/actions', {
      actions: [{
        type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      }],
    }).then(() => this.cmd('DELETE', '/actions'));
  }
  // geckodriver extensions
  setContext(context) { return this.cmd('POST', '/moz/context', { context }); }
  installAddon(path, temporary = true) { return this.cmd('POST', '/moz/addon/install', { path, temporary }); }
}

export const Keys = { ENTER: '\uE007', SPACE: '\uE00D', ESCAPE: '\uE00C', TAB: '\uE004' };
