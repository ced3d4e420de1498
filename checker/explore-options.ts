import type { CheckpointIdentity, Snapshot } from './checkpoint.ts';
import type { StopFlag } from './stop-flag.ts';

/** A snapshot for progress lines. */
export interface Progress {
  readonly depth: number;
  readonly distinct: number;
  readonly generated: number;
  readonly queued: number;
  readonly seconds: number;
  /** Random walks begun so far (random simulation only). */
  readonly walks?: number;
}

/** Bounds and modes of one `explore` run. */
export interface ExploreOptions {
  /** `bfs` (default; shortest counterexamples) or `dfs`. */
  readonly strategy?: 'bfs' | 'dfs';
  /** States at this depth are checked but not expanded. */
  readonly maxDepth?: number;
  /** Stop once this many distinct states are stored. */
  readonly maxStates?: number;
  readonly timeLimitSeconds?: number;
  /** Stop at the first violated invariant (default true). */
  readonly stopOnViolation?: boolean;
  /** Keep full encodings and count fingerprint collisions (tests; slow). */
  readonly checkCollisions?: boolean;
  /** Allocate the seen-set in a SharedArrayBuffer. */
  readonly sharedSeenSet?: boolean;
  /** Presize the seen-set for this many states. */
  readonly expectedStates?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Milliseconds between `onProgress` calls (default 2000). */
  readonly progressIntervalMs?: number;
  /** Raised by another thread to stop the run (stop reason `interrupt`), read every 1,024 states expanded. */
  readonly stop?: StopFlag;
  /** Stop (reason `memory`) once the seen-set, frontier and trace hold more than this many bytes; checked every 1,024 states expanded. */
  readonly memoryBytes?: number;
  /**
   * Save the run in `file` (see checkpoint.ts): every `everyMs` milliseconds
   * (at the next state boundary) and when it ends, unless a state bound or a
   * failed allocation ended it mid-expansion (then the last periodic
   * checkpoint stays). A checkpoint that cannot be written is reported in the
   * result, not thrown.
   */
  readonly checkpoint?: { readonly file: string; readonly everyMs: number; readonly identity: CheckpointIdentity; readonly onWritten?: (file: string) => void };
  /** Go on from `snapshot` (read from `file` and matched to this run by the caller) instead of the initial states. */
  readonly resume?: { readonly snapshot: Snapshot; readonly file: string };
}
