// Benchmark (not a test): the wasm core in Node, per note and per card in
// a batch, on the development corpus and on 300-character notes, beside
// which `cargo bench -p noteworthy-core` gives the native figure.
//
//   bash build.sh && node bench/wasm-node.mjs [path/to/dev.jsonl]
//
// Uses the nodejs-target glue that build.sh writes to target/wasm-node/.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const glue = join(process.env.CARGO_TARGET_DIR || join(repo, 'target'), 'wasm-node', 'noteworthy_wasm.js');
if (!existsSync(glue)) {
  console.error(`no wasm glue at ${glue}: run bash build.sh first`);
  process.exit(1);
}
const wasm = require(glue);

const corpusPath = process.argv[2] || join(repo, '..', 'shared', 'corpus', 'dev.jsonl');
const corpus = existsSync(corpusPath)
  ? readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => ({ note: JSON.parse(l).text }))
  : [];
const seeds = [
  'Hi Ben, enjoyed your session at DevOpsDays Amsterdam. Your point about error budgets resonated with what we see in our on-call rotations. Would love to connect and continue the conversation about SLOs, alerting and toil. ',
  "Hi Emily! I came across your profile and was impressed by your work in data science. I'm also passionate about this field and would love to expand my professional network with like-minded people. Hope to connect! ",
  "Bonjour Claire, j'aimerais élargir mon réseau professionnel avec des profils comme le vôtre. Nous aidons les PME à automatiser leur comptabilité : seriez-vous ouvert à un échange de 15 minutes ? Bonne journée ! ",
];
const long = seeds.map((s) => ({ note: s.repeat(2).slice(0, 300).trim(), sender: { name: 'Ana Souza', headline: 'Engineer' } }));

// Time `fn` over enough rounds to run about a second; median of 5 runs.
function measure(fn, items) {
  let rounds = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    if (performance.now() - t > 200) break;
    rounds *= 2;
  }
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    runs.push(((performance.now() - t) * 1000) / (rounds * items));
  }
  runs.sort((a, b) => a - b);
  return runs[2];
}

const t0 = performance.now();
wasm.classify({ note: 'warm up' }, 'balanced');
const initMs = performance.now() - t0;

const rows = [];
for (const [name, notes] of [['dev corpus', corpus], ['300-char', long]]) {
  if (!notes.length) continue;
  const one = measure(() => {
    for (const inv of notes) wasm.classify(inv, 'balanced');
  }, notes.length);
  const batch = measure(() => wasm.classify_batch(notes, 'balanced'), notes.length);
  rows.push({ workload: name, notes: notes.length, 'classify µs/note': one.toFixed(2), 'classify_batch µs/card': batch.toFixed(2), 'notes/s (batch)': Math.round(1e6 / batch) });
}
console.log(`first call (builds the matcher): ${initMs.toFixed(1)} ms`);
console.table(rows);
