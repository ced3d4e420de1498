import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoverageFile, CoverageResults, V8CoverageEntry } from 'monocart-coverage-reports';
import { table } from '../report/format.ts';
import type { Output } from './output.ts';

/*
 * `check --coverage`: which lines and branches of `impl/<subsystem>/` a run
 * executed. V8's precise coverage (call counts, block granularity) is
 * switched on through the inspector for the run only, so a check without
 * `--coverage` runs exactly as before; monocart-coverage-reports maps the
 * bundle's coverage back to the TypeScript sources through the bundle's
 * source map and makes the numbers and the lcov/HTML reports.
 */

/** A run under V8's precise coverage; `finish` ends it and returns what V8 counted. */
export interface CoverageRecorder {
  finish(): Promise<V8CoverageEntry[]>;
}

/** Where `bin/xenspec.js` leaves the inspector session it started before loading the bundle. */
const EARLY_SESSION = Symbol.for('xenspec.coverageSession');

/**
 * Precise block coverage with call counts. V8 reports a function that was
 * never called only when coverage was on before its script was compiled, so
 * `bin/xenspec.js` starts it before it loads the bundle; this takes that
 * session over. Without one (the CLI run in-process), it starts coverage now
 * and says that functions of already loaded code that the run never called
 * may be missing from the report (`early` false).
 */
export async function startCoverage(): Promise<CoverageRecorder & { readonly early: boolean }> {
  const { Session } = await import('node:inspector/promises');
  const given = (globalThis as Record<symbol, unknown>)[EARLY_SESSION];
  const early = given instanceof Session;
  let session: InstanceType<typeof Session>;
  if (given instanceof Session) {
    session = given;
    delete (globalThis as Record<symbol, unknown>)[EARLY_SESSION];
  } else {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }
  return {
    early,
    async finish() {
      const { result } = await session.post('Profiler.takePreciseCoverage');
      await session.post('Profiler.stopPreciseCoverage');
      await session.post('Profiler.disable');
      session.disconnect();
      // Our own scripts only (the bundle, or the sources under a test runner), each with its text for the source map.
      return result
        .filter((e) => e.url.startsWith('file:') && !e.url.includes('/node_modules/'))
        .map((e) => ({ ...e, source: readFileSync(fileURLToPath(e.url), 'utf8') }) as V8CoverageEntry);
    },
  };
}

/** The repository-relative path of a source the map names (`../impl/argo/ops.ts` → `impl/argo/ops.ts`), or undefined outside `impl/`. */
function implPath(sourcePath: string): string | undefined {
  const m = /(?:^|[\\/])(impl\/.+)$/.exec(sourcePath.replace(/\\/g, '/'));
  return m?.[1];
}

/** Consecutive never-executed lines, joined across blank and comment lines. */
export interface UnreachedRange {
  readonly first: number;
  readonly last: number;
  /** The first line's code, trimmed. */
  readonly text: string;
}

/** Lines and branches of one impl file, and the lines no step executed. */
export interface FileCoverage {
  readonly path: string;
  readonly lines: { readonly covered: number; readonly total: number };
  readonly branches: { readonly covered: number; readonly total: number };
  readonly unreached: readonly UnreachedRange[];
  /** Lines executed only in part: a branch or statement on them never ran (`return -EINVAL` after an `if` that always failed). */
  readonly partly: readonly number[];
}

function unreachedOf(file: CoverageFile): UnreachedRange[] {
  const lines = file.data?.lines ?? {};
  const extras = file.data?.extras ?? {};
  const text = (file.source ?? '').split('\n');
  const out: UnreachedRange[] = [];
  const numbers = Object.keys(lines)
    .map(Number)
    .sort((a, b) => a - b);
  let open: { first: number; last: number } | undefined;
  const close = (): void => {
    if (open !== undefined) out.push({ ...open, text: (text[open.first - 1] ?? '').trim() });
    open = undefined;
  };
  for (const n of numbers) {
    if (lines[n] !== 0) {
      close();
      continue;
    }
    // Only blank or comment lines between the previous unreached line and this one: the same range.
    let gapIsFiller = open !== undefined;
    for (let k = (open?.last ?? n) + 1; gapIsFiller && k < n; k++) if (extras[k] !== 'b' && extras[k] !== 'c') gapIsFiller = false;
    if (open !== undefined && gapIsFiller) open.last = n;
    else {
      close();
      open = { first: n, last: n };
    }
  }
  close();
  return out;
}

/** Where to write the lcov and HTML reports, if anywhere. */
export interface CoverageReportOptions {
  /** The `impl/<subsystem>/` folders to report on. */
  readonly folders: readonly string[];
  readonly reportDir?: string | undefined;
}

/**
 * Maps the recorded coverage onto the impl sources and returns it per file
 * (files in `folders` only, sorted by path); writes `lcov.info` and the
 * HTML report into `reportDir` when given.
 */
