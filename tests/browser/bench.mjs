// Benchmark (not a test: nothing here passes or fails on timings).
// In Chromium with the built extension, on the era B fixture:
//   - time from window.__appendCards(1000) until all 1000 new cards carry
//     data-noteworthy, measured inside the page with performance.now();
//   - long tasks (> 50 ms, PerformanceObserver 'longtask', main world)
//     during that window: count, total and longest;
//   - the content script's CPU time over the same window, from V8's sampling
//     profiler (CDP Profiler, 100 µs): every sample whose stack holds a frame
//     of the extension's scripts (in the page's renderer, only the content
//     script runs) counts (what it calls in the browser,
//     such as querySelectorAll or attachShadow, included; rendering that the
//     browser does later in its own frame is not), with its heaviest
//     functions (BENCH_TOP=N lists N, default 8);
// the first batch a freshly started service worker answers: after CDP
// ServiceWorker.stopAllWorkers, time from appending a few cards until all
// are labelled, against the same with the worker warm (the difference is
// the worker's start, the wasm's instantiation and its first verdicts);
// and the size of dist/chrome's .wasm, raw and gzipped.
// Run: npm run bench:browser   (after ./build.sh)   [BENCH_RUNS=3 BENCH_CARDS=1000 BENCH_TOP=8 BENCH_PROFILE_OUT=dir]
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startFixtureServer } from './server.mjs';
import { launchChromium } from './chromium-harness.mjs';
import { DIST_CHROME_RELEASE as DIST_CHROME, REPO } from './paths.mjs';
import { FIXTURES } from './e2e-common.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS || 5);
const COLD_CARDS = 20;
const TOP = Number(process.env.BENCH_TOP ?? 8);
const CARDS = Number(process.env.BENCH_CARDS || 1000);
const TIMEOUT = 300_000;

function findWasm(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findWasm(p));
    else if (e.name.endsWith('.wasm')) out.push(p);
  }
  return out;
}

function table(rows, headers) {
  const cols = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => '| ' + r.map((c, i) => (i === 0 ? String(c).padEnd(cols[i]) : String(c).padStart(cols[i]))).join(' | ') + ' |';
  console.log(line(headers));
  console.log('|' + cols.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

// In the page (main world): observe long tasks, append, wait for every label.
async function measure(n) {
  const base = document.querySelectorAll('[data-noteworthy]').length;
  const tasks = [];
  const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e); });
  po.observe({ type: 'longtask' });
  // Long animation frames (> 50 ms, rendering included; the longtask API
  // misses rendering). Chromium names no content script in them, so frames
  // that start after the page's own frame for the new cards are counted as
  // the extension's share (drawing its badges).
  const frames = [];
  const fo = new PerformanceObserver((list) => { for (const e of list.getEntries()) frames.push(e); });
  fo.observe({ type: 'long-animation-frame' });
  // Append in an ordinary page task (a timer), not inside the DevTools
  // evaluation, so its own duration is seen the way the page would see it.
  // tShown: the first frame after the append has rendered the new cards (a
  // task posted from its requestAnimationFrame runs after that rendering).
  let tShown = null;
  const { t0, tAppended } = await new Promise((resolve) => setTimeout(() => {
    const a = performance.now();
    window.__appendCards(n);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { tShown = performance.now(); };
      ch.port2.postMessage(null);
    });
    resolve({ t0: a, tAppended: performance.now() });
  }, 0));
  let tFirst = null;
  const tDone = await new Promise((resolve) => {
    const mo = new MutationObserver(check);
    function check() {
      const k = document.querySelectorAll('[data-noteworthy]').length - base;
      if (k > 0 && tFirst === null) tFirst = performance.now();
      if (k >= n) { mo.disconnect(); resolve(performance.now()); }
    }
    mo.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-noteworthy'] });
    check();
  });
  // tRendered: the frame after the last label has rendered the badges.
  const tRendered = await new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(null);
  }));
  // Let the observer deliver entries for tasks that ended just now.
  await new Promise((r) => setTimeout(r, 100));
  for (const e of po.takeRecords()) tasks.push(e);
  po.disconnect();
  for (const e of fo.takeRecords()) frames.push(e);
  fo.disconnect();
  const shownAt = tShown ?? tDone;
  const extFrames = frames.filter((e) => e.startTime >= shownAt - 1 && e.startTime <= tRendered);
  const inWindow = tasks.filter((e) => e.startTime + e.duration >= t0 && e.startTime <= tDone);
  // Tasks that began after the fixture's own append task ended: the extension's share.
  const after = inWindow.filter((e) => e.startTime >= tAppended - 1);
  return {
    afterCount: after.length,
    afterMaxMs: after.reduce((a, e) => Math.max(a, e.duration), 0),
    appendMs: tAppended - t0,
    shownMs: (tShown ?? tDone) - t0,
    afterShownMs: tDone - (tShown ?? tDone),
    renderedMs: tRendered - t0,
    extFrames: extFrames.length,
    extFrameMaxMs: extFrames.reduce((a, e) => Math.max(a, e.duration), 0),
    extRenderMaxMs: extFrames.reduce((a, e) => Math.max(a, e.startTime + e.duration - (e.renderStart || e.startTime)), 0),
    firstMs: tFirst - t0,
    allMs: tDone - t0,
    longTasks: inWindow.length,
    longTotalMs: inWindow.reduce((a, e) => a + e.duration, 0),
    longMaxMs: inWindow.reduce((a, e) => Math.max(a, e.duration), 0),
  };
}

