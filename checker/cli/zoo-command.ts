import pc from 'picocolors';
import { count, seconds, table } from '../report/format.ts';
import { runZoo, type ZooRow } from '../zoo.ts';
import type { Output } from './check.ts';
import { findSubsystem } from './options.ts';
import { subsystems } from '../../model/registry.ts';

/**
 * `xenspec zoo [subsystem…]`: checks every bug-zoo variant (and, as a
 * control, the unmodified impl on the same configurations) and prints the
 * table. Returns 0 when every variant is caught and every control is clean
 * (verdict `ok`: no violation, every witness reached).
 */
export function runZooCommand(names: readonly string[], io: Output): number {
  const targets = (names.length === 0 ? subsystems : names.map(findSubsystem)).filter((s) => s.variants.length > 0);
  const rows: ZooRow[] = [];
  for (const subsystem of targets) rows.push(...runZoo(subsystem));
  io.out(
    table(
      ['variant', 'config', 'expected property', 'found', 'caught', 'trace', 'states', 'time'],
      rows.map((r) => [
        r.variant ?? `${r.subsystem} (unmodified)`,
        r.config,
        r.expectedProperty ?? '(none)',
        r.foundProperty ?? (r.variant === undefined && r.unreached.length > 0 ? `(none; unreached: ${r.unreached.join('; ')})` : '(none)'),
        r.caught ? pc.green('yes') : pc.red('NO'),
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
  return caught === variants.length && clean === controls ? 0 : 1;
}
