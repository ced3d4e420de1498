import type { Expectation } from './model.ts';
import { collisionProbability, type FingerprintSet } from './seen-set.ts';
import type { Path } from './path.ts';

/**
 * How a run ended. `ok`: everything within the model's bounds was explored,
 * no invariant failed and every witness was reached. `violated`: a
 * counterexample was found. `unreached`: exhaustive and no violation, but a
 * witness (`sometimes`) was never reached, so the model (or the impl) lost a
 * behaviour: a failure. `incomplete`: no violation, but a bound (depth,
 * states, time) or an interrupt cut the exploration short, or the run was random walks;
 * witnesses not reached are then only "not reached before the stop".
 */
export type Verdict = 'ok' | 'violated' | 'unreached' | 'incomplete';

/** What a discovery shows: an invariant's counterexample, a witness, or an exception thrown inside a step. */
export type DiscoveryKind = 'counterexample' | 'witness' | 'exception';

/** A property decided during the run, with the path that decides it. */
export interface Discovery {
  readonly property: string;
  readonly expectation: Expectation;
  readonly kind: DiscoveryKind;
  readonly path: Path;
  /** For exceptions: the error's message. */
  readonly message?: string;
}

/** Per action kind: successors evaluated, and how many of them were new states. */
export interface ActionCoverage {
  readonly kind: string;
  readonly evaluated: number;
  readonly fresh: number;
}

export interface Stats {
  /** Distinct states stored. */
  readonly distinct: number;
  /** Initial states plus every successor generated (duplicates and self-loops included). */
  readonly generated: number;
  /** Greatest depth reached (initial states are at depth 0). */
  readonly depth: number;
  readonly seconds: number;
  /** Bytes held by the seen-set, per distinct state. */
  readonly seenSetBytesPerState: number;
  /** Bytes of the trace log (parent links), per distinct state. */
  readonly traceBytesPerState: number;
  /** Estimated probability that a fingerprint collision hid a state: d·(g−d)/2^64. */
  readonly collisionProbability: number;
  /** Collisions detected (only with the collision-checking seen-set). */
  readonly collisions: number;
  /** Per action kind, when the model names its action kinds. */
  readonly coverage: readonly ActionCoverage[];
}

/**
 * Why exploration stopped early. `interrupt`: the user asked the run to stop
 * (SIGINT or SIGTERM, through `ExploreOptions.stop`); the states stored until
 * then were checked, the rest were not. `memory`: the seen-set, frontier and
 * trace reached the memory budget (`--memory`), or an allocation failed.
 */
export type StopReason = 'depth-bound' | 'state-bound' | 'time-bound' | 'all-properties-decided' | 'violation' | 'walks-done' | 'interrupt' | 'memory';

export interface CheckResult {
  readonly model: string;
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly verdict: Verdict;
  /** Bounds that cut exploration (empty when exhaustive). */
  readonly stoppedBy: readonly StopReason[];
  readonly discoveries: readonly Discovery[];
  /**
   * Witnesses (`sometimes`) never reached: a model that never gets there
   * proves nothing about it. A failure when the run was exhaustive (verdict
   * `unreached`); otherwise they were not reached before the stop.
   */
  readonly unreached: readonly string[];
  /** Invariants (`always`) that held on every state explored. */
  readonly held: readonly string[];
  readonly stats: Stats;
  /** Seed of a random run. */
  readonly seed?: number;
  /** With stop reason `memory`: what ran out — the `--memory` budget, a typed-array allocation, or the JavaScript heap (nearly full). */
  readonly memoryStop?: 'budget' | 'allocation' | 'heap';
  /** With `--checkpoint`: the checkpoint this run wrote last (of its final state unless `checkpointError` says otherwise). */
  readonly checkpoint?: string;
  /** With `--checkpoint`: why the run's final state could not be saved (the last checkpoint written, if any, is older). */
  readonly checkpointError?: string;
  /** With `--resume`: the checkpoint the run continued from, and the seconds explored before it. */
  readonly resumedFrom?: {
    readonly file: string;
    readonly seconds: number;
    readonly distinct: number;
    /** Frontier entries saved, and the seconds their states took to rebuild (part of this session's time). */
    readonly frontier: number;
    readonly rebuildSeconds: number;
  };
  /** Walks a random run began (the last one may have been cut by a violation or a bound). */
  readonly walks?: number;
  /**
   * A parallel breadth-first run: its threads, and the levels they expanded
   * together (the others ran on this thread alone: before the helpers were
   * ready, or redone in order where something was decided).
   */
  readonly parallel?: { readonly threads: number; readonly levelsShared: number; readonly levelsAlone: number };
}

/** What a run measured, gathered into `Stats` (shared by exploration and simulation). */
export function statsOf(run: {
  readonly seen: FingerprintSet;
  readonly traceBytes: number;
  readonly generated: number;
  readonly depth: number;
  readonly seconds: number;
  readonly kinds: readonly string[];
  readonly evaluated: Float64Array;
  readonly fresh: Float64Array;
}): Stats {
  const d = run.seen.size;
  return {
    distinct: d,
    generated: run.generated,
    depth: run.depth,
    seconds: run.seconds,
    seenSetBytesPerState: d === 0 ? 0 : run.seen.bytes / d,
    traceBytesPerState: d === 0 ? 0 : run.traceBytes / d,
    collisionProbability: collisionProbability(d, run.generated),
    collisions: run.seen.collisions,
    coverage: run.kinds.map((kind, i) => ({ kind, evaluated: run.evaluated[i]!, fresh: run.fresh[i]! })),
  };
}

/** Stop reasons after which some reachable state may not have been explored. */
const CUTS: readonly StopReason[] = ['depth-bound', 'state-bound', 'time-bound', 'violation', 'walks-done', 'interrupt', 'memory'];

/**
 * True when the run explored every state within the model's bounds (it may
 * have stopped early only because every property was decided): an
 * unreached witness is then a failure rather than "not reached before the stop".
 */
export function isExhaustive(stoppedBy: Iterable<StopReason>): boolean {
  for (const r of stoppedBy) if (CUTS.includes(r)) return false;
  return true;
}

/** The verdict for a run that stopped for `stoppedBy`, leaving `unreached` witnesses. */
export function verdictOf(violated: boolean, stoppedBy: ReadonlySet<StopReason>, unreached: number): Verdict {
  if (violated) return 'violated';
  if (!isExhaustive(stoppedBy)) return 'incomplete';
  return unreached > 0 ? 'unreached' : 'ok';
}

/**
 * True when the result is a failure: a violation, or a witness never reached
 * on an exhaustive run. `xenspec check` exits 1 exactly then.
 */
export function isFailure(result: CheckResult): boolean {
  return result.verdict === 'violated' || result.verdict === 'unreached';
}

/**
 * True when `error` is a failed allocation of typed-array memory (the
 * seen-set, frontier or trace could not grow): the run then stops with the
 * reason `memory` instead of failing.
 */
export function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError && /allocation failed|Invalid typed array length|Invalid array length|Array buffer/i.test(error.message);
}
