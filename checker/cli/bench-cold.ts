import { spawn } from 'node:child_process';
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
 * it writes. Rejects with the command's first line of error output when it
 * fails.
 */
export async function coldRun(bin: string, subsystem: string, config: string, workers: number): Promise<ColdRun> {
  return (await startedTogether(bin, subsystem, config, [workers]))[0]!;
}

/**
 * The machine's own scaling, cold: `count` one-thread `xenspec check` runs
 * started at once as new processes (as `coldRun` starts one), each timed
 * from the common start to its own exit. A parallel run can beat the sum of
 * one-alone over each of these only by doing less work per state than the
 * sequential explorer, so it bounds what `--workers count` can give on this
 * machine at that moment.
 */
export function coldTogether(bin: string, subsystem: string, config: string, count: number): Promise<ColdRun[]> {
  return startedTogether(bin, subsystem, config, new Array<number>(count).fill(1));
}

/** One `check` process per entry of `workers` (its thread count), all started at once, each timed from the common start to its own exit. */
async function startedTogether(bin: string, subsystem: string, config: string, workers: readonly number[]): Promise<ColdRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xenspec-bench-'));
  try {
    const started = performance.now();
    const runs = workers.map((n, i) => {
      const json = join(dir, `result-${i}.json`);
      return new Promise<ColdRun>((resolve, reject) => {
        const child = spawn(process.execPath, checkArgs(bin, subsystem, config, n, json), { env: userEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
        child.on('error', reject);
        child.on('close', (code, signal) => {
          const wall = (performance.now() - started) / 1000;
          if (code !== 0) reject(failed(subsystem, n, code ?? signal, stderr));
          else {
            try {
              resolve(readRun(json, wall));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          }
        });
      });
    });
    return await Promise.all(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkArgs(bin: string, subsystem: string, config: string, workers: number, json: string): string[] {
  return [bin, 'check', subsystem, '--config', config, '--workers', String(workers), '--json', json];
}

/** This process's environment without the variable that marks a re-executed process, so the child re-executes itself as a user's command does. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.XENSPEC_REEXEC;
  return env;
}

function failed(subsystem: string, workers: number, status: number | string | null, stderr: string): Error {
  return new Error(`check ${subsystem} --workers ${workers} as a new process exited with ${status}: ${stderr.split('\n')[0]}`);
}

function readRun(json: string, wall: number): ColdRun {
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as { results: { stats: { seconds: number; distinct: number; generated: number } }[] };
  const stats = parsed.results[0]!.stats;
  return { wall, seconds: stats.seconds, distinct: stats.distinct, generated: stats.generated };
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

/** One cold round: the whole command's speed-up on `workers` threads, and the machine's own scaling (see `coldTogether`). */
export interface ColdRound {
  readonly speedup: number;
  readonly machine: number;
}

/** Per round, the one-thread run's whole time over the parallel run's, and the sum of one-alone over each simultaneous run's whole time. */
export function coldRounds(ones: readonly ColdRun[], manys: readonly ColdRun[], together: readonly (readonly ColdRun[])[]): ColdRound[] {
  return together.map((runs, r) => {
    const alone = ones[r]!.wall;
    return { speedup: alone / manys[r]!.wall, machine: runs.reduce((sum, run) => sum + alone / run.wall, 0) };
  });
}

/** The line for the simultaneous one-thread processes of each cold round: their whole times, the machine's own scaling, and the parallel command's speed-up as a share of it. */
export function coldScalingLine(label: string, workers: number, ones: readonly ColdRun[], together: readonly (readonly ColdRun[])[], rounds: readonly ColdRound[]): string {
  const same = together.every((runs) => runs.every((r) => r.distinct === ones[0]!.distinct && r.generated === ones[0]!.generated));
  const times = together.map((runs) => runs.map((r) => r.wall.toFixed(2)).join(', ')).join('; ');
  const list = (values: readonly number[]): string => values.map((v) => v.toFixed(2)).join(', ');
  const shares = rounds.map((r) => ((100 * r.speedup) / r.machine).toFixed(0)).join(', ');
  return (
    `${label} cold: ${workers} one-thread processes at once took ${times} s (whole command); the machine's own scaling ${list(rounds.map((r) => r.machine))}× ` +
    `(median ${medianOf(rounds.map((r) => r.machine)).toFixed(2)}×), the whole command's speed-up on ${workers} threads ${list(rounds.map((r) => r.speedup))}× ` +
    `(round by round: ${shares} % of the machine's)${same ? '' : ' — COUNTS DIFFER FROM ONE THREAD'}`
  );
}

/** The median of `values` (the mean of the middle two for an even count; 0 for none). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
