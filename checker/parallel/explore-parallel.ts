import type { ExploreOptions } from '../explore.ts';
import { Encoder } from '../fingerprint.ts';
import type { Model } from '../model.ts';
import { PropertyTracker } from '../properties.ts';
import { isOutOfMemory, statsOf, verdictOf, type CheckResult } from '../result.ts';
import { stopRequested } from '../stop-flag.ts';
import { TraceLog } from '../trace.ts';
import { codecOf, hasCodec } from './codec.ts';
import { commitPartition, LevelWorker, type LevelJob } from './expand.ts';
import { Helpers, type ModelRef } from './helpers.ts';
import { CTL, newControl, orderedSegments, RecordBuffer, type Expanded } from './layout.ts';
import { checkWaiting, pushEntry, serialLevel, shouldStop, type RunState } from './run-state.ts';
import { SharedFingerprintTable } from './shared-table.ts';

/** Options of a parallel run: those of `explore` (breadth-first), the threads, and where the helpers' script is. */
export interface ParallelOptions extends Omit<ExploreOptions, 'strategy' | 'checkCollisions' | 'sharedSeenSet'> {
  /** Threads in all, this one included (at least 2). */
  readonly workers: number;
  /** The helper threads' script (dist/explore-worker.mjs). */
  readonly script: URL;
}

/** Load above which the shared table is grown before a commit. */
const MAX_LOAD = 0.7;

/**
 * True when `model` can be explored by several threads: its states are byte
 * vectors (`fast.stateBytes`) or have a fixed-size packing (`packed`), so
 * they move between threads as words in shared memory. Other models (object
 * states without a packing, such as the lockstep product) are explored on
 * one thread.
 */
export function canExploreInParallel<S, A>(model: Model<S, A>): boolean {
  return hasCodec(model);
}

/**
 * Breadth-first exploration on `options.workers` threads, level by level,
 * over one lock-free fingerprint table in shared memory: every thread claims
 * chunks of the level's frontier through an atomic cursor and expands them
 * with its own model instance (built by name from `ref`), writing the
 * successors the table does not hold into its own buffer; the threads then
 * store those candidates in the frontier's order, each the fingerprints of
 * its own partition, so the first occurrence of each new state is the one
 * kept; this thread finally appends them, in order, to the trace and the
 * next level. A level in which a property is decided, a step throws or a
 * bound cuts is redone on this thread alone, in order. The result (counts,
 * coverage, discoveries, paths) is therefore the sequential explorer's for
 * every number of threads; only time- and interrupt-stops, which land
 * wherever the clock says, may differ.
 */
