import { Encoder } from '../fingerprint.ts';
import { codecOf } from './codec.ts';
import type { Model } from '../model.ts';
import type { Path } from '../path.ts';
import type { PropertyTracker } from '../properties.ts';
import type { StopReason } from '../result.ts';
import type { TraceLog } from '../trace.ts';
import { FRONT, FRONT_EXTRA, type RecordBuffer } from './layout.ts';
import type { Helpers } from './helpers.ts';
import { rehashPart, type Expanded } from './expand.ts';
import { SharedFingerprintTable, TableFull } from './shared-table.ts';

/** The coordinator's side of a parallel run: what it counts, stores and has found. */
export interface RunState<S, A> {
  readonly model: Model<S, A>;
  readonly tracker: PropertyTracker<S, A>;
  trace: TraceLog;
  table: SharedFingerprintTable;
  /** The fingerprints stored whose high word is 0 or 2^32 − 1 (`hi`, `lo` pairs): the table keeps them under other keys (see `SharedFingerprintTable`); a checkpoint needs them as they were. */
  readonly remapped: number[];
  distinct: number;
  generated: number;
  depthReached: number;
  readonly evaluated: Float64Array;
  readonly fresh: Float64Array;
  readonly stoppedBy: Set<StopReason>;
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly stopOnViolation: boolean;
  /** Words per state; frontier entries are the state's words, then `FRONT`. */
  readonly words: number;
  /** New states per candidate in the last level committed on several threads (1 before any): what sizes the table for the next (see `roomFor`). */
  newPerCandidate: number;
  /** Checks the stop flag and the clock; true (with the reason recorded) when the run must stop. */
  readonly poll: () => boolean;
}

/** The shared table is grown before a commit, or a state stored alone, could take its load above this. */
export const MAX_LOAD = 0.75;
/** Growth factor of the shared table, at least. */
export const GROWTH = 1.5;
/** The load a commit could reach if every candidate were new: the table never fills, and probes stay short. */
export const FULL_LOAD = 0.9;

/**
 * The slots the table needs before a commit of `candidates` fingerprints:
 * room at `MAX_LOAD` for the new states the last level's share of new
 * candidates predicts (with a quarter more), and at `FULL_LOAD` for every
 * candidate, so that a wrong prediction costs longer probes in one level,
 * never a full table. Sizing for every candidate at `MAX_LOAD`, as before,
 * grew the table more often and larger than the states needed: Argo's
 * default impl has ~2 candidates per new state (table 14.4 bytes per state
 * against the sequential explorer's 12.6), uart-toy ~3.4.
 */
export function roomFor<S, A>(run: RunState<S, A>, candidates: number): number {
  const expected = run.distinct + Math.min(candidates, Math.ceil(candidates * run.newPerCandidate * 1.25));
  return Math.max(expected / MAX_LOAD, (run.distinct + candidates) / FULL_LOAD);
}

/** Replaces the shared table with one of `capacity` slots holding the same fingerprints, every thread (this one and `helpers`) moving a share of them. */
export function growTable<S, A>(run: RunState<S, A>, helpers: Helpers | undefined, capacity: number): void {
  const from = run.table.buffer;
  const to = SharedFingerprintTable.allocate(capacity);
  const parts = (helpers?.count ?? 0) + 1;
  helpers?.start((i) => ({ type: 'rehash', from, to: to.buffer, part: i + 1, parts }));
  const rest = rehashPart(from, to.buffer, 0, parts);
  for (const reply of helpers?.finish() ?? []) for (const word of reply.rest as number[]) rest.push(word);
  to.placeRest(rest);
  run.table = to;
}

/**
 * Grows the table (on this thread) when one more state
 * could take its load above `MAX_LOAD`: for the states stored one at a
 * time (the initial states, the levels redone on this thread), which the
 * growth before each parallel commit does not cover. Without it, a level
 * redone alone that stores more states than the table has free slots
 * (Argo's `default`, impl alone, whose first ten levels each decide a
 * witness) filled the table, and the next lookup probed it forever.
 */
export function makeRoom<S, A>(run: RunState<S, A>): void {
  if (run.distinct + 1 > run.table.capacity * MAX_LOAD) growTable(run, undefined, run.table.capacity * GROWTH);
}

/** True when the run stops for its properties: a violation (when told to stop at one), or every property decided. */
export function shouldStop<S, A>(run: RunState<S, A>): boolean {
  return (run.tracker.violated && run.stopOnViolation) || run.tracker.allDecided;
}

/** Where a level stopped: the index of the first parent not taken from the frontier, or undefined when the level ran to its end. */
export type LevelEnd = number | undefined;

/**
 * Expands a level on the coordinator's thread alone, one parent and one
 * successor at a time, exactly as the sequential explorer does (state
 * properties when a parent is taken, transition properties on each
 * successor, a stop at a violation, at every property decided, at the state
 * bound or at an exception), appending new states to `next`. Used for the
 * levels where something is decided, where a bound cuts, and for the
 * initial states' level: the only levels whose outcome depends on order.
 */
