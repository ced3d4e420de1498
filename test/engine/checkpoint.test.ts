import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointError, identityMismatch, readCheckpoint, writeCheckpoint } from '../../checker/checkpoint.ts';
import { explore, type ExploreOptions } from '../../checker/explore.ts';
import type { Model } from '../../checker/model.ts';
import type { CheckResult } from '../../checker/result.ts';
import { build, IDENTITY, outcome, stoppedAt } from './checkpoint-helpers.ts';
import { newStopFlag, requestStop } from '../../checker/stop-flag.ts';

/*
 * Checkpoint and resume (issue #11): a run interrupted at any point and
 * resumed from its checkpoint ends exactly as the uninterrupted run —
 * counts, depth, coverage, verdict, stop reasons and discoveries with their
 * paths — on every kind of state storage the explorer has (byte vectors in
 * a word ring, packed states, the lockstep product's instance-local packing,
 * object states, a depth-first stack), and a damaged or foreign checkpoint
 * is refused.
 */

const dir = mkdtempSync(join(tmpdir(), 'xenspec-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `make()` until its `k`-th periodic check (every 1,024 expansions), then asks it to stop, saving a checkpoint in `file`. */
function interruptedRun(make: () => Model<unknown, unknown>, options: ExploreOptions, k: number, file: string): CheckResult {
  return explore(make(), { ...options, ...stoppedAt(k, file) });
}

function resumedRun(make: () => Model<unknown, unknown>, options: ExploreOptions, file: string): CheckResult {
  return explore(make(), { ...options, resume: { snapshot: readCheckpoint(file), file } });
}

const cases: { name: string; make: () => Model<unknown, unknown>; options: ExploreOptions; stops: number[] }[] = [
  { name: 'uart-toy size-4 (byte vectors in a word ring)', make: () => build('uart-toy', 'size-4'), options: {}, stops: [1, 3, 9] },
  { name: 'uart-toy size-4 depth-first (a stack)', make: () => build('uart-toy', 'size-4'), options: { strategy: 'dfs' }, stops: [1, 4] },
  { name: 'argo small, spec side (immutable object states)', make: () => build('argo', 'small', 'spec'), options: {}, stops: [1, 4] },
  { name: 'argo small, impl side', make: () => build('argo', 'small', 'impl'), options: {}, stops: [2, 11] },
  { name: 'argo small in lockstep (the product’s instance-local packing)', make: () => build('argo', 'small'), options: {}, stops: [1, 12] },
  { name: 'vpl011 small in lockstep', make: () => build('vpl011', 'small'), options: {}, stops: [3] },
  {
    name: 'argo small, a zoo variant (the counterexample found after the resume)',
    make: () => build('argo', 'small', 'both', 'argo/v1-signal-by-domid'),
    options: {},
    stops: [1, 3],
  },
  { name: 'uart-toy size-8 with a depth bound', make: () => build('uart-toy', 'size-8'), options: { maxDepth: 14 }, stops: [2, 8] },
];

describe('an interrupted run resumed from its checkpoint ends as the uninterrupted run', () => {
  for (const c of cases) {
    it(c.name, () => {
      const whole = explore(c.make(), c.options);
      let resumedSome = false;
      for (const k of c.stops) {
        const file = join(dir, `${c.name.replace(/\W+/g, '-')}-${k}.xsckpt`);
        const cut = interruptedRun(c.make, c.options, k, file);
        if (!cut.stoppedBy.includes('interrupt')) continue;
        expect(cut.checkpoint).toBe(file);
        expect(cut.stats.distinct).toBeLessThan(whole.stats.distinct);
        const resumed = resumedRun(c.make, c.options, file);
        expect(outcome(resumed)).toEqual(outcome(whole));
        expect(resumed.resumedFrom?.distinct).toBe(cut.stats.distinct);
        resumedSome = true;
      }
      // At least the first stop point must land inside the run, or the case tests nothing.
      expect(resumedSome).toBe(true);
    });
  }

  it('a run resumed twice (interrupted again after the first resume) still ends as the uninterrupted run', () => {
    const make = (): Model<unknown, unknown> => build('argo', 'small');
    const whole = explore(make(), {});
    const first = join(dir, 'twice-1.xsckpt');
    const second = join(dir, 'twice-2.xsckpt');
    interruptedRun(make, {}, 5, first);
    const stop = newStopFlag();
    let checks = 0;
    const again = explore(make(), {
      resume: { snapshot: readCheckpoint(first), file: first },
      stop,
      progressIntervalMs: 0,
      onProgress: () => {
        if (++checks === 5) requestStop(stop);
      },
      checkpoint: { file: second, everyMs: 1e12, identity: IDENTITY },
    });
    expect(again.stoppedBy).toContain('interrupt');
    expect(outcome(resumedRun(make, {}, second))).toEqual(outcome(whole));
  });

  it('periodic checkpoints (taken between expansions, the pending batch stored first) each resume to the uninterrupted run', () => {
    const make = (): Model<unknown, unknown> => build('uart-toy', 'size-4');
    const whole = explore(make(), {});
    const file = join(dir, 'periodic.xsckpt');
    const copies: string[] = [];
    const run = explore(make(), {
      checkpoint: {
        file,
        everyMs: 0,
        identity: IDENTITY,
        onWritten: (f) => {
          const copy = `${f}.${copies.length}`;
          copyFileSync(f, copy);
          copies.push(copy);
        },
      },
    });
    expect(outcome(run)).toEqual(outcome(whole));
    // One per periodic check, and the final one.
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of [copies[0]!, copies[Math.floor(copies.length / 2)]!, copies.at(-1)!]) {
      expect(outcome(resumedRun(make, {}, copy))).toEqual(outcome(whole));
    }
  });

  it('a run that ended (a violation, or exhaustively) resumes to the same end without exploring more', () => {
    for (const variant of [undefined, 'argo/v1-signal-by-domid']) {
      const make = (): Model<unknown, unknown> => build('argo', 'small', 'both', variant);
      const file = join(dir, `ended-${variant === undefined ? 'ok' : 'violated'}.xsckpt`);
      const whole = explore(make(), { checkpoint: { file, everyMs: 1e12, identity: IDENTITY } });
      expect(whole.checkpoint).toBe(file);
      const resumed = resumedRun(make, {}, file);
      expect(outcome(resumed)).toEqual(outcome(whole));
    }
  });

  it('a state bound leaves no checkpoint of its cut (the last periodic one stays)', () => {
    const file = join(dir, 'bounded.xsckpt');
    const r = explore(build('uart-toy', 'size-4'), { maxStates: 500, checkpoint: { file, everyMs: 1e12, identity: IDENTITY } });
    expect(r.stoppedBy).toContain('state-bound');
    expect(r.checkpoint).toBeUndefined();
  });
});

describe('a checkpoint that cannot be trusted is refused with one line', () => {
  const make = (): Model<unknown, unknown> => build('uart-toy', 'size-4');
  const file = join(dir, 'good.xsckpt');
  interruptedRun(make, {}, 2, file);
  const good = readFileSync(file);

  const refused = (bytes: Uint8Array, pattern: RegExp): void => {
    const bad = join(dir, 'bad.xsckpt');
    writeFileSync(bad, bytes);
    let error: unknown;
    try {
      resumedRun(make, {}, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toMatch(/\n/);
  };

  it('a flipped byte anywhere (header, seen-set, trace, frontier, digest)', () => {
    for (const at of [20, Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 40, good.length - 1]) {
      const bytes = Buffer.from(good);
      bytes[at] = bytes[at]! ^ 0x40;
      refused(bytes, /is damaged: its digest does not match/);
    }
  });

  it('a truncated file, an empty file, another kind of file, a folder, a missing file', () => {
    refused(good.subarray(0, good.length - 100), /is damaged/);
    refused(new Uint8Array(0), /is damaged: 0 bytes is too short/);
    refused(Buffer.from('{"format":"xenspec-counterexample"} and more text to pass the length check'), /is not a xenspec checkpoint/);
    expect(() => readCheckpoint(dir)).toThrow(/is not a regular file/);
    expect(() => readCheckpoint(join(dir, 'missing.xsckpt'))).toThrow(/no checkpoint at .*ENOENT/);
  });

  it('a whole checkpoint whose states are not this model’s: the rebuilt frontier’s fingerprints differ', () => {
    const snapshot = readCheckpoint(file);
    const frontier = snapshot.frontier.slice();
    frontier[frontier.length - 1] = frontier[frontier.length - 1]! ^ 1;
    const forged = join(dir, 'forged.xsckpt');
    writeCheckpoint(forged, { ...snapshot, frontier });
    expect(() => resumedRun(make, {}, forged)).toThrow(/does not match this model: the state of trace record \d+ has another fingerprint/);
    // Resumed on another model (uart-toy size-2): its paths lead elsewhere.
    expect(() => resumedRun(() => build('uart-toy', 'size-2'), {}, file)).toThrow(CheckpointError);
  });

  it('a resealed checkpoint whose parts contradict each other: a table with no free slot, a discovery of a property the model lacks, other coverage columns', () => {
    const snapshot = readCheckpoint(file);
    const forged = join(dir, 'resealed.xsckpt');
    writeCheckpoint(forged, { ...snapshot, seen: new Uint32Array(snapshot.seen.length).fill(7) });
    expect(() => resumedRun(make, {}, forged)).toThrow(/is damaged: its seen-set table holds \d+ fingerprints, not the \d+ stored states/);
    writeCheckpoint(forged, { ...snapshot, discoveries: [{ property: 'no such property', expectation: 'always', kind: 'counterexample', path: { init: 0, actions: [] } }] });
    expect(() => resumedRun(make, {}, forged)).toThrow(CheckpointError);
    expect(() => resumedRun(make, {}, forged)).toThrow(/does not match this model: a discovery of "no such property"/);
    writeCheckpoint(forged, { ...snapshot, evaluated: [1], fresh: [1] });
    expect(() => resumedRun(make, {}, forged)).toThrow(/does not match this model: it counts 1 action kinds/);
  });

  it('identities that differ in any field are told apart, naming the field', () => {
    expect(identityMismatch(IDENTITY, IDENTITY)).toBeUndefined();
    expect(identityMismatch(IDENTITY, { ...IDENTITY, config: 'other' })).toBe("it is of config test, this run's is other");
    expect(identityMismatch(IDENTITY, { ...IDENTITY, xenspec: '9.9.9' })).toMatch(/xenspec version test/);
    expect(identityMismatch(IDENTITY, { ...IDENTITY, maxDepth: 3 })).toMatch(/--max-depth none, this run's is 3/);
    expect(identityMismatch(IDENTITY, { ...IDENTITY, model: 'x' })).toMatch(/another model/);
  });
});
