import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../checker/checkpoint.ts';
import { explore, type ExploreOptions } from '../../checker/explore.ts';
import type { Model } from '../../checker/model.ts';
import { resumeParallel, saveParallel } from '../../checker/parallel/checkpoint-parallel.ts';
import { exploreParallel } from '../../checker/parallel/explore-parallel.ts';
import { RecordBuffer } from '../../checker/parallel/layout.ts';
import type { RunState } from '../../checker/parallel/run-state.ts';
import { SharedFingerprintTable } from '../../checker/parallel/shared-table.ts';
import { PropertyTracker } from '../../checker/properties.ts';
import type { CheckResult } from '../../checker/result.ts';
import { OpenAddressingSet } from '../../checker/seen-set.ts';
import { TraceLog } from '../../checker/trace.ts';
import { build, IDENTITY, outcome, stoppedAt } from '../engine/checkpoint-helpers.ts';
import { repoRoot } from '../run-cli.ts';

/*
 * Checkpoints of the parallel explorer (issue #11): written in the sequential
 * explorer's format, so a run interrupted on several threads resumes on any
 * number of threads, and a sequential checkpoint (whose frontier may span
 * two depths) resumes on several, each to the uninterrupted run's end.
 */

const script = pathToFileURL(join(repoRoot, 'dist/explore-worker.mjs'));
const dir = mkdtempSync(join(tmpdir(), 'xenspec-checkpoint-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  readonly subsystem: string;
  readonly config: string;
  readonly side: 'impl' | 'both';
  readonly variant?: string;
  readonly options?: Pick<ExploreOptions, 'maxDepth' | 'stopOnViolation'>;
}

const CASES: readonly Case[] = [
  { subsystem: 'uart-toy', config: 'size-4', side: 'both' },
  { subsystem: 'uart-toy', config: 'size-4', side: 'both', options: { maxDepth: 17 } },
  { subsystem: 'argo', config: 'small', side: 'impl' },
  { subsystem: 'argo', config: 'small', side: 'impl', variant: 'argo/v1-signal-by-domid' },
  { subsystem: 'argo', config: 'small', side: 'impl', variant: 'argo/v1-signal-by-domid', options: { stopOnViolation: false } },
  { subsystem: 'vpl011', config: 'small', side: 'impl' },
];

const make = (c: Case) => (): Model<unknown, unknown> => build(c.subsystem, c.config, c.side, c.variant);
const ref = (c: Case) => ({ subsystem: c.subsystem, config: c.config, variant: c.variant, side: c.side });

/** A parallel run on `workers` threads stopped at its `k`-th progress report (one per level). */
function interruptedParallel(c: Case, workers: number, k: number, file: string): CheckResult {
  return exploreParallel(make(c)(), ref(c), { ...c.options, workers, script, awaitHelpers: true, ...stoppedAt(k, file) });
}

/** A sequential run stopped at its `k`-th progress report (every 1,024 expansions: usually inside a level). */
function interruptedSequential(c: Case, k: number, file: string): CheckResult {
  return explore(make(c)(), { ...c.options, ...stoppedAt(k, file) });
}

function resumed(c: Case, file: string, workers: number): CheckResult {
  const resume = { snapshot: readCheckpoint(file), file };
  return workers === 0 ? explore(make(c)(), { ...c.options, resume }) : exploreParallel(make(c)(), ref(c), { ...c.options, workers, script, awaitHelpers: true, resume });
}

describe('checkpoints of the parallel explorer', () => {
  for (const c of CASES) {
    const label = `${c.subsystem}/${c.config} ${c.side}${c.variant === undefined ? '' : ` [${c.variant}]`}${c.options === undefined ? '' : ` ${JSON.stringify(c.options)}`}`;
    it(`${label}: interrupted on 2 threads at several levels, resumed on 1, 2 and 3 threads and sequentially, ends as the uninterrupted run`, () => {
      const whole = explore(make(c)(), { ...c.options });
      let interrupted = 0;
      let shared = 0;
      for (const k of [1, 3, 8, 20]) {
        const file = join(dir, `${label.replace(/\W+/g, '_')}-${k}.xsckpt`);
        const first = interruptedParallel(c, 2, k, file);
        if (first.checkpoint === undefined) continue;
        if (first.stoppedBy.includes('interrupt')) interrupted++;
        shared += first.parallel?.levelsShared ?? 0;
        for (const workers of [0, 1, 2, 3]) {
          const again = resumed(c, file, workers);
          expect(again.resumedFrom?.file).toBe(file);
          expect(outcome(again), `resumed on ${workers} threads from the checkpoint of report ${k}`).toEqual(outcome(whole));
        }
      }
      // The run was really interrupted, not only ended (at least the first stops are interruptions), and both threads expanded levels.
      expect(interrupted).toBeGreaterThan(0);
      expect(shared).toBeGreaterThan(0);
    });

    it(`${label}: a sequential checkpoint taken inside a level resumes on 2 threads to the same end`, () => {
      const whole = explore(make(c)(), { ...c.options });
      let mixed = 0;
      for (const k of [1, 5]) {
        const file = join(dir, `${label.replace(/\W+/g, '_')}-seq-${k}.xsckpt`);
        const first = interruptedSequential(c, k, file);
        if (first.checkpoint === undefined) continue;
        const depths = new Set<number>();
        const f = readCheckpoint(file).frontier;
        for (let e = 1; e < f.length; e += 4) depths.add(f[e]!);
        expect(depths.size).toBeLessThanOrEqual(2);
        if (depths.size === 2) mixed++;
        const again = resumed(c, file, 2);
        expect(again.resumedFrom?.distinct).toBe(readCheckpoint(file).seenSize);
        expect(outcome(again)).toEqual(outcome(whole));
      }
      // At least one checkpoint was taken inside a level: its frontier spans two depths, and the resumed run finishes the first on one thread.
      expect(mixed).toBeGreaterThan(0);
    });
  }

  it('the final checkpoint of a parallel run that ended resumes on one thread without exploring more', () => {
    const c = CASES[0]!;
    const file = join(dir, 'ended.xsckpt');
    const whole = exploreParallel(make(c)(), ref(c), { workers: 2, script, checkpoint: { file, everyMs: 1e12, identity: IDENTITY } });
    expect(whole.checkpoint).toBe(file);
    expect(outcome(resumed(c, file, 0))).toEqual(outcome(whole));
    expect(readCheckpoint(file).frontier.length).toBe(0);
  });

  // The shared table keeps the high words 0 and 2^32 − 1 under the keys 1 and 2^32 − 2 (they mark empty and busy
  // slots): a checkpoint must still hold each fingerprint as it was. Real fingerprints with those high words are too
  // rare to meet in a test run, so the run state is made by hand.
  it('saves and restores fingerprints whose high word the shared table stores under another key', () => {
    const model = build('uart-toy', 'size-4');
    const table = SharedFingerprintTable.allocate(64);
    const stored: [number, number][] = [
      [0, 5],
      [1, 6],
      [-1, 7],
      [-2, 8],
      [123, 0],
    ];
    const remapped: number[] = [];
    for (const [hi, lo] of stored) {
      expect(table.insert(hi, lo)).toBe(true);
      if (hi === 0 || hi === -1) remapped.push(hi, lo);
    }
    const trace = new TraceLog(16, true);
    for (let i = 0; i < stored.length; i++) trace.add(-1, 0);
    const run = {
      model,
      tracker: new PropertyTracker(model),
      trace,
      table,
      remapped,
      distinct: stored.length,
      generated: 9,
      depthReached: 0,
      evaluated: new Float64Array(model.coverage?.kinds.length ?? 0),
      fresh: new Float64Array(model.coverage?.kinds.length ?? 0),
      stoppedBy: new Set(),
      maxDepth: Number.POSITIVE_INFINITY,
      maxStates: Number.POSITIVE_INFINITY,
      stopOnViolation: true,
      words: 2,
      poll: () => false,
    } as unknown as RunState<unknown, unknown>;
    const file = join(dir, 'remapped.xsckpt');
    expect(saveParallel({ file, identity: IDENTITY }, run, { frontier: new RecordBuffer(5), split: 0, depth: 0 }, 1)).toBeUndefined();
    const snapshot = readCheckpoint(file);
    const seen = OpenAddressingSet.restore(snapshot.seen, snapshot.seenSize);
    expect(seen.size).toBe(stored.length);
    for (const [hi, lo] of stored) expect(seen.has(hi >>> 0, lo >>> 0), `${hi}, ${lo}`).toBe(true);
    // The keys alone would have said 1 and 2^32 − 2 for the first and third.
    expect(seen.has(1, 5)).toBe(false);
    expect(seen.has(0xfffffffe, 7)).toBe(false);
    // Restored into a new shared table, with its list of such fingerprints.
    const back = {
      ...run,
      tracker: new PropertyTracker(model),
      remapped: [] as number[],
      stoppedBy: new Set(),
      evaluated: new Float64Array(run.evaluated.length),
      fresh: new Float64Array(run.fresh.length),
    } as unknown as RunState<unknown, unknown>;
    resumeParallel(back, snapshot, file);
    expect(back.distinct).toBe(stored.length);
    for (const [hi, lo] of stored) expect(back.table.has(hi, lo)).toBe(true);
    expect([...back.remapped].sort()).toEqual([...remapped].sort());
  });
});