export function exploreParallel<S, A>(model: Model<S, A>, ref: ModelRef, options: ParallelOptions): CheckResult {
  if (!canExploreInParallel(model)) throw new Error(`model ${model.name} cannot be explored in parallel: its states are neither byte vectors nor packed`);
  const started = performance.now();
  const deadline = options.timeLimitSeconds === undefined ? Number.POSITIVE_INFINITY : started + options.timeLimitSeconds * 1000;
  const words = codecOf(model).words;
  const kinds = model.coverage?.kinds ?? [];
  const progressInterval = options.progressIntervalMs ?? 2000;
  let nextProgress = started + progressInterval;
  const run: RunState<S, A> = {
    model,
    tracker: new PropertyTracker(model),
    trace: new TraceLog(),
    table: SharedFingerprintTable.allocate(Math.max(1 << 16, Math.ceil((options.expectedStates ?? 0) / MAX_LOAD))),
    distinct: 0,
    generated: 0,
    depthReached: 0,
    evaluated: new Float64Array(kinds.length),
    fresh: new Float64Array(kinds.length),
    stoppedBy: new Set(),
    maxDepth: options.maxDepth ?? Number.POSITIVE_INFINITY,
    maxStates: options.maxStates ?? Number.POSITIVE_INFINITY,
    stopOnViolation: options.stopOnViolation ?? true,
    words,
    poll: () => {
      if (stopRequested(options.stop)) run.stoppedBy.add('interrupt');
      else if (performance.now() >= deadline) run.stoppedBy.add('time-bound');
      else if (options.memoryBytes !== undefined && run.table.bytes + run.trace.bytes > options.memoryBytes) run.stoppedBy.add('memory');
      else return false;
      return true;
    },
  };
  const stride = words + 1;
  let frontier = new RecordBuffer(stride);
  initialLevel(run, frontier);
  let level = 0;
  let rest: number | undefined;
  const ctl = newControl();
  const helpers = new Helpers(options.script, ref, ctl, options.workers - 1);
  const own = new LevelWorker(model, run.poll);
  try {
    while (rest === undefined && frontier.size > 0 && !(run.distinct >= run.maxStates)) {
      const next = new RecordBuffer(stride, Math.max(1024, frontier.size));
      const whole = level < run.maxDepth && parallelLevel(run, helpers, own, frontier, level, next);
      if (whole === 'aborted') {
        rest = 0;
        break;
      }
      if (whole !== true) rest = serialLevel(run, frontier.words, frontier.size, level, next);
      if (rest === undefined) {
        frontier = next;
        level++;
      } else {
        frontier = concat(frontier, rest, next, stride);
      }
      const now = performance.now();
      if (options.onProgress !== undefined && now >= nextProgress) {
        nextProgress = now + progressInterval;
        options.onProgress({ depth: run.depthReached, distinct: run.distinct, generated: run.generated, queued: frontier.size, seconds: (now - started) / 1000 });
      }
      if (rest === undefined && run.poll()) rest = 0;
    }
  } catch (error) {
    // A failed allocation stops the run with what it has stored; the level in progress is left unexpanded.
    if (!isOutOfMemory(error)) throw error;
    run.stoppedBy.add('memory');
    rest = 0;
  } finally {
    helpers.close();
  }
  const waiting = rest === undefined ? 0 : frontier.size;
  if (run.distinct >= run.maxStates && frontier.size > 0) run.stoppedBy.add('state-bound');
  if ((run.stoppedBy.has('state-bound') || run.stoppedBy.has('time-bound')) && !shouldStop(run)) checkWaiting(run, [{ frontier: frontier.words, from: 0, count: frontier.size }]);
  if (run.tracker.violated && run.stopOnViolation) run.stoppedBy.add('violation');
  else if (run.tracker.allDecided && waiting > 0) run.stoppedBy.add('all-properties-decided');
  const unreached = run.tracker.unreached();
  const seen = { size: run.distinct, bytes: run.table.bytes, collisions: 0, add: (): boolean => false };
  return {
    model: model.name,
    strategy: 'bfs',
    verdict: verdictOf(run.tracker.violated, run.stoppedBy, unreached.length),
    stoppedBy: [...run.stoppedBy],
    discoveries: run.tracker.discoveries,
    unreached,
    held: run.tracker.held(),
    stats: statsOf({
      seen,
      traceBytes: run.trace.bytes,
      generated: run.generated,
      depth: run.depthReached,
      seconds: (performance.now() - started) / 1000,
      kinds,
      evaluated: run.evaluated,
      fresh: run.fresh,
    }),
  };
}

/** Stores the initial states (level 0), as the sequential explorer does. */
function initialLevel<S, A>(run: RunState<S, A>, frontier: RecordBuffer): void {
  const { model } = run;
  const encoder = new Encoder();
  const codec = codecOf(model);
  const inits = model.initStates();
  for (let i = 0; i < inits.length; i++) {
    if (run.distinct >= run.maxStates) {
      run.stoppedBy.add('state-bound');
      break;
    }
    const s = inits[i]!;
    if (model.withinBounds !== undefined && !model.withinBounds(s)) continue;
    run.generated++;
    encoder.reset();
    model.encode(s, encoder);
    encoder.fingerprint();
    if (!run.table.insert(encoder.hi, encoder.lo)) continue;
    run.distinct++;
    const at = frontier.append();
    codec.store(s, frontier.words, at);
    frontier.words[at + run.words] = run.trace.add(-1, i);
  }
}

