import type { CheckResult } from '../../checker/result.ts';

/** A result without what depends on the clock or the table's layout: what must be equal for every number of threads. */
export function comparable(r: CheckResult): unknown {
  const { seconds: _seconds, seenSetBytesPerState: _bytes, ...stats } = r.stats;
  return { ...r, stats };
}
