import { explore, type Progress } from '../explore.ts';
import type { CheckResult } from '../result.ts';
import { simulate } from '../simulate.ts';
import type { StopFlag } from '../stop-flag.ts';
import type { Side } from '../subsystem.ts';
import { findSubsystem } from './options.ts';

/** Defaults of `--strategy random`: walk length and seconds. */
export const RANDOM_WALK_LENGTH = 200;
export const RANDOM_TIME_LIMIT = 10;

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
}

/** Runs `request` on this thread; `stop`, when raised by another thread, ends it with the reason `interrupt`. */
export function runRequest(request: RunRequest, stop?: StopFlag, onProgress?: (p: Progress) => void): CheckResult {
  const model = findSubsystem(request.subsystem).build(request.config, { variant: request.variant, side: request.side });
  const common = {
    ...(request.maxStates === undefined ? {} : { maxStates: request.maxStates }),
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(stop === undefined ? {} : { stop }),
  };
  if (request.strategy === 'random') {
    return simulate(model, {
      ...common,
      seed: request.seed,
      maxDepth: request.maxDepth ?? RANDOM_WALK_LENGTH,
      timeLimitSeconds: request.timeLimit ?? RANDOM_TIME_LIMIT,
      walks: Number.MAX_SAFE_INTEGER,
    });
  }
  return explore(model, {
    ...common,
    strategy: request.strategy,
    ...(request.maxDepth === undefined ? {} : { maxDepth: request.maxDepth }),
    ...(request.timeLimit === undefined ? {} : { timeLimitSeconds: request.timeLimit }),
  });
}
