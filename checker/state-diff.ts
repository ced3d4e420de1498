/** One line of a diff: removed (`-`, in the state before) or added (`+`, in the state after). */
export interface DiffLine {
  readonly op: '-' | '+';
  readonly line: string;
  /** Where the line stands in its own rendering (`before` for `-`, `after` for `+`). */
  readonly index: number;
}

/** Above this many line pairs, lines are compared by position instead of by longest common subsequence. */
const LCS_LIMIT = 1_000_000;

/**
 * What changed between two renderings of a state, line by line (TLC's
 * `-difftrace`): the lines only in `before` (`-`) and only in `after` (`+`),
 * in order, each removal next to the addition that replaces it. Empty when
 * the renderings are equal.
 */
export function lineDiff(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  if (n * m > LCS_LIMIT) {
    const out: DiffLine[] = [];
    for (let i = 0; i < Math.max(n, m); i++) {
      if (before[i] === after[i]) continue;
      if (i < n) out.push({ op: '-', line: before[i]!, index: i });
      if (i < m) out.push({ op: '+', line: after[i]!, index: i });
    }
    return out;
  }
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      i++;
      j++;
    } else if (j === m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ op: '-', line: before[i]!, index: i });
      i++;
    } else {
      out.push({ op: '+', line: after[j]!, index: j });
      j++;
    }
  }
  return out;
}
