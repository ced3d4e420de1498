import type { Progress } from './explore.ts';
import { Encoder } from './fingerprint.ts';
import { heapNearlyFull } from './heap.ts';
import type { Model, Property } from './model.ts';
import type { Path } from './path.ts';
import { PropertyTracker } from './properties.ts';
import { Phase, recordWalk, WalkEnd, type WalkRecord } from './walks.ts';
import { statsOf, type CheckResult, type StopReason } from './result.ts';
import { OpenAddressingSet } from './seen-set.ts';
import { stopRequested, type StopFlag } from './stop-flag.ts';

export interface SimulateOptions {
  /** Seed of the walks (printed with every result): walk `i` draws from `Random.stream(seed, i)`. */
  readonly seed: number;
  /** Length of each walk (default 200). */
  readonly maxDepth?: number;
  /** Number of walks (default 1,000); the run does exactly this many unless something else stops it first. */
  readonly walks?: number;
  /** Stop once this many distinct states were visited. */
  readonly maxStates?: number;
  readonly timeLimitSeconds?: number;
  readonly stopOnViolation?: boolean;
  readonly onProgress?: (progress: Progress) => void;
  /** Milliseconds between `onProgress` calls (default 2000). */
  readonly progressIntervalMs?: number;
  /** Raised by another thread to stop the run (stop reason `interrupt`), read after every walk. */
  readonly stop?: StopFlag;
  /** Stop (reason `memory`) once the seen-set holds more than this many bytes; checked after every walk. */
  readonly memoryBytes?: number;
  /** Who walks (default: this thread, one walk at a time); a parallel walker records batches of walks on several threads. */
  readonly walker?: (model: Model<unknown, unknown>) => Walker;
}

/** Records walks `from` … `to − 1` for `simulate`, watching the properties `watched` (indexes), in walk order. */
export interface Walker {
  /** Walks asked for at a time. */
  readonly batch: number;
  /** Batches other threads took part in (0 for a walker of this thread alone). */
  readonly helped?: number;
  walk(from: number, to: number, watched: readonly number[], seed: number, walkLength: number): WalkRecord[];
  close(): void;
}

/** This thread walks, one walk at a time. */
export function localWalker<S, A>(model: Model<S, A>, inits: readonly S[], properties: readonly Property<S, A>[]): Walker {
  const encoder = new Encoder();
  return {
    batch: 1,
    walk(from, to, watched, seed, walkLength) {
      const out: WalkRecord[] = [];
      for (let w = from; w < to; w++) out.push(recordWalk(model, inits, properties, watched, seed, w, walkLength, encoder));
      return out;
    },
    close: () => undefined,
  };
}

/**
 * Seeded random simulation, for depths past the exhaustive bound: walks from
 * a random initial state, taking a uniformly chosen enabled action at each
 * step, checking every property on each visited state and transition.
 * Walk `i` draws its initial state and actions from its own stream,
 * `Random.stream(seed, i)`, derived from the seed and the walk's index
 * alone: the same seed and number of walks give the same walks and the
 * same result (distinct, generated, depth, discoveries, paths), on any
 * machine and whatever ran before; only a time limit, an interrupt or the
 * memory budget, which stop wherever the clock says, can cut a run at a
 * different walk. Distinct states are
 * counted with a seen-set (for coverage only: walks do not stop at seen
 * states). Paths found are walk prefixes, not necessarily shortest.
 */
