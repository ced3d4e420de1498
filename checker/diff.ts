/**
 * Side-by-side line diff of two renderings (spec vs abstract(impl)): lines
 * are paired by position; differing pairs are marked with `≠`.
 */
export function sideBySide(leftTitle: string, left: string, rightTitle: string, right: string): string {
  const l = left.split('\n');
  const r = right.split('\n');
  const width = Math.max(leftTitle.length, ...l.map((x) => x.length));
  const rows = [`  ${leftTitle.padEnd(width)} │ ${rightTitle}`];
  for (let i = 0; i < Math.max(l.length, r.length); i++) {
    const a = l[i] ?? '';
    const b = r[i] ?? '';
    rows.push(`${a === b ? ' ' : '≠'} ${a.padEnd(width)} │ ${b}`);
  }
  return rows.join('\n');
}
