import { CheckpointError, rebuildFrontier, saveExplorer } from './checkpoint.ts';
import type { ExploreOptions } from './explore-options.ts';

export type { ExploreOptions, Progress } from './explore-options.ts';
import { Encoder } from './fingerprint.ts';
import { heapNearlyFull } from './heap.ts';
import { BATCH, checkWaiting, grown, Mode, storageOf } from './explore-storage.ts';
import type { Model } from './model.ts';
import type { Path } from './path.ts';
import { PropertyTracker } from './properties.ts';
import { isOutOfMemory, statsOf, verdictOf, type CheckResult, type StopReason } from './result.ts';
import { CollisionCheckingSet, OpenAddressingSet, type FingerprintSet } from './seen-set.ts';
import { stopRequested } from './stop-flag.ts';
import { TraceLog } from './trace.ts';

/**
 * Explores every state reachable within the bounds, in breadth-first or
 * depth-first order, checking each property (Stateright's semantics: state
 * properties are checked when a state is taken from the frontier; transition
 * properties on every generated successor). Stops at the first violated
 * invariant (unless told otherwise), when every property is decided, or at a
 * bound. A state or time bound stops expansion, not checking: the state
 * properties of the states stored but still waiting in the frontier are
 * checked before the verdict. Never throws for a model error: an exception inside `actions`,
 * `next` or a property becomes a counterexample at that step.
 *
 * The hot loop is built to allocate nothing per state and to keep memory
 * stalls off the critical path, through general mechanisms a model opts
 * into: `fast.nextInto` writes successors into objects the explorer owns;
 * `packed` keeps the frontier as one flat byte ring (SPIN's state vectors);
 * `fast.stateBytes` declares the state a byte vector,
 * which the explorer then keeps in word-aligned memory of its own (batch
 * slots and a ring of words) and hashes and copies a word at a time
 * without calling `encode`; the frontier carries each state's fingerprint,
 * so a parent is never re-hashed and its self-loops skip the seen-set;
 * a successor whose fingerprint the seen-set's recent-lookup cache holds
 * is a known duplicate and is dropped as soon as it is hashed.
 * Other successors are hashed first and stored afterwards in generation order:
 * breadth-first, a batch spans several parents, and the seen-set slots of
 * the whole batch are read together so their cache misses overlap. None of
 * this changes what is explored or counted: stores, frontier order, trace
 * ids, discoveries and bounds are exactly those of the one-at-a-time loop.
 */