/**
 * Expands a level on every thread. Returns true when done (the next level
 * is in `next`), false when the level must be redone in order on this
 * thread (something was decided, or the state bound would cut it), or
 * `aborted` when the run must stop now.
 */
function parallelLevel<S, A>(run: RunState<S, A>, helpers: Helpers, own: LevelWorker<S, A>, frontier: RecordBuffer, level: number, next: RecordBuffer): boolean | 'aborted' {
  const threads = helpers.count + 1;
  const ctl = helpers.ctl;
  const chunk = Math.max(4, Math.min(512, Math.ceil(frontier.size / (threads * 8))));
  Atomics.store(ctl, CTL.cursor, 0);
  Atomics.store(ctl, CTL.event, 0);
  Atomics.store(ctl, CTL.abort, 0);
  const decided = run.tracker.discoveries.map((d) => d.property);
  const job: LevelJob = { frontier: frontier.words, count: frontier.size, chunk, table: run.table, decided };
  helpers.start(() => ({ type: 'expand', frontier: job.frontier, count: job.count, chunk, table: run.table.buffer, decided }));
  const mine = own.expand(job, ctl);
  const all: Expanded[] = [mine, ...(helpers.finish() as unknown as Expanded[])];
  if (Atomics.load(ctl, CTL.abort) !== 0) return 'aborted';
  if (Atomics.load(ctl, CTL.event) !== 0) return false;
  const stride = run.words + 6;
  const candidates = all.reduce((n, e) => n + e.segments.reduce((m, _, i) => (i % 3 === 2 ? m + e.segments[i]! : m), 0), 0);
  if (run.distinct + candidates >= run.maxStates) return false;
  const needed = Math.ceil((run.distinct + candidates) / MAX_LOAD);
  if (needed > run.table.capacity) run.table = run.table.grownTo(Math.max(needed, run.table.capacity * 2));
  const segments = orderedSegments(all);
  const records = all.map((e) => e.records);
  helpers.start((i) => ({ type: 'commit', table: run.table.buffer, records, segments, stride, part: i + 1, parts: threads }));
  commitPartition(run.table, records, segments, stride, 0, threads);
  helpers.finish();
  for (const e of all) {
    run.generated += e.generated;
    e.evaluated.forEach((n, k) => (run.evaluated[k]! += n));
  }
  appendFresh(run, frontier, records, segments, next);
  if (next.size > 0) run.depthReached = Math.max(run.depthReached, level + 1);
  return true;
}

/** Appends the candidates flagged new to the trace and the next level, in the frontier's order. */
function appendFresh<S, A>(run: RunState<S, A>, frontier: RecordBuffer, records: readonly Int32Array[], segments: Int32Array, next: RecordBuffer): void {
  const words = run.words;
  const stride = words + 6;
  const parents = frontier.words;
  for (let s = 0; s < segments.length; s += 3) {
    const rec = records[segments[s]!]!;
    const end = (segments[s + 1]! + segments[s + 2]!) * stride;
    for (let r = segments[s + 1]! * stride; r < end; r += stride) {
      if (rec[r + words + 5] !== 1) continue;
      const parentId = parents[rec[r + words]! * (words + 1) + words]!;
      const kind = rec[r + words + 2]!;
      if (kind >= 0) run.fresh[kind]!++;
      run.distinct++;
      pushEntry(next, rec, words, run.trace.add(parentId, rec[r + words + 1]!), r);
    }
  }
}

/** The entries `from..` of `frontier` followed by those of `next`: what waits after a stop. */
function concat(frontier: RecordBuffer, from: number, next: RecordBuffer, stride: number): RecordBuffer {
  const out = new RecordBuffer(stride, Math.max(1, frontier.size - from + next.size));
  out.words.set(frontier.words.subarray(from * stride, frontier.size * stride), 0);
  out.words.set(next.words.subarray(0, next.size * stride), (frontier.size - from) * stride);
  out.size = frontier.size - from + next.size;
  return out;
}