export function serialLevel<S, A>(run: RunState<S, A>, frontier: Int32Array, count: number, level: number, next: RecordBuffer): LevelEnd {
  const { model, tracker, trace, words } = run;
  const fast = model.fast!;
  const encoder = new Encoder();
  const codec = codecOf(model);
  const parent = codec.parent;
  const scratch = codec.child;
  const actions: A[] = [];
  const stride = words + FRONT_EXTRA;
  let parentId = -1;
  let step = -1;
  const pathOfState = (): Path => trace.pathTo(parentId);
  const pathOfStep = (): Path => {
    const p = trace.pathTo(parentId);
    return { init: p.init, actions: [...p.actions, step] };
  };
  for (let p = 0; p < count; p++) {
    if ((p & 1023) === 1023 && run.poll()) return p;
    const at = p * stride;
    codec.loadParent(frontier, at);
    parentId = frontier[at + words + FRONT.id]!;
    step = -1;
    try {
      if (tracker.stateProps.length > 0) {
        tracker.checkState(parent, pathOfState);
        if (shouldStop(run)) return p + 1;
      }
      actions.length = 0;
      model.actions(parent, actions);
      if (level >= run.maxDepth) {
        if (actions.length > 0) run.stoppedBy.add('depth-bound');
        continue;
      }
      for (let k = 0; k < actions.length; k++) {
        step = k;
        const a = actions[k]!;
        if (!fast.nextInto(parent, a, scratch)) continue;
        if (model.withinBounds !== undefined && !model.withinBounds(scratch)) continue;
        run.generated++;
        const kind = model.coverage !== undefined ? model.coverage.kindOf(a) : -1;
        if (kind >= 0) run.evaluated[kind]!++;
        if (tracker.transitionProps.length > 0) {
          tracker.checkTransition(parent, a, scratch, pathOfStep);
          if (shouldStop(run)) return p + 1;
        }
        codec.fingerprintChild(encoder);
        makeRoom(run);
        if (!run.table.insert(encoder.hi, encoder.lo)) continue;
        if ((encoder.hi | 0) === 0 || (encoder.hi | 0) === -1) run.remapped.push(encoder.hi | 0, encoder.lo | 0);
        run.distinct++;
        if (kind >= 0) run.fresh[kind]!++;
        const to = next.append();
        codec.storeChild(next.words, to);
        next.words[to + words + FRONT.id] = trace.add(parentId, k);
        next.words[to + words + FRONT.hi] = encoder.hi;
        next.words[to + words + FRONT.lo] = encoder.lo;
        run.depthReached = Math.max(run.depthReached, level + 1);
        if (run.distinct >= run.maxStates) {
          run.stoppedBy.add('state-bound');
          return p + 1;
        }
      }
    } catch (error) {
      if (error instanceof TableFull) throw error;
      tracker.exception(error, step < 0 ? pathOfState() : pathOfStep());
      if (run.stopOnViolation) return p + 1;
    }
  }
  return undefined;
}

/**
 * Checks the undecided state properties of the states left waiting when a
 * state or time bound stopped the run (entries `from..count` of each
 * frontier given), without expanding them, as the sequential explorer does.
 */
export function checkWaiting<S, A>(run: RunState<S, A>, waiting: readonly { frontier: Int32Array; from: number; count: number }[]): void {
  const { tracker, trace, words } = run;
  const codec = codecOf(run.model);
  const state = codec.parent;
  let id = -1;
  const pathOf = (): Path => trace.pathTo(id);
  for (const { frontier, from, count } of waiting) {
    for (let p = from; p < count; p++) {
      if (tracker.stateProps.length === 0 || (tracker.violated && run.stopOnViolation)) return;
      const at = p * (words + FRONT_EXTRA);
      codec.loadParent(frontier, at);
      id = frontier[at + words + FRONT.id]!;
      try {
        tracker.checkState(state, pathOf);
      } catch (error) {
        tracker.exception(error, pathOf());
      }
    }
  }
}

/**
 * Decides the witnesses the threads reached in a level, each at its first
 * parent (and step) in the frontier's order, where the sequential explorer
 * decides it, and in that order. Returns false, deciding nothing, when that
 * would decide every property: the sequential explorer then stops inside
 * the level, which is redone on one thread.
 */
export function decideWitnesses<S, A>(run: RunState<S, A>, all: readonly Expanded[], frontier: Int32Array): boolean {
  const first = new Map<number, { parent: number; step: number }>();
  for (const e of all) {
    for (let i = 0; i < e.witnesses.length; i += 3) {
      const [index, parent, step] = [e.witnesses[i]!, e.witnesses[i + 1]!, e.witnesses[i + 2]!];
      const known = first.get(index);
      if (known === undefined || parent < known.parent || (parent === known.parent && step < known.step)) first.set(index, { parent, step });
    }
  }
  if (first.size === 0) return true;
  const { tracker } = run;
  if (first.size >= tracker.stateProps.length + tracker.transitionProps.length) return false;
  const stride = run.words + FRONT_EXTRA;
  const order = [...first.entries()].sort(([i, a], [j, b]) => a.parent - b.parent || a.step - b.step || i - j);
  for (const [index, { parent, step }] of order) {
    const path = run.trace.pathTo(frontier[parent * stride + run.words + FRONT.id]!);
    tracker.decide(tracker.all[index]!, step < 0 ? path : { init: path.init, actions: [...path.actions, step] });
  }
  return true;
}
