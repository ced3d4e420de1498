import type { Progress } from '../explore.ts';
import { compact, seconds } from '../report/format.ts';
import type { Output } from './output.ts';

/** Width assumed when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/** `line` cut to fit in `columns - 1` characters (the last column would wrap on some terminals). */
export function fitToWidth(line: string, columns: number | undefined): string {
  const width = Math.max(20, (columns ?? DEFAULT_COLUMNS) - 1);
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

/** A progress line: the most useful numbers first, so that cutting it to the terminal's width loses the least. */
export function progressLine(p: Progress, prefix = ''): string {
  const rate = p.seconds > 0 ? compact(p.distinct / p.seconds) : '0';
  const queue = p.walks === undefined ? `queue ${compact(p.queued)}` : `${compact(p.walks)} walks`;
  return `${prefix}${seconds(p.seconds)} depth ${p.depth} · ${compact(p.distinct)} distinct (${rate}/s) · ${compact(p.generated)} generated · ${queue}`;
}

/** A progress callback writing to the terminal's progress line, or undefined when progress is off or there is no terminal. */
export function progressTo(io: Output, enabled: boolean): ((p: Progress, prefix?: string) => void) | undefined {
  if (!enabled || io.progress === undefined) return undefined;
  const write = io.progress.bind(io);
  return (p, prefix) => write(fitToWidth(progressLine(p, prefix), io.columns?.()));
}
