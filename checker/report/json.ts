import { formatPath } from '../path.ts';
import type { ZooRow } from '../zoo.ts';
import type { LabelledResult } from './junit.ts';

/** Version of the JSON reports (`--json` of `check` and `zoo`). Bump on any incompatible change. */
export const RESULTS_VERSION = 1;

/** Options of the run, echoed in the report. */
export interface RunEcho {
  readonly strategy: 'bfs' | 'dfs' | 'random';
  readonly maxDepth?: number | undefined;
  readonly maxStates?: number | undefined;
  readonly timeLimit?: number | undefined;
  readonly seed?: number | undefined;
  readonly walks?: number | undefined;
}

/**
 * The `check --json` report (format `xenspec-check-results`, version
 * `RESULTS_VERSION`): one entry per check with subsystem, config, variant
 * and side as separate fields, the verdict, and each discovery with its
 * path written as in counterexample files (`"0/3/1"`) and the
 * counterexample file written for it (null for witnesses, or when it could
 * not be written: `notWritten` then says why), the checkpoint written
 * (`checkpoint`) and resumed from (`resumedFrom`), or null. `failed` is true when a
 * check failed (`check` exits 1). Documented in the README.
 */
export function checkResultsJson(results: readonly LabelledResult[], run: RunEcho, failed: boolean): string {
  const body = {
    format: 'xenspec-check-results',
    version: RESULTS_VERSION,
    failed,
    results: results.map((r) => ({
      subsystem: r.subsystem ?? null,
      config: r.config ?? null,
      variant: r.variant ?? null,
      side: r.side ?? null,
      strategy: r.result.strategy,
      seed: r.result.seed ?? null,
      walks: r.result.walks ?? null,
      bounds: { maxDepth: run.maxDepth ?? null, maxStates: run.maxStates ?? null, timeLimitSeconds: run.timeLimit ?? null, walks: run.walks ?? null },
      verdict: r.result.verdict,
      stoppedBy: r.result.stoppedBy,
      held: r.result.held,
      unreached: r.result.unreached,
      discoveries: r.result.discoveries.map((d) => {
        const trace = r.traces?.find((t) => t.discovery === d);
        return {
          property: d.property,
          kind: d.kind,
          path: formatPath(d.path),
          steps: d.path.actions.length,
          ...(d.message === undefined ? {} : { message: d.message }),
          counterexampleFile: trace?.file ?? null,
          ...(trace?.notWritten === undefined ? {} : { notWritten: trace.notWritten }),
        };
      }),
      stats: r.result.stats,
      checkpoint: r.result.checkpoint ?? null,
      resumedFrom: r.result.resumedFrom?.file ?? null,
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** The `zoo --json` report (format `xenspec-zoo-results`, version `RESULTS_VERSION`): one row per variant and control. */
export function zooResultsJson(rows: readonly ZooRow[]): string {
  const variants = rows.filter((r) => r.variant !== undefined);
  const controls = rows.filter((r) => r.variant === undefined);
  const body = {
    format: 'xenspec-zoo-results',
    version: RESULTS_VERSION,
    failed: rows.some((r) => !r.caught),
    variants: variants.length,
    caught: variants.filter((r) => r.caught).length,
    controls: controls.length,
    clean: controls.filter((r) => r.caught).length,
    rows: rows.map((r) => ({
      subsystem: r.subsystem,
      variant: r.variant ?? null,
      config: r.config,
      expectedProperty: r.expectedProperty ?? null,
      foundProperty: r.foundProperty ?? null,
      unreached: r.unreached,
      outcome: r.variant === undefined ? (r.caught ? 'clean' : 'not clean') : r.caught ? 'caught' : 'escaped',
      steps: r.traceLength ?? null,
      distinct: r.distinct,
      seconds: r.seconds,
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}
