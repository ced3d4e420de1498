import type { ExploreOptions } from '../explore.ts';
import { Encoder } from '../fingerprint.ts';
import { heapNearlyFull } from '../heap.ts';
import type { Model } from '../model.ts';
import { PropertyTracker } from '../properties.ts';
import { isOutOfMemory, statsOf, verdictOf, type CheckResult } from '../result.ts';
import { stopRequested } from '../stop-flag.ts';
import { TraceLog } from '../trace.ts';
import { codecOf, hasCodec } from './codec.ts';
import { LevelWorker, runRow, type AppendJob, type Appended, type CommitJob, type Expanded, type ExpandJob } from './expand.ts';
import { Helpers, type ModelRef } from './helpers.ts';
import { chunkRow, CHUNK, CTL, FRONT, FRONT_EXTRA, RecordBuffer } from './layout.ts';
import { checkWaiting, decideWitnesses, GROWTH, growTable, makeRoom, MAX_LOAD, roomFor, serialLevel, shouldStop, type RunState } from './run-state.ts';
import { SharedFingerprintTable } from './shared-table.ts';
import { resumeParallel, saveParallel } from './checkpoint-parallel.ts';

/** Options of a parallel run: those of `explore` (breadth-first), the threads, and where the helpers' script is. */
export interface ParallelOptions extends Omit<ExploreOptions, 'strategy' | 'checkCollisions' | 'sharedSeenSet'> {
  /** Threads in all, this one included (at least 2). */
  readonly workers: number;
  /** The helper threads' script (dist/explore-worker.mjs). */
  readonly script: URL;
  /** Wait for the helpers to be ready before the first level (tests: so that small models, done before a helper starts, are explored by every thread too). */
  readonly awaitHelpers?: boolean;
  /** Slots of the shared table at the start (tests: a tiny table, so that every path that stores states must grow it). */
  readonly firstTableSlots?: number;
}

