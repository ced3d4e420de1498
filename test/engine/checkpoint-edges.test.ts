import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointError, checkpointFile, modelDigest, readCheckpoint, writeCheckpoint, type Snapshot } from '../../checker/checkpoint.ts';
import { explore, type ExploreOptions } from '../../checker/explore.ts';
import { always, sometimes, type Model } from '../../checker/model.ts';
import type { CheckResult } from '../../checker/result.ts';
import { build, IDENTITY, outcome, stoppedAt } from './checkpoint-helpers.ts';

/*
 * Checkpoint and resume at the edges the first suite (checkpoint.test.ts)
 * left open — found by mutation testing (docs/mutation.md, run 5): what a
 * resumed run carries over beyond its counts (the final checkpoint, the
 * time, a depth bound met before the checkpoint, an exception), a write
 * that fails, the model digest and file names, and every consistency check
 * of the reader on files whose digest is right but whose content is not.
 */

const dir = mkdtempSync(join(tmpdir(), 'xenspec-checkpoint-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function interruptedRun(model: Model<unknown, unknown>, options: ExploreOptions, k: number, file: string): CheckResult {
  return explore(model, { ...options, ...stoppedAt(k, file) });
}

function resume(model: Model<unknown, unknown>, file: string, options: ExploreOptions = {}): CheckResult {
  return explore(model, { ...options, resume: { snapshot: readCheckpoint(file), file } });
}

/** A snapshot without its time, for comparing two checkpoints. */
function content(s: Snapshot): unknown {
  const { seconds, ...rest } = s;
  expect(seconds).toBeGreaterThanOrEqual(0);
  return { ...rest, seen: [...rest.seen], parents: [...rest.parents], steps: [...rest.steps], frontier: [...rest.frontier] };
}

/** Counts from 0 up to 3,000 by 1, 2 or 3; a step onto 50 throws. */
function throwing(): Model<number, number> {
  return {
    name: 'throwing',
    initStates: () => [0],
    actions: (s, out) => {
      if (s < 3000) out.push(1, 2, 3);
    },
    next: (s, a) => {
      if (s + a === 50) throw new Error('boom at 50');
      return s + a;
    },
    properties: () => [always<number>('below 5000', (s) => s < 5000), sometimes<number>('reaches 2999', (s) => s === 2999)],
    encode: (s, sink) => sink.u32(s),
    formatAction: (a) => `+${a}`,
    formatState: (s) => String(s),
  };
}

/** A walk on a 70 × 70 grid, as objects written in place (`fast` with distinct scratch objects and no packing: the frontier keeps the objects). */
function grid(): Model<{ x: number; y: number }, number> {
  type P = { x: number; y: number };
  const step = (s: P, a: number, t: P): boolean => {
    t.x = s.x + (a === 0 ? 1 : 0);
    t.y = s.y + (a === 1 ? 1 : 0);
    return true;
  };
  return {
    name: 'grid',
    initStates: () => [{ x: 0, y: 0 }],
    actions: (s, out) => {
      if (s.x < 69) out.push(0);
      if (s.y < 69) out.push(1);
    },
    next: (s, a) => {
      const t = { x: 0, y: 0 };
      step(s, a, t);
      return t;
    },
    fast: { nextInto: step, scratch: () => ({ x: 0, y: 0 }), copy: (s) => ({ ...s }) },
    properties: () => [sometimes<P>('corner', (s) => s.x === 69 && s.y === 69)],
    encode: (s, sink) => {
      sink.u32(s.x);
      sink.u32(s.y);
    },
    formatAction: (a) => (a === 0 ? 'x+1' : 'y+1'),
    formatState: (s) => `${s.x},${s.y}`,
  };
}

describe('what a resumed run carries over', () => {
  // With no state property left to check, nothing else stops the resumed loop before it expands a state: only the
  // "ended already" test at the start does (mutant E15 of run 5 survived every other test).
  it('a run that ended on a transition property (its only property) resumes to the same end without expanding a state', () => {
    const make = (): Model<number, number> => ({
      name: 'steps-only',
      initStates: () => [0],
      actions: (s, out) => {
        if (s < 400) out.push(1, 2);
      },
      next: (s, a) => s + a,
      properties: () => [{ name: 'never lands on 37 by +2', expectation: 'always', transition: (_from, a, to) => !(a === 2 && to === 37) }],
      encode: (s, sink) => sink.u32(s),
      formatAction: (a) => `+${a}`,
      formatState: (s) => String(s),
    });
    const file = join(dir, 'ended-on-a-step.xsckpt');
    const whole = explore(make(), { checkpoint: { file, everyMs: 1e12, identity: IDENTITY } });
    expect(whole.verdict).toBe('violated');
    expect(whole.checkpoint).toBe(file);
    const resumed = resume(make() as Model<unknown, unknown>, file);
    expect(outcome(resumed)).toEqual(outcome(whole));
  });

  it('the final checkpoint of a resumed run is the uninterrupted run’s, field for field (but the time)', () => {
    const cases: [Model<unknown, unknown>, ExploreOptions, number][] = [
      [build('uart-toy', 'size-8'), { maxDepth: 14 }, 3],
      [build('argo', 'small'), {}, 4],
    ];
    for (const [i, [model, options, k]] of cases.entries()) {
      const wholeFile = join(dir, `final-whole-${i}.xsckpt`);
      const cutFile = join(dir, `final-cut-${i}.xsckpt`);
      const endFile = join(dir, `final-end-${i}.xsckpt`);
      explore(model, { ...options, checkpoint: { file: wholeFile, everyMs: 1e12, identity: IDENTITY } });
      expect(interruptedRun(model, options, k, cutFile).stoppedBy).toContain('interrupt');
      const r = explore(model, { ...options, resume: { snapshot: readCheckpoint(cutFile), file: cutFile }, checkpoint: { file: endFile, everyMs: 1e12, identity: IDENTITY } });
      expect(r.checkpoint).toBe(endFile);
      expect(content(readCheckpoint(endFile))).toEqual(content(readCheckpoint(wholeFile)));
      // Every state stored is expanded by the end of a run without a depth bound (a bounded one skips those at the bound).
      if (options.maxDepth === undefined) expect(readCheckpoint(wholeFile).pops).toBe(readCheckpoint(wholeFile).seenSize);
    }
  });

  it('object states written in place (no packing): each rebuilt frontier state is the frontier’s own object', () => {
    const model = grid() as Model<unknown, unknown>;
    const whole = explore(model);
    expect(whole.verdict).toBe('ok');
    const file = join(dir, 'grid.xsckpt');
    expect(interruptedRun(model, {}, 2, file).stoppedBy).toContain('interrupt');
    expect(outcome(resume(model, file))).toEqual(outcome(whole));
  });

  it('a depth bound met before the checkpoint: the resumed run is still incomplete, stopped by the depth bound', () => {
    // The whole run's final checkpoint: every state at the bound is expanded before it, none after.
    const model = build('uart-toy', 'size-4');
    const file = join(dir, 'depth-bound.xsckpt');
    const whole = explore(model, { maxDepth: 6, checkpoint: { file, everyMs: 1e12, identity: IDENTITY } });
    expect(whole.verdict).toBe('incomplete');
    expect(whole.stoppedBy).toEqual(['depth-bound']);
    const resumed = resume(model, file, { maxDepth: 6 });
    expect(resumed.verdict).toBe('incomplete');
    expect(resumed.stoppedBy).toEqual(['depth-bound']);
    expect(outcome(resumed)).toEqual(outcome(whole));
  });

  it('the time spent before the checkpoint is saved and counted in the resumed run’s time', () => {
    const model = build('uart-toy', 'size-4');
    const file = join(dir, 'time.xsckpt');
    const cut = interruptedRun(model, {}, 2, file);
    const saved = readCheckpoint(file);
    expect(saved.seconds).toBeGreaterThan(0);
    expect(saved.seconds).toBeLessThanOrEqual(cut.stats.seconds);
    // A run with 1,000 seconds behind it.
    const forged = join(dir, 'time-forged.xsckpt');
    writeCheckpoint(forged, { ...saved, seconds: 1000 });
    const r = resume(model, forged);
    expect(r.resumedFrom?.seconds).toBe(1000);
    expect(r.stats.seconds).toBeGreaterThanOrEqual(1000);
    expect(r.resumedFrom?.frontier).toBe(saved.frontier.length / 4);
  });

  it('an exception found before the checkpoint stays found: the resumed run is violated, the message kept', () => {
    for (const stopOnViolation of [false, true]) {
      const model = throwing() as Model<unknown, unknown>;
      const options = { stopOnViolation };
      const whole = explore(model, options);
      expect(whole.verdict).toBe('violated');
      const file = join(dir, `exception-${stopOnViolation}.xsckpt`);
      // Without stopping: interrupted after the exception; stopping at it: the final checkpoint.
      const cut = stopOnViolation ? explore(model, { ...options, checkpoint: { file, everyMs: 1e12, identity: IDENTITY } }) : interruptedRun(model, options, 2, file);
      expect(cut.discoveries.map((d) => d.message)).toContain('boom at 50');
      const resumed = resume(model, file, options);
      expect(outcome(resumed)).toEqual(outcome(whole));
    }
  });

  it('a checkpoint that cannot be written is reported, and the run goes on to the same end', () => {
    const model = build('uart-toy', 'size-4');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const whole = explore(model, {});
    const r = explore(model, { checkpoint: { file: join(blocker, 'x.xsckpt'), everyMs: 0, identity: IDENTITY } });
    expect(r.checkpoint).toBeUndefined();
    expect(r.checkpointError).toMatch(/ENOTDIR|EEXIST/);
    expect(outcome(r)).toEqual(outcome(whole));
  });

  it('collision checks and a shared seen-set are refused with a checkpoint or a resume', () => {
    const model = build('uart-toy', 'size-4');
    const file = join(dir, 'refuse.xsckpt');
    interruptedRun(model, {}, 1, file);
    expect(() => resume(model, file, { checkCollisions: true })).toThrow(/without collision checks/);
    expect(() => resume(model, file, { sharedSeenSet: true })).toThrow(/private memory/);
    expect(() => explore(model, { checkCollisions: true, checkpoint: { file, everyMs: 1e12, identity: IDENTITY } })).toThrow(/cannot be checkpointed/);
  });
});

describe('the model digest and the checkpoint’s file name', () => {
  const base = (): Model<unknown, unknown> => build('uart-toy', 'size-4');
  /** `model` with some members replaced (its methods keep their `this`). */
  const changed = (overrides: Partial<Model<unknown, unknown>>): Model<unknown, unknown> => Object.assign(Object.create(base()) as Model<unknown, unknown>, overrides);

  it('is the same for the same model and differs with its name, properties, initial states, their encodings or their enabled actions', () => {
    const digest = modelDigest(base());
    expect(modelDigest(base())).toBe(digest);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const m = base();
    const others = [
      changed({ name: 'another' }),
      changed({ properties: () => m.properties().slice(1) }),
      changed({ initStates: () => [...m.initStates(), ...m.initStates()] }),
      changed({
        encode: (s, sink) => {
          m.encode(s, sink);
          sink.u32(0);
        },
      }),
      changed({ actions: (s, out) => m.actions(s, out) }),
    ];
    // Same actions (the wrapper calls the original): same digest; fewer actions: another.
    expect(modelDigest(others.pop()!)).toBe(digest);
    others.push(
      changed({
        actions: (s, out) => {
          m.actions(s, out);
          out.pop();
        },
      }),
    );
    for (const other of others) expect(modelDigest(other)).not.toBe(digest);
  });

  it('a checkpoint file’s name: one per subsystem, config, variant and side, made safe for the file system', () => {
    expect(checkpointFile('d', { subsystem: 'argo', config: 'small', variant: null, side: 'both' })).toBe(join('d', 'argo.small.none.both.xsckpt'));
    expect(checkpointFile('d', { subsystem: 'argo', config: 'small', variant: 'argo/v1 x', side: 'impl' })).toBe(join('d', 'argo.small.argo_v1_x.impl.xsckpt'));
  });
});

describe('a checkpoint whose digest is right but whose content is not is refused with one line', () => {
  const model = build('uart-toy', 'size-4');
  const file = join(dir, 'good.xsckpt');
  interruptedRun(model, {}, 2, file);
  const good = readCheckpoint(file);

  const refused = (snapshot: Snapshot | Buffer, pattern: RegExp, error: new (...a: never[]) => Error = CheckpointError): void => {
    const bad = join(dir, 'bad.xsckpt');
    if (Buffer.isBuffer(snapshot)) writeFileSync(bad, snapshot);
    else writeCheckpoint(bad, snapshot);
    let thrown: unknown;
    try {
      resume(model, bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(error);
    expect((thrown as Error).message).toMatch(pattern);
    expect((thrown as Error).message).not.toMatch(/\n/);
  };

  /** The file's bytes with its header edited and `extra` bytes after the sections, the digest recomputed. */
  const edited = (edit: (header: Record<string, unknown>) => string, extra = Buffer.alloc(0)): Buffer => {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as Record<string, unknown>;
    let json = edit(header);
    while (Buffer.byteLength(json) % 4 !== 0) json += ' ';
    const head = Buffer.from(json, 'utf8');
    const size = Buffer.alloc(4);
    size.writeUInt32LE(head.length);
    const body = Buffer.concat([bytes.subarray(0, 8), size, head, bytes.subarray(12 + length, bytes.length - 32), extra]);
    return Buffer.concat([body, createHash('sha256').update(body).digest()]);
  };

  it('the header: another format version, an unknown key, a header not padded, sections that do not add up', () => {
    refused(
      edited((h) => JSON.stringify({ ...h, version: 2 })),
      /has format version 2; this xenspec reads version 1/,
    );
    refused(
      edited((h) => JSON.stringify({ ...h, extra: 1 })),
      /is damaged: header top level: Unrecognized key/,
    );
    refused(
      edited((h) => JSON.stringify({ ...h, frontierEntries: (h.frontierEntries as number) - 1 })),
      /sections do not add up/,
    );
    refused(
      edited((h) => JSON.stringify(h), Buffer.alloc(16)),
      /sections do not add up/,
    );
    // A header whose length is not a multiple of 4 (the writer pads it).
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(8);
    const body = Buffer.from(bytes.subarray(0, bytes.length - 32));
    body.writeUInt32LE(length - 1, 8);
    refused(Buffer.concat([body, createHash('sha256').update(body).digest()]), /bad header length/);
    // Just long enough for the magic, a length and a digest, and nothing else.
    const empty = Buffer.concat([bytes.subarray(0, 8), Buffer.alloc(4)]);
    refused(Buffer.concat([empty, createHash('sha256').update(empty).digest()]), /header is not JSON/);
  });

  it('the seen-set: an odd or tiny table, more fingerprints than it can hold, trace records that do not match it', () => {
    refused({ ...good, seen: good.seen.subarray(1) }, /seen-set table is inconsistent/);
    refused(
      { ...good, seen: new Uint32Array(30), seenSize: 0, parents: new Int32Array(0), steps: new Int32Array(0), frontier: new Int32Array(0) },
      /seen-set table is inconsistent/,
    );
    refused({ ...good, seenSize: good.seen.length }, /seen-set table is inconsistent/);
    refused({ ...good, seenSize: good.seenSize - 1 }, /its seen-set table holds \d+ fingerprints, not the \d+ stored states/);
    refused({ ...good, parents: good.parents.subarray(0, -1), steps: good.steps.subarray(0, -1) }, /\d+ trace records for \d+ stored states/);
  });

  it('the coverage, the trace records, the frontier entries', () => {
    refused({ ...good, fresh: [...good.fresh, 0] }, /coverage columns of different lengths/);
    const at = (parents: Int32Array, id: number, v: number): Int32Array => {
      const out = parents.slice();
      out[id] = v;
      return out;
    };
    refused({ ...good, parents: at(good.parents, 5, 5) }, /trace record 5 is inconsistent/);
    refused({ ...good, parents: at(good.parents, 5, -2) }, /trace record 5 is inconsistent/);
    refused({ ...good, steps: at(good.steps, 5, -1) }, /trace record 5 is inconsistent/);
    refused({ ...good, frontier: at(good.frontier, 0, good.parents.length) }, /frontier entry 0 is inconsistent/);
    refused({ ...good, frontier: at(good.frontier, 1, -1) }, /frontier entry 0 is inconsistent/);
    // Coverage columns of the right lengths, but not this model's count of action kinds.
    refused({ ...good, evaluated: [...good.evaluated, 0], fresh: [...good.fresh, 0] }, /counts \d+ action kinds, this model has \d+/, Error);
  });

  it('the discoveries: one of a property the model does not have, or the same property twice', () => {
    const d = { property: 'no such property', expectation: 'always', kind: 'counterexample', path: { init: 0, actions: [] } } as const;
    refused({ ...good, discoveries: [d] }, /"no such property" \(always\), which this model does not have/, Error);
    const real = { ...d, property: model.properties()[0]!.name, expectation: model.properties()[0]!.expectation };
    refused({ ...good, discoveries: [real, real] }, /has twice/, Error);
  });

  it('paths that do not lead where the frontier says: a missing initial state, an action not enabled, another depth, one fingerprint half', () => {
    const id = good.frontier[0]!;
    let root = id;
    while (good.parents[root]! >= 0) root = good.parents[root]!;
    const steps = (at: number, v: number): Int32Array => {
      const out = good.steps.slice();
      out[at] = v;
      return out;
    };
    refused({ ...good, steps: steps(root, 99) }, /^checkpoint \S+ does not match this model: initial state 99 does not exist$/);
    refused({ ...good, steps: steps(id, 999) }, /^checkpoint \S+ does not match this model: action 999 is not enabled at depth \d+ of trace record \d+$/);
    const frontier = (at: number, v: number): Int32Array => {
      const out = good.frontier.slice();
      out[at] = v;
      return out;
    };
    refused({ ...good, frontier: frontier(1, good.frontier[1]! + 1) }, /does not match this model: trace record \d+ is at depth \d+, not \d+$/);
    refused({ ...good, frontier: frontier(2, good.frontier[2]! ^ 1) }, /has another fingerprint$/);
    refused({ ...good, frontier: frontier(3, good.frontier[3]! ^ 1) }, /has another fingerprint$/);
  });
});
