import type { CheckResult } from '../../checker/result.ts';

/** A result without what depends on the clock, the table's layout or the threads (`parallel`): what must be equal for every number of threads. */
export function comparable(r: CheckResult): unknown {
  const { seconds: _seconds, seenSetBytesPerState: _bytes, ...stats } = r.stats;
  const { parallel: _parallel, ...rest } = r;
  return { ...rest, stats };
}