/** Partitions of the fingerprints per thread in the commit phase (claimed one at a time, so that a thread slowed by the machine's load does not hold up the level). */
const PARTS_PER_THREAD = 4;
/** Partitions at most (a record's partition is kept in a byte). */
const MAX_PARTS = 256;
/** Chunks per thread a level is cut into, about: the last chunk claimed is what the other threads wait for (16 measured a little faster than 8 on uart-toy, 32 no faster). */
const CHUNKS_PER_THREAD = 16;
/** Parents per chunk of a level's frontier, at most and at least. */
const MAX_CHUNK = 4096;
const MIN_CHUNK = 16;

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
    trace: new TraceLog(1 << 12, true),
    table: SharedFingerprintTable.allocate(options.firstTableSlots ?? Math.max(1 << 16, Math.ceil((options.expectedStates ?? 0) / MAX_LOAD))),
    distinct: 0,
    generated: 0,
    depthReached: 0,
    remapped: [],
    newPerCandidate: 1,
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
      else if (heapNearlyFull()) run.stoppedBy.add('memory');
      else return false;
      return true;
    },
  };
  const stride = words + FRONT_EXTRA;
  const resumed = options.resume;
  let frontier: RecordBuffer;
  let level = 0;
  // The first `split` entries of `frontier` are at depth `level`, the rest (after a stop inside a level) one deeper.
  let split: number;
  let rebuildSeconds = 0;
  if (resumed !== undefined) {
    const waiting = resumeParallel(run, resumed.snapshot, resumed.file);
    ({ frontier, split } = waiting);
    level = waiting.depth;
    rebuildSeconds = (performance.now() - started) / 1000;
  } else {
    frontier = new RecordBuffer(stride);
    initialLevel(run, frontier);
    split = frontier.size;
  }
  const earlier = resumed?.snapshot.seconds ?? 0;
  const checkpoint = options.checkpoint;
  let nextCheckpoint = checkpoint === undefined ? Number.POSITIVE_INFINITY : started + checkpoint.everyMs;
  let checkpointWritten: string | undefined;
  let checkpointError: string | undefined;
  const save = (): void => {
    if (checkpoint === undefined) return;
    checkpointError = saveParallel(checkpoint, run, { frontier, split, depth: level }, earlier + (performance.now() - started) / 1000);
    if (checkpointError === undefined) checkpointWritten = checkpoint.file;
  };
  let rest: number | undefined;
  const helpers = Helpers.obtain(options.script, ref, options.workers - 1);
  const own = new LevelWorker(model, run.poll);
  if (options.awaitHelpers === true) helpers.awaitReady();
  // After a level redone on this thread, the threads' caches of known fingerprints may hold some the table does not.
  let forget = false;
  // The buffer of the level before last, reused for the next level.
  let spare = new RecordBuffer(stride);
  let allocationFailed = false;
  let levelsShared = 0;
  let levelsAlone = 0;
  try {
    // A run resumed inside a level finishes that level on this thread, after the deeper states already waiting.
    if (split < frontier.size) {
      const next = new RecordBuffer(stride, frontier.size - split);
      next.words.set(frontier.words.subarray(split * stride, frontier.size * stride));
      next.size = frontier.size - split;
      rest = serialLevel(run, frontier.words, split, level, next);
      levelsAlone++;
      forget = true;
      if (rest === undefined) {
        frontier = next;
        level++;
        split = frontier.size;
      } else {
        frontier = concat(frontier, rest, split, next, stride);
        split -= rest;
      }
    }
    while (rest === undefined && frontier.size > 0 && !(run.distinct >= run.maxStates)) {
      const together = helpers.count > 0 && helpers.ready();
      const whole = level < run.maxDepth ? parallelLevel(run, helpers, together, own, frontier, level, forget, spare) : false;
      if (whole !== false && whole !== 'aborted' && together) levelsShared++;
      else levelsAlone++;
      forget = false;
      if (whole === 'aborted') {
        rest = 0;
        break;
      }
      let next: RecordBuffer;
      if (whole === false) {
        next = spare;
        next.clear();
        rest = serialLevel(run, frontier.words, frontier.size, level, next);
        forget = true;
      } else {
        next = whole;
      }
      if (rest === undefined) {
        spare = frontier;
        frontier = next;
        level++;
        split = frontier.size;
      } else {
        split = frontier.size - rest;
        frontier = concat(frontier, rest, frontier.size, next, stride);
      }
      const now = performance.now();
      if (options.onProgress !== undefined && now >= nextProgress) {
        nextProgress = now + progressInterval;
        options.onProgress({ depth: run.depthReached, distinct: run.distinct, generated: run.generated, queued: frontier.size, seconds: (now - started) / 1000 });
      }
      if (rest === undefined && run.poll()) rest = 0;
      if (rest === undefined && now >= nextCheckpoint) {
        save();
        nextCheckpoint = performance.now() + checkpoint!.everyMs;
      }
    }
  } catch (error) {
    // A failed allocation stops the run with what it has stored; the level in progress is left unexpanded.
    if (!isOutOfMemory(error)) throw error;
    run.stoppedBy.add('memory');
    allocationFailed = true;
    rest = 0;
  } finally {
    helpers.close();
  }
  if (run.distinct >= run.maxStates && frontier.size > 0) run.stoppedBy.add('state-bound');
  // The final checkpoint, between two levels or where a level redone on this thread stopped; a cut inside an expansion leaves the last periodic one.
  if (checkpoint !== undefined && !run.stoppedBy.has('state-bound') && !allocationFailed) save();
  const waiting = rest === undefined ? 0 : frontier.size;
  if ((run.stoppedBy.has('state-bound') || run.stoppedBy.has('time-bound')) && !shouldStop(run)) checkWaiting(run, [{ frontier: frontier.words, from: 0, count: frontier.size }]);
  if (run.tracker.violated && run.stopOnViolation) run.stoppedBy.add('violation');
  else if (run.tracker.allDecided && waiting > 0) run.stoppedBy.add('all-properties-decided');
  const unreached = run.tracker.unreached();
  const seen = { size: run.distinct, bytes: run.table.bytes, collisions: 0, add: (): boolean => false };
  return {
    ...(checkpointWritten === undefined ? {} : { checkpoint: checkpointWritten }),
    ...(checkpointError === undefined ? {} : { checkpointError }),
    ...(resumed === undefined
      ? {}
      : {
          resumedFrom: {
            file: resumed.file,
            seconds: resumed.snapshot.seconds,
            distinct: resumed.snapshot.seenSize,
            frontier: resumed.snapshot.frontier.length / 4,
            rebuildSeconds,
          },
        }),
    parallel: { threads: options.workers, levelsShared, levelsAlone },
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
      seconds: earlier + (performance.now() - started) / 1000,
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
    makeRoom(run);
    if (!run.table.insert(encoder.hi, encoder.lo)) continue;
    if ((encoder.hi | 0) === 0 || (encoder.hi | 0) === -1) run.remapped.push(encoder.hi | 0, encoder.lo | 0);
    run.distinct++;
    const at = frontier.append();
    codec.store(s, frontier.words, at);
    frontier.words[at + run.words + FRONT.id] = run.trace.add(-1, i);
    frontier.words[at + run.words + FRONT.hi] = encoder.hi;
    frontier.words[at + run.words + FRONT.lo] = encoder.lo;
  }
}

/**
 * Expands a level on every thread, in three phases (see `LevelWorker`):
 * expand, commit, append. Returns the next level when done, false when the
 * level must be redone in order on this thread (something was decided, or
 * the state bound would cut it), or `aborted` when the run must stop now.
 *
 * What this thread does alone between the phases is proportional to the
 * level's chunks (about 16 per thread) times its partitions (4 per thread),
 * never to its states, except when the shared table must grow, which the
 * threads share too.
 */