/**
 * The content script's time in a V8 CPU profile: samples whose stack
 * includes a frame of a script under `extensionBase` (chrome-extension://<id>/;
 * any file, so a build with several content scripts is measured alike), and
 * the time per content-script function (a sample counts for the innermost
 * content-script frame on its stack, so a native call such as
 * querySelectorAll counts for its caller).
 *
 * A sample's time is wall time: on a busy machine the thread is also
 * descheduled while a function is on its stack. `tasks` (the renderer main
 * thread's top-level tasks from a trace: start, wall and thread-CPU
 * durations) turn it into CPU time: within each task, the content script's
 * wall time is scaled by that task's CPU/wall ratio.
 */
function contentScriptCpu(profile, extensionBase, tasks) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const owner = new Map(); // node id -> innermost content-script node id on its stack, or 0
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const n = byId.get(id);
    const o = n.callFrame.url.startsWith(extensionBase) ? id : parent.has(id) ? ownerOf(parent.get(id)) : 0;
    owner.set(id, o);
    return o;
  };
  let wallUs = 0;
  let cpuUs = 0;
  let inTasksUs = 0;
  const perFn = new Map();
  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  let k = 0; // tasks are sorted by start; samples by time
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    const dt = timeDeltas[i + 1] ?? 0; // the time until the next sample is spent here
    const o = ownerOf(samples[i]);
    if (!o) continue;
    while (k < tasks.length && tasks[k].end < t) k++;
    const task = k < tasks.length && tasks[k].start <= t ? tasks[k] : null;
    const ratio = task && task.dur > 0 ? Math.min(1, task.tdur / task.dur) : 1;
    if (task) inTasksUs += dt;
    wallUs += dt;
    cpuUs += dt * ratio;
    const f = byId.get(o).callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.slice(extensionBase.length)}:${f.lineNumber + 1})`;
    perFn.set(key, (perFn.get(key) || 0) + dt * ratio);
  }
  const top = [...perFn].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, us]) => `${k}: ${(us / 1000).toFixed(1)} ms`);
  return { wallMs: wallUs / 1000, cpuMs: cpuUs / 1000, inTasks: wallUs ? inTasksUs / wallUs : 0, top };
}

/**
 * The top-level tasks of the renderer main thread that ran the profiled
 * page, from trace events: [{start, end, dur, tdur}] in µs, sorted. Of the
 * renderer main threads in the trace, the one whose tasks hold the most
 * profile samples is the page's.
 */
function mainThreadTasks(events, profile) {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !String(e.cat).split(',').includes('toplevel') || typeof e.tdur !== 'number') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push({ start: e.ts, end: e.ts + e.dur, dur: e.dur, tdur: e.tdur });
  }
  const times = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  let best = [];
  let bestHits = -1;
  for (const tasks of byThread.values()) {
    tasks.sort((a, b) => a.start - b.start);
    let hits = 0;
    let k = 0;
    for (const x of times) {
      while (k < tasks.length && tasks[k].end < x) k++;
      if (k < tasks.length && tasks[k].start <= x) hits++;
    }
    if (hits > bestHits) {
      best = tasks;
      bestHits = hits;
    }
  }
  return best;
}

// In the page: append `n` cards, resolve with the ms until all carry a label.
async function labelAfterAppend(n) {
  const base = document.querySelectorAll('[data-noteworthy]').length;
  const t0 = performance.now();
  window.__appendCards(n);
  return new Promise((resolve) => {
    const tick = () => (document.querySelectorAll('[data-noteworthy]').length >= base + n ? resolve(performance.now() - t0) : setTimeout(tick, 1));
    tick();
  });
}

const server = await startFixtureServer({ port: 0 });
const browser = await launchChromium({ port: server.port, extensionDir: DIST_CHROME });
const results = [];
const cold = { warm: [], cold: [] };
try {
  {
    const page = await browser.context.newPage();
    await page.goto(server.url(FIXTURES.eraB.path), { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('[data-noteworthy]').length > 0, null, { timeout: 60_000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < COLD_ROUNDS; i++) {
      cold.warm.push(await page.evaluate(labelAfterAppend, COLD_CARDS, { timeout: TIMEOUT }));
      await cdp.send('ServiceWorker.stopAllWorkers');
      // Let the stop land before the cards arrive.
      await new Promise((r) => setTimeout(r, 300));
      cold.cold.push(await page.evaluate(labelAfterAppend, COLD_CARDS, { timeout: TIMEOUT }));
    }
    await cdp.detach();
    await page.close();
  }
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.goto(server.url(FIXTURES.eraB.path), { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('[data-noteworthy]').length > 0, null, { timeout: 60_000 });
    const cdp = await browser.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'toplevel,__metadata', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const r = await page.evaluate(measure, CARDS, { timeout: TIMEOUT });
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Tracing.end');
    await traced;
    await cdp.detach();
    if (process.env.BENCH_PROFILE_OUT) {
      // Open in Chromium DevTools (Performance panel: load profile) to see where the time goes.
      mkdirSync(process.env.BENCH_PROFILE_OUT, { recursive: true });
      writeFileSync(join(process.env.BENCH_PROFILE_OUT, `run-${i + 1}.cpuprofile`), JSON.stringify(profile));
    }
    const cpu = contentScriptCpu(profile, `chrome-extension://${browser.extensionId}/`, mainThreadTasks(events, profile));
    r.cpuPer1000Ms = (cpu.cpuMs * 1000) / CARDS;
    r.wallPer1000Ms = (cpu.wallMs * 1000) / CARDS;
    r.inTasksPct = Math.round(cpu.inTasks * 100);
    r.top = cpu.top;
    const csp = await page.evaluate(() => document.documentElement.dataset.cspViolations);
    results.push({ ...r, csp });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const f = (x) => x.toFixed(1);
