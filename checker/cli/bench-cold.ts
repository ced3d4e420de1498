import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One `xenspec check` run as a new process: its whole time (start to exit), its exploring time and counts. */
export interface ColdRun {
  readonly wall: number;
  readonly seconds: number;
  readonly distinct: number;
  readonly generated: number;
}

/**
 * Runs `node BIN check SUBSYSTEM --config CONFIG --workers N` as a new
 * process, as a user types it (its own re-execution with a larger heap
 * included: the variable that marks a re-executed process is removed from
 * its environment), and reads its counts and exploring time from the JSON
 * it writes. Throws with the command's first line of error output when it
 * fails.
 */
export function coldRun(bin: string, subsystem: string, config: string, workers: number): ColdRun {
  const dir = mkdtempSync(join(tmpdir(), 'xenspec-bench-'));
  try {
    const json = join(dir, 'result.json');
    const env = { ...process.env };
    delete env.XENSPEC_REEXEC;
    const started = performance.now();
    const child = spawnSync(process.execPath, [bin, 'check', subsystem, '--config', config, '--workers', String(workers), '--json', json], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const wall = (performance.now() - started) / 1000;
    if (child.status !== 0)
      throw new Error(`check ${subsystem} --workers ${workers} as a new process exited with ${child.status ?? child.signal}: ${(child.stderr ?? '').split('\n')[0]}`);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { results: { stats: { seconds: number; distinct: number; generated: number } }[] };
    const stats = parsed.results[0]!.stats;
    return { wall, seconds: stats.seconds, distinct: stats.distinct, generated: stats.generated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The line for `pairs` alternating cold runs on one thread and on
 * `workers`: every run's whole time and exploring time, and the speed-ups of
 * the medians and of the best pair, for the whole command and for the
 * exploring alone (the rest, starting node, the bundles and the threads, is
 * the same fixed cost on both sides).
 */
export function coldLine(label: string, workers: number, ones: readonly ColdRun[], manys: readonly ColdRun[]): string {
  const same = [...ones, ...manys].every((r) => r.distinct === ones[0]!.distinct && r.generated === ones[0]!.generated);
  const list = (runs: readonly ColdRun[], key: 'wall' | 'seconds'): string => runs.map((r) => r[key].toFixed(2)).join(', ');
  const ratio = (key: 'wall' | 'seconds'): string => {
    const medians = medianOf(ones.map((r) => r[key])) / medianOf(manys.map((r) => r[key]));
    const best = Math.max(...ones.map((r, i) => r[key] / manys[i]![key]));
    return `${medians.toFixed(2)}× of the medians, ${best.toFixed(2)}× the best pair`;
  };
  return (
    `${label} cold (\`xenspec check\` as a new process, ${ones.length} alternating pairs): ` +
    `whole command ${list(ones, 'wall')} s on one thread, ${list(manys, 'wall')} s on ${workers} (${ratio('wall')}); ` +
    `exploring ${list(ones, 'seconds')} s against ${list(manys, 'seconds')} s (${ratio('seconds')})${same ? '' : ' — COUNTS DIFFER FROM ONE THREAD'}`
  );
}

/** The median of `values` (the mean of the middle two for an even count; 0 for none). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