function parallelLevel<S, A>(
  run: RunState<S, A>,
  helpers: Helpers,
  together: boolean,
  own: LevelWorker<S, A>,
  frontier: RecordBuffer,
  level: number,
  forget: boolean,
  next: RecordBuffer,
): RecordBuffer | false | 'aborted' {
  // Until the helpers have built their models (`together`), this thread goes on alone.
  const threads = together ? helpers.count + 1 : 1;
  const ctl = helpers.ctl;
  const parts = threads === 1 ? 1 : Math.min(MAX_PARTS, threads * PARTS_PER_THREAD);
  const chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(frontier.size / (threads * CHUNKS_PER_THREAD))));
  const nChunks = Math.ceil(frontier.size / chunk);
  Atomics.store(ctl, CTL.cursor, 0);
  Atomics.store(ctl, CTL.event, 0);
  Atomics.store(ctl, CTL.abort, 0);
  const decided = run.tracker.discoveries.map((d) => d.property);
  const job: ExpandJob = { frontier: frontier.words, count: frontier.size, chunk, parts, decided, forget };
  if (together) helpers.start(() => ({ type: 'expand', job }));
  const all: Expanded[] = [own.expand(job, ctl)];
  if (together) for (const reply of helpers.finish()) all.push(reply.expanded as Expanded);
  if (Atomics.load(ctl, CTL.abort) !== 0) return 'aborted';
  if (Atomics.load(ctl, CTL.event) !== 0) return false;
  let candidates = 0;
  for (const e of all) candidates += e.candidates;
  if (run.distinct + candidates >= run.maxStates) return false;
  if (!decideWitnesses(run, all, frontier.words)) return false;
  // Every candidate could be new: room for all of them below FULL_LOAD, and for the likely new ones below MAX_LOAD.
  const needed = roomFor(run, candidates);
  if (needed > run.table.capacity) growTable(run, together ? helpers : undefined, Math.max(run.table.capacity * GROWTH, needed));

  const row = chunkRow(parts);
  const chunks = new Int32Array(new SharedArrayBuffer(nChunks * row * 4));
  const runWords = runRow(parts);
  // Every chunk of the level expanded by exactly one thread, or the threads disagree (a bug: stop rather than lose states).
  const claimed = new Uint8Array(nChunks);
  all.forEach((e, thread) => {
    if (e.runs.length % runWords !== 0) throw new Error(`parallel level ${level}: thread ${thread}'s chunk rows are cut`);
    for (let o = 0; o < e.runs.length; o += runWords) {
      const c = e.runs[o]!;
      if (!(c >= 0 && c < nChunks) || claimed[c] !== 0) throw new Error(`parallel level ${level}: chunk ${c} reported twice or out of range`);
      claimed[c] = 1;
      const at = c * row;
      chunks[at + CHUNK.owner] = thread;
      chunks.set(e.runs.subarray(o + 3, o + runWords), at + CHUNK.parts);
    }
  });
  if (claimed.includes(0)) throw new Error(`parallel level ${level}: chunk ${claimed.indexOf(0)} was expanded by no thread`);
  const winners = new Int32Array(new SharedArrayBuffer(nChunks * parts * 4));
  const commit: CommitJob = { table: run.table.buffer, chunks, count: nChunks, parts, entries: all.map((e) => e.entries), winners };
  Atomics.store(ctl, CTL.cursor, 0);
  if (together) helpers.start(() => ({ type: 'commit', job: commit }));
  run.remapped.push(...own.commit(commit, ctl));
  if (together) for (const reply of helpers.finish()) run.remapped.push(...(reply.remapped as number[]));

  const bases = new Int32Array(new SharedArrayBuffer(nChunks * 4));
  let total = 0;
  for (let c = 0; c < nChunks; c++) {
    bases[c] = total;
    for (let q = 0; q < parts; q++) total += winners[c * parts + q]!;
  }
  next.resize(total);
  const traceBase = run.trace.reserve(total);
  const append: AppendJob = { next: next.words, bases, parents: run.trace.parentIds, steps: run.trace.stepIds, traceBase, total };
  if (together) helpers.start(() => ({ type: 'append', job: append }));
  const appended = [own.append(append)];
  if (together) for (const reply of helpers.finish()) appended.push(reply.appended as Appended);
  const misplaced = appended.reduce((n, a) => n + a.misplaced, 0);
  if (misplaced > 0) throw new Error(`parallel level ${level}: ${misplaced} chunks' new states did not fill their places in the next level`);
  const fresh = appended.map((a) => a.fresh);
  for (const e of all) {
    run.generated += e.generated;
    e.evaluated.forEach((n, k) => (run.evaluated[k]! += n));
  }
  for (const f of fresh) f.forEach((n, k) => (run.fresh[k]! += n));
  run.distinct += total;
  if (candidates > 0) run.newPerCandidate = total / candidates;
  if (total > 0) run.depthReached = Math.max(run.depthReached, level + 1);
  return next;
}

/** The entries `from .. to` of `frontier` followed by those of `next`: what waits after a stop. */
function concat(frontier: RecordBuffer, from: number, to: number, next: RecordBuffer, stride: number): RecordBuffer {
  const out = new RecordBuffer(stride, Math.max(1, to - from + next.size));
  out.words.set(frontier.words.subarray(from * stride, to * stride), 0);
  out.words.set(next.words.subarray(0, next.size * stride), (to - from) * stride);
  out.size = to - from + next.size;
  return out;
}
