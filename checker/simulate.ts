import type { Progress } from './explore.ts';
import { Encoder } from './fingerprint.ts';
import { heapNearlyFull } from './heap.ts';
import type { Model } from './model.ts';
import type { Path } from './path.ts';
import { PropertyTracker } from './properties.ts';
import { Random } from './random.ts';
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
  const encoder = new Encoder();
  const kinds = model.coverage?.kinds ?? [];
  const evaluated = new Float64Array(kinds.length);
  const fresh = new Float64Array(kinds.length);
  const stoppedBy = new Set<StopReason>();
  let memoryStop: CheckResult['memoryStop'];
  const inits = model.initStates().filter((s) => model.withinBounds?.(s) ?? true);
  const actions: A[] = [];
  let generated = 0;
  let depthReached = 0;
  const progressInterval = options.progressIntervalMs ?? 2000;
  let nextProgress = started + progressInterval;

  const visit = (s: S): boolean => {
    encoder.reset();
    model.encode(s, encoder);
    encoder.fingerprint();
    return seen.add(encoder);
  };

  let walksDone = 0;
  walking: for (let w = 0; w < walks && inits.length > 0; w++) {
    const random = Random.stream(options.seed, w);
    walksDone = w + 1;
    const init = random.below(inits.length);
    const steps: number[] = [];
    const pathNow = (): Path => ({ init, actions: [...steps] });
    let s: S = inits[init]!;
    generated++;
    visit(s);
    for (let depth = 0; ; depth++) {
      try {
        tracker.checkState(s, pathNow);
        if ((tracker.violated && stopOnViolation) || tracker.allDecided) break walking;
        // The state bound is checked once the newest state's properties are: a bound never hides a visited state.
        if (seen.size >= maxStates) {
          stoppedBy.add('state-bound');
          break walking;
        }
        if (depth >= walkLength) break;
        actions.length = 0;
        model.actions(s, actions);
        if (actions.length === 0) break;
        const k = random.below(actions.length);
        const a = actions[k]!;
        steps.push(k);
        const t = model.next(s, a);
        if (t === undefined || !(model.withinBounds?.(t) ?? true)) break;
        generated++;
        const kind = model.coverage?.kindOf(a) ?? -1;
        if (kind >= 0) evaluated[kind]!++;
        tracker.checkTransition(s, a, t, pathNow);
        if ((tracker.violated && stopOnViolation) || tracker.allDecided) break walking;
        if (visit(t) && kind >= 0) fresh[kind]!++;
        if (depth + 1 > depthReached) depthReached = depth + 1;
        s = t;
      } catch (error) {
        tracker.exception(error, pathNow());
        if (stopOnViolation) break walking;
        break;
      }
    }
    // The last walk ends the run whatever the clock says, so `walks-done` never depends on the machine's speed.
    if (w + 1 >= walks) break;
    if (stopRequested(options.stop)) {
      stoppedBy.add('interrupt');
      break;
    }
    if (options.memoryBytes !== undefined && seen.bytes > options.memoryBytes) {
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
    if (options.onProgress !== undefined && now >= nextProgress) {
      nextProgress = now + progressInterval;
      options.onProgress({ depth: depthReached, distinct: seen.size, generated, queued: 0, seconds: (now - started) / 1000, walks: w + 1 });
    }
  }
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
