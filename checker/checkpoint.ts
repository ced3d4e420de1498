import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CheckpointError, writeCheckpoint, type CheckpointIdentity, type Snapshot } from './checkpoint-file.ts';
import { Encoder } from './fingerprint.ts';
import type { Frontier } from './frontier.ts';
import type { Model } from './model.ts';
import type { Discovery } from './result.ts';
import type { OpenAddressingSet } from './seen-set.ts';
import type { TraceLog } from './trace.ts';

export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CheckpointError, readCheckpoint, writeCheckpoint, type CheckpointIdentity, type Snapshot } from './checkpoint-file.ts';

/*
 * Checkpoints of a run, beyond the file (checkpoint-file.ts): where a run's
 * checkpoint lives, what identifies a run, how the sequential explorer
 * saves itself, and how a resumed run rebuilds its frontier.
 */

/** The file a run's checkpoint lives in, inside `dir`: one per subsystem, config, variant and side. */
export function checkpointFile(dir: string, identity: Pick<CheckpointIdentity, 'subsystem' | 'config' | 'variant' | 'side'>): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(dir, `${safe(identity.subsystem)}.${safe(identity.config)}.${safe(identity.variant ?? 'none')}.${safe(identity.side)}.xsckpt`);
}

/** The SHA-256 (hex) of what identifies `model`'s state space: its name, properties, action kinds, initial states and the actions enabled in each. */
export function modelDigest<S, A>(model: Model<S, A>): string {
  const hash = createHash('sha256');
  hash.update(`${model.name}\n`);
  for (const p of model.properties()) hash.update(`property ${p.expectation} ${p.name}\n`);
  for (const k of model.coverage?.kinds ?? []) hash.update(`kind ${k}\n`);
  const encoder = new Encoder();
  const actions: A[] = [];
  for (const s of model.initStates()) {
    encoder.reset();
    model.encode(s, encoder);
    hash.update(encoder.bytesView());
    actions.length = 0;
    model.actions(s, actions);
    for (const a of actions) hash.update(`\naction ${model.formatAction(a)}`);
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** What the sequential explorer has when it saves itself (see `saveExplorer`). */
export interface ExplorerParts {
  readonly seen: OpenAddressingSet;
  readonly trace: TraceLog;
  readonly frontier: Pick<Frontier<unknown>, 'entries'>;
  readonly tracker: { readonly discoveries: readonly Discovery[] };
  readonly seconds: number;
  readonly generated: number;
  readonly depth: number;
  readonly pops: number;
  readonly depthBound: boolean;
  readonly evaluated: Float64Array;
  readonly fresh: Float64Array;
}

/**
 * Writes the explorer's state as `target.file` (between two expansions,
 * nothing pending) and calls `onWritten`; returns why it could not be
 * written, or undefined. A failed write never stops the run.
 */
export function saveExplorer(
  target: { readonly file: string; readonly identity: CheckpointIdentity; readonly onWritten?: (file: string) => void },
  parts: ExplorerParts,
): string | undefined {
  const meta: number[] = [];
  parts.frontier.entries((id, depth, hi, lo) => meta.push(id, depth, hi | 0, lo | 0));
  const { parents, steps } = parts.trace.records();
  try {
    writeCheckpoint(target.file, {
      identity: target.identity,
      seconds: parts.seconds,
      generated: parts.generated,
      depth: parts.depth,
      pops: parts.pops,
      depthBound: parts.depthBound,
      evaluated: [...parts.evaluated],
      fresh: [...parts.fresh],
      discoveries: parts.tracker.discoveries,
      seenSize: parts.seen.size,
      seen: parts.seen.tableWords,
      parents,
      steps,
      frontier: Int32Array.from(meta),
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  target.onWritten?.(target.file);
  return undefined;
}

/** The first field in which `saved` and `wanted` differ, as a phrase for a one-line refusal; undefined when they agree. */
export function identityMismatch(saved: CheckpointIdentity, wanted: CheckpointIdentity): string | undefined {
  const show = (v: unknown): string => (v === null ? 'none' : String(v));
  const names: Record<keyof CheckpointIdentity, string> = {
    subsystem: 'subsystem',
    config: 'config',
    variant: 'variant',
    side: 'side',
    strategy: 'strategy',
    maxDepth: '--max-depth',
    stopOnViolation: 'stop at the first violation',
    xenspec: 'xenspec version',
    model: 'model (its initial states, actions or properties changed)',
  };
  for (const key of Object.keys(names) as (keyof CheckpointIdentity)[]) {
    if (saved[key] !== wanted[key]) {
      return key === 'model' ? `it is of another ${names.model}` : `it is of ${names[key]} ${show(saved[key])}, this run's is ${show(wanted[key])}`;
    }
  }
  return undefined;
}

/**
 * Rebuilds the frontier's states from their paths and hands each to `push`
 * (which must copy it: the object may be reused for the next entry),
 * oldest entry first. Consecutive entries share most of their paths (a
 * breadth-first frontier is in the order of its paths), so the states along
 * the last path are kept and only the part after the common prefix is
 * replayed: each ancestor is rebuilt about once. Every rebuilt state's
 * fingerprint must be the one saved; otherwise the checkpoint is not of this
 * model (or the model is nondeterministic) and a `CheckpointError` says so.
 */
export function rebuildFrontier<S, A>(
  model: Model<S, A>,
  snapshot: Pick<Snapshot, 'parents' | 'steps' | 'frontier'>,
  file: string,
  push: (state: S, id: number, depth: number, hi: number, lo: number) => void,
): void {
  const { parents, steps, frontier } = snapshot;
  const inits = model.initStates();
  const mismatch = (why: string): CheckpointError => new CheckpointError(`checkpoint ${file} does not match this model: ${why}`);
  const encoder = new Encoder();
  // The path last rebuilt: its indices (an initial state's, then actions'), states, and the actions enabled in each state.
  const path: number[] = [];
  const states: S[] = [];
  const enabled: (A[] | undefined)[] = [];
  // With `fast` hooks whose scratch objects are distinct, each depth's state is written into an object of its own (no allocation per step).
  const fast = model.fast;
  const inPlace = fast !== undefined && fast.scratch() !== fast.scratch();
  const slots: S[] = [];
  const slotAt = (depth: number): S => (slots[depth] ??= fast!.scratch());
  const wanted: number[] = [];
  for (let e = 0; e < frontier.length; e += 4) {
    const id = frontier[e]!;
    wanted.length = 0;
    let cur = id;
    while (parents[cur]! >= 0) {
      wanted.push(steps[cur]!);
      cur = parents[cur]!;
    }
    wanted.push(steps[cur]!);
    wanted.reverse();
    let common = 0;
    while (common < path.length && common < wanted.length && path[common] === wanted[common]) common++;
    path.length = states.length = enabled.length = common;
    try {
      for (let i = common; i < wanted.length; i++) {
        let s: S | undefined;
        if (i === 0) {
          s = inits[wanted[0]!];
          if (s === undefined) throw mismatch(`initial state ${wanted[0]} does not exist`);
        } else {
          let acts = enabled[i - 1];
          if (acts === undefined) {
            acts = [];
            model.actions(states[i - 1]!, acts);
            enabled[i - 1] = acts;
          }
          const a = acts[wanted[i]!];
          if (a === undefined) throw mismatch(`action ${wanted[i]} is not enabled at depth ${i - 1} of trace record ${id}`);
          if (inPlace) {
            s = slotAt(i);
            if (!fast.nextInto(states[i - 1]!, a, s)) s = undefined;
          } else {
            s = model.next(states[i - 1]!, a);
          }
          if (s === undefined) throw mismatch(`an action on the path of trace record ${id} is disabled`);
        }
        path.push(wanted[i]!);
        states.push(s);
        enabled.push(undefined);
      }
    } catch (error) {
      if (error instanceof CheckpointError) throw error;
      throw mismatch(`replaying the path of trace record ${id} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    const state = states[states.length - 1]!;
    if (frontier[e + 1]! !== wanted.length - 1) throw mismatch(`trace record ${id} is at depth ${wanted.length - 1}, not ${frontier[e + 1]}`);
    encoder.reset();
    model.encode(state, encoder);
    encoder.fingerprint();
    if (encoder.hi !== frontier[e + 2]! >>> 0 || encoder.lo !== frontier[e + 3]! >>> 0) throw mismatch(`the state of trace record ${id} has another fingerprint`);
    push(state, id, frontier[e + 1]!, encoder.hi, encoder.lo);
  }
}
