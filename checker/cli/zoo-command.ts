import { colorsFor, type Colors } from './colors.ts';
import { count, seconds, table } from '../report/format.ts';
import { zooResultsJson } from '../report/json.ts';
import { formatZooJunit } from '../report/junit.ts';
import { runZoo, type ZooRow } from '../zoo.ts';
import type { Output } from './output.ts';
import { findSubsystem } from './options.ts';
import { checkOutputFile, writeReport } from './output-files.ts';
import { progressTo } from './progress.ts';
import { subsystems } from '../../model/registry.ts';

/** Options of `xenspec zoo`. */
export interface ZooCommandOptions {
  readonly json?: string | undefined;
  readonly junit?: string | undefined;
  readonly progress: boolean;
}

/** The `caught` column: a variant is caught or ESCAPED; a control row is clean or NOT CLEAN. */
function outcome(r: ZooRow, pc: Colors): string {
  if (r.variant === undefined) return r.caught ? pc.green('clean') : pc.red('NOT CLEAN');
  return r.caught ? pc.green('caught') : pc.red('ESCAPED');
}

/**
 * `xenspec zoo [subsystem…]`: checks every bug-zoo variant (and, as a
 * control, the unmodified impl on the same configurations) and prints the
 * table; writes JSON and JUnit reports when asked. Returns 0 when every
 * variant is caught and every control is clean (verdict `ok`: no violation,
 * every witness reached), 1 otherwise, 2 when a report cannot be written.
 */
export function runZooCommand(names: readonly string[], io: Output, options: ZooCommandOptions = { progress: true }): number {
  const targets = (names.length === 0 ? subsystems : names.map(findSubsystem)).filter((s) => s.variants.length > 0);
  if (options.json !== undefined) checkOutputFile('--json', options.json);
  if (options.junit !== undefined) checkOutputFile('--junit', options.junit);
  const progress = progressTo(io, options.progress);
  const pc = colorsFor(io);
  const rows: ZooRow[] = [];
  for (const subsystem of targets) rows.push(...runZoo(subsystem, progress === undefined ? {} : { onProgress: (what, p) => progress(p, `zoo ${what}: `) }));
  io.progress?.('');
  io.out(
    table(
      ['variant', 'config', 'expected property', 'found', 'outcome', 'trace', 'states', 'time'],
      rows.map((r) => [
        r.variant ?? `${r.subsystem} (unmodified)`,
        r.config,
        r.expectedProperty ?? '(none)',
        r.foundProperty ?? (r.variant === undefined && r.unreached.length > 0 ? `(none; unreached: ${r.unreached.join('; ')})` : '(none)'),
        outcome(r, pc),
        r.traceLength === undefined ? '—' : String(r.traceLength),
        count(r.distinct),
        seconds(r.seconds),
      ]),
      [0, 1, 2, 3],
    ),
  );
  const variants = rows.filter((r) => r.variant !== undefined);
  const caught = variants.filter((r) => r.caught).length;
  const clean = rows.filter((r) => r.variant === undefined && r.caught).length;
  const controls = rows.length - variants.length;
  io.out(`${caught} of ${variants.length} variants caught; unmodified impl clean on ${clean} of ${controls} configs`);
  let writeFailed = false;
  if (options.json !== undefined && !writeReport('--json', options.json, zooResultsJson(rows), io)) writeFailed = true;
  if (options.junit !== undefined && !writeReport('--junit', options.junit, formatZooJunit(rows), io)) writeFailed = true;
  if (writeFailed) return 2;
  return caught === variants.length && clean === controls ? 0 : 1;
}
