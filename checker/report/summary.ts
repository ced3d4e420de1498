import pc from 'picocolors';
import type { CheckResult } from '../result.ts';
import { count, probability, seconds, table } from './format.ts';

/** The summary printed after a check: counts, rates, verdict, properties, coverage. */
export function formatSummary(result: CheckResult): string {
  const s = result.stats;
  const rate = s.seconds > 0 ? s.distinct / s.seconds : 0;
  const lines: string[] = [];
  lines.push(
    table(
      ['distinct', 'generated', 'depth', 'time', 'states/s', 'bytes/state', 'collision p'],
      [[count(s.distinct), count(s.generated), String(s.depth), seconds(s.seconds), count(rate), s.seenSetBytesPerState.toFixed(1), probability(s.collisionProbability)]],
      [],
    ),
  );
  const verdict =
    result.verdict === 'ok' ? pc.green('ok') : result.verdict === 'violated' ? pc.red('VIOLATED') : pc.yellow('incomplete');
  const why = result.stoppedBy.length > 0 ? ` (stopped by: ${result.stoppedBy.join(', ')})` : ' (exhaustive within the model bounds)';
  lines.push(`verdict: ${verdict}${why}${result.seed === undefined ? '' : `, seed ${result.seed}`}`);
  if (result.held.length > 0) lines.push(`invariants held on every state explored: ${result.held.length} (${result.held.join('; ')})`);
  const witnesses = result.discoveries.filter((d) => d.kind === 'witness');
  if (witnesses.length > 0) lines.push(`witnesses reached: ${witnesses.map((w) => `${w.property} (depth ${w.path.actions.length})`).join('; ')}`);
  if (result.unreached.length > 0) lines.push(pc.yellow(`UNREACHED witnesses: ${result.unreached.join('; ')}`));
  else lines.push('unreached witnesses: none');
  if (s.collisions > 0) lines.push(pc.red(`fingerprint collisions detected: ${s.collisions}`));
  if (s.coverage.length > 0) {
    lines.push('coverage (evaluated:new per action):');
    const cov = s.coverage.map((c) => `${c.kind} ${count(c.evaluated)}:${count(c.fresh)}`);
    for (let i = 0; i < cov.length; i += 3) lines.push(`  ${cov.slice(i, i + 3).join('   ')}`);
    const never = s.coverage.filter((c) => c.evaluated === 0).map((c) => c.kind);
    if (never.length > 0) lines.push(pc.yellow(`  never taken: ${never.join(', ')}`));
  }
  return lines.join('\n');
}