export function simulate<S, A>(model: Model<S, A>, options: SimulateOptions): CheckResult {
  const walkLength = options.maxDepth ?? 200;
  const walks = options.walks ?? 1000;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const deadline = options.timeLimitSeconds === undefined ? Number.POSITIVE_INFINITY : options.timeLimitSeconds * 1000;
  const stopOnViolation = options.stopOnViolation ?? true;
  const started = performance.now();
  const tracker = new PropertyTracker(model);
  const seen = new OpenAddressingSet();
  const kinds = model.coverage?.kinds ?? [];
  const evaluated = new Float64Array(kinds.length);
  const fresh = new Float64Array(kinds.length);
  const stoppedBy = new Set<StopReason>();
  let memoryStop: CheckResult['memoryStop'];
  const inits = model.initStates().filter((s) => model.withinBounds?.(s) ?? true);
  let generated = 0;
  let depthReached = 0;
  const progressInterval = options.progressIntervalMs ?? 2000;
  let nextProgress = started + progressInterval;
  const properties = tracker.all;
  const undecided = (i: number): boolean => tracker.isUndecided(properties[i]!.name);
  const source = options.walker?.(model as unknown as Model<unknown, unknown>) ?? localWalker(model, inits, properties);

  /** Reads one walk's record as the sequential run would have walked it; false when the run stops there. */
  const merge = (r: WalkRecord): boolean => {
    const path: number[] = [];
    const pathNow = (): Path => ({ init: r.init, actions: [...path] });
    let e = 0;
    /** Applies the events at `depth` and `phase`; 'stop' ends the run, 'end' the walk. */
    const apply = (depth: number, phase: Phase): 'go' | 'stop' | 'end' => {
      for (; e < r.events.length && r.events[e]!.depth === depth && r.events[e]!.phase === phase; e++) {
        const ev = r.events[e]!;
        if (!undecided(ev.property)) continue;
        if (ev.thrown !== undefined) {
          tracker.exception(new Error(ev.thrown), pathNow());
          // The sequential run stops evaluating this state's (or step's) properties at the exception.
          while (e < r.events.length && r.events[e]!.depth === depth && r.events[e]!.phase === phase) e++;
          return stopOnViolation ? 'stop' : 'end';
        }
        tracker.decide(properties[ev.property]!, pathNow());
      }
      return (tracker.violated && stopOnViolation) || tracker.allDecided ? 'stop' : 'go';
    };
    generated++;
    seen.insert(r.initHi, r.initLo);
    const n = r.steps.length / 4;
    const failed = (): boolean => {
      tracker.exception(new Error(r.thrown!.message), pathNow());
      return !stopOnViolation;
    };
    for (let depth = 0; ; depth++) {
      const state = apply(depth, Phase.State);
      if (state !== 'go') return state === 'end';
      // The state bound is checked once the newest state's properties are: a bound never hides a visited state.
      if (seen.size >= maxStates) {
        stoppedBy.add('state-bound');
        return false;
      }
      if (depth >= walkLength) return true;
      // No step from this depth: no action was enabled, or `actions` threw.
      if (depth === n) return r.end === WalkEnd.Thrown ? failed() : true;
      path.push(r.steps[depth * 4]!);
      const last = depth === n - 1;
      if (last && r.end === WalkEnd.Thrown && r.thrown!.at === 'step') return failed();
      if (last && r.end === WalkEnd.Disabled) return true;
      const kind = r.steps[depth * 4 + 1]!;
      generated++;
      if (kind >= 0) evaluated[kind]!++;
      const transition = apply(depth, Phase.Transition);
      if (transition !== 'go') return transition === 'end';
      if (last && r.end === WalkEnd.Thrown) return failed();
      if (seen.insert(r.steps[depth * 4 + 2]! >>> 0, r.steps[depth * 4 + 3]! >>> 0) && kind >= 0) fresh[kind]!++;
      if (depth + 1 > depthReached) depthReached = depth + 1;
    }
  };

  let walksDone = 0;
  walking: for (let w = 0; w < walks && inits.length > 0;) {
    const watched = properties.map((_, i) => i).filter(undecided);
    const batch = source.walk(w, Math.min(walks, w + source.batch), watched, options.seed, walkLength);
    for (const r of batch) {
      walksDone = w + 1;
      if (!merge(r)) break walking;
      w++;
      // The last walk ends the run whatever the clock says, so `walks-done` never depends on the machine's speed.
      if (w >= walks) break walking;
      if (stopRequested(options.stop)) {
        stoppedBy.add('interrupt');
        break walking;
      }
      if (options.memoryBytes !== undefined && seen.bytes > options.memoryBytes) {
        stoppedBy.add('memory');
        memoryStop = 'budget';
        break walking;
      }
      if (heapNearlyFull()) {
        stoppedBy.add('memory');
        memoryStop = 'heap';
        break walking;
      }
      const now = performance.now();
      if (now - started >= deadline) {
        stoppedBy.add('time-bound');
        break walking;
      }
      if (options.onProgress !== undefined && now >= nextProgress) {
        nextProgress = now + progressInterval;
        options.onProgress({ depth: depthReached, distinct: seen.size, generated, queued: 0, seconds: (now - started) / 1000, walks: w });
      }
    }
  }
  source.close();
  if (tracker.violated && stopOnViolation) stoppedBy.add('violation');
  if (stoppedBy.size === 0) stoppedBy.add('walks-done');

  const seconds = (performance.now() - started) / 1000;
  // A random run never proves absence: it is at best incomplete.
  const verdict = tracker.violated ? 'violated' : 'incomplete';
  return {
    ...(memoryStop === undefined ? {} : { memoryStop }),
    model: model.name,
    strategy: 'random',
    verdict,
    stoppedBy: [...stoppedBy],
    discoveries: tracker.discoveries,
    unreached: tracker.unreached(),
    held: tracker.held(),
    seed: options.seed,
    walks: walksDone,
    stats: statsOf({ seen, traceBytes: 0, generated, depth: depthReached, seconds, kinds, evaluated, fresh }),
  };
}
