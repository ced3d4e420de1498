#!/usr/bin/env node
// Entry point of the `xenspec` command. Runs the esbuild bundle in dist/,
// rebuilding it first when any TypeScript source is newer (so an edited
// checkout never runs stale code).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'dist/xenspec.mjs');

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(bundlePath)) return true;
  const built = statSync(bundlePath).mtimeMs;
  return ['checker', 'spec', 'model', 'impl'].some((d) => newestSource(join(root, d)) > built);
}

// Exploring commands keep every spec state they meet (the lockstep memo) and
// can outgrow V8's default heap (about 4 GB): like TLC's -Xmx, run them with
// a heap of 60% of the machine's memory (at most 16 GB), re-executing once.
const heapMb = Math.min(16384, Math.floor((totalmem() / 1048576) * 0.6));
const explores = ['check', 'diff', 'zoo', 'bench'].includes(process.argv[2] ?? '');
const heapGiven = process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '');
if (explores && !heapGiven && process.env.XENSPEC_REEXEC === undefined && getHeapStatistics().heap_size_limit < heapMb * 1048576 * 0.9) {
  // glibc (2.35+) then asks for transparent huge pages for the large buffers malloc maps (seen-sets, traces, frontiers;
  // where THP is "madvise", as on Debian): far fewer page faults, which cost up to ~15 µs each in some virtual machines.
  // Other C libraries ignore the variable; a hugetlb setting of the user's own is kept.
  const tunables = process.env.GLIBC_TUNABLES ?? '';
  const withHugePages = /glibc\.malloc\.hugetlb=/.test(tunables) ? tunables : [tunables, 'glibc.malloc.hugetlb=1'].filter((t) => t !== '').join(':');
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, XENSPEC_REEXEC: '1', GLIBC_TUNABLES: withHugePages },
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  const [code, signal] = await new Promise((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  if (signal !== null) {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(sig, forward);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 3);
}

if (isStale()) {
  const { bundle, BuildError } = await import(pathToFileURL(join(root, 'scripts/build.mjs')).href);
  try {
    await bundle();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    // eslint-disable-next-line no-control-regex
    process.stderr.write(`xenspec: cannot build the CLI bundle from the sources: ${error.message.replace(/[\u0000-\u001f\u007f]/g, ' ')}\n`);
    process.exit(3);
  }
}
// `check --coverage`: V8's precise coverage must be on before the bundle is compiled, or the
// functions a run never calls go unreported (and count as covered); checker/cli/coverage.ts takes it from here.
if (process.argv[2] === 'check' && process.argv.some((a) => a === '--coverage' || a.startsWith('--coverage-report'))) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  globalThis[Symbol.for('xenspec.coverageSession')] = session;
}
const { main } = await import(pathToFileURL(bundlePath).href);
process.exitCode = await main(process.argv.slice(2));
