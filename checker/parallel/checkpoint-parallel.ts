import { CheckpointError, rebuildFrontier, saveExplorer, type CheckpointIdentity, type Snapshot } from '../checkpoint.ts';
import { OpenAddressingSet } from '../seen-set.ts';
import { TraceLog } from '../trace.ts';
import { codecOf } from './codec.ts';
import { FRONT, RecordBuffer } from './layout.ts';
import type { RunState } from './run-state.ts';
import { SharedFingerprintTable } from './shared-table.ts';

/*
 * Checkpoints of a parallel breadth-first run, in the sequential explorer's
 * format (`checker/checkpoint.ts`), so that either explorer resumes either's
 * checkpoint: written between two levels (or where a level redone on one
 * thread stopped), when nothing is pending.
 */

/** The states waiting when a parallel run saves itself: `frontier`'s entries, the first `split` at depth `depth`, the rest one deeper. */
export interface Waiting {
  readonly frontier: RecordBuffer;
  readonly split: number;
  readonly depth: number;
}

/**
 * Writes the run as it stands to `target.file`; returns why it could not,
 * or undefined. The shared table stores the high words 0 and 2^32 − 1 under
 * other keys (see `SharedFingerprintTable`): `run.remapped` lists the
 * fingerprints stored with those high words, so the saved seen-set holds
 * every fingerprint as it was.
 */
export function saveParallel<S, A>(
  target: { readonly file: string; readonly identity: CheckpointIdentity },
  run: RunState<S, A>,
  waiting: Waiting,
  seconds: number,
): string | undefined {
  const seen = new OpenAddressingSet(Math.max(1 << 12, Math.ceil(run.distinct / 0.7)));
  const original = new Set<string>();
  for (let i = 0; i < run.remapped.length; i += 2) original.add(`${run.remapped[i]!}:${run.remapped[i + 1]!}`);
  const words = run.table.words;
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]!;
    if (key === 0) continue;
    const lo = words[i + 1]!;
    // Keys 1 and 2^32 − 2 also stand for the high words 0 and 2^32 − 1: the list of those says which it was.
    let hi = key;
    if (key === 1 && original.has(`0:${lo}`)) hi = 0;
    else if (key === -2 && original.has(`-1:${lo}`)) hi = -1;
    seen.insert(hi >>> 0, lo >>> 0);
  }
  if (seen.size !== run.distinct) return `the parallel run's table holds ${seen.size} fingerprints, not ${run.distinct}`;
  const { frontier, split, depth } = waiting;
  const stride = frontier.stride;
  const at = run.words;
  return saveExplorer(target, {
    seen,
    trace: run.trace,
    frontier: {
      entries(visit) {
        for (let e = 0; e < frontier.size; e++) {
          const o = e * stride + at;
          visit(frontier.words[o + FRONT.id]!, e < split ? depth : depth + 1, frontier.words[o + FRONT.hi]!, frontier.words[o + FRONT.lo]!);
        }
      },
    },
    tracker: run.tracker,
    seconds,
    generated: run.generated,
    depth: run.depthReached,
    pops: run.distinct - frontier.size,
    depthBound: run.stoppedBy.has('depth-bound'),
    evaluated: run.evaluated,
    fresh: run.fresh,
  });
}

/**
 * Restores a parallel run from `snapshot` (read from `file`): its table,
 * trace, counters and discoveries into `run`, and its waiting states,
 * rebuilt by replaying their paths (see `rebuildFrontier`), as the
 * frontier to go on from.
 */
export function resumeParallel<S, A>(run: RunState<S, A>, snapshot: Snapshot, file: string): Waiting {
  const foreign = (why: string): CheckpointError => new CheckpointError(`checkpoint ${file} does not match this model: ${why}`);
  if (snapshot.evaluated.length !== run.evaluated.length) throw foreign(`it counts ${snapshot.evaluated.length} action kinds, this model has ${run.evaluated.length}`);
  run.evaluated.set(snapshot.evaluated);
  run.fresh.set(snapshot.fresh);
  try {
    run.tracker.restore(snapshot.discoveries);
  } catch (error) {
    throw foreign(error instanceof Error ? error.message : String(error));
  }
  run.generated = snapshot.generated;
  run.depthReached = snapshot.depth;
  if (snapshot.depthBound) run.stoppedBy.add('depth-bound');
  run.table = SharedFingerprintTable.allocate(Math.max(1 << 16, Math.ceil(snapshot.seenSize / 0.5)));
  const seen = snapshot.seen;
  for (let i = 0; i < seen.length; i += 2) {
    const hi = seen[i]!;
    const lo = seen[i + 1]!;
    if (hi === 0 && lo === 0) continue;
    run.table.insert(hi, lo);
    if ((hi | 0) === 0 || (hi | 0) === -1) run.remapped.push(hi | 0, lo | 0);
  }
  run.distinct = snapshot.seenSize;
  run.trace = TraceLog.restore(snapshot.parents, snapshot.steps, true);
  const codec = codecOf(run.model);
  const frontier = new RecordBuffer(run.words + 3, Math.max(1, snapshot.frontier.length / 4));
  let depth = -1;
  let split = 0;
  rebuildFrontier(run.model, snapshot, file, (state, id, d, hi, lo) => {
    if (depth < 0) depth = d;
    if (d === depth) split++;
    else if (d !== depth + 1) throw foreign(`its waiting states span depths ${depth} to ${d}; a breadth-first frontier spans two at most`);
    const at = frontier.append();
    codec.store(state, frontier.words, at);
    frontier.words[at + run.words + FRONT.id] = id;
    frontier.words[at + run.words + FRONT.hi] = hi;
    frontier.words[at + run.words + FRONT.lo] = lo;
  });
  return { frontier, split, depth: Math.max(0, depth) };
}
