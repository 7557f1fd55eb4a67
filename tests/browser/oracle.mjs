// What the Rust core says each note's label is at a given strictness, asked
// of the CLI (`noteworthy classify`). The browser tests compare the page with
// this, so a relabel after a strictness change is checked card by card.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.mjs';

let built = false;
function cli() {
  if (!process.env.NOTEWORTHY_CLI && !built) {
    built = true;
    // Make sure the binary matches the sources (quick when up to date).
    try { execFileSync('cargo', ['build', '-q', '-p', 'noteworthy-cli'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] }); } catch { /* fall back below */ }
  }
  for (const p of [process.env.NOTEWORTHY_CLI, join(REPO, 'target', 'debug', 'noteworthy'), join(REPO, 'target', 'release', 'noteworthy')]) {
    if (p && existsSync(p)) return [p];
  }
  return ['cargo', 'run', '-q', '-p', 'noteworthy-cli', '--'];
}

/** notes: [{id, text, sender?, recipient?}] -> {id: label} at `strictness`. */
export function expectedLabels(notes, strictness) {
  const [cmd, ...pre] = cli();
  const input = notes.map((n) => JSON.stringify({ id: n.id, text: n.text, sender: n.sender ?? null, recipient: n.recipient ?? null })).join('\n') + '\n';
  const out = execFileSync(cmd, [...pre, 'classify', '--strictness', strictness, '--format', 'json', '-'], {
    cwd: REPO, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (lines.length !== notes.length) throw new Error(`CLI returned ${lines.length} verdicts for ${notes.length} notes`);
  const map = {};
  notes.forEach((n, i) => { map[n.id] = lines[i].label; });
  return map;
}
