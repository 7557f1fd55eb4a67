// HTTPS fixture server: serves tests/fixtures/ as https://www.linkedin.com,
// on loopback only, with a strict Content-Security-Policy like LinkedIn's
// (no 'wasm-unsafe-eval', so a content script that tries to compile wasm in
// the page is caught: the page counts securitypolicyviolation events and the
// browser POSTs a report here).
//
// In-process:   const srv = await startFixtureServer({ port: 0 });
//               srv.port, srv.origin, srv.cspReports, srv.clearCspReports()
// Over HTTP:    GET /__csp-reports  -> JSON array of reports
//               POST /__csp-reports/clear
//               GET /__requests     -> JSON array of {method, host, url, status}
// Stand-alone:  node tests/browser/server.mjs [--port 8443]
//
// Routes come from tests/fixtures/routes.json; any other path is looked up as
// a file under tests/fixtures/ (so fixture pages can load their own JS/CSS).
import https from 'node:https';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCert } from './certs.mjs';
import { FIXTURES_DIR, ROUTES_FILE } from './paths.mjs';

export const FIXTURE_HOST = 'www.linkedin.com';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; report-uri /csp-report";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Read routes.json into a list of {path, file, ...extra}.
 * Accepts either {"/path/": "file.html"}, {"/path/": {"file": ...}},
 * [{"path": ..., "file": ...}], or {"routes": <either of those>}.
 */
export function loadRoutes(file = ROUTES_FILE) {
  if (!existsSync(file)) return [];
  let raw = JSON.parse(readFileSync(file, 'utf8'));
  if (raw && !Array.isArray(raw) && raw.routes) raw = raw.routes;
  const list = [];
  if (Array.isArray(raw)) {
    for (const r of raw) {
      const path = r.path ?? r.url ?? r.route;
      const f = r.file ?? r.fixture ?? r.page;
      if (path && f) list.push({ ...r, path, file: f });
    }
  } else if (raw && typeof raw === 'object') {
    for (const [path, v] of Object.entries(raw)) {
      if (path.startsWith('$') || path.startsWith('_')) continue;
      if (typeof v === 'string') list.push({ path, file: v });
      else if (v && typeof v === 'object' && (v.file ?? v.fixture ?? v.page)) {
        list.push({ ...v, path, file: v.file ?? v.fixture ?? v.page });
      }
    }
  }
  return list;
}

function stripSlash(p) {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/**
 * Find the fixture for a request. A route key that starts with '?' (e.g.
 * "?fixture=era-a") matches any path whose query has those parameters, and
 * wins over path routes; otherwise the path is matched (trailing slash
 * optional, query ignored).
 */
function resolveRoute(routes, pathname, search) {
  const query = new URLSearchParams(search || '');
  for (const r of routes) {
    if (!r.path.startsWith('?')) continue;
    const want = new URLSearchParams(r.path.slice(1));
    if ([...want].every(([k, v]) => query.getAll(k).includes(v))) return r;
  }
  const full = pathname + (search || '');
  for (const r of routes) if (r.path === full) return r;
  for (const r of routes) if (stripSlash(r.path.split('?')[0]) === stripSlash(pathname) && !r.path.includes('?')) return r;
  for (const r of routes) if (stripSlash(r.path.split('?')[0]) === stripSlash(pathname)) return r;
  return null;
}

function safeFixturePath(rel) {
  const p = normalize(join(FIXTURES_DIR, rel));
  if (p !== FIXTURES_DIR && !p.startsWith(FIXTURES_DIR + sep)) return null;
  return p;
}

export async function startFixtureServer({ port = 0, host = '127.0.0.1', log = false } = {}) {
  const { key, cert } = ensureCert();
  const cspReports = [];
  const requests = [];

  const server = https.createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url, `https://${FIXTURE_HOST}`);
    const hostHeader = (req.headers.host || '').split(':')[0];
    const entry = { method: req.method, host: hostHeader, url: req.url, status: 0, time: Date.now() };
    requests.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      res.writeHead(status, {
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(body);
      if (log) console.error(`[fixture-server] ${req.method} ${hostHeader}${req.url} -> ${status}`);
    };

    // Firefox's forceResolve sends *every* host here: serve LinkedIn only.
    if (hostHeader && hostHeader !== FIXTURE_HOST && hostHeader !== '127.0.0.1') {
      return send(421, 'not served here\n', { 'Content-Type': 'text/plain' });
    }

    if (url.pathname === '/csp-report' && req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let parsed = body;
        try { parsed = JSON.parse(body); } catch { /* keep raw text */ }
        cspReports.push({ time: Date.now(), contentType: req.headers['content-type'], report: parsed });
        if (log) console.error('[fixture-server] CSP report:', body);
        send(204, '');
      });
      return;
    }
    if (url.pathname === '/__csp-reports' && req.method === 'GET') {
      return send(200, JSON.stringify(cspReports), { 'Content-Type': TYPES['.json'] });
    }
    if (url.pathname === '/__csp-reports/clear' && req.method === 'POST') {
      cspReports.length = 0;
      return send(204, '');
    }
    if (url.pathname === '/__requests' && req.method === 'GET') {
      return send(200, JSON.stringify(requests), { 'Content-Type': TYPES['.json'] });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');

    const routes = loadRoutes(); // re-read each time: fixtures are edited live
    const route = resolveRoute(routes, url.pathname, url.search);
    let file = route ? safeFixturePath(route.file) : safeFixturePath(decodeURIComponent(url.pathname.slice(1)));
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      return send(404, `no fixture for ${url.pathname}\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    const body = readFileSync(file);
    return send(200, req.method === 'HEAD' ? undefined : body, {
      'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  // Pages are always opened as https://www.linkedin.com/ (port 443 in the
  // URL, as on the real site: the extension checks URLs). Chromium's
  // --host-resolver-rules "MAP www.linkedin.com 127.0.0.1:<port>" sends
  // that to this port; Firefox needs the server on 443 itself.
  const origin = `https://${FIXTURE_HOST}`;

  return {
    port: actualPort,
    origin,
    /** Reachable without host mapping (curl --resolve, debugging). */
    directOrigin: `https://${FIXTURE_HOST}:${actualPort}`,
    url: (path) => new URL(path, origin).href,
    cspReports,
    requests,
    clearCspReports() { cspReports.length = 0; },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// Stand-alone: node tests/browser/server.mjs [--port N] [--quiet]
if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8443;
  const srv = await startFixtureServer({ port, log: !process.argv.includes('--quiet') });
  console.log(`fixture server on https://127.0.0.1:${srv.port}, serving ${srv.origin}/ (map the host name to this port)`);
  console.log(`Chromium: --host-resolver-rules="MAP ${FIXTURE_HOST} 127.0.0.1:${srv.port}" --ignore-certificate-errors`);
  for (const r of loadRoutes()) {
    const where = r.path.startsWith('?') ? `/mynetwork/invitation-manager/received/${r.path}` : r.path;
    console.log(`  ${srv.origin}${where}  ->  tests/fixtures/${r.file}`);
  }
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
