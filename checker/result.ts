import type { Expectation } from './model.ts';
import { collisionProbability, type FingerprintSet } from './seen-set.ts';
import type { Path } from './path.ts';

/**
 * How a run ended. `ok`: everything within the bounds was explored and no
 * invariant failed. `violated`: a counterexample was found. `incomplete`: no
 * violation, but a bound (depth, states, time) cut the exploration short.
 */
export type Verdict = 'ok' | 'violated' | 'incomplete';

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

/** Why exploration stopped early. */
export type StopReason = 'depth-bound' | 'state-bound' | 'time-bound' | 'all-properties-decided' | 'violation' | 'walks-done';

export interface CheckResult {
  readonly model: string;
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly verdict: Verdict;
  /** Bounds that cut exploration (empty when exhaustive). */
  readonly stoppedBy: readonly StopReason[];
  readonly discoveries: readonly Discovery[];
  /** Witnesses (`sometimes`) never reached: a model that never gets there proves nothing about it. */
  readonly unreached: readonly string[];
  /** Invariants (`always`) that held on every state explored. */
  readonly held: readonly string[];
  readonly stats: Stats;
  /** Seed of a random run. */
  readonly seed?: number;
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

/** The verdict for a run that stopped for `stoppedBy`. */
export function verdictOf(violated: boolean, stoppedBy: ReadonlySet<StopReason>): Verdict {
  if (violated) return 'violated';
  if (stoppedBy.has('depth-bound') || stoppedBy.has('state-bound') || stoppedBy.has('time-bound')) return 'incomplete';
  return 'ok';
}
