#!/usr/bin/env node
// One-screen summary of a Stryker run: reads reports/mutation/mutation.json
// (or the file named as the first argument) and prints the mutation score,
// the counts by status, per-file counts and every surviving mutant with its
// line, mutator and `original → replacement`.
//
//   npm run mutate:summary [-- FILE] [-- --all]   (--all: also list timeouts
//   and no-coverage mutants, not only survivors)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showAll = args.includes('--all');
const file = args.find((a) => !a.startsWith('--')) ?? join(root, 'reports/mutation/mutation.json');

let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`mutation-summary: cannot read ${file}: ${err.message} (run \`npm run mutate\` first)`);
  process.exit(2);
}

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored', 'Pending'];
const LISTED = showAll ? new Set(['Survived', 'NoCoverage', 'Timeout']) : new Set(['Survived', 'NoCoverage']);
const total = Object.fromEntries(STATUSES.map((s) => [s, 0]));
const perFile = [];

const oneLine = (s, max = 60) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

// Source text covered by a mutant (locations are 1-based lines and columns).
function original(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const parts = [lines[start.line - 1].slice(start.column - 1)];
  for (let l = start.line; l < end.line - 1; l++) parts.push(lines[l]);
  parts.push(lines[end.line - 1].slice(0, end.column - 1));
  return parts.join('\n');
}

for (const [path, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const lines = source.split('\n');
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const listed = [];
  for (const m of mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    total[m.status] = (total[m.status] ?? 0) + 1;
    if (LISTED.has(m.status)) listed.push(m);
  }
  listed.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  perFile.push({ path, counts, listed, lines });
}

const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? NaN : (100 * detected) / valid;
};
const pct = (x) => (Number.isNaN(x) ? '  n/a' : x.toFixed(2).padStart(6));

const all = Object.values(total).reduce((a, b) => a + b, 0);
console.log(`mutation score ${pct(score(total)).trim()}%  (killed+timeout / killed+timeout+survived+no-coverage; compile/runtime errors excluded)`);
console.log(
  `${all} mutants: ` +
    STATUSES.filter((s) => total[s] > 0 || ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(s))
      .map((s) => `${s.toLowerCase()} ${total[s]}`)
      .join(', '),
);
console.log('');
console.log('file                          score  killed timeout survived nocov errors');
for (const { path, counts } of perFile) {
  const errors = counts.CompileError + counts.RuntimeError;
  console.log(
    `${path.padEnd(28)} ${pct(score(counts))} ${String(counts.Killed).padStart(7)} ${String(counts.Timeout).padStart(7)}` +
      ` ${String(counts.Survived).padStart(8)} ${String(counts.NoCoverage).padStart(5)} ${String(errors).padStart(6)}`,
  );
}
for (const { path, listed, lines } of perFile) {
  if (listed.length === 0) continue;
  console.log(`\n${path}`);
  for (const m of listed) {
    const tag = m.status === 'Survived' ? '' : ` [${m.status}]`;
    const where = `${m.location.start.line}:${m.location.start.column}`.padEnd(7);
    console.log(`  ${where} ${m.mutatorName.padEnd(22)} ${oneLine(original(lines, m.location), 44)} → ${oneLine(m.replacement ?? '?', 44)}${tag}`);
  }
}