console.log(`\nNoteworthy browser benchmark: Chromium (${process.env.CHROMIUM_BIN || '/usr/bin/chromium'}), era B fixture, ${CARDS} cards appended, ${RUNS} run(s)`);
console.log('Times are wall-clock inside the page on a shared machine: compare runs, not absolutes.\n');
const cols = ['cpuPer1000Ms', 'wallPer1000Ms', 'inTasksPct', 'appendMs', 'shownMs', 'firstMs', 'allMs', 'afterShownMs', 'renderedMs', 'longTasks', 'longTotalMs', 'longMaxMs', 'afterCount', 'afterMaxMs',
  'extFrames', 'extFrameMaxMs', 'extRenderMaxMs'];
const fmt = (k, x) => (/Ms$/.test(k) ? f(x) : String(x));
table(results.map((r, i) => [`run ${i + 1}`, ...cols.map((k) => fmt(k, r[k])), r.csp ?? '-'])
  .concat([['median', ...cols.map((k) => fmt(k, median(results.map((r) => r[k])))), '']]),
['', 'content script CPU / 1000 cards (ms)', 'its samples\' wall time (ms)', 'in traced tasks (%)', 'append (ms)', 'shown (ms)', 'first label (ms)', `all ${CARDS} labelled (ms)`, 'labelled after shown (ms)', 'badges drawn (ms)', 'long tasks', 'long total (ms)',
  'longest (ms)', 'long after append', 'longest after (ms)', 'long frames after shown', 'longest (ms)', 'its rendering (ms)', 'CSP viol.']);
console.log('\n"append" is the fixture building the DOM (page code, not the extension); its own task counts as a long task\nwhen it exceeds 50 ms. "shown" is when the first frame after the append has rendered the new cards (page cost);\n"labelled after shown" is the extension\'s latency from there; "badges drawn" is when the\nframe after the last label has rendered. Long tasks are > 50 ms on the page\'s main thread\n(content script included) between the append and the last label; "after append" leaves out the fixture\'s own\nappend task. "long frames after shown" are long animation frames (> 50 ms, rendering included) from "shown" to\n"badges drawn": the page is idle then but for the extension, so they are its share; "its rendering" is the\nstyle/layout/paint part of the longest.\n');

console.log('"content script CPU" is the V8 profiler\'s time in the content script (and the browser calls it made) from the\nappend to the badges drawn, per 1000 cards, each task\'s share scaled by that task\'s thread-CPU/wall ratio from a trace\n(a busy machine deschedules the thread: "its samples\' wall time" is the unscaled figure; "in traced tasks" is how much of\nit fell inside a traced task, where the scaling applies). Its heaviest functions (CPU), per run:');
results.forEach((r, i) => console.log(`  run ${i + 1}: ${r.top.join('; ')}`));
console.log('');

const range = (xs) => `${f(Math.min(...xs))}-${f(Math.max(...xs))} ms (median ${f(median(xs))})`;
console.log(`First batch of ${COLD_CARDS} cards labelled, ${COLD_ROUNDS} rounds: with the service worker warm ${range(cold.warm)};`);
console.log(`right after ServiceWorker.stopAllWorkers (a freshly started worker) ${range(cold.cold)}.`);
const startCost = cold.cold.map((c, i) => c - cold.warm[i]);
console.log(`The worker's cold start (cold minus warm, per round): ${range(startCost)}.\n`);

const wasm = findWasm(DIST_CHROME);
if (!wasm.length) console.log(`no .wasm found under ${relative(REPO, DIST_CHROME)}`);
table(wasm.map((p) => {
  const raw = readFileSync(p);
  return [relative(REPO, p), `${statSync(p).size} B (${kb(raw.length)})`, `${gzipSync(raw, { level: 9 }).length} B (${kb(gzipSync(raw, { level: 9 }).length)})`];
}), ['wasm', 'raw', 'gzip -9']);
