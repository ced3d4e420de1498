import type { CheckpointIdentity } from '../../checker/checkpoint.ts';
import type { ExploreOptions } from '../../checker/explore.ts';
import { newStopFlag, requestStop } from '../../checker/stop-flag.ts';
import { findSubsystem } from '../../checker/cli/options.ts';
import type { Model } from '../../checker/model.ts';
import type { CheckResult } from '../../checker/result.ts';
import type { Side } from '../../checker/subsystem.ts';

/* What the checkpoint suites share: an identity for checkpoints written in-process, models by name, and what a resumed run must reproduce. */

/** The identity of checkpoints the tests write through `explore` directly (only the CLI matches identities). */
export const IDENTITY: CheckpointIdentity = {
  subsystem: 'test',
  config: 'test',
  variant: null,
  side: 'both',
  strategy: 'bfs',
  maxDepth: null,
  stopOnViolation: true,
  xenspec: 'test',
  model: 'test',
};

/** A registered model, built by name. */
export function build(subsystem: string, config: string, side: Side = 'both', variant?: string): Model<unknown, unknown> {
  return findSubsystem(subsystem).build(config, { variant, side });
}

/** What must be equal between an uninterrupted run and a resumed one (not the time). */
export function outcome(r: CheckResult): unknown {
  const { distinct, generated, depth, coverage, collisionProbability } = r.stats;
  return {
    verdict: r.verdict,
    stoppedBy: [...r.stoppedBy].sort(),
    distinct,
    generated,
    depth,
    coverage,
    collisionProbability,
    discoveries: r.discoveries,
    unreached: r.unreached,
    held: r.held,
  };
}

/** Options that stop a run at its `k`-th progress report (every 1,024 expansions, or every level on several threads) and leave a checkpoint in `file`. */
export function stoppedAt(k: number, file: string): Pick<ExploreOptions, 'stop' | 'progressIntervalMs' | 'onProgress' | 'checkpoint'> {
  const stop = newStopFlag();
  let reports = 0;
  return {
    stop,
    progressIntervalMs: 0,
    onProgress: () => {
      if (++reports === k) requestStop(stop);
    },
    checkpoint: { file, everyMs: 1e12, identity: IDENTITY },
  };
}
