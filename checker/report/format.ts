/** Number formatting and plain-text tables for reports. */

/**
 * 1234567 → "1,234,567" (rounded to an integer). Written out rather than
 * `toLocaleString('en-US')`, whose first call loads ICU's number formats
 * (12-20 ms of every command's start here); the same output, which a test
 * checks against it.
 */
export function count(n: number): string {
  const r = Math.round(n);
  // Non-finite values and those JavaScript prints in exponent form: as `toLocaleString` writes them.
  if (!Number.isFinite(r) || Math.abs(r) >= 1e21) return r.toLocaleString('en-US');
  const digits = String(Math.abs(r));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  return (r < 0 || Object.is(r, -0) ? '-' : '') + out;
}

/** 1234567 → "1.23M"; used in progress lines. */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Seconds with a sensible precision. */
export function seconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)}s` : `${s.toFixed(1)}s`;
}

/** A probability like 1.2e-13. */
export function probability(p: number): string {
  return p === 0 ? '0' : p.toExponential(1);
}

/** Characters a cell takes on the terminal: its length without ANSI colour escapes. */
export function visibleLength(cell: string): number {
  // eslint-disable-next-line no-control-regex
  return cell.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** Left-aligned first column, right-aligned others, separated by two spaces; widths ignore colour escapes. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], alignLeft: readonly number[] = [0]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => visibleLength(r[c] ?? ''))));
  const pad = (cell: string, c: number): string => ' '.repeat(widths[c]! - visibleLength(cell));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => (alignLeft.includes(c) ? cell + pad(cell, c) : pad(cell, c) + cell))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
