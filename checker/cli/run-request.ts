import { existsSync } from 'node:fs';
import { CheckpointError, checkpointFile, identityMismatch, modelDigest, readCheckpoint, type CheckpointIdentity } from '../checkpoint.ts';
import { explore, type Progress } from '../explore.ts';
import type { Model } from '../model.ts';
import { canExploreInParallel, exploreParallel } from '../parallel/explore-parallel.ts';
import { parallelWalker } from '../parallel/walkers.ts';
import type { CheckResult } from '../result.ts';
import { simulate } from '../simulate.ts';
import type { StopFlag } from '../stop-flag.ts';
import type { Side } from '../subsystem.ts';
import { UsageError } from '../subsystem.ts';
import { VERSION } from '../version.ts';
import { findSubsystem } from './options.ts';

/** Defaults of `--strategy random`: walk length and seconds. */
export const RANDOM_WALK_LENGTH = 200;
export const RANDOM_TIME_LIMIT = 10;

/**
 * The time limit of a random run: `--time-limit` when given; else none with
 * `--walks` (exactly that many walks, whatever the machine's speed), else
 * `RANDOM_TIME_LIMIT`. With both, the walks stop at whichever comes first.
 */
export function randomTimeLimit(timeLimit: number | undefined, walks: number | undefined): number | undefined {
  return timeLimit ?? (walks === undefined ? RANDOM_TIME_LIMIT : undefined);
}

/**
 * One check, named entirely by plain data (so it can cross to a worker
 * thread): the model is rebuilt by name through the registry wherever the
 * check runs.
 */
export interface RunRequest {
  readonly subsystem: string;
  readonly config: string;
  readonly variant: string | undefined;
  readonly side: Side;
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly maxDepth: number | undefined;
  readonly maxStates: number | undefined;
  readonly timeLimit: number | undefined;
  readonly seed: number;
  /** Random walks to do (`--walks`); undefined: until the time limit. */
  readonly walks: number | undefined;
  /** Threads for breadth-first search and random walks (1: this thread alone). */
  readonly workers: number;
  /** URL of the helper threads' script (dist/explore-worker.mjs), when known. */
  readonly helperScript: string | undefined;
  /** Budget in bytes for the seen-set, frontier and trace (`--memory`). */
  readonly memory: number | undefined;
  /** Parallel breadth-first search waits for its helper threads before the first level (tests; the CLI never sets it). */
  readonly awaitHelpers?: boolean;
  /** `--checkpoint DIR` and `--checkpoint-every` (milliseconds). */
  readonly checkpoint?: { readonly dir: string; readonly everyMs: number } | undefined;
  /** `--resume DIR`: go on from this run's checkpoint there, when there is one. */
  readonly resume?: string | undefined;
}

/** What a checkpoint of `request` on `model` must be of. */
export function identityOf(request: RunRequest, model: Model<unknown, unknown>): CheckpointIdentity {
  if (request.strategy === 'random') throw new UsageError('--checkpoint and --resume apply to breadth-first and depth-first search, not to random walks');
  return {
    subsystem: request.subsystem,
    config: request.config,
    variant: request.variant ?? null,
    side: request.side,
    strategy: request.strategy,
    maxDepth: request.maxDepth ?? null,
    stopOnViolation: true,
    xenspec: VERSION,
    model: modelDigest(model),
  };
}

/**
 * The checkpoint `request` resumes from, read, checked and matched to the
 * run (a `CheckpointError`, exit 2, otherwise); undefined when the request
 * does not resume or `DIR` holds no checkpoint of this run.
 */
export function resumePoint(request: RunRequest, model: Model<unknown, unknown>): { readonly file: string; readonly snapshot: ReturnType<typeof readCheckpoint> } | undefined {
  if (request.resume === undefined) return undefined;
  const identity = identityOf(request, model);
  const file = checkpointFile(request.resume, identity);
  if (!existsSync(file)) return undefined;
  const snapshot = readCheckpoint(file);
  const mismatch = identityMismatch(snapshot.identity, identity);
  if (mismatch !== undefined) throw new CheckpointError(`checkpoint ${file} cannot be resumed by this run: ${mismatch}`);
  return { file, snapshot };
}

/**
 * How many threads `request` really runs on, and why not more: breadth-first
 * search of a model whose states can live in shared memory, and random walks
 * of any model, use every worker asked for; depth-first search and other
 * models use one.
 */
export function threadsOf(request: RunRequest, model: Model<unknown, unknown>): { readonly threads: number; readonly why?: string } {
  if (request.workers <= 1) return { threads: 1 };
  if (request.strategy === 'dfs') return { threads: 1, why: 'depth-first search runs on one thread' };
  if (request.strategy === 'random') {
    if (request.helperScript === undefined) return { threads: 1, why: 'no helper script (dist/explore-worker.mjs): run `npm run build`' };
    return { threads: request.workers };
  }
  if (!canExploreInParallel(model))
    return { threads: 1, why: 'this model’s states are neither byte vectors nor packed in a form other threads can read, so they cannot be shared between threads' };
  if (request.helperScript === undefined) return { threads: 1, why: 'no helper script (dist/explore-worker.mjs): run `npm run build`' };
  return { threads: request.workers };
}

/** Runs `request` on this thread; `stop`, when raised by another thread, ends it with the reason `interrupt`. */
export function runRequest(request: RunRequest, stop?: StopFlag, onProgress?: (p: Progress) => void): CheckResult {
  const model = findSubsystem(request.subsystem).build(request.config, { variant: request.variant, side: request.side });
  const common = {
    ...(request.maxStates === undefined ? {} : { maxStates: request.maxStates }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(stop === undefined ? {} : { stop }),
    ...(request.memory === undefined ? {} : { memoryBytes: request.memory }),
  };
  if (request.strategy === 'random') {
    const timeLimit = randomTimeLimit(request.timeLimit, request.walks);
    const { threads } = threadsOf(request, model);
    return simulate(model, {
      ...(threads > 1 ? { walker: (m: Model<unknown, unknown>) => parallelWalker(m, request, new URL(request.helperScript!), threads) } : {}),
      ...common,
      seed: request.seed,
      maxDepth: request.maxDepth ?? RANDOM_WALK_LENGTH,
      ...(timeLimit === undefined ? {} : { timeLimitSeconds: timeLimit }),
      walks: request.walks ?? Number.MAX_SAFE_INTEGER,
    });
  }
  const { threads } = threadsOf(request, model);
  const resume = resumePoint(request, model);
  const checkpoint = request.checkpoint;
  const saving =
    checkpoint === undefined
      ? {}
      : { checkpoint: { file: checkpointFile(checkpoint.dir, identityOf(request, model)), everyMs: checkpoint.everyMs, identity: identityOf(request, model) } };
  if (threads > 1) {
    return exploreParallel(model, request, {
      ...common,
      ...(resume === undefined ? {} : { resume }),
      ...saving,
      workers: threads,
      script: new URL(request.helperScript!),
      ...(request.awaitHelpers === true ? { awaitHelpers: true } : {}),
      ...(request.maxDepth === undefined ? {} : { maxDepth: request.maxDepth }),
      ...(request.timeLimit === undefined ? {} : { timeLimitSeconds: request.timeLimit }),
    });
  }
  return explore(model, {
    ...common,
    ...(resume === undefined ? {} : { resume }),
    ...saving,
    strategy: request.strategy,
    ...(request.maxDepth === undefined ? {} : { maxDepth: request.maxDepth }),
    ...(request.timeLimit === undefined ? {} : { timeLimitSeconds: request.timeLimit }),
  });
}
