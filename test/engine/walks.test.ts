import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../checker/random.ts';
import type { CheckResult } from '../../checker/result.ts';
import { simulate } from '../../checker/simulate.ts';
import { uartToyModel } from '../../model/fixtures/uart-toy.ts';
import { expectOneLineError, runCliProcess } from '../run-cli.ts';

/*
 * `check --strategy random --walks N` (issue #11, "Parallel exploration"):
 * walk i draws from its own stream, derived from (--seed, i), so a run of
 * N walks gives the same result on every machine, every time and for every
 * --workers.
 */

function firstDraws(r: Random, n = 8): number[] {
  return Array.from({ length: n }, () => r.nextU32());
}

/** A result without what the clock decides. */
function timeless(r: CheckResult): unknown {
  return { ...r, stats: { ...r.stats, seconds: 0 } };
}

describe('per-walk random streams', () => {
  it('derives the same stream from the same (seed, index), and different ones otherwise', () => {
    expect(firstDraws(Random.stream(7, 3))).toEqual(firstDraws(Random.stream(7, 3)));
    const streams = [Random.stream(7, 0), Random.stream(7, 1), Random.stream(8, 0), Random.stream(8, 1), Random.stream(7, 2 ** 32), Random.stream(0, 0)].map((r) => firstDraws(r));
    const firsts = new Set(streams.map((d) => d.join(',')));
    expect(firsts.size).toBe(streams.length);
    // Stream (seed, i + 1) is not stream (seed, i) shifted by a draw or a few.
    const a = firstDraws(Random.stream(7, 0), 64);
    const b = firstDraws(Random.stream(7, 1), 8);
    expect(a.join(',')).not.toContain(b.join(','));
  });

  it('gives the same result for the same seed and walks, and walks that do not depend on those before them', () => {
    const a = simulate(uartToyModel(2), { seed: 42, walks: 60, maxDepth: 40 });
    const b = simulate(uartToyModel(2), { seed: 42, walks: 60, maxDepth: 40 });
    expect(timeless(a)).toEqual(timeless(b));
    expect(a.walks).toBe(60);
    expect(a.stoppedBy).toEqual(['walks-done']);
    // Walks 0..59 of a 120-walk run are the walks of the 60-walk run: its states are a superset.
    const longer = simulate(uartToyModel(2), { seed: 42, walks: 120, maxDepth: 40 });
    expect(longer.stats.generated).toBeGreaterThan(a.stats.generated);
    expect(longer.stats.distinct).toBeGreaterThanOrEqual(a.stats.distinct);
  });

  it('ends with the last walk even when the time limit has passed', () => {
    const r = simulate(uartToyModel(2), { seed: 1, walks: 5, maxDepth: 40, timeLimitSeconds: 1e-9 });
    // The clock is read after each walk but the last: walk 0 is done, then the time limit stops the run.
    expect(r.stoppedBy).toEqual(['time-bound']);
    expect(r.walks).toBe(1);
    const one = simulate(uartToyModel(2), { seed: 1, walks: 1, maxDepth: 40, timeLimitSeconds: 1e-9 });
    expect(one.stoppedBy).toEqual(['walks-done']);
  });
});

describe('check --walks', () => {
  it.each([['0'], ['-1'], ['abc'], ['1e99'], ['1.5'], ['99999999999999999999']])('refuses --walks %s in one line (exit 2)', (value) => {
    const r = runCliProcess('check', 'counter', '--strategy', 'random', '--walks', value);
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /--walks expects a whole number between 1 and 9007199254740991/);
    expect(r.out).toBe('');
  });

  it('refuses --walks without --strategy random in one line (exit 2)', () => {
    const r = runCliProcess('check', 'counter', '--walks', '10');
    expect(r.code).toBe(2);
    expectOneLineError(r.err, /--walks applies to --strategy random only/);
  });

  /** A random run as a user starts it: its output, its JSON results (without the seconds) and the counterexample files it wrote. */
  function walks(workers: string, ...argv: string[]): { code: number; out: string; results: unknown; files: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'xenspec-walks-'));
    const json = join(dir, 'r.json');
    const out = join(dir, 'out');
    const r = runCliProcess('check', ...argv, '--strategy', 'random', '--workers', workers, '--json', json, '--out-dir', out);
    // The counterexample files' folder is this run's own: named DIR in the results compared.
    const report = JSON.parse(readFileSync(json, 'utf8').split(dir).join('DIR')) as { results: { stats: { seconds: number } }[] };
    for (const result of report.results) result.stats.seconds = 0;
    const files = existsSync(out) ? readdirSync(out).map((f) => `${f}\n${readFileSync(join(out, f), 'utf8')}`) : [];
    return { code: r.code, out: r.out, results: report.results, files };
  }

  function uartWalks(seed: string, workers: string): { out: string; results: unknown } {
    const r = walks(workers, 'uart-toy', '--config', 'size-2', '--walks', '300', '--max-depth', '60', '--seed', seed);
    expect(r.code).toBe(0);
    return r;
  }

  it('does exactly N walks, with the same counts for the same seed, twice and for 1, 2 and 3 workers', () => {
    const first = uartWalks('5', '1');
    expect(first.out).toMatch(/bounds: walks 300, walk length 60, states ∞, time ∞/);
    expect(first.out).toMatch(/verdict: incomplete \(stopped by: walks-done\), seed 5, 300 walks/);
    expect(first.out).toMatch(/workers=1 /);
    expect(uartWalks('5', '1').results).toEqual(first.results);
    for (const workers of ['2', '3']) {
      const other = uartWalks('5', workers);
      expect(other.out).toMatch(new RegExp(`workers=${workers} `));
      expect(other.results).toEqual(first.results);
    }
    const [result] = first.results as { walks: number; bounds: { walks: number }; stats: { distinct: number; generated: number } }[];
    expect(result!.walks).toBe(300);
    expect(result!.bounds.walks).toBe(300);
    // Another seed gives other walks.
    const [another] = uartWalks('6', '1').results as { stats: { distinct: number; generated: number } }[];
    expect([another!.stats.distinct, another!.stats.generated]).not.toEqual([result!.stats.distinct, result!.stats.generated]);
  });

  it('stops at --time-limit when it comes before the walks are done (verdict incomplete)', () => {
    const r = runCliProcess('check', 'uart-toy', '--config', 'size-2', '--strategy', 'random', '--walks', '9007199254740991', '--time-limit', '0.5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bounds: walks 9007199254740991, walk length 200, states ∞, time 0.5s/);
    expect(r.out).toMatch(/verdict: incomplete \(stopped by: time-bound\), seed 1, [\d,]+ walks/);
  });

  it('finds a zoo counterexample at the same walk, with the same file, whatever the workers', () => {
    const argv = ['argo', '--config', 'small', '--variant', 'argo/sendv-full-ring-success', '--walks', '500', '--seed', '1'];
    const first = walks('1', ...argv);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/violated: sendv succeeds iff exactly one message is appended/);
    expect(first.out).toMatch(/verdict: VIOLATED \(stopped by: violation\), seed 1, \d+ walks/);
    expect(first.files).toHaveLength(1);
    for (const workers of ['2', '3', '1']) {
      const other = walks(workers, ...argv);
      expect(other.code).toBe(1);
      expect(other.results).toEqual(first.results);
      expect(other.files).toEqual(first.files);
    }
  });
});
