import { isExhaustive, type CheckResult, type Verdict } from '../result.ts';
import { count, probability, seconds, table } from './format.ts';
import { PLAIN, type Colors } from '../cli/colors.ts';

function verdictLabel(verdict: Verdict, pc: Colors): string {
  switch (verdict) {
    case 'ok':
      return pc.green('ok');
    case 'violated':
      return pc.red('VIOLATED');
    case 'unreached':
      return pc.red('UNREACHED');
    case 'incomplete':
      return pc.yellow('incomplete');
  }
}

/** Below this many distinct states, the seen-set's preallocated table dominates its bytes per state, which then says nothing about the model. */
export const BYTES_PER_STATE_FROM = 10_000;

/** Seen-set bytes per state, or `—` for a run too small for the figure to mean anything. */
function bytesPerState(s: { readonly distinct: number; readonly seenSetBytesPerState: number }): string {
  return s.distinct >= BYTES_PER_STATE_FROM ? s.seenSetBytesPerState.toFixed(1) : '—';
}

/** The summary printed after a check: counts, rates, verdict, properties, coverage. */
export function formatSummary(result: CheckResult, pc: Colors = PLAIN): string {
  const s = result.stats;
  const rate = s.seconds > 0 ? s.distinct / s.seconds : 0;
  const lines: string[] = [];
  lines.push(
    table(
      ['distinct', 'generated', 'depth', 'time', 'states/s', 'bytes/state', 'collision p'],
      [[count(s.distinct), count(s.generated), String(s.depth), seconds(s.seconds), count(rate), bytesPerState(s), probability(s.collisionProbability)]],
      [],
    ),
  );
  const verdict = verdictLabel(result.verdict, pc);
  const exhaustive = isExhaustive(result.stoppedBy);
  const why =
    result.verdict === 'unreached'
      ? ` (exhaustive within the model bounds, but ${result.unreached.length === 1 ? 'a witness was' : `${result.unreached.length} witnesses were`} never reached)`
      : result.stoppedBy.length > 0
        ? ` (stopped by: ${result.stoppedBy.join(', ')})`
        : ' (exhaustive within the model bounds)';
  lines.push(
    `verdict: ${verdict}${why}${result.seed === undefined ? '' : `, seed ${result.seed}`}${result.walks === undefined ? '' : `, ${count(result.walks)} walk${result.walks === 1 ? '' : 's'}`}`,
  );
  if (result.held.length > 0) lines.push(`invariants held on every state explored: ${result.held.length} (${result.held.join('; ')})`);
  const witnesses = result.discoveries.filter((d) => d.kind === 'witness');
  if (witnesses.length > 0) lines.push(`witnesses reached: ${witnesses.map((w) => `${w.property} (depth ${w.path.actions.length})`).join('; ')}`);
  if (result.unreached.length === 0) lines.push('unreached witnesses: none');
  else if (exhaustive) lines.push(pc.red(`FAILED: witnesses never reached on an exhaustive run: ${result.unreached.join('; ')}`));
  else lines.push(pc.yellow(`witnesses not reached before the stop: ${result.unreached.join('; ')}`));
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