export async function implCoverage(entries: readonly V8CoverageEntry[], o: CoverageReportOptions): Promise<FileCoverage[]> {
  const { CoverageReport } = await import('monocart-coverage-reports');
  const scratch = o.reportDir === undefined ? mkdtempSync(join(tmpdir(), 'xenspec-coverage-')) : undefined;
  const inFolders = (p: string): boolean => {
    const path = implPath(p);
    return path !== undefined && o.folders.some((f) => path.startsWith(`${f}/`));
  };
  try {
    const report = new CoverageReport({
      name: 'xenspec impl coverage',
      outputDir: o.reportDir ?? scratch!,
      reports: o.reportDir === undefined ? [['none']] : [['v8'], ['lcovonly', { file: 'lcov.info' }]],
      logging: 'error',
      cleanCache: true,
      // A bundle is kept for the sources its map names (filtered next); a plain script only when it is itself an impl file.
      entryFilter: (e: V8CoverageEntry) => /^\/\/# sourceMappingURL=/m.test(e.source ?? '') || inFolders(fileURLToPath(e.url)),
      sourceFilter: inFolders,
      sourcePath: (p: string) => implPath(p) ?? p,
    });
    await report.add([...entries]);
    const results: CoverageResults | undefined = await report.generate();
    return (results?.files ?? [])
      .map((f) => ({
        path: f.sourcePath,
        lines: { covered: f.summary.lines.covered, total: f.summary.lines.total },
        branches: { covered: f.summary.branches.covered, total: f.summary.branches.total },
        unreached: unreachedOf(f),
        partly: Object.entries(f.data?.lines ?? {})
          .filter(([, hits]) => typeof hits === 'string')
          .map(([line]) => Number(line))
          .sort((a, b) => a - b),
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

const pct = (m: { readonly covered: number; readonly total: number }): string => (m.total === 0 ? '—' : `${((100 * m.covered) / m.total).toFixed(1)}% (${m.covered}/${m.total})`);

/** Characters of a line's code shown beside its range. */
const TEXT_CHARS = 80;

/**
 * Prints the per-file table (lines and branches executed) and, like SPIN's
 * "unreached in proctype", every range of impl lines the run never executed.
 */
export function printCoverage(files: readonly FileCoverage[], folders: readonly string[], io: Output, reportDir: string | undefined): void {
  if (folders.length === 0) {
    io.out('impl coverage: nothing to report (fixtures have no impl/ folder)');
    return;
  }
  io.out(`impl coverage of this run (V8 precise coverage of ${folders.join(', ')}):`);
  if (files.length === 0) {
    io.out('  no line of these folders was loaded');
    return;
  }
  const total = (k: 'lines' | 'branches'): { covered: number; total: number } => ({
    covered: files.reduce((n, f) => n + f[k].covered, 0),
    total: files.reduce((n, f) => n + f[k].total, 0),
  });
  const rows = files.map((f) => [f.path, pct(f.lines), pct(f.branches)]);
  rows.push(['all', pct(total('lines')), pct(total('branches'))]);
  io.out(
    table(['file', 'lines', 'branches'], rows)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  for (const f of files) {
    if (f.unreached.length === 0 && f.partly.length === 0) continue;
    io.out(`unreached in ${f.path}:`);
    for (const r of f.unreached) {
      const where = r.first === r.last ? `${f.path}:${r.first}` : `${f.path}:${r.first}-${r.last}`;
      const code = r.text.length > TEXT_CHARS ? `${r.text.slice(0, TEXT_CHARS - 1)}…` : r.text;
      io.out(`  ${where.padEnd(32)}  ${code}`);
    }
    if (f.partly.length > 0) io.out(`  partly executed (a branch on the line never taken): lines ${f.partly.join(', ')}`);
  }
  if (reportDir !== undefined) io.out(`coverage report written to ${join(reportDir, 'index.html')} and ${join(reportDir, 'lcov.info')}`);
}

/**
 * `check` under `--coverage`: runs `run` (the check itself) with precise
 * coverage on, then prints the coverage of the `impl/` folders of the
 * subsystems checked and writes the reports when asked. Returns `run`'s exit
 * code, or 2 when the reports could not be written (after printing the rest).
 */
export async function withCoverage(subsystemNames: readonly string[], reportDir: string | undefined, io: Output, run: () => number | Promise<number>): Promise<number> {
  const folders = subsystemNames.map((n) => `impl/${n}`);
  const recorder = await startCoverage();
  let code: number;
  let entries: V8CoverageEntry[];
  try {
    code = await run();
  } finally {
    entries = await recorder.finish();
  }
  let files: FileCoverage[];
  try {
    files = await implCoverage(entries, { folders, reportDir });
  } catch (error) {
    if (reportDir === undefined) throw error;
    io.err(`xenspec: cannot write --coverage-report ${reportDir}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return 2;
  }
  printCoverage(files, folders, io, reportDir);
  if (!recorder.early) io.out('note: coverage started after the code was loaded (not through bin/xenspec.js): functions the run never called may be missing from these numbers');
  return code;
}
