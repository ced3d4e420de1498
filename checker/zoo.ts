import { explore, type Progress } from './explore.ts';
import type { Subsystem, VariantInfo } from './subsystem.ts';

/** One row of the zoo table. */
export interface ZooRow {
  readonly subsystem: string;
  /** The variant id, or undefined for the unmodified impl (the control row). */
  readonly variant: string | undefined;
  readonly config: string;
  /** The property the variant must break (undefined for the control row, which must break none). */
  readonly expectedProperty: string | undefined;
  /** The first invariant the run found violated, if any. */
  readonly foundProperty: string | undefined;
  /** Witnesses never reached (a failure of a control row, whose run is exhaustive). */
  readonly unreached: readonly string[];
  /**
   * True when the variant broke its expected property, or, for the control
   * row, the run is fully `ok`: no violation and every witness reached.
   */
  readonly caught: boolean;
  /** Actions in the counterexample (undefined when none). */
  readonly traceLength: number | undefined;
  readonly distinct: number;
  readonly seconds: number;
}

/** Options of a zoo run. */
export interface ZooOptions {
  /** Progress of the row being checked (`what`: the variant id, or the unmodified impl and its config). */
  readonly onProgress?: (what: string, progress: Progress) => void;
  /** Milliseconds between progress reports (default 2000). */
  readonly progressIntervalMs?: number;
}

function runOne(subsystem: Subsystem, config: string, variant: VariantInfo | undefined, options: ZooOptions): ZooRow {
  const model = subsystem.build(config, { variant: variant?.id, side: 'both' });
  const report = options.onProgress;
  const what = variant?.id ?? `${subsystem.name} (unmodified, ${config})`;
  const result = explore(model, {
    strategy: 'bfs',
    ...(report === undefined ? {} : { onProgress: (p: Progress) => report(what, p) }),
    ...(options.progressIntervalMs === undefined ? {} : { progressIntervalMs: options.progressIntervalMs }),
  });
  const first = result.discoveries.find((d) => d.kind !== 'witness');
  const found = first?.property;
  return {
    subsystem: subsystem.name,
    variant: variant?.id,
    config,
    expectedProperty: variant?.expectedProperty,
    foundProperty: found,
    unreached: result.unreached,
    caught: variant === undefined ? result.verdict === 'ok' : found === variant.expectedProperty,
    traceLength: first?.path.actions.length,
    distinct: result.stats.distinct,
    seconds: result.stats.seconds,
  };
}

/**
 * Checks every variant of `subsystem` on its configuration (BFS, lockstep),
 * plus the unmodified impl on each configuration the variants use: a
 * variant is caught when the first violated invariant is its expected
 * property; the unmodified impl must violate nothing and reach every
 * witness (verdict `ok`).
 */
export function runZoo(subsystem: Subsystem, options: ZooOptions = {}): ZooRow[] {
  const rows: ZooRow[] = [];
  const configs = [...new Set(subsystem.variants.map((v) => v.config))];
  for (const config of configs) rows.push(runOne(subsystem, config, undefined, options));
  for (const variant of subsystem.variants) rows.push(runOne(subsystem, variant.config, variant, options));
  return rows;
}