export function explore<S, A>(model: Model<S, A>, options: ExploreOptions = {}): CheckResult {
  const strategy = options.strategy ?? 'bfs';
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const deadline = options.timeLimitSeconds === undefined ? Number.POSITIVE_INFINITY : options.timeLimitSeconds * 1000;
  const stopOnViolation = options.stopOnViolation ?? true;
  const progressInterval = options.progressIntervalMs ?? 2000;
  const started = performance.now();

  const resumed = options.resume?.snapshot;
  if (resumed !== undefined && (options.checkCollisions === true || options.sharedSeenSet === true))
    throw new Error('a run resumed from a checkpoint keeps its seen-set in private memory without collision checks');
  if (options.checkpoint !== undefined && options.checkCollisions === true) throw new Error('a collision-checking run cannot be checkpointed');
  const seen: FingerprintSet =
    resumed !== undefined
      ? OpenAddressingSet.restore(resumed.seen, resumed.seenSize)
      : options.checkCollisions
        ? new CollisionCheckingSet()
        : new OpenAddressingSet(Math.max(1 << 12, Math.ceil((options.expectedStates ?? 0) / 0.7)), options.sharedSeenSet ?? false);
  const table = seen instanceof OpenAddressingSet ? seen : undefined;
  const trace = resumed !== undefined ? TraceLog.restore(resumed.parents, resumed.steps) : new TraceLog();
  const tracker = new PropertyTracker(model);
  const encoder = new Encoder();
  // Hooks are called as methods of `model` and its hook groups (not through bound copies), so the optimizer can inline them.
  const hasBounds = model.withinBounds !== undefined;
  const coverage = model.coverage;
  const kinds = coverage?.kinds ?? [];
  const evaluated = new Float64Array(kinds.length);
  const fresh = new Float64Array(kinds.length);
  const stoppedBy = new Set<StopReason>();

  let generated = 0;
  let depthReached = 0;
  let parentId = -1;
  let step = -1;
  const pathOfState = (): Path => trace.pathTo(parentId);
  const pathOfStep = (): Path => {
    const p = trace.pathTo(parentId);
    return { init: p.init, actions: [...p.actions, step] };
  };

  const fast = model.fast;
  const inits = model.initStates();
  const { mode, single, byteState, arena, words, packed, frontier } = storageOf(model, inits, strategy);
  const stride = arena === undefined ? 0 : arena.stride;
  /** Expanded states whose objects the explorer owns, for `nextInto` to overwrite (recycle mode). */
  const pool: S[] = [];

  let rebuildSeconds = 0;
  if (resumed !== undefined) {
    generated = resumed.generated;
    depthReached = resumed.depth;
    if (resumed.depthBound) stoppedBy.add('depth-bound');
    const foreign = (why: string): CheckpointError => new CheckpointError(`checkpoint ${options.resume!.file} does not match this model: ${why}`);
    if (resumed.evaluated.length !== kinds.length) throw foreign(`it counts ${resumed.evaluated.length} action kinds, this model has ${kinds.length}`);
    evaluated.set(resumed.evaluated);
    fresh.set(resumed.fresh);
    try {
      tracker.restore(resumed.discoveries);
    } catch (error) {
      throw foreign(error instanceof Error ? error.message : String(error));
    }
    rebuildFrontier(model, resumed, options.resume!.file, (s, id, depth, hi, lo) => frontier.push(mode === Mode.Recycle && !packed ? fast!.copy(s) : s, id, depth, hi, lo));
    rebuildSeconds = (performance.now() - started) / 1000;
  }
  for (let i = 0; resumed === undefined && i < inits.length; i++) {
    const s = inits[i]!;
    if (seen.size >= maxStates) {
      stoppedBy.add('state-bound');
      break;
    }
    if (hasBounds && !model.withinBounds!(s)) continue;
    generated++;
    encoder.reset();
    model.encode(s, encoder);
    encoder.fingerprint();
    if (seen.add(encoder)) frontier.push(mode === Mode.Recycle && !packed ? fast!.copy(s) : s, trace.add(-1, i), 0, encoder.hi, encoder.lo);
  }

  // Successors generated and hashed but not yet stored: stored in generation order by `settle`.
  // Breadth-first, they span several parents, so the seen-set misses of a whole batch overlap.
  const batch: (S | undefined)[] = arena === undefined ? [] : (arena.views.slice() as unknown as S[]);
  let batchHi = new Uint32Array(BATCH * 2);
  let batchLo = new Uint32Array(BATCH * 2);
  let batchStep = new Int32Array(BATCH * 2);
  let batchKind = new Int32Array(BATCH * 2);
  let batchParent = new Int32Array(BATCH * 2);
  let batchDepth = new Int32Array(BATCH * 2);
  let count = 0;
  let settled = 0;
  const fifo = strategy === 'bfs';

  /** Stores the batched successors up to `to` in order; true when the state bound is reached. */
  const settle = (to: number): boolean => {
    if (table !== undefined && to - settled > 1) table.prefetch(batchHi, settled, to);
    while (settled < to) {
      const j = settled++;
      let isNew: boolean;
      if (table !== undefined) {
        isNew = table.insert(batchHi[j]!, batchLo[j]!);
      } else {
        encoder.reset();
        model.encode(batch[j] as S, encoder);
        encoder.fingerprint();
        isNew = seen.add(encoder);
      }
      if (!isNew) continue;
      const kind = batchKind[j]!;
      if (kind >= 0) fresh[kind]!++;
      let t = batch[j] as S;
      if (packed) {
        // push() packs a copy; the batch keeps its object.
      } else if (mode === Mode.Recycle) batch[j] = pool.length > 0 ? pool.pop() : fast!.scratch();
      else if (mode === Mode.Copy) t = fast!.copy(t);
      const depth = batchDepth[j]! + 1;
      const id = trace.add(batchParent[j]!, batchStep[j]!);
      if (words !== undefined) words.pushWords(arena!.words, j * stride, id, depth, batchHi[j]!, batchLo[j]!);
      else frontier.push(t, id, depth, batchHi[j]!, batchLo[j]!);
      if (depth > depthReached) depthReached = depth;
      if (seen.size >= maxStates) {
        stoppedBy.add('state-bound');
        return true;
      }
    }
    return false;
  };
  /** Stores the whole batch and empties it; true when the state bound is reached. */
  const flush = (): boolean => {
    if (settle(count)) return true;
    if (mode === Mode.Next) batch.fill(undefined, 0, count);
    count = 0;
    settled = 0;
    return false;
  };

  const actions: A[] = [];
  let pops = resumed?.pops ?? 0;
  let nextProgress = started + progressInterval;
  const shouldStop = (): boolean => (tracker.violated && stopOnViolation) || tracker.allDecided;

  const checkpoint = options.checkpoint;
  let nextCheckpoint = checkpoint === undefined ? Number.POSITIVE_INFINITY : started + checkpoint.everyMs;
  let checkpointWritten: string | undefined;
  let checkpointError: string | undefined;
  const earlier = resumed?.seconds ?? 0;
  /** Saves the run as it stands (the batch stored, between two expansions). */
  const save = (): void => {
    if (checkpoint === undefined || !(seen instanceof OpenAddressingSet)) return;
    const outcome = saveExplorer(checkpoint, {
      seen,
      trace,
      frontier,
      tracker,
      seconds: earlier + (performance.now() - started) / 1000,
      generated,
      depth: depthReached,
      pops,
      depthBound: stoppedBy.has('depth-bound'),
      evaluated,
      fresh,
    });
    if (outcome === undefined) checkpointWritten = checkpoint.file;
    checkpointError = outcome;
  };

  // The initial states alone may reach the state bound: then none is expanded. A resumed run may have nothing left to do.
  const boundAtInit = (seen.size >= maxStates && frontier.size > 0) || (resumed !== undefined && shouldStop());
  if (boundAtInit && !shouldStop()) stoppedBy.add('state-bound');
  // A failed allocation (the seen-set, frontier or trace could not grow) stops the run with what it has stored.
  let allocationFailed = false;
  let memoryStop: CheckResult['memoryStop'];
  try {
    for (;;) {
      if (boundAtInit) break;
      // Pending successors refill an empty frontier.
      if (frontier.size === 0 && count > 0 && flush()) break;
      if (!frontier.pop()) break;
      const s = frontier.state as S;
      // A successor with the parent's own fingerprint (a self-loop) needs no seen-set probe.
      const selfHi = frontier.hi;
      const selfLo = frontier.lo;
      const parentDepth = frontier.depth;
      parentId = frontier.id;
      step = -1;
      let halted = false;
      let bounded = false;
      let failed = false;
      let failure: unknown;
      try {
        if (tracker.stateProps.length > 0) {
          tracker.checkState(s, pathOfState);
          if (shouldStop()) break;
        }
        while (actions.length > 0) actions.pop();
        model.actions(s, actions);
        const n = actions.length;
        if (parentDepth >= maxDepth) {
          if (n > 0) stoppedBy.add('depth-bound');
          if (mode === Mode.Recycle && !packed) pool.push(s);
          continue;
        }
        if (count + n > batchHi.length) {
          const cap = Math.max(count + n, batchHi.length * 2);
          batchHi = grown(batchHi, cap);
          batchLo = grown(batchLo, cap);
          batchStep = grown(batchStep, cap);
          batchKind = grown(batchKind, cap);
          batchParent = grown(batchParent, cap);
          batchDepth = grown(batchDepth, cap);
          if (arena !== undefined) {
            arena.resize(cap);
            for (let j = 0; j < cap; j++) batch[j] = arena.views[j] as unknown as S;
          }
        }
        // Near the state bound, store each successor as soon as it is made, so the bound cuts exactly where it would unbatched.
        const eager = mode === Mode.Copy || seen.size + count + n >= maxStates;
        for (let k = 0; k < n; k++) {
          step = k;
          const a = actions[k]!;
          let t: S | undefined;
          if (mode === Mode.Recycle) {
            t = batch[count];
            if (t === undefined) batch[count] = t = pool.length > 0 ? pool.pop()! : fast!.scratch();
            if (!fast!.nextInto(s, a, t)) continue;
          } else if (mode === Mode.Copy) {
            t = single!;
            if (!fast!.nextInto(s, a, t)) continue;
          } else {
            t = model.next(s, a);
            if (t === undefined) continue;
          }
          if (hasBounds && !model.withinBounds!(t)) continue;
          generated++;
          const kind = coverage !== undefined ? coverage.kindOf(a) : -1;
          if (kind >= 0) evaluated[kind]!++;
          if (tracker.transitionProps.length > 0) {
            tracker.checkTransition(s, a, t, pathOfStep);
            if (shouldStop()) {
              halted = true;
              break;
            }
          }
          if (arena !== undefined) {
            encoder.fingerprintWords(arena.words, count * stride, stride, byteState!);
          } else {
            encoder.reset();
            model.encode(t, encoder);
            encoder.fingerprint();
          }
          const hi = encoder.hi;
          const lo = encoder.lo;
          if (hi === selfHi && lo === selfLo) continue;
          // A fingerprint the seen-set looked up recently is stored already: a duplicate, dropped here rather than batched.
          if (table !== undefined && table.recentlyHas(hi, lo)) continue;
          if (mode !== Mode.Recycle) batch[count] = t;
          batchHi[count] = hi;
          batchLo[count] = lo;
          batchStep[count] = k;
          batchKind[count] = kind;
          batchParent[count] = parentId;
          batchDepth[count] = parentDepth;
          count++;
          if (eager && flush()) {
            bounded = true;
            break;
          }
        }
      } catch (error) {
        failed = true;
        failure = error;
      }
      // Successors made before a stop or an exception are stored, as they would have been one at a time.
      const hold = fifo && !failed && !halted && count < BATCH && seen.size + count < maxStates;
      if (bounded || (!hold && flush())) break;
      if (failed) {
        tracker.exception(failure, step < 0 ? pathOfState() : pathOfStep());
        if (stopOnViolation) break;
      } else if (halted) {
        break;
      }
      if (mode === Mode.Recycle && !packed) pool.push(s);
      if ((++pops & 1023) === 0) {
        if (stopRequested(options.stop)) {
          stoppedBy.add('interrupt');
          break;
        }
        if (options.memoryBytes !== undefined && seen.bytes + trace.bytes + frontier.bufferBytes > options.memoryBytes) {
          stoppedBy.add('memory');
          memoryStop = 'budget';
          break;
        }
        if (heapNearlyFull()) {
          stoppedBy.add('memory');
          memoryStop = 'heap';
          break;
        }
        const now = performance.now();
        if (now - started >= deadline) {
          stoppedBy.add('time-bound');
          break;
        }
        if (now >= nextCheckpoint) {
          // Store the batch first: a checkpoint is taken between two expansions with nothing pending.
          if (count > 0 && flush()) break;
          save();
          nextCheckpoint = performance.now() + checkpoint!.everyMs;
        }
        if (options.onProgress !== undefined && now >= nextProgress) {
          nextProgress = now + progressInterval;
          options.onProgress({ depth: depthReached, distinct: seen.size, generated, queued: frontier.size + count, seconds: (now - started) / 1000 });
        }
      }
    }
  } catch (error) {
    if (!isOutOfMemory(error)) throw error;
    stoppedBy.add('memory');
    memoryStop = 'allocation';
    allocationFailed = true;
  }
  // A stop between parents leaves the batch of earlier parents: store it, as it would have been stored before the stop.
  if (count > settled && !stoppedBy.has('state-bound') && !allocationFailed) flush();
  // The final checkpoint, before waiting states are checked (which empties the frontier); a cut inside an expansion leaves the last periodic one.
  if (checkpoint !== undefined && !stoppedBy.has('state-bound') && !allocationFailed) save();
  // A bound must not hide a stored state: check the state properties of every state still waiting (without expanding it).
  if ((stoppedBy.has('state-bound') || stoppedBy.has('time-bound')) && !shouldStop()) checkWaiting(frontier, tracker, trace, stopOnViolation);
  if (tracker.violated && stopOnViolation) stoppedBy.add('violation');
  else if (tracker.allDecided && frontier.size > 0) stoppedBy.add('all-properties-decided');

  const seconds = earlier + (performance.now() - started) / 1000;
  const unreached = tracker.unreached();
  return {
    ...(memoryStop === undefined ? {} : { memoryStop }),
    ...(checkpointWritten === undefined ? {} : { checkpoint: checkpointWritten }),
    ...(checkpointError === undefined ? {} : { checkpointError }),
    ...(resumed === undefined
      ? {}
      : { resumedFrom: { file: options.resume!.file, seconds: resumed.seconds, distinct: resumed.seenSize, frontier: resumed.frontier.length / 4, rebuildSeconds } }),
    model: model.name,
    strategy,
    verdict: verdictOf(tracker.violated, stoppedBy, unreached.length),
    stoppedBy: [...stoppedBy],
    discoveries: tracker.discoveries,
    unreached,
    held: tracker.held(),
    stats: statsOf({ seen, traceBytes: trace.bytes, generated, depth: depthReached, seconds, kinds, evaluated, fresh }),
  };
}
